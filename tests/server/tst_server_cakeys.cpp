// The service's configuration file and CA keys outside the sandbox, against the real certdesk-server: config
// errors name the file and line (exit code 2); `ca init` makes the CA with the root key written encrypted
// elsewhere; the issuing key file must be encrypted, 0600, in a 0700 directory, with its passphrase from the
// environment or a file (exit code 2 with a clear message otherwise); `ca new-intermediate` certifies a new
// issuing CA with the offline root key.
#include "ServerHarness.h"
#include "TestEnvironment.h"

#include "pki/CertificateChain.h"
#include "pki/CertificateInfo.h"
#include "pki/LegacyRsaCa.h"
#include "pki/Pem.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk;
using namespace certdesk::servertest;

namespace {

struct Run
{
    int exitCode = -1;
    QString output;
};

// certdesk-server with `arguments` until it exits (at most 30 s), with extra environment variables.
Run runServer(const QStringList& arguments, const QList<QPair<QString, QString>>& environment = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto& [name, value] : environment)
        env.insert(name, value);
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(CERTDESK_SERVER_BINARY), arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return {-1, QStringLiteral("(still running) ") + QString::fromUtf8(process.readAll())};
    }
    return {process.exitCode(), QString::fromUtf8(process.readAll())};
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Outside the sandbox issued certificates carry URLs of the service; give one as a deployment would.
const QString PublicUrl = QStringLiteral("http://127.0.0.1:8080");
const QPair<QString, QString> RootPassphrase {
    QStringLiteral("CERTDESK_ROOT_KEY_PASSPHRASE"), QStringLiteral("root secret")};
const QPair<QString, QString> CaPassphrase {
    QStringLiteral("CERTDESK_CA_KEY_PASSPHRASE"), QStringLiteral("issuing secret")};

} // namespace

class TestServerCaKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void configErrors_data();
    void configErrors();
    void productionNeedsACa();
    void caInitThenProduction();
    void keyFileChecks();
    void newIntermediate();
    void legacyKeyFile();

private:
    [[nodiscard]] QString data() const { return m_dir.filePath(QStringLiteral("data")); }
    [[nodiscard]] QString caDir() const { return m_dir.filePath(QStringLiteral("data/ca/sm2")); }
    [[nodiscard]] QString rootKey() const { return m_dir.filePath(QStringLiteral("offline/root.key")); }
    [[nodiscard]] Run startProduction(const QList<QPair<QString, QString>>& environment = {CaPassphrase});

    QTemporaryDir m_dir;
};

void TestServerCaKeys::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
}

Run TestServerCaKeys::startProduction(const QList<QPair<QString, QString>>& environment)
{
    // Only for starts that must fail: a configuration error exits at once, while a service that came up would
    // run into runServer's timeout and fail the test. (Services that must start run under ServerProcess.)
    return runServer({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"),
                         data(), QStringLiteral("--quiet"), QStringLiteral("--public-url"), PublicUrl},
        environment);
}

void TestServerCaKeys::configErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown section") << QByteArray("[server]\nthreads = 8\n\n[sever]\n")
                                     << QStringLiteral(":4: unknown section [sever]");
    QTest::newRow("unknown key") << QByteArray("# comment\n[server]\nthread = 8\n")
                                 << QStringLiteral(":3: unknown key \"thread\" in [server] (known: ");
    QTest::newRow("not key = value") << QByteArray("[ca]\nkey_source file\n")
                                     << QStringLiteral(":2: expected key = value");
    QTest::newRow("bad number") << QByteArray("[server]\nthreads = many\n")
                                << QStringLiteral(":2: \"many\" is not a whole number from 2 to 4096");
    QTest::newRow("twice") << QByteArray("[ocsp]\nnext_update_minutes = 10\nnext_update_minutes = 20\n")
                           << QStringLiteral(":3: \"next_update_minutes\" is set twice in [ocsp]");
    QTest::newRow("outside a section")
        << QByteArray("threads = 8\n") << QStringLiteral(":1: key outside a section");
    QTest::newRow("key source") << QByteArray("[ca]\nkey_source = usb\n")
                                << QStringLiteral(":2: key_source must be file or pkcs11, not \"usb\"");
    QTest::newRow("pkcs11 incomplete")
        << QByteArray("[ca]\nkey_source = pkcs11\npkcs11_module = /x.so\n")
        << QStringLiteral(": [ca] key_source = pkcs11 needs pkcs11_module, pkcs11_token and pkcs11_key_id");
    QTest::newRow("key id") << QByteArray("[ca]\npkcs11_key_id = xyz\n")
                            << QStringLiteral(":2: pkcs11_key_id must be hex digits");
    QTest::newRow("webhook not https")
        << QByteArray("[legacy_ca]\nrevocation_webhook = http://ra.example.cn/hook\n")
        << QStringLiteral(
               ":2: revocation_webhook must be an https:// URL (http:// only to a loopback address)");
    QTest::newRow("webhook name like loopback")
        << QByteArray("[legacy_ca]\nrevocation_webhook = http://127.0.0.evil.example/hook\n")
        << QStringLiteral(":2: revocation_webhook must be an https:// URL");
    QTest::newRow("webhook retry") << QByteArray("[legacy_ca]\nrevocation_webhook_retry_seconds = 0\n")
                                   << QStringLiteral(":2: \"0\" is not a whole number from 1 to 3600");
}

void TestServerCaKeys::configErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    const QString path = m_dir.filePath(QStringLiteral("bad.conf"));
    QVERIFY(writeFile(path, content));
    const Run run = runServer({QStringLiteral("--config"), path, QStringLiteral("--data-dir"), data(),
        QStringLiteral("--sandbox")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(path + message), qPrintable(run.output));
    // A file that is not there.
    const Run missing = runServer({QStringLiteral("--config"), m_dir.filePath(QStringLiteral("none.conf")),
        QStringLiteral("--data-dir"), data()});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.output.contains(QStringLiteral("cannot read the configuration file")),
        qPrintable(missing.output));
}

void TestServerCaKeys::productionNeedsACa()
{
    const Run run = startProduction();
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(QStringLiteral("certdesk-server ca init")), qPrintable(run.output));
    // The documented example parses: what stops the service is the missing CA, not the file.
    const QString example = test::sourceDir() + QStringLiteral("/docs/server.conf.example");
    QVERIFY(QFile::exists(example));
    const Run documented = runServer({QStringLiteral("--config"), example, QStringLiteral("--data-dir"),
        data(), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--public-url"),
        PublicUrl});
    QCOMPARE(documented.exitCode, 2);
    QVERIFY2(
        !documented.output.contains(QStringLiteral("server.conf.example:")), qPrintable(documented.output));
    QVERIFY2(
        documented.output.contains(QStringLiteral("certdesk-server ca init")), qPrintable(documented.output));
}

void TestServerCaKeys::caInitThenProduction()
{
    // The root key needs a passphrase: none given (no terminal to prompt on) is a usage error.
    Run init = runServer({QStringLiteral("ca"), QStringLiteral("init"), QStringLiteral("--data-dir"), data(),
                             QStringLiteral("--root-key"), rootKey()},
        {CaPassphrase});
    QCOMPARE(init.exitCode, 2);
    QVERIFY2(init.output.contains(QStringLiteral("CERTDESK_ROOT_KEY_PASSPHRASE")), qPrintable(init.output));
    QVERIFY(!QFile::exists(rootKey()));

    init = runServer({QStringLiteral("ca"), QStringLiteral("init"), QStringLiteral("--data-dir"), data(),
                         QStringLiteral("--root-key"), rootKey()},
        {RootPassphrase, CaPassphrase});
    QVERIFY2(init.exitCode == 0, qPrintable(init.output));
    QVERIFY(readFile(rootKey()).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    QVERIFY(readFile(caDir() + QStringLiteral("/issuing-ca.key"))
                .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    QVERIFY(!QFile::exists(caDir() + QStringLiteral("/root-ca.key")));
    QCOMPARE(QFileInfo(caDir()).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
        QFileDevice::Permissions());
    // A second init would replace the CA: refused.
    init = runServer({QStringLiteral("ca"), QStringLiteral("init"), QStringLiteral("--data-dir"), data(),
                         QStringLiteral("--root-key"), m_dir.filePath(QStringLiteral("other.key"))},
        {RootPassphrase, CaPassphrase});
    QCOMPARE(init.exitCode, 2);

    // Without the issuing key's passphrase, or with a wrong one, the service does not start (exit code 2).
    Run run = startProduction({});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(QStringLiteral("no passphrase")), qPrintable(run.output));
    run = startProduction({{CaPassphrase.first, QStringLiteral("wrong")}});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(QStringLiteral("wrong passphrase")), qPrintable(run.output));

    // With it (from a passphrase file named in the config) the service runs, serving the CA from the files.
    const QString passphraseFile = m_dir.filePath(QStringLiteral("issuing.pass"));
    QVERIFY(writeFile(passphraseFile, CaPassphrase.second.toUtf8() + '\n'));
    const QString config = m_dir.filePath(QStringLiteral("server.conf"));
    QVERIFY(
        writeFile(config, QStringLiteral("[ca]\nkey_passphrase_file = %1\n").arg(passphraseFile).toUtf8()));
    // A passphrase file others can read is refused.
    QFile::setPermissions(
        passphraseFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
    const Run open = runServer(
        {QStringLiteral("--config"), config, QStringLiteral("--data-dir"), data(), QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:0"), QStringLiteral("--public-url"), PublicUrl});
    QCOMPARE(open.exitCode, 2);
    QVERIFY2(open.output.contains(QStringLiteral("can be read by other users")), qPrintable(open.output));
    QFile::setPermissions(passphraseFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    // The public URL may come from the config instead of --public-url: the merged value is what the
    // production check looks at.
    const Run noUrl = runServer({QStringLiteral("--config"), config, QStringLiteral("--data-dir"), data(),
        QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QCOMPARE(noUrl.exitCode, 2);
    QVERIFY2(
        noUrl.output.contains(QStringLiteral("is required outside --sandbox")), qPrintable(noUrl.output));
    // A legacy CA left in DATA/ca/legacy-rsa (plain key, as the sandbox makes it) is not taken up outside the
    // sandbox: the start fails naming [legacy_ca] — which also shows that public_url from the config passed.
    const QString legacyDir = data() + QStringLiteral("/ca/legacy-rsa");
    const auto strayLegacy = pki::LegacyRsaCa::loadOrCreate(legacyDir);
    QVERIFY(strayLegacy);
    const QString urlConfig = m_dir.filePath(QStringLiteral("url.conf"));
    QVERIFY(writeFile(urlConfig,
        QStringLiteral("[server]\npublic_url = %1\n[ca]\nkey_passphrase_file = %2\n")
            .arg(PublicUrl, passphraseFile)
            .toUtf8()));
    const Run stray = runServer({QStringLiteral("--config"), urlConfig, QStringLiteral("--data-dir"), data(),
        QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QCOMPARE(stray.exitCode, 2);
    QVERIFY2(stray.output.contains(QStringLiteral("[legacy_ca]")), qPrintable(stray.output));
    QVERIFY2(!stray.output.contains(QStringLiteral("--public-url")), qPrintable(stray.output));

    // [legacy_ca] in the config wins over what lies in the directory: its certificate is served (here
    // without the key, so no legacy CRL).
    const auto configuredLegacy
        = pki::LegacyRsaCa::loadOrCreate(m_dir.filePath(QStringLiteral("configured-legacy")));
    QVERIFY(configuredLegacy);
    const QString legacyPem = m_dir.filePath(QStringLiteral("legacy-ca.pem"));
    QVERIFY(writeFile(legacyPem, pki::certificateToPem(configuredLegacy->certificate())));
    QVERIFY(writeFile(urlConfig,
        QStringLiteral(
            "[server]\npublic_url = %1\n[ca]\nkey_passphrase_file = %2\n[legacy_ca]\ncertificate = "
            "%3\nkey_source = none\n")
            .arg(PublicUrl, passphraseFile, legacyPem)
            .toUtf8()));
    {
        ServerProcess configured;
        QVERIFY2(
            configured.start(data(),
                {QStringLiteral("--config"), urlConfig, QStringLiteral("--public-url"), PublicUrl}, false),
            qPrintable(configured.lastError()));
        Http legacyHttp(configured.port());
        const Reply legacyCertificate = legacyHttp.get(QStringLiteral("ca/legacy-certificate"));
        QCOMPARE(legacyCertificate.status, 200);
        QCOMPARE(pki::certificatesFromPem(legacyCertificate.body).value(0), configuredLegacy->certificate());
        QCOMPARE(legacyHttp.get(QStringLiteral("ca/legacy-crl")).status, 404);
        QCOMPARE(configured.terminate(), 0);
    }
    QVERIFY(QDir(legacyDir).removeRecursively());

    ServerProcess server;
    QVERIFY2(server.start(data(),
                 {QStringLiteral("--config"), config, QStringLiteral("--public-url"), PublicUrl}, false),
        qPrintable(server.lastError()));
    Http http(server.port());
    const Reply chain = http.get(QStringLiteral("ca/certificates"));
    QCOMPARE(chain.status, 200);
    const QList<QByteArray> served = pki::certificatesFromPem(chain.body);
    QCOMPARE(served.size(), 2);
    QCOMPARE(served.at(0),
        pki::certificatesFromPem(readFile(caDir() + QStringLiteral("/issuing-ca.pem"))).value(0));
    QCOMPARE(
        served.at(1), pki::certificatesFromPem(readFile(caDir() + QStringLiteral("/root-ca.pem"))).value(0));
    QVERIFY(pki::verifyCertificateChain(served.at(0), {}, {served.at(1)}).hasValue());
    const Reply crl = http.get(QStringLiteral("ca/crl"));
    QCOMPARE(crl.status, 200);
    QVERIFY(pki::verifyCrl(crl.body, served.at(0)).hasValue());
    // The delegated OCSP signer was made and its key stored encrypted.
    QVERIFY(readFile(caDir() + QStringLiteral("/ocsp-signer.key"))
                .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    QCOMPARE(server.terminate(), 0);
}

void TestServerCaKeys::keyFileChecks()
{
    const QString key = caDir() + QStringLiteral("/issuing-ca.key");
    QVERIFY(QFile::exists(key));
    const QByteArray encrypted = readFile(key);

    // Mode 0644: refused, naming the file and the mode.
    QFile::setPermissions(key,
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    Run run = startProduction();
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(
        run.output.contains(key) && run.output.contains(QStringLiteral("mode 0644")), qPrintable(run.output));
    QFile::setPermissions(key, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    // The directory 0755: refused.
    QFile::setPermissions(caDir(),
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup
            | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther);
    run = startProduction();
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(QStringLiteral("must be 0700")), qPrintable(run.output));
    QFile::setPermissions(caDir(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    // The same key unencrypted: refused outside the sandbox.
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
        {QStringLiteral("pkcs8"), QStringLiteral("-in"), key, QStringLiteral("-passin"),
            QStringLiteral("pass:") + CaPassphrase.second, QStringLiteral("-out"),
            m_dir.filePath(QStringLiteral("plain.key"))});
    QVERIFY(openssl.waitForFinished(30000));
    QCOMPARE(openssl.exitCode(), 0);
    const QByteArray plain = readFile(m_dir.filePath(QStringLiteral("plain.key")));
    QVERIFY(plain.startsWith("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(QFile::remove(key));
    QVERIFY(writeFile(key, plain));
    QFile::setPermissions(key, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    run = startProduction();
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(QStringLiteral("is not encrypted")), qPrintable(run.output));

    QVERIFY(QFile::remove(key));
    QVERIFY(writeFile(key, encrypted));
    QFile::setPermissions(key, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

void TestServerCaKeys::newIntermediate()
{
    const QByteArray oldIssuing = readFile(caDir() + QStringLiteral("/issuing-ca.pem"));
    const QByteArray root = readFile(caDir() + QStringLiteral("/root-ca.pem"));
    // The wrong root passphrase: nothing changes.
    Run run = runServer({QStringLiteral("ca"), QStringLiteral("new-intermediate"),
                            QStringLiteral("--data-dir"), data(), QStringLiteral("--root-key"), rootKey()},
        {{RootPassphrase.first, QStringLiteral("guess")}, CaPassphrase});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(readFile(caDir() + QStringLiteral("/issuing-ca.pem")), oldIssuing);

    run = runServer({QStringLiteral("ca"), QStringLiteral("new-intermediate"), QStringLiteral("--data-dir"),
                        data(), QStringLiteral("--root-key"), rootKey()},
        {RootPassphrase, CaPassphrase});
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    const QByteArray newIssuing = readFile(caDir() + QStringLiteral("/issuing-ca.pem"));
    QVERIFY(!newIssuing.isEmpty() && newIssuing != oldIssuing);
    QCOMPARE(readFile(caDir() + QStringLiteral("/root-ca.pem")), root);
    QCOMPARE(QDir(caDir()).entryList({QStringLiteral("issuing-ca.retired-*.pem")}).size(), 1);
    QCOMPARE(QDir(caDir()).entryList({QStringLiteral("issuing-ca.retired-*.key")}).size(), 1);
    const QByteArray newDer = pki::certificatesFromPem(newIssuing).value(0);
    const QByteArray rootDer = pki::certificatesFromPem(root).value(0);
    QVERIFY(pki::verifyCertificateChain(newDer, {}, {rootDer}).hasValue());
    QVERIFY(pki::CertificateInfo::parse(newDer)->isCa);

    // The service picks up the new issuing CA (and makes a new OCSP signer for it).
    ServerProcess server;
    QVERIFY(qputenv("CERTDESK_CA_KEY_PASSPHRASE", CaPassphrase.second.toUtf8()));
    QVERIFY2(server.start(data(), {QStringLiteral("--public-url"), PublicUrl}, false),
        qPrintable(server.lastError()));
    qunsetenv("CERTDESK_CA_KEY_PASSPHRASE");
    Http http(server.port());
    const QList<QByteArray> served
        = pki::certificatesFromPem(http.get(QStringLiteral("ca/certificates")).body);
    QCOMPARE(served.value(0), newDer);
    QCOMPARE(server.terminate(), 0);
}

void TestServerCaKeys::legacyKeyFile()
{
    // The legacy RSA CA's key as a file: plain is refused outside the sandbox, encrypted PKCS#8 works (the
    // service then signs the legacy CRL, which OpenSSL verifies against the CA certificate).
    const auto made = pki::LegacyRsaCa::loadOrCreate(m_dir.filePath(QStringLiteral("legacy-ceremony")));
    QVERIFY(made);
    const QString keys = m_dir.filePath(QStringLiteral("legacy-keys"));
    QVERIFY(QDir().mkpath(keys));
    QFile::setPermissions(keys, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString plain = keys + QStringLiteral("/plain.key");
    QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("legacy-ceremony/legacy-rsa-ca.key")), plain));
    QFile::setPermissions(plain, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QString encrypted = keys + QStringLiteral("/encrypted.key");
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
        {QStringLiteral("pkcs8"), QStringLiteral("-topk8"), QStringLiteral("-v2"),
            QStringLiteral("aes-256-cbc"), QStringLiteral("-in"), plain, QStringLiteral("-passout"),
            QStringLiteral("pass:legacy secret"), QStringLiteral("-out"), encrypted});
    QVERIFY(openssl.waitForFinished(30000));
    QCOMPARE(openssl.exitCode(), 0);
    QFile::setPermissions(encrypted, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QString legacyPem = m_dir.filePath(QStringLiteral("legacy-file-ca.pem"));
    QVERIFY(writeFile(legacyPem, pki::certificateToPem(made->certificate())));
    const QString config = m_dir.filePath(QStringLiteral("legacy-file.conf"));
    const auto configure = [&](const QString& keyFile) {
        return writeFile(config,
            QStringLiteral("[legacy_ca]\ncertificate = %1\nkey_source = file\nkey_file = %2\n")
                .arg(legacyPem, keyFile)
                .toUtf8());
    };
    const QStringList arguments {QStringLiteral("--config"), config, QStringLiteral("--data-dir"), data(),
        QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--public-url"), PublicUrl};
    const QPair<QString, QString> legacyPassphrase {
        QStringLiteral("CERTDESK_LEGACY_CA_KEY_PASSPHRASE"), QStringLiteral("legacy secret")};

    QVERIFY(configure(plain));
    Run run = runServer(arguments, {CaPassphrase, legacyPassphrase});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(QStringLiteral("legacy RSA CA key: the key file ") + plain)
            && run.output.contains(QStringLiteral("is not encrypted")),
        qPrintable(run.output));
    QVERIFY(configure(encrypted));
    run = runServer(arguments, {CaPassphrase, {legacyPassphrase.first, QStringLiteral("wrong")}});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(QStringLiteral("wrong passphrase")), qPrintable(run.output));

    QVERIFY(qputenv("CERTDESK_CA_KEY_PASSPHRASE", CaPassphrase.second.toUtf8()));
    QVERIFY(qputenv("CERTDESK_LEGACY_CA_KEY_PASSPHRASE", legacyPassphrase.second.toUtf8()));
    ServerProcess server;
    const bool started = server.start(data(), arguments.mid(0, 2) + arguments.mid(6), false);
    qunsetenv("CERTDESK_CA_KEY_PASSPHRASE");
    qunsetenv("CERTDESK_LEGACY_CA_KEY_PASSPHRASE");
    QVERIFY2(started, qPrintable(server.lastError()));
    Http http(server.port());
    const Reply crl = http.get(QStringLiteral("ca/legacy-crl"));
    QCOMPARE(crl.status, 200);
    const QString crlFile = m_dir.filePath(QStringLiteral("legacy-file.crl"));
    QVERIFY(writeFile(crlFile, crl.body));
    openssl.start(QStringLiteral("openssl"),
        {QStringLiteral("crl"), QStringLiteral("-inform"), QStringLiteral("DER"), QStringLiteral("-in"),
            crlFile, QStringLiteral("-CAfile"), legacyPem, QStringLiteral("-noout"),
            QStringLiteral("-verify")});
    QVERIFY(openssl.waitForFinished(30000));
    const QString verified
        = QString::fromUtf8(openssl.readAllStandardOutput() + openssl.readAllStandardError());
    QVERIFY2(openssl.exitCode() == 0 && verified.contains(QStringLiteral("verify OK")), qPrintable(verified));
    QCOMPARE(server.terminate(), 0);
}

QTEST_GUILESS_MAIN(TestServerCaKeys)
#include "tst_server_cakeys.moc"
