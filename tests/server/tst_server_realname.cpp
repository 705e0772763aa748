// The telecom real-name check answers only for a certificate this client looked up: no
// free "does this mobile belong to this ID number" oracle. Without a lookup: 422 on `serial`
// (`lookup_required`) and no word about the mobile; under a lookup (its `lookup_challenge`, or this address's
// latest lookup of the serial) or an application at most 5 different (mobile, ID number) pairs, then 422
// `realname_attempts`.

#include "ServerHarness.h"
#include "TestEnvironment.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk;
using namespace certdesk::servertest;

namespace {

const QString IdNumber = QStringLiteral("310115197806150038");
// In the sandbox's telecom registry this number belongs to another ID number.
const QString OthersMobile = QStringLiteral("13900000001");

// An old certificate minted WITHOUT looking it up (mintLegacy() looks it up).
QString mintUnlooked(Http& http, const QString& holder)
{
    return http
        .post(QStringLiteral("sandbox/legacy-certificates"),
            QJsonObject {{QStringLiteral("category"), QStringLiteral("natural_person")},
                {QStringLiteral("holder"), holder}, {QStringLiteral("credential_number"), IdNumber},
                {QStringLiteral("not_after"),
                    QDateTime::currentDateTimeUtc().addDays(30).toString(Qt::ISODate)}})
        .json()
        .value(QStringLiteral("serial"))
        .toString();
}

QJsonObject withMobile(QJsonObject body, const QString& mobile)
{
    QJsonObject applicant = body.value(QStringLiteral("applicant")).toObject();
    applicant.insert(QStringLiteral("mobile"), mobile);
    body.insert(QStringLiteral("applicant"), applicant);
    return body;
}

Reply postFrom(int port, const QString& path, const QJsonObject& body, const char* forwardedFor)
{
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30);
    httplib::Headers headers;
    if (forwardedFor)
        headers.emplace("X-Forwarded-For", forwardedFor);
    const auto result = c.Post(QString(QStringLiteral("/api/v1/") + path).toStdString(), headers,
        QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(), "application/json");
    Reply reply;
    if (result) {
        reply.status = result->status;
        reply.body = QByteArray::fromStdString(result->body);
    }
    return reply;
}

} // namespace

class TestServerRealname : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void noLookupNoAnswer();
    void answeredUnderTheLookup();
    void lookupChallengeFromAnotherAddress();
    void budgetPerLookupAndApplication();

private:
    QTemporaryDir m_dir;
    ServerProcess m_server;
    std::unique_ptr<Http> m_http;
};

void TestServerRealname::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
    // The test is its own proxy (127.0.0.1 trusted): X-Forwarded-For gives it other addresses.
    const QString config = m_dir.filePath(QStringLiteral("proxy.conf"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[server]\ntrusted_proxies = 127.0.0.1\n");
    file.close();
    QVERIFY2(m_server.start(m_dir.filePath(QStringLiteral("data")), {QStringLiteral("--config"), config}),
        qPrintable(m_server.lastError()));
    m_http = std::make_unique<Http>(m_server.port());
}

void TestServerRealname::noLookupNoAnswer()
{
    const QString serial = mintUnlooked(*m_http, QStringLiteral("Lin Feng"));
    QVERIFY(!serial.isEmpty());
    const Reply r = m_http->post(QStringLiteral("applications"),
        withMobile(naturalPersonBody(serial, QStringLiteral("Lin Feng"), IdNumber), OthersMobile));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("serial:lookup_required")});
}

void TestServerRealname::answeredUnderTheLookup()
{
    const QString serial = mintUnlooked(*m_http, QStringLiteral("He Ping"));
    QCOMPARE(
        m_http->post(QStringLiteral("certificates/lookup"), QJsonObject {{QStringLiteral("serial"), serial}})
            .status,
        200);
    const Reply r = m_http->post(QStringLiteral("applications"),
        withMobile(naturalPersonBody(serial, QStringLiteral("He Ping"), IdNumber), OthersMobile));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("applicant.mobile:realname_mismatch")});
}

void TestServerRealname::lookupChallengeFromAnotherAddress()
{
    const QString serial = mintUnlooked(*m_http, QStringLiteral("Gao Yan"));
    // Looked up by 203.0.113.9; the application comes from 203.0.113.10 (a kiosk behind another NAT address).
    const Reply lookup = postFrom(m_server.port(), QStringLiteral("certificates/lookup"),
        QJsonObject {{QStringLiteral("serial"), serial}}, "203.0.113.9");
    QCOMPARE(lookup.status, 200);
    const QString challenge
        = QJsonDocument::fromJson(lookup.body).object().value(QStringLiteral("challenge")).toString();
    QJsonObject body
        = withMobile(naturalPersonBody(serial, QStringLiteral("Gao Yan"), IdNumber), OthersMobile);
    Reply r = postFrom(m_server.port(), QStringLiteral("applications"), body, "203.0.113.10");
    QCOMPARE(r.status, 422);
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("serial:lookup_required")});
    // A challenge of another serial is no lookup of this one.
    const QString otherSerial = mintUnlooked(*m_http, QStringLiteral("Gao Yan"));
    const Reply otherLookup = postFrom(m_server.port(), QStringLiteral("certificates/lookup"),
        QJsonObject {{QStringLiteral("serial"), otherSerial}}, "203.0.113.10");
    body.insert(QStringLiteral("lookup_challenge"),
        QJsonDocument::fromJson(otherLookup.body).object().value(QStringLiteral("challenge")).toString());
    r = postFrom(m_server.port(), QStringLiteral("applications"), body, "203.0.113.10");
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("serial:lookup_required")});
    body.insert(QStringLiteral("lookup_challenge"), challenge);
    r = postFrom(m_server.port(), QStringLiteral("applications"), body, "203.0.113.10");
    QCOMPARE(r.status, 422);
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("applicant.mobile:realname_mismatch")});
}

void TestServerRealname::budgetPerLookupAndApplication()
{
    const QString serial = mintUnlooked(*m_http, QStringLiteral("Song Wen"));
    QCOMPARE(
        m_http->post(QStringLiteral("certificates/lookup"), QJsonObject {{QStringLiteral("serial"), serial}})
            .status,
        200);
    const QJsonObject base = naturalPersonBody(serial, QStringLiteral("Song Wen"), IdNumber);
    QString id;
    QString token;
    for (int i = 0; i < 5; ++i) {
        const Reply r = m_http->post(
            QStringLiteral("applications"), withMobile(base, QStringLiteral("1380013810%1").arg(i)));
        QCOMPARE(r.status, 201);
        id = r.json().value(QStringLiteral("id")).toString();
        token = r.json().value(QStringLiteral("access_token")).toString();
    }
    Reply r = m_http->post(QStringLiteral("applications"), withMobile(base, OthersMobile));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("applicant.mobile:realname_attempts")});
    // A pair already checked under the lookup is answered again.
    QCOMPARE(
        m_http->post(QStringLiteral("applications"), withMobile(base, QStringLiteral("13800138101"))).status,
        201);
    // A new lookup opens a new budget.
    QCOMPARE(
        m_http->post(QStringLiteral("certificates/lookup"), QJsonObject {{QStringLiteral("serial"), serial}})
            .status,
        200);
    r = m_http->post(QStringLiteral("applications"), withMobile(base, OthersMobile));
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("applicant.mobile:realname_mismatch")});

    // Changing an application: its unchanged person is free, 5 new pairs, then refused.
    const QString path = QStringLiteral("applications/") + id;
    QCOMPARE(m_http->put(path, withMobile(base, QStringLiteral("13800138104")), token).status, 200);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(
            m_http->put(path, withMobile(base, QStringLiteral("1370013700%1").arg(i)), token).status, 200);
    r = m_http->put(path, withMobile(base, OthersMobile), token);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("applicant.mobile:realname_attempts")});
}

QTEST_GUILESS_MAIN(TestServerRealname)
#include "tst_server_realname.moc"
