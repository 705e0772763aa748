// ScanHelperLauncher on POSIX systems: helpers forked by the application's scan fork server
// (ScanForkServer.h), driven through their pipes.
#include "documents/ScanHelperLauncher.h"

#include "documents/ScanForkServer.h"
#include "documents/SharedScanPage.h"

#include <QDeadlineTimer>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace certdesk::documents {

namespace {

QString systemError(const char* what, int error)
{
    return QStringLiteral("%1: %2").arg(
        QLatin1StringView(what), QString::fromLocal8Bit(std::strerror(error)));
}

// The fork server of this process: started on first use, shared by every launcher, ended by the kernel
// closing its control socket when this process ends (or by a launcher finding it dead, which starts another).
class ForkServers
{
public:
    static ForkServers& instance()
    {
        static ForkServers servers;
        return servers;
    }

    // A new client socket of the server for `executable` (close-on-exec), or -1 with `why`.
    int connect(const QString& executable, QString* why)
    {
        const std::lock_guard lock(m_mutex);
        reapRetired();
        for (int attempt = 0; attempt < 2; ++attempt) {
            if (m_pid > 0 && m_executable != executable)
                retire(false);
            if (m_pid <= 0 && !start(executable, why))
                return -1;
            int pair[2];
            if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
                *why = systemError("socketpair", errno);
                return -1;
            }
            const bool sent = forkserver::send(m_control, QByteArray(1, forkserver::Connect), &pair[1], 1);
            const int error = errno;
            ::close(pair[1]);
            if (sent)
                return pair[0];
            ::close(pair[0]);
            // The server has died (or cannot be reached): it goes, and another one starts.
            *why = systemError("scan fork server", error);
            retire(true);
        }
        return -1;
    }

private:
    bool start(const QString& executable, QString* why)
    {
        int pair[2];
        if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
            *why = systemError("socketpair", errno);
            return false;
        }
        // The server's end as descriptor 3 of the server, and in no other child (close-on-exec here).
        constexpr int serverControl = 3;
        const int theirs = ::fcntl(pair[1], F_DUPFD_CLOEXEC, serverControl + 1);
        ::close(pair[1]);
        if (theirs < 0) {
            *why = systemError("fcntl", errno);
            ::close(pair[0]);
            return false;
        }
        posix_spawn_file_actions_t files;
        posix_spawn_file_actions_init(&files);
        posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_adddup2(&files, theirs, serverControl);
        // Signals as a program expects them, whatever this process's thread blocked or ignored.
        posix_spawnattr_t attributes;
        posix_spawnattr_init(&attributes);
        sigset_t none;
        sigemptyset(&none);
        posix_spawnattr_setsigmask(&attributes, &none);
        sigset_t defaults;
        sigemptyset(&defaults);
        sigaddset(&defaults, SIGPIPE);
        sigaddset(&defaults, SIGCHLD);
        posix_spawnattr_setsigdefault(&attributes, &defaults);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
        const QByteArray program = executable.toLocal8Bit();
        const QByteArray descriptor = QByteArray::number(serverControl);
        const QByteArray option(forkserver::option.data(), forkserver::option.size());
        char* arguments[] = {const_cast<char*>(program.constData()), const_cast<char*>(option.constData()),
            const_cast<char*>(descriptor.constData()), nullptr};
        pid_t pid = -1;
        const int error = ::posix_spawn(&pid, program.constData(), &files, &attributes, arguments, environ);
        posix_spawn_file_actions_destroy(&files);
        posix_spawnattr_destroy(&attributes);
        ::close(theirs);
        if (error != 0) {
            *why = systemError("scan fork server did not start", error);
            ::close(pair[0]);
            return false;
        }
        m_pid = pid;
        m_control = pair[0];
        m_executable = executable;
        return true;
    }

    // This server takes no new clients; a dead one is waited for now, a live one (another executable's) when
    // its last client has gone.
    void retire(bool dead)
    {
        ::close(m_control);
        m_control = -1;
        if (dead) {
            ::kill(m_pid, SIGKILL);
            (void)::waitpid(m_pid, nullptr, 0);
        } else {
            m_retired.push_back(m_pid);
        }
        m_pid = -1;
    }

    void reapRetired()
    {
        std::erase_if(m_retired, [](pid_t pid) { return ::waitpid(pid, nullptr, WNOHANG) != 0; });
    }

    std::mutex m_mutex;
    QString m_executable;
    pid_t m_pid = -1;
    int m_control = -1;
    std::vector<pid_t> m_retired;
};

class ForkedHelper;

} // namespace

// One launcher's client socket to the fork server, in the launcher's thread; shared with its helpers, which
// may outlive the launcher by a moment.
class ScanHelperLauncher::Connection
{
public:
    explicit Connection(int socket)
        : m_socket(socket)
        , m_notifier(socket, QSocketNotifier::Read)
    {
        QObject::connect(&m_notifier, &QSocketNotifier::activated, &m_notifier, [this] { readAll(0); });
    }

    ~Connection()
    {
        if (m_socket >= 0)
            ::close(m_socket); // the server kills what is left of this connection's helpers
    }

    [[nodiscard]] bool isOpen() const { return m_socket >= 0; }

    bool fork(ForkedHelper* helper, const QByteArray& request, const int* descriptors, int count);
    void kill(int pid)
    {
        if (m_socket >= 0)
            (void)forkserver::send(m_socket, forkserver::message(forkserver::Kill, pid));
    }
    void forget(ForkedHelper* helper);
    bool waitUntilAllEnded(const QDeadlineTimer& deadline);
    [[nodiscard]] std::vector<ForkedHelper*> helpers() const;

private:
    // Every message there is; `timeoutMs` (0: none waiting) for the first. False once the server has gone.
    bool readAll(int timeoutMs);
    void lost();

    int m_socket;
    QSocketNotifier m_notifier;
    std::deque<ForkedHelper*> m_pending; // waiting for `P`/`E`, in order; nullptr: forgotten meanwhile
    std::map<int, ForkedHelper*> m_running; // by pid
};

namespace {

void setNonBlocking(int descriptor)
{
    (void)::fcntl(descriptor, F_SETFL, ::fcntl(descriptor, F_GETFL) | O_NONBLOCK);
}

// A helper forked by the server: its ends of the three pipes, its pid once the server has answered.
class ForkedHelper final : public ScanHelperProcess
{
public:
    using Connection = ScanHelperLauncher::Connection;

    explicit ForkedHelper(std::shared_ptr<Connection> connection)
        : m_connection(std::move(connection))
    { }

    ~ForkedHelper() override
    {
        m_connection->forget(this);
        if (m_state == State::Running)
            m_connection->kill(m_pid); // nobody waits for it: the server waits for it and drops its status
        for (const int descriptor : {m_input, m_output, m_errors}) {
            if (descriptor >= 0)
                ::close(descriptor);
        }
    }

    // Pipes made, asked for; false (and errorString()) when it could not be.
    bool begin(const SharedScanPage* page, const QStringList& environment)
    {
        int input[2];
        int output[2];
        int errors[2];
        if (::pipe2(input, O_CLOEXEC) != 0) {
            m_error = systemError("pipe", errno);
            return false;
        }
        if (::pipe2(output, O_CLOEXEC) != 0) {
            m_error = systemError("pipe", errno);
            ::close(input[0]), ::close(input[1]);
            return false;
        }
        if (::pipe2(errors, O_CLOEXEC) != 0) {
            m_error = systemError("pipe", errno);
            ::close(input[0]), ::close(input[1]), ::close(output[0]), ::close(output[1]);
            return false;
        }
        m_input = input[1];
        m_output = output[0];
        m_errors = errors[0];
        for (const int descriptor : {m_input, m_output, m_errors})
            setNonBlocking(descriptor);

        QByteArray request;
        request.append(forkserver::Fork);
        request.append(page ? '\1' : '\0');
        for (const QString& entry : environment) {
            request.append(entry.toLocal8Bit());
            request.append('\0');
        }
        const int theirs[] = {input[0], output[1], errors[1], page ? page->handle() : -1};
        const bool asked = m_connection->fork(this, request, theirs, page ? 4 : 3);
        const int error = errno;
        ::close(input[0]), ::close(output[1]), ::close(errors[1]);
        if (!asked) {
            m_error = error == EMSGSIZE ? QStringLiteral("scan helper: environment too large")
                                        : systemError("scan fork server", error);
            return false;
        }
        m_outputNotifier = std::make_unique<QSocketNotifier>(m_output, QSocketNotifier::Read);
        QObject::connect(m_outputNotifier.get(), &QSocketNotifier::activated, m_outputNotifier.get(), [this] {
            drain(m_output, &m_outputBuffer, m_outputNotifier.get());
            if (!m_outputBuffer.isEmpty() && m_callbacks.output)
                m_callbacks.output();
        });
        m_errorsNotifier = std::make_unique<QSocketNotifier>(m_errors, QSocketNotifier::Read);
        QObject::connect(m_errorsNotifier.get(), &QSocketNotifier::activated, m_errorsNotifier.get(), [this] {
            drain(m_errors, &m_errorsBuffer, m_errorsNotifier.get());
            if (!m_errorsBuffer.isEmpty() && m_callbacks.errors)
                m_callbacks.errors();
        });
        m_state = State::Starting;
        return true;
    }

    // From the connection.
    void forked(int pid)
    {
        m_pid = pid;
        m_state = State::Running;
        flushInput();
        if (m_killRequested)
            m_connection->kill(m_pid);
        if (m_callbacks.started)
            m_callbacks.started();
    }
    void forkFailed(const QString& why)
    {
        m_state = State::NotRunning;
        m_error = why;
        if (m_callbacks.failedToStart)
            m_callbacks.failedToStart();
    }
    void exited(int status, const QString& why = {})
    {
        drain(m_output, &m_outputBuffer, m_outputNotifier.get());
        drain(m_errors, &m_errorsBuffer, m_errorsNotifier.get());
        m_state = State::NotRunning;
        m_crashed = WIFSIGNALED(status);
        m_exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        if (!why.isEmpty())
            m_error = why;
        else if (m_crashed)
            m_error = QStringLiteral("killed by signal %1").arg(WTERMSIG(status));
        if (m_callbacks.finished)
            m_callbacks.finished();
    }
    // The server has gone; so has this helper (it dies with the server).
    void serverLost()
    {
        if (m_state == State::Starting) {
            forkFailed(QStringLiteral("the scan fork server ended"));
            return;
        }
        if (m_state == State::NotRunning)
            return;
        exited(
            SIGKILL, QStringLiteral("the scan fork server ended")); // the wait status of "killed by SIGKILL"
    }

    void setCallbacks(Callbacks callbacks) override { m_callbacks = std::move(callbacks); }
    [[nodiscard]] State state() const override { return m_state; }

    void write(const QByteArray& bytes) override
    {
        if (m_input < 0)
            return;
        m_inputBuffer.append(bytes);
        if (m_state == State::Running)
            flushInput();
    }

    void closeInput() override
    {
        m_closeInput = true;
        if (m_state != State::Starting)
            flushInput();
    }

    void kill() override
    {
        if (m_state == State::Starting)
            m_killRequested = true;
        else if (m_state == State::Running)
            m_connection->kill(m_pid);
    }

    [[nodiscard]] QByteArray readOutput() override
    {
        drain(m_output, &m_outputBuffer, m_outputNotifier.get());
        return std::exchange(m_outputBuffer, {});
    }
    [[nodiscard]] QByteArray readErrors() override
    {
        drain(m_errors, &m_errorsBuffer, m_errorsNotifier.get());
        return std::exchange(m_errorsBuffer, {});
    }
    [[nodiscard]] bool hasOutput() override
    {
        drain(m_output, &m_outputBuffer, m_outputNotifier.get());
        return !m_outputBuffer.isEmpty();
    }
    [[nodiscard]] bool crashed() const override { return m_crashed; }
    [[nodiscard]] int exitCode() const override { return m_exitCode; }
    [[nodiscard]] QString errorString() const override { return m_error; }

private:
    // What the pipe holds now, into `buffer`; at its end the notifier stops (the descriptor stays open until
    // this object goes, so that its number is not reused under the notifier).
    static void drain(int descriptor, QByteArray* buffer, QSocketNotifier* notifier)
    {
        if (descriptor < 0 || (notifier && !notifier->isEnabled()))
            return;
        char chunk[65536];
        while (true) {
            const ssize_t n = ::read(descriptor, chunk, sizeof chunk);
            if (n > 0) {
                buffer->append(chunk, qsizetype(n));
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n == 0 && notifier)
                notifier->setEnabled(false);
            return; // end of file, or EAGAIN: nothing more now
        }
    }

    void flushInput()
    {
        while (m_input >= 0 && !m_inputBuffer.isEmpty()) {
            const ssize_t n = ::write(m_input, m_inputBuffer.constData(), size_t(m_inputBuffer.size()));
            if (n > 0) {
                m_inputBuffer.remove(0, qsizetype(n));
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                // A full pipe: the rest when the helper has read (a request is a few hundred bytes, so
                // this is a helper that stopped reading; its stall or grace timer ends it).
                if (!m_inputNotifier) {
                    m_inputNotifier = std::make_unique<QSocketNotifier>(m_input, QSocketNotifier::Write);
                    QObject::connect(m_inputNotifier.get(), &QSocketNotifier::activated,
                        m_inputNotifier.get(), [this] { flushInput(); });
                }
                m_inputNotifier->setEnabled(true);
                return;
            }
            // EPIPE: the helper has gone; what it did not read no longer matters.
            m_inputBuffer.clear();
        }
        if (m_inputNotifier)
            m_inputNotifier->setEnabled(false);
        if (m_closeInput && m_input >= 0) {
            m_inputNotifier.reset();
            ::close(m_input);
            m_input = -1;
        }
    }

    std::shared_ptr<Connection> m_connection;
    Callbacks m_callbacks;
    State m_state = State::NotRunning;
    int m_pid = -1;
    int m_input = -1;
    int m_output = -1;
    int m_errors = -1;
    std::unique_ptr<QSocketNotifier> m_inputNotifier;
    std::unique_ptr<QSocketNotifier> m_outputNotifier;
    std::unique_ptr<QSocketNotifier> m_errorsNotifier;
    QByteArray m_inputBuffer;
    QByteArray m_outputBuffer;
    QByteArray m_errorsBuffer;
    bool m_closeInput = false;
    bool m_killRequested = false;
    bool m_crashed = false;
    int m_exitCode = -1;
    QString m_error;
};

} // namespace

bool ScanHelperLauncher::Connection::fork(
    ForkedHelper* helper, const QByteArray& request, const int* descriptors, int count)
{
    if (m_socket < 0) {
        errno = ENOTCONN;
        return false;
    }
    if (!forkserver::send(m_socket, request, descriptors, count)) {
        const int error = errno;
        if (error != EMSGSIZE)
            lost();
        errno = error;
        return false;
    }
    m_pending.push_back(helper);
    return true;
}

void ScanHelperLauncher::Connection::forget(ForkedHelper* helper)
{
    std::replace(m_pending.begin(), m_pending.end(), helper, static_cast<ForkedHelper*>(nullptr));
    std::erase_if(m_running, [helper](const auto& entry) { return entry.second == helper; });
}

std::vector<ForkedHelper*> ScanHelperLauncher::Connection::helpers() const
{
    std::vector<ForkedHelper*> all;
    for (ForkedHelper* helper : m_pending) {
        if (helper)
            all.push_back(helper);
    }
    for (const auto& [pid, helper] : m_running)
        all.push_back(helper);
    return all;
}

bool ScanHelperLauncher::Connection::readAll(int timeoutMs)
{
    if (m_socket < 0)
        return false;
    if (timeoutMs > 0) {
        pollfd ready {m_socket, POLLIN, 0};
        if (::poll(&ready, 1, timeoutMs) <= 0)
            return true;
    }
    forkserver::Message message;
    while (m_socket >= 0) {
        const qsizetype n = forkserver::receive(m_socket, &message, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        if (n <= 0) {
            lost();
            return false;
        }
        message.closeDescriptors(); // the server sends none; a peer that did leaks nothing
        const char kind = message.kind();
        if ((kind == forkserver::Forked || kind == forkserver::ForkFailed) && !m_pending.empty()) {
            ForkedHelper* helper = m_pending.front();
            m_pending.pop_front();
            if (kind == forkserver::ForkFailed) {
                if (helper)
                    helper->forkFailed(systemError("scan helper did not fork", message.value(0)));
            } else if (helper) {
                m_running.emplace(message.value(0), helper);
                helper->forked(message.value(0));
            } else {
                kill(message.value(0)); // dropped while it was being forked
            }
        } else if (kind == forkserver::Exited) {
            const auto running = m_running.find(message.value(0));
            if (running != m_running.end()) {
                ForkedHelper* helper = running->second;
                m_running.erase(running);
                helper->exited(message.value(1));
            }
        }
    }
    return false;
}

// The server has gone, and its helpers with it (PR_SET_PDEATHSIG): each is told; the launcher's next helper
// comes from a new server.
void ScanHelperLauncher::Connection::lost()
{
    if (m_socket < 0)
        return;
    m_notifier.setEnabled(false);
    ::close(m_socket);
    m_socket = -1;
    // A callback may drop another helper (forget() above): each is looked up again before it is told.
    for (ForkedHelper* helper : helpers()) {
        const std::vector<ForkedHelper*> still = helpers();
        if (std::find(still.begin(), still.end(), helper) == still.end())
            continue;
        forget(helper);
        helper->serverLost();
    }
}

bool ScanHelperLauncher::Connection::waitUntilAllEnded(const QDeadlineTimer& deadline)
{
    while (!helpers().empty() && m_socket >= 0 && !deadline.hasExpired())
        readAll(int(std::max<qint64>(1, deadline.remainingTime())));
    return helpers().empty();
}

ScanHelperLauncher::ScanHelperLauncher(QString executable)
    : m_executable(std::move(executable))
{ }

ScanHelperLauncher::~ScanHelperLauncher() = default;

std::unique_ptr<ScanHelperProcess> ScanHelperLauncher::start(
    const SharedScanPage* page, const QStringList& environment)
{
    if (!m_connection || !m_connection->isOpen()) {
        QString why;
        const int socket = ForkServers::instance().connect(m_executable, &why);
        if (socket < 0)
            return ScanHelperProcess::failed(why);
        m_connection = std::make_shared<Connection>(socket);
    }
    auto helper = std::make_unique<ForkedHelper>(m_connection);
    if (!helper->begin(page, environment))
        return ScanHelperProcess::failed(helper->errorString());
    return helper;
}

void ScanHelperLauncher::killAll(int timeoutMs)
{
    if (!m_connection)
        return;
    const QDeadlineTimer deadline(timeoutMs);
    for (ForkedHelper* helper : m_connection->helpers())
        helper->kill();
    m_connection->waitUntilAllEnded(deadline);
}

} // namespace certdesk::documents
