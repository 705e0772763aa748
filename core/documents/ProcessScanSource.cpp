#include "documents/ProcessScanSource.h"

#include "documents/ScanHelperLauncher.h"
#include "documents/ScanHelperReader.h"
#include "documents/SharedScanPage.h"
#include "domain/SiblingExecutable.h"

#include <QFileInfo>
#include <QPointer>
#include <QProcess>
#include <QThread>
#include <QTimer>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>

namespace certdesk::documents {

namespace {

// How often a waiting request looks at its cancel flag and at shutdown(): the longest a cancel waits before
// it is passed on to the helper.
constexpr std::chrono::milliseconds pollInterval {50};
// The end of the helper's stderr kept for the technical detail of a failure (driver messages).
constexpr qsizetype stderrTail = 2048;
// A scan still running this long after its request starts the next spare beside it (ProcessScanSource::Host).
constexpr std::chrono::milliseconds spareDuringScan {25};

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

// A helper process with what belongs to it: the page it shares with this process (none where the platform has
// no SharedScanPage) and the environment it was started with.
struct ProcessScanSource::Helper
{
    std::unique_ptr<ScanHelperProcess> process;
    std::unique_ptr<SharedScanPage> page;
    QStringList environment;
};

// What one request's caller and the I/O thread share: progress on its way to the caller, then the outcome.
struct ProcessScanSource::Exchange
{
    std::mutex mutex;
    std::condition_variable changed;
    QList<int> progress;
    std::optional<Outcome> outcome;

    void addProgress(const QList<int>& percents)
    {
        if (percents.isEmpty())
            return;
        {
            const std::lock_guard lock(mutex);
            progress.append(percents);
        }
        changed.notify_all();
    }
    // The first outcome counts; later ones (a kill after a cancel that was answered) are dropped. Progress
    // that came with the outcome goes with it: the caller wakes once for both.
    void finish(Outcome result, const QList<int>& percents = {})
    {
        {
            const std::lock_guard lock(mutex);
            if (outcome)
                return;
            progress.append(percents);
            outcome = std::move(result);
        }
        changed.notify_all();
    }
    bool finished()
    {
        const std::lock_guard lock(mutex);
        return outcome.has_value();
    }
};

// One request served by one helper process; lives in the I/O thread, like the process, and deletes itself
// once the process has ended and the outcome is out.
class ProcessScanSource::Run final : public QObject
{
public:
    Run(Helper helper, std::shared_ptr<Exchange> exchange, const Timeouts& timeouts, QObject* parent)
        : QObject(parent)
        , m_child(std::move(helper.process))
        , m_page(std::move(helper.page))
        , m_exchange(std::move(exchange))
        , m_timeouts(timeouts)
    {
        if (m_page)
            m_reader.setSharedPage(m_page->bytes());
        // Precise: a coarse timer may fire 5 % early, and "nothing for 90 s" means at least 90 s.
        for (QTimer* timer : {&m_stall, &m_grace, &m_start}) {
            timer->setSingleShot(true);
            timer->setTimerType(Qt::PreciseTimer);
        }
        ScanHelperProcess::Callbacks callbacks;
        callbacks.started = [this] { m_start.stop(); };
        callbacks.output = [this] { readOutput(); };
        callbacks.errors = [this] { readErrors(); };
        callbacks.finished = [this] { ended(); };
        callbacks.failedToStart = [this] {
            m_start.stop();
            fail(DocumentStatus::NoScanner,
                QStringLiteral("scan helper did not start: ") + m_child->errorString());
            deleteLater();
        };
        m_child->setCallbacks(std::move(callbacks));
        connect(&m_stall, &QTimer::timeout, this, [this] {
            killChild();
            fail(DocumentStatus::ScannerNotResponding,
                QStringLiteral("scan helper killed: nothing for %1 ms. %2")
                    .arg(m_timeouts.stallTimeout.count())
                    .arg(tail(m_errors + m_child->readErrors())));
        });
        connect(&m_grace, &QTimer::timeout, this, [this] {
            // After a cancel the helper had its chance to answer; after an answer, to close the device.
            killChild();
            fail(DocumentStatus::Cancelled,
                QStringLiteral("scan helper killed: no answer %1 ms after cancel")
                    .arg(m_timeouts.cancelGrace.count()));
        });
        connect(&m_start, &QTimer::timeout, this, [this] {
            killChild();
            fail(DocumentStatus::NoScanner, QStringLiteral("scan helper did not start in time"));
            // A helper still being forked ends no process here: this run goes now, and the helper is killed
            // when it comes (ScanHelperLauncher forgets it).
            deleteLater();
        });
    }

    void begin(const QByteArray& request)
    {
        if (m_child->state() == ScanHelperProcess::State::NotRunning) {
            // It ended while it waited as the spare, or never started.
            fail(DocumentStatus::NoScanner,
                QStringLiteral("scan helper did not start: ") + m_child->errorString());
            deleteLater();
            return;
        }
        if (m_child->state() == ScanHelperProcess::State::Starting)
            m_start.start(m_timeouts.startTimeout);
        // Out at once when the helper runs (it is waiting for it), else as soon as it does.
        m_child->write(request);
        m_stall.start(m_timeouts.stallTimeout);
    }

    // Called once, when the outcome is out (answer or failure): the host starts the next spare then, not
    // while this helper scans (on two cores a helper starting beside a scan slows the scan).
    void setOnFinished(std::function<void()> onFinished) { m_onFinished = std::move(onFinished); }

    void cancel()
    {
        if (m_exchange->finished() || m_grace.isActive())
            return;
        m_child->write(QByteArray(scanhelper::cancelLine.data(), scanhelper::cancelLine.size()) + '\n');
        m_stall.stop();
        m_grace.start(m_timeouts.cancelGrace);
    }

    // Quitting: the helper goes now, whatever it is doing.
    void abort()
    {
        killChild();
        fail(DocumentStatus::Cancelled, QStringLiteral("scan helper stopped: shutting down"));
    }

private:
    void readOutput()
    {
        const QByteArray bytes = m_child->readOutput();
        if (bytes.isEmpty() || m_exchange->finished())
            return;
        if (!m_grace.isActive())
            m_stall.start(m_timeouts.stallTimeout);
        m_reader.feed(bytes);
        if (m_reader.hasFinal()) {
            answered();
            return;
        }
        m_exchange->addProgress(m_reader.takeProgress());
        if (!m_reader.protocolError().isEmpty()) {
            killChild();
            fail(DocumentStatus::ScanFailed, QStringLiteral("scan helper: ") + m_reader.protocolError());
        }
    }

    void readErrors()
    {
        m_errors.append(m_child->readErrors());
        if (m_errors.size() > 4 * stderrTail)
            m_errors = m_errors.right(stderrTail);
    }

    // The answer is in. End of input tells the helper to close the device and exit; a driver that hangs
    // while closing is nobody's problem for longer than the grace period.
    void answered()
    {
        m_stall.stop();
        m_grace.stop();
        Outcome outcome;
        outcome.final = m_reader.final();
        deliver(std::move(outcome), m_reader.takeProgress());
        m_child->closeInput();
        disconnect(&m_grace, nullptr, this, nullptr);
        connect(&m_grace, &QTimer::timeout, this, [this] { killChild(); });
        m_grace.start(m_timeouts.cancelGrace);
    }

    void ended()
    {
        m_stall.stop();
        m_start.stop();
        if (!m_exchange->finished()) {
            // Whatever it wrote before it ended is in the pipe still.
            m_reader.feed(m_child->readOutput());
            if (m_reader.hasFinal()) {
                Outcome outcome;
                outcome.final = m_reader.final();
                deliver(std::move(outcome));
            } else {
                readErrors();
                fail(DocumentStatus::ScannerDriverCrashed,
                    (m_child->crashed()
                            ? QStringLiteral("scan helper crashed (%1)").arg(m_child->errorString())
                            : QStringLiteral("scan helper exited with code %1 without an answer")
                                  .arg(m_child->exitCode()))
                        + QStringLiteral(". ") + tail(m_errors));
            }
        }
        m_grace.stop();
        deleteLater();
    }

    void killChild()
    {
        m_stall.stop();
        m_grace.stop();
        m_start.stop();
        if (m_child->state() != ScanHelperProcess::State::NotRunning)
            m_child->kill(); // SIGKILL cannot be ignored: finished follows, and with it deleteLater()
    }

    void fail(DocumentStatus status, const QString& detail)
    {
        Outcome outcome;
        outcome.error = {status, detail};
        deliver(std::move(outcome));
    }

    // The outcome to the caller, then the host told (once: the exchange keeps only the first outcome).
    void deliver(Outcome outcome, const QList<int>& progress = {})
    {
        m_exchange->finish(std::move(outcome), progress);
        if (m_onFinished)
            std::exchange(m_onFinished, {})();
    }

    std::unique_ptr<ScanHelperProcess> m_child;
    // After m_child: the page is unmapped after the process object. The reader reads from it.
    std::unique_ptr<SharedScanPage> m_page;
    std::shared_ptr<Exchange> m_exchange;
    Timeouts m_timeouts;
    scanhelper::MessageReader m_reader;
    QByteArray m_errors;
    QTimer m_stall;
    QTimer m_grace;
    QTimer m_start;
    std::function<void()> m_onFinished;
};

// Owns every helper process, in the I/O thread: the running requests and the spare, a helper started ahead
// of the next request so that even its fork (ScanHelperLauncher) is not waited for. The spare does nothing
// of SANE before its request: SANE reads its driver list
// (dll.conf) in sane_init, and a backend probes for its scanners when it is first used, so a helper that did
// either early would miss a driver installed or a scanner plugged in since. (sane_init alone costs SANE's dll
// backend tens of microseconds: nothing to win.)
class ProcessScanSource::Host final : public QObject
{
public:
    Host(QString executable, const Timeouts& timeouts)
        : m_launcher(std::move(executable))
        , m_timeouts(timeouts)
    { }

    ~Host() override
    {
        // Every helper is killed and waited for here (no zombie, nothing left scanning).
        m_launcher.killAll(5000);
        m_spare.reset();
        // While m_runs is still there for their destroyed() handlers. (Run has no meta-object of its own, so
        // findChildren<Run*> would find every child.)
        const QList<QPointer<Run>> runs = m_runs.values();
        for (const QPointer<Run>& run : runs)
            delete run.data();
    }

    void begin(const std::shared_ptr<Exchange>& exchange, const QByteArray& request)
    {
        if (m_stopped) {
            exchange->finish(Outcome {{}, {DocumentStatus::Cancelled, {}}});
            return;
        }
        std::optional<Helper> helper = takeSpare();
        if (!helper)
            helper = startHelper();
        auto* run = new Run(std::move(*helper), exchange, m_timeouts, this);
        m_runs.insert(exchange.get(), run);
        connect(run, &QObject::destroyed, this, [this, key = exchange.get()] { m_runs.remove(key); });
        // The next request's helper starts once this one has answered (queued: after the caller has been
        // woken), so that it does not take a core from the scan.
        run->setOnFinished([this] {
            QMetaObject::invokeMethod(
                this, [this] { startSpare(); }, Qt::QueuedConnection);
        });
        run->begin(request);
        // A long scan (a real scanner's page takes seconds) starts it on the way, so that a feeder's next
        // page finds it ready.
        QTimer::singleShot(spareDuringScan, this, [this] { startSpare(); });
    }

    void cancel(Exchange* exchange)
    {
        if (Run* run = m_runs.value(exchange))
            run->cancel();
    }

    void abort(Exchange* exchange)
    {
        if (Run* run = m_runs.value(exchange))
            run->abort();
    }

    // Quitting: every helper goes now, and no spare is started again.
    void stop()
    {
        m_stopped = true;
        for (Run* run : std::as_const(m_runs)) {
            if (run)
                run->abort();
        }
        dropSpare();
    }

    // A spare helper, started unless there is one.
    void startSpare()
    {
        if (m_stopped || m_spare)
            return;
        m_spare = startHelper();
    }

private:
    Helper startHelper()
    {
        Helper helper;
        // Made before the helper starts, passed to it alone (SharedScanPage.h).
        helper.page = SharedScanPage::create(maxScanBytes);
        helper.environment = QProcess::systemEnvironment();
        helper.process = m_launcher.start(helper.page.get(), helper.environment);
        return helper;
    }

    // The spare, when it is still waiting and was started with this environment (a changed SANE_CONFIG_DIR
    // or driver setting must reach the helper that scans); std::nullopt otherwise.
    std::optional<Helper> takeSpare()
    {
        if (!m_spare)
            return std::nullopt;
        if (m_spare->process->state() == ScanHelperProcess::State::NotRunning || m_spare->process->hasOutput()
            || m_spare->environment != QProcess::systemEnvironment()) {
            dropSpare();
            return std::nullopt;
        }
        return std::exchange(m_spare, std::nullopt);
    }

    void dropSpare()
    {
        // Destroying it kills it (a waiting helper has nothing to finish); its page goes with it (the
        // helper's mapping keeps the memory until the helper has gone).
        m_spare.reset();
    }

    ScanHelperLauncher m_launcher;
    Timeouts m_timeouts;
    QHash<Exchange*, QPointer<Run>> m_runs;
    std::optional<Helper> m_spare;
    bool m_stopped = false;
};

ProcessScanSource::ProcessScanSource(QString executable)
    : ProcessScanSource(std::move(executable), Timeouts {})
{ }

ProcessScanSource::ProcessScanSource(QString executable, Timeouts timeouts)
    : m_executable(std::move(executable))
    , m_timeouts(timeouts)
{ }

ProcessScanSource::~ProcessScanSource()
{
    if (m_thread) {
        // The helpers die with their host, in the thread they belong to.
        QMetaObject::invokeMethod(
            m_host, [host = m_host] { delete host; }, Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
    }
}

void ProcessScanSource::shutdown()
{
    m_shutdown = true;
    const std::lock_guard lock(m_threadMutex);
    if (m_host)
        QMetaObject::invokeMethod(m_host, [host = m_host] { host->stop(); });
}

void ProcessScanSource::prepare()
{
    if (m_shutdown || m_executable.isEmpty() || !QFileInfo::exists(m_executable))
        return;
    Host* host = this->host();
    QMetaObject::invokeMethod(host, [host] { host->startSpare(); });
}

ProcessScanSource::Host* ProcessScanSource::host()
{
    const std::lock_guard lock(m_threadMutex);
    if (!m_thread) {
        m_thread = std::make_unique<QThread>();
        m_thread->setObjectName(QStringLiteral("scan helper I/O"));
        m_host = new Host(m_executable, m_timeouts);
        m_host->moveToThread(m_thread.get());
        m_thread->start();
    }
    return m_host;
}

ProcessScanSource::Outcome ProcessScanSource::run(
    const QByteArray& request, const std::atomic_bool* cancel, const ProgressCallback& progress)
{
    auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };
    if (m_shutdown || cancelled())
        return Outcome {{}, {DocumentStatus::Cancelled, {}}};
    if (m_executable.isEmpty() || !QFileInfo::exists(m_executable))
        return Outcome {{}, {DocumentStatus::NoScanner, QStringLiteral("no scan helper executable")}};

    Host* host = this->host();
    auto exchange = std::make_shared<Exchange>();
    QMetaObject::invokeMethod(host, [host, exchange, request] { host->begin(exchange, request); });

    bool cancelSent = false;
    while (true) {
        QList<int> percents;
        std::optional<Outcome> outcome;
        {
            std::unique_lock lock(exchange->mutex);
            exchange->changed.wait_for(
                lock, pollInterval, [&] { return !exchange->progress.isEmpty() || exchange->outcome; });
            percents = std::exchange(exchange->progress, {});
            if (exchange->outcome)
                outcome = std::move(exchange->outcome);
        }
        if (progress) {
            for (const int percent : std::as_const(percents))
                progress(percent);
        }
        if (outcome)
            return std::move(*outcome);
        if (m_shutdown) {
            QMetaObject::invokeMethod(host, [host, key = exchange.get()] { host->abort(key); });
            return Outcome {
                {}, {DocumentStatus::Cancelled, QStringLiteral("scan helper stopped: shutting down")}};
        }
        if (cancelled() && !cancelSent) {
            cancelSent = true;
            QMetaObject::invokeMethod(host, [host, key = exchange.get()] { host->cancel(key); });
        }
    }
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
    // The helper reports progress up to the last byte it read (at most every few dozen milliseconds); 100 is
    // given here, once the image exists (as SaneScanSource does).
    int last = -1;
    ProgressCallback forward;
    if (progress) {
        forward = [&progress, &last](int percent) {
            last = percent;
            progress(percent);
        };
    }
    Outcome outcome = run(scanhelper::scanRequest(options), cancel, forward);
    if (!outcome.final)
        return outcome.error;
    if (outcome.final->error)
        return *outcome.final->error;
    if (!outcome.final->image)
        return DocumentError {DocumentStatus::ScanFailed, QStringLiteral("scan helper sent no image")};
    if (progress && last != 100)
        progress(100);
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
