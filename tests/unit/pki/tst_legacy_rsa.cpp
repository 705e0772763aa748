#include "TestEnvironment.h"

#include "pki/CertificateChain.h"
#include "pki/CertificateInfo.h"
#include "pki/KeyFile.h"
#include "pki/LegacyRsaCa.h"
#include "pki/Pem.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/rand.h>

#include <atomic>

using namespace certdesk;
using namespace certdesk::pki;

namespace {

QByteArray challenge()
{
    QByteArray bytes(32, '\0');
    RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), 32);
    return bytes;
}

// An RsaSigner as an HSM behaves: the key out of OpenSSL's reach behind an interface; counts its calls.
class CountingSigner final : public RsaSigner
{
public:
    explicit CountingSigner(EvpPkeyPtr key)
        : m_key(std::move(key))
    { }
    [[nodiscard]] PkiResult<QByteArray> signSha256(QByteArrayView data) const override
    {
        ++calls;
        EvpMdCtxPtr context(EVP_MD_CTX_new());
        std::size_t length = 0;
        if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1
            || EVP_DigestSign(context.get(), nullptr, &length,
                   reinterpret_cast<const unsigned char*>(data.data()), std::size_t(data.size()))
                != 1)
            return PkiError {PkiStatus::InternalError, QStringLiteral("sign")};
        QByteArray signature(qsizetype(length), '\0');
        if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                reinterpret_cast<const unsigned char*>(data.data()), std::size_t(data.size()))
            != 1)
            return PkiError {PkiStatus::InternalError, QStringLiteral("sign")};
        signature.truncate(qsizetype(length));
        return signature;
    }
    mutable std::atomic<int> calls {0};

private:
    EvpPkeyPtr m_key;
};

} // namespace

class TestLegacyRsa : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void mintInstitution();
    void mintNaturalPerson();
    void possessionProofVerifies();
    void wrongChallengeFails();
    void otherKeyFails();
    void certificateFromAnotherCaFails();
    void reloadGivesTheSameCa();
    void badInput();
    void crlOfItsOwnCertificates();
    void keyBehindASigner();
    void checkIssued();

private:
    QTemporaryDir m_dir;
    std::optional<LegacyRsaCa> m_ca;
    LegacyCertificate m_institution;
    QDateTime m_notAfter;
};

void TestLegacyRsa::initTestCase()
{
    test::fixEnvironment();
    auto ca = LegacyRsaCa::loadOrCreate(m_dir.path());
    QVERIFY2(ca, qPrintable(ca.detail()));
    m_ca = *ca;
    m_notAfter = QDateTime(QDate::currentDate().addDays(30), QTime(15, 59, 59), Qt::UTC);
    auto minted = m_ca->mint(CertificateCategory::Institution, QStringLiteral("深圳市测试科技有限公司"),
        QStringLiteral("91440300MA5FXXXX0X"), m_notAfter);
    QVERIFY2(minted, qPrintable(minted.detail()));
    m_institution = std::move(*minted);
}

void TestLegacyRsa::mintInstitution()
{
    auto info = CertificateInfo::parse(m_institution.certificateDer);
    QVERIFY(info);
    QCOMPARE(info->serialHex, m_institution.serialHex);
    QCOMPARE(info->keyAlgorithm, QStringLiteral("RSA-2048"));
    QCOMPARE(info->signatureAlgorithm, QStringLiteral("sha256WithRSAEncryption"));
    QCOMPARE(info->subject.organization, QStringLiteral("深圳市测试科技有限公司"));
    QCOMPARE(info->subject.commonName, QStringLiteral("深圳市测试科技有限公司"));
    QCOMPARE(info->subject.serialNumber, QStringLiteral("91440300MA5FXXXX0X"));
    QCOMPARE(info->notAfter, m_notAfter);
    QVERIFY(info->notBefore < info->notAfter);
    QVERIFY(info->notBefore <= QDateTime::currentDateTimeUtc());
    QVERIFY(!info->isCa);
    QVERIFY(info->keyUsage & KeyUsage::DigitalSignature);
    QVERIFY(verifyCertificateChain(m_institution.certificateDer, {}, {m_ca->certificate()}));
    QVERIFY(!m_institution.privateKeyPkcs8.isEmpty());
}

void TestLegacyRsa::mintNaturalPerson()
{
    // An expired one, as the sandbox seeds for "renew after expiry".
    const QDateTime expired = QDateTime::currentDateTimeUtc().addDays(-100);
    auto minted = m_ca->mint(CertificateCategory::NaturalPerson, QStringLiteral("张三"),
        QStringLiteral("11010519491231002X"), expired);
    QVERIFY(minted);
    auto info = CertificateInfo::parse(minted->certificateDer);
    QVERIFY(info);
    QCOMPARE(info->subject.commonName, QStringLiteral("张三"));
    QVERIFY(info->subject.organization.isEmpty());
    QCOMPARE(info->personIdNumber, QStringLiteral("11010519491231002X"));
    QCOMPARE(info->notAfter.toSecsSinceEpoch(), expired.toSecsSinceEpoch());
    // Possession can still be proven with an expired certificate (renewal within 365 days after expiry).
    const QByteArray nonce = challenge();
    auto signature = LegacyRsaCa::signChallenge(minted->privateKeyPkcs8, nonce);
    QVERIFY(signature);
    QVERIFY(m_ca->verifyPossession(minted->certificateDer, nonce, *signature));
}

void TestLegacyRsa::possessionProofVerifies()
{
    const QByteArray nonce = challenge();
    auto signature = LegacyRsaCa::signChallenge(m_institution.privateKeyPkcs8, nonce);
    QVERIFY2(signature, qPrintable(signature.detail()));
    QCOMPARE(signature->size(), 256);
    auto verified = m_ca->verifyPossession(m_institution.certificateDer, nonce, *signature);
    QVERIFY2(verified, qPrintable(verified.detail()));
}

void TestLegacyRsa::wrongChallengeFails()
{
    const QByteArray nonce = challenge();
    auto signature = LegacyRsaCa::signChallenge(m_institution.privateKeyPkcs8, nonce);
    QVERIFY(signature);
    QByteArray other = nonce;
    other[0] = static_cast<char>(other[0] ^ 1);
    QCOMPARE(m_ca->verifyPossession(m_institution.certificateDer, other, *signature).status(),
        PkiStatus::BadSignature);
    QByteArray broken = *signature;
    broken[10] = static_cast<char>(broken[10] ^ 1);
    QCOMPARE(m_ca->verifyPossession(m_institution.certificateDer, nonce, broken).status(),
        PkiStatus::BadSignature);
    QCOMPARE(m_ca->verifyPossession(m_institution.certificateDer, nonce, QByteArray()).status(),
        PkiStatus::BadSignature);
}

void TestLegacyRsa::otherKeyFails()
{
    auto other = m_ca->mint(CertificateCategory::InstitutionBusiness, QStringLiteral("另一家公司"),
        QStringLiteral("91440300MA5FYYYY1Y"), m_notAfter);
    QVERIFY(other);
    QVERIFY(other->serialHex != m_institution.serialHex);
    const QByteArray nonce = challenge();
    auto signature = LegacyRsaCa::signChallenge(other->privateKeyPkcs8, nonce);
    QVERIFY(signature);
    QCOMPARE(m_ca->verifyPossession(m_institution.certificateDer, nonce, *signature).status(),
        PkiStatus::BadSignature);
}

void TestLegacyRsa::certificateFromAnotherCaFails()
{
    QTemporaryDir otherDir;
    auto otherCa = LegacyRsaCa::loadOrCreate(otherDir.path());
    QVERIFY(otherCa);
    auto foreign = otherCa->mint(CertificateCategory::Institution, QStringLiteral("深圳市测试科技有限公司"),
        QStringLiteral("91440300MA5FXXXX0X"), m_notAfter);
    QVERIFY(foreign);
    const QByteArray nonce = challenge();
    auto signature = LegacyRsaCa::signChallenge(foreign->privateKeyPkcs8, nonce);
    QVERIFY(signature);
    auto result = m_ca->verifyPossession(foreign->certificateDer, nonce, *signature);
    QCOMPARE(result.status(), PkiStatus::BadSignature);
}

void TestLegacyRsa::reloadGivesTheSameCa()
{
    QFile key(QDir(m_dir.path()).filePath(QStringLiteral("legacy-rsa-ca.key")));
    QVERIFY(key.exists());
    QVERIFY(!(key.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
    auto reloaded = LegacyRsaCa::loadOrCreate(m_dir.path());
    QVERIFY2(reloaded, qPrintable(reloaded.detail()));
    QCOMPARE(reloaded->certificate(), m_ca->certificate());
    const QByteArray nonce = challenge();
    auto signature = LegacyRsaCa::signChallenge(m_institution.privateKeyPkcs8, nonce);
    QVERIFY(signature);
    QVERIFY(reloaded->verifyPossession(m_institution.certificateDer, nonce, *signature));
}

void TestLegacyRsa::badInput()
{
    QCOMPARE(m_ca->verifyPossession("junk", "x", "y").status(), PkiStatus::BadInput);
    QCOMPARE(
        LegacyRsaCa::signChallenge(SecureBytes(QByteArrayView("junk")), "x").status(), PkiStatus::BadInput);
    QCOMPARE(
        m_ca->mint(CertificateCategory::Institution, QString(), QStringLiteral("1"), m_notAfter).status(),
        PkiStatus::BadInput);
}

void TestLegacyRsa::crlOfItsOwnCertificates()
{
    // The legacy CA's own CRL (RFC 5280: a CRL lists its issuer's certificates only), RSA with SHA-256,
    // checked here by CertDesk and by `openssl crl -CAfile` (which handles RSA CRLs fully).
    const QDateTime now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    QVERIFY(LegacyRsaCa::existsIn(m_dir.path()));
    QTemporaryDir empty;
    QVERIFY(!LegacyRsaCa::existsIn(empty.path()));
    auto crl = m_ca->makeCrl({{m_institution.serialHex, now, 4}}, now, now.addDays(1));
    QVERIFY2(crl, qPrintable(crl.detail()));
    QVERIFY(verifyCrl(*crl, m_ca->certificate()));
    QByteArray tampered = *crl;
    tampered[tampered.size() - 1] = static_cast<char>(tampered.back() ^ 1);
    QCOMPARE(verifyCrl(tampered, m_ca->certificate()).status(), PkiStatus::BadSignature);

    QTemporaryDir dir;
    QFile crlFile(dir.filePath(QStringLiteral("legacy.crl")));
    QFile caFile(dir.filePath(QStringLiteral("legacy.pem")));
    QVERIFY(crlFile.open(QIODevice::WriteOnly) && crlFile.write(*crl) == crl->size());
    QVERIFY(caFile.open(QIODevice::WriteOnly) && caFile.write(certificateToPem(m_ca->certificate())) > 0);
    crlFile.close();
    caFile.close();
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"),
        {QStringLiteral("crl"), QStringLiteral("-inform"), QStringLiteral("DER"), QStringLiteral("-in"),
            crlFile.fileName(), QStringLiteral("-CAfile"), caFile.fileName(), QStringLiteral("-text"),
            QStringLiteral("-noout")});
    QVERIFY(openssl.waitForFinished(60000));
    const QString output = QString::fromUtf8(openssl.readAll());
    QVERIFY2(output.contains(QLatin1String("verify OK")), qPrintable(output));
    QVERIFY2(
        output.contains(QStringLiteral("Serial Number: ") + m_institution.serialHex), qPrintable(output));
    QVERIFY(output.contains(QLatin1String("sha256WithRSAEncryption")));
    QVERIFY(output.contains(QLatin1String("X509v3 CRL Number: \n                1")));

    // The cRLNumber is persisted: a reloaded CA continues from it.
    auto reloaded = LegacyRsaCa::loadOrCreate(m_dir.path());
    QVERIFY(reloaded);
    auto next = reloaded->makeCrl({}, now, now.addDays(1));
    QVERIFY(next);
    QFile numberFile(QDir(m_dir.path()).filePath(QStringLiteral("crlnumber")));
    QVERIFY(numberFile.open(QIODevice::ReadOnly));
    QCOMPARE(numberFile.readAll().trimmed(), QByteArrayLiteral("2"));
    QCOMPARE(
        m_ca->makeCrl({{QStringLiteral("xyz"), now, -1}}, now, now.addDays(1)).status(), PkiStatus::BadInput);
}

void TestLegacyRsa::keyBehindASigner()
{
    // The CA's key reachable only through an RsaSigner (an HSM in the service): CRL, OCSP signer and minted
    // certificates are signed by it, with the DER assembled around its signature.
    auto key = readKeyFile(QDir(m_dir.path()).filePath(QStringLiteral("legacy-rsa-ca.key")), {});
    QVERIFY(key);
    auto signer = std::make_shared<CountingSigner>(std::move(*key));
    auto ca = LegacyRsaCa::fromSigner(m_ca->certificate(), signer);
    QVERIFY2(ca, qPrintable(ca.detail()));
    QVERIFY(ca->hasKey());
    const int afterProbe = signer->calls;
    QCOMPARE(afterProbe, 1); // the start-up check that the key belongs to the certificate
    const QDateTime now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    auto crl = ca->makeCrl({{m_institution.serialHex, now, 4}}, now, now.addDays(1));
    QVERIFY2(crl, qPrintable(crl.detail()));
    QCOMPARE(signer->calls, afterProbe + 1);
    QVERIFY(verifyCrl(*crl, m_ca->certificate()));
    auto responder = ca->issueOcspSigner(now.addDays(30));
    QVERIFY2(responder, qPrintable(responder.detail()));
    QCOMPARE(signer->calls, afterProbe + 2);
    QVERIFY(ca->checkIssued(responder->certificateDer));
    auto minted = ca->mint(CertificateCategory::NaturalPerson, QStringLiteral("张伟"),
        QStringLiteral("44030519850312001X"), m_notAfter);
    QVERIFY2(minted, qPrintable(minted.detail()));
    QCOMPARE(signer->calls, afterProbe + 3);
    QVERIFY(m_ca->checkIssued(minted->certificateDer));

    // A signer holding another key is refused at once.
    QTemporaryDir otherDir;
    QVERIFY(LegacyRsaCa::loadOrCreate(otherDir.path()));
    auto otherKey = readKeyFile(QDir(otherDir.path()).filePath(QStringLiteral("legacy-rsa-ca.key")), {});
    QVERIFY(otherKey);
    QCOMPARE(
        LegacyRsaCa::fromSigner(m_ca->certificate(), std::make_shared<CountingSigner>(std::move(*otherKey)))
            .status(),
        PkiStatus::KeyMismatch);
    // Without a key nothing is signed.
    auto certificateOnly = LegacyRsaCa::fromCertificate(m_ca->certificate(), {});
    QVERIFY(certificateOnly);
    QVERIFY(!certificateOnly->hasKey());
    QCOMPARE(certificateOnly->makeCrl({}, now, now.addDays(1)).status(), PkiStatus::Unsupported);
}

void TestLegacyRsa::checkIssued()
{
    QVERIFY(m_ca->checkIssued(m_institution.certificateDer));
    QCOMPARE(m_ca->checkIssued("junk").status(), PkiStatus::BadInput);
    // Another CA with the very same name: refused on the key, not the name.
    QTemporaryDir otherDir;
    auto otherCa = LegacyRsaCa::loadOrCreate(otherDir.path());
    QVERIFY(otherCa);
    auto foreign = otherCa->mint(CertificateCategory::Institution, QStringLiteral("深圳市测试科技有限公司"),
        QStringLiteral("91440300MA5FXXXX0X"), m_notAfter);
    QVERIFY(foreign);
    QCOMPARE(m_ca->checkIssued(foreign->certificateDer).status(), PkiStatus::BadSignature);
    // A certificate of this CA with one bit of its signature changed.
    QByteArray tampered = m_institution.certificateDer;
    tampered[tampered.size() - 1] = static_cast<char>(tampered.back() ^ 1);
    QCOMPARE(m_ca->checkIssued(tampered).status(), PkiStatus::BadSignature);
}

QTEST_GUILESS_MAIN(TestLegacyRsa)
#include "tst_legacy_rsa.moc"
