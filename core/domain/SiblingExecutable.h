#pragma once

#include <QString>

namespace certdesk {

// A helper program CertDesk runs as a child process (the PKCS#11 module probe in certdesk-cli, the scan
// helper): the path in the environment variable `environmentVariable` when it is set (tests, unusual
// installs), else `baseName` (".exe" added on Windows) next to the running binary
// (QCoreApplication::applicationDirPath()). Empty when that file does not exist or there is no application
// object.
[[nodiscard]] QString locateSiblingExecutable(const char* environmentVariable, const QString& baseName);

} // namespace certdesk
