// The legacy RSA CA's key in an HSM: SoftHSM2 in a temporary directory stands in for it. The key is imported
// into the token and its file deleted; the real server ([legacy_ca] key_source = pkcs11 in its config, the
// sandbox journey so that an old certificate reaches confirmation) signs the legacy CRL, the legacy OCSP
// signer's certificate and the old certificates it mints with C_Sign in the module. `openssl crl -verify`
// accepts the CRL, `openssl ocsp` says good before confirmation and revoked after it, no file the service
// reads holds the key, and a wrong PIN stops the start with a clear message.
#include "IssuanceFixture.h"
#include "TestEnvironment.h"
#include "TokenTestSupport.h"

#include "pki/KeyFile.h"
#include "pki/LegacyRsaCa.h"
#include "pki/Pem.h"
#include "pki/Sm2Key.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/x509.h>

using namespace certdesk;

namespace {

const QString TokenLabel = QStringLiteral("Legacy CA HSM");
const QString UserPin = QStringLiteral("13572468");
const QString SoPin = QStringLiteral("86427531");
const QByteArray KeyId = QByteArrayLiteral("\x1e\x9a");
const QByteArray CaPassphrase = "issuing secret";

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

struct Run
{
    int exitCode = -1;
    QString output;
};

Run runTool(const QString& program, const QStringList& arguments, int timeoutMs = 60000)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {-1, QStringLiteral("(still running) ") + QString::fromUtf8(process.readAll())};
    }
    return {process.exitCode(), QString::fromUtf8(process.readAll())};
}

// The body of a PEM private key file as PKCS#8 DER (what softhsm2-util --import takes).
QByteArray pkcs8Der(const QByteArray& pem)
{
    QByteArray base64;
    for (const QByteArray& line : pem.split('\n'))
        if (!line.startsWith("-----"))
            base64 += line.trimmed();
    return QByteArray::fromBase64(base64);
}

} // namespace

class TestLegacyHsm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void wrongPinStopsTheStart();
    void crlAndOcspSignedInTheModule();
    void noKeyFileAnywhere();

private:
    [[nodiscard]] QString legacyPem() const { return m_dir.filePath(QStringLiteral("legacy-ca.pem")); }
    [[nodiscard]] QString opensslOcsp(const QString& certificatePem) const;

    QTemporaryDir m_dir;
    std::optional<test::SoftHsm> m_softhsm;
    test::IssuanceFixture m_fixture;
    QString m_config;
    QByteArray m_legacyDer;
    std::optional<test::LegacyMaterial> m_old;
};

void TestLegacyHsm::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
    if (!QFile::exists(test::SoftHsm::modulePath()))
        QSKIP("SoftHSM2 is not installed");
    m_softhsm.emplace(m_dir.filePath(QStringLiteral("softhsm")));
    QVERIFY(m_softhsm->initToken(TokenLabel, SoPin, UserPin));

    // The CA's key pair is made elsewhere (the CA's own key ceremony), imported into the HSM, and the file
    // destroyed: only the certificate stays.
    const QString ceremony = m_dir.filePath(QStringLiteral("ceremony"));
    const auto made = pki::LegacyRsaCa::loadOrCreate(ceremony);
    QVERIFY(made.hasValue());
    m_legacyDer = made->certificate();
    QVERIFY(writeFile(legacyPem(), pki::certificateToPem(m_legacyDer)));
    const QByteArray keyPem = readFile(ceremony + QStringLiteral("/legacy-rsa-ca.key"));
    QVERIFY(keyPem.startsWith("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(m_softhsm->importKeyPair(TokenLabel, UserPin, pkcs8Der(keyPem), KeyId, QStringLiteral("legacy")));
    QVERIFY(QDir(ceremony).removeRecursively());

    // The SM2 CA with its issuing key in an encrypted file; the legacy CA's key in the HSM.
    m_config = m_dir.filePath(QStringLiteral("server.conf"));
    QVERIFY(writeFile(m_config,
        QStringLiteral("[ca]\ndirectory = %1\n\n[legacy_ca]\ncertificate = %2\nkey_source = pkcs11\n"
                       "pkcs11_module = %3\npkcs11_token = %4\npkcs11_key_id = %5\n")
            .arg(m_dir.filePath(QStringLiteral("ca")), legacyPem(), test::SoftHsm::modulePath(), TokenLabel,
                QString::fromLatin1(KeyId.toHex()))
            .toUtf8()));
    // Secrets through the environment (the child processes inherit it), never on a command line.
    qputenv("CERTDESK_CA_KEY_PASSPHRASE", CaPassphrase);
    qputenv("CERTDESK_ROOT_KEY_PASSPHRASE", "offline root passphrase");
    const Run init = runTool(test::ServerProcess::defaultExecutable(),
        {QStringLiteral("ca"), QStringLiteral("init"), QStringLiteral("--config"), m_config,
            QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("unused")),
            QStringLiteral("--root-key"), m_dir.filePath(QStringLiteral("offline/root.key"))});
    QVERIFY2(init.exitCode == 0, qPrintable(init.output));
}

void TestLegacyHsm::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning("certdesk-server output (tail):\n%s", m_fixture.server().output().right(3000).constData());
}

QString TestLegacyHsm::opensslOcsp(const QString& certificatePem) const
{
    return runTool(QStringLiteral("openssl"),
        {QStringLiteral("ocsp"), QStringLiteral("-issuer"), legacyPem(), QStringLiteral("-cert"),
            certificatePem, QStringLiteral("-CAfile"), legacyPem(), QStringLiteral("-url"),
            QStringLiteral("http://127.0.0.1:%1/ocsp").arg(m_fixture.server().port())})
        .output;
}

void TestLegacyHsm::wrongPinStopsTheStart()
{
    // No PIN at all, then a wrong one: the service does not start (exit code 2), and says why.
    const QStringList arguments {QStringLiteral("--config"), m_config, QStringLiteral("--data-dir"),
        m_dir.filePath(QStringLiteral("refused")), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
        QStringLiteral("--sandbox"), QStringLiteral("--quiet")};
    qunsetenv("CERTDESK_LEGACY_CA_PIN");
    Run run = runTool(test::ServerProcess::defaultExecutable(), arguments, 30000);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(QStringLiteral("CERTDESK_LEGACY_CA_PIN")), qPrintable(run.output));
    qputenv("CERTDESK_LEGACY_CA_PIN", "00000000");
    run = runTool(test::ServerProcess::defaultExecutable(), arguments, 30000);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(QStringLiteral("legacy RSA CA key in ")) && run.output.contains(TokenLabel)
            && run.output.contains(QStringLiteral("PinIncorrect")),
        qPrintable(run.output));
    // A CKA_ID the token does not hold: named.
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("wrong-id.conf")),
        readFile(m_config).replace(
            QByteArray("pkcs11_key_id = " + KeyId.toHex()), QByteArray("pkcs11_key_id = 0bad"))));
    qputenv("CERTDESK_LEGACY_CA_PIN", UserPin.toUtf8());
    QStringList wrongId = arguments;
    wrongId[1] = m_dir.filePath(QStringLiteral("wrong-id.conf"));
    run = runTool(test::ServerProcess::defaultExecutable(), wrongId, 30000);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(
        run.output.contains(QStringLiteral("no RSA private key with CKA_ID 0bad")), qPrintable(run.output));
    // The key of another CA on the token, named in the config: the test signature at start finds it.
    QTemporaryDir otherDir;
    QVERIFY(pki::LegacyRsaCa::loadOrCreate(otherDir.path()).hasValue());
    QVERIFY(m_softhsm->importKeyPair(TokenLabel, UserPin,
        pkcs8Der(readFile(otherDir.filePath(QStringLiteral("legacy-rsa-ca.key")))), QByteArrayLiteral("\x2b"),
        QStringLiteral("other")));
    QVERIFY(writeFile(wrongId[1],
        readFile(m_config).replace(
            QByteArray("pkcs11_key_id = " + KeyId.toHex()), QByteArray("pkcs11_key_id = 2b"))));
    run = runTool(test::ServerProcess::defaultExecutable(), wrongId, 30000);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(QStringLiteral("does not match the legacy CA certificate")),
        qPrintable(run.output));
}

void TestLegacyHsm::crlAndOcspSignedInTheModule()
{
    qputenv("CERTDESK_LEGACY_CA_PIN", UserPin.toUtf8());
    QVERIFY2(m_fixture.start({QStringLiteral("--config"), m_config}), qPrintable(m_fixture.error()));

    // An old certificate minted by the legacy CA, i.e. signed in the module: it chains to the CA.
    m_old = m_fixture.mintLegacy();
    QVERIFY2(m_old, qPrintable(m_fixture.error()));
    const QString oldPem = m_dir.filePath(QStringLiteral("old.pem"));
    QVERIFY(writeFile(oldPem, pki::certificateToPem(m_old->certificate)));
    Run verified = runTool(QStringLiteral("openssl"),
        {QStringLiteral("verify"), QStringLiteral("-CAfile"), legacyPem(), oldPem});
    QVERIFY2(verified.exitCode == 0 && verified.output.contains(QStringLiteral(": OK")),
        qPrintable(verified.output));

    // Good before confirmation; the response's signer was certified by the module at start.
    QString output = opensslOcsp(oldPem);
    QVERIFY2(output.contains(oldPem + QStringLiteral(": good")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("Response verify OK")), qPrintable(output));

    const auto approved = m_fixture.approve(*m_old);
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    auto transport = pki::Sm2Key::generate();
    QVERIFY(transport.hasValue());
    auto issued = test::await(m_fixture.counter().issue(approved->id, transport->subjectPublicKeyInfo(), {}));
    QVERIFY2(issued.ok(), qPrintable(issued.ok() ? QString() : test::describe(issued.error())));
    output = opensslOcsp(oldPem);
    QVERIFY2(output.contains(oldPem + QStringLiteral(": good")), qPrintable(output));
    auto confirmed = test::await(m_fixture.counter().confirmIssuance(
        approved->id, issued->issuanceId, QStringLiteral("T0001"), QStringLiteral("new UKey")));
    QVERIFY2(confirmed.ok(), qPrintable(confirmed.ok() ? QString() : test::describe(confirmed.error())));

    // Revoked after it, on OCSP and on the legacy CRL, which OpenSSL verifies against the CA certificate.
    output = opensslOcsp(oldPem);
    QVERIFY2(output.contains(oldPem + QStringLiteral(": revoked")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("Response verify OK")), qPrintable(output));
    const auto serials = m_fixture.legacyCrlSerials();
    QVERIFY2(serials, qPrintable(m_fixture.error()));
    QVERIFY(serials->contains(test::normalHex(m_old->serial)));
    auto crl = test::await(m_fixture.applicant().legacyCrl());
    QVERIFY(crl.ok());
    const QString crlFile = m_dir.filePath(QStringLiteral("legacy.crl"));
    QVERIFY(writeFile(crlFile, crl->bytes));
    verified = runTool(QStringLiteral("openssl"),
        {QStringLiteral("crl"), QStringLiteral("-inform"), QStringLiteral("DER"), QStringLiteral("-in"),
            crlFile, QStringLiteral("-CAfile"), legacyPem(), QStringLiteral("-noout"),
            QStringLiteral("-verify")});
    QVERIFY2(verified.exitCode == 0 && verified.output.contains(QStringLiteral("verify OK")),
        qPrintable(verified.output));
    // The service holds the key and publishes the revocation itself: nothing is queued for the CA's own
    // system.
    const Run exported = runTool(test::ServerProcess::defaultExecutable(),
        {QStringLiteral("legacy"), QStringLiteral("revocations"), QStringLiteral("--data-dir"),
            m_fixture.server().dataDirectory()});
    QCOMPARE(exported.exitCode, 0);
    QCOMPARE(
        exported.output.trimmed(), QStringLiteral("serial,reason,revoked_at,order_no,webhook,delivered_at"));
    // A CRL with one byte of its signature changed fails there: the check can fail.
    QByteArray tampered = crl->bytes;
    tampered[tampered.size() - 1] = char(tampered.at(tampered.size() - 1) ^ 0x01);
    QVERIFY(writeFile(crlFile, tampered));
    verified = runTool(QStringLiteral("openssl"),
        {QStringLiteral("crl"), QStringLiteral("-inform"), QStringLiteral("DER"), QStringLiteral("-in"),
            crlFile, QStringLiteral("-CAfile"), legacyPem(), QStringLiteral("-noout"),
            QStringLiteral("-verify")});
    QVERIFY2(verified.output.contains(QStringLiteral("verify failure")), qPrintable(verified.output));
}

void TestLegacyHsm::noKeyFileAnywhere()
{
    // Every key file the service can read (its data directory, the CA directory, the directory of its
    // config) is checked: none holds the legacy CA's key. The only RSA key there is the delegated OCSP
    // signer's, encrypted, and a different key.
    const X509* legacy = nullptr;
    const unsigned char* p = reinterpret_cast<const unsigned char*>(m_legacyDer.constData());
    std::unique_ptr<X509, decltype(&X509_free)> certificate(
        d2i_X509(nullptr, &p, m_legacyDer.size()), X509_free);
    legacy = certificate.get();
    QVERIFY(legacy != nullptr);
    int keyFiles = 0;
    for (const QString& root : {m_fixture.server().dataDirectory(), m_dir.path()}) {
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(QStringLiteral("/softhsm/")))
                continue; // the HSM itself
            const QByteArray bytes = readFile(path);
            QVERIFY2(!bytes.contains("-----BEGIN PRIVATE KEY-----")
                    && !bytes.contains("-----BEGIN RSA PRIVATE KEY"),
                qPrintable(path));
            if (!bytes.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
                continue;
            ++keyFiles;
            auto key = pki::readKeyFile(path, pki::SecureBytes(CaPassphrase));
            if (!key) // the offline root key (SM2) has its own passphrase
                key = pki::readKeyFile(path, pki::SecureBytes(QByteArrayView("offline root passphrase")));
            QVERIFY2(key.hasValue(), qPrintable(path));
            QVERIFY2(X509_check_private_key(legacy, key->get()) != 1, qPrintable(path));
        }
    }
    // The offline root key, the issuing SM2 key, the SM2 and the legacy OCSP signers' keys.
    QVERIFY2(keyFiles >= 4, qPrintable(QString::number(keyFiles)));
    QVERIFY(
        QFile::exists(m_fixture.server().dataDirectory() + QStringLiteral("/ca/legacy-rsa/ocsp-signer.key")));
}

QTEST_GUILESS_MAIN(TestLegacyHsm)
#include "tst_legacy_hsm.moc"
