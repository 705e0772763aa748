// The service killed with SIGKILL at every step of issuance and confirmation while a counter programs a UKey
// (SoftHSM2, the real certdesk-server on its own data, IssuanceFixture). Two ways for each step:
//  - killed and still down when the job next needs it: the job fails with a service error, the token is
//    rolled back to empty, and after a restart the application is still approved and a new run succeeds;
//  - killed and restarted at once (a crash and a supervisor restart): the job carries on and succeeds, or,
//    when the kill hit a request in flight, rolls back cleanly and the next run succeeds.
// Either way exactly one issuance ends confirmed, every other issuance of the application is revoked (on
// GET /ca/crl), and a confirmation survives a kill right after it was acknowledged.
#include "IssuanceFixture.h"
#include "TestEnvironment.h"
#include "TokenTestSupport.h"

#include "issuance/ProgrammingJob.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace certdesk;
using namespace certdesk::issuance;
using certdesk::token::TokenStatus;
using Step = ProgrammingJob::Step;

namespace {

const QString UserPin = QStringLiteral("12345678");
const QString SoPin = QStringLiteral("87654321");
const QList<Step> KillSteps
    = {Step::RequestIssuance, Step::OpenEnvelopes, Step::WriteToken, Step::Verify, Step::Confirm};

QString label(Step step, bool restartAtOnce)
{
    return QStringLiteral("KILL %1 %2")
        .arg(int(step))
        .arg(restartAtOnce ? QStringLiteral("R") : QStringLiteral("D"));
}

} // namespace

class TestFaultKill : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void killedAndDown_data();
    void killedAndDown();
    void killedAndRestarted_data();
    void killedAndRestarted();
    void confirmationSurvivesKill();

private:
    [[nodiscard]] ProgrammingRequest request(const QString& applicationId, const QString& tokenLabel) const;
    [[nodiscard]] int objectCount(const QString& tokenLabel);
    // Exactly one confirmed issuance, every other one revoked. Empty when so, else what is wrong.
    [[nodiscard]] QString issuedOnce(const QString& applicationId);

    QTemporaryDir m_dir;
    std::optional<test::SoftHsm> m_softhsm;
    test::IssuanceFixture m_fixture;
};

void TestFaultKill::initTestCase()
{
    test::fixEnvironment();
    if (!QFile::exists(test::SoftHsm::modulePath()))
        QSKIP("SoftHSM2 is not installed");
    QVERIFY(m_dir.isValid());
    m_softhsm.emplace(m_dir.filePath(QStringLiteral("softhsm")));
    // SoftHSM reads its token directory at C_Initialize only: every token is made before the first load.
    for (const Step step : KillSteps)
        for (const bool restartAtOnce : {false, true})
            QVERIFY(m_softhsm->initToken(label(step, restartAtOnce), SoPin, UserPin));
    QVERIFY(m_softhsm->initToken(QStringLiteral("KILL DONE"), SoPin, UserPin));
    QVERIFY2(m_fixture.start(), qPrintable(m_fixture.error()));
}

void TestFaultKill::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning("certdesk-server output (tail):\n%s", m_fixture.server().output().right(3000).constData());
}

ProgrammingRequest TestFaultKill::request(const QString& applicationId, const QString& tokenLabel) const
{
    ProgrammingRequest r;
    r.applicationId = applicationId;
    r.modulePath = test::SoftHsm::modulePath();
    r.tokenLabel = tokenLabel;
    r.journalPath = m_dir.filePath(QStringLiteral("journal.json"));
    return r;
}

int TestFaultKill::objectCount(const QString& tokenLabel)
{
    const test::ToolResult listed
        = m_softhsm->pkcs11Tool(tokenLabel, UserPin, {QStringLiteral("--list-objects")});
    if (listed.exitCode != 0)
        return -1;
    const test::ListedObjects objects = test::parseListing(listed.output);
    return objects.privateKeys + objects.publicKeys + objects.certificates + objects.data;
}

QString TestFaultKill::issuedOnce(const QString& applicationId)
{
    const auto view = m_fixture.staffView(applicationId);
    if (!view)
        return QStringLiteral("no staff view: ") + m_fixture.error();
    const std::optional<QStringList> revoked = m_fixture.crlSerials();
    if (!revoked)
        return QStringLiteral("no CRL: ") + m_fixture.error();
    int confirmed = 0;
    for (const api::IssuanceRecord& issuance : view->issuances) {
        const bool onCrl = revoked->contains(test::normalHex(issuance.signingSerial))
            && revoked->contains(test::normalHex(issuance.encryptionSerial));
        if (issuance.status == QLatin1String("confirmed")) {
            ++confirmed;
            if (onCrl)
                return QStringLiteral("the confirmed issuance is revoked");
        } else if (!onCrl) {
            return QStringLiteral("issuance %1 (%2) is neither confirmed nor revoked")
                .arg(issuance.issuanceId, issuance.status);
        }
    }
    if (confirmed != 1)
        return QStringLiteral("%1 confirmed issuances").arg(confirmed);
    return {};
}

void TestFaultKill::killedAndDown_data()
{
    QTest::addColumn<Step>("step");
    for (const Step step : KillSteps)
        QTest::newRow(QMetaEnum::fromType<Step>().valueToKey(int(step))) << step;
}

void TestFaultKill::killedAndDown()
{
    QFETCH(Step, step);
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    const QString tokenLabel = label(step, false);
    ProgrammingJob job(&m_fixture.counter(), request(approved->id, tokenLabel));
    bool killed = false;
    connect(&job, &ProgrammingJob::stepChanged, this, [&](Step now) {
        if (now == step && !killed) {
            m_fixture.server().kill();
            killed = true;
        }
    });
    const test::JobOutcome outcome = test::runJob(job, UserPin);
    // Back up on the same data before anything is checked, so that a failure does not take later rows down.
    const bool restarted = m_fixture.server().restart();
    QVERIFY(killed);
    QVERIFY(outcome.finished);
    QVERIFY(!outcome.ok);
    QCOMPARE(job.failure(), ProgrammingJob::Failure::Service);
    QCOMPARE(outcome.status, TokenStatus::Ok);
    QCOMPARE(objectCount(tokenLabel), 0); // rolled back: nothing unconfirmed stays on the token
    QVERIFY2(restarted, qPrintable(m_fixture.server().errorString()));
    QCOMPARE(m_fixture.staffView(approved->id)->application.status, ApplicationStatus::Approved);

    // The application resumes: a new run issues again, and only one issuance stands.
    disconnect(&job, &ProgrammingJob::stepChanged, this, nullptr);
    const test::JobOutcome again = test::runJob(job, UserPin);
    QVERIFY2(again.ok, qPrintable(again.message + QStringLiteral(" | ") + job.detail()));
    QCOMPARE(objectCount(tokenLabel), 6);
    QCOMPARE(m_fixture.staffView(approved->id)->application.status, ApplicationStatus::Issued);
    const QString once = issuedOnce(approved->id);
    QVERIFY2(once.isEmpty(), qPrintable(once));
}

void TestFaultKill::killedAndRestarted_data()
{
    killedAndDown_data();
}

void TestFaultKill::killedAndRestarted()
{
    QFETCH(Step, step);
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    const QString tokenLabel = label(step, true);
    ProgrammingJob job(&m_fixture.counter(), request(approved->id, tokenLabel));
    bool restarted = false;
    connect(&job, &ProgrammingJob::stepChanged, this, [&](Step now) {
        if (now == step && !restarted)
            restarted = m_fixture.server().restart(); // SIGKILL, then up again on the same data and port
    });
    const test::JobOutcome outcome = test::runJob(job, UserPin);
    QVERIFY2(restarted, qPrintable(m_fixture.server().errorString()));
    QVERIFY(outcome.finished);
    if (!outcome.ok) {
        // The restart fell on a request in flight (stepChanged of the token steps arrives queued from the
        // writer thread, so the kill may land during the confirmation): then the run must have rolled back
        // cleanly and a new run must succeed.
        QCOMPARE(job.failure(), ProgrammingJob::Failure::Service);
        QCOMPARE(outcome.status, TokenStatus::Ok);
        QCOMPARE(objectCount(tokenLabel), 0);
        QCOMPARE(m_fixture.staffView(approved->id)->application.status, ApplicationStatus::Approved);
        disconnect(&job, &ProgrammingJob::stepChanged, this, nullptr);
        const test::JobOutcome again = test::runJob(job, UserPin);
        QVERIFY2(again.ok, qPrintable(again.message + QStringLiteral(" | ") + job.detail()));
    }
    QCOMPARE(objectCount(tokenLabel), 6);
    QCOMPARE(m_fixture.staffView(approved->id)->application.status, ApplicationStatus::Issued);
    const QString once = issuedOnce(approved->id);
    QVERIFY2(once.isEmpty(), qPrintable(once));
}

void TestFaultKill::confirmationSurvivesKill()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    ProgrammingJob job(&m_fixture.counter(), request(approved->id, QStringLiteral("KILL DONE")));
    const test::JobOutcome outcome = test::runJob(job, UserPin);
    QVERIFY2(outcome.ok, qPrintable(outcome.message + QStringLiteral(" | ") + job.detail()));
    const auto before = m_fixture.staffView(approved->id);
    QVERIFY(before);
    // Acknowledged: SIGKILL straight away, no clean shutdown.
    QVERIFY2(m_fixture.server().restart(), qPrintable(m_fixture.server().errorString()));
    const auto after = m_fixture.staffView(approved->id);
    QVERIFY2(after, qPrintable(m_fixture.error()));
    QCOMPARE(after->application.status, ApplicationStatus::Issued);
    QCOMPARE(after->issuances, before->issuances);
    const QString once = issuedOnce(approved->id);
    QVERIFY2(once.isEmpty(), qPrintable(once));
}

QTEST_GUILESS_MAIN(TestFaultKill)
#include "tst_fault_kill.moc"
