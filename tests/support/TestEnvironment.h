#pragma once

#include <QList>
#include <QString>

namespace certdesk::test {

// Fixed time zone and locale for every test, so results do not depend on the machine.
void fixEnvironment();
// The source tree (CERTDESK_SOURCE_DIR, set by ctest) and the build tree.
[[nodiscard]] QString sourceDir();
[[nodiscard]] QString binaryDir();
// A built executable of this build (e.g. "certdesk-server"), or empty if it is not there.
[[nodiscard]] QString executable(const QString& name);
// The process ids of this process's descendants (children, their children, ...) running `program` (matched on
// the kernel's command name, the program's file name cut to 15 characters), read from /proc (Linux). With
// `withZombies`, also processes that have ended but were not waited for.
[[nodiscard]] QList<qint64> descendantProcesses(const QString& program, bool withZombies = true);

} // namespace certdesk::test
