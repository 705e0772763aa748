#include "token/ModuleLoader.h"

#include "token/ModuleState.h"

#include "platform/ModuleLocations.h"
#include "platform/Registry.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHash>

#include <mutex>
#include <optional>

namespace certdesk::token {

namespace {

// Modules stay loaded for the life of the process (see Pkcs11Module). The cache is deliberately never
// destroyed: finalizing and unloading modules from static destructors at exit is where SoftHSM and vendor
// drivers crash.
struct ModuleCache
{
    std::mutex mutex;
    QHash<QString, std::shared_ptr<detail::ModuleState>> modules;
    QHash<QString, std::shared_ptr<std::mutex>>
        loading; // per file (cacheKey): held while probing and loading
    bool probeChosen = false; // false: createDefault() at the next load
    std::shared_ptr<ModuleProbe> probe; // nullptr: load unprobed
    QHash<QString, ModuleProbeResult> verdicts; // by verdictKey()
};

ModuleCache& cache()
{
    static auto* instance = new ModuleCache; // NOLINT(cppcoreguidelines-owning-memory): intentionally leaked
    return *instance;
}

QString cacheKey(const QString& path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? path : canonical;
}

// A replaced driver (same path, new file) is probed again.
QString verdictKey(const QString& path)
{
    const QFileInfo info(path);
    const QDateTime modified = info.exists() ? info.lastModified() : QDateTime();
    return cacheKey(path) + QLatin1Char('\n')
        + (modified.isValid() ? QString::number(modified.toMSecsSinceEpoch()) : QString());
}

} // namespace

void ModuleLoader::setProbe(std::shared_ptr<ModuleProbe> probe)
{
    ModuleCache& modules = cache();
    std::lock_guard<std::mutex> lock(modules.mutex);
    modules.probe = std::move(probe);
    modules.probeChosen = true;
    modules.verdicts.clear();
}

void ModuleLoader::resetProbe()
{
    ModuleCache& modules = cache();
    std::lock_guard<std::mutex> lock(modules.mutex);
    modules.probe.reset();
    modules.probeChosen = false;
    modules.verdicts.clear();
}

TokenResult<Pkcs11Module> ModuleLoader::load(const QString& path)
{
    if (path.trimmed().isEmpty())
        return tokenError(TokenStatus::ModuleMissing, QStringLiteral("empty module path"));
    ModuleCache& modules = cache();
    const QString key = cacheKey(path);
    // One lock per file, held across the probe and the load: two threads loading the same module must not
    // both initialize it, while a module that takes long (a probe waiting out a hang, or an unprobed
    // C_Initialize that never returns) holds up only the loads of that file.
    std::shared_ptr<std::mutex> fileLock;
    {
        std::lock_guard<std::mutex> lock(modules.mutex);
        if (const auto it = modules.modules.constFind(key); it != modules.modules.constEnd())
            return Pkcs11Module(*it);
        std::shared_ptr<std::mutex>& slot = modules.loading[key];
        if (!slot)
            slot = std::make_shared<std::mutex>();
        fileLock = slot;
    }
    std::lock_guard<std::mutex> fileGuard(*fileLock);

    // A missing file (or a bare name, never loaded) needs no probe: loadModuleState says ModuleMissing
    // without touching any driver code.
    const bool probeIt
        = QFileInfo::exists(path) && (path.contains(QLatin1Char('/')) || path.contains(QLatin1Char('\\')));
    std::shared_ptr<ModuleProbe> probe;
    std::optional<ModuleProbeResult> verdict;
    const QString verdictAt = probeIt ? verdictKey(path) : QString();
    {
        std::lock_guard<std::mutex> lock(modules.mutex);
        // Loaded by another thread while this one waited for the file.
        if (const auto it = modules.modules.constFind(key); it != modules.modules.constEnd())
            return Pkcs11Module(*it);
        if (probeIt) {
            if (!modules.probeChosen) {
                modules.probe = ProcessModuleProbe::createDefault();
                modules.probeChosen = true;
            }
            probe = modules.probe;
            if (const auto known = modules.verdicts.constFind(verdictAt);
                known != modules.verdicts.constEnd())
                verdict = *known;
        }
    }
    if (probe) {
        if (!verdict) {
            verdict = probe->probe(path);
            std::lock_guard<std::mutex> lock(modules.mutex);
            modules.verdicts.insert(verdictAt, *verdict);
        }
        if (verdict->outcome == ModuleProbeResult::Outcome::Failed)
            return verdict->error;
        if (verdict->outcome == ModuleProbeResult::Outcome::Unavailable)
            qWarning("certdesk: no module probe available; loading %s unprobed", qPrintable(path));
    }
    TokenResult<std::shared_ptr<detail::ModuleState>> loaded = detail::loadModuleState(path);
    if (!loaded)
        return loaded.error();
    std::lock_guard<std::mutex> lock(modules.mutex);
    modules.modules.insert(key, *loaded);
    return Pkcs11Module(*loaded);
}

QStringList ModuleLoader::defaultModulePaths()
{
#if defined(Q_OS_WIN)
    // Full paths only (platform/ModuleLibrary.h): each vendor DLL where the profile's registry values and
    // directories say, then in System32, where most vendor installers copy it.
    return VendorProfiles::builtIn().windowsModulePaths(
        platform::Registry::system(), platform::processEnvironment());
#elif defined(Q_OS_MACOS)
    return {QStringLiteral("/usr/local/lib/softhsm/libsofthsm2.so"),
        QStringLiteral("/Library/OpenSC/lib/opensc-pkcs11.so")};
#else
    return {
        QStringLiteral("/usr/lib/softhsm/libsofthsm2.so"),
        QStringLiteral("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
        QStringLiteral("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"),
        QStringLiteral("/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so"),
        QStringLiteral("/usr/lib64/opensc-pkcs11.so"),
        QStringLiteral("/usr/lib/opensc-pkcs11.so"),
    };
#endif
}

QStringList ModuleLoader::installedModulePaths()
{
    QStringList installed;
    QStringList seen;
    for (const QString& path : defaultModulePaths()) {
        if (!QFileInfo::exists(path))
            continue;
        // Debian links /usr/lib/softhsm/libsofthsm2.so to the multiarch copy: list one file once.
        const QString key = cacheKey(path);
        if (seen.contains(key))
            continue;
        seen.append(key);
        installed.append(path);
    }
    return installed;
}

} // namespace certdesk::token
