#pragma once

#include <QString>
#include <QStringList>

#include "HttpLib.h"

#include <openssl/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace certdesk::server {

// The HTTP(S) server of the service: cpp-httplib's request handling over connections that this class
// accepts, reads and closes itself, so that slow clients cannot hold the workers (../shared/API.md,
// issue "access that holds"):
// - a connection's whole request head must arrive within `headerTimeout` of the request's start (the first
//   request: the connection opening; later ones: the previous response), and its body and handling within
//   `bodyTimeout` of the head (httplib's own read timeout is per read, so a client sending one header line a
//   second would otherwise keep a worker for ever);
// - at most `maxPerAddress` connections at once from one peer address (trusted proxies excepted, they carry
//   many clients); one more is answered 429 and closed without reading a byte of it.
// With TLS the handshake counts as part of the first request's head. POSIX sockets only: on Windows (where
// the service runs embedded as the client's loopback sandbox) httplib's own connection handling stays, and
// TLS is refused.
class GuardedServer : public httplib::Server
{
public:
    struct Limits
    {
        std::chrono::seconds headerTimeout {10};
        std::chrono::seconds bodyTimeout {120};
        int maxPerAddress = 16;
        QStringList trustedProxies;
    };

    explicit GuardedServer(const Limits& limits);
    ~GuardedServer() override;

    // Serves HTTPS with this certificate chain and key (PEM files). false and *error when they do not load.
    [[nodiscard]] bool enableTls(const QString& certificateFile, const QString& keyFile, QString* error);

    // Called on the worker thread once the current request's head was read (from httplib's pre-routing and
    // Expect: 100-continue handlers): from now on the body deadline applies.
    static void headReceived();

private:
#ifndef _WIN32
    bool process_and_close_socket(socket_t sock) override;
#endif
    // Takes a connection slot for `address`; false when it has its maximum already.
    bool admit(const std::string& address);
    void release(const std::string& address);

    Limits m_limits;
    SSL_CTX* m_tls = nullptr;
    std::mutex m_mutex;
    std::map<std::string, int> m_connections; // open connections per peer address
};

} // namespace certdesk::server
