// Operating certdesk-server: GET /metrics on its own address (request counters per route template,
// latency histograms, gauges read from the database), readiness that follows the database, JSON-lines logs
// without personal data, and `check-config` with its exit codes (../shared/API.md, "Operations").
#include "ServerHarness.h"
#include "TestEnvironment.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk::servertest;
using certdesk::test::fixEnvironment;

namespace {

// The value of one sample line ("name{labels} value") in a Prometheus text exposition, -1 when absent.
double sample(const QByteArray& exposition, const QByteArray& series)
{
    for (const QByteArray& line : exposition.split('\n')) {
        if (line.startsWith(QByteArray(series + ' ')))
            return line.mid(series.size() + 1).toDouble();
    }
    return -1;
}

QByteArray scrape(int port)
{
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30);
    const auto result = c.Get("/metrics");
    if (!result || result->status != 200)
        return {};
    return QByteArray::fromStdString(result->body);
}

int metricsPortOf(ServerProcess& server)
{
    const QByteArray line = server.outputLine();
    const QByteArray prefix = "metrics on 127.0.0.1:";
    return line.startsWith(prefix) ? line.mid(prefix.size()).toInt() : 0;
}

struct Run
{
    int exitCode = -1;
    QByteArray output;
};

Run runServer(const QStringList& arguments,
    const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(CERTDESK_SERVER_BINARY), arguments);
    process.waitForFinished(60000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAll()};
}

bool writeFile(const QString& path, const QByteArray& bytes, QFileDevice::Permissions permissions)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return false;
    file.close();
    return file.setPermissions(permissions);
}

} // namespace

class TestServerOps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void metricsCountRequestsPerRouteTemplate();
    void metricsOnlyOnTheirOwnAddress();
    void readinessFollowsTheDatabase();
    void jsonLogsWithoutPersonalData();
    void checkConfig();

private:
    QTemporaryDir m_dir;
};

void TestServerOps::initTestCase()
{
    fixEnvironment();
    QVERIFY(m_dir.isValid());
}

void TestServerOps::metricsCountRequestsPerRouteTemplate()
{
    ServerProcess server;
    QVERIFY2(
        server.start(m_dir.filePath(QStringLiteral("metrics")),
            {QStringLiteral("--metrics-listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--quiet")}),
        qPrintable(server.lastError()));
    const int metricsPort = metricsPortOf(server);
    QVERIFY(metricsPort > 0);
    Http http(server.port());

    const QByteArray before = scrape(metricsPort);
    QVERIFY(!before.isEmpty());
    QCOMPARE(sample(before, R"(certdesk_database_up)"), 1.0);
    QCOMPARE(sample(before, R"(certdesk_queue_length{queue="review"})"), 0.0);
    QCOMPARE(sample(before, R"(certdesk_queue_length{queue="database_pipeline"})"), 0.0);
    const double healthBefore = qMax(0.0,
        sample(before, R"(certdesk_http_requests_total{method="GET",route="/api/v1/health",status="200"})"));

    for (int i = 0; i < 3; ++i)
        QCOMPARE(http.get(QStringLiteral("health")).status, 200);
    // Two different ids, one series: the route template, never the id.
    QCOMPARE(http.get(QStringLiteral("applications/aaaa"), QStringLiteral("t")).status, 404);
    QCOMPARE(http.get(QStringLiteral("applications/bbbb"), QStringLiteral("t")).status, 404);
    QCOMPARE(http.get(QStringLiteral("no/such/route")).status, 404);
    const Legacy old = firstRenewable(http, QStringLiteral("institution"));
    const Reply created = http.post(QStringLiteral("applications"),
        institutionBody(old.serial, old.holder, old.credentialNumber), {}, QStringLiteral("ops-metrics-1"));
    QCOMPARE(created.status, 201);

    const QByteArray after = scrape(metricsPort);
    QCOMPARE(
        sample(after, R"(certdesk_http_requests_total{method="GET",route="/api/v1/health",status="200"})"),
        healthBefore + 3);
    QCOMPARE(
        sample(after,
            R"(certdesk_http_requests_total{method="GET",route="/api/v1/applications/{}",status="404"})"),
        2.0);
    QCOMPARE(
        sample(after, R"(certdesk_http_requests_total{method="GET",route="unmatched",status="404"})"), 1.0);
    QCOMPARE(sample(after,
                 R"(certdesk_http_requests_total{method="POST",route="/api/v1/applications",status="201"})"),
        1.0);
    QVERIFY(!after.contains("aaaa"));
    QVERIFY(!after.contains("bbbb"));
    // The histogram: every request in the +Inf bucket and the count, buckets cumulative.
    const QByteArray histogram = R"(certdesk_http_request_duration_seconds)";
    const QByteArray labels = R"({method="GET",route="/api/v1/applications/{}")";
    QCOMPARE(sample(after, histogram + "_count" + labels + "}"), 2.0);
    QCOMPARE(sample(after, histogram + "_bucket" + labels + R"(,le="+Inf"})"), 2.0);
    QVERIFY(sample(after, histogram + "_bucket" + labels + R"(,le="0.001"})")
        <= sample(after, histogram + "_bucket" + labels + R"(,le="10"})"));
    QVERIFY(sample(after, histogram + "_sum" + labels + "}") > 0);
    // The gauges come from the database: the new draft is there.
    QCOMPARE(sample(after, R"(certdesk_applications{status="draft"})"), 1.0);
    QCOMPARE(sample(after, R"(certdesk_database_errors_total{kind="other"})"), 0.0);
    // The audit head: a staff sign-in is an audit row, so the newest sequence moves on and its hash is new.
    const auto auditHead = [](const QByteArray& text) {
        static const QRegularExpression head(
            QStringLiteral(R"re(^certdesk_audit_head_sequence\{hash="([0-9a-f]*)"\} ([0-9]+)$)re"),
            QRegularExpression::MultilineOption);
        const QRegularExpressionMatch m = head.match(QString::fromUtf8(text));
        return m.hasMatch() ? std::pair(m.captured(2).toLongLong(), m.captured(1))
                            : std::pair(qint64(-1), QString());
    };
    const auto headBefore = auditHead(after);
    QVERIFY2(headBefore.first >= 0, after.constData());
    QVERIFY(!http.post(QStringLiteral("staff/sessions"),
                     QJsonObject {{QStringLiteral("username"), QStringLiteral("reviewer")},
                         {QStringLiteral("password"), QStringLiteral("sandbox-reviewer")}})
                 .json()
                 .value(QStringLiteral("token"))
                 .toString()
                 .isEmpty());
    const auto headAfter = auditHead(scrape(metricsPort));
    QCOMPARE(headAfter.first, headBefore.first + 1);
    QCOMPARE(headAfter.second.size(), 64);
    QVERIFY(headAfter.second != headBefore.second);
    // Every sample line is "name{labels} number" or "name number" (text format 0.0.4).
    static const QRegularExpression sampleLine(
        QStringLiteral(R"(^[a-z_]+(\{[a-z_]+="[^"\n]*"(,[a-z_]+="[^"\n]*")*\})? [-+0-9.eInf]+$)"));
    for (const QByteArray& line : after.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        QVERIFY2(sampleLine.match(QString::fromUtf8(line)).hasMatch(), line.constData());
    }
}

void TestServerOps::metricsOnlyOnTheirOwnAddress()
{
    ServerProcess server;
    QVERIFY2(server.start(m_dir.filePath(QStringLiteral("no-metrics")), {QStringLiteral("--quiet")}),
        qPrintable(server.lastError()));
    Http http(server.port());
    // Not on the API's address, with or without --metrics-listen.
    QCOMPARE(http.get(QStringLiteral("/metrics")).status, 404);
    QVERIFY(server.outputLine(500).isEmpty());
    QCOMPARE(server.terminate(), 0);

    const Run bad = runServer({QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("no-metrics")),
        QStringLiteral("--sandbox"), QStringLiteral("--metrics-listen"), QStringLiteral("nonsense")});
    QCOMPARE(bad.exitCode, 2);
}

void TestServerOps::readinessFollowsTheDatabase()
{
    // The data directory is moved away while the service runs (a lost mount, a deleted volume): a new
    // connection to the database fails, although the connections already open would go on reading the
    // moved file. Readiness must say so, and recover when the directory is back.
    const QString home = m_dir.filePath(QStringLiteral("ready"));
    QVERIFY(QDir().mkpath(home));
    const QString data = home + QStringLiteral("/data");
    const QString moved = home + QStringLiteral("/moved");
    ServerProcess server;
    QVERIFY2(
        server.start(data,
            {QStringLiteral("--metrics-listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--quiet")}),
        qPrintable(server.lastError()));
    const int metricsPort = metricsPortOf(server);
    Http http(server.port());

    const Reply ready = http.get(QStringLiteral("health/ready"));
    QCOMPARE(ready.status, 200);
    QCOMPARE(ready.json().value(QStringLiteral("status")).toString(), QStringLiteral("ready"));

    QVERIFY(QDir().rename(data, moved));
    const Reply notReady = http.get(QStringLiteral("health/ready"));
    QCOMPARE(notReady.status, 503);
    QCOMPARE(notReady.errorCode(), QStringLiteral("not_ready"));
    QVERIFY(!notReady.header("Retry-After").isEmpty());
    // Liveness is about the process, which still runs.
    QCOMPARE(http.get(QStringLiteral("health")).status, 200);
    const QByteArray down = scrape(metricsPort);
    QCOMPARE(sample(down, "certdesk_database_up"), 0.0);
    QVERIFY(sample(down, R"(certdesk_database_errors_total{kind="unreachable"})") >= 1);
    QVERIFY(!down.contains("certdesk_applications{"));

    QVERIFY(QDir().rename(moved, data));
    QCOMPARE(http.get(QStringLiteral("health/ready")).status, 200);
    QCOMPARE(sample(scrape(metricsPort), "certdesk_database_up"), 1.0);
}

void TestServerOps::jsonLogsWithoutPersonalData()
{
    ServerProcess server;
    QVERIFY2(server.start(m_dir.filePath(QStringLiteral("json-logs")),
                 {QStringLiteral("--log-format"), QStringLiteral("json")}),
        qPrintable(server.lastError()));
    Http http(server.port());
    const Legacy old = firstRenewable(http, QStringLiteral("institution"));
    const Reply created = http.post(
        QStringLiteral("applications"), institutionBody(old.serial, old.holder, old.credentialNumber));
    QCOMPARE(created.status, 201);
    const QString id = created.json().value(QStringLiteral("id")).toString();
    const QString token = created.json().value(QStringLiteral("access_token")).toString();
    QCOMPARE(http.get(QStringLiteral("applications/") + id, token).status, 200);
    QCOMPARE(http.get(QStringLiteral("applications/") + id).status, 401);
    // A body with personal data the service refuses: its values must not reach the log either.
    QJsonObject bad = institutionBody(old.serial, old.holder, old.credentialNumber);
    QJsonObject agent = bad.value(QStringLiteral("agent")).toObject();
    agent.insert(QStringLiteral("id_number"), QStringLiteral("11010519491231002Y"));
    bad.insert(QStringLiteral("agent"), agent);
    QCOMPARE(http.post(QStringLiteral("applications"), bad).status, 422);
    QCOMPARE(server.terminate(), 0);

    const QByteArray log = server.standardError();
    int requests = 0;
    for (const QByteArray& line : log.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(), line.constData());
        const QJsonObject o = doc.object();
        for (const char* key : {"time", "level", "category", "message"})
            QVERIFY2(o.value(QLatin1String(key)).isString(), line.constData());
        QVERIFY(
            QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs).isValid());
        if (o.value(QStringLiteral("category")).toString() == QLatin1String("http")) {
            ++requests;
            QVERIFY(o.value(QStringLiteral("route")).toString().startsWith(QLatin1Char('/'))
                || o.value(QStringLiteral("route")).toString() == QLatin1String("unmatched"));
            QVERIFY(o.value(QStringLiteral("status")).isDouble());
            QVERIFY(o.value(QStringLiteral("duration")).toDouble() >= 0);
        }
        for (const QString& personal : {QString::fromLatin1(kAgentId), QString::fromLatin1(kAgentMobile),
                 QStringLiteral("11010519491231002Y"), old.credentialNumber, id, token})
            QVERIFY2(!QString::fromUtf8(line).contains(personal), line.constData());
    }
    // Lookup, create, get, get (401), create (422) at least.
    QVERIFY2(requests >= 5, log.constData());
    QVERIFY(log.contains(R"("route":"/api/v1/applications/{}")"));
}

void TestServerOps::checkConfig()
{
    const QString home = m_dir.filePath(QStringLiteral("check"));
    const QString data = home + QStringLiteral("/data");
    const QString credentials = home + QStringLiteral("/credentials");
    QVERIFY(QDir().mkpath(data));
    QVERIFY(QDir().mkpath(credentials));
    const auto owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QVERIFY(QFile::setPermissions(data, owner | QFileDevice::ExeOwner));
    QVERIFY(QFile::setPermissions(home, owner | QFileDevice::ExeOwner));
    QVERIFY(writeFile(credentials + QStringLiteral("/ca-key-passphrase"), "issuing passphrase 1\n", owner));
    const QString config = home + QStringLiteral("/server.conf");
    const QByteArray good = "[server]\nlisten = 127.0.0.1:0\ndata_dir = " + data.toUtf8()
        + "\npublic_url = https://ca.certdesk.test\nmetrics_listen = 127.0.0.1:0\nlog_format = json\n"
          "[ca]\nkey_source = file\nkey_passphrase_file = credential:ca-key-passphrase\n";
    QVERIFY(writeFile(config, good, owner));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), credentials);

    // Usage: no --config.
    QCOMPARE(runServer({QStringLiteral("check-config")}, env).exitCode, 2);
    // No CA yet: a problem found.
    Run run = runServer({QStringLiteral("check-config"), QStringLiteral("--config"), config}, env);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.output.contains("PROBLEM  [ca] certificates"), run.output.constData());

    QProcessEnvironment init = env;
    init.insert(QStringLiteral("CERTDESK_ROOT_KEY_PASSPHRASE"), QStringLiteral("root passphrase 1"));
    const Run made = runServer({QStringLiteral("ca"), QStringLiteral("init"), QStringLiteral("--config"),
                                   config, QStringLiteral("--root-key"), home + QStringLiteral("/root.key")},
        init);
    QVERIFY2(made.exitCode == 0, made.output.constData());
    run = runServer({QStringLiteral("check-config"), QStringLiteral("--config"), config}, env);
    QVERIFY2(run.exitCode == 0, run.output.constData());
    QVERIFY(run.output.contains("ok       [ca] issuing CA key"));

    // The same configuration starts the service, its passphrase read from $CREDENTIALS_DIRECTORY.
    {
        QProcess service;
        service.setProcessEnvironment(env);
        service.start(QStringLiteral(CERTDESK_SERVER_BINARY), {QStringLiteral("--config"), config});
        QVERIFY(service.waitForStarted());
        QByteArray out;
        while (!out.contains("metrics on") && service.waitForReadyRead(30000))
            out += service.readAllStandardOutput();
        QVERIFY2(out.contains("listening on 127.0.0.1:"),
            QByteArray(out + service.readAllStandardError()).constData());
        const int port = out.mid(out.indexOf("listening on 127.0.0.1:") + 23).split('\n').value(0).toInt();
        Http http(port);
        QCOMPARE(http.get(QStringLiteral("health/ready")).status, 200);
        service.terminate();
        QVERIFY(service.waitForFinished(20000));
        QCOMPARE(service.exitCode(), 0);
    }

    // A wrong passphrase in the credential: found.
    QVERIFY(writeFile(credentials + QStringLiteral("/ca-key-passphrase"), "wrong\n", owner));
    run = runServer({QStringLiteral("check-config"), QStringLiteral("--config"), config}, env);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.output.contains("PROBLEM  [ca] issuing CA key"), run.output.constData());
    QVERIFY(writeFile(credentials + QStringLiteral("/ca-key-passphrase"), "issuing passphrase 1\n", owner));

    // credential: without CREDENTIALS_DIRECTORY (started outside its unit): found, naming the variable.
    QProcessEnvironment bare = env;
    bare.remove(QStringLiteral("CREDENTIALS_DIRECTORY"));
    run = runServer({QStringLiteral("check-config"), QStringLiteral("--config"), config}, bare);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.output.contains("CREDENTIALS_DIRECTORY"), run.output.constData());

    // A data directory open to others, and a typo in the file.
    QVERIFY(QFile::setPermissions(
        data, owner | QFileDevice::ExeOwner | QFileDevice::ReadOther | QFileDevice::ExeOther));
    run = runServer({QStringLiteral("check-config"), QStringLiteral("--config"), config}, env);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.output.contains("PROBLEM  [server] data_dir"), run.output.constData());
    QVERIFY(QFile::setPermissions(data, owner | QFileDevice::ExeOwner));
    QVERIFY(writeFile(config, good + "[server2]\n", owner));
    run = runServer({QStringLiteral("check-config"), QStringLiteral("--config"), config}, env);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.output.contains("server.conf:"), run.output.constData());
}

QTEST_GUILESS_MAIN(TestServerOps)
#include "tst_server_ops.moc"
