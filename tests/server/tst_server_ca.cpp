// certdesk-server's CAs over HTTP: a CRL per issuer (the SM2 issuing CA's at /ca/crl, the legacy RSA CA's at
// /ca/legacy-crl with its certificate at /ca/legacy-certificate), and an SM2 CA from an earlier CertDesk
// (root and issuing CA signed with the empty SM2 ID) found in the data directory: re-created with a message
// in the sandbox, refused with a message naming the certificate outside it.

#include "ServerHarness.h"
#include "TestEnvironment.h"

#include "pki/CertificateAuthority.h"
#include "pki/CertificateChain.h"
#include "pki/OpenSslHandles.h"
#include "pki/Pem.h"
#include "pki/Sm2.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/pem.h>

using namespace certdesk;
using namespace certdesk::servertest;

namespace {

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray privateKeyPem(const pki::Sm2Key& key)
{
    pki::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio
        || PEM_write_bio_PKCS8PrivateKey(bio.get(), key.evpPkey(), nullptr, nullptr, 0, nullptr, nullptr)
            != 1)
        return {};
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, length);
}

// The files an earlier CertDesk left in DATA/ca/sm2: root and issuing CA signed with the empty SM2 ID.
// Returns the root certificate (DER), empty on failure.
QByteArray writeEmptyIdCa(const QString& dataDir)
{
    const QString dir = dataDir + QStringLiteral("/ca/sm2");
    if (!QDir().mkpath(dir))
        return {};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto root = pki::CertificateAuthority::createRoot(
        pki::CaSettings::defaultRootSubject(), {now.addDays(-1), now.addYears(5)}, QByteArrayView(""));
    if (!root)
        return {};
    auto issuing = pki::CertificateAuthority::createIssuing(*root, pki::CaSettings::defaultIssuingSubject(),
        {now.addDays(-1), now.addYears(4)}, QByteArrayView(""));
    if (!issuing)
        return {};
    const bool written = writeFile(dir + QStringLiteral("/root-ca.key"), privateKeyPem(root->key))
        && writeFile(dir + QStringLiteral("/issuing-ca.key"), privateKeyPem(issuing->key))
        && writeFile(dir + QStringLiteral("/root-ca.pem"), pki::certificateToPem(root->certificateDer))
        && writeFile(dir + QStringLiteral("/issuing-ca.pem"), pki::certificateToPem(issuing->certificateDer));
    return written ? root->certificateDer : QByteArray();
}

} // namespace

class TestServerCa : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void crlPerIssuer();
    void sandboxRecreatesEmptyIdCa();
    void productionRefusesEmptyIdCa();
};

void TestServerCa::initTestCase()
{
    test::fixEnvironment();
}

void TestServerCa::crlPerIssuer()
{
    QTemporaryDir dir;
    ServerProcess server;
    QVERIFY2(server.start(dir.filePath(QStringLiteral("data"))), qPrintable(server.lastError()));
    Http http(server.port());

    const Reply chain = http.get(QStringLiteral("ca/certificates"));
    QCOMPARE(chain.status, 200);
    const QList<QByteArray> sm2 = pki::certificatesFromPem(chain.body);
    QCOMPARE(sm2.size(), 2);
    QVERIFY(pki::verifyCaCertificates(sm2[1], sm2[0]));
    const Reply crl = http.get(QStringLiteral("ca/crl"));
    QCOMPARE(crl.status, 200);
    QVERIFY(pki::verifyCrl(crl.body, sm2[0]));

    const Reply legacy = http.get(QStringLiteral("ca/legacy-certificate"));
    QCOMPARE(legacy.status, 200);
    QVERIFY(legacy.header("Content-Type").startsWith(QLatin1String("application/x-pem-file")));
    const QList<QByteArray> legacyCa = pki::certificatesFromPem(legacy.body);
    QCOMPARE(legacyCa.size(), 1);
    const Reply legacyCrl = http.get(QStringLiteral("ca/legacy-crl"));
    QCOMPARE(legacyCrl.status, 200);
    QVERIFY(legacyCrl.header("Content-Type").startsWith(QLatin1String("application/pkix-crl")));
    QVERIFY(pki::verifyCrl(legacyCrl.body, legacyCa[0]));
    // Each CRL is its own issuer's: the SM2 CRL is not the legacy CA's and the other way round.
    QCOMPARE(pki::verifyCrl(crl.body, legacyCa[0]).status(), pki::PkiStatus::BadInput);
    QCOMPARE(pki::verifyCrl(legacyCrl.body, sm2[0]).status(), pki::PkiStatus::BadInput);
    QCOMPARE(server.terminate(), 0);
}

void TestServerCa::sandboxRecreatesEmptyIdCa()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QByteArray oldRoot = writeEmptyIdCa(data);
    QVERIFY(!oldRoot.isEmpty());

    ServerProcess server;
    QVERIFY2(server.start(data), qPrintable(server.lastError()));
    const QString log = QString::fromUtf8(server.standardError());
    QVERIFY2(log.contains(QLatin1String("sandbox: the SM2 CA in")), qPrintable(log));
    QVERIFY2(
        log.contains(QLatin1String("not signed with the SM2 user ID 1234567812345678")), qPrintable(log));
    QVERIFY2(log.contains(QLatin1String("a new SM2 CA was created")), qPrintable(log));

    // The new CA is standard; the old one was moved aside, not deleted.
    Http http(server.port());
    const Reply chain = http.get(QStringLiteral("ca/certificates"));
    QCOMPARE(chain.status, 200);
    const QList<QByteArray> sm2 = pki::certificatesFromPem(chain.body);
    QCOMPARE(sm2.size(), 2);
    QVERIFY(sm2[1] != oldRoot);
    QVERIFY(pki::verifyCaCertificates(sm2[1], sm2[0]));
    const QStringList aside
        = QDir(data + QStringLiteral("/ca"))
              .entryList({QStringLiteral("sm2.superseded-*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(aside.size(), 1);
    QFile oldFile(data + QStringLiteral("/ca/") + aside.front() + QStringLiteral("/root-ca.pem"));
    QVERIFY(oldFile.open(QIODevice::ReadOnly));
    QCOMPARE(pki::certificatesFromPem(oldFile.readAll()).value(0), oldRoot);
    QCOMPARE(server.terminate(), 0);

    // A second start keeps the new CA and says nothing.
    QVERIFY2(server.start(data), qPrintable(server.lastError()));
    QVERIFY(!server.standardError().contains("sandbox: the SM2 CA"));
    QCOMPARE(Http(server.port()).get(QStringLiteral("ca/certificates")).body, chain.body);
    QCOMPARE(server.terminate(), 0);
}

void TestServerCa::productionRefusesEmptyIdCa()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    QVERIFY(!writeEmptyIdCa(data).isEmpty());
    ServerProcess server;
    QVERIFY(!server.start(data, {}, false));
    QVERIFY2(server.lastError().contains(QLatin1String("the root CA certificate (CN=CertDesk SM2 Root CA)")),
        qPrintable(server.lastError()));
    QVERIFY2(server.lastError().contains(QLatin1String("1234567812345678")), qPrintable(server.lastError()));
    QVERIFY(QFile::exists(data + QStringLiteral("/ca/sm2/root-ca.pem"))); // left as it was
}

QTEST_GUILESS_MAIN(TestServerCa)
#include "tst_server_ca.moc"
