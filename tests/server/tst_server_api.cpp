// certdesk-server over plain HTTP: reference data, lookup, applications, idempotency, tokens and roles, and
// the error codes of the contract (../shared/API.md).
#include "ServerHarness.h"
#include "TestEnvironment.h"

#include "pki/LegacyRsaCa.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace certdesk::servertest;
using certdesk::test::fixEnvironment;

class TestServerApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void health();
    void config();
    void banks();
    void agreementSampleAndAcceptedVersion();
    void agreementConfiguredByTheCa();
    void lookupFound();
    void lookupErrors();
    void lookupWindowEdges_data();
    void lookupWindowEdges();
    void lookupRateLimit();
    void createValid();
    void createInvalidListsEveryField();
    void createNotRenewable();
    void createWithProof();
    void idempotency();
    void applicantTokens();
    void staffAuthentication();
    void malformedInputStoresNothing();
    void putAndResubmitRules();
    void sandboxOnlyWithFlag();
    void publicUrlRequiredOutsideSandbox();
    void concurrentRequests();

private:
    [[nodiscard]] QString staffToken(const QString& user, const QString& password);
    [[nodiscard]] int applicationCount();

    QTemporaryDir m_dir;
    ServerProcess m_server;
    std::unique_ptr<Http> m_http;
    Legacy m_institution;
    Legacy m_person;
};

void TestServerApi::initTestCase()
{
    fixEnvironment();
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(m_dir.filePath(QStringLiteral("data"))), qPrintable(m_server.lastError()));
    m_http = std::make_unique<Http>(m_server.port());
    m_institution = firstRenewable(*m_http, QStringLiteral("institution"));
    m_person = firstRenewable(*m_http, QStringLiteral("natural_person"));
    QVERIFY(!m_institution.serial.isEmpty());
    QVERIFY(!m_person.serial.isEmpty());
}

QString TestServerApi::staffToken(const QString& user, const QString& password)
{
    const Reply r = m_http->post(QStringLiteral("staff/sessions"),
        QJsonObject {{QStringLiteral("username"), user}, {QStringLiteral("password"), password}});
    return r.json().value(QStringLiteral("token")).toString();
}

int TestServerApi::applicationCount()
{
    const QString token = staffToken(QStringLiteral("reviewer"), QStringLiteral("sandbox-reviewer"));
    return int(m_http->get(QStringLiteral("staff/applications"), token).array().size());
}

void TestServerApi::health()
{
    const Reply r = m_http->get(QStringLiteral("health"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(r.json().value(QStringLiteral("api_version")).toInt(), 1);
    QCOMPARE(r.json().value(QStringLiteral("sandbox")).toBool(), true);
}

void TestServerApi::config()
{
    const Reply r = m_http->get(QStringLiteral("config"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("max_document_bytes")).toInteger(), 5242880);
    const QJsonArray types = r.json().value(QStringLiteral("accepted_types")).toArray();
    for (const char* type : {"image/jpeg", "image/bmp", "image/gif", "image/png", "application/pdf"})
        QVERIFY2(types.contains(QString::fromLatin1(type)), type);
    QVERIFY(r.json().value(QStringLiteral("fees")).isObject());
    QVERIFY(!r.json().value(QStringLiteral("contact")).toObject().isEmpty());
}

void TestServerApi::banks()
{
    // 工商 (ICBC), percent-encoded UTF-8.
    const QString keyword = QString::fromUtf8(QByteArray::fromPercentEncoding("%E5%B7%A5%E5%95%86"));
    const Reply r = m_http->get(QStringLiteral("banks?q=%E5%B7%A5%E5%95%86&limit=5"));
    QCOMPARE(r.status, 200);
    const QJsonArray list = r.array();
    QCOMPARE(list.size(), 5);
    for (const QJsonValue& v : list) {
        QVERIFY(v.toObject().value(QStringLiteral("name")).toString().contains(keyword));
        QVERIFY(!v.toObject().value(QStringLiteral("code")).toString().isEmpty());
    }
    const Reply all = m_http->get(QStringLiteral("banks?q=%E5%B7%A5%E5%95%86&limit=100"));
    bool nanshan = false;
    // 中国工商银行股份有限公司深圳南山支行
    const QString branch = QString::fromUtf8(
        QByteArray::fromPercentEncoding("%E4%B8%AD%E5%9B%BD%E5%B7%A5%E5%95%86%E9%93%B6%E8%A1%8C%E8%82%A1%E4%"
                                        "BB%BD%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8"
                                        "%E6%B7%B1%E5%9C%B3%E5%8D%97%E5%B1%B1%E6%94%AF%E8%A1%8C"));
    for (const QJsonValue& v : all.array())
        nanshan = nanshan || v.toObject().value(QStringLiteral("name")).toString() == branch;
    QVERIFY(nanshan);
    QCOMPARE(m_http->get(QStringLiteral("banks?q=%E5%B7%A5%E5%95%86&limit=-1")).status, 400);
}

void TestServerApi::agreementSampleAndAcceptedVersion()
{
    // Without [agreement] the service serves its built-in sample, marked as one in the answer and in the
    // text.
    const Reply r = m_http->get(QStringLiteral("agreement"));
    QCOMPARE(r.status, 200);
    const QJsonObject doc = r.json();
    QCOMPARE(doc.value(QStringLiteral("version")).toString(), QStringLiteral("sample-2026-1"));
    QCOMPARE(doc.value(QStringLiteral("sample")).toBool(), true);
    const QString html = doc.value(QStringLiteral("html")).toString();
    QVERIFY(html.startsWith(QStringLiteral("<p style=\"color:#b71c1c\"><b>样例文本")));
    for (const char* article : {"第一条", "第四条", "第八条"})
        QVERIFY2(html.contains(QString::fromUtf8(article)), article);
    QCOMPARE(doc.value(QStringLiteral("sha256")).toString(),
        QString::fromLatin1(QCryptographicHash::hash(html.toUtf8(), QCryptographicHash::Sha256).toHex()));

    // The version accepted is stored with the acknowledgement and comes back with it.
    QJsonObject body = institutionBody(m_institution.serial, m_institution.holder,
        m_institution.credentialNumber, QStringLiteral("institution"), 1);
    QJsonObject ack = body.value(QStringLiteral("acknowledgements")).toObject();
    ack.insert(QStringLiteral("agreement_version"), QStringLiteral("2025-old"));
    body.insert(QStringLiteral("acknowledgements"), ack);
    const Reply outdated = m_http->post(QStringLiteral("applications"), body);
    QCOMPARE(outdated.status, 422);
    bool named = false;
    for (const QJsonValue& f :
        outdated.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("fields")).toArray()) {
        named = named
            || (f.toObject().value(QStringLiteral("field")).toString()
                    == QLatin1String("acknowledgements.agreement_version")
                && f.toObject().value(QStringLiteral("code")).toString() == QLatin1String("outdated"));
    }
    QVERIFY2(named, outdated.body.constData());

    ack.insert(QStringLiteral("agreement_version"), QStringLiteral("sample-2026-1"));
    body.insert(QStringLiteral("acknowledgements"), ack);
    const Reply created = m_http->post(QStringLiteral("applications"), body);
    QCOMPARE(created.status, 201);
    const Reply got
        = m_http->get(QStringLiteral("applications/") + created.json().value(QStringLiteral("id")).toString(),
            created.json().value(QStringLiteral("access_token")).toString());
    QCOMPARE(got.status, 200);
    const QJsonObject stored = got.json().value(QStringLiteral("acknowledgements")).toObject();
    QCOMPARE(stored.value(QStringLiteral("agreement_version")).toString(), QStringLiteral("sample-2026-1"));
    QVERIFY(!stored.value(QStringLiteral("acknowledged_at")).toString().isEmpty());
    // The bank comes back by name as well as by code.
    QCOMPARE(
        got.json().value(QStringLiteral("bank")).toObject().value(QStringLiteral("bank_name")).toString(),
        QString::fromUtf8(QByteArray::fromPercentEncoding(
            "%E4%B8%AD%E5%9B%BD%E5%B7%A5%E5%95%86%E9%93%B6%E8%A1%8C%E8%82%A1%E4%BB%BD%E6%9C%89%E9%99%90%E5%"
            "85%AC"
            "%E5%8F%B8%E6%B7%B1%E5%9C%B3%E5%8D%97%E5%B1%B1%E6%94%AF%E8%A1%8C")));
}

void TestServerApi::agreementConfiguredByTheCa()
{
    QTemporaryDir dir;
    const QString text = QStringLiteral("<h3>Agreement of the test CA</h3><p>Version two.</p>");
    QFile file(dir.filePath(QStringLiteral("agreement.html")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
    file.close();
    const auto writeConfig = [&dir](const QString& body) {
        QFile config(dir.filePath(QStringLiteral("server.conf")));
        if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return QString();
        config.write(body.toUtf8());
        return config.fileName();
    };
    ServerProcess server;
    QVERIFY2(server.start(dir.filePath(QStringLiteral("data")),
                 {QStringLiteral("--config"),
                     writeConfig(QStringLiteral("[agreement]\nfile = agreement.html\nversion = 2026-02\n"))}),
        qPrintable(server.lastError()));
    Http http(server.port());
    const Reply r = http.get(QStringLiteral("agreement"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("version")).toString(), QStringLiteral("2026-02"));
    QCOMPARE(r.json().value(QStringLiteral("html")).toString(), text);
    QCOMPARE(r.json().value(QStringLiteral("sample")).toBool(), false);
    QCOMPARE(server.terminate(), 0);

    // A file without its version, or one that cannot be read, stops the start.
    for (const QString& config : {QStringLiteral("[agreement]\nfile = agreement.html\n"),
             QStringLiteral("[agreement]\nfile = missing.html\nversion = 1\n")}) {
        QProcess bad;
        bad.start(QStringLiteral(CERTDESK_SERVER_BINARY),
            {QStringLiteral("--sandbox"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")),
                QStringLiteral("--config"), writeConfig(config)});
        QVERIFY(bad.waitForFinished(30000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY2(bad.readAllStandardError().contains("[agreement]"), qPrintable(config));
    }
}

void TestServerApi::lookupFound()
{
    // Case and separators do not matter.
    QString typed = m_institution.serial.toLower();
    typed.insert(2, QLatin1Char(':'));
    const Reply r = m_http->post(
        QStringLiteral("certificates/lookup"), QJsonObject {{QStringLiteral("serial"), typed}});
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("serial")).toString(), m_institution.serial);
    QCOMPARE(o.value(QStringLiteral("category")).toString(), QStringLiteral("institution"));
    QCOMPARE(o.value(QStringLiteral("renewable")).toBool(), true);
    QVERIFY(o.value(QStringLiteral("reason")).isNull());
    QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("valid"));
    QCOMPARE(o.value(QStringLiteral("algorithm")).toString(), QStringLiteral("RSA-2048"));
    QCOMPARE(o.value(QStringLiteral("fee_per_year_fen")).toInteger(), 36000);
    QCOMPARE(o.value(QStringLiteral("express_fen")).toInteger(), 0);
    QVERIFY(o.value(QStringLiteral("max_years")).toInt() >= 1);
    const QString holder = o.value(QStringLiteral("holder")).toString();
    QVERIFY(holder.contains(QStringLiteral("**")));
    QVERIFY(holder != m_institution.holder);
    QCOMPARE(QByteArray::fromBase64(o.value(QStringLiteral("challenge")).toString().toLatin1()).size(), 32);
    const QDateTime expires
        = QDateTime::fromString(o.value(QStringLiteral("challenge_expires_at")).toString(), Qt::ISODate);
    QVERIFY(expires > QDateTime::currentDateTimeUtc());
    // Renewing early: the new validity starts at the old expiry.
    QCOMPARE(o.value(QStringLiteral("new_validity_start")).toString(),
        o.value(QStringLiteral("not_after")).toString());
    // A leading zero octet (DER's sign padding, as some tools print serials) names the same certificate.
    const Reply padded = m_http->post(QStringLiteral("certificates/lookup"),
        QJsonObject {{QStringLiteral("serial"), QString(QStringLiteral("00 ") + m_institution.serial)}});
    QCOMPARE(padded.status, 200);
    QCOMPARE(padded.json().value(QStringLiteral("serial")).toString(), m_institution.serial);
    // Two lookups, two different challenges.
    const Reply again = m_http->post(
        QStringLiteral("certificates/lookup"), QJsonObject {{QStringLiteral("serial"), typed}});
    QVERIFY(again.json().value(QStringLiteral("challenge")) != o.value(QStringLiteral("challenge")));
}

void TestServerApi::lookupErrors()
{
    const Reply unknown = m_http->post(QStringLiteral("certificates/lookup"),
        QJsonObject {{QStringLiteral("serial"), QStringLiteral("0123456789ABCDEF")}});
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.errorCode(), QStringLiteral("not_found"));
    const Reply malformed = m_http->postRaw(
        QStringLiteral("certificates/lookup"), "{\"serial\": ", QStringLiteral("application/json"));
    QCOMPARE(malformed.status, 400);
    QCOMPARE(malformed.errorCode(), QStringLiteral("bad_request"));
    // Text that cannot be a serial is an unknown serial too.
    QCOMPARE(m_http
                 ->post(QStringLiteral("certificates/lookup"),
                     QJsonObject {{QStringLiteral("serial"), QStringLiteral("not hex!")}})
                 .status,
        404);
    const Reply wrongType
        = m_http->post(QStringLiteral("certificates/lookup"), QJsonObject {{QStringLiteral("serial"), 12}});
    QCOMPARE(wrongType.status, 422);
    QCOMPARE(wrongType.errorCode(), QStringLiteral("validation_failed"));
}

void TestServerApi::lookupWindowEdges_data()
{
    QTest::addColumn<int>("days");
    QTest::addColumn<bool>("renewable");
    QTest::addColumn<QString>("status");
    QTest::newRow("89 days before expiry") << 89 << true << QStringLiteral("valid");
    QTest::newRow("91 days before expiry") << 91 << false << QStringLiteral("valid");
    QTest::newRow("expired 364 days ago") << -364 << true << QStringLiteral("expired");
    QTest::newRow("expired 366 days ago") << -366 << false << QStringLiteral("expired");
}

void TestServerApi::lookupWindowEdges()
{
    QFETCH(int, days);
    QFETCH(bool, renewable);
    QFETCH(QString, status);
    const QDateTime notAfter = QDateTime::currentDateTimeUtc().addDays(days);
    const Legacy minted = mintLegacy(*m_http, QStringLiteral("natural_person"), QStringLiteral("Li Na"),
        QStringLiteral("110108199001010028"), notAfter);
    QVERIFY(!minted.serial.isEmpty());
    const Reply r = m_http->post(
        QStringLiteral("certificates/lookup"), QJsonObject {{QStringLiteral("serial"), minted.serial}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("renewable")).toBool(), renewable);
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), status);
    QCOMPARE(r.json().value(QStringLiteral("reason")).isNull(), renewable);
    if (!renewable)
        QVERIFY(!r.json().value(QStringLiteral("reason")).toString().isEmpty());
    const QDateTime start
        = QDateTime::fromString(r.json().value(QStringLiteral("new_validity_start")).toString(), Qt::ISODate);
    if (days > 0)
        QCOMPARE(start,
            QDateTime::fromString(r.json().value(QStringLiteral("not_after")).toString(), Qt::ISODate));
    else
        QVERIFY(
            qAbs(start.secsTo(QDateTime::currentDateTimeUtc())) < 120); // late renewal: starts at issuance
}

void TestServerApi::lookupRateLimit()
{
    QTemporaryDir dir;
    ServerProcess limited;
    QVERIFY2(limited.start(dir.filePath(QStringLiteral("data")),
                 {QStringLiteral("--lookup-rate-limit"), QStringLiteral("3")}),
        qPrintable(limited.lastError()));
    Http http(limited.port());
    const QJsonObject body {{QStringLiteral("serial"), QStringLiteral("ABCDEF")}};
    for (int i = 0; i < 3; ++i)
        QCOMPARE(http.post(QStringLiteral("certificates/lookup"), body).status, 404);
    const Reply r = http.post(QStringLiteral("certificates/lookup"), body);
    QCOMPARE(r.status, 429);
    QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
    QVERIFY(r.header("Retry-After").toInt() >= 1);
    // Other endpoints are not limited.
    QCOMPARE(http.get(QStringLiteral("health")).status, 200);
    QCOMPARE(limited.terminate(), 0);
}

void TestServerApi::createValid()
{
    const QJsonObject body = institutionBody(m_institution.serial, m_institution.holder,
        m_institution.credentialNumber, QStringLiteral("institution"), 2);
    const Reply r = m_http->post(QStringLiteral("applications"), body);
    QCOMPARE(r.status, 201);
    const QJsonObject o = r.json();
    QVERIFY(!o.value(QStringLiteral("id")).toString().isEmpty());
    QVERIFY(!o.value(QStringLiteral("order_no")).toString().isEmpty());
    QVERIFY(o.value(QStringLiteral("access_token")).toString().size() >= 43); // 256 bits
    QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("draft"));
    const QJsonObject fees = o.value(QStringLiteral("fees")).toObject();
    QCOMPARE(fees.value(QStringLiteral("certificate_fen")).toInteger(), 72000);
    QCOMPARE(fees.value(QStringLiteral("express_fen")).toInteger(), 0);
    QCOMPARE(fees.value(QStringLiteral("total_fen")).toInteger(), 72000);
    QCOMPARE(o.value(QStringLiteral("holder_verified")).toBool(), false);
    const QJsonObject checklist = o.value(QStringLiteral("checklist")).toObject();
    QCOMPARE(checklist.value(QStringLiteral("form")).toString(), QStringLiteral("complete"));
    QCOMPARE(checklist.value(QStringLiteral("documents"))
                 .toObject()
                 .value(QStringLiteral("business_license"))
                 .toString(),
        QStringLiteral("missing"));
    QCOMPARE(checklist.value(QStringLiteral("liveness")).toString(), QStringLiteral("pending"));
    QCOMPARE(checklist.value(QStringLiteral("payment")).toString(), QStringLiteral("unpaid"));

    const QString id = o.value(QStringLiteral("id")).toString();
    const Reply got = m_http->get(
        QStringLiteral("applications/") + id, o.value(QStringLiteral("access_token")).toString());
    QCOMPARE(got.status, 200);
    const QJsonObject app = got.json();
    QCOMPARE(app.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(app.value(QStringLiteral("status")).toString(), QStringLiteral("draft"));
    QCOMPARE(app.value(QStringLiteral("years")).toInt(), 2);
    QCOMPARE(app.value(QStringLiteral("organization")).toObject().value(QStringLiteral("name")).toString(),
        m_institution.holder);
    QCOMPARE(app.value(QStringLiteral("agent")).toObject().value(QStringLiteral("mobile")).toString(),
        QString::fromLatin1(kAgentMobile));
    QVERIFY(app.value(QStringLiteral("rejection")).isNull());
    QVERIFY(app.value(QStringLiteral("shipment")).isNull());
    const QJsonArray timeline = app.value(QStringLiteral("timeline")).toArray();
    QCOMPARE(timeline.size(), 1);
    QCOMPARE(timeline.at(0).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("draft"));
    QVERIFY(!timeline.at(0).toObject().value(QStringLiteral("at")).toString().isEmpty());
}

void TestServerApi::createInvalidListsEveryField()
{
    QJsonObject body
        = institutionBody(m_institution.serial, m_institution.holder, m_institution.credentialNumber);
    body.insert(QStringLiteral("years"), 9);
    body.insert(QStringLiteral("acknowledgements"), QJsonObject {{QStringLiteral("agreement"), true}});
    QJsonObject org = body.value(QStringLiteral("organization")).toObject();
    org.insert(
        QStringLiteral("credential_number"), QStringLiteral("91440305MA5F123420")); // wrong check character
    body.insert(QStringLiteral("organization"), org);
    QJsonObject agent = body.value(QStringLiteral("agent")).toObject();
    agent.insert(QStringLiteral("mobile"), QStringLiteral("13900000001")); // registered to another ID number
    agent.insert(QStringLiteral("email"), QStringLiteral("not-an-email"));
    body.insert(QStringLiteral("agent"), agent);
    QJsonObject bank = body.value(QStringLiteral("bank")).toObject();
    bank.insert(QStringLiteral("bank_code"), QStringLiteral("999999999999"));
    body.insert(QStringLiteral("bank"), bank);
    QJsonObject mailing = body.value(QStringLiteral("mailing")).toObject();
    mailing.insert(
        QStringLiteral("county_code"), QStringLiteral("110108")); // a Beijing county under Shenzhen
    body.insert(QStringLiteral("mailing"), mailing);
    body.insert(QStringLiteral("unknown_field"), QStringLiteral("ignored"));

    const int before = applicationCount();
    const Reply r = m_http->post(QStringLiteral("applications"), body);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QStringLiteral("validation_failed"));
    const QStringList fields = r.fieldCodes();
    for (const char* expected : {"years:range", "acknowledgements.old_certificate_revocation:required",
             "organization.credential_number:checksum", "agent.mobile:realname_mismatch",
             "bank.bank_code:unknown", "mailing.county_code:nesting"}) {
        QVERIFY2(fields.contains(QString::fromLatin1(expected)), qPrintable(fields.join(QLatin1Char(' '))));
    }
    bool email = false;
    for (const QString& f : fields)
        email = email || f.startsWith(QLatin1String("agent.email:"));
    QVERIFY(email);
    for (const QJsonValue& f :
        r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("fields")).toArray())
        QVERIFY(!f.toObject().value(QStringLiteral("message")).toString().isEmpty());

    // An ID number with a wrong check digit.
    QJsonObject person = naturalPersonBody(
        m_person.serial, QString::fromLatin1(kAgentName), QStringLiteral("440305198503120011"));
    const Reply checksum = m_http->post(QStringLiteral("applications"), person);
    QCOMPARE(checksum.status, 422);
    QVERIFY2(checksum.fieldCodes().contains(QStringLiteral("applicant.id_number:checksum")),
        qPrintable(checksum.fieldCodes().join(QLatin1Char(' '))));
    QCOMPARE(applicationCount(), before); // nothing stored
}

void TestServerApi::createNotRenewable()
{
    for (const Legacy& l : legacyCertificates(*m_http)) {
        if (l.renewable || l.category == QLatin1String("natural_person"))
            continue;
        const Reply r = m_http->post(QStringLiteral("applications"),
            institutionBody(l.serial, l.holder, l.credentialNumber, l.category));
        QCOMPARE(r.status, 422);
        QCOMPARE(r.errorCode(), QStringLiteral("not_renewable"));
        return;
    }
    QFAIL("no seeded certificate outside the renewal window");
}

void TestServerApi::createWithProof()
{
    const Legacy minted = mintLegacy(*m_http, QStringLiteral("natural_person"), QStringLiteral("Chen Jing"),
        QStringLiteral("440305199202200045"), QDateTime::currentDateTimeUtc().addDays(30));
    const Reply lookup = m_http->post(
        QStringLiteral("certificates/lookup"), QJsonObject {{QStringLiteral("serial"), minted.serial}});
    const QByteArray challenge
        = QByteArray::fromBase64(lookup.json().value(QStringLiteral("challenge")).toString().toLatin1());
    const auto signature
        = certdesk::pki::LegacyRsaCa::signChallenge(certdesk::pki::SecureBytes(minted.privateKey), challenge);
    QVERIFY(signature.hasValue());

    QJsonObject body
        = naturalPersonBody(minted.serial, QString::fromLatin1(kAgentName), QString::fromLatin1(kAgentId));
    QByteArray wrong = *signature;
    wrong[10] = char(wrong[10] ^ 0x01);
    body.insert(QStringLiteral("proof"),
        QJsonObject {{QStringLiteral("challenge"), QString::fromLatin1(challenge.toBase64())},
            {QStringLiteral("certificate"), QString::fromLatin1(minted.certificate.toBase64())},
            {QStringLiteral("signature"), QString::fromLatin1(wrong.toBase64())}});
    const Reply bad = m_http->post(QStringLiteral("applications"), body);
    QCOMPARE(bad.status, 422);
    QCOMPARE(bad.fieldCodes(), QStringList {QStringLiteral("proof:invalid")});

    QJsonObject proof = body.value(QStringLiteral("proof")).toObject();
    proof.insert(QStringLiteral("signature"), QString::fromLatin1(signature->toBase64()));
    body.insert(QStringLiteral("proof"), proof);
    const Reply good = m_http->post(QStringLiteral("applications"), body);
    QCOMPARE(good.status, 201);
    QCOMPARE(good.json().value(QStringLiteral("holder_verified")).toBool(), true);
    // A challenge proves possession once.
    const Reply replayed = m_http->post(QStringLiteral("applications"), body);
    QCOMPARE(replayed.status, 422);
    QCOMPARE(replayed.fieldCodes(), QStringList {QStringLiteral("proof:invalid")});
}

void TestServerApi::idempotency()
{
    const QJsonObject body
        = naturalPersonBody(m_person.serial, QString::fromLatin1(kAgentName), QString::fromLatin1(kAgentId));
    const Reply first = m_http->post(QStringLiteral("applications"), body, {}, QStringLiteral("key-1"));
    QCOMPARE(first.status, 201);
    const Reply second = m_http->post(QStringLiteral("applications"), body, {}, QStringLiteral("key-1"));
    QCOMPARE(second.status, 201);
    QCOMPARE(second.json(), first.json()); // same ids, same token
    QJsonObject changed = body;
    changed.insert(QStringLiteral("years"), 2);
    const Reply conflict = m_http->post(QStringLiteral("applications"), changed, {}, QStringLiteral("key-1"));
    QCOMPARE(conflict.status, 409);
    QCOMPARE(conflict.errorCode(), QStringLiteral("conflict"));
    const Reply other = m_http->post(QStringLiteral("applications"), body, {}, QStringLiteral("key-2"));
    QCOMPARE(other.status, 201);
    QVERIFY(other.json().value(QStringLiteral("id")) != first.json().value(QStringLiteral("id")));
    // The replayed token works.
    QCOMPARE(m_http
                 ->get(QStringLiteral("applications/") + first.json().value(QStringLiteral("id")).toString(),
                     second.json().value(QStringLiteral("access_token")).toString())
                 .status,
        200);
}

void TestServerApi::applicantTokens()
{
    const QJsonObject body
        = naturalPersonBody(m_person.serial, QString::fromLatin1(kAgentName), QString::fromLatin1(kAgentId));
    const QJsonObject a = m_http->post(QStringLiteral("applications"), body).json();
    const QJsonObject b = m_http->post(QStringLiteral("applications"), body).json();
    const QString idA = a.value(QStringLiteral("id")).toString();
    const QString idB = b.value(QStringLiteral("id")).toString();
    const QString tokenA = a.value(QStringLiteral("access_token")).toString();
    QCOMPARE(m_http->get(QStringLiteral("applications/") + idA).status, 401);
    QCOMPARE(m_http->get(QStringLiteral("applications/") + idA).errorCode(), QStringLiteral("unauthorized"));
    QCOMPARE(m_http->get(QStringLiteral("applications/") + idA, QStringLiteral("not-a-token")).status, 404);
    // A token for one application never opens another: 404, exactly as for an id that does not exist.
    const Reply other = m_http->get(QStringLiteral("applications/") + idB, tokenA);
    QCOMPARE(other.status, 404);
    QCOMPARE(other.errorCode(), QStringLiteral("not_found"));
    QCOMPARE(m_http->get(QStringLiteral("applications/0000/documents"), tokenA).status, 404);
    QCOMPARE(m_http
                 ->putBytes(QStringLiteral("applications/") + idB + QStringLiteral("/documents/id_card"),
                     pngImage(), QStringLiteral("image/png"), tokenA)
                 .status,
        404);
    // Staff tokens are not applicant tokens.
    const QString staff = staffToken(QStringLiteral("reviewer"), QStringLiteral("sandbox-reviewer"));
    QCOMPARE(m_http->get(QStringLiteral("applications/") + idA, staff).status, 404);
}

void TestServerApi::staffAuthentication()
{
    const Reply wrong = m_http->post(QStringLiteral("staff/sessions"),
        QJsonObject {{QStringLiteral("username"), QStringLiteral("reviewer")},
            {QStringLiteral("password"), QStringLiteral("nope")}});
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.errorCode(), QStringLiteral("unauthorized"));
    const Reply unknown = m_http->post(QStringLiteral("staff/sessions"),
        QJsonObject {{QStringLiteral("username"), QStringLiteral("nobody")},
            {QStringLiteral("password"), QStringLiteral("x")}});
    QCOMPARE(unknown.status, 401);

    const Reply session = m_http->post(QStringLiteral("staff/sessions"),
        QJsonObject {{QStringLiteral("username"), QStringLiteral("reviewer")},
            {QStringLiteral("password"), QStringLiteral("sandbox-reviewer")}});
    QCOMPARE(session.status, 200);
    QCOMPARE(
        session.json().value(QStringLiteral("roles")).toArray(), QJsonArray {QStringLiteral("reviewer")});
    QVERIFY(QDateTime::fromString(session.json().value(QStringLiteral("expires_at")).toString(), Qt::ISODate)
        > QDateTime::currentDateTimeUtc());
    const QString reviewer = session.json().value(QStringLiteral("token")).toString();

    QCOMPARE(m_http->get(QStringLiteral("staff/applications?status=in_review")).status, 401);
    QCOMPARE(
        m_http->get(QStringLiteral("staff/applications?status=in_review"), QStringLiteral("forged")).status,
        401);
    QCOMPARE(m_http->get(QStringLiteral("staff/applications?status=in_review"), reviewer).status, 200);
    // The reviewer may not confirm payments or issue (role counter): 403.
    const Reply forbidden = m_http->post(QStringLiteral("staff/payments/whatever/confirm"), {}, reviewer);
    QCOMPARE(forbidden.status, 403);
    QCOMPARE(forbidden.errorCode(), QStringLiteral("forbidden"));
    const QString counter = staffToken(QStringLiteral("counter"), QStringLiteral("sandbox-counter"));
    QCOMPARE(m_http->post(QStringLiteral("staff/applications/whatever/approve"), {}, counter).status, 403);
    QCOMPARE(m_http->post(QStringLiteral("staff/applications/whatever/approve"), {}, reviewer).status, 404);
}

void TestServerApi::malformedInputStoresNothing()
{
    const int before = applicationCount();
    const Reply notJson
        = m_http->postRaw(QStringLiteral("applications"), "serial=1", QStringLiteral("application/json"));
    QCOMPARE(notJson.status, 400);
    QCOMPARE(
        m_http->postRaw(QStringLiteral("applications"), "[1,2,3]", QStringLiteral("application/json")).status,
        400);
    QCOMPARE(
        m_http->postRaw(QStringLiteral("applications"), "", QStringLiteral("application/json")).status, 400);

    // Wrong types everywhere: 422 with "type", no crash.
    const QJsonObject wrongTypes {{QStringLiteral("serial"), QJsonArray {1}}, {QStringLiteral("category"), 5},
        {QStringLiteral("years"), QStringLiteral("3")},
        {QStringLiteral("acknowledgements"), QStringLiteral("yes")}, {QStringLiteral("agent"), QJsonArray {}},
        {QStringLiteral("mailing"), 1.5}, {QStringLiteral("proof"), QStringLiteral("x")}};
    const Reply types = m_http->post(QStringLiteral("applications"), wrongTypes);
    QCOMPARE(types.status, 422);
    QVERIFY(types.fieldCodes().contains(QStringLiteral("years:type")));
    QVERIFY(types.fieldCodes().contains(QStringLiteral("agent:type")));
    QVERIFY(types.fieldCodes().contains(QStringLiteral("proof:invalid")));

    // Huge strings: a field longer than allowed is 422; a body over 1 MiB is 413.
    QJsonObject huge
        = institutionBody(m_institution.serial, m_institution.holder, m_institution.credentialNumber);
    QJsonObject org = huge.value(QStringLiteral("organization")).toObject();
    org.insert(QStringLiteral("address"), QString(5000, QLatin1Char('x')));
    huge.insert(QStringLiteral("organization"), org);
    const Reply longField = m_http->post(QStringLiteral("applications"), huge);
    QCOMPARE(longField.status, 422);
    QVERIFY(longField.fieldCodes().contains(QStringLiteral("organization.address:length")));
    huge.insert(QStringLiteral("padding"), QString(2 * 1024 * 1024, QLatin1Char('y')));
    const Reply tooLarge = m_http->post(QStringLiteral("applications"), huge);
    QCOMPARE(tooLarge.status, 413);
    QCOMPARE(tooLarge.errorCode(), QStringLiteral("payload_too_large"));

    // Deeply nested and odd JSON.
    QByteArray deep(5000, '[');
    QCOMPARE(m_http->postRaw(QStringLiteral("applications"), deep, QStringLiteral("application/json")).status,
        400);
    QCOMPARE(m_http
                 ->postRaw(QStringLiteral("certificates/lookup"), "{\"serial\":\"\\u0000\"}",
                     QStringLiteral("application/json"))
                 .status,
        404);
    QCOMPARE(m_http->get(QStringLiteral("health")).status, 200); // still alive
    QCOMPARE(applicationCount(), before);
}

void TestServerApi::putAndResubmitRules()
{
    const QJsonObject body
        = institutionBody(m_institution.serial, m_institution.holder, m_institution.credentialNumber);
    const QJsonObject created = m_http->post(QStringLiteral("applications"), body).json();
    const QString path = QStringLiteral("applications/") + created.value(QStringLiteral("id")).toString();
    const QString token = created.value(QStringLiteral("access_token")).toString();

    QJsonObject changed = body;
    changed.insert(QStringLiteral("years"), 3);
    const Reply put = m_http->put(path, changed, token);
    QCOMPARE(put.status, 200);
    QCOMPARE(put.json().value(QStringLiteral("years")).toInt(), 3);
    QCOMPARE(
        put.json().value(QStringLiteral("fees")).toObject().value(QStringLiteral("total_fen")).toInteger(),
        108000);
    // PUT is validated like POST.
    QJsonObject bad = body;
    bad.insert(QStringLiteral("years"), 0);
    const Reply invalid = m_http->put(path, bad, token);
    QCOMPARE(invalid.status, 422);
    QVERIFY(invalid.fieldCodes().contains(QStringLiteral("years:range")));
    // Resubmit only from rejected.
    const Reply resubmit = m_http->post(path + QStringLiteral("/resubmit"), {}, token);
    QCOMPARE(resubmit.status, 409);
    QCOMPARE(resubmit.errorCode(), QStringLiteral("conflict"));
    // Paying needs documents and liveness first.
    const Reply pay = m_http->post(path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("wechat")}}, token);
    QCOMPARE(pay.status, 409);
}

void TestServerApi::sandboxOnlyWithFlag()
{
    QTemporaryDir dir;
    // Outside the sandbox the CA comes from `ca init` (its issuing key encrypted; passphrase from the
    // environment), never from the automatic training CA.
    QProcess init;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CERTDESK_ROOT_KEY_PASSPHRASE"), QStringLiteral("root passphrase"));
    environment.insert(QStringLiteral("CERTDESK_CA_KEY_PASSPHRASE"), QStringLiteral("issuing passphrase"));
    init.setProcessEnvironment(environment);
    init.setProcessChannelMode(QProcess::MergedChannels);
    init.start(QStringLiteral(CERTDESK_SERVER_BINARY),
        {QStringLiteral("ca"), QStringLiteral("init"), QStringLiteral("--data-dir"),
            dir.filePath(QStringLiteral("data")), QStringLiteral("--root-key"),
            dir.filePath(QStringLiteral("offline/root.key"))});
    QVERIFY(init.waitForFinished(30000));
    QVERIFY2(init.exitCode() == 0, init.readAll().constData());
    qputenv("CERTDESK_CA_KEY_PASSPHRASE", "issuing passphrase");
    ServerProcess plain;
    QVERIFY2(plain.start(dir.filePath(QStringLiteral("data")), {}, false), qPrintable(plain.lastError()));
    Http http(plain.port());
    QCOMPARE(http.get(QStringLiteral("health")).json().value(QStringLiteral("sandbox")).toBool(), false);
    QCOMPARE(http.get(QStringLiteral("sandbox/outbox")).status, 404);
    QCOMPARE(http.get(QStringLiteral("sandbox/legacy-certificates")).status, 404);
    QCOMPARE(http.post(QStringLiteral("sandbox/legacy-certificates"), QJsonObject {}).status, 404);
    QCOMPARE(http.get(QStringLiteral("/sandbox/liveness/abc")).status, 404);
    QCOMPARE(http.get(QStringLiteral("/sandbox/pay/abc")).status, 404);
    // No legacy RSA CA outside the sandbox unless the config names one ([legacy_ca]).
    QCOMPARE(http.get(QStringLiteral("ca/legacy-certificate")).status, 404);
    QCOMPARE(http.get(QStringLiteral("ca/legacy-crl")).status, 404);
    QCOMPARE(http.get(QStringLiteral("ca/crl")).status, 200);
    // No seeded staff without the sandbox.
    QCOMPARE(http.post(QStringLiteral("staff/sessions"),
                     QJsonObject {{QStringLiteral("username"), QStringLiteral("reviewer")},
                         {QStringLiteral("password"), QStringLiteral("sandbox-reviewer")}})
                 .status,
        401);
    QCOMPARE(plain.terminate(), 0);

    // Staff accounts of a real deployment: certdesk-server --set-staff NAME --roles ... (password on stdin).
    QProcess setStaff;
    QProcessEnvironment setStaffEnvironment = QProcessEnvironment::systemEnvironment();
    const QStringList database
        = ServerProcess::databaseArguments(dir.filePath(QStringLiteral("data")), &setStaffEnvironment);
    setStaff.setProcessEnvironment(setStaffEnvironment);
    setStaff.start(QStringLiteral(CERTDESK_SERVER_BINARY),
        QStringList {QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")),
            QStringLiteral("--set-staff"), QStringLiteral("alice"), QStringLiteral("--roles"),
            QStringLiteral("counter")}
            + database);
    QVERIFY(setStaff.waitForStarted());
    setStaff.write("correct horse battery\n");
    setStaff.closeWriteChannel();
    QVERIFY(setStaff.waitForFinished(30000));
    QCOMPARE(setStaff.exitCode(), 0);
    QVERIFY2(plain.start(dir.filePath(QStringLiteral("data")), {}, false), qPrintable(plain.lastError()));
    Http again(plain.port());
    const Reply login = again.post(QStringLiteral("staff/sessions"),
        QJsonObject {{QStringLiteral("username"), QStringLiteral("alice")},
            {QStringLiteral("password"), QStringLiteral("correct horse battery")}});
    QCOMPARE(login.status, 200);
    QCOMPARE(login.json().value(QStringLiteral("roles")).toArray(), QJsonArray {QStringLiteral("counter")});
    QCOMPARE(plain.terminate(), 0);
    qunsetenv("CERTDESK_CA_KEY_PASSPHRASE");
}

void TestServerApi::publicUrlRequiredOutsideSandbox()
{
    // Issued certificates carry <public-url>/api/v1/ca/crl and <public-url>/ocsp: outside the sandbox the
    // service does not start without it, nor with something that is not an absolute http(s) URL.
    QTemporaryDir dir;
    for (const QStringList& extra :
        {QStringList {}, QStringList {QStringLiteral("--public-url"), QStringLiteral("ca.example.test")},
            QStringList {QStringLiteral("--public-url"), QStringLiteral("ftp://ca.example.test")}}) {
        QProcess server;
        server.start(QStringLiteral(CERTDESK_SERVER_BINARY),
            QStringList {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data"))}
                + extra);
        QVERIFY(server.waitForFinished(30000));
        QCOMPARE(server.exitCode(), 2);
        QVERIFY2(server.readAllStandardError().contains("--public-url"), qPrintable(extra.join(u' ')));
    }
}

void TestServerApi::concurrentRequests()
{
    // Reads and writes from many connections at once: every request must succeed (the workers borrow pooled
    // database connections; a write must never fail because a read elsewhere left a snapshot open, nor, on
    // PostgreSQL, because it lost a race with another transaction: it is run again).
    const QJsonObject body
        = naturalPersonBody(m_person.serial, QString::fromLatin1(kAgentName), QString::fromLatin1(kAgentId));
    std::atomic<int> failures {0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([this, &body, &failures] {
            Http http(m_server.port());
            for (int i = 0; i < 10; ++i) {
                const Reply created = http.post(QStringLiteral("applications"), body);
                // Refused (429: the per-address limits) is an answer too, but leaves nothing to read or
                // update.
                if (created.status == 429)
                    continue;
                const QString path
                    = QStringLiteral("applications/") + created.json().value(QStringLiteral("id")).toString();
                const QString token = created.json().value(QStringLiteral("access_token")).toString();
                const Reply replies[]
                    = {created, http.get(path, token), http.put(path, body, token), http.get(path, token),
                        http.post(QStringLiteral("certificates/lookup"),
                            QJsonObject {{QStringLiteral("serial"), m_person.serial}})};
                for (const Reply& reply : replies) {
                    if (reply.status != 200 && reply.status != 201 && reply.status != 429) {
                        ++failures;
                        qWarning("%d %s", reply.status, reply.body.left(300).constData());
                    }
                }
            }
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    if (failures.load() != 0) {
        // What the service said of them (its log names no application).
        for (const QByteArray& line : m_server.standardError().split('\n'))
            if (line.contains("error"))
                qWarning("server: %s", line.left(400).constData());
    }
    QCOMPARE(failures.load(), 0);
}

QTEST_GUILESS_MAIN(TestServerApi)
#include "tst_server_api.moc"
