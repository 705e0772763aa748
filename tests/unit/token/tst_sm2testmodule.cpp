// The token layer on the CertDesk SM2 test module (Sansec-style vendor mechanisms): on-token key generation
// and SM2 signing verified in software, the PIN retry counter, a PIN-pad reader, a token pulled mid-write
// (rollback, also after reinsertion) and hot-plug polling.

#include "TestEnvironment.h"
#include "TestModuleControl.h"
#include "TokenTestSupport.h"

#include "pki/Csr.h"
#include "pki/Sm2.h"
#include "token/ModuleLoader.h"
#include "token/TokenSession.h"
#include "token/TokenWatcher.h"
#include "token/TokenWriter.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace certdesk;
using namespace certdesk::token;

namespace {

const QString UserPin = QStringLiteral("12345678");
const QString SoPin = QStringLiteral("87654321");
constexpr quint64 CkrDeviceRemoved = 0x32;

// Slots of the test module used below, each a token of its own.
enum Slot
{
    SlotSign = 0,
    SlotLock = 1,
    SlotPinPad = 2,
    SlotFault = 3,
    SlotPull = 4,
    SlotWatch = 5,
    SlotCount = 6
};

QString labelOf(int slot)
{
    return QStringLiteral("VENDOR %1").arg(slot);
}

} // namespace

class TestSm2TestModule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void profileIsProbedFromTheMechanismList();
    void pinCounterCountsDownToLocked();
    void rightPinClearsCountLow();
    void pinPadReaderLogsInWithoutAPin();
    void onTokenKeyGenerationAndSigning();
    void profileVariants_data();
    void profileVariants();
    void aWrongProfileIsCaughtBySoftwareVerification();
    void csrSignedOnTheToken();
    void writerWithOnTokenSigningKey();
    void deviceRemovedOnThirdCreateRollsBack();
    void tokenPulledMidWriteRollsBackAfterReinsertion();
    void watcherReportsInsertAndRemove();

private:
    [[nodiscard]] TokenSession open(int slot);
    [[nodiscard]] TokenSession openLoggedIn(int slot);
    [[nodiscard]] static Sm2PairToWrite importedPair(KeyPurpose purpose, const QString& name);

    QTemporaryDir m_dir;
    std::optional<test::Sm2TestModule> m_control;
    Pkcs11Module m_module;
};

void TestSm2TestModule::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
    m_control.emplace(m_dir.path());
    m_control->activate();
    m_control->setSlotCount(SlotCount);
    for (int slot = 0; slot < SlotCount; ++slot)
        QVERIFY(m_control->createToken(slot, labelOf(slot), UserPin, SoPin, 5, slot == SlotPinPad));
    auto module = ModuleLoader::load(test::Sm2TestModule::modulePath());
    QVERIFY2(module, qPrintable(module.detail()));
    m_module = *module;
    QCOMPARE(m_module.libraryManufacturer(), QStringLiteral("CertDesk Test (Sansec profile)"));
}

TokenSession TestSm2TestModule::open(int slot)
{
    auto session = m_module.openSession(labelOf(slot));
    if (!session)
        qFatal("openSession: %s", qPrintable(session.detail()));
    return std::move(session).value();
}

TokenSession TestSm2TestModule::openLoggedIn(int slot)
{
    TokenSession session = open(slot);
    auto login = session.login(UserPin);
    if (!login)
        qFatal("login: %s", qPrintable(login.detail()));
    return session;
}

Sm2PairToWrite TestSm2TestModule::importedPair(KeyPurpose purpose, const QString& name)
{
    const test::Sm2Pair pair
        = test::makeSm2Pair(purpose == KeyPurpose::Signing ? pki::CertificateProfile::Signing
                                                           : pki::CertificateProfile::Encryption,
            name);
    Sm2PairToWrite write;
    write.purpose = purpose;
    write.privateScalar = pair.key.privateScalar().value();
    write.publicPoint = pair.key.publicPoint();
    write.certificateDer = pair.certificate;
    return write;
}

void TestSm2TestModule::profileIsProbedFromTheMechanismList()
{
    TokenSession session = open(SlotSign);
    QCOMPARE(session.token().manufacturer, QStringLiteral("CertDesk Test (Sansec profile)"));
    QCOMPARE(session.profile().name, QStringLiteral("certdesk-test-sansec"));
    QCOMPARE(session.profile().keyType, quint64(0x80000004));
    QVERIFY(session.profile().canGenerateOnToken());
    QVERIFY(session.profile().canSignOnToken());
    const QList<quint64> mechanisms = session.mechanisms().value();
    QVERIFY(mechanisms.contains(0x80008001));
    QVERIFY(mechanisms.contains(0x80008102));

    // A profile whose mechanisms the token does not list degrades to "store only".
    VendorProfile luna = *VendorProfiles::builtIn().byName(QStringLiteral("thales-luna"));
    session.setProfile(luna);
    QVERIFY(!session.profile().canSignOnToken());
    QVERIFY(!session.profile().canGenerateOnToken());
    QCOMPARE(session.generateSm2KeyPair(QByteArrayLiteral("x"), QStringLiteral("x")).status(),
        TokenStatus::NotSupported);
}

void TestSm2TestModule::pinCounterCountsDownToLocked()
{
    TokenSession session = open(SlotLock);
    auto before = session.pinInfo();
    QVERIFY(before);
    QVERIFY(!before->countLow && !before->finalTry && !before->locked);
    QCOMPARE(before->minLength, 4);
    QCOMPARE(before->maxLength, 16);

    // Five tries: each login() is exactly one C_Login (never retried), and the status follows the token's
    // flags.
    const QList<TokenStatus> expected {TokenStatus::PinIncorrectCountLow, TokenStatus::PinIncorrectCountLow,
        TokenStatus::PinIncorrectCountLow, TokenStatus::PinIncorrectFinalTry, TokenStatus::PinLocked};
    for (int i = 0; i < expected.size(); ++i) {
        const auto result = session.login(QStringLiteral("0000%1").arg(i));
        QCOMPARE(result.status(), expected.at(i));
        QCOMPARE(m_control->userPinFailures(SlotLock), i + 1);
    }
    QVERIFY(!session.isLoggedIn());
    // Locked: even the right PIN is refused, with the locked status, and the counter does not move.
    QCOMPARE(session.login(UserPin).status(), TokenStatus::PinLocked);
    QCOMPARE(m_control->userPinFailures(SlotLock), 5);
    auto after = session.pinInfo();
    QVERIFY(after);
    QVERIFY(after->locked);
    // Discovery shows the locked PIN too (the token picker can say so before asking for a PIN).
    QVERIFY(m_module.findToken(labelOf(SlotLock))->pin.locked);
    QCOMPARE(session.changePin(UserPin, QStringLiteral("11112222")).status(), TokenStatus::PinLocked);
}

void TestSm2TestModule::rightPinClearsCountLow()
{
    TokenSession session = open(SlotSign);
    QCOMPARE(session.login(QStringLiteral("99999999")).status(), TokenStatus::PinIncorrectCountLow);
    QVERIFY(session.pinInfo()->countLow);
    QVERIFY(session.login(UserPin));
    QVERIFY(!session.pinInfo()->countLow);
    QVERIFY(session.logout());

    // PIN change with the counter: a wrong old PIN counts, the right one changes it.
    QCOMPARE(session.changePin(QStringLiteral("99999999"), QStringLiteral("11112222")).status(),
        TokenStatus::PinIncorrectCountLow);
    QCOMPARE(session.changePin(UserPin, QStringLiteral("12")).status(), TokenStatus::PinInvalid);
    QVERIFY(session.changePin(UserPin, QStringLiteral("11112222")));
    QVERIFY(session.changePin(QStringLiteral("11112222"), UserPin));
}

void TestSm2TestModule::pinPadReaderLogsInWithoutAPin()
{
    TokenSession session = open(SlotPinPad);
    QVERIFY(session.pinInfo()->protectedAuthenticationPath);
    QVERIFY(session.token().pin.protectedAuthenticationPath);
    m_control->setPinPadEntry(QStringLiteral("55555555")); // the person mistypes on the reader
    QCOMPARE(session.login(QString()).status(), TokenStatus::PinIncorrectCountLow);
    m_control->setPinPadEntry(UserPin);
    QVERIFY(session.login(QString()));
    QVERIFY(session.isLoggedIn());
}

void TestSm2TestModule::onTokenKeyGenerationAndSigning()
{
    TokenSession session = openLoggedIn(SlotSign);
    const QByteArray id = QByteArrayLiteral("on-token-1");
    auto point = session.generateSm2KeyPair(id, QStringLiteral("on-token signing key"));
    QVERIFY2(point, qPrintable(point.detail()));
    QCOMPARE(point->size(), 65);
    QCOMPARE(session.sm2PublicPoint(id).value(), *point);
    QCOMPARE(session.generateSm2KeyPair(id, QStringLiteral("again")).status(), TokenStatus::AlreadyExists);

    const QByteArray data = QByteArrayLiteral("message signed with CKM 0x80008102");
    auto signature = session.signSm2(id, data);
    QVERIFY2(signature, qPrintable(signature.detail()));
    // core/pki verifies it with ID 1234567812345678 ...
    const pki::Sm2Key publicKey = pki::Sm2Key::fromPublicPoint(*point).value();
    QVERIFY(pki::sm2Verify(publicKey, data, *signature));
    // ... and not with OpenSSL 3.0's default empty ID (the token computed Z with the GM/T default ID) ...
    QVERIFY(!pki::sm2Verify(publicKey, data, *signature, QByteArrayView()));
    // ... and the software check rejects a corrupted signature or other data.
    QByteArray raw = pki::sm2SignatureToRaw(*signature).value();
    raw[40] = static_cast<char>(raw.at(40) ^ 0x04);
    QVERIFY(!pki::sm2Verify(publicKey, data, pki::sm2SignatureFromRaw(raw).value()));
    QVERIFY(!pki::sm2Verify(publicKey, QByteArray(data + '.'), *signature));

    auto keys = session.keys();
    QVERIFY(keys);
    int sm2Keys = 0;
    for (const TokenKey& key : *keys)
        if (key.id == id) {
            QCOMPARE(key.algorithm, KeyAlgorithm::Sm2);
            QCOMPARE(key.keyType, quint64(0x80000004));
            ++sm2Keys;
        }
    QCOMPARE(sm2Keys, 2);
    QVERIFY(session.destroyObjects(QList<QByteArray> {id}));
    QCOMPARE(session.signSm2(id, data).status(), TokenStatus::NotFound);
}

void TestSm2TestModule::profileVariants_data()
{
    QTest::addColumn<quint64>("mechanism");
    QTest::addColumn<Sm2SignInput>("input");
    QTest::addColumn<SignatureEncoding>("encoding");
    QTest::newRow("0x80008102 raw, token computes Z")
        << quint64(0x80008102) << Sm2SignInput::MessageWithZ << SignatureEncoding::Raw;
    QTest::newRow("0x80008103 DER, token computes Z")
        << quint64(0x80008103) << Sm2SignInput::MessageWithZ << SignatureEncoding::Der;
    QTest::newRow("0x80008104 raw, token takes e")
        << quint64(0x80008104) << Sm2SignInput::DigestE << SignatureEncoding::Raw;
}

void TestSm2TestModule::profileVariants()
{
    QFETCH(quint64, mechanism);
    QFETCH(Sm2SignInput, input);
    QFETCH(SignatureEncoding, encoding);
    TokenSession session = openLoggedIn(SlotSign);
    VendorProfile profile = session.profile();
    profile.signMechanism = mechanism;
    profile.signInput = input;
    profile.signatureEncoding = encoding;
    session.setProfile(profile);
    QVERIFY(session.profile().canSignOnToken());
    const QByteArray id = QByteArrayLiteral("variant-") + QByteArray::number(mechanism, 16);
    auto point = session.generateSm2KeyPair(id, QStringLiteral("variant"));
    QVERIFY(point);
    const QByteArray data = QByteArrayLiteral("variant data");
    auto signature = session.signSm2(id, data);
    QVERIFY2(signature, qPrintable(signature.detail()));
    QVERIFY(pki::sm2Verify(pki::Sm2Key::fromPublicPoint(*point).value(), data, *signature));
    QVERIFY(session.destroyObjects(QList<QByteArray> {id}));
}

void TestSm2TestModule::aWrongProfileIsCaughtBySoftwareVerification()
{
    // A profile that claims the token computes Z, on a mechanism that signs its input as e: the token
    // "succeeds" with a signature over the wrong value, exactly the silent failure sm2-notes.md warns about.
    TokenSession session = openLoggedIn(SlotSign);
    VendorProfile profile = session.profile();
    profile.signMechanism = 0x80008104;
    profile.signInput = Sm2SignInput::MessageWithZ;
    session.setProfile(profile);
    const QByteArray id = QByteArrayLiteral("wrong-profile");
    QVERIFY(session.generateSm2KeyPair(id, QStringLiteral("wrong profile")));
    const QByteArray data(32, 'e'); // 32 bytes, so the token accepts it as e
    const auto signature = session.signSm2(id, data);
    QCOMPARE(signature.status(), TokenStatus::BadSignature);
    QVERIFY(session.destroyObjects(QList<QByteArray> {id}));
}

void TestSm2TestModule::csrSignedOnTheToken()
{
    // DESIGN.md "Issuance protocol" step 2 for a token that can SM2-sign: key generated on the token, PKCS#10
    // signed by the token, checked by the service's verifyCsr.
    TokenSession session = openLoggedIn(SlotSign);
    const QByteArray id = QByteArrayLiteral("csr-key");
    auto point = session.generateSm2KeyPair(id, QStringLiteral("csr key"));
    QVERIFY(point);
    const pki::Sm2Key publicKey = pki::Sm2Key::fromPublicPoint(*point).value();
    const pki::Sm2Key transport = pki::Sm2Key::generate().value();
    const pki::Subject subject = pki::Subject::institution(
        QStringLiteral("深圳市测试科技有限公司"), QStringLiteral("91440300MA5FXXXX0X"));
    auto csr = pki::makeCsrWithSigner(
        publicKey, subject, transport.publicKey(), [&](const QByteArray& info) -> pki::PkiResult<QByteArray> {
            auto signature = session.signSm2(id, info);
            if (!signature)
                return pki::pkiError(pki::PkiStatus::BadSignature, signature.detail());
            return *signature;
        });
    QVERIFY2(csr, qPrintable(csr.detail()));
    auto contents = pki::verifyCsr(*csr);
    QVERIFY2(contents, qPrintable(contents.detail()));
    QVERIFY(contents->publicKey.samePublicKey(publicKey));
    QVERIFY(contents->transportPublicKey.samePublicKey(transport));
    QVERIFY(session.destroyObjects(QList<QByteArray> {id}));
}

void TestSm2TestModule::writerWithOnTokenSigningKey()
{
    TokenSession session = openLoggedIn(SlotSign);
    const auto keysBefore = session.countObjects(ObjectClass::PrivateKey).value();
    // Signing key generated on the token: its point is not known before, so its CKA_ID is random ...
    const QByteArray signingId = TokenWriter::randomObjectId();
    QCOMPARE(signingId.size(), 20);
    auto signingPoint = session.generateSm2KeyPair(signingId, TokenWriter::defaultLabel(KeyPurpose::Signing));
    QVERIFY(signingPoint);
    const pki::Sm2Key signingKey = pki::Sm2Key::fromPublicPoint(*signingPoint).value();
    Sm2PairToWrite signing;
    signing.purpose = KeyPurpose::Signing;
    signing.publicPoint = *signingPoint;
    signing.certificateDer
        = test::TestCa::issue(signingKey, pki::CertificateProfile::Signing, QStringLiteral("On Token Co."));
    signing.id = signingId;
    // ... and the KMC's encryption key imported.
    const Sm2PairToWrite encryption = importedPair(KeyPurpose::Encryption, QStringLiteral("On Token Co."));

    TokenWriter writer(session);
    auto report = writer.write({signing, encryption});
    QVERIFY2(report, qPrintable(report.detail()));
    QVERIFY(
        report->testSigned); // the token signed a challenge with the new key, checked against the certificate
    QCOMPARE(report->created.size(), 4); // certificate + imported pair + its certificate
    QVERIFY(!report->pairs.at(0).keyImported);
    QVERIFY(report->pairs.at(1).keyImported);
    // libp11 0.4.12 cannot enumerate keys of a vendor type (CKK 0x80000004): the writer skips that check
    // here, and the module-level probe reports the failure instead of crashing.
    QVERIFY(!report->libp11);
    QCOMPARE(m_module.libp11Inventory(session.token()).status(), TokenStatus::DeviceError);
    QCOMPARE(session.countObjects(ObjectClass::PrivateKey).value(), keysBefore + 2);
    QCOMPARE(session.countObjects(ObjectClass::Certificate).value(), 2);
    QVERIFY(session.destroyObjects(report->created));
    QVERIFY(session.destroyObjects(QList<QByteArray> {signingId}));
    QCOMPARE(session.countObjects(ObjectClass::PrivateKey).value(), keysBefore);
}

void TestSm2TestModule::deviceRemovedOnThirdCreateRollsBack()
{
    TokenSession session = openLoggedIn(SlotFault);
    QCOMPARE(m_control->objectCount(SlotFault), 0);
    // Private key, public key, then the certificate of the first pair fails.
    m_control->armFault(QStringLiteral("C_CreateObject"), 3, CkrDeviceRemoved);
    TokenWriter writer(session);
    auto result = writer.write({importedPair(KeyPurpose::Signing, QStringLiteral("Fault Co.")),
        importedPair(KeyPurpose::Encryption, QStringLiteral("Fault Co."))});
    QCOMPARE(result.status(), TokenStatus::TokenRemoved);
    QCOMPARE(result.error().ckr, CkrDeviceRemoved);
    QVERIFY(result.detail().contains(QLatin1String("rolled back")));
    QVERIFY(writer.pendingRollback().isEmpty());
    QCOMPARE(m_control->objectCount(SlotFault), 0); // nothing from this run is left on the token
    QCOMPARE(session.countObjects(ObjectClass::PrivateKey).value(), 0);
}

void TestSm2TestModule::tokenPulledMidWriteRollsBackAfterReinsertion()
{
    TokenSession session = openLoggedIn(SlotPull);
    m_control->armFault(QStringLiteral("C_CreateObject"), 3, CkrDeviceRemoved, true); // the token is pulled
    TokenWriter writer(session);
    auto result = writer.write({importedPair(KeyPurpose::Signing, QStringLiteral("Pull Co.")),
        importedPair(KeyPurpose::Encryption, QStringLiteral("Pull Co."))});
    QCOMPARE(result.status(), TokenStatus::TokenRemoved);
    // The rollback could not run: the two key objects are still on the token, and the writer says what to
    // remove.
    QCOMPARE(m_control->objectCount(SlotPull), 2);
    const QList<ObjectRef> pending = writer.pendingRollback();
    QCOMPARE(pending.size(), 3);
    QCOMPARE(m_module.findToken(labelOf(SlotPull)).status(), TokenStatus::NoSuchToken);
    QCOMPARE(session.countObjects(ObjectClass::PrivateKey).status(), TokenStatus::TokenRemoved);

    // Reinserted: the old session is gone; a new session, a new login (the person types the PIN again),
    // rollback.
    m_control->insertToken(SlotPull);
    QCOMPARE(session.countObjects(ObjectClass::PrivateKey).status(), TokenStatus::TokenRemoved);
    TokenSession again = openLoggedIn(SlotPull);
    QVERIFY(TokenWriter::rollback(again, pending));
    QCOMPARE(m_control->objectCount(SlotPull), 0);
    // And the job can run again from the start.
    auto retry = TokenWriter(again).write({importedPair(KeyPurpose::Signing, QStringLiteral("Pull Co."))});
    QVERIFY2(retry, qPrintable(retry.detail()));
    QCOMPARE(m_control->objectCount(SlotPull), 3);
}

void TestSm2TestModule::watcherReportsInsertAndRemove()
{
    TokenWatcher watcher({m_module});
    QSignalSpy inserted(&watcher, &TokenWatcher::tokenInserted);
    QSignalSpy removed(&watcher, &TokenWatcher::tokenRemoved);
    watcher.poll();
    QCOMPARE(inserted.count(), SlotCount); // every token is new to the first poll
    QCOMPARE(removed.count(), 0);
    inserted.clear();

    m_control->pullToken(SlotWatch);
    watcher.poll();
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().first().value<TokenInfo>().label, labelOf(SlotWatch));
    QCOMPARE(inserted.count(), 0);
    watcher.poll(); // nothing changed
    QCOMPARE(removed.count(), 1);

    m_control->insertToken(SlotWatch);
    watcher.poll();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().first().value<TokenInfo>().label, labelOf(SlotWatch));
    QCOMPARE(watcher.tokens().size(), SlotCount);

    // The timer drives the same poll.
    watcher.setInterval(std::chrono::milliseconds(20));
    watcher.start();
    QVERIFY(watcher.isActive());
    m_control->pullToken(SlotWatch);
    QVERIFY(removed.wait(5000));
    watcher.stop();
    m_control->insertToken(SlotWatch);
}

QTEST_GUILESS_MAIN(TestSm2TestModule)
#include "tst_sm2testmodule.moc"
