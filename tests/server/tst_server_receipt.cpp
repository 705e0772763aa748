// The mailed UKey against the real certdesk-server: the initial PIN at shipment (checked, sent by SMS, found
// only in the sandbox outbox: in no other table and not in the server's log), the confirmed issuance in the
// applicant's view, and the receipt — a challenge signed by the new signing key (DER and raw r‖s), or the
// applicant session plus the token serial — with every refusal: bad, used and expired challenges, a signature
// by another key, a wrong serial, the access token alone without a signature (403), receipt before shipment
// and after completion (409).
#include "ServerHarness.h"
#include "TestEnvironment.h"

#include "pki/CertificateInfo.h"
#include "pki/Envelope.h"
#include "pki/Sm2.h"
#include "pki/Sm2Key.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk;
using namespace certdesk::servertest;
using certdesk::test::fixEnvironment;

namespace {

struct Shipped
{
    QString id;
    QString accessToken;
    QString path;
    QString orderNo;
    QString tokenSerial;
    QString initialPin;
    pki::Sm2Key signingKey; // opened from the service's envelope, as the counter's job does
    QByteArray signingCertificate;
    QByteArray encryptionCertificate;
};

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

QByteArray unb64(const QJsonValue& value)
{
    return QByteArray::fromBase64(value.toString().toLatin1());
}

} // namespace

class TestServerReceipt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void initialPinGoesBySmsAndNowhereElse();
    void applicantSeesTheConfirmedIssuance();
    void refusalsThenSignedReceipt();
    void receiptWithTheApplicantSession();

private:
    [[nodiscard]] QString staff(const QString& user);
    // A natural-person application taken to `shipped` with `initialPin` (approved, issued without a CSR,
    // confirmed for `tokenSerial`).
    void ship(Shipped* out, const QString& name, const QString& idNumber, const QString& tokenSerial,
        const QString& initialPin);
    [[nodiscard]] QString signIn(const QString& mobile);
    [[nodiscard]] QString challenge(const Shipped& app, const QString& token);
    [[nodiscard]] Reply receipt(const Shipped& app, const QString& token, const QJsonObject& body);
    void sql(const QString& statement, const QVariantList& binds = {});
    // Tables (other than the outbox) and columns of the server's database whose text contains `needle`.
    [[nodiscard]] QStringList placesHolding(const QString& needle);

    QTemporaryDir m_dir;
    ServerProcess m_server;
    std::unique_ptr<Http> m_http;
    Shipped m_first;
    Shipped m_second;
};

void TestServerReceipt::initTestCase()
{
    fixEnvironment();
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(m_dir.filePath(QStringLiteral("data"))), qPrintable(m_server.lastError()));
    m_http = std::make_unique<Http>(m_server.port());
    ship(&m_first, QStringLiteral("Wang Fang"), QStringLiteral("310115197806150038"),
        QStringLiteral("SN-0001-FIRST"), QStringLiteral("70615384"));
    ship(&m_second, QStringLiteral("Li Na"), QStringLiteral("44030519850312001X"),
        QStringLiteral("SN-0002-SECOND"), QStringLiteral("2917406352"));
}

QString TestServerReceipt::staff(const QString& user)
{
    const Reply r = m_http->post(QStringLiteral("staff/sessions"),
        QJsonObject {{QStringLiteral("username"), user},
            {QStringLiteral("password"), QString(QStringLiteral("sandbox-") + user)}});
    return r.json().value(QStringLiteral("token")).toString();
}

void TestServerReceipt::ship(Shipped* out, const QString& name, const QString& idNumber,
    const QString& tokenSerial, const QString& initialPin)
{
    const Legacy old = mintLegacy(*m_http, QStringLiteral("natural_person"), name, idNumber,
        QDateTime::currentDateTimeUtc().addDays(30));
    QVERIFY(!old.serial.isEmpty());
    const Reply created
        = m_http->post(QStringLiteral("applications"), naturalPersonBody(old.serial, name, idNumber));
    QCOMPARE(created.status, 201);
    out->id = created.json().value(QStringLiteral("id")).toString();
    out->accessToken = created.json().value(QStringLiteral("access_token")).toString();
    out->orderNo = created.json().value(QStringLiteral("order_no")).toString();
    out->path = QStringLiteral("applications/") + out->id;
    for (const char* kind : {"application_form", "e_seal_form", "id_card"}) {
        QCOMPARE(m_http
                     ->putBytes(out->path + QStringLiteral("/documents/") + QLatin1String(kind),
                         jpegImage(40, 30), QStringLiteral("image/jpeg"), out->accessToken)
                     .status,
            201);
    }
    const Reply liveness = m_http->post(out->path + QStringLiteral("/liveness"), {}, out->accessToken);
    QCOMPARE(liveness.status, 200);
    QCOMPARE(m_http
                 ->post(QStringLiteral("sandbox/liveness/")
                         + liveness.json().value(QStringLiteral("session_id")).toString(),
                     QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("id_number"), idNumber},
                         {QStringLiteral("outcome"), QStringLiteral("pass")}})
                 .status,
        200);
    const Reply pay = m_http->post(out->path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("alipay")}}, out->accessToken);
    QCOMPARE(pay.status, 201);
    QCOMPARE(
        m_http
            ->post(QStringLiteral("sandbox/payments/")
                    + pay.json().value(QStringLiteral("payment_id")).toString() + QStringLiteral("/complete"),
                {})
            .status,
        200);
    const QString staffPath = QStringLiteral("staff/applications/") + out->id;
    QCOMPARE(
        m_http->post(staffPath + QStringLiteral("/approve"), {}, staff(QStringLiteral("reviewer"))).status,
        200);
    const QString counter = staff(QStringLiteral("counter"));
    auto transport = pki::Sm2Key::generate();
    QVERIFY(transport.hasValue());
    const Reply issued = m_http->post(staffPath + QStringLiteral("/issuance"),
        QJsonObject {{QStringLiteral("transport_public_key"), b64(transport->subjectPublicKeyInfo())}},
        counter);
    QCOMPARE(issued.status, 201);
    const auto opened
        = pki::openEnvelope(unb64(issued.json().value(QStringLiteral("signing_key_envelope"))), *transport);
    QVERIFY(opened.hasValue());
    auto signingKey = pki::Sm2Key::fromPrivateScalar(opened->privateScalar);
    QVERIFY(signingKey.hasValue());
    out->signingKey = *signingKey;
    out->signingCertificate = unb64(issued.json().value(QStringLiteral("signing_certificate")));
    out->encryptionCertificate = unb64(issued.json().value(QStringLiteral("encryption_certificate")));
    QCOMPARE(m_http
                 ->post(staffPath + QStringLiteral("/issuance/")
                         + issued.json().value(QStringLiteral("issuance_id")).toString()
                         + QStringLiteral("/confirm"),
                     QJsonObject {{QStringLiteral("token_serial"), tokenSerial},
                         {QStringLiteral("token_label"), QStringLiteral("CertDesk UKey")}},
                     counter)
                 .status,
        200);
    out->tokenSerial = tokenSerial;

    // Before shipment there is nothing to receive.
    QCOMPARE(
        m_http->post(out->path + QStringLiteral("/receipt/challenge"), {}, out->accessToken).status, 409);
    // The initial PIN: 6–16 digits, not a repeated digit, not a run; a refused shipment changes nothing.
    const auto shipWith = [&](const QJsonValue& pin) {
        QJsonObject body {{QStringLiteral("carrier"), QStringLiteral("SF Express")},
            {QStringLiteral("tracking_no"), QStringLiteral("SF1234567890")}};
        if (!pin.isUndefined())
            body.insert(QStringLiteral("initial_pin"), pin);
        return m_http->post(staffPath + QStringLiteral("/shipment"), body, counter);
    };
    for (const QJsonValue& bad :
        {QJsonValue(QStringLiteral("12345")), QJsonValue(QStringLiteral("12345678901234567")),
            QJsonValue(QStringLiteral("123456")), QJsonValue(QStringLiteral("888888")),
            QJsonValue(QStringLiteral("12ab5678")), QJsonValue(70615384)}) {
        const Reply refused = shipWith(bad);
        QCOMPARE(refused.status, 422);
        QCOMPARE(refused.fieldCodes(), QStringList {QStringLiteral("initial_pin:invalid")});
    }
    QCOMPARE(m_http->get(out->path, out->accessToken).json().value(QStringLiteral("status")).toString(),
        QStringLiteral("issued"));
    const Reply shipped = shipWith(initialPin);
    QCOMPARE(shipped.status, 200);
    QCOMPARE(shipped.json().value(QStringLiteral("status")).toString(), QStringLiteral("shipped"));
    out->initialPin = initialPin;
}

QString TestServerReceipt::signIn(const QString& mobile)
{
    if (m_http->post(QStringLiteral("applicant/otp"), QJsonObject {{QStringLiteral("mobile"), mobile}}).status
        != 202)
        return {};
    const QJsonArray messages = m_http->get(QStringLiteral("sandbox/outbox?to=") + mobile).array();
    QString code;
    for (const QJsonValue& m : messages) {
        const auto match = QRegularExpression(QStringLiteral("\\b(\\d{6})\\b"))
                               .match(m.toObject().value(QStringLiteral("body")).toString());
        if (match.hasMatch())
            code = match.captured(1); // the newest one wins
    }
    const Reply session = m_http->post(QStringLiteral("applicant/sessions"),
        QJsonObject {{QStringLiteral("mobile"), mobile}, {QStringLiteral("code"), code}});
    return session.status == 201 ? session.json().value(QStringLiteral("token")).toString() : QString();
}

QString TestServerReceipt::challenge(const Shipped& app, const QString& token)
{
    const Reply r = m_http->post(app.path + QStringLiteral("/receipt/challenge"), {}, token);
    if (r.status != 200)
        return {};
    const QDateTime expires
        = QDateTime::fromString(r.json().value(QStringLiteral("expires_at")).toString(), Qt::ISODate);
    if (expires < QDateTime::currentDateTimeUtc().addSecs(60))
        return {};
    const QString value = r.json().value(QStringLiteral("challenge")).toString();
    return QByteArray::fromBase64(value.toLatin1()).size() == 32 ? value : QString();
}

Reply TestServerReceipt::receipt(const Shipped& app, const QString& token, const QJsonObject& body)
{
    return m_http->post(app.path + QStringLiteral("/receipt"), body, token);
}

void TestServerReceipt::sql(const QString& statement, const QVariantList& binds)
{
    const QString name = QStringLiteral("tst_server_receipt");
    {
        QSqlDatabase db = QSqlDatabase::contains(name)
            ? QSqlDatabase::database(name)
            : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_dir.filePath(QStringLiteral("data/certdesk.db")));
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        QVERIFY(q.prepare(statement));
        for (const QVariant& bind : binds)
            q.addBindValue(bind);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        db.close();
    }
}

QStringList TestServerReceipt::placesHolding(const QString& needle)
{
    QStringList places;
    const QString name = QStringLiteral("tst_server_receipt_scan");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_dir.filePath(QStringLiteral("data/certdesk.db")));
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open())
            return {QStringLiteral("(database not readable)")};
        for (const QString& table : db.tables()) {
            if (table == QLatin1String("outbox"))
                continue;
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT * FROM ") + table);
            while (q.next()) {
                for (int i = 0; i < q.record().count(); ++i) {
                    const QVariant v = q.value(i);
                    if (v.toString().contains(needle) || v.toByteArray().contains(needle.toLatin1()))
                        places.append(table + QLatin1Char('.') + q.record().fieldName(i));
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return places;
}

void TestServerReceipt::initialPinGoesBySmsAndNowhereElse()
{
    const QJsonArray messages
        = m_http->get(QStringLiteral("sandbox/outbox?to=") + QString::fromLatin1(kAgentMobile)).array();
    int withPin = 0;
    for (const QJsonValue& m : messages) {
        const QString text = m.toObject().value(QStringLiteral("body")).toString();
        if (text.contains(m_first.initialPin)) {
            ++withPin;
            QVERIFY(text.contains(m_first.orderNo));
            // Apart from the shipment notice: the tracking number is not in the PIN's SMS.
            QVERIFY(!text.contains(QStringLiteral("SF1234567890")));
        }
    }
    QCOMPARE(withPin, 1);
    // Refused PINs were never sent.
    for (const QJsonValue& m : messages)
        QVERIFY(!m.toObject().value(QStringLiteral("body")).toString().contains(QStringLiteral("888888")));
    for (const QString& pin : {m_first.initialPin, m_second.initialPin}) {
        const QStringList places = placesHolding(pin);
        QVERIFY2(places.isEmpty(), qPrintable(places.join(QLatin1Char(' '))));
        QVERIFY(!m_server.standardError().contains(pin.toLatin1()));
    }
    // The staff view does not carry it either.
    const Reply staffView
        = m_http->get(QStringLiteral("staff/applications/") + m_first.id, staff(QStringLiteral("counter")));
    QCOMPARE(staffView.status, 200);
    QVERIFY(!staffView.body.contains(m_first.initialPin.toLatin1()));
}

void TestServerReceipt::applicantSeesTheConfirmedIssuance()
{
    const Reply view = m_http->get(m_first.path, m_first.accessToken);
    QCOMPARE(view.status, 200);
    const QJsonObject issuance = view.json().value(QStringLiteral("issuance")).toObject();
    QCOMPARE(unb64(issuance.value(QStringLiteral("signing_certificate"))), m_first.signingCertificate);
    QCOMPARE(unb64(issuance.value(QStringLiteral("encryption_certificate"))), m_first.encryptionCertificate);
    const auto signing = pki::CertificateInfo::parse(m_first.signingCertificate);
    QVERIFY(signing.hasValue());
    QCOMPARE(issuance.value(QStringLiteral("signing_serial")).toString(), signing->serialHex);
    // The token serial stays with the service: it is what a receipt without a signature must know.
    QVERIFY(!view.body.contains(m_first.tokenSerial.toLatin1()));
}

void TestServerReceipt::refusalsThenSignedReceipt()
{
    const Shipped& app = m_first;
    const auto sign = [](const pki::Sm2Key& key, const QString& challengeB64) {
        const auto signature = pki::sm2Sign(key, QByteArray::fromBase64(challengeB64.toLatin1()));
        return signature.hasValue() ? b64(*signature) : QString();
    };
    const auto body = [&](const QString& serial, const QString& challengeB64, const QJsonValue& signature) {
        return QJsonObject {{QStringLiteral("token_serial"), serial},
            {QStringLiteral("challenge"), challengeB64}, {QStringLiteral("signature"), signature}};
    };

    // The access token alone, without a signature: 403, whatever else is right.
    QString c = challenge(app, app.accessToken);
    QVERIFY(!c.isEmpty());
    QCOMPARE(receipt(app, app.accessToken, body(app.tokenSerial, c, QJsonValue())).status, 403);
    QCOMPARE(
        receipt(app, app.accessToken,
            QJsonObject {{QStringLiteral("token_serial"), app.tokenSerial}, {QStringLiteral("challenge"), c}})
            .status,
        403);

    // A challenge the service never gave (signed correctly by the right key).
    const QString invented = b64(QByteArray(32, '\x5a'));
    Reply r = receipt(app, app.accessToken, body(app.tokenSerial, invented, sign(app.signingKey, invented)));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("challenge:invalid")});
    r = receipt(
        app, app.accessToken, body(app.tokenSerial, QStringLiteral("not base64!"), sign(app.signingKey, c)));
    QCOMPARE(r.status, 422);
    QVERIFY(r.fieldCodes().contains(QStringLiteral("challenge:invalid")));

    // A signature by another SM2 key, and one over other bytes.
    c = challenge(app, app.accessToken);
    const auto stranger = pki::Sm2Key::generate();
    QVERIFY(stranger.hasValue());
    r = receipt(app, app.accessToken, body(app.tokenSerial, c, sign(*stranger, c)));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("signature:bad_signature")});
    c = challenge(app, app.accessToken);
    r = receipt(app, app.accessToken, body(app.tokenSerial, c, sign(app.signingKey, invented)));
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("signature:bad_signature")});
    // The right key with the empty SM2 ID (OpenSSL's default) is not a signature with ID 1234567812345678.
    c = challenge(app, app.accessToken);
    const auto emptyId = pki::sm2Sign(app.signingKey, QByteArray::fromBase64(c.toLatin1()), QByteArrayView());
    QVERIFY(emptyId.hasValue());
    r = receipt(app, app.accessToken, body(app.tokenSerial, c, b64(*emptyId)));
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("signature:bad_signature")});

    // Another token's serial, with a good signature.
    c = challenge(app, app.accessToken);
    r = receipt(app, app.accessToken, body(QStringLiteral("SN-OTHER"), c, sign(app.signingKey, c)));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("token_serial:mismatch")});
    // That attempt used its challenge up.
    r = receipt(app, app.accessToken, body(app.tokenSerial, c, sign(app.signingKey, c)));
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("challenge:invalid")});

    // An expired challenge.
    c = challenge(app, app.accessToken);
    sql(QStringLiteral("UPDATE receipt_challenges SET expires_at = ? WHERE application_id = ?"),
        {QDateTime::currentDateTimeUtc().addSecs(-1).toString(Qt::ISODate), app.id});
    r = receipt(app, app.accessToken, body(app.tokenSerial, c, sign(app.signingKey, c)));
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("challenge:invalid")});
    // Another application's token opens nothing here.
    QCOMPARE(
        m_http->post(app.path + QStringLiteral("/receipt/challenge"), {}, m_second.accessToken).status, 404);
    QCOMPARE(m_http->get(app.path, app.accessToken).json().value(QStringLiteral("status")).toString(),
        QStringLiteral("shipped"));

    // The right serial, a fresh challenge, the new key's signature as raw r‖s (what tokens return):
    // completed.
    c = challenge(app, app.accessToken);
    const auto der = pki::sm2Sign(app.signingKey, QByteArray::fromBase64(c.toLatin1()));
    QVERIFY(der.hasValue());
    const auto raw = pki::sm2SignatureToRaw(*der);
    QVERIFY(raw.hasValue());
    r = receipt(app, app.accessToken, body(app.tokenSerial, c, b64(*raw)));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    // Once only.
    QCOMPARE(m_http->post(app.path + QStringLiteral("/receipt/challenge"), {}, app.accessToken).status, 409);
    QCOMPARE(receipt(app, app.accessToken, body(app.tokenSerial, c, b64(*raw))).status, 409);
}

void TestServerReceipt::receiptWithTheApplicantSession()
{
    const Shipped& app = m_second;
    const QString session = signIn(QString::fromLatin1(kAgentMobile));
    QVERIFY(!session.isEmpty());
    QString c = challenge(app, session);
    QVERIFY(!c.isEmpty());
    // Without a signature the serial is the proof: a wrong one is refused.
    Reply r = receipt(app, session,
        QJsonObject {{QStringLiteral("token_serial"), QStringLiteral("SN-0001-FIRST")},
            {QStringLiteral("challenge"), c}, {QStringLiteral("signature"), QJsonValue()}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("token_serial:mismatch")});
    c = challenge(app, session);
    r = receipt(app, session,
        QJsonObject {{QStringLiteral("token_serial"), app.tokenSerial}, {QStringLiteral("challenge"), c},
            {QStringLiteral("signature"), QJsonValue()}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    const QJsonArray timeline = r.json().value(QStringLiteral("timeline")).toArray();
    QCOMPARE(
        timeline.last().toObject().value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
}

QTEST_GUILESS_MAIN(TestServerReceipt)
#include "tst_server_receipt.moc"
