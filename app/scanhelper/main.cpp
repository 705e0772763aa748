// certdesk-scan-helper: runs the scanner drivers (SANE backends) for ProcessScanSource, in a process of their
// own, so that a driver that hangs or crashes takes only this process with it. A helper serves one request
// and exits; the protocol is in core/documents/ScanHelperProtocol.h. ProcessScanSource's helpers are forked
// by one of these in `--fork-server` mode (core/documents/ScanForkServer.h), which has loaded the libraries
// once; a helper started on its own serves the request on its stdin just the same. It links Qt Core but not
// Qt Gui.
//
// This file is the SANE side of scanning and therefore POSIX (file descriptors, _exit): a Windows scanner
// source (WIA) is a ScanSource of its own.
#include "documents/SaneScanner.h"
#include "documents/ScanForkServer.h"
#include "documents/ScanHelperProtocol.h"
#include "documents/SharedScanPage.h"

#include <QByteArray>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

using namespace certdesk::documents;

namespace {

// How long closing the device may take once the answer is out (or once the caller has gone) before this
// process ends itself: a driver stuck in sane_cancel must not leave the helper behind.
constexpr std::chrono::milliseconds closeGrace {1500};

// The longest the helper writes into the shared page without telling the caller: the caller's stall timer
// must see a scanner that cannot say its page's height (no progress) keep reading.
constexpr std::chrono::milliseconds reportInterval {250};
// Progress goes out at most this often, or in steps of at least progressStep percent: twenty steps a second
// are all a progress bar shows, and a fast scanner's page makes a few messages (a few wake-ups of the caller)
// instead of a hundred.
constexpr std::chrono::milliseconds progressInterval {50};
constexpr int progressStep = 10;

int g_protocolFd = -1;

void send(const char* data, qsizetype size)
{
    qsizetype written = 0;
    while (written < size) {
        const ssize_t n = ::write(g_protocolFd, data + written, size_t(size - written));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            // The caller is gone: nobody to answer.
            ::_exit(3);
        }
        written += n;
    }
}

void send(const QByteArray& bytes)
{
    send(bytes.constData(), bytes.size());
}

// What the helper says about a page on its way. Messages are collected and written together, so that the
// caller wakes once for them; bytes in the shared page are reported in batches (with each other message, and
// at least every `reportInterval`), bytes without one follow their header through the pipe.
class PageReport
{
public:
    explicit PageReport(SharedScanPage* page)
        : m_page(page)
    { }

    void frame(const ScanFrame& frame)
    {
        queueShared();
        m_out += scanhelper::frameMessage(frame);
        flush();
    }

    void data(const char* data, qsizetype size)
    {
        if (!m_page) {
            m_out += scanhelper::dataHeader(size);
            flush();
            send(data, size);
            return;
        }
        if (!m_page->append(data, size)) {
            // Cannot happen: the page holds maxScanBytes, the most SaneScanner reads.
            end(DocumentError {
                DocumentStatus::ScanFailed, QStringLiteral("page larger than the shared page")});
            ::_exit(2);
        }
        m_unreported += size;
        if (Clock::now() - m_lastReport >= reportInterval) {
            queueShared();
            flush();
        }
    }

    void progress(int percent)
    {
        const Clock::time_point now = Clock::now();
        m_latest = percent;
        // A large step goes out at once: a scanner may stop for good after it (a driver stuck in sane_read),
        // and the person should see how far it got.
        if (percent == m_percent
            || (m_percent >= 0 && percent - m_percent < progressStep
                && now - m_lastProgress < progressInterval))
            return;
        m_percent = percent;
        m_lastProgress = now;
        queueShared();
        m_out += scanhelper::progressMessage(percent);
        flush();
    }

    void end(const DocumentResult<int>& dotsPerMetre)
    {
        queueShared();
        if (m_latest != m_percent)
            m_out += scanhelper::progressMessage(m_latest); // where the scan got to, held back above
        m_out += dotsPerMetre ? scanhelper::endMessage(dotsPerMetre.value())
                              : scanhelper::errorMessage(dotsPerMetre.error());
        flush();
    }

private:
    using Clock = std::chrono::steady_clock;

    void queueShared()
    {
        if (m_unreported > 0)
            m_out += scanhelper::sharedMessage(qsizetype(std::exchange(m_unreported, 0)));
        m_lastReport = Clock::now();
    }

    void flush()
    {
        send(m_out);
        m_out.clear();
    }

    SharedScanPage* m_page;
    QByteArray m_out;
    qint64 m_unreported = 0;
    Clock::time_point m_lastReport = Clock::now();
    Clock::time_point m_lastProgress;
    int m_percent = -1; // the last percent sent
    int m_latest = -1; // the last percent the scanner reached
};

// The request and later commands on stdin, read a buffer at a time (not a byte per read(2)).
class LineReader
{
public:
    // Reads one line (without its newline); false at end of input.
    bool readLine(QByteArray* line)
    {
        line->clear();
        while (true) {
            if (m_begin == m_end) {
                const ssize_t n = ::read(STDIN_FILENO, m_buffer, sizeof m_buffer);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0)
                    return !line->isEmpty();
                m_begin = 0;
                m_end = size_t(n);
            }
            const char* start = m_buffer + m_begin;
            const auto* newline = static_cast<const char*>(std::memchr(start, '\n', m_end - m_begin));
            const size_t length = newline ? size_t(newline - start) : m_end - m_begin;
            if (line->size() + qsizetype(length) > 1024 * 1024)
                return false;
            line->append(start, qsizetype(length));
            m_begin += length;
            if (newline) {
                ++m_begin;
                return true;
            }
        }
    }

private:
    char m_buffer[4096];
    size_t m_begin = 0;
    size_t m_end = 0;
};

// Ends the process after `grace` whatever the driver is doing.
void armWatchdog(std::chrono::milliseconds grace)
{
    std::thread([grace] {
        std::this_thread::sleep_for(grace);
        ::_exit(0);
    }).detach();
}

// What a request will do first, done before it comes (by the fork server, once for every helper it forks;
// by a helper started on its own, while it waits): the code it runs is bound and paged in, and the stacks of
// the two threads a scan starts (the cancel reader here, the driver's reader in many SANE backends) are made
// and kept by the C library for reuse. Nothing of SANE: see serve().
void warmUp()
{
    (void)scanhelper::parseRequest(scanhelper::scanRequest(ScanOptions {}));
    std::thread first([] {});
    std::thread second([] {});
    first.join();
    second.join();
}

// Serves one request on the standard streams (the protocol on stdout) and ends the process; `page` is the
// shared page, or nullptr when the page crosses the pipe.
[[noreturn]] void serve(std::unique_ptr<SharedScanPage> page)
{
    // Standard output is the protocol. Drivers that print (some do, to stdout) write to stderr instead.
    g_protocolFd = ::dup(STDOUT_FILENO);
    if (g_protocolFd < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
        ::_exit(2);
#ifdef F_SETPIPE_SZ
    // Without a shared page, a page is megabytes through the pipe: a 1 MiB pipe (Linux, pipe(7); best effort)
    // moves it in a few hand-overs to the caller instead of a hundred 64 KiB ones, which on a busy machine
    // each wait for a time slice.
    if (!page)
        (void)::fcntl(g_protocolFd, F_SETPIPE_SZ, 1024 * 1024);
#endif

    static LineReader input; // the cancel thread reads on where the request ended
    QByteArray line;
    if (!input.readLine(&line))
        ::_exit(2); // the caller dropped this helper unused
    const std::optional<scanhelper::Request> request = scanhelper::parseRequest(line);
    if (!request) {
        send(scanhelper::errorMessage({DocumentStatus::ScanFailed, QStringLiteral("bad request")}));
        ::_exit(2);
    }

    // The caller writes "cancel", or goes away (end of input): both stop the scan; going away also means
    // nobody waits for this process any more.
    static std::atomic_bool cancel {false};
    std::thread([] {
        QByteArray command;
        while (input.readLine(&command)) {
            if (command.trimmed() == QByteArrayView(scanhelper::cancelLine))
                cancel = true;
        }
        cancel = true;
        armWatchdog(closeGrace);
    }).detach();

    // SANE starts after the request: its dll backend reads the driver list (dll.conf) in sane_init, so that
    // a helper started ahead of its request still finds a driver installed meanwhile.
    auto* scanner = new SaneScanner; // deleted below under the watchdog, never by a static destructor
    scanner->setDeferredClose(true);
    if (request->kind == scanhelper::Request::Kind::Devices) {
        const DocumentResult<QList<ScanDevice>> devices = scanner->devices();
        send(devices ? scanhelper::devicesMessage(devices.value())
                     : scanhelper::errorMessage(devices.error()));
    } else {
        // The page goes out as the driver reads it (PageReport).
        PageReport report(page.get());
        SaneScanner::FrameSink sink;
        sink.frame = [&report](const ScanFrame& frame) { report.frame(frame); };
        sink.data = [&report](const char* data, qsizetype size) { report.data(data, size); };
        report.end(scanner->scanFrames(
            request->options, &cancel, [&report](int percent) { report.progress(percent); }, sink));
    }

    // The answer is out. Close the device (sane_cancel, sane_close, sane_exit) within the grace period.
    armWatchdog(closeGrace);
    delete scanner;
    ::_exit(0);
}

} // namespace

// certdesk-scan-helper --fork-server <descriptor>: the fork server (ScanForkServer.h), which forks a helper
// per request. certdesk-scan-helper [--page <descriptor>]: one helper, serving the request on its stdin.
int main(int argc, char** argv)
{
    if (argc == 3 && QLatin1StringView(argv[1]) == forkserver::option) {
        bool ok = false;
        const int control = QByteArray(argv[2]).toInt(&ok);
        if (!ok || control <= STDERR_FILENO)
            return 2;
        // Done once here, inherited by every helper forked below.
        warmUp();
        return forkserver::run(control, [](int pageDescriptor) {
            std::unique_ptr<SharedScanPage> page;
            if (pageDescriptor >= 0) {
                page = SharedScanPage::open(QString::number(pageDescriptor), maxScanBytes);
                if (!page)
                    ::_exit(2);
            }
            serve(std::move(page));
        });
    }

    std::unique_ptr<SharedScanPage> page;
    if (argc == 3 && QLatin1StringView(argv[1]) == scanhelper::pageOption) {
        page = SharedScanPage::open(QString::fromLocal8Bit(argv[2]), maxScanBytes);
        if (!page)
            return 2;
    }
    warmUp();
    serve(std::move(page));
}
