// certdesk-scan-helper: runs the scanner drivers (SANE backends) for ProcessScanSource, in a process of their
// own, so that a driver that hangs or crashes takes only this process with it. It serves one request and
// exits; the protocol is in core/documents/ScanHelperProtocol.h.
//
// This file is the SANE side of scanning and therefore POSIX (file descriptors, _exit): a Windows scanner
// source (WIA) is a ScanSource of its own.
#include "documents/SaneScanSource.h"
#include "documents/ScanHelperProtocol.h"

#include <QByteArray>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

using namespace certdesk::documents;

namespace {

// How long closing the device may take once the answer is out (or once the caller has gone) before this
// process ends itself: a driver stuck in sane_cancel must not leave the helper behind.
constexpr std::chrono::milliseconds closeGrace {1500};

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

// Reads one line from stdin (without its newline); false at end of input.
bool readLine(QByteArray* line)
{
    line->clear();
    char c = 0;
    while (true) {
        const ssize_t n = ::read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return !line->isEmpty();
        if (c == '\n')
            return true;
        if (line->size() > 1024 * 1024)
            return false;
        line->append(c);
    }
}

// Ends the process after `grace` whatever the driver is doing.
void armWatchdog(std::chrono::milliseconds grace)
{
    std::thread([grace] {
        std::this_thread::sleep_for(grace);
        ::_exit(0);
    }).detach();
}

} // namespace

int main()
{
    // Standard output is the protocol. Drivers that print (some do, to stdout) write to stderr instead.
    g_protocolFd = ::dup(STDOUT_FILENO);
    if (g_protocolFd < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
        return 2;
#ifdef F_SETPIPE_SZ
    // A page is megabytes: a 1 MiB pipe (Linux, pipe(7); best effort) moves it in a few hand-overs to the
    // caller instead of a hundred 64 KiB ones, which on a busy machine each wait for a time slice.
    (void)::fcntl(g_protocolFd, F_SETPIPE_SZ, 1024 * 1024);
#endif

    QByteArray line;
    if (!readLine(&line))
        return 2;
    const std::optional<scanhelper::Request> request = scanhelper::parseRequest(line);
    if (!request) {
        send(scanhelper::errorMessage({DocumentStatus::ScanFailed, QStringLiteral("bad request")}));
        return 2;
    }

    // The caller writes "cancel", or goes away (end of input): both stop the scan; going away also means
    // nobody waits for this process any more.
    static std::atomic_bool cancel {false};
    std::thread([] {
        QByteArray command;
        while (readLine(&command)) {
            if (command.trimmed() == QByteArrayView(scanhelper::cancelLine))
                cancel = true;
        }
        cancel = true;
        armWatchdog(closeGrace);
    }).detach();

    auto* source = new SaneScanSource; // deleted below under the watchdog, never by a static destructor
    source->setDeferredClose(true);
    if (request->kind == scanhelper::Request::Kind::Devices) {
        const DocumentResult<QList<ScanDevice>> devices = source->devices();
        send(devices ? scanhelper::devicesMessage(devices.value())
                     : scanhelper::errorMessage(devices.error()));
    } else {
        int last = -1;
        // The page goes out as the driver reads it: nothing of it is kept here.
        SaneScanSource::FrameSink sink;
        sink.frame = [](const ScanFrame& frame) { send(scanhelper::frameMessage(frame)); };
        sink.data = [](const char* data, qsizetype size) {
            send(scanhelper::dataHeader(size));
            send(data, size);
        };
        const DocumentResult<int> dotsPerMetre = source->scanFrames(
            request->options, &cancel,
            [&last](int percent) {
                if (percent != last) {
                    last = percent;
                    send(scanhelper::progressMessage(percent));
                }
            },
            sink);
        send(dotsPerMetre ? scanhelper::endMessage(dotsPerMetre.value())
                          : scanhelper::errorMessage(dotsPerMetre.error()));
    }

    // The answer is out. Close the device (sane_cancel, sane_close, sane_exit) within the grace period.
    armWatchdog(closeGrace);
    delete source;
    ::_exit(0);
}
