// FileAccess on Windows: no mode bits, no owner check (the inherited ACL applies: FileAccess.h).
#include "platform/FileAccess.h"

#include <QFileDevice>
#include <QFileInfo>

#include <io.h>

namespace certdesk::platform {

FileAccess fileAccess(const QString& path, bool followLinks)
{
    FileAccess access;
    const QFileInfo info(path);
    access.symlink = !followLinks && info.isSymLink();
    access.exists = access.symlink || info.exists();
    access.directory = info.isDir();
    return access;
}

bool restrictToOwner(const QString& path)
{
    return QFileInfo::exists(path);
}

void createOwnerOnlyFiles() { }

bool directoryUsable(const QString& path)
{
    const QFileInfo info(path);
    return info.isDir() && info.isReadable() && info.isWritable();
}

bool syncToDisk(QFileDevice& file)
{
    return file.flush() && _commit(file.handle()) == 0;
}

void syncDirectory(const QString& directory)
{
    Q_UNUSED(directory);
}

} // namespace certdesk::platform
