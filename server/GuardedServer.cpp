#include "GuardedServer.h"

#include "Http.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

#ifndef _WIN32
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace certdesk::server {

#ifndef _WIN32
namespace {

using Clock = std::chrono::steady_clock;

// Waits until `sock` has `events` (or an error or hang-up, which the next read or write reports) or until
// `until`; false on timeout.
bool waitFor(int sock, short events, Clock::time_point until)
{
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
        if (left <= 0)
            return false;
        pollfd p {sock, events, 0};
        const int r = ::poll(&p, 1, int(std::min<long long>(left, 60 * 1000)));
        if (r > 0)
            return true;
        if (r < 0 && errno != EINTR)
            return false;
    }
}

std::string addressOf(const sockaddr_storage& address, socklen_t length, int* port)
{
    char host[NI_MAXHOST] = {};
    char service[NI_MAXSERV] = {};
    if (getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host, sizeof host, service,
            sizeof service, NI_NUMERICHOST | NI_NUMERICSERV)
        != 0)
        return {};
    if (port)
        *port = std::atoi(service);
    std::string text = host;
    // An IPv4 client on a dual-stack socket is the IPv4 address for every limit.
    if (text.rfind("::ffff:", 0) == 0 && text.find('.') != std::string::npos)
        text.erase(0, 7);
    return text;
}

std::string peerAddress(int sock, int* port = nullptr)
{
    sockaddr_storage address {};
    socklen_t length = sizeof address;
    if (getpeername(sock, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        return {};
    return addressOf(address, length, port);
}

// One connection's reads and writes, plain or TLS, on a non-blocking socket. Every wait ends at the earlier
// of the per-operation timeout and the current request's deadline; past the deadline reads and writes fail,
// which ends the request and the connection.
class GuardedStream final : public httplib::Stream
{
public:
    GuardedStream(int sock, SSL* ssl, Clock::duration readTimeout, Clock::duration writeTimeout)
        : m_sock(sock)
        , m_ssl(ssl)
        , m_readTimeout(readTimeout)
        , m_writeTimeout(writeTimeout)
    { }

    void setDeadline(Clock::time_point deadline) { m_deadline = deadline; }
    // Whether the current request's head was read whole (the service saw the request).
    void setHeadReceived(bool received) { m_headReceived = received; }
    [[nodiscard]] bool headReceived() const { return m_headReceived; }
    [[nodiscard]] Clock::time_point deadline() const { return m_deadline; }
    // Bytes already received and not yet handed to httplib (a pipelined next request).
    [[nodiscard]] bool hasBuffered() const { return m_offset < m_size || (m_ssl && SSL_pending(m_ssl) > 0); }

    bool is_readable() const override { return hasBuffered() || waitFor(m_sock, POLLIN, readUntil()); }
    bool is_writable() const override { return waitFor(m_sock, POLLOUT, writeUntil()); }

    ssize_t read(char* ptr, size_t size) override
    {
        if (size == 0)
            return 0;
        if (m_offset < m_size) {
            const size_t n = std::min(size, m_size - m_offset);
            std::memcpy(ptr, m_buffer + m_offset, n);
            m_offset += n;
            return ssize_t(n);
        }
        // Small reads (httplib reads the request head a byte at a time) go through the buffer.
        const bool buffered = size < sizeof m_buffer;
        char* target = buffered ? m_buffer : ptr;
        const size_t want = buffered ? sizeof m_buffer : size;
        const ssize_t n = receive(target, want);
        if (n <= 0 || !buffered)
            return n;
        m_offset = 0;
        m_size = size_t(n);
        return read(ptr, size);
    }

    ssize_t write(const char* ptr, size_t size) override
    {
        size_t done = 0;
        while (done < size) {
            if (m_ssl) {
                ERR_clear_error();
                const int n = SSL_write(m_ssl, ptr + done, int(std::min<size_t>(size - done, INT_MAX)));
                if (n > 0) {
                    done += size_t(n);
                    continue;
                }
                const int error = SSL_get_error(m_ssl, n);
                ERR_clear_error();
                if (error == SSL_ERROR_WANT_WRITE && waitFor(m_sock, POLLOUT, writeUntil()))
                    continue;
                if (error == SSL_ERROR_WANT_READ && waitFor(m_sock, POLLIN, writeUntil()))
                    continue;
                return -1;
            }
            // MSG_NOSIGNAL: a client that hung up is an error here, not SIGPIPE.
            const ssize_t n = ::send(m_sock, ptr + done, size - done, MSG_NOSIGNAL);
            if (n > 0) {
                done += size_t(n);
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && waitFor(m_sock, POLLOUT, writeUntil()))
                continue;
            return -1;
        }
        return ssize_t(done);
    }

    // httplib asks for both addresses on every request; a connection's do not change, so they are looked up
    // once (getnameinfo is not free).
    void get_remote_ip_and_port(std::string& ip, int& port) const override
    {
        if (!m_remoteKnown) {
            m_remoteIp = peerAddress(m_sock, &m_remotePort);
            m_remoteKnown = true;
        }
        ip = m_remoteIp;
        port = m_remotePort;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override
    {
        if (!m_localKnown) {
            sockaddr_storage address {};
            socklen_t length = sizeof address;
            if (getsockname(m_sock, reinterpret_cast<sockaddr*>(&address), &length) == 0)
                m_localIp = addressOf(address, length, &m_localPort);
            m_localKnown = true;
        }
        ip = m_localIp;
        port = m_localPort;
    }
    socket_t socket() const override { return m_sock; }

private:
    [[nodiscard]] Clock::time_point readUntil() const
    {
        return std::min(Clock::now() + m_readTimeout, m_deadline);
    }
    [[nodiscard]] Clock::time_point writeUntil() const
    {
        return std::min(Clock::now() + m_writeTimeout, m_deadline);
    }

    ssize_t receive(char* target, size_t size)
    {
        for (;;) {
            if (Clock::now() >= m_deadline)
                return -1;
            if (m_ssl) {
                ERR_clear_error();
                const int n = SSL_read(m_ssl, target, int(std::min<size_t>(size, INT_MAX)));
                if (n > 0)
                    return n;
                const int error = SSL_get_error(m_ssl, n);
                ERR_clear_error();
                if (error == SSL_ERROR_WANT_READ && waitFor(m_sock, POLLIN, readUntil()))
                    continue;
                if (error == SSL_ERROR_WANT_WRITE && waitFor(m_sock, POLLOUT, readUntil()))
                    continue;
                return error == SSL_ERROR_ZERO_RETURN ? 0 : -1;
            }
            const ssize_t n = ::recv(m_sock, target, size, 0);
            if (n >= 0)
                return n;
            if (errno == EINTR)
                continue;
            if ((errno == EAGAIN || errno == EWOULDBLOCK) && waitFor(m_sock, POLLIN, readUntil()))
                continue;
            return -1;
        }
    }

    int m_sock;
    SSL* m_ssl;
    Clock::duration m_readTimeout;
    Clock::duration m_writeTimeout;
    Clock::time_point m_deadline = Clock::time_point::max();
    bool m_headReceived = false;
    mutable std::string m_remoteIp;
    mutable std::string m_localIp;
    mutable int m_remotePort = 0;
    mutable int m_localPort = 0;
    mutable bool m_remoteKnown = false;
    mutable bool m_localKnown = false;
    char m_buffer[4096] = {};
    size_t m_offset = 0;
    size_t m_size = 0;
};

thread_local GuardedStream* t_stream = nullptr;
thread_local Clock::duration t_bodyTimeout {};

// The answer to a connection over the per-address maximum, written before anything of it is read.
void refuse(int sock)
{
    const QByteArray body
        = QJsonDocument(QJsonObject {{QStringLiteral("error"),
                            QJsonObject {{QStringLiteral("code"), QStringLiteral("rate_limited")},
                                {QStringLiteral("message"),
                                    QCoreApplication::translate("certdesk::Server",
                                        "Too many connections from this address at once; "
                                        "close some and try again.")}}}})
              .toJson(QJsonDocument::Compact);
    const QByteArray reply = "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Type: "
                             "application/json; charset=utf-8\r\nConnection: close\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    // The socket is new and its send buffer empty: this never blocks, and what does not fit is dropped.
    [[maybe_unused]] const ssize_t sent
        = ::send(sock, reply.constData(), size_t(reply.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
}

// Closing a socket with unread data sends a reset, and a reset can destroy an answer the client has not read
// yet (a refused upload whose body is on its way). So: end our side (FIN after the answer), then read and
// drop what still comes for a moment — at most 2 s and 256 KiB — before closing (Apache's "lingering close").
void lingeringClose(int sock)
{
    ::shutdown(sock, SHUT_WR);
    const Clock::time_point until = Clock::now() + std::chrono::seconds(2);
    size_t dropped = 0;
    char buffer[16384];
    while (dropped < 256 * 1024 && waitFor(sock, POLLIN, until)) {
        const ssize_t n = ::recv(sock, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
            break;
        if (n > 0)
            dropped += size_t(n);
    }
    ::close(sock);
}

} // namespace

#endif

GuardedServer::GuardedServer(const Limits& limits)
    : m_limits(limits)
{ }

GuardedServer::~GuardedServer()
{
    if (m_tls)
        SSL_CTX_free(m_tls);
}

bool GuardedServer::enableTls(const QString& certificateFile, const QString& keyFile, QString* error)
{
    SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
    const QByteArray certificate = QFile::encodeName(certificateFile);
    const QByteArray key = QFile::encodeName(keyFile);
    const bool ok = ctx && SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) == 1
        && SSL_CTX_use_certificate_chain_file(ctx, certificate.constData()) == 1
        && SSL_CTX_use_PrivateKey_file(ctx, key.constData(), SSL_FILETYPE_PEM) == 1
        && SSL_CTX_check_private_key(ctx) == 1;
    ERR_clear_error();
#ifdef _WIN32
    if (ok) {
        SSL_CTX_free(ctx);
        if (error)
            *error = QStringLiteral("this build serves plain HTTP only; terminate TLS at a proxy");
        return false;
    }
#endif
    if (!ok) {
        if (ctx)
            SSL_CTX_free(ctx);
        if (error)
            *error = QStringLiteral("cannot load the TLS certificate or key");
        return false;
    }
    SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION);
    if (m_tls)
        SSL_CTX_free(m_tls);
    m_tls = ctx;
    return true;
}

void GuardedServer::headReceived()
{
#ifndef _WIN32
    if (t_stream) {
        t_stream->setHeadReceived(true);
        t_stream->setDeadline(Clock::now() + t_bodyTimeout);
    }
#endif
}

bool GuardedServer::admit(const std::string& address)
{
    const std::lock_guard lock(m_mutex);
    int& open = m_connections[address];
    if (open >= m_limits.maxPerAddress)
        return false;
    ++open;
    return true;
}

void GuardedServer::release(const std::string& address)
{
    const std::lock_guard lock(m_mutex);
    const auto it = m_connections.find(address);
    if (it != m_connections.end() && --it->second <= 0)
        m_connections.erase(it);
}

#ifndef _WIN32
bool GuardedServer::process_and_close_socket(socket_t sock)
{
    const std::string address = peerAddress(sock);
    const bool counted = !isTrustedProxy(QString::fromStdString(address), m_limits.trustedProxies);
    if (counted && !admit(address)) {
        if (!m_tls)
            refuse(sock);
        ::shutdown(sock, SHUT_RDWR);
        ::close(sock);
        return true;
    }
    const int flags = fcntl(sock, F_GETFL, 0);
    fcntl(sock, F_SETFL, flags | O_NONBLOCK);
    t_bodyTimeout = m_limits.bodyTimeout;
    const auto readTimeout
        = std::chrono::seconds(read_timeout_sec_) + std::chrono::microseconds(read_timeout_usec_);
    const auto writeTimeout
        = std::chrono::seconds(write_timeout_sec_) + std::chrono::microseconds(write_timeout_usec_);
    Clock::time_point deadline = Clock::now() + m_limits.headerTimeout;

    SSL* ssl = nullptr;
    bool ok = true;
    if (m_tls) {
        ssl = SSL_new(m_tls);
        ok = ssl && SSL_set_fd(ssl, sock) == 1;
        while (ok) {
            ERR_clear_error();
            const int r = SSL_accept(ssl);
            if (r == 1)
                break;
            const int error = SSL_get_error(ssl, r);
            ok = (error == SSL_ERROR_WANT_READ && waitFor(sock, POLLIN, deadline))
                || (error == SSL_ERROR_WANT_WRITE && waitFor(sock, POLLOUT, deadline));
        }
        ERR_clear_error();
    }
    if (ok) {
        GuardedStream stream(sock, ssl, readTimeout, writeTimeout);
        const auto keepAlive = std::chrono::seconds(keep_alive_timeout_sec_);
        size_t count = keep_alive_max_count_;
        bool first = true;
        while (count > 0 && svr_sock_ != INVALID_SOCKET) {
            if (!first)
                deadline = Clock::now() + m_limits.headerTimeout;
            // Wait for the request to start in short slices, so that stopping the server ends the wait.
            const Clock::time_point idleUntil
                = first ? deadline : std::min(deadline, Clock::now() + keepAlive);
            bool ready = stream.hasBuffered();
            while (!ready && svr_sock_ != INVALID_SOCKET && Clock::now() < idleUntil)
                ready = waitFor(
                    sock, POLLIN, std::min(idleUntil, Clock::now() + std::chrono::milliseconds(50)));
            if (!ready)
                break;
            stream.setDeadline(deadline);
            stream.setHeadReceived(false);
            t_stream = &stream;
            bool connectionClosed = false;
            const bool closeConnection = count == 1;
            const bool served = process_request(stream, closeConnection, connectionClosed, {});
            t_stream = nullptr;
            // A request whose head httplib could not read whole (it answers 400 or 414 without routing it: a
            // head cut off by its deadline or by a read timeout, a line that is no request line) ends the
            // connection. Kept alive, a client trickling header lines would have each later line read as a
            // new request line and answered 400, one after another, and hold the worker for ever.
            if (!served || connectionClosed || closeConnection || !stream.headReceived()
                || Clock::now() >= stream.deadline())
                break;
            --count;
            first = false;
        }
    }
    if (ssl) {
        ERR_clear_error();
        SSL_shutdown(ssl);
        SSL_free(ssl);
        ERR_clear_error();
    }
    lingeringClose(sock);
    if (counted)
        release(address);
    return true;
}

#endif

} // namespace certdesk::server
