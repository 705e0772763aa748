// End to end through the CertDesk SM2 test module (Sansec-style vendor mechanisms: CKK 0x80000004, keygen
// 0x80008001, SM3+SM2 with Z 0x80008102): the signing key is generated on the token, the PKCS#10 request is
// signed by the token and verified by the service, the KMC's encryption key is imported. Faults through the
// module's hooks: wrong PIN (tries left, exactly one C_Login), a locked PIN, the token pulled mid-write
// (nothing left after reinsertion, and the next run succeeds), the service dying before confirmation, and a
// PIN-pad reader.

#include "IssuanceFixture.h"
#include "TestEnvironment.h"
#include "TestModuleControl.h"

#include "issuance/ProgrammingJob.h"
#include "issuance/RollbackJournal.h"
#include "pki/CertificateInfo.h"
#include "pki/Sm2.h"
#include "pki/Sm2Key.h"
#include "token/ModuleLoader.h"
#include "token/TokenSession.h"

#include <QEventLoop>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace certdesk;
using namespace certdesk::issuance;
using certdesk::token::TokenStatus;
using Step = ProgrammingJob::Step;

namespace {

const QString UserPin = QStringLiteral("12345678");
const QString SoPin = QStringLiteral("87654321");
constexpr quint64 CkrDeviceRemoved = 0x32;
constexpr quint64 CkkVendorSm2 = 0x80000004;

enum Slot
{
    SlotOk = 0,
    SlotWrongPin = 1,
    SlotLocked = 2,
    SlotPull = 3,
    SlotServerDown = 4,
    SlotPinPad = 5,
    SlotCancel = 6,
    SlotCount = 7
};

QString labelOf(int slot)
{
    return QStringLiteral("VENDOR %1").arg(slot);
}

} // namespace

class TestProgrammingVendor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void onTokenKeyPathEndToEnd();
    void wrongPinShowsTriesLeftAndLogsInOnce();
    void lockedPinIsReported();
    void tokenPulledMidWriteResumesAfterReinsertion();
    void serviceDiesBeforeConfirmation();
    void pinPadReaderAsksForThePin();
    void cancelRemovesTheOnTokenKey();

private:
    [[nodiscard]] ProgrammingRequest request(const QString& applicationId, int slot) const;

    QTemporaryDir m_dir;
    std::optional<test::Sm2TestModule> m_control;
    test::IssuanceFixture m_fixture;
};

void TestProgrammingVendor::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
    m_control.emplace(m_dir.path());
    m_control->activate();
    m_control->setSlotCount(SlotCount);
    for (int slot = 0; slot < SlotCount; ++slot)
        QVERIFY(m_control->createToken(
            slot, labelOf(slot), UserPin, SoPin, slot == SlotLocked ? 2 : 5, slot == SlotPinPad));
    QVERIFY2(m_fixture.start(), qPrintable(m_fixture.error()));
}

void TestProgrammingVendor::cleanup()
{
    m_control->clearFaults();
    if (QTest::currentTestFailed())
        qWarning("certdesk-server output (tail):\n%s", m_fixture.server().output().right(3000).constData());
}

ProgrammingRequest TestProgrammingVendor::request(const QString& applicationId, int slot) const
{
    ProgrammingRequest r;
    r.applicationId = applicationId;
    r.modulePath = test::Sm2TestModule::modulePath();
    r.tokenLabel = labelOf(slot);
    r.journalPath = m_dir.filePath(QStringLiteral("journal.json"));
    return r;
}

void TestProgrammingVendor::onTokenKeyPathEndToEnd()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    ProgrammingJob job(&m_fixture.counter(), request(approved->id, SlotOk));
    const test::JobOutcome outcome = test::runJob(job, UserPin);
    QVERIFY2(outcome.finished, "the job did not finish");
    QVERIFY2(outcome.ok, qPrintable(outcome.message + QStringLiteral(" | ") + job.detail()));
    QVERIFY(job.signingKeyGeneratedOnToken());
    QCOMPARE(outcome.steps.last(), Step::Done);
    QCOMPARE(m_fixture.application(*approved)->status, ApplicationStatus::Issued);

    // On the token: the on-token signing pair, the imported encryption pair, two certificates.
    QCOMPARE(m_control->objectCount(SlotOk), 6);
    auto module = token::ModuleLoader::load(test::Sm2TestModule::modulePath());
    QVERIFY(module);
    auto opened = module->openSession(labelOf(SlotOk));
    QVERIFY(opened);
    token::TokenSession session = std::move(opened).value();
    QVERIFY(session.login(UserPin));
    auto keys = session.keys();
    QVERIFY(keys);
    QCOMPARE(keys->size(), 4);
    for (const token::TokenKey& key : *keys) {
        QCOMPARE(key.keyType, CkkVendorSm2); // the vendor key type, not CKK_EC
        QCOMPARE(key.algorithm, token::KeyAlgorithm::Sm2);
    }
    auto certificates = session.certificates();
    QVERIFY(certificates);
    QCOMPARE(certificates->size(), 2);
    for (const token::TokenCertificate& certificate : *certificates) {
        const auto info = certificate.info();
        QVERIFY(info);
        QCOMPARE(session.sm2PublicPoint(certificate.id).value(), info->publicKeyBits);
        QString output;
        QVERIFY2(test::opensslVerify(
                     m_dir.path(), m_fixture.rootDer(), m_fixture.issuingDer(), certificate.der, &output),
            qPrintable(output));
        // The signing key signs on the token, and its certificate verifies that signature.
        if (info->keyUsage & 0x80) { // digitalSignature
            const QByteArray data = QByteArrayLiteral("signed by the new UKey");
            auto signature = session.signSm2(certificate.id, data);
            QVERIFY2(signature, qPrintable(signature.detail()));
            QVERIFY(
                pki::sm2Verify(pki::Sm2Key::fromPublicPoint(info->publicKeyBits).value(), data, *signature));
        }
    }
    // The old certificate is on its own (legacy RSA) CA's CRL.
    const auto revoked = m_fixture.legacyCrlSerials();
    QVERIFY(revoked);
    QVERIFY(revoked->contains(approved->oldSerial));
}

void TestProgrammingVendor::wrongPinShowsTriesLeftAndLogsInOnce()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    QCOMPARE(m_control->userPinFailures(SlotWrongPin), 0);
    ProgrammingJob job(&m_fixture.counter(), request(approved->id, SlotWrongPin));
    const test::JobOutcome outcome = test::runJob(job, QStringLiteral("99999999"));
    QVERIFY(outcome.finished);
    QVERIFY(!outcome.ok);
    // The token's counter moved by exactly one: one C_Login, never retried.
    QCOMPARE(m_control->userPinFailures(SlotWrongPin), 1);
    QCOMPARE(outcome.status, TokenStatus::PinIncorrectCountLow);
    QCOMPARE(outcome.message, token::tokenStatusMessage(TokenStatus::PinIncorrectCountLow));
    QCOMPARE(job.lastStep(), Step::Login);
    QCOMPARE(m_control->objectCount(SlotWrongPin), 0);
    QVERIFY(m_fixture.staffView(approved->id)->issuances.isEmpty());
}

void TestProgrammingVendor::lockedPinIsReported()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    // Two tries on this token: the first wrong PIN leaves the final try, the second locks it.
    ProgrammingJob job(&m_fixture.counter(), request(approved->id, SlotLocked));
    const test::JobOutcome first = test::runJob(job, QStringLiteral("11110000"));
    QCOMPARE(first.status, TokenStatus::PinIncorrectFinalTry);
    const test::JobOutcome second = test::runJob(job, QStringLiteral("11110001"));
    QCOMPARE(second.status, TokenStatus::PinLocked);
    QCOMPARE(m_control->userPinFailures(SlotLocked), 2);
    // Locked: reported as such, even with the right PIN, and no C_Login is spent on it.
    const test::JobOutcome third = test::runJob(job, UserPin);
    QVERIFY(third.finished);
    QVERIFY(!third.ok);
    QCOMPARE(third.status, TokenStatus::PinLocked);
    QCOMPARE(third.message, token::tokenStatusMessage(TokenStatus::PinLocked));
    QCOMPARE(m_control->userPinFailures(SlotLocked), 2);
    QCOMPARE(m_fixture.staffView(approved->id)->application.status, ApplicationStatus::Approved);
}

void TestProgrammingVendor::tokenPulledMidWriteResumesAfterReinsertion()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    // Writes on this path: the signing certificate (key made on the token), then the encryption private key,
    // public key and certificate. The token is pulled during the second C_CreateObject.
    m_control->armFault(QStringLiteral("C_CreateObject"), 2, CkrDeviceRemoved, true);
    ProgrammingJob job(&m_fixture.counter(), request(approved->id, SlotPull));
    const test::JobOutcome outcome = test::runJob(job, UserPin);
    QVERIFY(outcome.finished);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.status, TokenStatus::TokenRemoved);
    QVERIFY(outcome.message.startsWith(token::tokenStatusMessage(TokenStatus::TokenRemoved)));
    QVERIFY(outcome.message.size() > token::tokenStatusMessage(TokenStatus::TokenRemoved).size());
    QCOMPARE(job.lastStep(), Step::WriteToken);
    // The pulled token kept what was written before the pull (nothing could remove it) and the journal
    // knows it.
    const int leftover = m_control->objectCount(SlotPull);
    QVERIFY2(leftover >= 3, qPrintable(QString::number(leftover)));
    RollbackJournal journal(request(approved->id, SlotPull).journalPath);
    const QString key = RollbackJournal::tokenKey(job.token());
    QVERIFY(!journal.pending(key).isEmpty());
    QCOMPARE(m_fixture.staffView(approved->id)->application.status, ApplicationStatus::Approved);

    // Reinserted: the next run logs in and removes the leftovers before it writes anything, then succeeds.
    m_control->insertToken(SlotPull);
    ProgrammingJob again(&m_fixture.counter(), request(approved->id, SlotPull));
    int objectsBeforeKeys = -1;
    connect(&again, &ProgrammingJob::stepChanged, this, [&](Step step) {
        if (step == Step::PrepareKeys)
            objectsBeforeKeys = m_control->objectCount(SlotPull);
    });
    const test::JobOutcome second = test::runJob(again, UserPin);
    QVERIFY2(second.ok, qPrintable(second.message + QStringLiteral(" | ") + again.detail()));
    QCOMPARE(objectsBeforeKeys, 0);
    QCOMPARE(m_control->objectCount(SlotPull), 6);
    QVERIFY(journal.pending(key).isEmpty());
    QCOMPARE(m_fixture.staffView(approved->id)->application.status, ApplicationStatus::Issued);
}

void TestProgrammingVendor::serviceDiesBeforeConfirmation()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    ProgrammingJob job(&m_fixture.counter(), request(approved->id, SlotServerDown));
    int objectsWhenKilled = -1;
    connect(&job, &ProgrammingJob::stepChanged, this, [&](Step step) {
        if (step == Step::Confirm) {
            objectsWhenKilled = m_control->objectCount(SlotServerDown);
            m_fixture.server().kill();
        }
    });
    const test::JobOutcome outcome = test::runJob(job, UserPin);
    // Back on the same data before anything is checked, so that a failure here does not take the later
    // tests down with it.
    const bool restarted = m_fixture.server().restart();
    QCOMPARE(objectsWhenKilled, 6);
    QVERIFY(outcome.finished);
    QVERIFY(!outcome.ok);
    QCOMPARE(job.failure(), ProgrammingJob::Failure::Service);
    // Nothing unconfirmed on the token: certificates, imported keys AND the key generated on the token.
    QCOMPARE(m_control->objectCount(SlotServerDown), 0);

    QVERIFY2(restarted, qPrintable(m_fixture.server().errorString()));
    const auto view = m_fixture.staffView(approved->id);
    QVERIFY2(view, qPrintable(m_fixture.error()));
    QCOMPARE(view->application.status, ApplicationStatus::Approved);
    QCOMPARE(view->issuances.size(), 1);
    QVERIFY(!view->issuances.first().confirmedAt.isValid());

    disconnect(&job, &ProgrammingJob::stepChanged, this, nullptr);
    const test::JobOutcome again = test::runJob(job, UserPin);
    QVERIFY2(again.ok, qPrintable(again.message + QStringLiteral(" | ") + job.detail()));
    QCOMPARE(m_control->objectCount(SlotServerDown), 6);
    const auto after = m_fixture.staffView(approved->id);
    QCOMPARE(after->application.status, ApplicationStatus::Issued);
    QCOMPARE(after->issuances.size(), 2);
}

void TestProgrammingVendor::pinPadReaderAsksForThePin()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    m_control->setPinPadEntry(UserPin); // what the person types on the reader
    ProgrammingJob job(&m_fixture.counter(), request(approved->id, SlotPinPad));
    const test::JobOutcome outcome = test::runJob(job, QString());
    QVERIFY2(outcome.ok, qPrintable(outcome.message + QStringLiteral(" | ") + job.detail()));
    QCOMPARE(m_control->objectCount(SlotPinPad), 6);
}

void TestProgrammingVendor::cancelRemovesTheOnTokenKey()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    // Cancelled while the service issues: the key pair generated on the token must go too.
    ProgrammingJob job(&m_fixture.counter(), request(approved->id, SlotCancel));
    int objectsAtCancel = -1;
    connect(&job, &ProgrammingJob::stepChanged, this, [&](Step step) {
        if (step == Step::RequestIssuance) {
            objectsAtCancel = m_control->objectCount(SlotCancel);
            job.cancel();
        }
    });
    const test::JobOutcome outcome = test::runJob(job, UserPin);
    QCOMPARE(objectsAtCancel, 2); // the on-token signing pair
    QVERIFY(outcome.finished);
    QCOMPARE(outcome.status, TokenStatus::Cancelled);
    QCOMPARE(m_control->objectCount(SlotCancel), 0);
    QCOMPARE(m_fixture.staffView(approved->id)->application.status, ApplicationStatus::Approved);

    // Destroying a job mid-run rolls back as well.
    {
        auto doomed
            = std::make_unique<ProgrammingJob>(&m_fixture.counter(), request(approved->id, SlotCancel));
        QEventLoop loop;
        connect(doomed.get(), &ProgrammingJob::stepChanged, &loop, [&](Step step) {
            if (step == Step::OpenEnvelopes)
                loop.quit();
        });
        doomed->start(UserPin);
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        loop.exec();
        QVERIFY(doomed->isRunning());
        doomed.reset();
    }
    QCOMPARE(m_control->objectCount(SlotCancel), 0);
}

QTEST_GUILESS_MAIN(TestProgrammingVendor)
#include "tst_programming_vendor.moc"
