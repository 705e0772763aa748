#include "platform/ModuleLibrary.h"

#include <QStringList>

namespace certdesk::platform {

QString moduleLoadRefusal(const QString& path, PathStyle style)
{
    if (path.isEmpty())
        return QStringLiteral("no module path");
    if (path.contains(QChar(0)))
        return QStringLiteral("the module path contains a NUL character");
    if (style == PathStyle::Windows) {
        const QString slashed = QString(path).replace(QLatin1Char('/'), QLatin1Char('\\'));
        if (slashed.startsWith(QLatin1String("\\\\?\\")) || slashed.startsWith(QLatin1String("\\\\.\\")))
            return QStringLiteral("%1 is a device path, not a file on a local disk").arg(path);
        if (slashed.startsWith(QLatin1String("\\\\")))
            return QStringLiteral("%1 is on a network share; modules load from a local disk only").arg(path);
        const bool drive = slashed.size() >= 3 && slashed.at(0).isLetter() && slashed.at(0).unicode() < 128
            && slashed.at(1) == QLatin1Char(':') && slashed.at(2) == QLatin1Char('\\');
        if (!drive)
            return QStringLiteral(
                "%1 is not a full path (C:\\...\\module.dll); a bare or relative name would "
                "be looked for in the search path")
                .arg(path);
        if (slashed.split(QLatin1Char('\\')).contains(QLatin1String("..")))
            return QStringLiteral("%1 contains \"..\"").arg(path);
        return {};
    }
    if (!path.startsWith(QLatin1Char('/')))
        return QStringLiteral(
            "%1 is not a full path (/.../module.so); a bare or relative name would be looked "
            "for in the search path")
            .arg(path);
    if (path.split(QLatin1Char('/')).contains(QLatin1String("..")))
        return QStringLiteral("%1 contains \"..\"").arg(path);
    return {};
}

ModuleLibrary::ModuleLibrary(void* handle, QString fileName)
    : m_handle(handle)
    , m_fileName(std::move(fileName))
{ }

} // namespace certdesk::platform
