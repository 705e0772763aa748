// The issuing SM2 CA key in an HSM: the project's SM2 test module stands in for it. `certdesk-server ca init`
// generates the issuing key on the token (the root key goes to an encrypted file, offline), the real server
// (sandbox journey, [ca] key_source = pkcs11 in its config) issues with it, and a fault armed in C_Sign makes
// the issuance fail: proof that every CA signature comes from the module and from nowhere else.
#include "IssuanceFixture.h"
#include "TestEnvironment.h"
#include "TestModuleControl.h"

#include "pki/CertificateChain.h"
#include "pki/CertificateInfo.h"
#include "pki/Ocsp.h"
#include "pki/Sm2Key.h"
#include "token/ModuleLoader.h"
#include "token/TokenSession.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk;

namespace {

const QString TokenLabel = QStringLiteral("CertDesk HSM");
const QString UserPin = QStringLiteral("24681357");
const QByteArray KeyId = QByteArrayLiteral("\x0c\xa1");
constexpr quint64 CkrDeviceError = 0x30;

// GET or (with a body) POST on the test server; the body of a 200 answer, empty otherwise.
QByteArray http(int port, const QString& path, const QByteArray& body = {}, const QByteArray& type = {})
{
    QNetworkAccessManager manager;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    if (!type.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, type);
    QNetworkReply* reply = body.isEmpty() ? manager.get(request) : manager.post(request, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray answer = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200
        ? reply->readAll()
        : QByteArray();
    reply->deleteLater();
    return answer;
}

} // namespace

class TestCaHsm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void issuanceSignedByTheModule();
    void rootKeyStaysOffline();

private:
    QTemporaryDir m_dir;
    std::optional<test::Sm2TestModule> m_control;
    test::IssuanceFixture m_fixture;
    QString m_config;
};

void TestCaHsm::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
    QDir().mkpath(m_dir.filePath(QStringLiteral("token")));
    m_control.emplace(m_dir.filePath(QStringLiteral("token")));
    m_control->activate();
    m_control->setSlotCount(1);
    QVERIFY(m_control->createToken(0, TokenLabel, UserPin, QStringLiteral("97531864")));

    m_config = m_dir.filePath(QStringLiteral("server.conf"));
    QFile config(m_config);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(
        QStringLiteral("[ca]\ndirectory = %1\nkey_source = pkcs11\npkcs11_module = %2\npkcs11_token = %3\n"
                       "pkcs11_key_id = %4\n")
            .arg(m_dir.filePath(QStringLiteral("ca")), test::Sm2TestModule::modulePath(), TokenLabel,
                QString::fromLatin1(KeyId.toHex()))
            .toUtf8());
    config.close();
    // Secrets through the environment (the child processes inherit it), never on a command line.
    qputenv("CERTDESK_CA_PIN", UserPin.toUtf8());
    qputenv("CERTDESK_ROOT_KEY_PASSPHRASE", "offline root passphrase");

    QProcess init;
    init.setProcessChannelMode(QProcess::MergedChannels);
    init.start(test::ServerProcess::defaultExecutable(),
        {QStringLiteral("ca"), QStringLiteral("init"), QStringLiteral("--config"), m_config,
            QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("unused")),
            QStringLiteral("--root-key"), m_dir.filePath(QStringLiteral("offline/root.key"))});
    QVERIFY(init.waitForFinished(60000));
    const QByteArray output = init.readAll();
    QVERIFY2(init.exitCode() == 0, output.constData());
    // The issuing key pair was generated on the token; the directory holds certificates only.
    QCOMPARE(m_control->objectCount(0), 2);
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("ca/issuing-ca.key"))));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("ca/root-ca.key"))));
    QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("offline/root.key"))));

    QVERIFY2(m_fixture.start({QStringLiteral("--config"), m_config}), qPrintable(m_fixture.error()));
}

void TestCaHsm::cleanup()
{
    m_control->clearFaults();
    if (QTest::currentTestFailed())
        qWarning("certdesk-server output (tail):\n%s", m_fixture.server().output().right(3000).constData());
}

void TestCaHsm::issuanceSignedByTheModule()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    auto transport = pki::Sm2Key::generate();
    QVERIFY(transport.hasValue());

    // The module refuses the next C_Sign: the issuance fails, nothing is issued.
    m_control->armFault(QStringLiteral("C_Sign"), 1, CkrDeviceError);
    auto failed = test::await(m_fixture.counter().issue(approved->id, transport->subjectPublicKeyInfo(), {}));
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().httpStatus, 500);
    m_control->clearFaults();

    // Without the fault it issues, and the certificates chain to the CA whose key is on the token.
    auto issued = test::await(m_fixture.counter().issue(approved->id, transport->subjectPublicKeyInfo(), {}));
    QVERIFY2(issued.ok(), qPrintable(issued.ok() ? QString() : test::describe(issued.error())));
    for (const QByteArray& der : {issued.value().signingCertificate, issued.value().encryptionCertificate}) {
        const auto chain = pki::verifyCertificateChain(der, {m_fixture.issuingDer()}, {m_fixture.rootDer()});
        QVERIFY2(chain.hasValue(), qPrintable(chain ? QString() : chain.detail()));
    }
    auto module = token::ModuleLoader::load(test::Sm2TestModule::modulePath());
    QVERIFY(module);
    auto session = module->openSession(TokenLabel);
    QVERIFY(session);
    const auto point = session->sm2PublicPoint(KeyId);
    QVERIFY(point);
    QCOMPARE(pki::CertificateInfo::parse(m_fixture.issuingDer())->publicKeyBits, *point);

    // The CRL is signed in the module as well, and verifies.
    const QByteArray crl = http(m_fixture.server().port(), QStringLiteral("/api/v1/ca/crl"));
    QVERIFY(!crl.isEmpty());
    QVERIFY(pki::verifyCrl(crl, m_fixture.issuingDer()).hasValue());

    // OCSP for the new certificate: the delegated signer was certified by the module at start.
    const auto request = pki::makeOcspRequest(issued.value().signingCertificate, m_fixture.issuingDer());
    QVERIFY(request.hasValue());
    const QByteArray response
        = http(m_fixture.server().port(), QStringLiteral("/ocsp"), request->der, "application/ocsp-request");
    const auto answer = pki::verifyOcspResponse(
        response, issued.value().signingCertificate, m_fixture.issuingDer(), request->nonce);
    QVERIFY2(answer.hasValue(), qPrintable(answer ? QString() : answer.detail()));
    QCOMPARE(answer->status, pki::OcspCertStatus::Good);
}

void TestCaHsm::rootKeyStaysOffline()
{
    // The service runs with the root certificate only: no root key anywhere it reads from.
    const QStringList files = QDir(m_dir.filePath(QStringLiteral("ca"))).entryList(QDir::Files);
    for (const QString& file : files)
        QVERIFY2(!file.startsWith(QStringLiteral("root")) || file.endsWith(QStringLiteral(".pem")),
            qPrintable(file));
    QFile root(m_dir.filePath(QStringLiteral("offline/root.key")));
    QVERIFY(root.open(QIODevice::ReadOnly));
    QVERIFY(root.readAll().startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
}

QTEST_GUILESS_MAIN(TestCaHsm)
#include "tst_ca_hsm.moc"
