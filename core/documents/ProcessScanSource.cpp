#include "documents/ProcessScanSource.h"

#include "documents/ScanHelperProtocol.h"
#include "domain/SiblingExecutable.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>

#include <algorithm>
#include <optional>

namespace certdesk::documents {

namespace {

// How often a waiting request looks at its cancel flag and at shutdown(): the longest a cancel waits before
// it is passed on to the helper.
constexpr int pollMilliseconds = 50;
// The end of the helper's stderr kept for the technical detail of a failure (driver messages).
constexpr qsizetype stderrTail = 2048;

QString tail(const QByteArray& bytes)
{
    return QString::fromUtf8(bytes.right(stderrTail)).trimmed();
}

} // namespace

struct ProcessScanSource::Outcome
{
    std::optional<scanhelper::MessageReader::Final> final;
    DocumentError error;
};

ProcessScanSource::ProcessScanSource(QString executable)
    : ProcessScanSource(std::move(executable), Timeouts {})
{ }

ProcessScanSource::ProcessScanSource(QString executable, Timeouts timeouts)
    : m_executable(std::move(executable))
    , m_timeouts(timeouts)
{ }

ProcessScanSource::~ProcessScanSource() = default;

void ProcessScanSource::shutdown()
{
    m_shutdown = true;
}

ProcessScanSource::Outcome ProcessScanSource::run(
    const QByteArray& request, const std::atomic_bool* cancel, const ProgressCallback& progress)
{
    Outcome outcome;
    auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };
    if (m_shutdown || cancelled()) {
        outcome.error = {DocumentStatus::Cancelled, {}};
        return outcome;
    }
    if (m_executable.isEmpty() || !QFileInfo::exists(m_executable)) {
        outcome.error = {DocumentStatus::NoScanner, QStringLiteral("no scan helper executable")};
        return outcome;
    }

    QProcess child;
    child.setProgram(m_executable);
    child.start();
    if (!child.waitForStarted(int(m_timeouts.startTimeout.count()))) {
        outcome.error = {
            DocumentStatus::NoScanner, QStringLiteral("scan helper did not start: ") + child.errorString()};
        return outcome;
    }
    child.write(request);

    // Ends the helper the hard way and waits for the process to be gone (SIGKILL cannot be ignored).
    auto kill = [&child] {
        child.kill();
        child.waitForFinished(5000);
    };

    scanhelper::MessageReader reader;
    QByteArray errors;
    QElapsedTimer sinceLastMessage;
    sinceLastMessage.start();
    std::optional<QDeadlineTimer> cancelDeadline;
    while (true) {
        if (m_shutdown) {
            kill();
            outcome.error = {DocumentStatus::Cancelled, QStringLiteral("scan helper stopped: shutting down")};
            return outcome;
        }
        if (cancelled() && !cancelDeadline) {
            child.write(QByteArray(scanhelper::cancelLine.data(), scanhelper::cancelLine.size()) + '\n');
            cancelDeadline = QDeadlineTimer(m_timeouts.cancelGrace);
        }
        if (cancelDeadline && cancelDeadline->hasExpired()) {
            kill();
            outcome.error = {DocumentStatus::Cancelled,
                QStringLiteral("scan helper killed: no answer %1 ms after cancel")
                    .arg(m_timeouts.cancelGrace.count())};
            return outcome;
        }
        if (!cancelDeadline && sinceLastMessage.hasExpired(m_timeouts.stallTimeout.count())) {
            kill();
            outcome.error = {DocumentStatus::ScannerNotResponding,
                QStringLiteral("scan helper killed: nothing for %1 ms. %2")
                    .arg(m_timeouts.stallTimeout.count())
                    .arg(tail(errors + child.readAllStandardError()))};
            return outcome;
        }

        child.waitForReadyRead(pollMilliseconds);
        const QByteArray bytes = child.readAllStandardOutput();
        errors.append(child.readAllStandardError());
        if (errors.size() > 4 * stderrTail)
            errors = errors.right(stderrTail);
        if (!bytes.isEmpty()) {
            sinceLastMessage.restart();
            reader.feed(bytes);
        }
        if (progress) {
            for (const int percent : reader.takeProgress())
                progress(percent);
        }
        if (reader.hasFinal())
            break;
        if (!reader.protocolError().isEmpty()) {
            kill();
            outcome.error
                = {DocumentStatus::ScanFailed, QStringLiteral("scan helper: ") + reader.protocolError()};
            return outcome;
        }
        if (child.state() == QProcess::NotRunning) {
            // Whatever it wrote before it ended is in the pipe still.
            reader.feed(child.readAllStandardOutput());
            if (reader.hasFinal())
                break;
            errors.append(child.readAllStandardError());
            outcome.error = {DocumentStatus::ScannerDriverCrashed,
                (child.exitStatus() == QProcess::CrashExit
                        ? QStringLiteral("scan helper crashed")
                        : QStringLiteral("scan helper exited with code %1 without an answer")
                              .arg(child.exitCode()))
                    + QStringLiteral(". ") + tail(errors)};
            return outcome;
        }
    }

    outcome.final = reader.final();
    // The answer is in. End of input tells the helper to close the device and exit; a driver that hangs
    // while closing is not the caller's problem for longer than the grace period.
    child.closeWriteChannel();
    if (!child.waitForFinished(int(m_timeouts.cancelGrace.count())))
        kill();
    return outcome;
}

DocumentResult<QList<ScanDevice>> ProcessScanSource::devices()
{
    Outcome outcome = run(scanhelper::devicesRequest(), nullptr, {});
    if (!outcome.final)
        return outcome.error;
    if (outcome.final->error)
        return *outcome.final->error;
    if (!outcome.final->devices)
        return DocumentError {DocumentStatus::ScanFailed, QStringLiteral("scan helper sent no device list")};
    return *outcome.final->devices;
}

DocumentResult<QImage> ProcessScanSource::scan(
    const ScanOptions& options, const std::atomic_bool* cancel, const ProgressCallback& progress)
{
    Outcome outcome = run(scanhelper::scanRequest(options), cancel, progress);
    if (!outcome.final)
        return outcome.error;
    if (outcome.final->error)
        return *outcome.final->error;
    if (!outcome.final->image)
        return DocumentError {DocumentStatus::ScanFailed, QStringLiteral("scan helper sent no image")};
    return *outcome.final->image;
}

QString ProcessScanSource::locateExecutable()
{
    return locateSiblingExecutable("CERTDESK_SCAN_HELPER", QStringLiteral("certdesk-scan-helper"));
}

std::unique_ptr<ProcessScanSource> ProcessScanSource::createDefault()
{
    const QString executable = locateExecutable();
    if (executable.isEmpty())
        return nullptr;
    return std::make_unique<ProcessScanSource>(executable);
}

} // namespace certdesk::documents
