#pragma once

#include "documents/ScanSource.h"

#include <QString>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>

class QThread;

namespace certdesk::documents {

// ScanSource that runs the scanner drivers in a child process, certdesk-scan-helper (app/scanhelper), and
// talks to it over a pipe (documents/ScanHelperProtocol.h). A scanner driver is third-party code: one that
// hangs or crashes takes only the helper with it. Each request (device list, one scan) gets a fresh helper,
// so the next scan after a failure starts clean; the helpers are forked by the application's scan fork
// server, which has loaded their libraries once (ScanHelperLauncher.h).
//
// The helpers belong to an I/O thread of this source. From the first request (or prepare()) on, one spare
// helper waits there (forked, SANE not yet initialised) for the next request, so that a scan does not wait
// even for a fork; a spare made with another environment than the current one is not used. The page comes
// back through shared memory (SharedScanPage) where the platform has it, else through the pipe.
//
// Blocking like every ScanSource (call it off the GUI thread), but never for ever:
//  - cancel: the helper is asked to stop, and killed when it has not answered within `cancelGrace`;
//  - a helper that sends nothing for `stallTimeout` (a driver stuck in a read) is killed:
//    DocumentStatus::ScannerNotResponding;
//  - a helper that dies without an answer: DocumentStatus::ScannerDriverCrashed;
//  - shutdown() (quitting the application) kills running helpers at once.
class ProcessScanSource final : public ScanSource
{
public:
    struct Timeouts
    {
        std::chrono::milliseconds cancelGrace {2000};
        // Long enough for a scanner lamp to warm up before the first line arrives.
        std::chrono::milliseconds stallTimeout {90000};
        std::chrono::milliseconds startTimeout {10000};
    };

    explicit ProcessScanSource(QString executable);
    ProcessScanSource(QString executable, Timeouts timeouts);
    ~ProcessScanSource() override;
    ProcessScanSource(const ProcessScanSource&) = delete;
    ProcessScanSource& operator=(const ProcessScanSource&) = delete;

    [[nodiscard]] DocumentResult<QList<ScanDevice>> devices() override;
    [[nodiscard]] DocumentResult<QImage> scan(const ScanOptions& options,
        const std::atomic_bool* cancel = nullptr, const ProgressCallback& progress = {}) override;

    // From any thread: starts the spare helper now unless there is one, so that even the first scan does not
    // wait for a helper to start. For a window that is about to offer scanning.
    void prepare();

    // From any thread: requests that are running kill their helper now and return Cancelled; later ones
    // return Cancelled at once. For quitting: nothing waits on a driver.
    void shutdown() override;

    [[nodiscard]] QString executable() const { return m_executable; }
    [[nodiscard]] const Timeouts& timeouts() const { return m_timeouts; }

    // The helper: $CERTDESK_SCAN_HELPER when set, else certdesk-scan-helper next to the running binary;
    // empty when neither exists.
    [[nodiscard]] static QString locateExecutable();
    // A source on locateExecutable(), or nullptr when there is no helper (then there is no scanning).
    [[nodiscard]] static std::unique_ptr<ProcessScanSource> createDefault();

private:
    struct Outcome;
    struct Exchange;
    struct Helper;
    class Run;
    class Host;
    Outcome run(const QByteArray& request, const std::atomic_bool* cancel, const ProgressCallback& progress);
    // The I/O thread's host of the helper processes, started with the first request.
    Host* host();

    QString m_executable;
    Timeouts m_timeouts;
    std::atomic_bool m_shutdown {false};
    std::mutex m_threadMutex;
    std::unique_ptr<QThread> m_thread;
    Host* m_host = nullptr;
};

} // namespace certdesk::documents
