// The CA's existing RSA certificates, against the real certdesk-server: `legacy import` takes what the
// configured legacy CA signed (the signature checked, not the name), infers the category or takes it from a
// CSV file, is idempotent and prints a summary; the applicant's lookup then finds the certificates on a
// service started without --sandbox. A service that does not hold the legacy CA's key queues the revocation
// at confirmation, `legacy revocations` exports it, and a signed webhook delivers it to a receiver on
// loopback that checks the HMAC (first answer 503: delivered again after the retry delay).
#include "ServerHarness.h"
#include "TestEnvironment.h"

#include "pki/CertificateInfo.h"
#include "pki/LegacyRsaCa.h"
#include "pki/Pem.h"
#include "pki/Sm2Key.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <condition_variable>
#include <mutex>
#include <thread>

using namespace certdesk;
using namespace certdesk::servertest;

namespace {

struct Run
{
    int exitCode = -1;
    QString output;
};

Run runProgram(const QString& program, const QStringList& arguments,
    const QList<QPair<QString, QString>>& environment = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto& [name, value] : environment)
        env.insert(name, value);
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return {-1, QStringLiteral("(still running) ") + QString::fromUtf8(process.readAll())};
    }
    return {process.exitCode(), QString::fromUtf8(process.readAll())};
}

Run runServer(const QStringList& arguments, const QList<QPair<QString, QString>>& environment = {})
{
    return runProgram(QStringLiteral(CERTDESK_SERVER_BINARY), arguments, environment);
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

const QString PublicUrl = QStringLiteral("http://127.0.0.1:8080");
const QPair<QString, QString> RootPassphrase {
    QStringLiteral("CERTDESK_ROOT_KEY_PASSPHRASE"), QStringLiteral("root secret")};
const QPair<QString, QString> CaPassphrase {
    QStringLiteral("CERTDESK_CA_KEY_PASSPHRASE"), QStringLiteral("issuing secret")};
const QByteArray WebhookSecret = "webhook shared secret";
const QString PersonName = QStringLiteral("李娜");
const QString PersonId = QStringLiteral("310115197806150038");

QString hmacHex(const QByteArray& key, const QByteArray& message)
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.constData(), int(key.size()),
        reinterpret_cast<const unsigned char*>(message.constData()), std::size_t(message.size()), mac,
        &length);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(mac), int(length)).toHex());
}

// The CA's own system as the webhook sees it: checks each delivery's HMAC and timestamp, answers 503 to the
// first one (so that the service must retry) and 200 afterwards.
class Receiver
{
public:
    struct Delivery
    {
        bool signatureOk = false;
        bool fresh = false;
        int answered = 0;
        QJsonObject body;
        QString deliveryHeader;
    };

    Receiver()
    {
        m_server.Post(
            "/hooks/revocations", [this](const httplib::Request& request, httplib::Response& response) {
                const QByteArray timestamp
                    = QByteArray::fromStdString(request.get_header_value("X-CertDesk-Timestamp"));
                const QByteArray body = QByteArray::fromStdString(request.body);
                Delivery delivery;
                // What the CA's side computes on its own (docs/api.md): HMAC-SHA256 over
                // "<timestamp>.<body>".
                delivery.signatureOk
                    = QString::fromStdString(request.get_header_value("X-CertDesk-Signature"))
                    == QStringLiteral("sha256=") + hmacHex(WebhookSecret, timestamp + '.' + body);
                delivery.fresh = std::abs(QDateTime::currentSecsSinceEpoch() - timestamp.toLongLong()) < 300;
                delivery.body = QJsonDocument::fromJson(body).object();
                delivery.deliveryHeader
                    = QString::fromStdString(request.get_header_value("X-CertDesk-Delivery"));
                {
                    const std::lock_guard lock(m_mutex);
                    delivery.answered = m_deliveries.isEmpty() ? 503 : 200;
                    if (!delivery.signatureOk || !delivery.fresh)
                        delivery.answered = 401;
                    m_deliveries.append(delivery);
                }
                response.status = delivery.answered;
                m_changed.notify_all();
            });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
    }
    ~Receiver()
    {
        m_server.stop();
        if (m_thread.joinable())
            m_thread.join();
    }
    [[nodiscard]] int port() const { return m_port; }
    // Waits (on the handler's signal) until `count` deliveries arrived or `timeout` passed.
    QList<Delivery> waitFor(int count, std::chrono::seconds timeout)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait_for(lock, timeout, [&] { return m_deliveries.size() >= count; });
        return m_deliveries;
    }

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    QList<Delivery> m_deliveries;
};

} // namespace

class TestServerLegacy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void usageErrors();
    void importAndLookup();
    void revocationQueuedAndExported();

private:
    [[nodiscard]] QString data() const { return m_dir.filePath(QStringLiteral("data")); }
    [[nodiscard]] QString file(const QString& name) const { return m_dir.filePath(name); }
    [[nodiscard]] Run legacy(const QStringList& arguments, const QString& dataDir = {}) const;

    QTemporaryDir m_dir;
    QString m_config;
    QByteArray m_institution;
    QByteArray m_person;
    QByteArray m_cnOnly;
    QString m_institutionSerial;
    QString m_personSerial;
    QString m_foreignSerial;
    QString m_cnOnlySerial;
};

Run TestServerLegacy::legacy(const QStringList& arguments, const QString& dataDir) const
{
    return runServer(QStringList {QStringLiteral("legacy")} + arguments
        + QStringList {QStringLiteral("--config"), m_config, QStringLiteral("--data-dir"),
            dataDir.isEmpty() ? data() : dataDir});
}

void TestServerLegacy::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
    // The service's SM2 CA (outside the sandbox it is made once with `ca init`).
    const Run init
        = runServer({QStringLiteral("ca"), QStringLiteral("init"), QStringLiteral("--data-dir"), data(),
                        QStringLiteral("--root-key"), file(QStringLiteral("offline/root.key"))},
            {RootPassphrase, CaPassphrase});
    QVERIFY2(init.exitCode == 0, qPrintable(init.output));

    // The CA's legacy RSA CA and some certificates it issued; another CA with the very same name.
    const QString ceremony = file(QStringLiteral("ceremony"));
    const auto ca = pki::LegacyRsaCa::loadOrCreate(ceremony);
    QVERIFY(ca);
    QVERIFY(writeFile(file(QStringLiteral("legacy-ca.pem")), pki::certificateToPem(ca->certificate())));
    const QDateTime notAfter = QDateTime::currentDateTimeUtc().addDays(30);
    const auto institution = ca->mint(CertificateCategory::Institution,
        QStringLiteral("深圳市测试科技有限公司"), QStringLiteral("91440300MA5FXXXX0X"), notAfter);
    const auto person = ca->mint(CertificateCategory::NaturalPerson, PersonName, PersonId, notAfter);
    QVERIFY(institution && person);
    m_institution = institution->certificateDer;
    m_person = person->certificateDer;
    m_institutionSerial = institution->serialHex;
    m_personSerial = person->serialHex;
    const auto other = pki::LegacyRsaCa::loadOrCreate(file(QStringLiteral("other-ca")));
    QVERIFY(other);
    const auto foreign = other->mint(CertificateCategory::Institution,
        QStringLiteral("深圳市测试科技有限公司"), QStringLiteral("91440300MA5FXXXX0X"), notAfter);
    QVERIFY(foreign);
    m_foreignSerial = foreign->serialHex;
    // A certificate of the legacy CA whose subject says neither kind (CN and serialNumber only), signed with
    // the CA's key by OpenSSL's command line as another CA system would.
    const Run request = runProgram(QStringLiteral("openssl"),
        {QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
            QStringLiteral("-nodes"), QStringLiteral("-keyout"), file(QStringLiteral("cn-only.key")),
            QStringLiteral("-subj"), QStringLiteral("/C=CN/CN=Li Lei/serialNumber=110101199003074477"),
            QStringLiteral("-out"), file(QStringLiteral("cn-only.csr"))});
    QVERIFY2(request.exitCode == 0, qPrintable(request.output));
    const Run signedByCa = runProgram(QStringLiteral("openssl"),
        {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
            file(QStringLiteral("cn-only.csr")), QStringLiteral("-CA"), file(QStringLiteral("legacy-ca.pem")),
            QStringLiteral("-CAkey"), ceremony + QStringLiteral("/legacy-rsa-ca.key"),
            QStringLiteral("-set_serial"), QStringLiteral("0x5EC1A1F00D"), QStringLiteral("-days"),
            QStringLiteral("60"), QStringLiteral("-sha256"), QStringLiteral("-out"),
            file(QStringLiteral("cn-only.pem"))});
    QVERIFY2(signedByCa.exitCode == 0, qPrintable(signedByCa.output));
    m_cnOnlySerial = QStringLiteral("5EC1A1F00D");
    // Another certificate of the legacy CA under the natural person's serial (a CA's numbering gone wrong).
    const Run collision = runProgram(QStringLiteral("openssl"),
        {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
            file(QStringLiteral("cn-only.csr")), QStringLiteral("-CA"), file(QStringLiteral("legacy-ca.pem")),
            QStringLiteral("-CAkey"), ceremony + QStringLiteral("/legacy-rsa-ca.key"),
            QStringLiteral("-set_serial"), QStringLiteral("0x") + person->serialHex, QStringLiteral("-days"),
            QStringLiteral("60"), QStringLiteral("-sha256"), QStringLiteral("-out"),
            file(QStringLiteral("same-serial.pem"))});
    QVERIFY2(collision.exitCode == 0, qPrintable(collision.output));

    QVERIFY(writeFile(file(QStringLiteral("multi.pem")),
        pki::certificateToPem(m_institution) + "\n" + pki::certificateToPem(m_person)));
    QVERIFY(writeFile(file(QStringLiteral("person.der")), m_person));
    QVERIFY(writeFile(file(QStringLiteral("foreign.pem")), pki::certificateToPem(foreign->certificateDer)));
    QVERIFY(writeFile(file(QStringLiteral("junk.txt")), "not a certificate\n"));

    m_config = file(QStringLiteral("server.conf"));
    QVERIFY(writeFile(m_config,
        QStringLiteral("[server]\npublic_url = %1\n\n[legacy_ca]\ncertificate = %2\nkey_source = none\n")
            .arg(PublicUrl, file(QStringLiteral("legacy-ca.pem")))
            .toUtf8()));
}

void TestServerLegacy::usageErrors()
{
    // No files.
    Run run = legacy({QStringLiteral("import")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(QStringLiteral("name at least one file")), qPrintable(run.output));
    // No legacy CA configured: nothing to check the signatures against.
    run = runServer({QStringLiteral("legacy"), QStringLiteral("import"), file(QStringLiteral("multi.pem")),
        QStringLiteral("--data-dir"), data()});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(QStringLiteral("[legacy_ca] certificate")), qPrintable(run.output));
    // A malformed categories file, named with its line.
    QVERIFY(writeFile(file(QStringLiteral("bad.csv")), "serial,category\n# comment\n0A1B,company\n"));
    run = legacy({QStringLiteral("import"), file(QStringLiteral("multi.pem")), QStringLiteral("--categories"),
        file(QStringLiteral("bad.csv"))});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(
                 file(QStringLiteral("bad.csv")) + QStringLiteral(":3: expected `serial,category`")),
        qPrintable(run.output));
    run = legacy({QStringLiteral("import"), file(QStringLiteral("multi.pem")), QStringLiteral("--categories"),
        file(QStringLiteral("none.csv"))});
    QCOMPARE(run.exitCode, 2);
    // Nothing was imported by any of these.
    run = legacy({QStringLiteral("revocations"), QStringLiteral("--since"), QStringLiteral("yesterday")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(QStringLiteral("RFC 3339")), qPrintable(run.output));
    run = legacy({QStringLiteral("revocations"), QStringLiteral("--format"), QStringLiteral("xml")});
    QCOMPARE(run.exitCode, 2);
    run = legacy({QStringLiteral("frobnicate")});
    QCOMPARE(run.exitCode, 2);
}

void TestServerLegacy::importAndLookup()
{
    // The institution is an 机构业务证书 per the CA's records; the certificate alone cannot say so.
    const QString categories = file(QStringLiteral("categories.csv"));
    QVERIFY(writeFile(categories,
        QStringLiteral("serial,category\n%1,institution_business\n")
            .arg(m_institutionSerial.toLower())
            .toUtf8()));
    Run run = legacy(
        {QStringLiteral("import"), file(QStringLiteral("multi.pem")), file(QStringLiteral("foreign.pem")),
            file(QStringLiteral("junk.txt")), file(QStringLiteral("cn-only.pem")),
            file(QStringLiteral("missing.pem")), QStringLiteral("--categories"), categories});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.output.contains(QStringLiteral("added %1 institution_business").arg(m_institutionSerial)),
        qPrintable(run.output));
    QVERIFY2(run.output.contains(QStringLiteral("added %1 natural_person").arg(m_personSerial)),
        qPrintable(run.output));
    QVERIFY2(run.output.contains(QStringLiteral("refused %1: not issued by the legacy CA")
                                     .arg(file(QStringLiteral("foreign.pem")))),
        qPrintable(run.output));
    QVERIFY2(run.output.contains(
                 QStringLiteral("refused %1: no certificate in it").arg(file(QStringLiteral("junk.txt")))),
        qPrintable(run.output));
    QVERIFY2(run.output.contains(QStringLiteral("refused %1: the category cannot be inferred")
                                     .arg(file(QStringLiteral("cn-only.pem")))),
        qPrintable(run.output));
    QVERIFY2(run.output.contains(
                 QStringLiteral("refused %1: cannot read the file").arg(file(QStringLiteral("missing.pem")))),
        qPrintable(run.output));
    QVERIFY2(
        run.output.contains(QStringLiteral("added 2, already present 0, refused 4")), qPrintable(run.output));
    // The holder's name and number are personal data: not in the output.
    QVERIFY2(!run.output.contains(PersonName) && !run.output.contains(PersonId), qPrintable(run.output));

    // Again, with the CN-only certificate's category given: idempotent for what is there, the DER file of a
    // certificate already imported from PEM is the same certificate.
    QVERIFY(writeFile(categories,
        QStringLiteral("# from the CA's register\n%1,institution_business\n5e:c1:a1:f0:0d , natural_person\n")
            .arg(m_institutionSerial)
            .toUtf8()));
    run = legacy(
        {QStringLiteral("import"), file(QStringLiteral("multi.pem")), file(QStringLiteral("person.der")),
            file(QStringLiteral("cn-only.pem")), QStringLiteral("--categories"), categories});
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QVERIFY2(
        run.output.contains(QStringLiteral("added 1, already present 3, refused 0")), qPrintable(run.output));
    // Never replaced: another certificate under a registered serial; and the CA's own certificate is no
    // holder's.
    run = legacy({QStringLiteral("import"), file(QStringLiteral("same-serial.pem")),
        file(QStringLiteral("legacy-ca.pem")), QStringLiteral("--categories"), categories});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(
        run.output.contains(QStringLiteral("refused %1: serial %2 is registered with another certificate")
                                .arg(file(QStringLiteral("same-serial.pem")), m_personSerial)),
        qPrintable(run.output));
    QVERIFY2(run.output.contains(
                 QStringLiteral("refused %1: a CA certificate").arg(file(QStringLiteral("legacy-ca.pem")))),
        qPrintable(run.output));
    QVERIFY2(
        run.output.contains(QStringLiteral("added 0, already present 0, refused 2")), qPrintable(run.output));

    // Each import is in the audit trail, which stays intact.
    run = runServer({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--data-dir"), data()});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.output.count(QStringLiteral("legacy_import")), 3);
    QVERIFY2(!run.output.contains(PersonId), qPrintable(run.output));
    run = runServer(
        {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--data-dir"), data()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));

    // The applicant's lookup on a service started without --sandbox finds them, with their categories.
    ServerProcess server;
    QVERIFY(qputenv("CERTDESK_CA_KEY_PASSPHRASE", CaPassphrase.second.toUtf8()));
    const bool started = server.start(
        data(), {QStringLiteral("--config"), m_config, QStringLiteral("--public-url"), PublicUrl}, false);
    qunsetenv("CERTDESK_CA_KEY_PASSPHRASE");
    QVERIFY2(started, qPrintable(server.lastError()));
    Http http(server.port());
    QCOMPARE(http.get(QStringLiteral("health")).json().value(QStringLiteral("sandbox")).toBool(true), false);
    const auto lookup = [&http](const QString& serial) {
        return http.post(
            QStringLiteral("certificates/lookup"), QJsonObject {{QStringLiteral("serial"), serial}});
    };
    Reply found = lookup(m_institutionSerial.toLower());
    QCOMPARE(found.status, 200);
    QCOMPARE(
        found.json().value(QStringLiteral("category")).toString(), QStringLiteral("institution_business"));
    QCOMPARE(found.json().value(QStringLiteral("algorithm")).toString(), QStringLiteral("RSA-2048"));
    QCOMPARE(found.json().value(QStringLiteral("status")).toString(), QStringLiteral("valid"));
    QVERIFY(found.json().value(QStringLiteral("renewable")).toBool());
    QVERIFY(found.json().value(QStringLiteral("holder")).toString().contains(QStringLiteral("**")));
    found = lookup(m_personSerial);
    QCOMPARE(found.status, 200);
    QCOMPARE(found.json().value(QStringLiteral("category")).toString(), QStringLiteral("natural_person"));
    QCOMPARE(pki::CertificateInfo::parse(m_person)->notAfter.toString(Qt::ISODate),
        found.json().value(QStringLiteral("not_after")).toString());
    QCOMPARE(lookup(QStringLiteral("5E:C1:A1:F0:0D")).json().value(QStringLiteral("category")).toString(),
        QStringLiteral("natural_person"));
    QCOMPARE(lookup(m_foreignSerial).status, 404);
    // No legacy key here: no legacy CRL, the certificate is served.
    QCOMPARE(http.get(QStringLiteral("ca/legacy-crl")).status, 404);
    QCOMPARE(http.get(QStringLiteral("ca/legacy-certificate")).status, 200);
    QCOMPARE(server.terminate(), 0);
}

void TestServerLegacy::revocationQueuedAndExported()
{
    // A sandbox (its liveness and payment pages carry the application to confirmation) on the same SM2 CA,
    // with the legacy CA's certificate only and the webhook to a receiver on loopback.
    Receiver receiver;
    QVERIFY(receiver.port() > 0);
    const QString secretFile = file(QStringLiteral("webhook.secret"));
    QVERIFY(writeFile(secretFile, WebhookSecret + '\n'));
    QFile::setPermissions(secretFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QString config = file(QStringLiteral("sandbox.conf"));
    QVERIFY(writeFile(config,
        QStringLiteral("[ca]\ndirectory = %1\n\n[legacy_ca]\ncertificate = %2\nkey_source = none\n"
                       "revocation_webhook = http://127.0.0.1:%3/hooks/revocations\n"
                       "revocation_webhook_secret_file = %4\nrevocation_webhook_retry_seconds = 1\n")
            .arg(data() + QStringLiteral("/ca/sm2"), file(QStringLiteral("legacy-ca.pem")))
            .arg(receiver.port())
            .arg(secretFile)
            .toUtf8()));
    // The webhook must be https unless it is on loopback: refused at start.
    const QString remote = file(QStringLiteral("remote.conf"));
    QVERIFY(writeFile(remote, "[legacy_ca]\nrevocation_webhook = http://ca.example.cn/hooks\n"));
    const Run refused = runServer(
        {QStringLiteral("--config"), remote, QStringLiteral("--data-dir"), file(QStringLiteral("unused"))});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.output.contains(QStringLiteral("revocation_webhook must be an https:// URL")),
        qPrintable(refused.output));

    // The webhook without its secret: refused at start, naming where the secret comes from.
    const QString noSecret = file(QStringLiteral("no-secret.conf"));
    QVERIFY(writeFile(noSecret,
        QStringLiteral("[ca]\ndirectory = %1\n\n[legacy_ca]\ncertificate = %2\nkey_source = none\n"
                       "revocation_webhook = http://127.0.0.1:%3/hooks/revocations\n")
            .arg(data() + QStringLiteral("/ca/sm2"), file(QStringLiteral("legacy-ca.pem")))
            .arg(receiver.port())
            .toUtf8()));
    const Run secretless = runServer({QStringLiteral("--config"), noSecret, QStringLiteral("--data-dir"),
                                         file(QStringLiteral("no-secret")), QStringLiteral("--sandbox"),
                                         QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
        {CaPassphrase});
    QCOMPARE(secretless.exitCode, 2);
    QVERIFY2(secretless.output.contains(QStringLiteral("CERTDESK_REVOCATION_WEBHOOK_SECRET")),
        qPrintable(secretless.output));

    const QString sandboxData = file(QStringLiteral("sandbox"));
    ServerProcess server;
    QVERIFY(qputenv("CERTDESK_CA_KEY_PASSPHRASE", CaPassphrase.second.toUtf8()));
    const bool started = server.start(sandboxData,
        {QStringLiteral("--config"), config, QStringLiteral("--lookup-rate-limit"), QStringLiteral("0")});
    qunsetenv("CERTDESK_CA_KEY_PASSPHRASE");
    QVERIFY2(started, qPrintable(server.lastError()));
    Http http(server.port());
    // Imported while the service runs.
    Run run = legacy({QStringLiteral("import"), file(QStringLiteral("person.der"))}, sandboxData);
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));

    const auto staff = [&http](const QString& user) {
        return http
            .post(QStringLiteral("staff/sessions"),
                QJsonObject {{QStringLiteral("username"), user},
                    {QStringLiteral("password"), QString(QStringLiteral("sandbox-") + user)}})
            .json()
            .value(QStringLiteral("token"))
            .toString();
    };
    QCOMPARE(http.post(QStringLiteral("certificates/lookup"),
                     QJsonObject {{QStringLiteral("serial"), m_personSerial}})
                 .status,
        200);
    QJsonObject body = naturalPersonBody(m_personSerial, PersonName, PersonId, 1);
    body.insert(QStringLiteral("invoice"), QJsonObject {{QStringLiteral("kind"), QStringLiteral("none")}});
    const Reply created = http.post(QStringLiteral("applications"), body);
    QVERIFY2(created.status == 201, created.body.constData());
    const QString id = created.json().value(QStringLiteral("id")).toString();
    const QString orderNo = created.json().value(QStringLiteral("order_no")).toString();
    const QString token = created.json().value(QStringLiteral("access_token")).toString();
    const QString path = QStringLiteral("applications/") + id;
    for (const QString& kind :
        {QStringLiteral("application_form"), QStringLiteral("e_seal_form"), QStringLiteral("id_card")})
        QCOMPARE(http.putBytes(path + QStringLiteral("/documents/") + kind, jpegImage(40, 30),
                         QStringLiteral("image/jpeg"), token)
                     .status,
            201);
    const Reply session = http.post(path + QStringLiteral("/liveness"), {}, token);
    QCOMPARE(session.status, 200);
    QCOMPARE(
        http.post(QStringLiteral("sandbox/liveness/")
                    + session.json().value(QStringLiteral("session_id")).toString(),
                QJsonObject {{QStringLiteral("name"), PersonName}, {QStringLiteral("id_number"), PersonId},
                    {QStringLiteral("outcome"), QStringLiteral("pass")}})
            .status,
        200);
    const Reply pay = http.post(path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("alipay")}}, token);
    QCOMPARE(pay.status, 201);
    QCOMPARE(
        http.post(QStringLiteral("sandbox/payments/")
                    + pay.json().value(QStringLiteral("payment_id")).toString() + QStringLiteral("/complete"),
                {})
            .status,
        200);
    QCOMPARE(http.post(QStringLiteral("staff/applications/") + id + QStringLiteral("/approve"), {},
                     staff(QStringLiteral("reviewer")))
                 .status,
        200);
    const QString counter = staff(QStringLiteral("counter"));
    auto transport = pki::Sm2Key::generate();
    QVERIFY(transport.hasValue());
    const Reply issued = http.post(QStringLiteral("staff/applications/") + id + QStringLiteral("/issuance"),
        QJsonObject {{QStringLiteral("transport_public_key"),
            QString::fromLatin1(transport->subjectPublicKeyInfo().toBase64())}},
        counter);
    QCOMPARE(issued.status, 201);

    // Nothing is queued before confirmation.
    run = legacy({QStringLiteral("revocations")}, sandboxData);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.output.trimmed(), QStringLiteral("serial,reason,revoked_at,order_no,webhook,delivered_at"));

    const Reply confirmed
        = http.post(QStringLiteral("staff/applications/") + id + QStringLiteral("/issuance/")
                + issued.json().value(QStringLiteral("issuance_id")).toString() + QStringLiteral("/confirm"),
            QJsonObject {{QStringLiteral("token_serial"), QStringLiteral("T0001")}}, counter);
    QVERIFY2(confirmed.status == 200, confirmed.body.constData());
    // The lookup says revoked; no legacy CRL, since the service cannot sign one.
    QCOMPARE(http.post(QStringLiteral("certificates/lookup"),
                     QJsonObject {{QStringLiteral("serial"), m_personSerial}})
                 .json()
                 .value(QStringLiteral("status"))
                 .toString(),
        QStringLiteral("revoked"));
    QCOMPARE(http.get(QStringLiteral("ca/legacy-crl")).status, 404);

    // The webhook: refused once (503), delivered after the retry delay, both signed and fresh.
    const QList<Receiver::Delivery> deliveries = receiver.waitFor(2, std::chrono::seconds(30));
    QVERIFY2(deliveries.size() >= 2, qPrintable(QString::fromUtf8(server.standardError())));
    for (const Receiver::Delivery& delivery : deliveries) {
        QVERIFY(delivery.signatureOk);
        QVERIFY(delivery.fresh);
        QCOMPARE(delivery.body.value(QStringLiteral("event")).toString(),
            QStringLiteral("legacy_certificate_revoked"));
        QCOMPARE(delivery.body.value(QStringLiteral("serial")).toString(), m_personSerial);
        QCOMPARE(delivery.body.value(QStringLiteral("reason")).toString(), QStringLiteral("superseded"));
        QCOMPARE(delivery.body.value(QStringLiteral("order_no")).toString(), orderNo);
        QCOMPARE(delivery.deliveryHeader, m_personSerial);
    }
    QCOMPARE(deliveries.at(0).answered, 503);
    QCOMPARE(deliveries.at(1).answered, 200);
    // The receiver's check can fail: another secret gives another signature.
    QVERIFY(hmacHex("another secret", "1.{}") != hmacHex(WebhookSecret, "1.{}"));

    // The export: CSV by default, JSON lines on request, --since filters. The delivery's state is written
    // by the service after the receiver's 200 reached it, in another process: looked at until it shows (no
    // signal crosses the process boundary).
    QString exported;
    for (int attempt = 0; attempt < 50; ++attempt) {
        run = legacy({QStringLiteral("revocations")}, sandboxData);
        QCOMPARE(run.exitCode, 0);
        exported = run.output;
        if (exported.contains(QStringLiteral(",delivered,")))
            break;
        QTest::qWait(100);
    }
    const QStringList lines = exported.trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    const QStringList fields = lines.at(1).split(QLatin1Char(','));
    QCOMPARE(fields.size(), 6);
    QCOMPARE(fields.at(0), m_personSerial);
    QCOMPARE(fields.at(1), QStringLiteral("superseded"));
    QVERIFY(QDateTime::fromString(fields.at(2), Qt::ISODate).isValid());
    QCOMPARE(fields.at(3), orderNo);
    QCOMPARE(fields.at(4), QStringLiteral("delivered"));
    run = runServer(
        {QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--data-dir"), sandboxData});
    QVERIFY2(run.output.contains(QStringLiteral("legacy_revocation_delivered"))
            && run.output.contains(QStringLiteral("queued")),
        qPrintable(run.output));
    run = legacy(
        {QStringLiteral("revocations"), QStringLiteral("--format"), QStringLiteral("jsonl"),
            QStringLiteral("--since"), QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODate)},
        sandboxData);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject line = QJsonDocument::fromJson(run.output.trimmed().toUtf8()).object();
    QCOMPARE(line.value(QStringLiteral("serial")).toString(), m_personSerial);
    QCOMPARE(line.value(QStringLiteral("order_no")).toString(), orderNo);
    QCOMPARE(line.value(QStringLiteral("revoked_at")).toString(), fields.at(2));
    run = legacy({QStringLiteral("revocations"), QStringLiteral("--since"),
                     QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate)},
        sandboxData);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.output.trimmed().split(QLatin1Char('\n')).size(), 1);
    QCOMPARE(server.terminate(), 0);
}

QTEST_GUILESS_MAIN(TestServerLegacy)
#include "tst_server_legacy.moc"
