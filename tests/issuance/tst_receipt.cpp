// 我已收到 UKey end to end, against the real certdesk-server: a UKey programmed at the counter
// (ProgrammingJob), given a random initial PIN (pins::generateInitialPin) and shipped with it; the PIN read
// back from the shipment SMS in the sandbox outbox; on the applicant's side the ReceiptJob finds the UKey
// among the tokens, checks its certificates against the order and the CA, changes the PIN and proves receipt.
// - the CertDesk SM2 test module (a vendor token that signs SM2): the challenge is signed by the new signing
//   key; the access token is enough;
// - SoftHSM (stores SM2 keys, cannot sign SM2): the receipt carries the token serial, with the applicant
//   session from an SMS sign-in.
// And what goes wrong: the UKey of another order, a wrong initial PIN (nothing changes), a weak new PIN.
#include "IssuanceFixture.h"
#include "TestEnvironment.h"
#include "TestModuleControl.h"
#include "TokenTestSupport.h"

#include "domain/PinRules.h"
#include "issuance/ProgrammingJob.h"
#include "issuance/ReceiptJob.h"
#include "token/ModuleLoader.h"
#include "token/TokenSession.h"

#include <QEventLoop>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace certdesk;
using namespace certdesk::issuance;
using certdesk::token::TokenStatus;

namespace {

const QString FactoryPin = QStringLiteral("12345678");
const QString SoPin = QStringLiteral("87654321");
const QString NewPin = QStringLiteral("58203917");
const QString VendorLabel = QStringLiteral("VENDOR RECEIPT");
const QString VendorOtherLabel = QStringLiteral("VENDOR OTHER");
const QString SoftLabel = QStringLiteral("SOFTHSM RECEIPT");

struct Outcome
{
    bool done = false;
    bool ok = false;
    ReceiptJob::Failure failure = ReceiptJob::Failure::None;
    TokenStatus status = TokenStatus::Ok;
    QString message;
    std::optional<Application> application;
};

// Runs findToken() (complete == false) or complete() and waits for its signal.
Outcome wait(ReceiptJob& job, const std::function<void()>& start)
{
    Outcome out;
    QEventLoop loop;
    const auto c1 = QObject::connect(&job, &ReceiptJob::found, &loop, [&] {
        out.done = out.ok = true;
        loop.quit();
    });
    const auto c2 = QObject::connect(&job, &ReceiptJob::completed, &loop, [&](const Application& a) {
        out.done = out.ok = true;
        out.application = a;
        loop.quit();
    });
    const auto c3 = QObject::connect(&job, &ReceiptJob::failed, &loop,
        [&](ReceiptJob::Failure f, const QString& message, TokenStatus status) {
            out.done = true;
            out.failure = f;
            out.message = message;
            out.status = status;
            loop.quit();
        });
    QTimer::singleShot(std::chrono::minutes(2), &loop, &QEventLoop::quit);
    start();
    if (!out.done)
        loop.exec();
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    QObject::disconnect(c3);
    return out;
}

} // namespace

class TestReceipt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void vendorTokenSignsTheReceipt();
    void softHsmTokenWithTheApplicantSession();

private:
    // An approved application programmed onto `label` of `modulePath` (factory PIN), given a random initial
    // PIN and shipped with it. The initial PIN as the applicant reads it in the SMS.
    [[nodiscard]] std::optional<test::ApprovedApplication> programAndShip(
        const QString& modulePath, const QString& label, QString* smsPin);
    [[nodiscard]] QString pinFromOutbox(const QString& mobile, const QString& orderNo);
    [[nodiscard]] bool loginWorks(const QString& modulePath, const QString& label, const QString& pin);

    QTemporaryDir m_dir;
    std::optional<test::Sm2TestModule> m_vendor;
    std::optional<test::SoftHsm> m_softhsm;
    test::IssuanceFixture m_fixture;
};

void TestReceipt::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
    m_vendor.emplace(m_dir.path());
    m_vendor->activate();
    m_vendor->setSlotCount(2);
    QVERIFY(m_vendor->createToken(0, VendorLabel, FactoryPin, SoPin));
    QVERIFY(m_vendor->createToken(1, VendorOtherLabel, FactoryPin, SoPin));
    if (QFile::exists(test::SoftHsm::modulePath())) {
        m_softhsm.emplace(m_dir.filePath(QStringLiteral("softhsm")));
        QVERIFY(m_softhsm->initToken(SoftLabel, SoPin, FactoryPin));
    }
    QVERIFY2(m_fixture.start(), qPrintable(m_fixture.error()));
}

void TestReceipt::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning("certdesk-server output (tail):\n%s", m_fixture.server().output().right(3000).constData());
}

std::optional<test::ApprovedApplication> TestReceipt::programAndShip(
    const QString& modulePath, const QString& label, QString* smsPin)
{
    auto approved = m_fixture.approvedApplication();
    if (!approved) {
        qWarning("approve: %s", qPrintable(m_fixture.error()));
        return std::nullopt;
    }
    ProgrammingRequest request;
    request.applicationId = approved->id;
    request.modulePath = modulePath;
    request.tokenLabel = label;
    request.journalPath = m_dir.filePath(QStringLiteral("journal.json"));
    ProgrammingJob job(&m_fixture.counter(), request);
    const test::JobOutcome programmed = test::runJob(job, FactoryPin);
    if (!programmed.ok) {
        qWarning("programming: %s | %s", qPrintable(programmed.message), qPrintable(job.detail()));
        return std::nullopt;
    }
    // The counter's step for a mailed UKey: a random initial PIN replaces the factory PIN.
    const QString initialPin = pins::generateInitialPin();
    auto module = token::ModuleLoader::load(modulePath);
    auto session
        = module ? module->openSession(label) : token::TokenResult<token::TokenSession>(module.error());
    if (!session || !session->changePin(FactoryPin, initialPin)) {
        qWarning("initial PIN not set");
        return std::nullopt;
    }
    auto shipped = test::await(m_fixture.counter().recordShipment(
        approved->id, QStringLiteral("SF Express"), QStringLiteral("SF7766554433"), initialPin));
    if (!shipped.ok() || shipped->status != ApplicationStatus::Shipped) {
        qWarning("shipment: %s", qPrintable(shipped.ok() ? QString() : test::describe(shipped.error())));
        return std::nullopt;
    }
    const auto application = m_fixture.application(*approved);
    *smsPin = pinFromOutbox(application->responsiblePerson().mobile, approved->orderNo);
    return approved;
}

QString TestReceipt::pinFromOutbox(const QString& mobile, const QString& orderNo)
{
    const auto outbox = test::await(m_fixture.applicant().sandboxOutbox());
    if (!outbox.ok())
        return {};
    QString pin;
    for (const api::OutboxMessage& m : *outbox) {
        if (m.to != mobile || !m.body.contains(orderNo) || m.body.contains(QStringLiteral("SF7766554433")))
            continue;
        QString text = m.body;
        text.remove(orderNo);
        const auto match = QRegularExpression(QStringLiteral("(?<!\\d)(\\d{6,16})(?!\\d)")).match(text);
        if (match.hasMatch())
            pin = match.captured(1);
    }
    return pin;
}

bool TestReceipt::loginWorks(const QString& modulePath, const QString& label, const QString& pin)
{
    auto module = token::ModuleLoader::load(modulePath);
    if (!module)
        return false;
    auto session = module->openSession(label);
    return session && session->login(pin).hasValue();
}

void TestReceipt::vendorTokenSignsTheReceipt()
{
    const QString module = test::Sm2TestModule::modulePath();
    QString smsPin;
    const auto approved = programAndShip(module, VendorLabel, &smsPin);
    QVERIFY(approved);
    QVERIFY2(pins::isDigitPin(smsPin), qPrintable(smsPin));
    QVERIFY(!loginWorks(module, VendorLabel, FactoryPin));

    // Another order's UKey alone: found no match.
    QString otherPin;
    const auto other = programAndShip(module, VendorOtherLabel, &otherPin);
    QVERIFY(other);
    m_vendor->pullToken(0);
    {
        ReceiptJob job(&m_fixture.applicant(), approved->id, approved->accessToken, {module});
        const Outcome out = wait(job, [&] { job.findToken(); });
        QVERIFY(out.done);
        QCOMPARE(out.failure, ReceiptJob::Failure::OtherToken);
        QVERIFY(out.message.contains(approved->orderNo));
    }
    m_vendor->insertToken(0);

    ReceiptJob job(&m_fixture.applicant(), approved->id, approved->accessToken, {module});
    Outcome out = wait(job, [&] { job.findToken(); });
    QVERIFY2(out.ok, qPrintable(out.message + QStringLiteral(" | ") + job.detail()));
    QCOMPARE(job.token().label, VendorLabel);
    QVERIFY(job.signsOnToken());

    // A weak new PIN is refused before the token is touched; a wrong initial PIN changes nothing.
    out = wait(job, [&] { job.complete(smsPin, QStringLiteral("123456")); });
    QCOMPARE(out.failure, ReceiptJob::Failure::NewPin);
    out = wait(job, [&] { job.complete(QStringLiteral("99999990"), NewPin); });
    QCOMPARE(out.failure, ReceiptJob::Failure::Token);
    QVERIFY(out.status == TokenStatus::PinIncorrect || out.status == TokenStatus::PinIncorrectCountLow);
    QVERIFY(!job.pinChanged());
    QVERIFY(loginWorks(module, VendorLabel, smsPin));

    out = wait(job, [&] { job.complete(smsPin, NewPin); });
    QVERIFY2(out.ok, qPrintable(out.message + QStringLiteral(" | ") + job.detail()));
    QCOMPARE(out.application->status, ApplicationStatus::Completed);
    QCOMPARE(m_fixture.application(*approved)->status, ApplicationStatus::Completed);
    QVERIFY(loginWorks(module, VendorLabel, NewPin));
    QVERIFY(!loginWorks(module, VendorLabel, smsPin));
    // The other order is still waiting for its UKey.
    QCOMPARE(m_fixture.application(*other)->status, ApplicationStatus::Shipped);
}

void TestReceipt::softHsmTokenWithTheApplicantSession()
{
    if (!m_softhsm)
        QSKIP("SoftHSM2 is not installed");
    const QString module = test::SoftHsm::modulePath();
    QString smsPin;
    const auto approved = programAndShip(module, SoftLabel, &smsPin);
    QVERIFY(approved);
    QVERIFY(pins::isDigitPin(smsPin));

    // The access token alone cannot complete a receipt without a signature.
    {
        ReceiptJob job(&m_fixture.applicant(), approved->id, approved->accessToken, {module});
        Outcome out = wait(job, [&] { job.findToken(); });
        QVERIFY2(out.ok, qPrintable(out.message + QStringLiteral(" | ") + job.detail()));
        QVERIFY(!job.signsOnToken());
        out = wait(job, [&] { job.complete(smsPin, NewPin); });
        QCOMPARE(out.failure, ReceiptJob::Failure::Service);
        QVERIFY(job.pinChanged()); // the token already has the new PIN
    }
    QCOMPARE(m_fixture.application(*approved)->status, ApplicationStatus::Shipped);

    // Signed in by SMS code: the serial is the proof. The PIN is already the applicant's own.
    const QString mobile = m_fixture.application(*approved)->responsiblePerson().mobile;
    auto code = test::await(m_fixture.applicant().requestApplicantCode(mobile));
    QVERIFY(code.ok());
    const auto outbox = test::await(m_fixture.applicant().sandboxOutbox());
    QVERIFY(outbox.ok());
    QString smsCode;
    for (const api::OutboxMessage& m : *outbox) {
        const auto match = QRegularExpression(QStringLiteral("(?<!\\d)(\\d{6})(?!\\d)")).match(m.body);
        if (m.to == mobile && match.hasMatch() && !m.body.contains(approved->orderNo))
            smsCode = match.captured(1);
    }
    auto session = test::await(m_fixture.applicant().applicantSignIn(mobile, smsCode));
    QVERIFY2(session.ok(), qPrintable(session.ok() ? QString() : test::describe(session.error())));

    ReceiptJob job(&m_fixture.applicant(), approved->id, session->token, {module});
    Outcome out = wait(job, [&] { job.findToken(); });
    QVERIFY2(out.ok, qPrintable(out.message + QStringLiteral(" | ") + job.detail()));
    // The PIN was changed by the first attempt: the new PIN stands for both.
    out = wait(job, [&] { job.complete(NewPin, NewPin); });
    QCOMPARE(out.failure, ReceiptJob::Failure::NewPin); // this job did not change it: a PIN of one's own
    QVERIFY(loginWorks(module, SoftLabel, NewPin));
    const QString another = QStringLiteral("40618273");
    out = wait(job, [&] { job.complete(NewPin, another); });
    QVERIFY2(out.ok, qPrintable(out.message + QStringLiteral(" | ") + job.detail()));
    QCOMPARE(out.application->status, ApplicationStatus::Completed);
    QVERIFY(loginWorks(module, SoftLabel, another));
}

QTEST_MAIN(TestReceipt)
#include "tst_receipt.moc"
