#pragma once

#include <QString>

namespace certdesk::test {

// Fixed time zone and locale for every test, so results do not depend on the machine.
void fixEnvironment();
// The source tree (CERTDESK_SOURCE_DIR, set by ctest) and the build tree.
[[nodiscard]] QString sourceDir();
[[nodiscard]] QString binaryDir();
// A built executable of this build (e.g. "certdesk-server"), or empty if it is not there.
[[nodiscard]] QString executable(const QString& name);

} // namespace certdesk::test
