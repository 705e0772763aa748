#pragma once

#include "token/Pkcs11Module.h"
#include "token/TokenStatus.h"

#include <QString>
#include <QStringList>

namespace certdesk::token {

// Loads PKCS#11 modules by path. A missing file, a file that is not a PKCS#11 library or a module that fails
// to initialize gives a status, never a crash. (A module that crashes inside C_Initialize takes the process
// with it; a caller that must survive that probes the module in a child process first.)
class ModuleLoader
{
public:
    // Loads `path` (a full path, or a bare file name the system loader searches, as vendor DLL names on
    // Windows are) or returns the module already loaded from that file. Statuses: ModuleMissing,
    // ModuleLoadFailed (not a loadable library / no C_GetFunctionList), ModuleFailed (C_Initialize or
    // C_GetInfo failed).
    [[nodiscard]] static TokenResult<Pkcs11Module> load(const QString& path);

    // Module paths to try on this platform, most specific first. Linux: SoftHSM2 and OpenSC in the usual
    // multiarch locations; Windows: the vendor DLL names from the vendor profiles, then OpenSC.
    [[nodiscard]] static QStringList defaultModulePaths();
    // defaultModulePaths() that exist here (Windows names are kept: the loader finds them in System32).
    [[nodiscard]] static QStringList installedModulePaths();
};

} // namespace certdesk::token
