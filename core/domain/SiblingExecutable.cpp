#include "domain/SiblingExecutable.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace certdesk {

QString locateSiblingExecutable(const char* environmentVariable, const QString& baseName)
{
    const QString fromEnvironment = qEnvironmentVariable(environmentVariable);
    if (!fromEnvironment.isEmpty())
        return QFileInfo::exists(fromEnvironment) ? fromEnvironment : QString();
    if (!QCoreApplication::instance())
        return {};
#if defined(Q_OS_WIN)
    const QString name = baseName + QStringLiteral(".exe");
#else
    const QString name = baseName;
#endif
    const QString candidate = QDir(QCoreApplication::applicationDirPath()).filePath(name);
    return QFileInfo::exists(candidate) ? candidate : QString();
}

} // namespace certdesk
