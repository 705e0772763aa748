// Counter rules of ../shared/API.md "Operations": approving an application whose holder differs from the old
// certificate needs {"accept_holder_change": true} and an uploaded holder_change_proof (409 without either),
// and the staff member who approved an application does not issue its certificates (403) unless the config
// allows a one-person counter. The sandbox (a training desk) allows it unless its config says otherwise;
// outside the sandbox it is refused unless the config allows it.

#include "ServerHarness.h"
#include "TestEnvironment.h"

#include "pki/Sm2Key.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk;
using namespace certdesk::servertest;

namespace {

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestServerCounter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void holderChangeAndFourEyes();
    void onePersonCounterAllowed();
    void sandboxAllowsOnePersonCounter();

private:
    // An application for a freshly minted old certificate of `oldHolder`, filed for `newHolder`, paid and in
    // review. Returns its id (empty on failure).
    [[nodiscard]] QString inReview(
        Http& http, const QString& oldHolder, const QString& newHolder, QString* accessToken = nullptr);
    void approveAndIssueAlone(const QStringList& serverArgs, int expectedIssuance);
    [[nodiscard]] static QString signIn(Http& http, const QString& user, const QString& password);
    [[nodiscard]] bool addStaff(const QString& data, const QString& user, const QString& roles);

    QTemporaryDir m_dir;
};

void TestServerCounter::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
}

QString TestServerCounter::signIn(Http& http, const QString& user, const QString& password)
{
    return http
        .post(QStringLiteral("staff/sessions"),
            QJsonObject {{QStringLiteral("username"), user}, {QStringLiteral("password"), password}})
        .json()
        .value(QStringLiteral("token"))
        .toString();
}

bool TestServerCounter::addStaff(const QString& data, const QString& user, const QString& roles)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CERTDESK_STAFF_PASSWORD"), user + QStringLiteral("-password"));
    const QStringList database = ServerProcess::databaseArguments(data, &env);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(CERTDESK_SERVER_BINARY),
        QStringList {QStringLiteral("staff"), QStringLiteral("add"), user, QStringLiteral("--roles"), roles,
            QStringLiteral("--data-dir"), data}
            + database);
    return process.waitForFinished(30000) && process.exitCode() == 0;
}

QString TestServerCounter::inReview(
    Http& http, const QString& oldHolder, const QString& newHolder, QString* accessToken)
{
    const QString idNumber = QStringLiteral("310115197806150038");
    const Legacy old = mintLegacy(http, QStringLiteral("natural_person"), oldHolder, idNumber,
        QDateTime::currentDateTimeUtc().addDays(30));
    if (old.serial.isEmpty())
        return {};
    QJsonObject body = naturalPersonBody(old.serial, newHolder, idNumber, 1);
    body.insert(QStringLiteral("invoice"), QJsonObject {{QStringLiteral("kind"), QStringLiteral("none")}});
    const Reply created = http.post(QStringLiteral("applications"), body);
    if (created.status != 201) {
        qWarning("create: %d %s", created.status, created.body.constData());
        return {};
    }
    const QString id = created.json().value(QStringLiteral("id")).toString();
    const QString token = created.json().value(QStringLiteral("access_token")).toString();
    if (accessToken)
        *accessToken = token;
    const QString path = QStringLiteral("applications/") + id;
    for (const QString& kind :
        {QStringLiteral("application_form"), QStringLiteral("e_seal_form"), QStringLiteral("id_card")}) {
        if (http.putBytes(path + QStringLiteral("/documents/") + kind, jpegImage(40, 30),
                    QStringLiteral("image/jpeg"), token)
                .status
            != 201)
            return {};
    }
    const Reply session = http.post(path + QStringLiteral("/liveness"), {}, token);
    if (http.post(QStringLiteral("sandbox/liveness/")
                    + session.json().value(QStringLiteral("session_id")).toString(),
                QJsonObject {{QStringLiteral("name"), newHolder}, {QStringLiteral("id_number"), idNumber},
                    {QStringLiteral("outcome"), QStringLiteral("pass")}})
            .status
        != 200)
        return {};
    const Reply pay = http.post(path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("alipay")}}, token);
    if (pay.status != 201
        || http.post(QStringLiteral("sandbox/payments/")
                       + pay.json().value(QStringLiteral("payment_id")).toString()
                       + QStringLiteral("/complete"),
                   {})
                .status
            != 200)
        return {};
    return id;
}

void TestServerCounter::holderChangeAndFourEyes()
{
    const QString config = m_dir.filePath(QStringLiteral("strict.conf"));
    QVERIFY(writeFile(config, "[staff]\nallow_one_person_counter = false\n"));
    const QString data = m_dir.filePath(QStringLiteral("strict"));
    ServerProcess server;
    QVERIFY2(server.start(data, {QStringLiteral("--config"), config}), qPrintable(server.lastError()));
    QVERIFY(addStaff(data, QStringLiteral("solo"), QStringLiteral("reviewer,counter")));
    Http http(server.port());
    const QString solo = signIn(http, QStringLiteral("solo"), QStringLiteral("solo-password"));
    QVERIFY(!solo.isEmpty());

    // The name on the form differs from the old certificate's; the reviewer sees both.
    QString token;
    const QString id = inReview(http, QStringLiteral("Li Na"), QStringLiteral("Li Nana"), &token);
    QVERIFY(!id.isEmpty());
    const QJsonObject view = http.get(QStringLiteral("staff/applications/") + id, solo).json();
    QCOMPARE(view.value(QStringLiteral("holder_changed")).toBool(), true);
    QCOMPARE(
        view.value(QStringLiteral("old_certificate")).toObject().value(QStringLiteral("holder")).toString(),
        QStringLiteral("Li Na"));
    // The applicant's own view says so too (the GUI asks for the proof), without the old holder itself.
    const QJsonObject own = http.get(QStringLiteral("applications/") + id, token).json();
    QCOMPARE(own.value(QStringLiteral("holder_changed")).toBool(false), true);
    QVERIFY(!own.contains(QStringLiteral("old_certificate")));
    const QString approve = QStringLiteral("staff/applications/") + id + QStringLiteral("/approve");
    Reply reply = http.post(approve, {}, solo);
    QCOMPARE(reply.status, 409);
    reply = http.post(approve, QJsonObject {{QStringLiteral("accept_holder_change"), false}}, solo);
    QCOMPARE(reply.status, 409);
    // Accepting without a proof of the change to look at is refused too.
    reply = http.post(approve, QJsonObject {{QStringLiteral("accept_holder_change"), true}}, solo);
    QCOMPARE(reply.status, 409);
    QVERIFY(reply.json()
                .value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("holder_change_proof")));
    // The reviewer asks for the proof; the applicant uploads it and resubmits.
    QCOMPARE(http.post(QStringLiteral("staff/applications/") + id + QStringLiteral("/reject"),
                     QJsonObject {{QStringLiteral("reasons"),
                         QJsonArray {QJsonObject {
                             {QStringLiteral("target"), QStringLiteral("document:holder_change_proof")},
                             {QStringLiteral("message"),
                                 QStringLiteral("Upload the certificate of the change of name.")}}}}},
                     solo)
                 .status,
        200);
    const QString path = QStringLiteral("applications/") + id;
    QCOMPARE(http.putBytes(path + QStringLiteral("/documents/holder_change_proof"), jpegImage(40, 30),
                     QStringLiteral("image/jpeg"), token)
                 .status,
        201);
    QCOMPARE(http.post(path + QStringLiteral("/resubmit"), {}, token).status, 200);
    reply = http.post(approve, QJsonObject {{QStringLiteral("accept_holder_change"), true}}, solo);
    QCOMPARE(reply.status, 200);

    // solo approved it: solo does not issue it; the counter does.
    auto transport = pki::Sm2Key::generate();
    QVERIFY(transport.hasValue());
    const QJsonObject issueBody {{QStringLiteral("transport_public_key"),
        QString::fromLatin1(transport->subjectPublicKeyInfo().toBase64())}};
    const QString issuance = QStringLiteral("staff/applications/") + id + QStringLiteral("/issuance");
    reply = http.post(issuance, issueBody, solo);
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.errorCode(), QStringLiteral("forbidden"));
    const QString counter = signIn(http, QStringLiteral("counter"), QStringLiteral("sandbox-counter"));
    QCOMPARE(http.post(issuance, issueBody, counter).status, 201);

    // The same holder needs no acceptance.
    QString sameToken;
    const QString same = inReview(http, QStringLiteral("Zhao Lei"), QStringLiteral("Zhao Lei"), &sameToken);
    QVERIFY(!same.isEmpty());
    QCOMPARE(http.get(QStringLiteral("applications/") + same, sameToken)
                 .json()
                 .value(QStringLiteral("holder_changed"))
                 .toBool(true),
        false);
    QCOMPARE(http.get(QStringLiteral("staff/applications/") + same, solo)
                 .json()
                 .value(QStringLiteral("holder_changed"))
                 .toBool(),
        false);
    QCOMPARE(http.post(QStringLiteral("staff/applications/") + same + QStringLiteral("/approve"), {},
                     signIn(http, QStringLiteral("reviewer"), QStringLiteral("sandbox-reviewer")))
                 .status,
        200);
    QCOMPARE(server.terminate(), 0);
}

void TestServerCounter::approveAndIssueAlone(const QStringList& serverArgs, int expectedIssuance)
{
    const QString data = m_dir.filePath(
        QStringLiteral("solo-%1").arg(QString::number(qHash(serverArgs.join(QLatin1Char(' '))))));
    ServerProcess server;
    QVERIFY2(server.start(data, serverArgs), qPrintable(server.lastError()));
    QVERIFY(addStaff(data, QStringLiteral("solo"), QStringLiteral("reviewer,counter")));
    Http http(server.port());
    const QString solo = signIn(http, QStringLiteral("solo"), QStringLiteral("solo-password"));
    const QString id = inReview(http, QStringLiteral("Sun Li"), QStringLiteral("Sun Li"));
    QVERIFY(!id.isEmpty());
    QCOMPARE(
        http.post(QStringLiteral("staff/applications/") + id + QStringLiteral("/approve"), {}, solo).status,
        200);
    auto transport = pki::Sm2Key::generate();
    QVERIFY(transport.hasValue());
    QCOMPARE(http.post(QStringLiteral("staff/applications/") + id + QStringLiteral("/issuance"),
                     QJsonObject {{QStringLiteral("transport_public_key"),
                         QString::fromLatin1(transport->subjectPublicKeyInfo().toBase64())}},
                     solo)
                 .status,
        expectedIssuance);
    QCOMPARE(server.terminate(), 0);
}

void TestServerCounter::onePersonCounterAllowed()
{
    const QString config = m_dir.filePath(QStringLiteral("solo.conf"));
    QVERIFY(writeFile(config, "[staff]\nallow_one_person_counter = true\n"));
    approveAndIssueAlone({QStringLiteral("--config"), config}, 201);
}

void TestServerCounter::sandboxAllowsOnePersonCounter()
{
    // Without the key the sandbox, a training desk, lets one trainee approve and issue.
    approveAndIssueAlone({}, 201);
}

QTEST_GUILESS_MAIN(TestServerCounter)
#include "tst_server_counter.moc"
