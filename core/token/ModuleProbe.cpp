#include "token/ModuleProbe.h"

#include "domain/SiblingExecutable.h"

#include <QFileInfo>
#include <QProcess>

namespace certdesk::token {

namespace {

// The child's verdict line (app/cli/TokenCommands.cpp, tokenProbe): "ok", or "failed <StatusName> <detail>".
constexpr QLatin1StringView okLine("ok");
constexpr QLatin1StringView failedPrefix("failed ");

} // namespace

ProcessModuleProbe::ProcessModuleProbe(QString executable, std::chrono::milliseconds timeout)
    : m_executable(std::move(executable))
    , m_timeout(timeout)
{ }

ModuleProbeResult ProcessModuleProbe::probe(const QString& path)
{
    if (m_executable.isEmpty() || !QFileInfo::exists(m_executable))
        return ModuleProbeResult::unavailable();
    QProcess child;
    // Only the verdict on stdout matters; the child's stderr (translated messages, driver chatter) is
    // dropped.
    child.setStandardErrorFile(QProcess::nullDevice());
    child.setStandardInputFile(QProcess::nullDevice());
    child.start(m_executable,
        {QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("token"), QStringLiteral("probe"),
            QStringLiteral("--module"), path});
    if (!child.waitForStarted(static_cast<int>(m_timeout.count()))) {
        // Cannot run the probe at all (not executable, no resources): as if there were none.
        qWarning("certdesk: module probe %s could not start: %s", qPrintable(m_executable),
            qPrintable(child.errorString()));
        return ModuleProbeResult::unavailable();
    }
    if (!child.waitForFinished(static_cast<int>(m_timeout.count()))) {
        child.kill();
        child.waitForFinished(5000);
        return ModuleProbeResult::failed(tokenError(TokenStatus::ModuleFailed,
            path
                + QStringLiteral(" hung while loading: no answer within %1 ms (probed in a child process)")
                      .arg(m_timeout.count())));
    }
    const QStringList lines = QString::fromUtf8(child.readAllStandardOutput()).split(QLatin1Char('\n'));
    QString verdict;
    for (const QString& line : lines) {
        if (line.trimmed() == okLine || line.startsWith(failedPrefix)) {
            verdict = line.trimmed();
            break;
        }
    }
    // "ok" counts even if the child crashed afterwards: what the module does at process exit (finalizers,
    // static destructors) never happens in-process, where modules stay loaded for the process lifetime.
    if (verdict == okLine)
        return ModuleProbeResult::passed();
    if (child.exitStatus() == QProcess::CrashExit) {
        return ModuleProbeResult::failed(tokenError(TokenStatus::ModuleFailed,
            path + QStringLiteral(" crashed while loading (probed in a child process)")));
    }
    // A clean failure ("failed <Status> ...") is safe in-process: the in-process load reports it itself, and
    // may succeed on a later attempt (a driver whose service was not up yet), so it must not become a cached
    // refusal. The probe only guards against what cannot be survived: crashes and hangs.
    if (verdict.startsWith(failedPrefix))
        return ModuleProbeResult::passed();
    // No verdict and a normal exit: the module ended the process itself (abort() caught by a sanitizer,
    // exit() inside the driver). For the user that is the same as a crash.
    return ModuleProbeResult::failed(tokenError(TokenStatus::ModuleFailed,
        path
            + QStringLiteral(" crashed while loading: the probe exited with code %1 without a verdict")
                  .arg(child.exitCode())));
}

QString ProcessModuleProbe::locateExecutable()
{
    return locateSiblingExecutable("CERTDESK_CLI", QStringLiteral("certdesk-cli"));
}

std::shared_ptr<ModuleProbe> ProcessModuleProbe::createDefault()
{
    const QString executable = locateExecutable();
    if (executable.isEmpty())
        return nullptr;
    std::chrono::milliseconds timeout = defaultTimeout;
    bool ok = false;
    const int fromEnvironment = qEnvironmentVariableIntValue("CERTDESK_PROBE_TIMEOUT_MS", &ok);
    if (ok && fromEnvironment > 0)
        timeout = std::chrono::milliseconds(fromEnvironment);
    return std::make_shared<ProcessModuleProbe>(executable, timeout);
}

} // namespace certdesk::token
