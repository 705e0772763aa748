#pragma once

// The scan helpers' fork server (POSIX): one certdesk-scan-helper per application, started with
// `--fork-server <descriptor>`, that has loaded the helper's libraries once and forks a fresh helper for each
// request (ScanHelperLauncher.h says why). Both ends live here: the message format and the server's loop;
// the client is ScanHelperLauncherPosix.cpp.
//
// Wire: Unix SOCK_SEQPACKET sockets (unix(7)), a message a datagram, descriptors passed with SCM_RIGHTS.
//  - control socket (the server's descriptor on its command line; one per server): `C` with one descriptor,
//    a new client socket. The server ends once the control socket and every client socket are closed.
//  - client socket (one per ProcessScanSource I/O thread):
//      client → server  `F` has-page(1 byte) environment("NAME=value" entries, each ending in NUL),
//                          descriptors: the helper's stdin, stdout, stderr and, with has-page, its page;
//                       `K` pid(int32): SIGKILL to that helper (one of this client's that has not ended).
//      server → client  `P` pid(int32): the answer to `F` (answers come in the order of the requests);
//                       `E` errno(int32): `F` failed;
//                       `X` pid(int32) status(int32, as waitpid(2) gives it): that helper has ended.
//    A client socket that closes kills the helpers it started. A helper dies with the server
//    (PR_SET_PDEATHSIG on Linux).

#include <QByteArray>
#include <QLatin1StringView>

#include <functional>
#include <vector>

namespace certdesk::documents::forkserver {

inline constexpr QLatin1StringView option("--fork-server");

enum Kind : char
{
    Connect = 'C',
    Fork = 'F',
    Kill = 'K',
    Forked = 'P',
    ForkFailed = 'E',
    Exited = 'X',
};

// The most descriptors a message carries, and the largest message (an environment of that size is refused).
inline constexpr int maxDescriptors = 4;
inline constexpr qsizetype maxMessage = 192 * 1024;

struct Message
{
    QByteArray bytes;
    std::vector<int> descriptors; // the receiver's to close (close-on-exec)

    [[nodiscard]] char kind() const { return bytes.isEmpty() ? '\0' : bytes.at(0); }
    // The n-th int32 after the kind byte; 0 when the message is too short.
    [[nodiscard]] int value(int n) const;
    void closeDescriptors();
};

[[nodiscard]] QByteArray message(char kind, int first);
[[nodiscard]] QByteArray message(char kind, int first, int second);

// One datagram with `count` descriptors; false with errno set when it could not be sent (never SIGPIPE).
bool send(int socket, const QByteArray& bytes, const int* descriptors = nullptr, int count = 0);
// One datagram: its size, 0 when the peer has closed, -1 with errno set (EAGAIN with MSG_DONTWAIT and
// nothing there).
qsizetype receive(int socket, Message* message, int flags = 0);

// The server's loop on `control` until it ends; `serve` runs in each forked helper, with its page's
// descriptor (-1 for none) and its standard streams set, and never returns (it ends the process).
[[nodiscard]] int run(int control, const std::function<void(int pageDescriptor)>& serve);

} // namespace certdesk::documents::forkserver
