#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace certdesk::documents {

class SharedScanPage;

// One certdesk-scan-helper process as ProcessScanSource drives it: its input (the request, then "cancel"),
// its output (the protocol, ScanHelperProtocol.h) and its errors (driver messages), and how it ended. Lives
// in the thread that started it; the callbacks run there, from its event loop.
class ScanHelperProcess
{
public:
    enum class State
    {
        Starting,
        Running,
        NotRunning
    };

    struct Callbacks
    {
        std::function<void()> started; // Starting → Running
        std::function<void()> output; // readOutput() has bytes
        std::function<void()> errors; // readErrors() has bytes
        std::function<void()> finished; // Running → NotRunning: the process has ended
        std::function<void()> failedToStart; // Starting → NotRunning: errorString() says why
    };

    virtual ~ScanHelperProcess() = default;
    ScanHelperProcess(const ScanHelperProcess&) = delete;
    ScanHelperProcess& operator=(const ScanHelperProcess&) = delete;

    virtual void setCallbacks(Callbacks callbacks) = 0;
    [[nodiscard]] virtual State state() const = 0;
    // Queued while the process starts; never blocks.
    virtual void write(const QByteArray& bytes) = 0;
    // End of input, after what was written.
    virtual void closeInput() = 0;
    // SIGKILL or its like: finished follows.
    virtual void kill() = 0;
    // What came since the last call (also what is still in the pipe of a process that has ended).
    [[nodiscard]] virtual QByteArray readOutput() = 0;
    [[nodiscard]] virtual QByteArray readErrors() = 0;
    // Whether output has come that nobody read (a spare helper must not have said anything).
    [[nodiscard]] virtual bool hasOutput() = 0;
    // After finished: killed by a signal (a crash, or kill()), else exitCode().
    [[nodiscard]] virtual bool crashed() const = 0;
    [[nodiscard]] virtual int exitCode() const = 0;
    [[nodiscard]] virtual QString errorString() const = 0;

    // A process that is gone, because `why`: for a launcher that cannot start one.
    [[nodiscard]] static std::unique_ptr<ScanHelperProcess> failed(const QString& why);

protected:
    ScanHelperProcess() = default;
};

// Starts certdesk-scan-helper processes for ProcessScanSource, from its I/O thread. A helper per scan is the
// isolation the helper exists for (a driver that hangs or crashes takes one process with it); what a fresh
// process costs is starting it: loading Qt Core, SANE and their libraries takes 10–20 ms of CPU, more than a
// small page's scan. So on POSIX systems the helpers come from a fork server: one certdesk-scan-helper per
// application, started on first use (`--fork-server`), that has loaded the libraries and forks a fresh
// helper for each request, given the caller's pipes, page and environment; SANE is initialised only in the
// forked helper, after its request, as in a helper started on its own. The server is shared by every source
// of the process and ends with it (ScanHelperLauncherPosix.cpp; docs/architecture.md, "Scanning in a helper
// process"). Where there is no fork (Windows scans through WIA, WiaScanSource), start() gives a helper that
// failed to start.
class ScanHelperLauncher
{
public:
    explicit ScanHelperLauncher(QString executable);
    ~ScanHelperLauncher();
    ScanHelperLauncher(const ScanHelperLauncher&) = delete;
    ScanHelperLauncher& operator=(const ScanHelperLauncher&) = delete;

    // A new helper with `environment` ("NAME=value" entries, as QProcess::systemEnvironment() gives them),
    // writing its page into `page` when there is one (the caller keeps the page; the helper maps its own).
    [[nodiscard]] std::unique_ptr<ScanHelperProcess> start(
        const SharedScanPage* page, const QStringList& environment);

    // Quitting: kills every helper this launcher started and waits, at most `timeoutMs`, until they are gone.
    void killAll(int timeoutMs);

    class Connection;

private:
    QString m_executable;
    std::shared_ptr<Connection> m_connection;
};

} // namespace certdesk::documents
