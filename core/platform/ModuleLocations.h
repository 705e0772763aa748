#pragma once

// Where a vendor's PKCS#11 DLL is on Windows, as full paths for ModuleLibrary (which loads nothing else). The
// vendor profiles (resources/tokens/vendor-profiles.json) name the DLL and where its installer puts it:
// directories (with %VARIABLE% references, e.g. %ProgramFiles%\OpenSC Project\OpenSC\pkcs11) and registry
// values that hold the install directory or a file in it. %SystemRoot%\System32 is always tried last, since
// most vendor installers copy their DLL there. Pure logic over a Registry and an environment, so tests run it
// with fakes on every platform.

#include "platform/Registry.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace certdesk::platform {

// A registry value that tells where a vendor installed its files.
struct RegistryLocation
{
    QString key; // "HKLM\SOFTWARE\OpenSC Project\OpenSC"
    QString value; // "ConfigFile"
    bool valueIsFile = false; // the value names a file in the install directory (its directory is taken)
    QString subdirectory; // below that directory: "pkcs11"; empty for the directory itself
};

struct ModuleLocationRule
{
    QString fileName; // "opensc-pkcs11.dll"
    QStringList directories; // tried after the registry, in order
    QList<RegistryLocation> registry;
};

using Environment = std::function<std::optional<QString>(const QString& name)>;

// The process environment (qEnvironmentVariable), for real use.
[[nodiscard]] Environment processEnvironment();

// "%ProgramFiles%\x" with each %NAME% replaced from `environment` (names are case-insensitive on Windows: the
// lookup gets the name as written). nullopt when a variable is not set, so that no half-expanded path is
// tried.
[[nodiscard]] std::optional<QString> expandEnvironment(const QString& text, const Environment& environment);

// The full paths at which `rule.fileName` may be, most specific first, without duplicates (case-insensitive,
// either separator): each registry location that holds a value, then each directory, then
// %SystemRoot%\System32. Only paths that moduleLoadRefusal(PathStyle::Windows) accepts are listed.
[[nodiscard]] QStringList moduleCandidates(
    const ModuleLocationRule& rule, const Registry& registry, const Environment& environment);

} // namespace certdesk::platform
