// FileAccess on POSIX systems: stat(2)/lstat(2), chmod(2), umask(2), access(2), sigaction(2).
#include "platform/FileAccess.h"

#include <QFile>

#include <fcntl.h>

#include <sys/stat.h>
#include <unistd.h>

namespace certdesk::platform {

FileAccess fileAccess(const QString& path, bool followLinks)
{
    FileAccess access;
    struct stat info = {};
    const QByteArray name = QFile::encodeName(path);
    if ((followLinks ? ::stat(name.constData(), &info) : ::lstat(name.constData(), &info)) != 0)
        return access;
    access.exists = true;
    access.symlink = S_ISLNK(info.st_mode);
    access.directory = S_ISDIR(info.st_mode);
    access.mode = unsigned(info.st_mode & 07777);
    access.openToOthers = (info.st_mode & 077) != 0;
    access.ownedByMe = info.st_uid == ::geteuid();
    return access;
}

bool restrictToOwner(const QString& path)
{
    const FileAccess access = fileAccess(path);
    if (!access.exists)
        return false;
    return ::chmod(QFile::encodeName(path).constData(), access.directory ? 0700 : 0600) == 0;
}

void createOwnerOnlyFiles()
{
    ::umask(077);
}

bool directoryUsable(const QString& path)
{
    return ::access(QFile::encodeName(path).constData(), R_OK | W_OK | X_OK) == 0;
}

bool syncToDisk(QFileDevice& file)
{
    return file.flush() && ::fsync(file.handle()) == 0;
}

void syncDirectory(const QString& directory)
{
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)::fsync(fd);
        ::close(fd);
    }
}

} // namespace certdesk::platform
