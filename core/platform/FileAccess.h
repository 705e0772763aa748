#pragma once

// Owner-only files: keys, secrets, the service's data directory. POSIX systems have mode bits and an owner
// (stat(2)); the checks refuse what group or others may use and make new files 0600 and directories 0700.
// Windows has ACLs instead of mode bits: CertDesk sets none of its own there ("ACL-less", docs/windows.md)
// and relies on the ACL a file inherits from its directory — the user's profile (%LOCALAPPDATA%) for the
// client, the service's data directory for certdesk-server — so every check below passes for a file that
// exists.

#include <QString>

class QFileDevice;

namespace certdesk::platform {

struct FileAccess
{
    bool exists = false;
    bool symlink = false; // only seen when links are not followed
    bool directory = false;
    bool openToOthers = false; // POSIX: a group or other permission bit is set
    bool ownedByMe = true; // POSIX: owned by the effective user
    unsigned mode = 0; // POSIX permission bits (07777); 0 on Windows

    // "0600" ("0000" on Windows).
    [[nodiscard]] QString modeText() const;
};

// What the permission checks need to know about `path`.
[[nodiscard]] FileAccess fileAccess(const QString& path, bool followLinks = true);

// Makes `path` the owner's alone: 0600 for a file, 0700 for a directory (chmod(2)). True on Windows, where
// the inherited ACL applies.
bool restrictToOwner(const QString& path);

// Files and directories this process creates from now on are the owner's alone (umask(2) 077). Nothing on
// Windows.
void createOwnerOnlyFiles();

// The current user can list, read and write in the directory `path` (access(2) R_OK|W_OK|X_OK; on Windows a
// directory that exists and is not read-only).
[[nodiscard]] bool directoryUsable(const QString& path);

// Flushes `file` and asks the system to put it on disk (fsync(2); _commit on Windows). False on failure.
[[nodiscard]] bool syncToDisk(QFileDevice& file);
// Puts the directory entries of `directory` on disk, so that a rename into it survives a power cut (fsync(2)
// of the directory, POSIX). Nothing on Windows, which has no directory fsync (NTFS journals the rename).
void syncDirectory(const QString& directory);

} // namespace certdesk::platform
