// The applicant's own centre against the real certdesk-server: SMS code (only in the sandbox outbox, stored
// hashed), resend interval and hourly limits per mobile and per address (429 + Retry-After), wrong codes and
// the burnt code, expiry, the applications of a mobile, the applicant token opening exactly those
// applications, sign-out, and sessions surviving a restart (they live in the database). Waiting is replaced
// by moving the stored times back in the server's SQLite file.
#include "ServerHarness.h"
#include "TestEnvironment.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk;
using namespace certdesk::servertest;
using certdesk::test::fixEnvironment;

namespace {

const QString kOtherMobile = QStringLiteral("13700137000");

QDateTime time(const QJsonValue& value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODate);
}

} // namespace

class TestServerApplicant : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void signInListOpenSignOut();
    void resendIntervalAndHourlyLimits();
    void fiveWrongCodesBurnTheCode();
    void expiredCodeAndBadInput();
    void counterFindsAWalkInAndOpensItWithTheCode();
    void sessionSurvivesRestart();
    void bankNameStaysWhenTheListDropsTheCode();

private:
    // POST /applicant/otp; the code from the newest outbox SMS to `mobile` (empty when none).
    [[nodiscard]] Reply requestCode(const QString& mobile);
    [[nodiscard]] QString latestCode(const QString& mobile);
    [[nodiscard]] QString signIn(const QString& mobile);
    // Runs SQL on the server's database file (the server is idle between requests).
    void sql(const QString& statement, const QVariantList& binds = {});
    [[nodiscard]] QString createApplication(const QJsonObject& body, QString* token);

    QTemporaryDir m_dir;
    ServerProcess m_server;
    std::unique_ptr<Http> m_http;
    QString m_institutionId;
    QString m_institutionToken;
    QString m_personId;
    QString m_otherId;
    QString m_otherToken;
};

void TestServerApplicant::initTestCase()
{
    fixEnvironment();
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(m_dir.filePath(QStringLiteral("data"))), qPrintable(m_server.lastError()));
    m_http = std::make_unique<Http>(m_server.port());
    const Legacy institution = firstRenewable(*m_http, QStringLiteral("institution"));
    const Legacy person = firstRenewable(*m_http, QStringLiteral("natural_person"));
    const Legacy other = mintLegacy(*m_http, QStringLiteral("institution"), QStringLiteral("Other Co"),
        QStringLiteral("91440300MA5G567848"), QDateTime::currentDateTimeUtc().addDays(20));
    QVERIFY(!institution.serial.isEmpty() && !person.serial.isEmpty() && !other.serial.isEmpty());
    m_institutionId = createApplication(
        institutionBody(institution.serial, institution.holder, institution.credentialNumber),
        &m_institutionToken);
    QString unused;
    m_personId = createApplication(
        naturalPersonBody(person.serial, person.holder, person.credentialNumber), &unused);
    QJsonObject otherBody = institutionBody(other.serial, other.holder, other.credentialNumber);
    QJsonObject agent = otherBody.value(QStringLiteral("agent")).toObject();
    agent.insert(QStringLiteral("mobile"), kOtherMobile);
    otherBody.insert(QStringLiteral("agent"), agent);
    m_otherId = createApplication(otherBody, &m_otherToken);
    QVERIFY(!m_institutionId.isEmpty() && !m_personId.isEmpty() && !m_otherId.isEmpty());
}

void TestServerApplicant::cleanup()
{
    // Each test starts with fresh hourly budgets (all requests come from 127.0.0.1).
    sql(QStringLiteral("DELETE FROM applicant_code_requests"));
    sql(QStringLiteral("DELETE FROM applicant_codes"));
}

QString TestServerApplicant::createApplication(const QJsonObject& body, QString* token)
{
    const Reply r = m_http->post(QStringLiteral("applications"), body);
    if (r.status != 201) {
        qWarning("create: %d %s", r.status, r.body.constData());
        return {};
    }
    *token = r.json().value(QStringLiteral("access_token")).toString();
    return r.json().value(QStringLiteral("id")).toString();
}

Reply TestServerApplicant::requestCode(const QString& mobile)
{
    return m_http->post(QStringLiteral("applicant/otp"), QJsonObject {{QStringLiteral("mobile"), mobile}});
}

QString TestServerApplicant::latestCode(const QString& mobile)
{
    const Reply outbox = m_http->get(QStringLiteral("sandbox/outbox?to=") + mobile);
    const QJsonArray messages = outbox.array();
    if (messages.isEmpty())
        return {};
    const QString text = messages.last().toObject().value(QStringLiteral("body")).toString();
    const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("\\b(\\d{6})\\b")).match(text);
    return match.hasMatch() ? match.captured(1) : QString();
}

QString TestServerApplicant::signIn(const QString& mobile)
{
    const Reply otp = requestCode(mobile);
    if (otp.status != 202)
        return {};
    const Reply session = m_http->post(QStringLiteral("applicant/sessions"),
        QJsonObject {{QStringLiteral("mobile"), mobile}, {QStringLiteral("code"), latestCode(mobile)}});
    return session.status == 201 ? session.json().value(QStringLiteral("token")).toString() : QString();
}

void TestServerApplicant::sql(const QString& statement, const QVariantList& binds)
{
    const QString name = QStringLiteral("tst_server_applicant");
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

void TestServerApplicant::signInListOpenSignOut()
{
    const QString mobile = QString::fromLatin1(kAgentMobile);
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const Reply otp = requestCode(mobile);
    QCOMPARE(otp.status, 202);
    const QDateTime expires = time(otp.json().value(QStringLiteral("expires_at")));
    const QDateTime resend = time(otp.json().value(QStringLiteral("resend_after")));
    QVERIFY(expires >= before.addSecs(300) && expires <= before.addSecs(302));
    QVERIFY(resend >= before.addSecs(60) && resend <= before.addSecs(62));

    const QString code = latestCode(mobile);
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d{6}$")).match(code).hasMatch(), qPrintable(code));
    // Only a hash is stored: the code is nowhere in the database file.
    {
        QFile db(m_dir.filePath(QStringLiteral("data/certdesk.db")));
        QVERIFY(db.open(QIODevice::ReadOnly));
        const QByteArray bytes = db.readAll();
        QFile wal(m_dir.filePath(QStringLiteral("data/certdesk.db-wal")));
        const QByteArray walBytes = wal.open(QIODevice::ReadOnly) ? wal.readAll() : QByteArray();
        // The outbox row carries the SMS text (sandbox), so look for the code next to the mobile in the codes
        // table's layout instead: the row holds a 64-hex hash, never the 6 digits right after the mobile.
        QVERIFY(!bytes.contains(QByteArray(mobile.toLatin1() + code.toLatin1())));
        QVERIFY(!walBytes.contains(QByteArray(mobile.toLatin1() + code.toLatin1())));
    }

    // Wrong code: 401. Right code: 201 with a token.
    const QString wrong
        = code == QStringLiteral("000000") ? QStringLiteral("000001") : QStringLiteral("000000");
    Reply r = m_http->post(QStringLiteral("applicant/sessions"),
        QJsonObject {{QStringLiteral("mobile"), mobile}, {QStringLiteral("code"), wrong}});
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
    r = m_http->post(QStringLiteral("applicant/sessions"),
        QJsonObject {{QStringLiteral("mobile"), mobile}, {QStringLiteral("code"), code}});
    QCOMPARE(r.status, 201);
    const QString token = r.json().value(QStringLiteral("token")).toString();
    QVERIFY(token.size() >= 40);
    QVERIFY(time(r.json().value(QStringLiteral("expires_at"))) > QDateTime::currentDateTimeUtc());
    // A code signs in once.
    r = m_http->post(QStringLiteral("applicant/sessions"),
        QJsonObject {{QStringLiteral("mobile"), mobile}, {QStringLiteral("code"), code}});
    QCOMPARE(r.status, 401);

    // The applications of that mobile: the institution's agent and the natural person, not the other one.
    r = m_http->get(QStringLiteral("applicant/applications"), token);
    QCOMPARE(r.status, 200);
    QStringList ids;
    for (const QJsonValue& v : r.array()) {
        const QJsonObject app = v.toObject();
        ids.append(app.value(QStringLiteral("id")).toString());
        for (const char* key : {"order_no", "status", "category", "holder", "updated_at"})
            QVERIFY2(!app.value(QLatin1String(key)).toString().isEmpty(), key);
    }
    ids.sort();
    QStringList expected {m_institutionId, m_personId};
    expected.sort();
    QCOMPARE(ids, expected);

    // The token opens exactly those, like their access tokens; another application is 404 (not 403).
    QCOMPARE(m_http->get(QStringLiteral("applications/") + m_institutionId, token).status, 200);
    QCOMPARE(m_http->get(QStringLiteral("applications/") + m_personId, token).status, 200);
    QCOMPARE(m_http->get(QStringLiteral("applications/") + m_otherId, token).status, 404);
    QCOMPARE(
        m_http->get(QStringLiteral("applications/") + m_otherId + QStringLiteral("/documents"), token).status,
        404);
    r = m_http->putBytes(
        QStringLiteral("applications/") + m_institutionId + QStringLiteral("/documents/id_card"),
        jpegImage(40, 30), QStringLiteral("image/jpeg"), token);
    QCOMPARE(r.status, 201);
    QCOMPARE(
        m_http->get(QStringLiteral("applications/") + m_institutionId + QStringLiteral("/documents"), token)
            .status,
        200);
    // Read with its access token (the one-statement read) and with the session (the read transaction that
    // also checks the mobile), the application is the same, uploaded document and timeline included.
    {
        const Reply byAccessToken
            = m_http->get(QStringLiteral("applications/") + m_institutionId, m_institutionToken);
        const Reply bySession = m_http->get(QStringLiteral("applications/") + m_institutionId, token);
        QCOMPARE(byAccessToken.status, 200);
        QCOMPARE(bySession.status, 200);
        QVERIFY(!byAccessToken.json().value(QStringLiteral("timeline")).toArray().isEmpty());
        QCOMPARE(byAccessToken.json()
                     .value(QStringLiteral("checklist"))
                     .toObject()
                     .value(QStringLiteral("documents"))
                     .toObject()
                     .value(QStringLiteral("id_card"))
                     .toString(),
            QStringLiteral("uploaded"));
        QCOMPARE(byAccessToken.json(), bySession.json());
    }
    // The other number's session does not open this number's applications.
    const QString otherToken = signIn(kOtherMobile);
    QVERIFY(!otherToken.isEmpty());
    QCOMPARE(m_http->get(QStringLiteral("applications/") + m_institutionId, otherToken).status, 404);
    QCOMPARE(m_http->get(QStringLiteral("applications/") + m_otherId, otherToken).status, 200);

    // The token is stored hashed only.
    {
        QFile db(m_dir.filePath(QStringLiteral("data/certdesk.db")));
        QVERIFY(db.open(QIODevice::ReadOnly));
        QVERIFY(!db.readAll().contains(token.toLatin1()));
        QFile wal(m_dir.filePath(QStringLiteral("data/certdesk.db-wal")));
        if (wal.open(QIODevice::ReadOnly))
            QVERIFY(!wal.readAll().contains(token.toLatin1()));
    }

    // Sign-out: 204, then the token is dead everywhere.
    QCOMPARE(m_http->del(QStringLiteral("applicant/sessions"), token).status, 204);
    QCOMPARE(m_http->get(QStringLiteral("applicant/applications"), token).status, 401);
    QCOMPARE(m_http->get(QStringLiteral("applications/") + m_institutionId, token).status, 404);
    QCOMPARE(m_http->del(QStringLiteral("applicant/sessions"), token).status, 401);
    QCOMPARE(m_http->get(QStringLiteral("applicant/applications")).status, 401);
    // The access token still works as before.
    QCOMPARE(m_http->get(QStringLiteral("applications/") + m_institutionId, m_institutionToken).status, 200);
    QCOMPARE(m_http->del(QStringLiteral("applicant/sessions"), otherToken).status, 204);
}

void TestServerApplicant::resendIntervalAndHourlyLimits()
{
    const QString mobile = QStringLiteral("13600136000");
    QCOMPARE(requestCode(mobile).status, 202);
    const QString first = latestCode(mobile);
    // Before resend_after: 429 with a Retry-After of at most 60 s.
    Reply r = requestCode(mobile);
    QCOMPARE(r.status, 429);
    QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
    const int wait = r.header("Retry-After").toInt();
    QVERIFY2(wait >= 1 && wait <= 60, qPrintable(r.header("Retry-After")));

    // After the interval a new code replaces the old one.
    const auto pastInterval = [this, &mobile] {
        sql(QStringLiteral("UPDATE applicant_codes SET resend_after = ? WHERE mobile = ?"),
            {QDateTime::currentDateTimeUtc().addSecs(-1).toString(Qt::ISODate), mobile});
    };
    pastInterval();
    QCOMPARE(requestCode(mobile).status, 202);
    const QString second = latestCode(mobile);
    if (second != first) {
        r = m_http->post(QStringLiteral("applicant/sessions"),
            QJsonObject {{QStringLiteral("mobile"), mobile}, {QStringLiteral("code"), first}});
        QCOMPARE(r.status, 401);
    }

    // Five codes per mobile per hour: the sixth is refused even after the interval, for most of the hour.
    for (int i = 0; i < 3; ++i) {
        pastInterval();
        QCOMPARE(requestCode(mobile).status, 202);
    }
    pastInterval();
    r = requestCode(mobile);
    QCOMPARE(r.status, 429);
    QVERIFY2(r.header("Retry-After").toInt() > 3000, qPrintable(r.header("Retry-After")));
    // The budget is in the database: once the hour has passed (moved back), the mobile may ask again.
    sql(QStringLiteral("UPDATE applicant_code_requests SET requested_at = ?"),
        {QDateTime::currentDateTimeUtc().addSecs(-3601).toString(Qt::ISODate)});
    QCOMPARE(requestCode(mobile).status, 202);

    // Ten codes per address per hour, whatever the numbers: 1 above + 9 more numbers, then 429.
    sql(QStringLiteral("DELETE FROM applicant_code_requests"));
    QCOMPARE(requestCode(QStringLiteral("13500135000")).status, 202);
    for (int i = 1; i < 10; ++i)
        QCOMPARE(requestCode(QStringLiteral("1350013500") + QString::number(i)).status, 202);
    r = requestCode(QStringLiteral("13400134000"));
    QCOMPARE(r.status, 429);
    QVERIFY(r.header("Retry-After").toInt() > 3000);
    // No SMS went out for the refused request.
    QVERIFY(latestCode(QStringLiteral("13400134000")).isEmpty());
}

void TestServerApplicant::fiveWrongCodesBurnTheCode()
{
    const QString mobile = QString::fromLatin1(kAgentMobile);
    QCOMPARE(requestCode(mobile).status, 202);
    const QString code = latestCode(mobile);
    const QString wrong
        = code == QStringLiteral("111111") ? QStringLiteral("222222") : QStringLiteral("111111");
    for (int i = 0; i < 5; ++i) {
        const Reply r = m_http->post(QStringLiteral("applicant/sessions"),
            QJsonObject {{QStringLiteral("mobile"), mobile}, {QStringLiteral("code"), wrong}});
        QCOMPARE(r.status, 401);
    }
    const Reply r = m_http->post(QStringLiteral("applicant/sessions"),
        QJsonObject {{QStringLiteral("mobile"), mobile}, {QStringLiteral("code"), code}});
    QCOMPARE(r.status, 401);
    // Four wrong tries leave the code usable.
    sql(QStringLiteral("UPDATE applicant_codes SET resend_after = ? WHERE mobile = ?"),
        {QDateTime::currentDateTimeUtc().addSecs(-1).toString(Qt::ISODate), mobile});
    QCOMPARE(requestCode(mobile).status, 202);
    const QString fresh = latestCode(mobile);
    const QString wrong2
        = fresh == QStringLiteral("111111") ? QStringLiteral("222222") : QStringLiteral("111111");
    for (int i = 0; i < 4; ++i)
        QCOMPARE(m_http
                     ->post(QStringLiteral("applicant/sessions"),
                         QJsonObject {{QStringLiteral("mobile"), mobile}, {QStringLiteral("code"), wrong2}})
                     .status,
            401);
    const Reply ok = m_http->post(QStringLiteral("applicant/sessions"),
        QJsonObject {{QStringLiteral("mobile"), mobile}, {QStringLiteral("code"), fresh}});
    QCOMPARE(ok.status, 201);
    QCOMPARE(
        m_http->del(QStringLiteral("applicant/sessions"), ok.json().value(QStringLiteral("token")).toString())
            .status,
        204);
}

void TestServerApplicant::expiredCodeAndBadInput()
{
    const QString mobile = QString::fromLatin1(kAgentMobile);
    QCOMPARE(requestCode(mobile).status, 202);
    const QString code = latestCode(mobile);
    sql(QStringLiteral("UPDATE applicant_codes SET expires_at = ? WHERE mobile = ?"),
        {QDateTime::currentDateTimeUtc().addSecs(-1).toString(Qt::ISODate), mobile});
    Reply r = m_http->post(QStringLiteral("applicant/sessions"),
        QJsonObject {{QStringLiteral("mobile"), mobile}, {QStringLiteral("code"), code}});
    QCOMPARE(r.status, 401);

    r = requestCode(QStringLiteral("12345"));
    QCOMPARE(r.status, 422);
    QVERIFY(r.fieldCodes().join(QLatin1Char(' ')).startsWith(QStringLiteral("mobile:")));
    r = m_http->post(QStringLiteral("applicant/otp"), QJsonObject {});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("mobile:required")});
    // A number without applications still gets 202 and an SMS (the answer tells nothing).
    QCOMPARE(requestCode(QStringLiteral("13300133000")).status, 202);
    QVERIFY(!latestCode(QStringLiteral("13300133000")).isEmpty());
    // A code for one number does not sign in another.
    r = m_http->post(QStringLiteral("applicant/sessions"),
        QJsonObject {{QStringLiteral("mobile"), kOtherMobile},
            {QStringLiteral("code"), latestCode(QStringLiteral("13300133000"))}});
    QCOMPARE(r.status, 401);
    QCOMPARE(
        m_http->get(QStringLiteral("applicant/applications"), QStringLiteral("not-a-token")).status, 401);
}

void TestServerApplicant::counterFindsAWalkInAndOpensItWithTheCode()
{
    const Reply login = m_http->post(QStringLiteral("staff/sessions"),
        QJsonObject {{QStringLiteral("username"), QStringLiteral("counter")},
            {QStringLiteral("password"), QStringLiteral("sandbox-counter")}});
    QCOMPARE(login.status, 200);
    const QString staff = login.json().value(QStringLiteral("token")).toString();
    const Reply one = m_http->get(QStringLiteral("applications/") + m_otherId, m_otherToken);
    const QString orderNo = one.json().value(QStringLiteral("order_no")).toString();
    QVERIFY(!orderNo.isEmpty());

    // By order number (any case): exactly that application, with the mobile to send the code to.
    Reply r = m_http->get(QStringLiteral("staff/applications?q=") + orderNo.toLower(), staff);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.array().size(), 1);
    QCOMPARE(r.array().first().toObject().value(QStringLiteral("id")).toString(), m_otherId);
    QCOMPARE(r.array().first().toObject().value(QStringLiteral("mobile")).toString(), kOtherMobile);
    // By mobile: that number's applications only.
    r = m_http->get(QStringLiteral("staff/applications?q=") + QString::fromLatin1(kAgentMobile), staff);
    QCOMPARE(r.status, 200);
    QStringList ids;
    for (const QJsonValue& v : r.array())
        ids.append(v.toObject().value(QStringLiteral("id")).toString());
    ids.sort();
    QStringList expected {m_institutionId, m_personId};
    expected.sort();
    QCOMPARE(ids, expected);
    QCOMPARE(m_http->get(QStringLiteral("staff/applications?q=CD000"), staff).array().size(), 0);
    QCOMPARE(m_http->get(QStringLiteral("staff/applications?q=") + orderNo).status, 401);

    // The applicant's consent: the code goes to their phone, they tell it to the clerk, the counter signs in.
    QCOMPARE(requestCode(kOtherMobile).status, 202);
    r = m_http->post(QStringLiteral("applicant/sessions"),
        QJsonObject {
            {QStringLiteral("mobile"), kOtherMobile}, {QStringLiteral("code"), latestCode(kOtherMobile)}});
    QCOMPARE(r.status, 201);
    const QString token = r.json().value(QStringLiteral("token")).toString();
    QCOMPARE(m_http->get(QStringLiteral("applications/") + m_otherId, token).status, 200);
    QCOMPARE(m_http->del(QStringLiteral("applicant/sessions"), token).status, 204);
}

void TestServerApplicant::sessionSurvivesRestart()
{
    const QString token = signIn(QString::fromLatin1(kAgentMobile));
    QVERIFY(!token.isEmpty());
    // The resend interval is in the database too: a restart does not reset it.
    QCOMPARE(requestCode(QString::fromLatin1(kAgentMobile)).status, 429);
    m_server.kill();
    QVERIFY2(m_server.start(m_dir.filePath(QStringLiteral("data"))), qPrintable(m_server.lastError()));
    m_http = std::make_unique<Http>(m_server.port());
    QCOMPARE(requestCode(QString::fromLatin1(kAgentMobile)).status, 429);
    QCOMPARE(m_http->get(QStringLiteral("applicant/applications"), token).status, 200);
    QCOMPARE(m_http->get(QStringLiteral("applications/") + m_personId, token).status, 200);
    QCOMPARE(m_http->del(QStringLiteral("applicant/sessions"), token).status, 204);
}

void TestServerApplicant::bankNameStaysWhenTheListDropsTheCode()
{
    const QString path = QStringLiteral("applications/") + m_institutionId;
    const QString branch = QStringLiteral("中国工商银行股份有限公司深圳南山支行");
    const auto bankOf = [&] {
        const Reply r = m_http->get(path, m_institutionToken);
        return r.status == 200 ? r.json().value(QStringLiteral("bank")).toObject() : QJsonObject();
    };
    QCOMPARE(bankOf().value(QStringLiteral("bank_code")).toString(), QStringLiteral("102584000022"));
    QCOMPARE(bankOf().value(QStringLiteral("bank_name")).toString(), branch);
    // A later bank list without this office (server/data/banks.SOURCE.md): the code is no longer listed, and
    // the name the list gave when the form was stored is what staff and the applicant still see.
    const QString unlisted = QStringLiteral("102584999999");
    QVERIFY(m_http->get(QStringLiteral("banks?q=") + unlisted).array().isEmpty());
    sql(QStringLiteral("UPDATE applications SET form = REPLACE(form, '102584000022', ?) WHERE id = ?"),
        {unlisted, m_institutionId});
    QCOMPARE(bankOf().value(QStringLiteral("bank_code")).toString(), unlisted);
    QCOMPARE(bankOf().value(QStringLiteral("bank_name")).toString(), branch);
}

QTEST_GUILESS_MAIN(TestServerApplicant)
#include "tst_server_applicant.moc"
