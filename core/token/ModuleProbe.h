#pragma once

#include "token/TokenStatus.h"

#include <QString>

#include <chrono>
#include <memory>
#include <utility>

namespace certdesk::token {

// What probing a module in isolation said.
struct ModuleProbeResult
{
    enum class Outcome
    {
        Passed, // the module neither crashed nor hung (it may have failed cleanly): safe to load in-process
        Failed, // it crashed or hung: `error` says which; never load it in-process
        Unavailable, // no way to probe here (no probe executable): the caller loads in-process unprotected
    };
    Outcome outcome = Outcome::Unavailable;
    TokenError error; // set when Failed

    [[nodiscard]] static ModuleProbeResult passed() { return {Outcome::Passed, {}}; }
    [[nodiscard]] static ModuleProbeResult failed(TokenError error)
    {
        return {Outcome::Failed, std::move(error)};
    }
    [[nodiscard]] static ModuleProbeResult unavailable() { return {Outcome::Unavailable, {}}; }
};

// Tries a PKCS#11 module somewhere a crash cannot hurt before ModuleLoader loads it in-process (a
// module that crashes on load gives a message, not a crash). An interface so tests can inject their own.
class ModuleProbe
{
public:
    virtual ~ModuleProbe() = default;
    ModuleProbe() = default;
    ModuleProbe(const ModuleProbe&) = delete;
    ModuleProbe& operator=(const ModuleProbe&) = delete;

    // Probes the module at `path` (as given to ModuleLoader::load). Blocks until the verdict.
    [[nodiscard]] virtual ModuleProbeResult probe(const QString& path) = 0;
};

// Runs `<executable> token probe --module PATH` (certdesk-cli) in a child process. The child loads the
// module, calls C_Initialize and C_GetSlotList and prints "ok" or "failed <StatusName> <detail>" (both pass:
// the module returned). A crash (signal, or an exit without a verdict) or a hang past `timeout` (the child is
// killed) fails the module with ModuleFailed and a detail saying "crashed" or "hung".
class ProcessModuleProbe : public ModuleProbe
{
public:
    static constexpr std::chrono::milliseconds defaultTimeout {10000};

    explicit ProcessModuleProbe(QString executable, std::chrono::milliseconds timeout = defaultTimeout);

    // Unavailable when the executable does not exist.
    [[nodiscard]] ModuleProbeResult probe(const QString& path) override;

    [[nodiscard]] QString executable() const { return m_executable; }

    // The probe executable: $CERTDESK_CLI when set, else certdesk-cli next to the running binary
    // (QCoreApplication::applicationDirPath()); empty when neither exists.
    [[nodiscard]] static QString locateExecutable();
    // A probe on locateExecutable() with the timeout from $CERTDESK_PROBE_TIMEOUT_MS (tests) or the default;
    // nullptr when no executable is found (ModuleLoader then loads in-process, unprotected, as before).
    [[nodiscard]] static std::shared_ptr<ModuleProbe> createDefault();

private:
    QString m_executable;
    std::chrono::milliseconds m_timeout;
};

} // namespace certdesk::token
