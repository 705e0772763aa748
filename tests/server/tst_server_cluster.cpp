// Several instances on one PostgreSQL database behind HAProxy (docs/deployment.md): a cluster initdb'd in a
// temporary directory, two certdesk-server instances sharing the database and the data directory, HAProxy on
// loopback in front of them (round robin, X-Forwarded-For, health checks). The whole sandbox journey goes
// through HAProxy, so its requests alternate between the instances; one instance is SIGKILLed in the middle
// and the journey finishes through the other; two issuances of one application sent to both instances at the
// same moment give one 201 and one 409; afterwards the database holds every step once and nothing twice.
#include "ServerHarness.h"
#include "TestEnvironment.h"

#include "pki/Sm2Key.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <httplib.h>

#include <condition_variable>
#include <mutex>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace certdesk;
using namespace certdesk::servertest;
using certdesk::test::fixEnvironment;

namespace {

// A port nobody listens on right now (the OS's choice for a socket bound to port 0).
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

QString bearer(const QString& token)
{
    return QStringLiteral("Bearer ") + token;
}

// Requests served by an instance, from its request log lines ("<time> <method> <path> <status> <ms>ms"),
// leaving out HAProxy's health checks.
int requestLines(const QByteArray& log)
{
    int count = 0;
    for (const QByteArray& line : log.split('\n')) {
        if ((line.contains(" /api/v1/") || line.contains(" /sandbox/")) && !line.contains(" /api/v1/health "))
            ++count;
    }
    return count;
}

// Starts a payment of the application at `path` and completes it on the sandbox's pay page: the status of the
// completion, or minus the status of the payment request when that was not 201.
int paySandbox(Http& http, const QString& path, const QString& token, const QString& method,
    const QString& idempotencyKey = {})
{
    const Reply pay = http.post(path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), method}}, token, idempotencyKey);
    if (pay.status != 201)
        return -pay.status;
    return http
        .post(QStringLiteral("sandbox/payments/") + pay.json().value(QStringLiteral("payment_id")).toString()
                + QStringLiteral("/complete"),
            {})
        .status;
}

} // namespace

class TestServerCluster : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void forwardedForFromTheProxyOnly();
    void journeyAcrossInstancesWithACrash();
    void concurrentIssuanceOneWins();
    void databaseHoldsEachStepOnce();

private:
    [[nodiscard]] bool startInstance(ServerProcess& server);
    [[nodiscard]] QString staff(Http& http, const QString& user);
    // A new application for a seeded legacy certificate, created through `http` (HAProxy) and created again
    // with the same Idempotency-Key (so through the other instance): empty unless the second answer is the
    // first's.
    struct App
    {
        QString id;
        QString token;
        QString path;
        QString serial;
    };
    [[nodiscard]] App createdApplication(Http& http, const QString& category);

    QTemporaryDir m_dir;
    std::optional<PostgresCluster> m_cluster;
    QString m_stateDir;
    QString m_dataDir;
    QString m_configFile;
    ServerProcess m_a;
    ServerProcess m_b;
    QByteArray m_logA;
    QProcess m_haproxy;
    int m_proxyPort = 0;
    std::unique_ptr<Http> m_http; // through HAProxy
    App m_journey;
    App m_raced;
    QString m_raceWinner;
};

bool TestServerCluster::startInstance(ServerProcess& server)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PGPASSWORD"), m_cluster->password);
    server.setEnvironment(environment);
    const bool ok = server.start(m_dataDir,
        {QStringLiteral("--database"), m_cluster->url(QStringLiteral("certdesk")), QStringLiteral("--config"),
            m_configFile, QStringLiteral("--lookup-rate-limit"), QStringLiteral("5")});
    if (!ok)
        qWarning("instance did not start: %s", qPrintable(server.lastError()));
    return ok;
}

void TestServerCluster::initTestCase()
{
    fixEnvironment();
    QVERIFY(m_dir.isValid());
    QString haproxy = QStandardPaths::findExecutable(QStringLiteral("haproxy"));
    if (haproxy.isEmpty())
        haproxy = QStandardPaths::findExecutable(QStringLiteral("haproxy"), {QStringLiteral("/usr/sbin")});
    if (haproxy.isEmpty())
        QSKIP("haproxy is not installed (scripts/deps.sh installs it)");

    // The PostgreSQL cluster, in a temporary directory of its own (run as nobody when the test runs as root).
    m_stateDir = m_dir.filePath(QStringLiteral("pg"));
    QProcess cluster;
    cluster.setProcessChannelMode(QProcess::MergedChannels);
    cluster.start(QStringLiteral("bash"),
        {qEnvironmentVariable("CERTDESK_SOURCE_DIR") + QStringLiteral("/tests/support/pg-cluster.sh"),
            QStringLiteral("start"), m_stateDir});
    QVERIFY(cluster.waitForFinished(120000));
    if (cluster.exitCode() == 77)
        QSKIP("PostgreSQL is not installed (scripts/deps.sh installs it)");
    QVERIFY2(cluster.exitCode() == 0, cluster.readAll().constData());
    m_cluster = PostgresCluster::fromFile(m_stateDir + QStringLiteral("/pg.env"));
    QVERIFY(m_cluster);
    QString error;
    QVERIFY2(m_cluster->ensureDatabase(QStringLiteral("certdesk"), &error), qPrintable(error));

    // Both instances on the database and one shared data directory; per-address limits from HAProxy's
    // X-Forwarded-For.
    m_dataDir = m_dir.filePath(QStringLiteral("shared-data"));
    m_configFile = m_dir.filePath(QStringLiteral("server.conf"));
    QFile config(m_configFile);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[server]\ntrusted_proxies = 127.0.0.1\n");
    config.close();
    QVERIFY(startInstance(m_a));
    QVERIFY(startInstance(m_b));

    m_proxyPort = freePort();
    QVERIFY(m_proxyPort > 0);
    const QString haproxyConfig = m_dir.filePath(QStringLiteral("haproxy.cfg"));
    QFile file(haproxyConfig);
    QVERIFY(file.open(QIODevice::WriteOnly));
    // Round robin per request (the test's client opens a connection per request); a server that refuses
    // connections is retried on the other one and taken out by the health check.
    file.write(QStringLiteral("global\n"
                              "    maxconn 256\n"
                              "defaults\n"
                              "    mode http\n"
                              "    timeout connect 2s\n"
                              "    timeout client 60s\n"
                              "    timeout server 60s\n"
                              "    option forwardfor\n"
                              "    option redispatch 1\n"
                              "    retries 3\n"
                              "frontend certdesk\n"
                              "    bind 127.0.0.1:%1\n"
                              "    default_backend instances\n"
                              "backend instances\n"
                              "    balance roundrobin\n"
                              "    option httpchk GET /api/v1/health\n"
                              "    server a 127.0.0.1:%2 check inter 300ms fall 1 rise 1\n"
                              "    server b 127.0.0.1:%3 check inter 300ms fall 1 rise 1\n")
                   .arg(m_proxyPort)
                   .arg(m_a.port())
                   .arg(m_b.port())
                   .toUtf8());
    file.close();
    m_haproxy.setProcessChannelMode(QProcess::MergedChannels);
    m_haproxy.start(haproxy, {QStringLiteral("-f"), haproxyConfig, QStringLiteral("-db")});
    QVERIFY(m_haproxy.waitForStarted(10000));
    // Ready when it accepts a connection and answers through an instance.
    m_http = std::make_unique<Http>(m_proxyPort);
    bool up = false;
    for (int attempt = 0; attempt < 100 && !up && m_haproxy.state() == QProcess::Running; ++attempt) {
        up = m_http->get(QStringLiteral("health")).status == 200;
        if (!up)
            m_haproxy.waitForReadyRead(50); // its startup messages, or 50 ms
    }
    QVERIFY2(up, m_haproxy.readAll().constData());
}

void TestServerCluster::cleanupTestCase()
{
    if (m_haproxy.state() != QProcess::NotRunning) {
        m_haproxy.kill();
        m_haproxy.waitForFinished(10000);
    }
    m_a.kill();
    m_b.kill();
    if (!m_stateDir.isEmpty()) {
        QProcess::execute(QStringLiteral("bash"),
            {qEnvironmentVariable("CERTDESK_SOURCE_DIR") + QStringLiteral("/tests/support/pg-cluster.sh"),
                QStringLiteral("stop"), m_stateDir});
    }
}

QString TestServerCluster::staff(Http& http, const QString& user)
{
    const Reply r = http.post(QStringLiteral("staff/sessions"),
        QJsonObject {{QStringLiteral("username"), user},
            {QStringLiteral("password"), QString(QStringLiteral("sandbox-") + user)}});
    return r.json().value(QStringLiteral("token")).toString();
}

void TestServerCluster::forwardedForFromTheProxyOnly()
{
    // The lookup limit (5 a minute per address) is counted in the database: lookups of one client spread over
    // both instances share it, and the client is the address HAProxy forwards, not HAProxy's.
    const QString serial = legacyCertificates(*m_http).value(0).serial;
    QVERIFY(!serial.isEmpty());
    const auto lookup = [&](const char* forwardedFor) {
        httplib::Client client("127.0.0.1", m_proxyPort);
        client.set_read_timeout(30);
        httplib::Headers headers {{"X-Forwarded-For", forwardedFor}};
        const auto result = client.Post("/api/v1/certificates/lookup", headers,
            QStringLiteral("{\"serial\": \"%1\"}").arg(serial).toStdString(), "application/json");
        return result ? result->status : 0;
    };
    for (int i = 0; i < 5; ++i)
        QCOMPARE(lookup("203.0.113.7"), 200);
    QCOMPARE(lookup("203.0.113.7"), 429);
    QCOMPARE(lookup("203.0.113.8"), 200);
}

TestServerCluster::App TestServerCluster::createdApplication(Http& http, const QString& category)
{
    App app;
    Legacy old;
    for (const Legacy& l : legacyCertificates(http)) {
        if (l.category == category && l.renewable) {
            old = l;
            break;
        }
    }
    if (old.serial.isEmpty())
        return app;
    [[maybe_unused]] const Reply looked = http.post(
        QStringLiteral("certificates/lookup"), QJsonObject {{QStringLiteral("serial"), old.serial}});
    const QJsonObject body = institutionBody(old.serial, old.holder, old.credentialNumber, category);
    const QString key = QStringLiteral("cluster-") + old.serial;
    const Reply created = http.post(QStringLiteral("applications"), body, {}, key);
    const Reply again = http.post(QStringLiteral("applications"), body, {}, key);
    if (created.status != 201 || again.json() != created.json())
        return app;
    app.id = created.json().value(QStringLiteral("id")).toString();
    app.token = created.json().value(QStringLiteral("access_token")).toString();
    app.path = QStringLiteral("applications/") + app.id;
    app.serial = old.serial;
    return app;
}

void TestServerCluster::journeyAcrossInstancesWithACrash()
{
    m_journey = createdApplication(*m_http, QStringLiteral("institution"));
    QVERIFY(!m_journey.id.isEmpty());
    const App& app = m_journey;
    for (const QString& kind : {QStringLiteral("application_form"), QStringLiteral("business_license"),
             QStringLiteral("e_seal_form"), QStringLiteral("id_card")}) {
        const Reply r = m_http->putBytes(app.path + QStringLiteral("/documents/") + kind, jpegImage(40, 30),
            QStringLiteral("image/jpeg"), app.token);
        QCOMPARE(r.status, 201);
    }

    // One instance dies in the middle of the journey; everything it acknowledged is in the database.
    m_a.kill();
    // Its log (read to the end once it is gone): the first half of the journey was spread over both.
    m_logA = m_a.standardError();
    QVERIFY2(requestLines(m_logA) >= 3, m_logA.constData());

    const Reply session = m_http->post(app.path + QStringLiteral("/liveness"), {}, app.token);
    QCOMPARE(session.status, 200);
    const Reply passed = m_http->post(
        QStringLiteral("sandbox/liveness/") + session.json().value(QStringLiteral("session_id")).toString(),
        QJsonObject {{QStringLiteral("name"), QString::fromLatin1(kAgentName)},
            {QStringLiteral("id_number"), QString::fromLatin1(kAgentId)},
            {QStringLiteral("outcome"), QStringLiteral("pass")}});
    QCOMPARE(passed.status, 200);
    QCOMPARE(
        paySandbox(*m_http, app.path, app.token, QStringLiteral("alipay"), QStringLiteral("pay-") + app.id),
        200);
    QCOMPARE(m_http->get(app.path, app.token).json().value(QStringLiteral("status")).toString(),
        QStringLiteral("in_review"));
    QCOMPARE(m_http
                 ->post(QStringLiteral("staff/applications/") + app.id + QStringLiteral("/approve"), {},
                     staff(*m_http, QStringLiteral("reviewer")))
                 .status,
        200);

    // The crashed instance comes back on the same database and directory and serves again.
    QVERIFY(startInstance(m_a));
    const QString counter = staff(*m_http, QStringLiteral("counter"));
    auto transport = pki::Sm2Key::generate();
    QVERIFY(transport.hasValue());
    const QJsonObject issueBody {{QStringLiteral("transport_public_key"),
        QString::fromLatin1(transport->subjectPublicKeyInfo().toBase64())}};
    Http direct(m_a.port());
    const QString issuance = QStringLiteral("staff/applications/") + app.id + QStringLiteral("/issuance");
    const Reply issued = direct.post(issuance, issueBody, counter);
    QCOMPARE(issued.status, 201);
    const Reply confirmed = m_http->post(issuance + QLatin1Char('/')
            + issued.json().value(QStringLiteral("issuance_id")).toString() + QStringLiteral("/confirm"),
        QJsonObject {{QStringLiteral("token_serial"), QStringLiteral("T-CLUSTER-1")}}, counter);
    QCOMPARE(confirmed.status, 200);
    QCOMPARE(m_http
                 ->post(QStringLiteral("staff/applications/") + app.id + QStringLiteral("/shipment"),
                     QJsonObject {{QStringLiteral("carrier"), QStringLiteral("SF Express")},
                         {QStringLiteral("tracking_no"), QStringLiteral("SF1234567890")}},
                     counter)
                 .status,
        200);
    QCOMPARE(
        m_http->post(
                  QStringLiteral("staff/applications/") + app.id + QStringLiteral("/handover"), {}, counter)
            .status,
        200);
    const QJsonObject done = m_http->get(app.path, app.token).json();
    QCOMPARE(done.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    // The uploaded documents are reachable from either instance (the shared data directory).
    for (ServerProcess* server : {&m_a, &m_b}) {
        Http one(server->port());
        const Reply document = one.get(
            QStringLiteral("staff/applications/") + app.id + QStringLiteral("/documents/business_license"),
            counter);
        QCOMPARE(document.status, 200);
        QCOMPARE(document.body, jpegImage(40, 30));
    }
}

void TestServerCluster::concurrentIssuanceOneWins()
{
    const QString reviewer = staff(*m_http, QStringLiteral("reviewer"));
    const QString counter = staff(*m_http, QStringLiteral("counter"));
    m_raced = createdApplication(*m_http, QStringLiteral("institution_business"));
    QVERIFY(!m_raced.id.isEmpty());
    for (const QString& kind : {QStringLiteral("application_form"), QStringLiteral("business_license"),
             QStringLiteral("e_seal_form"), QStringLiteral("id_card")}) {
        QCOMPARE(m_http
                     ->putBytes(m_raced.path + QStringLiteral("/documents/") + kind, pngImage(),
                         QStringLiteral("image/png"), m_raced.token)
                     .status,
            201);
    }
    const Reply session = m_http->post(m_raced.path + QStringLiteral("/liveness"), {}, m_raced.token);
    QCOMPARE(m_http
                 ->post(QStringLiteral("sandbox/liveness/")
                         + session.json().value(QStringLiteral("session_id")).toString(),
                     QJsonObject {{QStringLiteral("name"), QString::fromLatin1(kAgentName)},
                         {QStringLiteral("id_number"), QString::fromLatin1(kAgentId)},
                         {QStringLiteral("outcome"), QStringLiteral("pass")}})
                 .status,
        200);
    QCOMPARE(paySandbox(*m_http, m_raced.path, m_raced.token, QStringLiteral("wechat")), 200);
    QCOMPARE(m_http
                 ->post(QStringLiteral("staff/applications/") + m_raced.id + QStringLiteral("/approve"), {},
                     reviewer)
                 .status,
        200);

    // Both instances get an issuance of the same application at the same moment. The first to claim the
    // application must still be in flight when the second asks, however the machine schedules the two
    // processes: the test holds an exclusive lock on the issuances table (a transaction of its own), so the
    // winner waits inside its final transaction, after its claim, until the loser has had its answer.
    QString error;
    QSqlDatabase gate = m_cluster->open(QStringLiteral("certdesk"), &error);
    QVERIFY2(gate.isOpen(), qPrintable(error));
    QVERIFY(gate.transaction());
    {
        QSqlQuery lock(gate);
        QVERIFY(lock.exec(QStringLiteral("LOCK TABLE issuances IN EXCLUSIVE MODE")));
    }
    auto transport = pki::Sm2Key::generate();
    QVERIFY(transport.hasValue());
    const std::string body = QStringLiteral("{\"transport_public_key\": \"%1\"}")
                                 .arg(QString::fromLatin1(transport->subjectPublicKeyInfo().toBase64()))
                                 .toStdString();
    const std::string path
        = QString(QStringLiteral("/api/v1/staff/applications/") + m_raced.id + QStringLiteral("/issuance"))
              .toStdString();
    const httplib::Headers headers {{"Authorization", bearer(counter).toStdString()}};
    int status[2] = {0, 0};
    QByteArray answer[2];
    const int ports[2] = {m_a.port(), m_b.port()};
    std::mutex mutex;
    std::condition_variable answered;
    int answers = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i) {
        threads.emplace_back([&, i] {
            httplib::Client client("127.0.0.1", ports[i]);
            client.set_read_timeout(60);
            const auto result = client.Post(path, headers, body, "application/json");
            const std::lock_guard lock(mutex);
            if (result) {
                status[i] = result->status;
                answer[i] = QByteArray::fromStdString(result->body);
            }
            ++answers;
            answered.notify_all();
        });
    }
    bool oneAnswered = false;
    {
        std::unique_lock lock(mutex);
        oneAnswered = answered.wait_for(lock, std::chrono::seconds(60), [&answers] { return answers >= 1; });
    }
    int early = 0;
    {
        const std::lock_guard lock(mutex);
        early = status[0] != 0 ? status[0] : status[1];
    }
    gate.rollback();
    for (std::thread& t : threads)
        t.join();
    {
        const QString name = gate.connectionName();
        gate = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }
    // The first answer is the loser's 409, given while the winner (past its claim) could not finish.
    QVERIFY(oneAnswered);
    QCOMPARE(early, 409);
    const QList<int> statuses {status[0], status[1]};
    QVERIFY2((statuses == QList<int> {201, 409}) || (statuses == QList<int> {409, 201}),
        qPrintable(QStringLiteral("%1 %2 %3 %4")
                       .arg(status[0])
                       .arg(status[1])
                       .arg(QString::fromUtf8(answer[0].left(300)), QString::fromUtf8(answer[1].left(300)))));
    const int winner = status[0] == 201 ? 0 : 1;
    const QJsonObject won = QJsonDocument::fromJson(answer[winner]).object();
    const QJsonObject lost = QJsonDocument::fromJson(answer[1 - winner]).object();
    QCOMPARE(lost.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("conflict"));
    m_raceWinner = won.value(QStringLiteral("issuance_id")).toString();
    QVERIFY(!m_raceWinner.isEmpty());
    // The winner's pair is the one confirmed (through HAProxy, whichever instance).
    QCOMPARE(m_http
                 ->post(QStringLiteral("staff/applications/") + m_raced.id + QStringLiteral("/issuance/")
                         + m_raceWinner + QStringLiteral("/confirm"),
                     QJsonObject {{QStringLiteral("token_serial"), QStringLiteral("T-CLUSTER-2")}}, counter)
                 .status,
        200);
}

void TestServerCluster::databaseHoldsEachStepOnce()
{
    if (m_journey.id.isEmpty() || m_raced.id.isEmpty())
        QSKIP("the journeys did not run");
    QString error;
    QSqlDatabase db = m_cluster->open(QStringLiteral("certdesk"), &error);
    QVERIFY2(db.isOpen(), qPrintable(error));
    const auto value = [&db](const QString& sql, const QVariantList& binds = {}) {
        QSqlQuery q(db);
        q.prepare(sql);
        for (const QVariant& b : binds)
            q.addBindValue(b);
        if (!q.exec() || !q.next())
            return QVariant(q.lastError().text());
        return q.value(0);
    };
    // Two applications, each with its own order number.
    QCOMPARE(value(QStringLiteral("SELECT COUNT(DISTINCT order_no) FROM applications")).toInt(), 2);
    QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM applications")).toInt(), 2);
    QCOMPARE(value(QStringLiteral("SELECT status FROM applications WHERE id = ?"), {m_journey.id}).toString(),
        QStringLiteral("completed"));
    QCOMPARE(value(QStringLiteral("SELECT status FROM applications WHERE id = ?"), {m_raced.id}).toString(),
        QStringLiteral("issued"));
    // Every status of the journey once, in order.
    QSqlQuery timeline(db);
    timeline.prepare(QStringLiteral("SELECT status FROM timeline WHERE application_id = ? ORDER BY seq"));
    timeline.addBindValue(m_journey.id);
    QVERIFY(timeline.exec());
    QStringList statuses;
    while (timeline.next())
        statuses.append(timeline.value(0).toString());
    QCOMPARE(statuses,
        (QStringList {QStringLiteral("draft"), QStringLiteral("in_review"), QStringLiteral("approved"),
            QStringLiteral("issued"), QStringLiteral("shipped"), QStringLiteral("completed")}));
    // Four documents, one payment paid, per application.
    QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM documents WHERE application_id = ?"), {m_journey.id})
                 .toInt(),
        4);
    QCOMPARE(
        value(QStringLiteral("SELECT COUNT(*) FROM payments WHERE application_id = ? AND status = 'paid'"),
            {m_journey.id})
            .toInt(),
        1);
    // One issuance each (the race's loser made none), confirmed; no serial twice.
    QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM issuances")).toInt(), 2);
    QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM issuances WHERE status = 'confirmed'")).toInt(), 2);
    QCOMPARE(
        value(QStringLiteral("SELECT id FROM issuances WHERE application_id = ?"), {m_raced.id}).toString(),
        m_raceWinner);
    QCOMPARE(
        value(QStringLiteral("SELECT COUNT(DISTINCT signing_serial) + COUNT(DISTINCT encryption_serial) FROM "
                             "issuances"))
            .toInt(),
        4);
    // Each old certificate revoked once, at its confirmation.
    QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM revocations WHERE source = 'legacy'")).toInt(), 2);
    QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM revocations WHERE serial = ?"), {m_journey.serial})
                 .toInt(),
        1);
    // No claim of an issuance left behind.
    QCOMPARE(
        value(QStringLiteral("SELECT COUNT(*) FROM applications WHERE issuing_since IS NOT NULL")).toInt(),
        0);
    {
        const QString name = db.connectionName();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }
    // The audit trail, written by both instances, is one unbroken hash chain.
    QProcess audit;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PGPASSWORD"), m_cluster->password);
    audit.setProcessEnvironment(environment);
    audit.setProcessChannelMode(QProcess::MergedChannels);
    audit.start(QStringLiteral(CERTDESK_SERVER_BINARY),
        {QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--database"),
            m_cluster->url(QStringLiteral("certdesk")), QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY(audit.waitForFinished(60000));
    QVERIFY2(audit.exitCode() == 0, audit.readAll().constData());

    // Each instance makes its own CRL of the SM2 issuing CA, and the cRLNumber goes on rising across them
    // (RFC 5280 §5.2.3): they share the number through the CA directory and take turns.
    const auto crlNumber = [](int port) {
        Http http(port);
        const Reply crl = http.get(QStringLiteral("ca/crl"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
            {QStringLiteral("crl"), QStringLiteral("-inform"), QStringLiteral("DER"),
                QStringLiteral("-noout"), QStringLiteral("-crlnumber")});
        openssl.waitForStarted();
        openssl.write(crl.body);
        openssl.closeWriteChannel();
        openssl.waitForFinished(30000);
        // "crlNumber=0x0A"
        const QByteArray out = openssl.readAllStandardOutput().trimmed();
        return out.mid(out.indexOf('=') + 1).toLongLong(nullptr, 16);
    };
    const qint64 fromA = crlNumber(m_a.port());
    const qint64 fromB = crlNumber(m_b.port());
    QVERIFY2(fromA > 0 && fromB > fromA, qPrintable(QStringLiteral("%1 %2").arg(fromA).arg(fromB)));

    // Both instances stop cleanly; each served its share (HAProxy's round robin), the restarted one too.
    QCOMPARE(m_a.terminate(), 0);
    QCOMPARE(m_b.terminate(), 0);
    const QByteArray restarted = m_a.standardError();
    const QByteArray survivor = m_b.standardError();
    // (The restarted one gets its share once HAProxy's health check has seen it again; the test also sent it
    // requests of its own.)
    QVERIFY2(requestLines(restarted) >= 2, restarted.constData());
    QVERIFY2(requestLines(survivor) >= 10, survivor.constData());
}

QTEST_GUILESS_MAIN(TestServerCluster)
#include "tst_server_cluster.moc"
