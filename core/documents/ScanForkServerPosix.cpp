// The scan helpers' fork server and its message format (ScanForkServer.h), on POSIX sockets and fork(2).
#include "documents/ScanForkServer.h"

#include <QtEndian>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <map>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

namespace certdesk::documents::forkserver {

int Message::value(int n) const
{
    const qsizetype at = 1 + qsizetype(n) * 4;
    if (bytes.size() < at + 4)
        return 0;
    return qFromBigEndian<qint32>(bytes.constData() + at);
}

void Message::closeDescriptors()
{
    for (const int descriptor : descriptors)
        ::close(descriptor);
    descriptors.clear();
}

QByteArray message(char kind, int first)
{
    QByteArray bytes(5, Qt::Uninitialized);
    bytes[0] = kind;
    qToBigEndian<qint32>(first, bytes.data() + 1);
    return bytes;
}

QByteArray message(char kind, int first, int second)
{
    QByteArray bytes = message(kind, first);
    bytes.resize(9);
    qToBigEndian<qint32>(second, bytes.data() + 5);
    return bytes;
}

bool send(int socket, const QByteArray& bytes, const int* descriptors, int count)
{
    iovec data {const_cast<char*>(bytes.constData()), size_t(bytes.size())};
    msghdr header {};
    header.msg_iov = &data;
    header.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * maxDescriptors)] {};
    if (count > 0) {
        if (count > maxDescriptors) {
            errno = EINVAL;
            return false;
        }
        header.msg_control = control;
        header.msg_controllen = CMSG_SPACE(sizeof(int) * size_t(count));
        cmsghdr* rights = CMSG_FIRSTHDR(&header);
        rights->cmsg_level = SOL_SOCKET;
        rights->cmsg_type = SCM_RIGHTS;
        rights->cmsg_len = CMSG_LEN(sizeof(int) * size_t(count));
        std::memcpy(CMSG_DATA(rights), descriptors, sizeof(int) * size_t(count));
    }
    while (true) {
        const ssize_t n = ::sendmsg(socket, &header, MSG_NOSIGNAL);
        if (n >= 0)
            return n == bytes.size();
        if (errno != EINTR)
            return false;
    }
}

qsizetype receive(int socket, Message* message, int flags)
{
    message->closeDescriptors();
    message->bytes.resize(maxMessage);
    iovec data {message->bytes.data(), size_t(message->bytes.size())};
    msghdr header {};
    header.msg_iov = &data;
    header.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * maxDescriptors)] {};
    header.msg_control = control;
    header.msg_controllen = sizeof control;
    ssize_t n = -1;
    do {
#ifdef MSG_CMSG_CLOEXEC
        n = ::recvmsg(socket, &header, flags | MSG_CMSG_CLOEXEC);
#else
        n = ::recvmsg(socket, &header, flags);
#endif
    } while (n < 0 && errno == EINTR);
    for (cmsghdr* c = CMSG_FIRSTHDR(&header); c; c = CMSG_NXTHDR(&header, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
            continue;
        const size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < count; ++i) {
            int descriptor = -1;
            std::memcpy(&descriptor, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
            message->descriptors.push_back(descriptor);
        }
    }
    message->bytes.resize(std::max<qsizetype>(n, 0));
    // A datagram cut short (MSG_TRUNC) or descriptors dropped (MSG_CTRUNC) is no message of ours.
    if (n > 0 && (header.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0) {
        message->closeDescriptors();
        message->bytes.clear();
        errno = EMSGSIZE;
        return -1;
    }
    return n;
}

namespace {

int g_childSignal = -1; // the write end of the self-pipe SIGCHLD writes to

void onChildSignal(int)
{
    const int saved = errno;
    (void)!::write(g_childSignal, "c", 1);
    errno = saved;
}

struct Client
{
    int socket = -1;
    bool open = true;
};

class Server
{
public:
    Server(int control, const std::function<void(int)>& serve)
        : m_control(control)
        , m_serve(serve)
    { }

    int run()
    {
        int pipe[2];
        if (::pipe(pipe) != 0)
            return 2;
        for (const int end : pipe)
            (void)::fcntl(end, F_SETFD, FD_CLOEXEC), (void)::fcntl(end, F_SETFL, O_NONBLOCK);
        m_wake = pipe[0];
        g_childSignal = pipe[1];
        struct sigaction action
        {
        };
        action.sa_handler = onChildSignal;
        action.sa_flags = SA_RESTART | SA_NOCLDSTOP;
        sigemptyset(&action.sa_mask);
        if (::sigaction(SIGCHLD, &action, nullptr) != 0)
            return 2;

        while (m_control >= 0 || !m_clients.empty() || !m_children.empty()) {
            if (m_control < 0 && m_clients.empty())
                killAll(); // nobody is left to ask for them
            std::vector<pollfd> wanted {{m_wake, POLLIN, 0}};
            if (m_control >= 0)
                wanted.push_back({m_control, POLLIN, 0});
            for (const Client& client : m_clients)
                wanted.push_back({client.socket, POLLIN, 0});
            if (::poll(wanted.data(), nfds_t(wanted.size()), -1) < 0) {
                if (errno == EINTR)
                    continue;
                return 2;
            }
            for (const pollfd& ready : wanted) {
                if (ready.revents == 0)
                    continue;
                if (ready.fd == m_wake)
                    reap();
                else if (ready.fd == m_control)
                    readControl();
                else
                    readClient(ready.fd);
            }
            dropClosedClients();
        }
        return 0;
    }

private:
    void readControl()
    {
        Message message;
        const qsizetype n = receive(m_control, &message, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (n <= 0) {
            // The application has gone (or closed the server): no new clients.
            ::close(m_control);
            m_control = -1;
            return;
        }
        if (message.kind() == Connect && message.descriptors.size() == 1) {
            m_clients.push_back({message.descriptors.front(), true});
            message.descriptors.clear();
        }
        message.closeDescriptors();
    }

    void readClient(int socket)
    {
        Message message;
        const qsizetype n = receive(socket, &message, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (n <= 0) {
            closeClient(socket);
            return;
        }
        if (message.kind() == Fork)
            fork(socket, &message);
        else if (message.kind() == Kill)
            kill(socket, message.value(0));
        message.closeDescriptors();
    }

    // A client that has gone takes its helpers with it: nobody waits for their answers.
    void closeClient(int socket)
    {
        for (auto& [pid, owner] : m_children) {
            if (owner == socket) {
                ::kill(pid, SIGKILL);
                owner = -1;
            }
        }
        for (Client& client : m_clients) {
            if (client.socket == socket)
                client.open = false;
        }
    }

    void dropClosedClients()
    {
        for (const Client& client : m_clients) {
            if (!client.open)
                ::close(client.socket);
        }
        m_clients.erase(std::remove_if(m_clients.begin(), m_clients.end(),
                            [](const Client& client) { return !client.open; }),
            m_clients.end());
    }

    void kill(int socket, int pid)
    {
        // Only a helper of this client that has not been waited for: its pid is still its own.
        const auto child = m_children.find(pid);
        if (child != m_children.end() && child->second == socket)
            ::kill(pid, SIGKILL);
    }

    void killAll()
    {
        for (const auto& [pid, owner] : m_children)
            ::kill(pid, SIGKILL);
    }

    void reap()
    {
        char drain[64];
        while (::read(m_wake, drain, sizeof drain) > 0) { }
        int status = 0;
        pid_t pid = 0;
        while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) {
            const auto child = m_children.find(pid);
            if (child == m_children.end())
                continue;
            const int owner = child->second;
            m_children.erase(child);
            if (owner >= 0)
                (void)send(owner, message(Exited, int(pid), status));
        }
    }

    void fork(int socket, Message* request)
    {
        std::vector<int>& descriptors = request->descriptors;
        const bool hasPage = request->bytes.size() > 1 && request->bytes.at(1) != 0;
        if (descriptors.size() != (hasPage ? 4u : 3u)) {
            (void)send(socket, message(ForkFailed, EINVAL));
            return;
        }
        const pid_t pid = ::fork();
        if (pid < 0) {
            (void)send(socket, message(ForkFailed, errno));
            return;
        }
        if (pid == 0)
            becomeHelper(request);
        m_children.emplace(int(pid), socket);
        (void)send(socket, message(Forked, int(pid)));
    }

    // In the forked child: the server's descriptors closed, the caller's pipes as the standard streams, the
    // caller's environment, then the helper's work. One thread here, so everything is safe to call after
    // fork.
    [[noreturn]] void becomeHelper(Message* request)
    {
        const pid_t server = ::getppid();
        struct sigaction action
        {
        };
        action.sa_handler = SIG_DFL;
        sigemptyset(&action.sa_mask);
        (void)::sigaction(SIGCHLD, &action, nullptr);
#ifdef __linux__
        (void)::prctl(PR_SET_PDEATHSIG, SIGKILL);
        (void)::prctl(PR_SET_NAME, "certdesk-scan-helper");
#endif
        if (::getppid() != server)
            ::_exit(2); // the server died before PR_SET_PDEATHSIG took hold
        ::close(m_wake);
        ::close(g_childSignal);
        if (m_control >= 0)
            ::close(m_control);
        for (const Client& client : m_clients)
            ::close(client.socket);

        std::vector<int>& descriptors = request->descriptors;
        for (int stream = 0; stream < 3; ++stream) {
            if (::dup2(descriptors[size_t(stream)], stream) < 0)
                ::_exit(2);
        }
        for (int stream = 0; stream < 3; ++stream) {
            if (descriptors[size_t(stream)] > STDERR_FILENO
                && std::find(descriptors.begin(), descriptors.begin() + stream, descriptors[size_t(stream)])
                    == descriptors.begin() + stream)
                ::close(descriptors[size_t(stream)]);
        }
        const int page = descriptors.size() > 3 ? descriptors[3] : -1;
        descriptors.clear();

        // The caller's environment of the moment it asked (a SANE_CONFIG_DIR set since the server started
        // counts); the strings live as long as this process.
        ::clearenv();
        char* environment = request->bytes.data() + 2;
        char* const end = request->bytes.data() + request->bytes.size();
        while (environment < end) {
            char* const entry = environment;
            environment += std::strlen(entry) + 1;
            if (std::strchr(entry, '=') != nullptr)
                (void)::putenv(entry);
        }
        m_serve(page);
        ::_exit(2);
    }

    int m_control;
    const std::function<void(int)>& m_serve;
    int m_wake = -1;
    std::vector<Client> m_clients;
    std::map<int, int> m_children; // helper pid → its client's socket (-1: the client has gone)
};

} // namespace

int run(int control, const std::function<void(int pageDescriptor)>& serve)
{
#ifdef __linux__
    (void)::prctl(PR_SET_NAME, "certdesk-scanfs");
#endif
    (void)::fcntl(control, F_SETFD, FD_CLOEXEC);
    return Server(control, serve).run();
}

} // namespace certdesk::documents::forkserver
