// Access that holds against abuse (../shared/API.md "Lookups are rate-limited per client address",
// "Operations"; docs/server.conf.example [server]): lookups, POST /applications and PUT /applications/{id}
// limited per address in the database, X-Forwarded-For believed only from the configured proxies, slow
// clients cut off by the head and body deadlines, a per-address connection cap, and an upload without a valid
// token refused before its body. Every client here is a real socket to the real certdesk-server on loopback.

#include "ServerHarness.h"
#include "TestEnvironment.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>
#include <vector>

using namespace certdesk;
using namespace certdesk::servertest;

namespace {

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// A plain TCP connection from `source` (any 127.0.0.0/8 address is this machine) to the server.
int connectFrom(const char* source, int port)
{
    const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
    if (sock < 0)
        return -1;
    sockaddr_in local {};
    local.sin_family = AF_INET;
    inet_pton(AF_INET, source, &local.sin_addr);
    sockaddr_in remote {};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(quint16(port));
    inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
    if (::bind(sock, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0
        || ::connect(sock, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) {
        ::close(sock);
        return -1;
    }
    return sock;
}

bool sendAll(int sock, const QByteArray& bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::send(sock, bytes.constData() + done, size_t(bytes.size() - done), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

// Reads until the end of a response head, EOF or `timeoutMs`; what arrived.
QByteArray readHead(int sock, int timeoutMs)
{
    QByteArray data;
    QElapsedTimer timer;
    timer.start();
    timeval tv {0, 100 * 1000};
    setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    while (!data.contains("\r\n\r\n") && timer.elapsed() < timeoutMs) {
        char buffer[4096];
        const ssize_t n = ::recv(sock, buffer, sizeof buffer, 0);
        if (n == 0)
            break;
        if (n > 0)
            data.append(buffer, n);
    }
    return data;
}

// Whether the peer closed the connection within `timeoutMs` (EOF or reset); what arrived meanwhile is
// dropped.
bool closedByPeer(int sock, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    timeval tv {0, 100 * 1000};
    setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    while (timer.elapsed() < timeoutMs) {
        char buffer[4096];
        const ssize_t n = ::recv(sock, buffer, sizeof buffer, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
            return true;
    }
    return false;
}

Reply lookupFrom(int port, const QString& serial, const char* forwardedFor = nullptr)
{
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30);
    httplib::Headers headers;
    if (forwardedFor)
        headers.emplace("X-Forwarded-For", forwardedFor);
    const auto result = c.Post("/api/v1/certificates/lookup", headers,
        QJsonDocument(QJsonObject {{QStringLiteral("serial"), serial}}).toJson().toStdString(),
        "application/json");
    Reply reply;
    if (result) {
        reply.status = result->status;
        reply.body = QByteArray::fromStdString(result->body);
        reply.headers = result->headers;
    }
    return reply;
}

} // namespace

class TestServerAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void lookupsLimitedPerAddressInTheDatabase();
    void applicationsLimitedPerAddress();
    void applicationUpdatesLimitedPerAddress();
    void forwardedForIgnoredFromOtherPeers();
    void forwardedForFromTrustedProxy();
    void uploadWithoutTokenRefusedBeforeBody();
    void slowClientsDoNotHoldTheWorkers();
    void slowBodyIsCutOff();

private:
    [[nodiscard]] QString config(const QString& name, const QByteArray& text);
    QTemporaryDir m_dir;
};

void TestServerAccess::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
}

QString TestServerAccess::config(const QString& name, const QByteArray& text)
{
    const QString path = m_dir.filePath(name + QStringLiteral(".conf"));
    return writeFile(path, text) ? path : QString();
}

void TestServerAccess::lookupsLimitedPerAddressInTheDatabase()
{
    const QString conf = config(QStringLiteral("lookups"), "[server]\nlookup_rate_limit = 3\n");
    const QString data = m_dir.filePath(QStringLiteral("lookups"));
    {
        ServerProcess server;
        QVERIFY2(server.start(data, {QStringLiteral("--config"), conf}), qPrintable(server.lastError()));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(lookupFrom(server.port(), QStringLiteral("0123456789ABCDEF")).status, 404);
        const Reply limited = lookupFrom(server.port(), QStringLiteral("0123456789ABCDEF"));
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.errorCode(), QStringLiteral("rate_limited"));
        const int retryAfter = limited.header("Retry-After").toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 60, qPrintable(limited.header("Retry-After")));
        QCOMPARE(server.terminate(), 0);
    }
    // The count is in the database, not in the process: another instance on it (here: the same service
    // started again) still refuses.
    ServerProcess again;
    QVERIFY2(again.start(data, {QStringLiteral("--config"), conf}), qPrintable(again.lastError()));
    QCOMPARE(lookupFrom(again.port(), QStringLiteral("0123456789ABCDEF")).status, 429);
    QCOMPARE(again.terminate(), 0);
}

void TestServerAccess::applicationsLimitedPerAddress()
{
    const QString conf = config(QStringLiteral("applications"), "[server]\napplication_rate_limit = 2\n");
    ServerProcess server;
    QVERIFY2(server.start(m_dir.filePath(QStringLiteral("applications")), {QStringLiteral("--config"), conf}),
        qPrintable(server.lastError()));
    Http http(server.port());
    // Refused bodies count too: otherwise the checks behind them would answer without limit.
    QCOMPARE(http.post(QStringLiteral("applications"), {}).status, 422);
    QCOMPARE(http.post(QStringLiteral("applications"), {}).status, 422);
    const Reply limited = http.post(QStringLiteral("applications"), {});
    QCOMPARE(limited.status, 429);
    const int retryAfter = limited.header("Retry-After").toInt();
    QVERIFY2(retryAfter >= 1 && retryAfter <= 3600, qPrintable(limited.header("Retry-After")));
    // Lookups have their own count.
    QCOMPARE(lookupFrom(server.port(), QStringLiteral("0123456789ABCDEF")).status, 404);
    QCOMPARE(server.terminate(), 0);
}

void TestServerAccess::applicationUpdatesLimitedPerAddress()
{
    const QString conf = config(QStringLiteral("updates"), "[server]\napplication_update_rate_limit = 3\n");
    const QString data = m_dir.filePath(QStringLiteral("updates"));
    ServerProcess server;
    QVERIFY2(server.start(data, {QStringLiteral("--config"), conf}), qPrintable(server.lastError()));
    Http http(server.port());
    const Legacy legacy = mintLegacy(http, QStringLiteral("natural_person"), QStringLiteral("Qian Hui"),
        QStringLiteral("310115197806150038"), QDateTime::currentDateTimeUtc().addDays(30));
    QVERIFY(!legacy.serial.isEmpty());
    const QJsonObject body
        = naturalPersonBody(legacy.serial, QStringLiteral("Qian Hui"), QStringLiteral("310115197806150038"));
    const Reply created = http.post(QStringLiteral("applications"), body);
    QCOMPARE(created.status, 201);
    const QString path
        = QStringLiteral("applications/") + created.json().value(QStringLiteral("id")).toString();
    const QString token = created.json().value(QStringLiteral("access_token")).toString();
    QJsonObject changed = body;
    changed.insert(QStringLiteral("years"), 2);
    QCOMPARE(http.put(path, changed, token).status, 200);
    // Refused changes count too: otherwise the checks behind them would answer without limit.
    QJsonObject bad = body;
    bad.insert(QStringLiteral("years"), 99);
    QCOMPARE(http.put(path, bad, token).status, 422);
    QCOMPARE(http.put(path, body, token).status, 200);
    const Reply limited = http.put(path, changed, token);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.errorCode(), QStringLiteral("rate_limited"));
    const int retryAfter = limited.header("Retry-After").toInt();
    QVERIFY2(retryAfter >= 1 && retryAfter <= 3600, qPrintable(limited.header("Retry-After")));
    // Nothing of the refused change was stored.
    QCOMPARE(http.get(path, token).json().value(QStringLiteral("years")).toInt(), 1);
    // Reading the application and creating others have their own counts.
    QCOMPARE(http.get(path, token).status, 200);
    QCOMPARE(http.post(QStringLiteral("applications"), body).status, 201);
    QCOMPARE(server.terminate(), 0);
    // The count is in the database: the service started again still refuses.
    ServerProcess again;
    QVERIFY2(again.start(data, {QStringLiteral("--config"), conf}), qPrintable(again.lastError()));
    QCOMPARE(Http(again.port()).put(path, changed, token).status, 429);
    QCOMPARE(again.terminate(), 0);
}

void TestServerAccess::forwardedForIgnoredFromOtherPeers()
{
    // The trusted proxy is 127.0.0.2; the test connects from 127.0.0.1, so its X-Forwarded-For is forged.
    const QString conf = config(QStringLiteral("untrusted"),
        "[server]\nlookup_rate_limit = 2\ntrusted_proxies = 127.0.0.2, 10.0.0.0/8\n");
    ServerProcess server;
    QVERIFY2(server.start(m_dir.filePath(QStringLiteral("untrusted")), {QStringLiteral("--config"), conf}),
        qPrintable(server.lastError()));
    QCOMPARE(lookupFrom(server.port(), QStringLiteral("0123456789ABCDEF"), "203.0.113.1").status, 404);
    QCOMPARE(lookupFrom(server.port(), QStringLiteral("0123456789ABCDEF"), "203.0.113.2").status, 404);
    QCOMPARE(lookupFrom(server.port(), QStringLiteral("0123456789ABCDEF"), "203.0.113.3").status, 429);
    QCOMPARE(server.terminate(), 0);
}

void TestServerAccess::forwardedForFromTrustedProxy()
{
    const QString conf
        = config(QStringLiteral("trusted"), "[server]\nlookup_rate_limit = 2\ntrusted_proxies = 127.0.0.1\n");
    ServerProcess server;
    QVERIFY2(server.start(m_dir.filePath(QStringLiteral("trusted")), {QStringLiteral("--config"), conf}),
        qPrintable(server.lastError()));
    const QString serial = QStringLiteral("0123456789ABCDEF");
    QCOMPARE(lookupFrom(server.port(), serial, "203.0.113.1").status, 404);
    QCOMPARE(lookupFrom(server.port(), serial, "203.0.113.1").status, 404);
    QCOMPARE(lookupFrom(server.port(), serial, "203.0.113.1").status, 429);
    // Another client behind the same proxy has its own count.
    QCOMPARE(lookupFrom(server.port(), serial, "203.0.113.2").status, 404);
    // What the client itself put in front of the header changes nothing: the proxy's entry (the right end)
    // names it.
    QCOMPARE(lookupFrom(server.port(), serial, "198.51.100.7, 203.0.113.1").status, 429);
    // The proxy itself, without the header, is one more address.
    QCOMPARE(lookupFrom(server.port(), serial).status, 404);
    QCOMPARE(server.terminate(), 0);
}

void TestServerAccess::uploadWithoutTokenRefusedBeforeBody()
{
    ServerProcess server;
    QVERIFY2(server.start(m_dir.filePath(QStringLiteral("uploads"))), qPrintable(server.lastError()));
    Http http(server.port());
    const Legacy old = mintLegacy(http, QStringLiteral("natural_person"), QStringLiteral("Wu Min"),
        QStringLiteral("310115197806150038"), QDateTime::currentDateTimeUtc().addDays(30));
    QVERIFY(!old.serial.isEmpty());
    const Reply created = http.post(QStringLiteral("applications"),
        naturalPersonBody(old.serial, QStringLiteral("Wu Min"), QStringLiteral("310115197806150038")));
    QCOMPARE(created.status, 201);
    const QByteArray id = created.json().value(QStringLiteral("id")).toString().toLatin1();
    const QByteArray token = created.json().value(QStringLiteral("access_token")).toString().toLatin1();
    // 4 MiB: under the 5 MiB document limit, so only the token decides.
    const auto head = [&](const QByteArray& bearer, bool expect) -> QByteArray {
        return "PUT /api/v1/applications/" + id
            + "/documents/id_card HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/jpeg\r\n"
              "Content-Length: 4194304\r\n"
            + (bearer.isEmpty() ? QByteArray() : QByteArray("Authorization: Bearer " + bearer + "\r\n"))
            + (expect ? QByteArray("Expect: 100-continue\r\n") : QByteArray()) + "\r\n";
    };

    // With Expect: 100-continue the refusal comes instead of "100 Continue": not a byte of the body is sent.
    for (const QByteArray& bearer : {QByteArray(), QByteArray("not-a-token")}) {
        const int sock = connectFrom("127.0.0.1", server.port());
        QVERIFY(sock >= 0);
        QVERIFY(sendAll(sock, head(bearer, true)));
        const QByteArray answer = readHead(sock, 30000);
        QVERIFY2(answer.startsWith("HTTP/1.1 401") || answer.startsWith("HTTP/1.1 404"), answer.constData());
        QVERIFY(closedByPeer(sock, 30000));
        ::close(sock);
    }
    // The right token gets "100 Continue".
    {
        const int sock = connectFrom("127.0.0.1", server.port());
        QVERIFY(sock >= 0);
        QVERIFY(sendAll(sock, head(token, true)));
        const QByteArray answer = readHead(sock, 30000);
        QVERIFY2(answer.startsWith("HTTP/1.1 100"), answer.constData());
        ::close(sock);
    }
    // Without Expect the client starts on its 4 MiB at once: the answer comes after the first 4 KiB, and the
    // connection closes; the rest is never read.
    {
        const int sock = connectFrom("127.0.0.1", server.port());
        QVERIFY(sock >= 0);
        QVERIFY(sendAll(sock, head("not-a-token", false) + QByteArray(4096, '\0')));
        const QByteArray answer = readHead(sock, 30000);
        QVERIFY2(answer.startsWith("HTTP/1.1 401") || answer.startsWith("HTTP/1.1 404"), answer.constData());
        QVERIFY(closedByPeer(sock, 30000));
        ::close(sock);
    }
    QCOMPARE(server.terminate(), 0);
}

void TestServerAccess::slowClientsDoNotHoldTheWorkers()
{
    // 100 connections from 127.0.0.3 each sending its head a line a second (slowloris); the service runs its
    // default 64 workers, 16 connections per address and a 3 s head deadline.
    const QString conf = config(QStringLiteral("slow"), "[server]\nheader_timeout_seconds = 3\n");
    ServerProcess server;
    QVERIFY2(server.start(m_dir.filePath(QStringLiteral("slow")), {QStringLiteral("--config"), conf}),
        qPrintable(server.lastError()));
    const int port = server.port();
    std::vector<int> slow;
    for (int i = 0; i < 100; ++i) {
        const int sock = connectFrom("127.0.0.3", port);
        QVERIFY(sock >= 0);
        QVERIFY(sendAll(sock, "GET /api/v1/health HTTP/1.1\r\n"));
        slow.push_back(sock);
    }
    std::vector<bool> closed(slow.size(), false);
    int lines = 0;
    QTimer trickle;
    trickle.setInterval(1000);
    connect(&trickle, &QTimer::timeout, this, [&] {
        ++lines;
        for (size_t i = 0; i < slow.size(); ++i) {
            if (closed[i])
                continue;
            char buffer[4096];
            const ssize_t n = ::recv(slow[i], buffer, sizeof buffer, MSG_DONTWAIT);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
                || !sendAll(
                    slow[i], QByteArrayLiteral("X-Slow: %1\r\n").replace("%1", QByteArray::number(lines))))
                closed[i] = true;
        }
    });
    trickle.start();

    // Meanwhile another client asks for the health 20 times, each answer awaited at most 10 s.
    std::atomic<int> answered {0};
    std::atomic<bool> finished {false};
    std::thread other([&] {
        for (int i = 0; i < 20; ++i) {
            httplib::Client c("127.0.0.1", port);
            c.set_connection_timeout(10);
            c.set_read_timeout(10);
            const auto result = c.Get("/api/v1/health");
            if (result && result->status == 200)
                ++answered;
        }
        finished = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(finished.load(), 240000);
    other.join();
    QCOMPARE(answered.load(), 20);

    // Every slow connection ends: beyond 16 at once at once (429), the others at the head deadline, long
    // before they would have finished (they never do).
    const auto allClosed
        = [&] { return std::all_of(closed.begin(), closed.end(), [](bool c) { return c; }); };
    // Generous bounds: on a loaded machine the service may take a while to get to each connection.
    const bool settled = QTest::qWaitFor(allClosed, 150000);
    QVERIFY2(settled,
        qPrintable(QStringLiteral("%1 of %2 closed after %3 lines")
                       .arg(std::count(closed.begin(), closed.end(), true))
                       .arg(closed.size())
                       .arg(lines)));
    QVERIFY2(lines < 200, qPrintable(QString::number(lines)));
    trickle.stop();
    for (int sock : slow)
        ::close(sock);
    QCOMPARE(server.terminate(), 0);
}

void TestServerAccess::slowBodyIsCutOff()
{
    const QString conf = config(QStringLiteral("slowbody"), "[server]\nbody_timeout_seconds = 2\n");
    ServerProcess server;
    QVERIFY2(server.start(m_dir.filePath(QStringLiteral("slowbody")), {QStringLiteral("--config"), conf}),
        qPrintable(server.lastError()));
    const int sock = connectFrom("127.0.0.1", server.port());
    QVERIFY(sock >= 0);
    QVERIFY(sendAll(sock,
        "POST /api/v1/certificates/lookup HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Content-Length: 200\r\n\r\n{"));
    // A byte a second would take 200 s; the body deadline ends it after 2.
    bool cut = false;
    int sent = 0;
    QTimer trickle;
    trickle.setInterval(1000);
    connect(&trickle, &QTimer::timeout, this, [&] {
        char buffer[4096];
        const ssize_t n = ::recv(sock, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) || !sendAll(sock, " "))
            cut = true;
        else
            ++sent;
    });
    trickle.start();
    QTRY_VERIFY_WITH_TIMEOUT(cut, 60000);
    QVERIFY2(sent < 30, qPrintable(QString::number(sent)));
    ::close(sock);
    QCOMPARE(server.terminate(), 0);
}

QTEST_GUILESS_MAIN(TestServerAccess)
#include "tst_server_access.moc"
