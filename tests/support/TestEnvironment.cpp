#include "TestEnvironment.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
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

QList<qint64> childProcesses(const QString& program, bool withZombies)
{
    QList<qint64> pids;
    const QString self = QString::number(QCoreApplication::applicationPid());
    const QString command = QLatin1Char('(') + program.left(15) + QLatin1Char(')');
    for (const QString& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid ..." (proc(5)); comm may hold spaces and parentheses, so split after the
        // last ')'.
        const QString line = QString::fromUtf8(stat.readAll());
        const qsizetype close = line.lastIndexOf(QLatin1Char(')'));
        const QStringList fields = line.mid(close + 2).split(QLatin1Char(' '));
        if (fields.size() > 1 && fields.at(1) == self
            && line.mid(line.indexOf(QLatin1Char('(')), close + 1 - line.indexOf(QLatin1Char('('))) == command
            && (withZombies || fields.at(0) != QLatin1String("Z")))
            pids.append(pid.toLongLong());
    }
    return pids;
}

} // namespace certdesk::test
