// 我已收到 UKey in the real GUI (个人中心 → ReceiptPanel), against the real certdesk-server: a UKey of the
// CertDesk SM2 test module is programmed for an approved application (ProgrammingJob), given a random
// initial PIN and shipped with it; the applicant signs in with the SMS code, reads the initial PIN from the
// shipment SMS (sandbox outbox), lets CertDesk find and check the UKey, is refused a weak new PIN, sets their
// own and confirms receipt: the application is `completed`, the token has the new PIN, and the page says that
// bids now go to the new certificate. With CERTDESK_SCREENSHOT_DIR set, every step is also saved at 1366×768
// (docs/screenshots/receipt-*.png; scripts/receipt-screenshots).
#include "FindWidget.h"
#include "IssuanceFixture.h"
#include "ScreenshotApp.h"
#include "TestEnvironment.h"
#include "TestModuleControl.h"
#include "TypeText.h"

#include "applicant/ApplicantCentrePage.h"
#include "applicant/ReceiptPanel.h"
#include "domain/PinRules.h"
#include "issuance/ProgrammingJob.h"
#include "token/ModuleLoader.h"
#include "token/ModuleProbe.h"
#include "token/TokenSession.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace certdesk;
using namespace certdesk::test;
using certdesk::token::ModuleLoader;

namespace {

const QString FactoryPin = QStringLiteral("12345678");
const QString Label = QStringLiteral("CertDesk UKey");
constexpr int Timeout = 60000;

void type(QWidget* root, const QString& name, const QString& text)
{
    auto* e = findWidget<QLineEdit>(root, name);
    e->setFocus();
    e->clear();
    test::typeText(e, text);
}

} // namespace

class TestApplicantReceipt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void receiveTheMailedUKey();
    void windowAnswersWhileAModuleHangs();

private:
    void shot(QWidget* w, const QString& name);
    [[nodiscard]] QString lastSmsMatching(const QString& mobile, const QString& mustContain, int digits);

    QTemporaryDir m_dir;
    std::optional<Sm2TestModule> m_module;
    IssuanceFixture m_fixture;
    QString m_shots;
};

void TestApplicantReceipt::initTestCase()
{
    fixEnvironment();
    QVERIFY(m_dir.isValid());
    m_module.emplace(m_dir.path());
    m_module->activate();
    m_module->setSlotCount(1);
    QVERIFY(m_module->createToken(0, Label, FactoryPin, QStringLiteral("87654321")));
    QVERIFY2(m_fixture.start(), qPrintable(m_fixture.error()));
    m_shots = qEnvironmentVariable("CERTDESK_SCREENSHOT_DIR");
    // Chinese, as applicants see it: the completion text is checked in Chinese below.
    setUpScreenshotApp(*qApp);
}

void TestApplicantReceipt::shot(QWidget* w, const QString& name)
{
    if (m_shots.isEmpty())
        return;
    QApplication::processEvents();
    QVERIFY(w->grab().save(m_shots + QStringLiteral("/receipt-%1-1366x768.png").arg(name)));
}

QString TestApplicantReceipt::lastSmsMatching(const QString& mobile, const QString& mustContain, int digits)
{
    const auto outbox = await(m_fixture.applicant().sandboxOutbox());
    if (!outbox.ok())
        return {};
    QString found;
    const QRegularExpression number(QStringLiteral("(?<!\\d)(\\d{%1})(?!\\d)").arg(digits));
    for (const api::OutboxMessage& m : *outbox) {
        if (m.to != mobile || !m.body.contains(mustContain))
            continue;
        QString text = m.body;
        text.remove(mustContain);
        const auto match = number.match(text);
        if (match.hasMatch())
            found = match.captured(1);
    }
    return found;
}

void TestApplicantReceipt::receiveTheMailedUKey()
{
    // --- the counter: program, random initial PIN, ship ---
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    issuance::ProgrammingRequest request;
    request.applicationId = approved->id;
    request.modulePath = Sm2TestModule::modulePath();
    request.tokenLabel = Label;
    request.journalPath = m_dir.filePath(QStringLiteral("journal.json"));
    issuance::ProgrammingJob job(&m_fixture.counter(), request);
    const JobOutcome programmed = runJob(job, FactoryPin);
    QVERIFY2(programmed.ok, qPrintable(programmed.message + QStringLiteral(" | ") + job.detail()));
    // What the counter's IssuancePage does for a mailed UKey: a random initial PIN replaces the PIN typed for
    // programming, and goes with the shipment (tst_counter drives that page).
    const QString initialPin = pins::generateInitialPin();
    {
        auto module = token::ModuleLoader::load(Sm2TestModule::modulePath());
        QVERIFY(module);
        auto session = module->openSession(Label);
        QVERIFY(session);
        QVERIFY(session->changePin(FactoryPin, initialPin));
    }
    const auto application = m_fixture.application(*approved);
    QVERIFY(application);
    const QString mobile = application->responsiblePerson().mobile;
    auto shipped = await(m_fixture.counter().recordShipment(
        approved->id, QStringLiteral("SF Express"), QStringLiteral("SF1122334455"), initialPin));
    QVERIFY2(shipped.ok(), qPrintable(shipped.ok() ? QString() : describe(shipped.error())));
    const QString smsPin = lastSmsMatching(mobile, approved->orderNo, 8);
    QCOMPARE(smsPin, initialPin);

    // --- the applicant's PC: 个人中心 ---
    ui::ApplicantCentrePage page(&m_fixture.applicant());
    page.setModulePaths({Sm2TestModule::modulePath()});
    page.resize(1366, 768);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    type(&page, QStringLiteral("applicantMobileEdit"), mobile);
    QTest::mouseClick(
        findWidget<QPushButton>(&page, QStringLiteral("applicantSendCodeButton")), Qt::LeftButton);
    QString code;
    QTRY_VERIFY_WITH_TIMEOUT(!(code = lastSmsMatching(mobile, QString(), 6)).isEmpty(), Timeout);
    type(&page, QStringLiteral("applicantCodeEdit"), code);
    QSignalSpy signedIn(&page, &ui::ApplicantCentrePage::signedIn);
    QTest::mouseClick(
        findWidget<QPushButton>(&page, QStringLiteral("applicantSignInButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!signedIn.isEmpty(), Timeout);
    auto* list = findWidget<QTreeWidget>(&page, QStringLiteral("applicantApplicationList"));
    QTRY_VERIFY_WITH_TIMEOUT(list->topLevelItemCount() > 0, Timeout);
    QTreeWidgetItem* mine = nullptr;
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        if (list->topLevelItem(i)->text(0) == approved->orderNo)
            mine = list->topLevelItem(i);
    }
    QVERIFY(mine);
    list->setCurrentItem(mine);
    auto* received = findWidget<QPushButton>(&page, QStringLiteral("applicantReceivedButton"));
    QVERIFY(received->isVisible() && received->isEnabled());
    shot(&page, QStringLiteral("1-list"));

    // --- 我已收到 UKey: found and checked ---
    ui::ReceiptPanel* panel = page.receiptPanel();
    QSignalSpy answered(panel, &ui::ReceiptPanel::jobAnswered);
    QTest::mouseClick(received, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!answered.isEmpty(), Timeout);
    auto* details = findWidget<QLabel>(panel, QStringLiteral("receiptTokenDetails"));
    QVERIFY2(details->text().contains(Label), qPrintable(panel->statusText()));
    auto* confirm = findWidget<QPushButton>(panel, QStringLiteral("receiptConfirmButton"));
    QVERIFY(confirm->isVisible());
    QVERIFY(!confirm->isEnabled());
    shot(&page, QStringLiteral("2-found"));

    // A run of digits is refused next to the field, and cannot be sent; so are two different PINs.
    type(panel, QStringLiteral("receiptInitialPinEdit"), smsPin);
    type(panel, QStringLiteral("receiptNewPinEdit"), QStringLiteral("123456"));
    type(panel, QStringLiteral("receiptRepeatPinEdit"), QStringLiteral("123456"));
    auto* hint = findWidget<QLabel>(panel, QStringLiteral("receiptPinHint"));
    QVERIFY(hint->text().contains(QStringLiteral("123456")));
    QVERIFY(!confirm->isEnabled());
    shot(&page, QStringLiteral("3-weak-pin"));
    type(panel, QStringLiteral("receiptNewPinEdit"), QStringLiteral("47105926"));
    type(panel, QStringLiteral("receiptRepeatPinEdit"), QStringLiteral("47105927"));
    QVERIFY(!confirm->isEnabled());
    // A wrong initial PIN: the token says so, nothing changes, the applicant types it again.
    type(panel, QStringLiteral("receiptInitialPinEdit"), QStringLiteral("99999990"));
    type(panel, QStringLiteral("receiptRepeatPinEdit"), QStringLiteral("47105926"));
    QVERIFY(confirm->isEnabled());
    answered.clear();
    QTest::mouseClick(confirm, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!answered.isEmpty(), Timeout);
    QVERIFY(!panel->isCompleted());
    QVERIFY2(panel->statusText().contains(approved->orderNo), qPrintable(panel->statusText()));
    shot(&page, QStringLiteral("3b-wrong-initial-pin"));
    QCOMPARE(m_fixture.application(*approved)->status, ApplicationStatus::Shipped);

    // The applicant's own PIN: the PIN is changed, the receipt signed by the new signing key.
    const QString own = QStringLiteral("47105926");
    type(panel, QStringLiteral("receiptInitialPinEdit"), smsPin);
    type(panel, QStringLiteral("receiptNewPinEdit"), own);
    type(panel, QStringLiteral("receiptRepeatPinEdit"), own);
    QVERIFY(confirm->isEnabled());
    answered.clear();
    QTest::mouseClick(confirm, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!answered.isEmpty(), Timeout);
    QVERIFY2(panel->isCompleted(), qPrintable(panel->statusText()));
    auto* done = findWidget<QLabel>(panel, QStringLiteral("receiptDoneText"));
    QVERIFY(done->isVisible());
    QVERIFY(done->text().contains(QStringLiteral("新证书")));
    QVERIFY(done->text().contains(QStringLiteral("旧证书")));
    // The PIN fields hold nothing any more.
    for (const char* name : {"receiptInitialPinEdit", "receiptNewPinEdit", "receiptRepeatPinEdit"})
        QVERIFY(findWidget<QLineEdit>(panel, QLatin1String(name))->text().isEmpty());
    shot(&page, QStringLiteral("4-completed"));
    QCOMPARE(m_fixture.application(*approved)->status, ApplicationStatus::Completed);
    auto module = token::ModuleLoader::load(Sm2TestModule::modulePath());
    auto session = module->openSession(Label);
    QVERIFY(session);
    QVERIFY(session->login(own));
}

// A vendor module whose C_Initialize never returns: the receipt's token search runs off the GUI thread, so
// the window keeps answering (a timer keeps firing, the back button works) while the probe waits for the
// module; then the module is refused and the panel says what to do.
void TestApplicantReceipt::windowAnswersWhileAModuleHangs()
{
    ModuleLoader::setProbe(std::make_shared<token::ProcessModuleProbe>(
        QStringLiteral(CERTDESK_CLI_EXECUTABLE), std::chrono::milliseconds(4000)));
    const auto guard = qScopeGuard([] { ModuleLoader::resetProbe(); });
    ui::ReceiptPanel panel(&m_fixture.applicant());
    panel.resize(1366, 768);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    // Any application will do: the search never gets past the hanging module's C_Initialize in the probe.
    QSignalSpy answered(&panel, &ui::ReceiptPanel::jobAnswered);
    panel.start(
        approved->id, approved->orderNo, approved->accessToken, {QStringLiteral(CERTDESK_HANG_MODULE)});
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start(50);
    QElapsedTimer elapsed;
    elapsed.start();
    while (elapsed.elapsed() < 1500)
        QTest::qWait(20);
    QVERIFY2(ticks >= 15, qPrintable(QString::number(ticks)));
    QVERIFY(answered.isEmpty() || !panel.statusText().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!answered.isEmpty(), Timeout);
    QVERIFY(!panel.statusText().isEmpty());
}

QTEST_MAIN(TestApplicantReceipt)
#include "tst_applicant_receipt.moc"
