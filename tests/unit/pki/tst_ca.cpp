#include "TestEnvironment.h"

#include "pki/CertificateAuthority.h"
#include "pki/CertificateChain.h"
#include "pki/CertificateInfo.h"
#include "pki/OpenSslHandles.h"
#include "pki/Pem.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/x509v3.h>

using namespace certdesk::pki;

namespace {

QDateTime nowUtc()
{
    return QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
}

X509Ptr parse(const QByteArray& der)
{
    const auto* in = reinterpret_cast<const unsigned char*>(der.constData());
    return X509Ptr(d2i_X509(nullptr, &in, static_cast<long>(der.size())));
}

bool extensionIsCritical(const QByteArray& der, int nid)
{
    const X509Ptr certificate = parse(der);
    const int index = X509_get_ext_by_NID(certificate.get(), nid, -1);
    return index >= 0 && X509_EXTENSION_get_critical(X509_get_ext(certificate.get(), index)) == 1;
}

struct ProcessResult
{
    int exitCode = -1;
    QString output;
};

ProcessResult runOpenSsl(const QStringList& arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit)
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAll())};
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestCa : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void caCertificatesAreCaCertificates();
    void keyFilesArePrivate();
    void issuesSigningAndEncryptionCertificates_data();
    void issuesSigningAndEncryptionCertificates();
    void serialsArePositiveAndShort();
    void explicitSerial();
    void subjectsAndIdentityExtension();
    void verifyChainAcceptsOwnRejectsForeign();
    void openSslCliVerifiesWithDistinguishingIdOnly();
    void crlListsRevokedSerials();
    void reloadGivesTheSameCa();
    void incompleteDirectoryIsRefused();
    void badRequests();
    void defaultIdCaObjectsVerifyToo();

private:
    QTemporaryDir m_dir;
    std::optional<CertificateAuthority> m_ca;
    Sm2Key m_key;

    [[nodiscard]] IssuedCertificate issue(CertificateProfile profile);
};

void TestCa::initTestCase()
{
    certdesk::test::fixEnvironment();
    QVERIFY(m_dir.isValid());
    auto ca = CertificateAuthority::loadOrCreate(m_dir.filePath(QStringLiteral("ca")));
    QVERIFY2(ca, qPrintable(ca.detail()));
    m_ca = *ca;
    auto key = Sm2Key::generate();
    QVERIFY(key);
    m_key = *key;
}

IssuedCertificate TestCa::issue(CertificateProfile profile)
{
    EndEntityRequest request;
    request.profile = profile;
    request.subject = Subject::institution(
        QStringLiteral("深圳市测试科技有限公司"), QStringLiteral("91440300MA5FXXXX0X"));
    request.publicKey = m_key.publicKey();
    request.validity = {nowUtc().addSecs(-60), nowUtc().addYears(1)};
    auto issued = m_ca->issueEndEntity(request);
    if (!issued)
        qWarning("issue failed: %s", qPrintable(issued.detail()));
    return issued ? *issued : IssuedCertificate();
}

void TestCa::caCertificatesAreCaCertificates()
{
    for (const QByteArray& der : {m_ca->rootCertificate(), m_ca->issuingCertificate()}) {
        auto info = CertificateInfo::parse(der);
        QVERIFY(info);
        QVERIFY(info->isCa);
        QVERIFY(info->isSm2());
        QCOMPARE(info->keyUsage, KeyUsage::KeyCertSign | KeyUsage::CrlSign);
        QVERIFY(extensionIsCritical(der, NID_basic_constraints));
        QVERIFY(extensionIsCritical(der, NID_key_usage));
        const X509Ptr certificate = parse(der);
        QVERIFY(X509_get0_subject_key_id(certificate.get()) != nullptr);
        QVERIFY(X509_get0_authority_key_id(certificate.get()) != nullptr);
    }
    auto issuing = CertificateInfo::parse(m_ca->issuingCertificate());
    auto root = CertificateInfo::parse(m_ca->rootCertificate());
    QCOMPARE(issuing->issuer, root->subject);
    QCOMPARE(root->issuer, root->subject);
    const QList<QByteArray> pemChain = certificatesFromPem(m_ca->chainPem());
    QCOMPARE(pemChain, m_ca->chain());
    QCOMPARE(pemChain.size(), 2);
    QCOMPARE(pemChain[0], m_ca->issuingCertificate());
}

void TestCa::keyFilesArePrivate()
{
    const QDir dir(m_dir.filePath(QStringLiteral("ca")));
    for (const QString& name : {QStringLiteral("root-ca.key"), QStringLiteral("issuing-ca.key")}) {
        QFile file(dir.filePath(name));
        QVERIFY(file.exists());
        const QFileDevice::Permissions permissions = file.permissions();
        QVERIFY(permissions.testFlag(QFileDevice::ReadOwner));
        QVERIFY(!(permissions
            & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther
                | QFileDevice::WriteOther | QFileDevice::ExeOwner)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().startsWith("-----BEGIN PRIVATE KEY-----")); // PKCS#8
    }
    QVERIFY(!dir.exists(QStringLiteral("root-ca.key.new")));
}

void TestCa::issuesSigningAndEncryptionCertificates_data()
{
    QTest::addColumn<CertificateProfile>("profile");
    QTest::addColumn<quint32>("usage");
    QTest::newRow("signing") << CertificateProfile::Signing
                             << (KeyUsage::DigitalSignature | KeyUsage::NonRepudiation);
    QTest::newRow("encryption") << CertificateProfile::Encryption
                                << (KeyUsage::KeyEncipherment | KeyUsage::DataEncipherment);
}

void TestCa::issuesSigningAndEncryptionCertificates()
{
    QFETCH(CertificateProfile, profile);
    QFETCH(quint32, usage);
    const IssuedCertificate issued = issue(profile);
    QVERIFY(!issued.der.isEmpty());
    auto info = CertificateInfo::parse(issued.der);
    QVERIFY(info);
    QVERIFY(info->hasKeyUsage);
    QCOMPARE(info->keyUsage, usage);
    QVERIFY(!info->isCa);
    QVERIFY(extensionIsCritical(issued.der, NID_key_usage));
    QCOMPARE(info->serialHex, issued.serialHex);
    QCOMPARE(info->keyAlgorithm, QStringLiteral("SM2"));
    QCOMPARE(info->signatureAlgorithm, QStringLiteral("SM2-with-SM3"));
    QCOMPARE(info->publicKeyBits, m_key.publicPoint());
    QVERIFY(info->certifies(m_key.subjectPublicKeyInfo()));
    const X509Ptr certificate = parse(issued.der);
    const X509Ptr issuing = parse(m_ca->issuingCertificate());
    QCOMPARE(ASN1_OCTET_STRING_cmp(
                 X509_get0_authority_key_id(certificate.get()), X509_get0_subject_key_id(issuing.get())),
        0);
    QVERIFY(X509_get0_subject_key_id(certificate.get()) != nullptr);
    QVERIFY(m_ca->verifyChain(issued.der));
}

void TestCa::serialsArePositiveAndShort()
{
    QSet<QString> seen;
    for (int i = 0; i < 20; ++i) {
        const IssuedCertificate issued = issue(CertificateProfile::Signing);
        const X509Ptr certificate = parse(issued.der);
        const ASN1_INTEGER* serial = X509_get0_serialNumber(certificate.get());
        QCOMPARE(ASN1_STRING_type(serial), V_ASN1_INTEGER); // not V_ASN1_NEG_INTEGER
        QVERIFY(ASN1_STRING_length(serial) <= 20);
        QVERIFY(ASN1_STRING_length(serial) >= 8);
        QVERIFY(issued.serialHex == issued.serialHex.toUpper());
        QVERIFY(!seen.contains(issued.serialHex));
        seen.insert(issued.serialHex);
    }
}

void TestCa::explicitSerial()
{
    EndEntityRequest request;
    request.subject = Subject::naturalPerson(QStringLiteral("李四"));
    request.publicKey = m_key;
    request.validity = {nowUtc(), nowUtc().addDays(30)};
    request.serial = QByteArray::fromHex("0102030405060708090a");
    auto issued = m_ca->issueEndEntity(request);
    QVERIFY2(issued, qPrintable(issued.detail()));
    QCOMPARE(issued->serialHex, QStringLiteral("0102030405060708090A"));
    for (const QByteArray& bad :
        {QByteArray::fromHex("80"), QByteArray(21, '\x01'), QByteArray::fromHex("0000")}) {
        request.serial = bad;
        QCOMPARE(m_ca->issueEndEntity(request).status(), PkiStatus::BadInput);
    }
}

void TestCa::subjectsAndIdentityExtension()
{
    EndEntityRequest person;
    person.subject = Subject::naturalPerson(QStringLiteral("王五"));
    person.personIdNumber = QStringLiteral("11010519491231002X");
    person.publicKey = m_key;
    person.validity = {nowUtc(), nowUtc().addYears(1)};
    auto issued = m_ca->issueEndEntity(person);
    QVERIFY2(issued, qPrintable(issued.detail()));
    auto info = CertificateInfo::parse(issued->der);
    QVERIFY(info);
    QCOMPARE(info->subject.commonName, QStringLiteral("王五"));
    QVERIFY(info->subject.organization.isEmpty());
    QCOMPARE(info->personIdNumber, QStringLiteral("11010519491231002X"));
    QVERIFY(!extensionIsCritical(issued->der, OBJ_txt2nid("1.2.156.10260.4.1.1")));
    QCOMPARE(info->notAfter, person.validity.notAfter);
    QCOMPARE(info->notAfter.timeSpec(), Qt::UTC);

    const IssuedCertificate institution = issue(CertificateProfile::Signing);
    auto institutionInfo = CertificateInfo::parse(institution.der);
    QVERIFY(institutionInfo);
    QCOMPARE(institutionInfo->subject.organization, QStringLiteral("深圳市测试科技有限公司"));
    QCOMPARE(institutionInfo->subject.commonName, QStringLiteral("深圳市测试科技有限公司"));
    QCOMPARE(institutionInfo->subject.serialNumber, QStringLiteral("91440300MA5FXXXX0X"));
    QVERIFY(institutionInfo->personIdNumber.isEmpty());
}

void TestCa::verifyChainAcceptsOwnRejectsForeign()
{
    const IssuedCertificate issued = issue(CertificateProfile::Encryption);
    QVERIFY(m_ca->verifyChain(issued.der));
    QVERIFY(verifyCertificateChain(issued.der, {m_ca->issuingCertificate()}, {m_ca->rootCertificate()}));
    // Expired at a later time, not yet valid before.
    QCOMPARE(m_ca->verifyChain(issued.der, nowUtc().addYears(2)).status(), PkiStatus::BadSignature);
    QCOMPARE(m_ca->verifyChain(issued.der, nowUtc().addDays(-2)).status(), PkiStatus::BadSignature);
    // Without the intermediate, or against another root.
    QCOMPARE(
        verifyCertificateChain(issued.der, {}, {m_ca->rootCertificate()}).status(), PkiStatus::BadSignature);
    QTemporaryDir other;
    auto foreign = CertificateAuthority::loadOrCreate(other.path());
    QVERIFY(foreign);
    QCOMPARE(foreign->verifyChain(issued.der).status(), PkiStatus::BadSignature);
    // A leaf checked with the wrong ID.
    QCOMPARE(verifyCertificateChain(
                 issued.der, {m_ca->issuingCertificate()}, {m_ca->rootCertificate()}, {}, QByteArrayView(""))
                 .status(),
        PkiStatus::BadSignature);
    QCOMPARE(m_ca->verifyChain("junk").status(), PkiStatus::BadInput);
}

void TestCa::openSslCliVerifiesWithDistinguishingIdOnly()
{
    // Exactly what the acceptance test runs.
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("root.pem"));
    const QString issuing = dir.filePath(QStringLiteral("issuing.pem"));
    const QString leaf = dir.filePath(QStringLiteral("leaf.pem"));
    const QList<QByteArray> chain = certificatesFromPem(m_ca->chainPem());
    QCOMPARE(chain.size(), 2);
    QVERIFY(writeFile(root, certificateToPem(chain[1])));
    QVERIFY(writeFile(issuing, certificateToPem(chain[0])));

    for (const CertificateProfile profile : {CertificateProfile::Signing, CertificateProfile::Encryption}) {
        QVERIFY(writeFile(leaf, certificateToPem(issue(profile).der)));
        const ProcessResult withId = runOpenSsl(
            {QStringLiteral("verify"), QStringLiteral("-vfyopt"), QStringLiteral("distid:1234567812345678"),
                QStringLiteral("-CAfile"), root, QStringLiteral("-untrusted"), issuing, leaf});
        QVERIFY2(withId.exitCode == 0 && withId.output.trimmed().endsWith(QLatin1String(": OK")),
            qPrintable(withId.output));
        // Observed with OpenSSL 3.0.19: without -vfyopt the leaf is checked with the empty ID and fails at
        // depth 0.
        const ProcessResult withoutId = runOpenSsl({QStringLiteral("verify"), QStringLiteral("-CAfile"), root,
            QStringLiteral("-untrusted"), issuing, leaf});
        QVERIFY2(withoutId.exitCode != 0, qPrintable(withoutId.output));
        QVERIFY2(withoutId.output.contains(QLatin1String("at 0 depth")), qPrintable(withoutId.output));
        // The root's self-signature checks out too (it is signed the way OpenSSL checks it).
        const ProcessResult selfSigned
            = runOpenSsl({QStringLiteral("verify"), QStringLiteral("-check_ss_sig"),
                QStringLiteral("-vfyopt"), QStringLiteral("distid:1234567812345678"),
                QStringLiteral("-CAfile"), root, QStringLiteral("-untrusted"), issuing, leaf});
        QVERIFY2(selfSigned.exitCode == 0, qPrintable(selfSigned.output));
    }
}

void TestCa::crlListsRevokedSerials()
{
    const IssuedCertificate first = issue(CertificateProfile::Signing);
    const IssuedCertificate second = issue(CertificateProfile::Encryption);
    const qint64 before = m_ca->lastCrlNumber();
    const QDateTime now = nowUtc();
    auto crl = m_ca->makeCrl(
        {{first.serialHex, now.addSecs(-10), 4}, {second.serialHex.toLower(), now, -1}}, now, now.addDays(7));
    QVERIFY2(crl, qPrintable(crl.detail()));
    QCOMPARE(m_ca->lastCrlNumber(), before + 1);
    QVERIFY(verifyCrl(*crl, m_ca->issuingCertificate()));
    QCOMPARE(verifyCrl(*crl, m_ca->rootCertificate()).status(), PkiStatus::BadInput);
    QByteArray tampered = *crl;
    tampered[tampered.size() - 1] = static_cast<char>(tampered.back() ^ 1);
    QCOMPARE(verifyCrl(tampered, m_ca->issuingCertificate()).status(), PkiStatus::BadSignature);

    QTemporaryDir dir;
    const QString crlFile = dir.filePath(QStringLiteral("ca.crl"));
    QVERIFY(writeFile(crlFile, *crl));
    const ProcessResult text
        = runOpenSsl({QStringLiteral("crl"), QStringLiteral("-inform"), QStringLiteral("DER"),
            QStringLiteral("-in"), crlFile, QStringLiteral("-text"), QStringLiteral("-noout")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(
        text.output.contains(QStringLiteral("Serial Number: ") + first.serialHex), qPrintable(text.output));
    QVERIFY2(
        text.output.contains(QStringLiteral("Serial Number: ") + second.serialHex), qPrintable(text.output));
    QVERIFY(text.output.contains(QLatin1String("Superseded")));
    QVERIFY(text.output.contains(QLatin1String("X509v3 CRL Number")));
    QVERIFY(text.output.contains(QLatin1String("X509v3 Authority Key Identifier")));
    QVERIFY(text.output.contains(QLatin1String("SM2-with-SM3")));

    // Stock OpenSSL 3.0 checks CRL signatures with the empty ID only (see CertificateAuthority.h).
    const QString chainFile = dir.filePath(QStringLiteral("chain.pem"));
    QVERIFY(writeFile(chainFile, m_ca->chainPem()));
    const ProcessResult verified
        = runOpenSsl({QStringLiteral("crl"), QStringLiteral("-inform"), QStringLiteral("DER"),
            QStringLiteral("-in"), crlFile, QStringLiteral("-CAfile"), chainFile, QStringLiteral("-noout")});
    QVERIFY2(verified.output.contains(QLatin1String("verify OK")), qPrintable(verified.output));

    auto next = m_ca->makeCrl({}, now, now.addDays(7));
    QVERIFY(next);
    QCOMPARE(m_ca->lastCrlNumber(), before + 2);
    QCOMPARE(
        m_ca->makeCrl({{QStringLiteral("xyz"), now, -1}}, now, now.addDays(1)).status(), PkiStatus::BadInput);
    QCOMPARE(m_ca->makeCrl({}, now, now).status(), PkiStatus::BadInput);
}

void TestCa::reloadGivesTheSameCa()
{
    const qint64 crlNumber = m_ca->lastCrlNumber();
    auto reloaded = CertificateAuthority::loadOrCreate(m_dir.filePath(QStringLiteral("ca")));
    QVERIFY2(reloaded, qPrintable(reloaded.detail()));
    QCOMPARE(reloaded->rootCertificate(), m_ca->rootCertificate());
    QCOMPARE(reloaded->issuingCertificate(), m_ca->issuingCertificate());
    QCOMPARE(reloaded->lastCrlNumber(), crlNumber);
    EndEntityRequest request;
    request.subject = Subject::naturalPerson(QStringLiteral("赵六"));
    request.publicKey = m_key;
    request.validity = {nowUtc(), nowUtc().addYears(1)};
    auto issued = reloaded->issueEndEntity(request);
    QVERIFY(issued);
    QVERIFY(m_ca->verifyChain(issued->der)); // the reloaded CA signs with the same issuing key
    auto crl = reloaded->makeCrl({}, nowUtc(), nowUtc().addDays(1));
    QVERIFY(crl);
    QCOMPARE(reloaded->lastCrlNumber(), crlNumber + 1);
}

void TestCa::incompleteDirectoryIsRefused()
{
    QTemporaryDir dir;
    auto created = CertificateAuthority::loadOrCreate(dir.path());
    QVERIFY(created);
    QVERIFY(QFile::remove(QDir(dir.path()).filePath(QStringLiteral("issuing-ca.key"))));
    QCOMPARE(CertificateAuthority::loadOrCreate(dir.path()).status(), PkiStatus::BadInput);
    QVERIFY(!QFile::exists(QDir(dir.path()).filePath(QStringLiteral("issuing-ca.key"))));
}

void TestCa::badRequests()
{
    EndEntityRequest request;
    request.subject = Subject::naturalPerson(QStringLiteral("钱七"));
    request.validity = {nowUtc(), nowUtc().addYears(1)};
    QCOMPARE(m_ca->issueEndEntity(request).status(), PkiStatus::BadInput); // no key
    request.publicKey = m_key;
    request.validity = {nowUtc(), nowUtc().addYears(40)};
    QCOMPARE(m_ca->issueEndEntity(request).status(), PkiStatus::BadInput); // outlives the issuing CA
    request.validity = {nowUtc(), nowUtc()};
    QCOMPARE(m_ca->issueEndEntity(request).status(), PkiStatus::BadInput); // empty validity
    request.validity = {nowUtc(), nowUtc().addYears(1)};
    request.personIdNumber = QStringLiteral("身份证");
    QCOMPARE(m_ca->issueEndEntity(request).status(), PkiStatus::BadInput); // not printable
}

void TestCa::defaultIdCaObjectsVerifyToo()
{
    // A CA whose own objects use the GM/T default ID (CaSettings::caSignatureId) still verifies with
    // CertDesk's chain and CRL checks.
    const QDateTime now = nowUtc();
    auto root = CertificateAuthority::createRoot(
        CaSettings::defaultRootSubject(), {now.addDays(-1), now.addYears(5)}, sm2DefaultId());
    QVERIFY(root);
    auto issuing = CertificateAuthority::createIssuing(
        *root, CaSettings::defaultIssuingSubject(), {now.addDays(-1), now.addYears(4)}, sm2DefaultId());
    QVERIFY(issuing);
    CaSettings settings;
    settings.caSignatureId = sm2DefaultId().toByteArray();
    auto ca = CertificateAuthority::fromCredentials(*root, *issuing, settings);
    QVERIFY2(ca, qPrintable(ca.detail()));
    EndEntityRequest request;
    request.subject = Subject::naturalPerson(QStringLiteral("孙八"));
    request.publicKey = m_key;
    request.validity = {now, now.addYears(1)};
    auto issued = ca->issueEndEntity(request);
    QVERIFY(issued);
    QVERIFY(ca->verifyChain(issued->der));
    auto crl = ca->makeCrl({{issued->serialHex, now, -1}}, now, now.addDays(1));
    QVERIFY(crl);
    QVERIFY(verifyCrl(*crl, ca->issuingCertificate()));

    // Mixing up credentials is caught.
    QCOMPARE(CertificateAuthority::fromCredentials(*issuing, *root).status(), PkiStatus::BadInput);
    CaCredential wrongKey = *issuing;
    wrongKey.key = m_key;
    QCOMPARE(CertificateAuthority::fromCredentials(*root, wrongKey).status(), PkiStatus::KeyMismatch);
}

QTEST_GUILESS_MAIN(TestCa)
#include "tst_ca.moc"
