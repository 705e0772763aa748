// The acceptance journey of the service in production, WITHOUT --sandbox: staff made
// with `certdesk-server staff add`, a legacy RSA certificate in the store and looked up, liveness passed
// through the face-verification shim's signed callback, paid through WeChat Pay's encrypted notification (and
// a second application through Alipay's), reviewed, issued onto a SoftHSM UKey by the counter's
// ProgrammingJob, shipped. Every outside party is the loopback simulator of tests/support/ProviderWorld.
#include "IssuanceFixture.h"
#include "ProviderWorld.h"
#include "ResponseRecorder.h"
#include "TestEnvironment.h"
#include "TokenTestSupport.h"

#include "issuance/ProgrammingJob.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <httplib.h>

using namespace certdesk;
using namespace certdesk::issuance;
using certdesk::test::ProviderWorld;

namespace {

const QString UserPin = QStringLiteral("12345678");
const QString SoPin = QStringLiteral("87654321");
const QString Agent = QStringLiteral("Zhang Wei");
const QString AgentId = QStringLiteral("44030519850312001X");
const QString AgentMobile = QStringLiteral("13800138000");

struct Reply
{
    int status = 0;
    QJsonObject json;
    QByteArray body;
};

// Plain HTTP, as any client of the API would.
class Http
{
public:
    explicit Http(int port)
        : m_client("127.0.0.1", port)
    {
        m_client.set_read_timeout(60, 0);
    }
    Reply call(const char* method, const QString& path, const QByteArray& body, const QString& token,
        const char* type = "application/json")
    {
        httplib::Headers headers;
        if (!token.isEmpty())
            headers.emplace("Authorization", "Bearer " + token.toStdString());
        if (QByteArray(method) == "POST")
            headers.emplace(
                "Idempotency-Key", QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString());
        const std::string p = QString(QStringLiteral("/api/v1/") + path).toStdString();
        httplib::Result r = QByteArray(method) == "GET" ? m_client.Get(p, headers)
            : QByteArray(method) == "PUT"
            ? m_client.Put(p, headers, body.constData(), size_t(body.size()), type)
            : m_client.Post(p, headers, body.constData(), size_t(body.size()), type);
        Reply reply;
        if (r) {
            reply.status = r->status;
            reply.body = QByteArray::fromStdString(r->body);
            reply.json = QJsonDocument::fromJson(reply.body).object();
            test::recordResponse(QByteArray(method), QByteArray::fromStdString(p), reply.status,
                QByteArray::fromStdString(r->get_header_value("Content-Type")), reply.body);
        }
        return reply;
    }
    Reply post(const QString& path, const QJsonObject& body, const QString& token = {})
    {
        return call("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), token);
    }
    Reply get(const QString& path, const QString& token = {}) { return call("GET", path, {}, token); }

private:
    httplib::Client m_client;
};

QByteArray png()
{
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(Qt::darkRed);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

class TestJourneyProviders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void wholeJourneyWithoutSandbox();

private:
    // An application through lookup, form, documents and liveness; its id and access token.
    bool applyAndPassLiveness(bool institution, const QString& serial, const QString& holder,
        const QString& credential, QString* id, QString* token);
    bool pay(const QString& method, const QString& id, const QString& token);

    QTemporaryDir m_dir;
    std::unique_ptr<ProviderWorld> m_world;
    std::optional<test::SoftHsm> m_softhsm;
};

void TestJourneyProviders::initTestCase()
{
    test::fixEnvironment();
    if (!QFile::exists(test::SoftHsm::modulePath()))
        QSKIP("SoftHSM2 is not installed");
    QVERIFY(m_dir.isValid());
    m_softhsm.emplace(m_dir.filePath(QStringLiteral("softhsm")));
    QVERIFY(m_softhsm->initToken(QStringLiteral("NEW UKEY"), SoPin, UserPin));
    m_world = std::make_unique<ProviderWorld>(m_dir.filePath(QStringLiteral("world")));
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("world"))));
    QVERIFY2(m_world->start(), qPrintable(m_world->error()));
}

void TestJourneyProviders::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning("certdesk-server output (tail):\n%s", m_world->serverOutput().right(12000).constData());
}

bool TestJourneyProviders::applyAndPassLiveness(bool institution, const QString& serial,
    const QString& holder, const QString& credential, QString* id, QString* token)
{
    Http http(m_world->serverPort());
    const Reply lookup
        = http.post(QStringLiteral("certificates/lookup"), {{QStringLiteral("serial"), serial}});
    if (lookup.status != 200 || !lookup.json.value(QStringLiteral("renewable")).toBool()) {
        qWarning("lookup: %d %s", lookup.status, lookup.body.constData());
        return false;
    }
    const QJsonObject person {{QStringLiteral("name"), institution ? Agent : holder},
        {QStringLiteral("id_number"), institution ? AgentId : credential},
        {QStringLiteral("mobile"), AgentMobile},
        {QStringLiteral("email"), QStringLiteral("agent@example.cn")}};
    QJsonObject body {{QStringLiteral("serial"), serial},
        {QStringLiteral("category"),
            institution ? QStringLiteral("institution") : QStringLiteral("natural_person")},
        {QStringLiteral("years"), 1},
        {QStringLiteral("acknowledgements"),
            QJsonObject {
                {QStringLiteral("agreement"), true}, {QStringLiteral("old_certificate_revocation"), true}}},
        {QStringLiteral("mailing"),
            QJsonObject {{QStringLiteral("province_code"), QStringLiteral("440000")},
                {QStringLiteral("city_code"), QStringLiteral("440300")},
                {QStringLiteral("county_code"), QStringLiteral("440305")},
                {QStringLiteral("address"), QStringLiteral("8 Keyuan Road")}}},
        {QStringLiteral("invoice"), QJsonObject {{QStringLiteral("kind"), QStringLiteral("electronic")}}}};
    if (institution) {
        body.insert(QStringLiteral("organization"),
            QJsonObject {{QStringLiteral("name"), holder}, {QStringLiteral("credential_number"), credential},
                {QStringLiteral("address"), QStringLiteral("8 Keyuan Road, Nanshan, Shenzhen")}});
        body.insert(QStringLiteral("agent"), person);
        body.insert(QStringLiteral("bank"),
            QJsonObject {{QStringLiteral("account_name"), holder},
                {QStringLiteral("bank_code"), QStringLiteral("102584000022")},
                {QStringLiteral("account_number"), QStringLiteral("4000023009200123456")}});
    } else {
        body.insert(QStringLiteral("applicant"), person);
    }
    const Reply created = http.post(QStringLiteral("applications"), body);
    if (created.status != 201) {
        qWarning("create: %d %s", created.status, created.body.constData());
        return false;
    }
    *id = created.json.value(QStringLiteral("id")).toString();
    *token = created.json.value(QStringLiteral("access_token")).toString();
    const QStringList kinds = institution
        ? QStringList {QStringLiteral("application_form"), QStringLiteral("business_license"),
            QStringLiteral("e_seal_form"), QStringLiteral("id_card")}
        : QStringList {
            QStringLiteral("application_form"), QStringLiteral("e_seal_form"), QStringLiteral("id_card")};
    for (const QString& kind : kinds) {
        const Reply r = http.call(
            "PUT", QStringLiteral("applications/%1/documents/%2").arg(*id, kind), png(), *token, "image/png");
        if (r.status != 201) {
            qWarning("upload %s: %d %s", qPrintable(kind), r.status, r.body.constData());
            return false;
        }
    }
    // Liveness: the QR is the provider's URL; the face check's result arrives as the shim's signed callback.
    const Reply started = http.post(QStringLiteral("applications/%1/liveness").arg(*id), {}, *token);
    const QString session = started.json.value(QStringLiteral("session_id")).toString();
    if (started.status != 200
        || !started.json.value(QStringLiteral("qr_content"))
                .toString()
                .startsWith(QStringLiteral("https://"))) {
        qWarning("liveness: %d %s", started.status, started.body.constData());
        return false;
    }
    const QJsonObject done = m_world->simulator(QStringLiteral("liveness/complete"),
        {{QStringLiteral("session_id"), session}, {QStringLiteral("outcome"), QStringLiteral("pass")}});
    if (done.value(QStringLiteral("answer")).toObject().value(QStringLiteral("status")).toInt() != 200)
        return false;
    return http.get(QStringLiteral("applications/%1/liveness").arg(*id), *token)
               .json.value(QStringLiteral("status"))
               .toString()
        == QLatin1String("passed");
}

bool TestJourneyProviders::pay(const QString& method, const QString& id, const QString& token)
{
    Http http(m_world->serverPort());
    const Reply created = http.post(
        QStringLiteral("applications/%1/payments").arg(id), {{QStringLiteral("method"), method}}, token);
    if (created.status != 201) {
        qWarning("payment: %d %s", created.status, created.body.constData());
        return false;
    }
    const QString paymentId = created.json.value(QStringLiteral("payment_id")).toString();
    const QString qr = created.json.value(QStringLiteral("qr_content")).toString();
    if (!qr.startsWith(method == QLatin1String("wechat") ? QStringLiteral("weixin://")
                                                         : QStringLiteral("https://qr.alipay.com/")))
        return false;
    // The payer scans and pays; the provider notifies the service (WeChat Pay: signed, AES-256-GCM
    // encrypted).
    const QJsonObject paid = m_world->simulator(
        method == QLatin1String("wechat") ? QStringLiteral("wechatpay/pay") : QStringLiteral("alipay/pay"),
        {{QStringLiteral("out_trade_no"), paymentId}});
    const QJsonObject answer = paid.value(QStringLiteral("answer")).toObject();
    if (answer.value(QStringLiteral("status")).toInt() != 200
        || (method == QLatin1String("alipay")
            && answer.value(QStringLiteral("body")).toString() != QLatin1String("success"))) {
        qWarning("notification answer: %s", QJsonDocument(answer).toJson().constData());
        return false;
    }
    return http.get(QStringLiteral("applications/%1/payments/%2").arg(id, paymentId), token)
               .json.value(QStringLiteral("status"))
               .toString()
        == QLatin1String("paid");
}

void TestJourneyProviders::wholeJourneyWithoutSandbox()
{
    Http http(m_world->serverPort());
    QCOMPARE(http.get(QStringLiteral("health")).json.value(QStringLiteral("sandbox")).toBool(true), false);

    // The CA's existing certificates, brought in with `certdesk-server legacy import`.
    const QString holder = QStringLiteral("Shenzhen Journey Technology Co");
    const QString uscc = QStringLiteral("91350100M000100Y43");
    const QString serial = m_world->addLegacyCertificate(
        QStringLiteral("institution"), holder, uscc, QDateTime::currentDateTimeUtc().addDays(40));
    QVERIFY2(!serial.isEmpty(), qPrintable(m_world->error()));
    const QString personSerial
        = m_world->addLegacyCertificate(QStringLiteral("natural_person"), QStringLiteral("Li Na"),
            QStringLiteral("11010519491231002X"), QDateTime::currentDateTimeUtc().addDays(40));
    QVERIFY(!personSerial.isEmpty());

    // Application 1 (institution): liveness, WeChat Pay.
    QString id;
    QString token;
    QVERIFY(applyAndPassLiveness(true, serial, holder, uscc, &id, &token));
    QVERIFY(pay(QStringLiteral("wechat"), id, token));
    QCOMPARE(
        http.get(QStringLiteral("applications/") + id, token).json.value(QStringLiteral("status")).toString(),
        QStringLiteral("in_review"));
    // Application 2 (natural person): liveness, Alipay.
    QString id2;
    QString token2;
    QVERIFY(applyAndPassLiveness(
        false, personSerial, QStringLiteral("Li Na"), QStringLiteral("11010519491231002X"), &id2, &token2));
    QVERIFY(pay(QStringLiteral("alipay"), id2, token2));
    QCOMPARE(http.get(QStringLiteral("applications/") + id2, token2)
                 .json.value(QStringLiteral("status"))
                 .toString(),
        QStringLiteral("in_review"));

    // Review by the staff account made with `certdesk-server staff add`.
    const Reply reviewer = http.post(QStringLiteral("staff/sessions"),
        {{QStringLiteral("username"), QStringLiteral("reviewer")},
            {QStringLiteral("password"), QString::fromLatin1(ProviderWorld::ReviewerPassword)}});
    QCOMPARE(reviewer.status, 200);
    const QString reviewerToken = reviewer.json.value(QStringLiteral("token")).toString();
    const Reply approved
        = http.post(QStringLiteral("staff/applications/%1/approve").arg(id), {}, reviewerToken);
    QVERIFY2(approved.status == 200, approved.body.constData());

    // Issuance onto a SoftHSM UKey by the counter's ProgrammingJob, as the counter desk runs it.
    api::ApiClientOptions options;
    options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_world->serverPort()));
    options.transferTimeout = std::chrono::seconds(60);
    api::ApiClient counter(options);
    auto login = test::await(
        counter.staffLogin(QStringLiteral("counter"), QString::fromLatin1(ProviderWorld::CounterPassword)));
    if (!login.ok())
        QFAIL(qPrintable(test::describe(login.error())));
    ProgrammingRequest request;
    request.applicationId = id;
    request.modulePath = test::SoftHsm::modulePath();
    request.tokenLabel = QStringLiteral("NEW UKEY");
    request.journalPath = m_dir.filePath(QStringLiteral("journal.json"));
    ProgrammingJob job(&counter, request);
    const test::JobOutcome outcome = test::runJob(job, UserPin);
    QVERIFY2(outcome.finished, "the job did not finish");
    QVERIFY2(outcome.ok, qPrintable(outcome.message + QStringLiteral(" | ") + job.detail()));
    QCOMPARE(
        http.get(QStringLiteral("applications/") + id, token).json.value(QStringLiteral("status")).toString(),
        QStringLiteral("issued"));
    const test::ToolResult listed
        = m_softhsm->pkcs11Tool(QStringLiteral("NEW UKEY"), UserPin, {QStringLiteral("--list-objects")});
    QCOMPARE(listed.exitCode, 0);
    QCOMPARE(test::parseListing(listed.output).certificates, 2);

    // Shipped.
    const Reply counterSession = http.post(QStringLiteral("staff/sessions"),
        {{QStringLiteral("username"), QStringLiteral("counter")},
            {QStringLiteral("password"), QString::fromLatin1(ProviderWorld::CounterPassword)}});
    const Reply shipped = http.post(QStringLiteral("staff/applications/%1/shipment").arg(id),
        {{QStringLiteral("carrier"), QStringLiteral("SF Express")},
            {QStringLiteral("tracking_no"), QStringLiteral("SF1234567890")}},
        counterSession.json.value(QStringLiteral("token")).toString());
    QVERIFY2(shipped.status == 200, shipped.body.constData());
    QCOMPARE(
        http.get(QStringLiteral("applications/") + id, token).json.value(QStringLiteral("status")).toString(),
        QStringLiteral("shipped"));

    // The audit trail holds the provider notifications, intact.
    QVERIFY(!m_world->auditRows(QStringLiteral("payment.paid"))
                 .filter(QStringLiteral("provider wechatpay"))
                 .isEmpty());
    QVERIFY(!m_world->auditRows(QStringLiteral("payment.paid"))
                 .filter(QStringLiteral("provider alipay"))
                 .isEmpty());
    QCOMPARE(m_world->auditRows(QStringLiteral("liveness.passed")).size(), 2);
    QCOMPARE(m_world->auditVerify(), 0);
    // The SMS (payment notices, the e-invoice link) went out through the SMS shim.
    QTRY_VERIFY_WITH_TIMEOUT(
        [this] {
            httplib::Client c("127.0.0.1", m_world->simulatorPort());
            const auto r = c.Post("/_sim/sms", "{}", "application/json");
            return r && QByteArray::fromStdString(r->body).contains(AgentMobile.toLatin1());
        }(),
        15000);
}

QTEST_MAIN(TestJourneyProviders)
#include "tst_journey_providers.moc"
