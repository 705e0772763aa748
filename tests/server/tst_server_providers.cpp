// The service WITHOUT --sandbox against simulated providers (tests/support/ProviderWorld): WeChat Pay and
// Alipay orders and notifications, liveness through the signed-HTTP shim, the telecom real-name check and
// SMS; every refusal (bad signature, stale or replayed notification, wrong amount, order or merchant) leaves
// nothing paid or passed and writes an audit row; duplicates change nothing; a provider that is down or slow
// costs a retry or a Chinese message, never a second order.
#include "ProviderWorld.h"
#include "ServerHarness.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk::servertest;
using certdesk::test::ProviderWorld;

namespace {

const QStringList InstitutionDocuments {QStringLiteral("application_form"),
    QStringLiteral("business_license"), QStringLiteral("e_seal_form"), QStringLiteral("id_card")};
const QStringList PersonDocuments {
    QStringLiteral("application_form"), QStringLiteral("e_seal_form"), QStringLiteral("id_card")};

bool hasChinese(const QString& text)
{
    static const QRegularExpression han(QStringLiteral("\\p{Han}"));
    return text.contains(han);
}

struct App
{
    QString id;
    QString token;
    QString path;
    qint64 totalFen = 0;
};

} // namespace

class TestServerProviders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void wechatPay();
    void alipay();
    void lateNotificationIsQueried();
    void providerDownOrSlow();
    void anotherMethodClosesTheFirstOrder();
    void expiredOrdersAreClosed();
    void livenessRefusals();
    void realNameCheck();
    void smsGoesThroughTheProvider();
    void configurationRefusals();

private:
    // Lookup, create, documents; with `liveness` also the liveness check passed through the shim.
    App prepared(bool institution, bool liveness = true);
    QString passLiveness(const App& app);
    [[nodiscard]] Http http() const { return Http(m_world->serverPort()); }
    [[nodiscard]] QString paymentStatus(const App& app, const QString& paymentId) const;
    [[nodiscard]] QString applicationStatus(const App& app) const;

    QTemporaryDir m_dir;
    std::unique_ptr<ProviderWorld> m_world;
    int m_seq = 0;
};

void TestServerProviders::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_world = std::make_unique<ProviderWorld>(m_dir.path());
    QVERIFY2(m_world->start(), qPrintable(m_world->error()));
    // Outside the sandbox: no sandbox pages, no seeded staff.
    Http h = http();
    QCOMPARE(h.get(QStringLiteral("health")).json().value(QStringLiteral("sandbox")).toBool(true), false);
    QCOMPARE(h.get(QStringLiteral("sandbox/outbox")).status, 404);
}

void TestServerProviders::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning("certdesk-server output (tail):\n%s", m_world->serverOutput().right(4000).constData());
}

QString TestServerProviders::paymentStatus(const App& app, const QString& paymentId) const
{
    Http h = http();
    return h.get(app.path + QStringLiteral("/payments/") + paymentId, app.token)
        .json()
        .value(QStringLiteral("status"))
        .toString();
}

QString TestServerProviders::applicationStatus(const App& app) const
{
    Http h = http();
    return h.get(app.path, app.token).json().value(QStringLiteral("status")).toString();
}

App TestServerProviders::prepared(bool institution, bool liveness)
{
    ++m_seq;
    const QString holder
        = institution ? QStringLiteral("Shenzhen Provider Test Co %1").arg(m_seq) : QStringLiteral("Li Na");
    const QString credential
        = institution ? QStringLiteral("91350100M000100Y43") : QStringLiteral("11010519491231002X");
    const QString serial = m_world->addLegacyCertificate(
        institution ? QStringLiteral("institution") : QStringLiteral("natural_person"), holder, credential,
        QDateTime::currentDateTimeUtc().addDays(30));
    App app;
    if (serial.isEmpty()) {
        qWarning("legacy certificate: %s", qPrintable(m_world->error()));
        return app;
    }
    Http h = http();
    const Reply lookup
        = h.post(QStringLiteral("certificates/lookup"), QJsonObject {{QStringLiteral("serial"), serial}});
    if (lookup.status != 200) {
        qWarning("lookup: %d %s", lookup.status, lookup.body.constData());
        return app;
    }
    QJsonObject body = institution ? institutionBody(serial, holder, credential)
                                   : naturalPersonBody(serial, holder, credential);
    const Reply created
        = h.post(QStringLiteral("applications"), body, {}, QStringLiteral("create-%1").arg(m_seq));
    if (created.status != 201) {
        qWarning("create: %d %s", created.status, created.body.constData());
        return app;
    }
    app.id = created.json().value(QStringLiteral("id")).toString();
    app.token = created.json().value(QStringLiteral("access_token")).toString();
    app.totalFen = qint64(created.json()
                              .value(QStringLiteral("fees"))
                              .toObject()
                              .value(QStringLiteral("total_fen"))
                              .toDouble());
    app.path = QStringLiteral("applications/") + app.id;
    for (const QString& kind : institution ? InstitutionDocuments : PersonDocuments) {
        const Reply r = h.putBytes(app.path + QStringLiteral("/documents/") + kind, pngImage(),
            QStringLiteral("image/png"), app.token);
        if (r.status != 201)
            qWarning("upload %s: %d", qPrintable(kind), r.status);
    }
    if (liveness && passLiveness(app) != QLatin1String("passed"))
        app.id.clear();
    return app;
}

QString TestServerProviders::passLiveness(const App& app)
{
    Http h = http();
    const Reply started = h.post(app.path + QStringLiteral("/liveness"), {}, app.token);
    const QString session = started.json().value(QStringLiteral("session_id")).toString();
    if (started.status != 200
        || started.json().value(QStringLiteral("qr_content")).toString()
            != QStringLiteral("https://face.simulator.test/s/") + session)
        return QStringLiteral("start %1").arg(started.status);
    const QJsonObject done = m_world->simulator(QStringLiteral("liveness/complete"),
        QJsonObject {
            {QStringLiteral("session_id"), session}, {QStringLiteral("outcome"), QStringLiteral("pass")}});
    if (done.value(QStringLiteral("answer")).toObject().value(QStringLiteral("status")).toInt() != 200)
        return QStringLiteral("callback refused");
    return h.get(app.path + QStringLiteral("/liveness"), app.token)
        .json()
        .value(QStringLiteral("status"))
        .toString();
}

void TestServerProviders::wechatPay()
{
    const App app = prepared(true);
    QVERIFY(!app.id.isEmpty());
    QCOMPARE(m_world->auditRows(QStringLiteral("liveness.passed")).size() >= 1, true);
    Http h = http();
    const Reply created = h.post(app.path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("wechat")}}, app.token,
        QStringLiteral("pay-wechat-1"));
    QCOMPARE(created.status, 201);
    const QString paymentId = created.json().value(QStringLiteral("payment_id")).toString();
    QVERIFY(created.json()
                .value(QStringLiteral("qr_content"))
                .toString()
                .startsWith(QStringLiteral("weixin://wxpay/bizpayurl?pr=")));
    // The order at WeChat Pay: our payment id, the application's amount, our notify URL.
    int status = 0;
    const QJsonObject order = m_world->simulator(QStringLiteral("wechatpay/order"),
        QJsonObject {{QStringLiteral("out_trade_no"), paymentId}}, &status);
    QCOMPARE(status, 200);
    QCOMPARE(qint64(order.value(QStringLiteral("total")).toDouble()), app.totalFen);
    QCOMPARE(order.value(QStringLiteral("notify_url")).toString(),
        QStringLiteral("https://ca.certdesk.test/api/v1/notify/wechatpay"));
    // The same Idempotency-Key gives the same payment.
    QCOMPARE(h.post(app.path + QStringLiteral("/payments"),
                  QJsonObject {{QStringLiteral("method"), QStringLiteral("wechat")}}, app.token,
                  QStringLiteral("pay-wechat-1"))
                 .json()
                 .value(QStringLiteral("payment_id"))
                 .toString(),
        paymentId);

    // --- refusals: each is answered as a failure, audited, and changes nothing ---
    struct Refusal
    {
        const char* name;
        QJsonObject options;
        const char* reason;
    };
    const QList<Refusal> refusals {
        {"bad signature", {{QStringLiteral("corrupt_signature"), true}}, "bad_signature"},
        {"stale", {{QStringLiteral("timestamp_offset"), -400}}, "stale"},
        {"wrong amount", {{QStringLiteral("amount"), 1}}, "wrong_amount"},
        {"wrong merchant", {{QStringLiteral("mchid"), QStringLiteral("1900000999")}}, "wrong_merchant"},
        {"another order",
            {{QStringLiteral("override_out_trade_no"), QStringLiteral("0123456789abcdef0123456789abcdef")}},
            "unknown_order"},
        {"wrong APIv3 key",
            {{QStringLiteral("apiv3_key"), QStringLiteral("00000000000000000000000000000000")}},
            "undecryptable"},
    };
    for (const Refusal& r : refusals) {
        const int before = m_world->auditRows().size();
        // The order stays unpaid at the provider (a forged notification): a query must not find it paid.
        QJsonObject pay = r.options;
        pay.insert(QStringLiteral("mark_paid"), false);
        pay.insert(QStringLiteral("out_trade_no"), paymentId);
        const QJsonObject sent = m_world->simulator(QStringLiteral("wechatpay/pay"), pay);
        const QJsonObject answer = sent.value(QStringLiteral("answer")).toObject();
        QVERIFY2(answer.value(QStringLiteral("status")).toInt() >= 400, r.name);
        QCOMPARE(QJsonDocument::fromJson(answer.value(QStringLiteral("body")).toString().toUtf8())
                     .object()
                     .value(QStringLiteral("code"))
                     .toString(),
            QStringLiteral("FAIL"));
        QCOMPARE(paymentStatus(app, paymentId), QStringLiteral("pending"));
        QCOMPARE(applicationStatus(app), QStringLiteral("draft"));
        const QStringList rows = m_world->auditRows();
        QVERIFY2(rows.size() == before + 1, r.name);
        QVERIFY2(rows.last().contains(QString::fromLatin1(r.reason)), qPrintable(rows.last()));
    }

    // --- the payer pays: the encrypted notification marks it paid ---
    const QJsonObject paid = m_world->simulator(
        QStringLiteral("wechatpay/pay"), QJsonObject {{QStringLiteral("out_trade_no"), paymentId}});
    const QJsonObject answer = paid.value(QStringLiteral("answer")).toObject();
    QCOMPARE(answer.value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(paymentStatus(app, paymentId), QStringLiteral("paid"));
    QCOMPARE(applicationStatus(app), QStringLiteral("in_review"));
    QCOMPARE(m_world->auditRows(QStringLiteral("payment.paid")).filter(paymentId).size(), 1);

    // --- the same notification again (WeChat Pay repeats until answered): accepted, nothing changes ---
    const QJsonObject notification = paid.value(QStringLiteral("notification")).toObject();
    const int rowsBefore = m_world->auditRows().size();
    const QString timelineBefore = QString::fromUtf8(
        QJsonDocument(h.get(app.path, app.token).json().value(QStringLiteral("timeline")).toArray())
            .toJson());
    const QJsonObject again = m_world->simulator(QStringLiteral("deliver"),
        QJsonObject {
            {QStringLiteral("url"), QStringLiteral("https://ca.certdesk.test/api/v1/notify/wechatpay")},
            {QStringLiteral("headers"), notification.value(QStringLiteral("headers"))},
            {QStringLiteral("body"), notification.value(QStringLiteral("body"))}});
    QCOMPARE(again.value(QStringLiteral("answer")).toObject().value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(m_world->auditRows().size(), rowsBefore);
    QCOMPARE(QString::fromUtf8(
                 QJsonDocument(h.get(app.path, app.token).json().value(QStringLiteral("timeline")).toArray())
                     .toJson()),
        timelineBefore);
    QCOMPARE(m_world->auditVerify(), 0);
}

void TestServerProviders::alipay()
{
    const App app = prepared(false);
    QVERIFY(!app.id.isEmpty());
    Http h = http();
    const Reply created = h.post(app.path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("alipay")}}, app.token,
        QStringLiteral("pay-alipay-1"));
    QCOMPARE(created.status, 201);
    const QString paymentId = created.json().value(QStringLiteral("payment_id")).toString();
    QVERIFY(created.json()
                .value(QStringLiteral("qr_content"))
                .toString()
                .startsWith(QStringLiteral("https://qr.alipay.com/")));
    const QList<QPair<const char*, QJsonObject>> refusals {
        {"bad_signature", {{QStringLiteral("corrupt_signature"), true}}},
        {"wrong_merchant", {{QStringLiteral("app_id"), QStringLiteral("2021000000009999")}}},
        {"wrong_amount", {{QStringLiteral("amount"), 1}}},
    };
    for (const auto& [reason, options] : refusals) {
        const int before = m_world->auditRows().size();
        QJsonObject pay = options;
        pay.insert(QStringLiteral("out_trade_no"), paymentId);
        pay.insert(QStringLiteral("mark_paid"), false);
        const QJsonObject answer = m_world->simulator(QStringLiteral("alipay/pay"), pay)
                                       .value(QStringLiteral("answer"))
                                       .toObject();
        QCOMPARE(answer.value(QStringLiteral("body")).toString(), QStringLiteral("fail"));
        QCOMPARE(paymentStatus(app, paymentId), QStringLiteral("pending"));
        const QStringList rows = m_world->auditRows();
        QCOMPARE(rows.size(), before + 1);
        QVERIFY2(rows.last().contains(QString::fromLatin1(reason)), qPrintable(rows.last()));
    }
    const QJsonObject paid = m_world->simulator(
        QStringLiteral("alipay/pay"), QJsonObject {{QStringLiteral("out_trade_no"), paymentId}});
    QCOMPARE(paid.value(QStringLiteral("answer")).toObject().value(QStringLiteral("body")).toString(),
        QStringLiteral("success"));
    QCOMPARE(paymentStatus(app, paymentId), QStringLiteral("paid"));
    QCOMPARE(applicationStatus(app), QStringLiteral("in_review"));
    const int rowsBefore = m_world->auditRows().size();
    const QJsonObject notification = paid.value(QStringLiteral("notification")).toObject();
    const QJsonObject again = m_world->simulator(QStringLiteral("deliver"),
        QJsonObject {{QStringLiteral("url"), QStringLiteral("https://ca.certdesk.test/api/v1/notify/alipay")},
            {QStringLiteral("headers"), notification.value(QStringLiteral("headers"))},
            {QStringLiteral("body"), notification.value(QStringLiteral("body"))}});
    QCOMPARE(again.value(QStringLiteral("answer")).toObject().value(QStringLiteral("body")).toString(),
        QStringLiteral("success"));
    QCOMPARE(m_world->auditRows().size(), rowsBefore);
}

void TestServerProviders::lateNotificationIsQueried()
{
    const App app = prepared(true);
    QVERIFY(!app.id.isEmpty());
    Http h = http();
    const Reply created = h.post(app.path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("wechat")}}, app.token,
        QStringLiteral("pay-late"));
    QCOMPARE(created.status, 201);
    const QString paymentId = created.json().value(QStringLiteral("payment_id")).toString();
    // Paid at WeChat Pay, but the notification never arrives: the applicant's poll asks WeChat Pay.
    m_world->simulator(QStringLiteral("wechatpay/pay"),
        QJsonObject {{QStringLiteral("out_trade_no"), paymentId}, {QStringLiteral("deliver"), false}});
    QCOMPARE(paymentStatus(app, paymentId), QStringLiteral("paid"));
    QCOMPARE(applicationStatus(app), QStringLiteral("in_review"));
    const QStringList rows = m_world->auditRows(QStringLiteral("payment.paid")).filter(paymentId);
    QCOMPARE(rows.size(), 1);
    QVERIFY(rows.first().contains(QStringLiteral("\"source\":\"query\"")));
}

void TestServerProviders::providerDownOrSlow()
{
    const App app = prepared(true);
    QVERIFY(!app.id.isEmpty());
    Http h = http();
    // Down for every attempt: 503 with Retry-After and a Chinese message saying what to do; nothing ordered.
    m_world->simulator(QStringLiteral("fault"),
        QJsonObject {{QStringLiteral("target"), QStringLiteral("wechatpay")},
            {QStringLiteral("mode"), QStringLiteral("down")}, {QStringLiteral("count"), 3}});
    const Reply down = h.post(app.path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("wechat")}}, app.token,
        QStringLiteral("pay-down"));
    QCOMPARE(down.status, 503);
    QCOMPARE(down.errorCode(), QStringLiteral("provider_unavailable"));
    QVERIFY(!down.header("Retry-After").isEmpty());
    const QString message
        = down.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(hasChinese(message), qPrintable(message));
    QCOMPARE(applicationStatus(app), QStringLiteral("draft"));
    // Slow once (longer than the timeout), then fine: the retry carries the same out_trade_no, so WeChat Pay
    // has one order, asked for twice.
    m_world->simulator(QStringLiteral("fault"),
        QJsonObject {{QStringLiteral("target"), QStringLiteral("wechatpay")},
            {QStringLiteral("mode"), QStringLiteral("slow")}, {QStringLiteral("count"), 1},
            {QStringLiteral("delay_ms"), 3000}});
    const Reply slow = h.post(app.path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("wechat")}}, app.token,
        QStringLiteral("pay-slow"));
    QCOMPARE(slow.status, 201);
    const QString paymentId = slow.json().value(QStringLiteral("payment_id")).toString();
    const QJsonObject order = m_world->simulator(
        QStringLiteral("wechatpay/order"), QJsonObject {{QStringLiteral("out_trade_no"), paymentId}});
    QCOMPARE(order.value(QStringLiteral("creates")).toInt(), 2);
    // Pressing Pay again shows the same order, not a second one.
    const Reply again = h.post(app.path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("wechat")}}, app.token,
        QStringLiteral("pay-again"));
    QCOMPARE(again.status, 201);
    QCOMPARE(again.json().value(QStringLiteral("payment_id")).toString(), paymentId);
    QCOMPARE(again.json().value(QStringLiteral("qr_content")).toString(),
        slow.json().value(QStringLiteral("qr_content")).toString());
}

void TestServerProviders::anotherMethodClosesTheFirstOrder()
{
    const App app = prepared(true);
    QVERIFY(!app.id.isEmpty());
    Http h = http();
    const Reply wechat = h.post(app.path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("wechat")}}, app.token,
        QStringLiteral("pay-first"));
    QCOMPARE(wechat.status, 201);
    const QString first = wechat.json().value(QStringLiteral("payment_id")).toString();
    const Reply alipay = h.post(app.path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("alipay")}}, app.token,
        QStringLiteral("pay-second"));
    QCOMPARE(alipay.status, 201);
    // The WeChat order is closed at WeChat Pay: it can no longer be paid, so the applicant cannot pay twice.
    QCOMPARE(m_world
                 ->simulator(
                     QStringLiteral("wechatpay/order"), QJsonObject {{QStringLiteral("out_trade_no"), first}})
                 .value(QStringLiteral("state"))
                 .toString(),
        QStringLiteral("CLOSED"));
    QCOMPARE(paymentStatus(app, first), QStringLiteral("expired"));
}

void TestServerProviders::expiredOrdersAreClosed()
{
    const App app = prepared(false);
    QVERIFY(!app.id.isEmpty());
    Http h = http();
    const Reply created = h.post(app.path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("alipay")}}, app.token,
        QStringLiteral("pay-expiring"));
    QCOMPARE(created.status, 201);
    const QString paymentId = created.json().value(QStringLiteral("payment_id")).toString();
    // Half an hour passes without anyone polling (the stored expiry is moved instead of waiting).
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("expire"));
        db.setDatabaseName(m_world->dataDir() + QStringLiteral("/certdesk.db"));
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.prepare(QStringLiteral("UPDATE payments SET expires_at = ? WHERE id = ?")));
        q.addBindValue(QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODate));
        q.addBindValue(paymentId);
        QVERIFY(q.exec());
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("expire"));
    // The service's background work closes it at Alipay, so that the old QR can no longer be paid.
    const auto state = [&] {
        return m_world
            ->simulator(
                QStringLiteral("alipay/order"), QJsonObject {{QStringLiteral("out_trade_no"), paymentId}})
            .value(QStringLiteral("state"))
            .toString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(state(), QStringLiteral("TRADE_CLOSED"), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_world->auditRows(QStringLiteral("payment.closed")).filter(paymentId).size(), 1, 10000);
    QCOMPARE(paymentStatus(app, paymentId), QStringLiteral("expired"));
    QCOMPARE(applicationStatus(app), QStringLiteral("draft"));
}

void TestServerProviders::livenessRefusals()
{
    const App app = prepared(true, false);
    QVERIFY(!app.id.isEmpty());
    Http h = http();
    const Reply started = h.post(app.path + QStringLiteral("/liveness"), {}, app.token);
    QCOMPARE(started.status, 200);
    const QString session = started.json().value(QStringLiteral("session_id")).toString();
    const auto complete = [&](const QJsonObject& extra) {
        QJsonObject o {
            {QStringLiteral("session_id"), session}, {QStringLiteral("outcome"), QStringLiteral("pass")}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            o.insert(it.key(), it.value());
        return m_world->simulator(QStringLiteral("liveness/complete"), o);
    };
    const auto liveness = [&] {
        return h.get(app.path + QStringLiteral("/liveness"), app.token)
            .json()
            .value(QStringLiteral("status"))
            .toString();
    };
    const QList<QPair<const char*, QJsonObject>> refusals {
        {"bad_signature", {{QStringLiteral("corrupt_signature"), true}}},
        {"stale", {{QStringLiteral("timestamp_offset"), -400}}},
    };
    for (const auto& [reason, options] : refusals) {
        const int before = m_world->auditRows(QStringLiteral("liveness.callback_rejected")).size();
        // The shim's own state says "passed" after this, so the query path is off for this check: the
        // rejected callback is what must not count. (A query would be signed correctly and count.)
        const QJsonObject sent = complete(options);
        QCOMPARE(
            sent.value(QStringLiteral("answer")).toObject().value(QStringLiteral("status")).toInt(), 401);
        const QStringList rows = m_world->auditRows(QStringLiteral("liveness.callback_rejected"));
        QCOMPARE(rows.size(), before + 1);
        QVERIFY2(rows.last().contains(QString::fromLatin1(reason)), qPrintable(rows.last()));
    }
    // A genuine callback passes; the same callback again is a replay.
    const QJsonObject good = complete({});
    QCOMPARE(good.value(QStringLiteral("answer")).toObject().value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(liveness(), QStringLiteral("passed"));
    const QJsonObject notification = good.value(QStringLiteral("notification")).toObject();
    const QJsonObject replay = m_world->simulator(QStringLiteral("deliver"),
        QJsonObject {
            {QStringLiteral("url"), QStringLiteral("https://ca.certdesk.test/api/v1/notify/liveness")},
            {QStringLiteral("headers"), notification.value(QStringLiteral("headers"))},
            {QStringLiteral("body"), notification.value(QStringLiteral("body"))}});
    QCOMPARE(replay.value(QStringLiteral("answer")).toObject().value(QStringLiteral("status")).toInt(), 401);
    QVERIFY(m_world->auditRows(QStringLiteral("liveness.callback_rejected"))
                .last()
                .contains(QStringLiteral("replayed")));

    // Someone else in front of the camera: the provider fails it, and so does the application.
    const App other = prepared(false, false);
    QVERIFY(!other.id.isEmpty());
    const Reply second = h.post(other.path + QStringLiteral("/liveness"), {}, other.token);
    const QJsonObject wrongPerson = m_world->simulator(QStringLiteral("liveness/complete"),
        QJsonObject {
            {QStringLiteral("session_id"), second.json().value(QStringLiteral("session_id")).toString()},
            {QStringLiteral("outcome"), QStringLiteral("pass")},
            {QStringLiteral("id_number"), QStringLiteral("110101199003074477")}});
    QCOMPARE(
        wrongPerson.value(QStringLiteral("answer")).toObject().value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(h.get(other.path + QStringLiteral("/liveness"), other.token)
                 .json()
                 .value(QStringLiteral("status"))
                 .toString(),
        QStringLiteral("failed"));
    // Paying needs a passed liveness check.
    QCOMPARE(h.post(other.path + QStringLiteral("/payments"),
                  QJsonObject {{QStringLiteral("method"), QStringLiteral("wechat")}}, other.token,
                  QStringLiteral("pay-no-liveness"))
                 .status,
        409);
}

void TestServerProviders::realNameCheck()
{
    ++m_seq;
    const QString holder = QStringLiteral("Shenzhen Realname Test Co");
    const QString serial = m_world->addLegacyCertificate(QStringLiteral("institution"), holder,
        QStringLiteral("91350100M000100Y43"), QDateTime::currentDateTimeUtc().addDays(30));
    QVERIFY(!serial.isEmpty());
    Http h = http();
    // The real-name check answers only for a certificate this client looked up.
    QCOMPARE(h.post(QStringLiteral("certificates/lookup"), QJsonObject {{QStringLiteral("serial"), serial}})
                 .status,
        200);
    QJsonObject body = institutionBody(serial, holder, QStringLiteral("91350100M000100Y43"));
    QJsonObject agent = body.value(QStringLiteral("agent")).toObject();
    agent.insert(
        QStringLiteral("mobile"), QStringLiteral("13900139000")); // registered to another ID at the shim
    body.insert(QStringLiteral("agent"), agent);
    const Reply mismatch = h.post(QStringLiteral("applications"), body);
    QCOMPARE(mismatch.status, 422);
    QVERIFY(mismatch.fieldCodes().contains(QStringLiteral("agent.mobile:realname_mismatch")));
    // The check cannot be reached: nothing is saved, and the applicant is told to try again (in Chinese).
    m_world->simulator(QStringLiteral("fault"),
        QJsonObject {{QStringLiteral("target"), QStringLiteral("realname")},
            {QStringLiteral("mode"), QStringLiteral("error500")}, {QStringLiteral("count"), 3}});
    const Reply down = h.post(QStringLiteral("applications"),
        institutionBody(serial, holder, QStringLiteral("91350100M000100Y43")));
    QCOMPARE(down.status, 503);
    QVERIFY(hasChinese(
        down.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString()));
    const QJsonObject requests = m_world->simulator(QStringLiteral("requests"));
    QVERIFY(requests.value(QStringLiteral("realname fault")).toInt() >= 3);
}

void TestServerProviders::smsGoesThroughTheProvider()
{
    // The applicant centre's sign-in code goes out through the SMS shim (never the sandbox's outbox).
    Http h = http();
    const Reply otp = h.post(QStringLiteral("applicant/otp"),
        QJsonObject {{QStringLiteral("mobile"), QStringLiteral("13700137000")}});
    QCOMPARE(otp.status, 202);
    const auto sentTo = [this](const char* mobile) {
        httplib::Client c("127.0.0.1", m_world->simulatorPort());
        const auto r = c.Post("/_sim/sms", "{}", "application/json");
        return r && r->status == 200 && QByteArray::fromStdString(r->body).contains(mobile);
    };
    // The sender works in the background (the request does not wait for the provider).
    for (int i = 0; i < 150 && !sentTo("13700137000"); ++i)
        QTest::qWait(100);
    qWarning("simulator requests: %s",
        QJsonDocument(m_world->simulator(QStringLiteral("requests"))).toJson().constData());
    QVERIFY(sentTo("13700137000"));
    // Sent: the text (a sign-in code) is not kept in the service's database afterwards.
}

void TestServerProviders::configurationRefusals()
{
    QTemporaryDir dir;
    const auto start = [&dir](const QByteArray& config, QString* output) {
        QFile file(dir.filePath(QStringLiteral("bad.conf")));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return -1;
        file.write(config);
        file.close();
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(CERTDESK_SERVER_BINARY),
            {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"),
                dir.filePath(QStringLiteral("data")), QStringLiteral("--public-url"),
                QStringLiteral("https://ca.certdesk.test"), QStringLiteral("--config"), file.fileName()});
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        *output = QString::fromUtf8(p.readAll());
        return p.exitCode();
    };
    QString output;
    // The sandbox's pages do not exist outside the sandbox.
    QCOMPARE(start("[payment]\nwechat = sandbox\n", &output), 2);
    QVERIFY2(output.contains(QStringLiteral("--sandbox")), qPrintable(output));
    // WeChat Pay without its merchant: the missing keys are named.
    QCOMPARE(start("[payment]\nwechat = wechatpay\n", &output), 2);
    QVERIFY2(output.contains(QStringLiteral("mchid")), qPrintable(output));
    // A provider reached over plain http on a public address.
    QCOMPARE(start("[sms]\nprovider = http\nbase_url = http://sms.example.cn\nclient_id = x\n", &output), 2);
    QVERIFY2(output.contains(QStringLiteral("https")), qPrintable(output));
    // A typo in a provider key.
    QCOMPARE(start("[alipay]\ngateway = https://openapi.alipay.com/gateway.do\n", &output), 2);
    QVERIFY2(output.contains(QStringLiteral("unknown key")), qPrintable(output));
}

QTEST_GUILESS_MAIN(TestServerProviders)
#include "tst_server_providers.moc"
