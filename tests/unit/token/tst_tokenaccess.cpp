// The token sequence the windows use (token/TokenAccess: module -> token -> session -> login -> one thing ->
// logout), on real SoftHSM2 tokens in a temporary directory: reading the old UKey's certificates, its PIN
// state, the proof-of-possession signature (checked as the service checks it), a wrong PIN that is reported
// and not retried, and the PIN change of the counter. The merge rule of several modules' reads, and
// TokenCertificateSource on PKCS#11 doing the same through its interface.

#include "TestEnvironment.h"
#include "TokenTestSupport.h"

#include "pki/LegacyRsaCa.h"
#include "token/ModuleLoader.h"
#include "token/TokenAccess.h"
#include "token/TokenSession.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace certdesk;
using namespace certdesk::token;

namespace {

const QString SoPin = QStringLiteral("87654321");
const QString UserPin = QStringLiteral("12345678");
const QString OldLabel = QStringLiteral("ACCESS OLD");
const QString PinLabel = QStringLiteral("ACCESS PIN");
const QString EmptyLabel = QStringLiteral("ACCESS EMPTY");
const QByteArray OldKeyId = QByteArray::fromHex("0a01");
const QByteArray Challenge = QByteArrayLiteral("lookup-challenge-2c5e81f07a93");

TokenCertificateEntry entryOn(const QString& label, const QString& serial)
{
    TokenCertificateEntry e;
    e.token.modulePath = test::SoftHsm::modulePath();
    e.token.label = label;
    e.token.serialNumber = serial;
    return e;
}

} // namespace

class TestTokenAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void readsTheOldCertificate();
    void unreadableModule();
    void mergeRule();
    void refreshAndPinState();
    void signsAndLogsOut();
    void wrongPinIsReportedOnce();
    void changesThePin();
    void sourceOnPkcs11();

private:
    [[nodiscard]] TokenInfo tokenInfo(const QString& label) const;

    QTemporaryDir m_dir;
    std::optional<test::SoftHsm> m_softhsm;
    std::optional<pki::LegacyRsaCa> m_legacyCa;
    pki::LegacyCertificate m_legacy;
};

void TestTokenAccess::initTestCase()
{
    test::fixEnvironment();
    if (!QFile::exists(test::SoftHsm::modulePath()))
        QSKIP("SoftHSM2 is not installed (scripts/deps.sh installs softhsm2)");
    QVERIFY(m_dir.isValid());
    // In-process loads here: the probe is ModuleLoader's own test (tst_moduleprobe).
    ModuleLoader::setProbe(nullptr);
    m_softhsm.emplace(m_dir.filePath(QStringLiteral("softhsm")));
    // Every token before the module is loaded: SoftHSM reads its token directory at C_Initialize.
    for (const QString& label : {OldLabel, PinLabel, EmptyLabel})
        QVERIFY(m_softhsm->initToken(label, SoPin, UserPin));

    // The old UKey: a legacy RSA certificate and its key under one CKA_ID, as the old CA's client left them.
    auto legacyCa = pki::LegacyRsaCa::loadOrCreate(m_dir.filePath(QStringLiteral("legacy-ca")));
    QVERIFY2(legacyCa, qPrintable(legacyCa.detail()));
    m_legacyCa = *legacyCa;
    auto minted = m_legacyCa->mint(CertificateCategory::Institution, QStringLiteral("广州市令牌测试有限公司"),
        QStringLiteral("91440101MA5ACC0001"), QDateTime::currentDateTimeUtc().addDays(30));
    QVERIFY2(minted, qPrintable(minted.detail()));
    m_legacy = *minted;
    QVERIFY(m_softhsm->importKeyPair(
        OldLabel, UserPin, m_legacy.privateKeyPkcs8.toByteArray(), OldKeyId, QStringLiteral("old key")));
    auto module = ModuleLoader::load(test::SoftHsm::modulePath());
    QVERIFY2(module, qPrintable(module.detail()));
    auto session = module->openSession(OldLabel);
    QVERIFY2(session, qPrintable(session.detail()));
    QVERIFY(session->login(UserPin));
    QVERIFY(session->writeCertificate(m_legacy.certificateDer, OldKeyId, QStringLiteral("old certificate")));
}

TokenInfo TestTokenAccess::tokenInfo(const QString& label) const
{
    auto module = ModuleLoader::load(test::SoftHsm::modulePath());
    if (!module)
        qFatal("load: %s", qPrintable(module.detail()));
    auto found = module->findToken(label);
    if (!found)
        qFatal("findToken(%s): %s", qPrintable(label), qPrintable(found.detail()));
    return *found;
}

void TestTokenAccess::readsTheOldCertificate()
{
    auto read = readCertificates(test::SoftHsm::modulePath());
    QVERIFY2(read, qPrintable(read.detail()));
    // One certificate on the three tokens (the others are empty; SoftHSM's free slot is not initialized).
    QCOMPARE(read->size(), 1);
    const TokenCertificateEntry& e = read->constFirst();
    QCOMPARE(e.token.label, OldLabel);
    QCOMPARE(e.token.modulePath, test::SoftHsm::modulePath());
    QVERIFY(!e.token.serialNumber.isEmpty());
    QCOMPARE(e.certificate.der, m_legacy.certificateDer);
    QCOMPARE(e.certificate.id, OldKeyId);
    QCOMPARE(e.info.serialHex, m_legacy.serialHex);
    QVERIFY(e.info.keyAlgorithm.startsWith(QLatin1String("RSA")));
    QCOMPARE(e.info.subject.organization, QStringLiteral("广州市令牌测试有限公司"));
}

void TestTokenAccess::unreadableModule()
{
    const QString missing = m_dir.filePath(QStringLiteral("missing-module.so"));
    QCOMPARE(readCertificates(missing).status(), TokenStatus::ModuleMissing);
    QFile notALibrary(m_dir.filePath(QStringLiteral("not-a-module.so")));
    QVERIFY(notALibrary.open(QIODevice::WriteOnly));
    notALibrary.write("not an ELF file");
    notALibrary.close();
    QCOMPARE(readCertificates(notALibrary.fileName()).status(), TokenStatus::ModuleLoadFailed);
    // A token on a module that cannot be loaded: the sequence stops at the module, with its status.
    TokenInfo elsewhere = tokenInfo(OldLabel);
    elsewhere.modulePath = missing;
    QCOMPARE(TokenAccess(elsewhere).refresh().status(), TokenStatus::ModuleMissing);
    QCOMPARE(TokenAccess(elsewhere).pinInfo().status(), TokenStatus::ModuleMissing);
}

void TestTokenAccess::mergeRule()
{
    using Read = TokenResult<QList<TokenCertificateEntry>>;
    const TokenCertificateEntry a = entryOn(QStringLiteral("A"), QStringLiteral("1"));
    const TokenCertificateEntry b = entryOn(QStringLiteral("B"), QStringLiteral("2"));
    // No module at all.
    QCOMPARE(mergeCertificateReads({}).status(), TokenStatus::ModuleMissing);
    // Every module failed: the last failure is what the person is told.
    const QList<Read> failed {tokenError(TokenStatus::ModuleMissing, QStringLiteral("first")),
        tokenError(TokenStatus::ModuleFailed, QStringLiteral("second"))};
    const Read allFailed = mergeCertificateReads(failed);
    QCOMPARE(allFailed.status(), TokenStatus::ModuleFailed);
    QCOMPARE(allFailed.detail(), QStringLiteral("second"));
    // One module read (even with nothing on it): the failures of the others are skipped.
    const Read oneEmpty = mergeCertificateReads({failed.first(), Read(QList<TokenCertificateEntry> {})});
    QVERIFY(oneEmpty);
    QVERIFY(oneEmpty->isEmpty());
    // Every certificate of the modules read, in the modules' order.
    const Read both = mergeCertificateReads(
        {Read(QList<TokenCertificateEntry> {a}), failed.last(), Read(QList<TokenCertificateEntry> {b})});
    QVERIFY(both);
    QCOMPARE(both->size(), 2);
    QCOMPARE(both->at(0).token.label, QStringLiteral("A"));
    QCOMPARE(both->at(1).token.label, QStringLiteral("B"));
}

void TestTokenAccess::refreshAndPinState()
{
    const TokenInfo listed = tokenInfo(PinLabel);
    // Found again by label and serial, whatever slot it is in now.
    TokenInfo stale = listed;
    stale.slotId = listed.slotId + 1000;
    auto fresh = TokenAccess(stale).refresh();
    QVERIFY2(fresh, qPrintable(fresh.detail()));
    QCOMPARE(fresh->slotId, listed.slotId);
    QCOMPARE(fresh->serialNumber, listed.serialNumber);
    QVERIFY(fresh->initialized);
    auto pin = TokenAccess(listed).pinInfo();
    QVERIFY2(pin, qPrintable(pin.detail()));
    QVERIFY(pin->initialized);
    QVERIFY(!pin->locked);
    QVERIFY(!pin->protectedAuthenticationPath);
    // Another token with the same label but another serial is not this one.
    TokenInfo other = listed;
    other.serialNumber = QStringLiteral("not-the-serial");
    QCOMPARE(TokenAccess(other).refresh().status(), TokenStatus::NoSuchToken);
    QCOMPARE(TokenAccess(other).pinInfo().status(), TokenStatus::NoSuchToken);
}

void TestTokenAccess::signsAndLogsOut()
{
    auto read = readCertificates(test::SoftHsm::modulePath());
    QVERIFY(read && read->size() == 1);
    const TokenCertificateEntry e = read->constFirst();
    auto signature = TokenAccess(e.token).signRsaSha256(e.certificate, UserPin, Challenge);
    QVERIFY2(signature, qPrintable(signature.detail()));
    // What the service checks (API.md: proof over the lookup's challenge).
    QVERIFY(m_legacyCa->verifyPossession(e.certificate.der, Challenge, *signature));
    QVERIFY(!m_legacyCa->verifyPossession(e.certificate.der, Challenge + 'x', *signature));
    // Logged out afterwards: a new session sees no private key without logging in.
    auto module = ModuleLoader::load(test::SoftHsm::modulePath());
    QVERIFY(module);
    auto session = module->openSession(OldLabel);
    QVERIFY(session);
    QVERIFY(!session->isLoggedIn());
    auto privateKeys = session->countObjects(ObjectClass::PrivateKey);
    QVERIFY2(privateKeys, qPrintable(privateKeys.detail()));
    QCOMPARE(*privateKeys, 0);
    // A certificate whose key is not on this token: nothing to sign with.
    TokenCertificate foreign = e.certificate;
    foreign.id = QByteArray::fromHex("ffff");
    auto other = m_legacyCa->mint(CertificateCategory::Institution, QStringLiteral("另一家公司"),
        QStringLiteral("91440101MA5ACC0002"), QDateTime::currentDateTimeUtc().addDays(30));
    QVERIFY(other);
    foreign.der = other->certificateDer;
    QCOMPARE(TokenAccess(e.token).signRsaSha256(foreign, UserPin, Challenge).status(), TokenStatus::NotFound);
}

void TestTokenAccess::wrongPinIsReportedOnce()
{
    auto read = readCertificates(test::SoftHsm::modulePath());
    QVERIFY(read && read->size() == 1);
    const TokenCertificateEntry e = read->constFirst();
    const auto failed
        = TokenAccess(e.token).signRsaSha256(e.certificate, QStringLiteral("00000000"), Challenge);
    QVERIFY2(
        failed.status() == TokenStatus::PinIncorrect || failed.status() == TokenStatus::PinIncorrectCountLow,
        qPrintable(failed.detail()));
    // No PIN and no PIN pad: not even tried.
    QCOMPARE(TokenAccess(e.token).signRsaSha256(e.certificate, QString(), Challenge).status(),
        TokenStatus::NotLoggedIn);
    // The right PIN still works: one wrong try did not lock anything.
    QVERIFY(TokenAccess(e.token).signRsaSha256(e.certificate, UserPin, Challenge));
}

void TestTokenAccess::changesThePin()
{
    const TokenAccess access(tokenInfo(PinLabel));
    const QString ownPin = QStringLiteral("13572468");
    const auto wrongOld = access.changePin(QStringLiteral("99999999"), ownPin);
    QVERIFY2(wrongOld.status() == TokenStatus::PinIncorrect
            || wrongOld.status() == TokenStatus::PinIncorrectCountLow,
        qPrintable(wrongOld.detail()));
    QCOMPARE(access.changePin(UserPin, QStringLiteral("12")).status(), TokenStatus::PinInvalid);
    const auto changed = access.changePin(UserPin, ownPin);
    QVERIFY2(changed, qPrintable(changed.detail()));
    // The factory PIN no longer opens the token; the new one does.
    QVERIFY(m_softhsm->pkcs11Tool(PinLabel, UserPin, {QStringLiteral("--list-objects")}).exitCode != 0);
    QCOMPARE(m_softhsm->pkcs11Tool(PinLabel, ownPin, {QStringLiteral("--list-objects")}).exitCode, 0);
    QVERIFY(access.changePin(ownPin, UserPin));
}

void TestTokenAccess::sourceOnPkcs11()
{
    const QString missing = m_dir.filePath(QStringLiteral("missing-module.so"));
    Pkcs11CertificateSource source({test::SoftHsm::modulePath(), missing});
    QCOMPARE(source.modulePaths(), QStringList({test::SoftHsm::modulePath(), missing}));
    QCOMPARE(source.certificates(missing).status(), TokenStatus::ModuleMissing);
    auto read = source.certificates(test::SoftHsm::modulePath());
    QVERIFY2(read, qPrintable(read.detail()));
    QCOMPARE(read->size(), 1);
    const TokenCertificateEntry e = read->constFirst();
    auto pin = source.pinInfo(e.token);
    QVERIFY2(pin, qPrintable(pin.detail()));
    QVERIFY(pin->initialized);
    auto signature = source.signRsaSha256(e, UserPin, Challenge);
    QVERIFY2(signature, qPrintable(signature.detail()));
    QVERIFY(m_legacyCa->verifyPossession(e.certificate.der, Challenge, *signature));
    // The empty token holds nothing to read.
    QVERIFY(std::none_of(read->cbegin(), read->cend(),
        [](const TokenCertificateEntry& entry) { return entry.token.label == EmptyLabel; }));
}

QTEST_GUILESS_MAIN(TestTokenAccess)
#include "tst_tokenaccess.moc"
