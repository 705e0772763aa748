// The token layer on real SoftHSM2 tokens in a temporary directory (looked up by label): discovery, PINs, the
// old RSA UKey's proof of possession, and writing SM2 key pairs + certificates the way the counter programs a
// new UKey (the server-generated-key path: SoftHSM stores SM2 keys as CKK_EC but cannot SM2-sign).

#include "TestEnvironment.h"
#include "TokenTestSupport.h"

#include "pki/LegacyRsaCa.h"
#include "pki/Sm2.h"
#include "token/ModuleLoader.h"
#include "token/TokenSession.h"
#include "token/TokenWriter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace certdesk;
using namespace certdesk::token;

namespace {

const QString SoPin = QStringLiteral("87654321");
const QString UserPin = QStringLiteral("12345678");
const QString OldLabel = QStringLiteral("CD OLD");
const QString NewLabelA = QStringLiteral("CD NEW A");
const QString NewLabelB = QStringLiteral("CD NEW B");
const QString NewLabelC = QStringLiteral("CD NEW C");
const QString NewLabelD = QStringLiteral("CD NEW D");
const QByteArray OldKeyId = QByteArray::fromHex("01");

} // namespace

class TestSoftHsmToken : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void discoversTokensByLabel();
    void wrongPinIsReportedAndNeverRetried();
    void changePin();
    void oldUkeyProofOfPossession();
    void signingNeedsLogin();
    void writesTwoSm2PairsAndCertificates();
    void secondWriteOfTheSamePairsIsRefused();
    void certificateForAnotherKeyIsRefusedBeforeWriting();
    void importChecksScalarAgainstPoint();
    void cancelRollsBack();
    void discoveryKeepsSessionsLoggedIn();
    void libp11InventoryWantsAPublicKeyForEachPrivateKey();

private:
    [[nodiscard]] TokenSession openLoggedIn(const QString& label);
    [[nodiscard]] static Sm2PairToWrite pairToWrite(const test::Sm2Pair& pair, KeyPurpose purpose);

    QTemporaryDir m_dir;
    std::optional<test::SoftHsm> m_softhsm;
    Pkcs11Module m_module;
    pki::LegacyCertificate m_legacy;
};

void TestSoftHsmToken::initTestCase()
{
    test::fixEnvironment();
    if (!QFile::exists(test::SoftHsm::modulePath()))
        QSKIP("SoftHSM2 is not installed (scripts/deps.sh installs softhsm2)");
    QVERIFY(m_dir.isValid());
    m_softhsm.emplace(m_dir.path());
    // Every token exists before the module is loaded: SoftHSM reads its token directory at C_Initialize.
    for (const QString& label : {OldLabel, NewLabelA, NewLabelB, NewLabelC, NewLabelD})
        QVERIFY(m_softhsm->initToken(label, SoPin, UserPin));

    // The old UKey: a sandbox legacy RSA certificate and its key, as the old CA's client would have left
    // them.
    auto legacyCa = pki::LegacyRsaCa::loadOrCreate(m_dir.filePath(QStringLiteral("legacy-ca")));
    QVERIFY2(legacyCa, qPrintable(legacyCa.detail()));
    auto minted = legacyCa->mint(CertificateCategory::Institution, QStringLiteral("深圳市旧证书测试有限公司"),
        QStringLiteral("91440300MA5OLD0001"), QDateTime::currentDateTimeUtc().addDays(30));
    QVERIFY2(minted, qPrintable(minted.detail()));
    m_legacy = *minted;
    QVERIFY(m_softhsm->importKeyPair(OldLabel, UserPin, m_legacy.privateKeyPkcs8.toByteArray(), OldKeyId,
        QStringLiteral("old signing key")));
    QFile certificateFile(m_dir.filePath(QStringLiteral("old.der")));
    QVERIFY(certificateFile.open(QIODevice::WriteOnly));
    certificateFile.write(m_legacy.certificateDer);
    certificateFile.close();
    const test::ToolResult written = m_softhsm->pkcs11Tool(OldLabel, UserPin,
        {QStringLiteral("--write-object"), certificateFile.fileName(), QStringLiteral("--type"),
            QStringLiteral("cert"), QStringLiteral("--id"), QStringLiteral("01"), QStringLiteral("--label"),
            QStringLiteral("old certificate")});
    QVERIFY2(written.exitCode == 0, qPrintable(written.output));

    auto module = ModuleLoader::load(test::SoftHsm::modulePath());
    QVERIFY2(module, qPrintable(module.detail()));
    m_module = *module;
}

TokenSession TestSoftHsmToken::openLoggedIn(const QString& label)
{
    auto session = m_module.openSession(label);
    if (!session)
        qFatal("openSession(%s): %s", qPrintable(label), qPrintable(session.detail()));
    auto login = session->login(UserPin);
    if (!login)
        qFatal("login(%s): %s", qPrintable(label), qPrintable(login.detail()));
    return std::move(session).value();
}

Sm2PairToWrite TestSoftHsmToken::pairToWrite(const test::Sm2Pair& pair, KeyPurpose purpose)
{
    Sm2PairToWrite write;
    write.purpose = purpose;
    write.privateScalar = pair.key.privateScalar().value();
    write.publicPoint = pair.key.publicPoint();
    write.certificateDer = pair.certificate;
    return write;
}

void TestSoftHsmToken::discoversTokensByLabel()
{
    auto tokens = m_module.tokens();
    QVERIFY2(tokens, qPrintable(tokens.detail()));
    QStringList labels;
    for (const TokenInfo& token : *tokens)
        labels << token.label;
    for (const QString& label : {OldLabel, NewLabelA, NewLabelB, NewLabelC, NewLabelD})
        QVERIFY2(labels.contains(label), qPrintable(labels.join(QLatin1Char(','))));

    auto found = m_module.findToken(NewLabelA);
    QVERIFY(found);
    QCOMPARE(found->label, NewLabelA);
    QCOMPARE(found->manufacturer, QStringLiteral("SoftHSM project"));
    QVERIFY(!found->serialNumber.isEmpty());
    QVERIFY(found->initialized);
    QVERIFY(found->loginRequired);
    QVERIFY(found->pin.initialized);
    QCOMPARE(m_module.findToken(QStringLiteral("no such token")).status(), TokenStatus::NoSuchToken);
    QCOMPARE(
        m_module.findToken(NewLabelA, QStringLiteral("not-the-serial")).status(), TokenStatus::NoSuchToken);

    // SoftHSM stores SM2 keys as CKK_EC and has no SM2 mechanism: the generic profile, store only.
    auto session = m_module.openSession(*found);
    QVERIFY(session);
    QCOMPARE(session->profile().name, QStringLiteral("softhsm2"));
    QVERIFY(!session->profile().canSignOnToken());
    QVERIFY(!session->profile().canGenerateOnToken());
    auto pin = session->pinInfo();
    QVERIFY(pin);
    QVERIFY(pin->minLength >= 4);
    QVERIFY(!pin->protectedAuthenticationPath);
}

void TestSoftHsmToken::wrongPinIsReportedAndNeverRetried()
{
    auto session = m_module.openSession(NewLabelB);
    QVERIFY(session);
    QString wrong = QStringLiteral("00000000");
    const auto failed = session->login(std::move(wrong));
    // SoftHSM reports no PIN counter flags: a plain "wrong PIN" (the test module covers the counter).
    QVERIFY2(
        failed.status() == TokenStatus::PinIncorrect || failed.status() == TokenStatus::PinIncorrectCountLow,
        qPrintable(failed.detail()));
    QCOMPARE(failed.error().ckr, quint64(0xA0));
    QVERIFY(!failed.message().isEmpty());
    QVERIFY(!session->isLoggedIn());
    QVERIFY(session->login(UserPin));
    QVERIFY(session->isLoggedIn());
    QVERIFY(session->logout());
    QVERIFY(!session->isLoggedIn());
    QCOMPARE(session->login(QString()).status(), TokenStatus::NotLoggedIn); // no PIN, no PIN pad: not tried
}

void TestSoftHsmToken::changePin()
{
    auto session = m_module.openSession(NewLabelB);
    QVERIFY(session);
    const QString newPin = QStringLiteral("24681357");
    const auto wrongOld = session->changePin(QStringLiteral("99999999"), newPin);
    QVERIFY2(wrongOld.status() == TokenStatus::PinIncorrect
            || wrongOld.status() == TokenStatus::PinIncorrectCountLow,
        qPrintable(wrongOld.detail()));
    QCOMPARE(session->changePin(UserPin, QString()).status(), TokenStatus::PinInvalid);
    QCOMPARE(
        session->changePin(UserPin, QStringLiteral("12")).status(), TokenStatus::PinInvalid); // too short
    const auto changed = session->changePin(UserPin, newPin);
    QVERIFY2(changed, qPrintable(changed.detail()));

    auto fresh = m_module.openSession(NewLabelB);
    QVERIFY(fresh);
    QVERIFY(fresh->login(UserPin).status() != TokenStatus::Ok);
    QVERIFY(fresh->login(newPin));
    QVERIFY(fresh->changePin(newPin, UserPin));
}

void TestSoftHsmToken::oldUkeyProofOfPossession()
{
    TokenSession session = openLoggedIn(OldLabel);
    auto certificates = session.certificates();
    QVERIFY2(certificates, qPrintable(certificates.detail()));
    QCOMPARE(certificates->size(), 1);
    const TokenCertificate& certificate = certificates->first();
    QCOMPARE(certificate.der, m_legacy.certificateDer);
    QCOMPARE(certificate.id, OldKeyId);
    auto info = certificate.info();
    QVERIFY(info);
    QCOMPARE(info->serialHex, m_legacy.serialHex); // what the lookup page fills in

    auto key = session.findKeyForCertificate(certificate);
    QVERIFY2(key, qPrintable(key.detail()));
    QCOMPARE(key->algorithm, KeyAlgorithm::Rsa);
    QCOMPARE(key->objectClass, ObjectClass::PrivateKey);
    QVERIFY(key->canSign);

    const QByteArray challenge = QByteArrayLiteral("lookup-challenge-7f3a9c21e4b0");
    auto signature = session.signRsaSha256(certificate, challenge);
    QVERIFY2(signature, qPrintable(signature.detail()));
    QCOMPARE(signature->size(), 256);
    // The service's check (LegacyRsaCa::verifyPossession) accepts it, and rejects it for another challenge or
    // a damaged signature.
    auto legacyCa = pki::LegacyRsaCa::loadOrCreate(m_dir.filePath(QStringLiteral("legacy-ca")));
    QVERIFY(legacyCa);
    QVERIFY(legacyCa->verifyPossession(certificate.der, challenge, *signature));
    QVERIFY(!legacyCa->verifyPossession(certificate.der, challenge + 'x', *signature));
    QByteArray damaged = *signature;
    damaged[10] = static_cast<char>(damaged.at(10) ^ 0x01);
    QVERIFY(!legacyCa->verifyPossession(certificate.der, challenge, damaged));

    // Not an RSA certificate: refused.
    const test::Sm2Pair sm2 = test::makeSm2Pair(pki::CertificateProfile::Signing, QStringLiteral("SM2 Co."));
    TokenCertificate notRsa {sm2.certificate, QString(), QByteArray()};
    QCOMPARE(session.signRsaSha256(notRsa, challenge).status(), TokenStatus::NotSupported);
}

void TestSoftHsmToken::signingNeedsLogin()
{
    auto session = m_module.openSession(OldLabel);
    QVERIFY(session);
    auto certificates = session->certificates(); // certificates are public
    QVERIFY(certificates);
    QCOMPARE(certificates->size(), 1);
    QCOMPARE(session->signRsaSha256(certificates->first(), "challenge").status(), TokenStatus::NotLoggedIn);
}

void TestSoftHsmToken::writesTwoSm2PairsAndCertificates()
{
    TokenSession session = openLoggedIn(NewLabelA);
    const test::Sm2Pair signing
        = test::makeSm2Pair(pki::CertificateProfile::Signing, QStringLiteral("深圳市测试科技有限公司"));
    const test::Sm2Pair encryption
        = test::makeSm2Pair(pki::CertificateProfile::Encryption, QStringLiteral("深圳市测试科技有限公司"));
    QVERIFY(!signing.certificate.isEmpty() && !encryption.certificate.isEmpty());

    QList<WriteStep> steps;
    TokenWriter writer(session);
    auto report = writer.write(
        {pairToWrite(signing, KeyPurpose::Signing), pairToWrite(encryption, KeyPurpose::Encryption)},
        [&](const WriteProgress& progress) {
            steps << progress.step;
            return true;
        });
    QVERIFY2(report, qPrintable(report.detail()));
    QCOMPARE(report->pairs.size(), 2);
    QCOMPARE(report->created.size(), 6);
    QVERIFY(!report->testSigned); // SoftHSM cannot SM2-sign
    QVERIFY(writer.pendingRollback().isEmpty());
    QCOMPARE(steps,
        QList<WriteStep>({WriteStep::Checking, WriteStep::ImportingKey, WriteStep::WritingCertificate,
            WriteStep::ImportingKey, WriteStep::WritingCertificate, WriteStep::Verifying}));
    // libp11 (0.4.12 here) enumerates the result without crashing, PKCS11_get_public_key included.
    QVERIFY(report->libp11);
    QCOMPARE(report->libp11->privateKeys, 2);
    QCOMPARE(report->libp11->publicKeys, 2);
    QCOMPARE(report->libp11->certificates, 2);

    // What another program sees: pkcs11-tool lists two key pairs and two certificates.
    const test::ToolResult listing
        = m_softhsm->pkcs11Tool(NewLabelA, UserPin, {QStringLiteral("--list-objects")});
    QVERIFY2(listing.exitCode == 0, qPrintable(listing.output));
    const test::ListedObjects listed = test::parseListing(listing.output);
    QCOMPARE(listed.privateKeys, 2);
    QCOMPARE(listed.publicKeys, 2);
    QCOMPARE(listed.certificates, 2);

    // Read back: the public points and the certificates, linked by CKA_ID = SKI.
    const QByteArray signingId = TokenWriter::objectId(signing.key.publicPoint());
    const QByteArray encryptionId = TokenWriter::objectId(encryption.key.publicPoint());
    QCOMPARE(session.sm2PublicPoint(signingId).value(), signing.key.publicPoint());
    QCOMPARE(session.sm2PublicPoint(encryptionId).value(), encryption.key.publicPoint());
    auto certificates = session.certificates();
    QVERIFY(certificates);
    QCOMPARE(certificates->size(), 2);
    for (const TokenCertificate& certificate : *certificates) {
        QVERIFY(certificate.id == signingId || certificate.id == encryptionId);
        const test::Sm2Pair& pair = certificate.id == signingId ? signing : encryption;
        QCOMPARE(certificate.der, pair.certificate);
        QCOMPARE(certificate.label,
            TokenWriter::defaultLabel(
                certificate.id == signingId ? KeyPurpose::Signing : KeyPurpose::Encryption));
        auto key = session.findKeyForCertificate(certificate);
        QVERIFY(key);
        QCOMPARE(key->id, certificate.id);
    }
    auto keys = session.keys();
    QVERIFY(keys);
    QCOMPARE(keys->size(), 4);
    for (const TokenKey& key : *keys) {
        QCOMPARE(key.algorithm, KeyAlgorithm::Sm2);
        QCOMPARE(key.keyType, quint64(3)); // CKK_EC with the SM2 curve
        const bool isSigning = key.id == signingId;
        QCOMPARE(key.canSign, isSigning);
        QCOMPARE(key.canDecrypt, !isSigning);
        if (key.objectClass == ObjectClass::PublicKey)
            QCOMPARE(key.publicPoint, isSigning ? signing.key.publicPoint() : encryption.key.publicPoint());
    }
    // Store only: SoftHSM's CKM_ECDSA on the SM2 curve is not SM2, so CertDesk never asks it to sign.
    QCOMPARE(session.signSm2(signingId, "data").status(), TokenStatus::NotSupported);
    QCOMPARE(session.generateSm2KeyPair(QByteArrayLiteral("new"), QStringLiteral("x")).status(),
        TokenStatus::NotSupported);

    // The private scalars cannot be read back: sensitive and not extractable, as pkcs11-tool shows.
    const QStringList accessLines = listing.output.split(QLatin1Char('\n')).filter(QStringLiteral("Access:"));
    int privateAccess = 0;
    for (const QString& line : accessLines)
        if (line.contains(QLatin1String("sensitive"))) {
            ++privateAccess;
            QVERIFY2(!line.contains(QLatin1String(" extractable"))
                    || line.contains(QLatin1String("never extractable")),
                qPrintable(line));
        }
    QCOMPARE(privateAccess, 2);
}

void TestSoftHsmToken::secondWriteOfTheSamePairsIsRefused()
{
    TokenSession session = openLoggedIn(NewLabelC);
    const test::Sm2Pair pair
        = test::makeSm2Pair(pki::CertificateProfile::Signing, QStringLiteral("Twice Co."));
    TokenWriter writer(session);
    QVERIFY(writer.write({pairToWrite(pair, KeyPurpose::Signing)}));
    const int before = session.countObjects(ObjectClass::Certificate).value();
    auto again = TokenWriter(session).write({pairToWrite(pair, KeyPurpose::Signing)});
    QCOMPARE(again.status(), TokenStatus::AlreadyExists);
    QCOMPARE(session.countObjects(ObjectClass::Certificate).value(), before);
    QCOMPARE(session.countObjects(ObjectClass::PrivateKey).value(), 1);
    // Clean up for the other tests on this token.
    auto removed = session.destroyObjects(QList<QByteArray> {TokenWriter::objectId(pair.key.publicPoint())});
    QVERIFY(removed);
    QCOMPARE(*removed, 3);
}

void TestSoftHsmToken::certificateForAnotherKeyIsRefusedBeforeWriting()
{
    TokenSession session = openLoggedIn(NewLabelC);
    const test::Sm2Pair a = test::makeSm2Pair(pki::CertificateProfile::Signing, QStringLiteral("A Co."));
    const test::Sm2Pair b = test::makeSm2Pair(pki::CertificateProfile::Signing, QStringLiteral("B Co."));
    Sm2PairToWrite mixed = pairToWrite(a, KeyPurpose::Signing);
    mixed.certificateDer = b.certificate;
    QCOMPARE(TokenWriter(session).write({mixed}).status(), TokenStatus::KeyMismatch);
    QCOMPARE(session.countObjects(ObjectClass::PrivateKey).value(), 0);
    QCOMPARE(session.countObjects(ObjectClass::Certificate).value(), 0);
}

void TestSoftHsmToken::importChecksScalarAgainstPoint()
{
    TokenSession session = openLoggedIn(NewLabelC);
    const auto a = pki::Sm2Key::generate().value();
    const auto b = pki::Sm2Key::generate().value();
    const auto imported = session.importSm2KeyPair(a.privateScalar().value(), b.publicPoint(),
        QByteArrayLiteral("mismatch"), QStringLiteral("x"), KeyPurpose::Signing);
    QCOMPARE(imported.status(), TokenStatus::KeyMismatch);
    QCOMPARE(session.countObjects(ObjectClass::PrivateKey).value(), 0);
}

void TestSoftHsmToken::cancelRollsBack()
{
    TokenSession session = openLoggedIn(NewLabelC);
    const test::Sm2Pair signing
        = test::makeSm2Pair(pki::CertificateProfile::Signing, QStringLiteral("Cancel Co."));
    const test::Sm2Pair encryption
        = test::makeSm2Pair(pki::CertificateProfile::Encryption, QStringLiteral("Cancel Co."));
    int certificateSteps = 0;
    TokenWriter writer(session);
    auto result = writer.write(
        {pairToWrite(signing, KeyPurpose::Signing), pairToWrite(encryption, KeyPurpose::Encryption)},
        [&](const WriteProgress& progress) {
            // Cancel at the second certificate: one pair and a key are on the token by then.
            return !(progress.step == WriteStep::WritingCertificate && ++certificateSteps == 2);
        });
    QCOMPARE(result.status(), TokenStatus::Cancelled);
    QVERIFY(writer.pendingRollback().isEmpty());
    QCOMPARE(session.countObjects(ObjectClass::PrivateKey).value(), 0);
    QCOMPARE(session.countObjects(ObjectClass::PublicKey).value(), 0);
    QCOMPARE(session.countObjects(ObjectClass::Certificate).value(), 0);
}

void TestSoftHsmToken::discoveryKeepsSessionsLoggedIn()
{
    // libp11 closes every session of a slot when it releases its slot object: refreshing the slot list must
    // keep the slot objects, or a hot-plug poll would log the programming job out mid-write.
    TokenSession session = openLoggedIn(NewLabelC);
    QVERIFY(session.isLoggedIn());
    for (int i = 0; i < 3; ++i)
        QVERIFY(m_module.tokens());
    QVERIFY(m_module.libp11Inventory(session.token()));
    QVERIFY(session.isLoggedIn());
    QVERIFY(session.countObjects(ObjectClass::PrivateKey));
}

void TestSoftHsmToken::libp11InventoryWantsAPublicKeyForEachPrivateKey()
{
    // libp11 0.4.12's PKCS11_get_public_key (what OpenSSL's pkcs11 engine calls when it loads a key) crashes
    // on a private key without a public-key object of the same CKA_ID: the inventory says so, and crashes
    // nothing.
    TokenSession session = openLoggedIn(NewLabelD);
    const pki::Sm2Key key = pki::Sm2Key::generate().value();
    const QByteArray id = QByteArrayLiteral("lone key");
    const auto imported = session.importSm2KeyPair(
        key.privateScalar().value(), key.publicPoint(), id, QStringLiteral("lone"), KeyPurpose::Signing);
    QVERIFY2(imported, qPrintable(imported.detail()));
    const auto both = m_module.libp11Inventory(session.token());
    QVERIFY2(both, qPrintable(both.detail()));
    QCOMPARE(both->privateKeys, 1);
    QCOMPARE(both->publicKeys, 1);

    QCOMPARE(session.destroyObjects(QList<ObjectRef> {{ObjectClass::PublicKey, id}}).value(), 1);
    const auto lone = m_module.libp11Inventory(session.token());
    QCOMPARE(lone.status(), TokenStatus::NotFound);
    QVERIFY2(lone.detail().contains(QString::fromLatin1(id.toHex())), qPrintable(lone.detail()));
    QVERIFY(session.isLoggedIn());
    QCOMPARE(session.destroyObjects(QList<QByteArray> {id}).value(), 1);
}

QTEST_GUILESS_MAIN(TestSoftHsmToken)
#include "tst_softhsmtoken.moc"
