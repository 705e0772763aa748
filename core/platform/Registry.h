#pragma once

// Reading the Windows registry, behind an interface so that what reads it (ModuleLocations: where a vendor
// installed its PKCS#11 DLL) is tested with a fake on every platform. RegistryWin.cpp reads the real one
// (RegGetValueW, the 64-bit view); on other systems there is no registry and every lookup finds nothing.
// CertDesk's own settings are QSettings, which on Windows is the registry as well
// (HKEY_CURRENT_USER\Software\ CertDesk\..., UserLocations.h).

#include <QString>

#include <optional>

namespace certdesk::platform {

class Registry
{
public:
    virtual ~Registry() = default;
    // The string value `name` (REG_SZ; REG_EXPAND_SZ with environment variables expanded) of `key`, a full
    // key path starting with its root: "HKLM\SOFTWARE\OpenSC Project\OpenSC" (HKLM, HKCU or the long names
    // HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER). nullopt when the key or value is missing or not a string.
    [[nodiscard]] virtual std::optional<QString> stringValue(
        const QString& key, const QString& name) const = 0;

    // This system's registry (an empty one where there is none).
    [[nodiscard]] static const Registry& system();
};

} // namespace certdesk::platform
