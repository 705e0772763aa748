#pragma once

#include "token/ModuleProbe.h"
#include "token/Pkcs11Module.h"
#include "token/TokenStatus.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace certdesk::token {

// Loads PKCS#11 modules by path. A missing file, a file that is not a PKCS#11 library or a module that fails
// to initialize gives a status, never a crash. A module that would crash or hang inside C_GetFunctionList,
// C_Initialize or C_GetSlotList would take the process with it, so before the first in-process load of a file
// the loader probes it in a child process (ModuleProbe; `certdesk-cli token probe`) and refuses it on a crash
// or hang. When no probe executable is found (no certdesk-cli next to the binary, no $CERTDESK_CLI) the
// module is loaded in-process unprobed, as before.
class ModuleLoader
{
public:
    // Loads `path` (a full path: a bare file name is never handed to the system loader's search, see
    // platform/ModuleLibrary.h) or returns the module already loaded from that file. Statuses: ModuleMissing
    // (also for a bare name),
    // ModuleLoadFailed (not a loadable library / no C_GetFunctionList), ModuleFailed (C_Initialize or
    // C_GetInfo failed, or the probe saw it crash or hang: the detail says which). The probe verdict is
    // cached per file and modification time for the process lifetime. Blocks while probing (up to the probe's
    // timeout, 10 s by default); other loads of the same file wait meanwhile, loads of other files do not.
    // Windows call it through ModuleWorkers (token/ModuleWorker.h), never on the GUI thread.
    [[nodiscard]] static TokenResult<Pkcs11Module> load(const QString& path);

    // Replaces the probe (tests inject one with a short timeout); nullptr turns probing off (the probe child
    // itself). Clears the cached verdicts. Modules already loaded stay loaded.
    static void setProbe(std::shared_ptr<ModuleProbe> probe);
    // Back to the default probe, ProcessModuleProbe::createDefault() (chosen at the next load).
    static void resetProbe();

    // Module paths to try on this platform, most specific first. Linux: SoftHSM2 and OpenSC in the usual
    // multiarch locations; Windows: the vendor profiles' DLLs as full paths, from the registry values and
    // directories the profiles name and System32 (VendorProfiles::windowsModulePaths).
    [[nodiscard]] static QStringList defaultModulePaths();
    // defaultModulePaths() that exist here.
    [[nodiscard]] static QStringList installedModulePaths();
};

} // namespace certdesk::token
