#include "TestEnvironment.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QProcessEnvironment>
#include <QtGlobal>

namespace certdesk::test {

void fixEnvironment()
{
    qputenv("TZ", "Asia/Shanghai");
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
}

QString sourceDir()
{
    return qEnvironmentVariable("CERTDESK_SOURCE_DIR", QStringLiteral(CERTDESK_SOURCE_DIR_DEFAULT));
}

QString binaryDir()
{
    return qEnvironmentVariable("CERTDESK_BINARY_DIR", QStringLiteral(CERTDESK_BINARY_DIR_DEFAULT));
}

QString executable(const QString& name)
{
    for (const QString& dir : {QStringLiteral("/app"), QStringLiteral("/server"), QString()}) {
        const QFileInfo fi(binaryDir() + dir + QLatin1Char('/') + name);
        if (fi.isExecutable())
            return fi.absoluteFilePath();
    }
    return {};
}

} // namespace certdesk::test
