// 个人中心 in the real GUI against the real certdesk-server (sandbox): an application submitted through the
// wizard on one client (its own data directory) is continued on a second client with another, empty data
// directory after signing in with the mobile number and the SMS code (read from the sandbox outbox):
// documents, liveness, payment, rejection by the reviewer, the fix and the resubmission — all there. Signing
// out and the kiosk's idle wipe end the session on the service.
#include "CentreFixture.h"
#include "FindWidget.h"
#include "HomePage.h"
#include "MainWindow.h"
#include "TestEnvironment.h"
#include "api/ApiClient.h"
#include "applicant/ApplicantCentrePage.h"
#include "centre/ApplicationCentre.h"
#include "centre/DocumentSlot.h"
#include "centre/DocumentsPage.h"
#include "centre/LivenessPage.h"
#include "centre/PaymentPage.h"
#include "counter/CounterDesk.h"
#include "storage/LocalStore.h"
#include "storage/SubmissionStore.h"
#include "walkin/WalkInPage.h"
#include "wizard/ApplicationWizard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "TypeText.h"

using namespace certdesk;
using namespace certdesk::test;
using ui::ApplicantCentrePage;
using ui::ApplicationCentre;
using ui::ApplicationWizard;

namespace {

void type(QWidget* root, const QString& edit, const QString& text)
{
    auto* e = findWidget<QLineEdit>(root, edit);
    e->setFocus();
    e->selectAll();
    QTest::keyClick(e, Qt::Key_Backspace);
    test::typeText(e, text);
    Q_EMIT e->editingFinished();
}

void selectCode(QWidget* root, const QString& combo, const QString& code)
{
    auto* box = findWidget<QComboBox>(root, combo);
    const int index = box->findData(code);
    QVERIFY2(index > 0, qPrintable(code));
    box->setCurrentIndex(index);
    Q_EMIT box->activated(index);
}

constexpr int Timeout = 30000;
const QString kMobile = QStringLiteral("13800138077");
const QString kName = QStringLiteral("李四");
const QString kId = QStringLiteral("11010519491231002X");

} // namespace

class TestApplicantCentre : public QObject
{
    Q_OBJECT
private:
    CentreServer m_server;
    QTemporaryDir m_dir;
    FakeFileChooser m_files;
    FakePrintService m_printer;
    FakeNotifier m_notifier;

    // The service answers the applicant token with 401: the session has ended there.
    bool tokenDead(const QString& token)
    {
        auto r = await(m_server.applicant->applicantApplications(token));
        return !r.ok() && r.error().isHttp(401);
    }

    // The code of the newest SMS to `mobile` in the sandbox outbox.
    QString smsCode(const QString& mobile)
    {
        auto outbox = await(m_server.applicant->sandboxOutbox());
        if (!outbox.ok())
            return {};
        QString code;
        for (const api::OutboxMessage& m : outbox.value()) {
            if (m.channel == QStringLiteral("sms") && m.to == mobile) {
                const auto match = QRegularExpression(QStringLiteral("\\b(\\d{6})\\b")).match(m.body);
                if (match.hasMatch())
                    code = match.captured(1);
            }
        }
        return code;
    }

    // Home → 个人中心 → mobile → code (60 s countdown on the button) → the list. Returns the page.
    ApplicantCentrePage* signIn(ui::MainWindow& window, const QString& mobile)
    {
        window.showHome();
        findWidget<QPushButton>(window.homePage(), QStringLiteral("applicantCentreButton"))->click();
        ApplicantCentrePage* page = window.applicantCentre();
        if (!page || !page->isVisible())
            return nullptr;
        type(page, QStringLiteral("applicantMobileEdit"), mobile);
        auto* send = findWidget<QPushButton>(page, QStringLiteral("applicantSendCodeButton"));
        if (!send->isEnabled())
            return nullptr;
        send->click();
        if (!QTest::qWaitFor([page] { return page->resendRemaining() > 0; }, Timeout))
            return nullptr;
        // The resend countdown: the button is disabled and says how long.
        if (send->isEnabled() || page->resendRemaining() > 60 || page->resendRemaining() < 55
            || !send->text().contains(QString::number(page->resendRemaining())))
            return nullptr;
        const QString code = smsCode(mobile);
        if (code.size() != 6)
            return nullptr;
        type(page, QStringLiteral("applicantCodeEdit"), code);
        findWidget<QPushButton>(page, QStringLiteral("applicantSignInButton"))->click();
        if (!QTest::qWaitFor([page] { return page->isSignedIn() && !page->isBusy(); }, Timeout))
            return nullptr;
        return page;
    }

    void chooseDocument(ApplicationCentre* centre, DocumentKind kind, int seed)
    {
        const QString api = documentKindToApi(kind);
        const QString path = writeFile(m_dir,
            centre->applicationId() + QLatin1Char('-') + api + QString::number(seed) + QStringLiteral(".jpg"),
            makeJpeg(QSize(1240, 1754), seed));
        QVERIFY(!path.isEmpty());
        ui::DocumentSlot* slot = centre->documentsPage()->slotFor(kind);
        QVERIFY2(slot, qPrintable(api));
        m_files.openAnswers = {path};
        auto* choose = findWidget<QPushButton>(slot, QStringLiteral("documentChoose_") + api);
        QVERIFY2(choose->isEnabled(), qPrintable(api));
        choose->click();
        QTRY_VERIFY_WITH_TIMEOUT(!slot->isBusy(), Timeout);
        QVERIFY2(slot->errorText().isEmpty(), qPrintable(api + QStringLiteral(": ") + slot->errorText()));
        QVERIFY2(slot->statusText().startsWith(QStringLiteral("Uploaded")), qPrintable(slot->statusText()));
    }

    // Client A: the wizard from the first page to a submitted natural-person application.
    void submitOnClientA(const QString& storePath, Submission* out)
    {
        auto minted = await(m_server.applicant->sandboxMintLegacy(
            CertificateCategory::NaturalPerson, kName, kId, QDateTime::currentDateTimeUtc().addDays(30)));
        QVERIFY(minted.ok());
        LocalStore store(storePath);
        ui::AppMode mode;
        mode.sandbox = true;
        mode.serverUrl = m_server.server.baseUrl().toString();
        ui::MainWindow window(mode, &store);
        window.setCentreServices(fakeServices(&m_files, &m_printer, &m_notifier, nullptr));
        window.resize(1366, 768);
        window.show();
        findWidget<QPushButton>(&window, QStringLiteral("newApplicationButton"))->click();
        ApplicationWizard* w = window.wizard();
        QVERIFY(w);
        QTRY_VERIFY_WITH_TIMEOUT(
            findWidget<QCheckBox>(w, QStringLiteral("acknowledgeAgreement"))->isEnabled(), 15000);
        findWidget<QCheckBox>(w, QStringLiteral("acknowledgeAgreement"))->click();
        findWidget<QCheckBox>(w, QStringLiteral("acknowledgeRevocation"))->click();
        w->next();
        type(w, QStringLiteral("edit_serial"), minted->serial);
        findWidget<QPushButton>(w, QStringLiteral("lookupButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(w->button(QWizard::NextButton)->isEnabled(), Timeout);
        w->next();
        w->next();
        QCOMPARE(w->currentId(), int(ApplicationWizard::ApplicantPage));
        type(w, QStringLiteral("edit_applicant_name"), kName);
        type(w, QStringLiteral("edit_applicant_id_number"), kId);
        type(w, QStringLiteral("edit_applicant_mobile"), kMobile);
        type(w, QStringLiteral("edit_applicant_email"), QStringLiteral("lisi@example.com"));
        w->next();
        QCOMPARE(w->currentId(), int(ApplicationWizard::MailingPage));
        selectCode(w, QStringLiteral("combo_mailing_province_code"), QStringLiteral("110000"));
        selectCode(w, QStringLiteral("combo_mailing_city_code"), QStringLiteral("110100"));
        selectCode(w, QStringLiteral("combo_mailing_county_code"), QStringLiteral("110105"));
        type(w, QStringLiteral("edit_mailing_address"), QStringLiteral("朝阳区建国路1号"));
        w->next();
        w->next();
        QCOMPARE(w->currentId(), int(ApplicationWizard::ReviewPage));
        findWidget<QPushButton>(w, QStringLiteral("submitButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!w->application().id.isEmpty(), Timeout);
        const auto recorded = SubmissionStore(store).find(w->application().id);
        QVERIFY(recorded);
        *out = *recorded;
    }

private Q_SLOTS:
    void initTestCase()
    {
        fixEnvironment();
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
    }

    void continuedOnAnotherClientAfterSmsSignIn()
    {
        // Client A (data directory A) submits.
        QDir(m_dir.path()).mkpath(QStringLiteral("a"));
        QDir(m_dir.path()).mkpath(QStringLiteral("b"));
        Submission submitted;
        submitOnClientA(m_dir.filePath(QStringLiteral("a/certdesk.sqlite")), &submitted);
        if (QTest::currentTestFailed())
            return;

        // Client B: another data directory, nothing recorded there.
        LocalStore store(m_dir.filePath(QStringLiteral("b/certdesk.sqlite")));
        QVERIFY(SubmissionStore(store).list().isEmpty());
        ui::AppMode mode;
        mode.sandbox = true;
        mode.serverUrl = m_server.server.baseUrl().toString();
        ui::MainWindow window(mode, &store);
        window.setCentreServices(fakeServices(&m_files, &m_printer, &m_notifier, nullptr));
        window.resize(1366, 768);
        window.show();

        // 个人中心 on the home page: mobile, SMS code, the list.
        ApplicantCentrePage* page = signIn(window, kMobile);
        QVERIFY(page);
        const QString token = page->token();
        auto* list = findWidget<QTreeWidget>(page, QStringLiteral("applicantApplicationList"));
        QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItemCount(), 1, Timeout);
        QCOMPARE(list->topLevelItem(0)->text(0), submitted.orderNo);
        QCOMPARE(list->topLevelItem(0)->text(3), statusDisplayName(ApplicationStatus::Draft));
        QVERIFY(findWidget<QLabel>(page, QStringLiteral("applicantSignedInAs"))
                    ->text()
                    .contains(QStringLiteral("****")));
        findWidget<QPushButton>(page, QStringLiteral("applicantOpenButton"))->click();

        // The application centre, with the applicant token.
        ApplicationCentre* centre = window.centre();
        QVERIFY(centre);
        QCOMPARE(centre->applicationId(), submitted.applicationId);
        QVERIFY(centre->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(centre->session()->isLoaded(), Timeout);
        QCOMPARE(centre->session()->application().status, ApplicationStatus::Draft);
        // Submitted is not a draft: the status chip says what is still to do.
        QVERIFY(findWidget<QLabel>(centre, QStringLiteral("centreStatus"))
                    ->text()
                    .startsWith(QStringLiteral("Submitted")));
        QCOMPARE(centre->session()->application().applicant.mobile, kMobile);

        // Letter, documents, liveness, payment.
        const int prints = m_printer.prints;
        findWidget<QPushButton>(centre, QStringLiteral("letterPrintButton"))->click();
        QCOMPARE(m_printer.prints, prints + 1);
        centre->showPage(ApplicationCentre::DocumentsTab);
        int seed = 21;
        for (DocumentKind kind : requiredDocuments(CertificateCategory::NaturalPerson)) {
            chooseDocument(centre, kind, seed++);
            if (QTest::currentTestFailed())
                return;
        }
        QTRY_COMPARE_WITH_TIMEOUT(centre->currentStep(), ui::CentreStep::Liveness, Timeout);
        centre->showPage(ApplicationCentre::LivenessTab);
        ui::LivenessPage* liveness = centre->livenessPage();
        QTRY_COMPARE_WITH_TIMEOUT(liveness->state(), ui::LivenessPage::State::Waiting, Timeout);
        CENTRE_AWAIT_OK(passed, m_server.applicant->sandboxLiveness(liveness->sessionId(), kName, kId, true));
        QTRY_COMPARE_WITH_TIMEOUT(liveness->state(), ui::LivenessPage::State::Passed, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(centre->currentStep(), ui::CentreStep::Payment, Timeout);
        centre->showPage(ApplicationCentre::PaymentTab);
        ui::PaymentPage* payment = centre->paymentPage();
        QTRY_COMPARE_WITH_TIMEOUT(payment->state(), ui::PaymentPage::State::Choosing, Timeout);
        findWidget<QRadioButton>(payment, QStringLiteral("payWeChat"))->click();
        findWidget<QPushButton>(payment, QStringLiteral("payButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(payment->state(), ui::PaymentPage::State::Waiting, Timeout);
        CENTRE_AWAIT_OK(paid, m_server.applicant->sandboxCompletePayment(payment->payment().paymentId));
        QTRY_COMPARE_WITH_TIMEOUT(payment->state(), ui::PaymentPage::State::Paid, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(
            centre->session()->application().status, ApplicationStatus::InReview, Timeout);

        // The reviewer rejects the ID card scan.
        const QList<RejectionReason> reasons {
            {QStringLiteral("document:id_card"), QStringLiteral("The ID card copy is not legible.")}};
        CENTRE_AWAIT_OK(rejected, m_server.reviewer->reject(submitted.applicationId, reasons));
        findWidget<QPushButton>(centre, QStringLiteral("centreRefreshButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            centre->session()->application().status, ApplicationStatus::Rejected, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(findWidget<QLabel>(centre, QStringLiteral("centreStatus"))->text(),
            statusDisplayName(ApplicationStatus::Rejected), Timeout);

        // Fixed and resubmitted on client B.
        centre->showPage(ApplicationCentre::StatusTab);
        findWidget<QPushButton>(centre, QStringLiteral("rejectionFix_0"))->click();
        QCOMPARE(centre->currentPage(), ApplicationCentre::DocumentsTab);
        chooseDocument(centre, DocumentKind::IdCard, 77);
        if (QTest::currentTestFailed())
            return;
        centre->showPage(ApplicationCentre::StatusTab);
        auto* resubmit = findWidget<QPushButton>(centre, QStringLiteral("resubmitButton"));
        QTRY_VERIFY_WITH_TIMEOUT(resubmit->isEnabled(), Timeout);
        resubmit->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            centre->session()->application().status, ApplicationStatus::InReview, Timeout);

        // The service agrees (asked with client A's access token), and client B kept nothing on disk.
        CENTRE_AWAIT_OK(
            fetched, m_server.applicant->getApplication(submitted.applicationId, submitted.accessToken));
        QCOMPARE(fetched->status, ApplicationStatus::InReview);
        QCOMPARE(fetched->checklist.payment, PaymentState::Paid);
        QVERIFY(SubmissionStore(store).list().isEmpty());

        // Signing out ends the session on the service and closes the centre opened with it.
        window.showApplicantCentre();
        findWidget<QPushButton>(page, QStringLiteral("applicantSignOutButton"))->click();
        QVERIFY(!page->isSignedIn());
        QVERIFY(!window.centre());
        QTRY_VERIFY_WITH_TIMEOUT(tokenDead(token), Timeout);
        auto closed = await(m_server.applicant->getApplication(submitted.applicationId, token));
        QVERIFY(!closed.ok() && closed.error().isHttp(404));
    }

    void counterOpensAWalkInWithTheApplicantsCode()
    {
        CreatedApp app;
        QString error;
        QVERIFY2(createApplication(m_server, CertificateCategory::Institution, &app, &error, 5),
            qPrintable(error));
        QDir(m_dir.path()).mkpath(QStringLiteral("c"));
        LocalStore store(m_dir.filePath(QStringLiteral("c/certdesk.sqlite")));
        ui::AppMode mode;
        mode.sandbox = true;
        mode.counter = true;
        mode.serverUrl = m_server.server.baseUrl().toString();
        ui::MainWindow window(mode, &store);
        window.setCentreServices(fakeServices(&m_files, &m_printer, &m_notifier, nullptr));
        window.resize(1366, 768);
        window.show();
        ui::CounterDesk* desk = window.counterDesk();
        QVERIFY(desk);
        findWidget<QLineEdit>(desk, QStringLiteral("staffUsernameEdit"))->setText(QStringLiteral("counter"));
        findWidget<QLineEdit>(desk, QStringLiteral("staffPasswordEdit"))
            ->setText(QStringLiteral("sandbox-counter"));
        findWidget<QPushButton>(desk, QStringLiteral("staffLoginButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!desk->isShowingLogin(), Timeout);

        // Found by order number (typed in lower case).
        desk->showTab(ui::CounterDesk::WalkInTab);
        ui::WalkInPage* walkIn = desk->walkInPage();
        QVERIFY(walkIn->isVisible());
        type(walkIn, QStringLiteral("walkInQueryEdit"), app.orderNo.toLower());
        findWidget<QPushButton>(walkIn, QStringLiteral("walkInSearchButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(walkIn->resultCount(), 1, Timeout);
        QVERIFY(!walkIn->isBusy());
        auto* results = findWidget<QTreeWidget>(walkIn, QStringLiteral("walkInResultList"));
        QCOMPARE(results->topLevelItem(0)->text(0), app.orderNo);
        // The clerk sees the number masked.
        QVERIFY(!results->topLevelItem(0)->text(4).contains(app.application.agent.mobile));

        // The code goes to the applicant's phone; the applicant tells it to the clerk.
        findWidget<QPushButton>(walkIn, QStringLiteral("walkInContinueButton"))->click();
        ApplicantCentrePage* page = window.applicantCentre();
        QVERIFY(page && page->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(page->resendRemaining() > 0, Timeout);
        const QString code = smsCode(app.application.agent.mobile);
        QCOMPARE(code.size(), 6);
        type(page, QStringLiteral("applicantCodeEdit"), code);
        findWidget<QPushButton>(page, QStringLiteral("applicantSignInButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(page->isSignedIn() && !page->isBusy(), Timeout);
        auto* list = findWidget<QTreeWidget>(page, QStringLiteral("applicantApplicationList"));
        QTRY_VERIFY_WITH_TIMEOUT(list->topLevelItemCount() >= 1, Timeout);
        QTreeWidgetItem* mine = nullptr;
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            if (list->topLevelItem(i)->text(0) == app.orderNo)
                mine = list->topLevelItem(i);
        QVERIFY(mine);
        list->setCurrentItem(mine);
        findWidget<QPushButton>(page, QStringLiteral("applicantOpenButton"))->click();
        QVERIFY(window.centre());
        QCOMPARE(window.centre()->applicationId(), app.id);
        QTRY_VERIFY_WITH_TIMEOUT(window.centre()->session()->isLoaded(), Timeout);
        QCOMPARE(window.centre()->session()->application().agent.mobile, app.application.agent.mobile);
        const QString token = page->token();
        page->signOut();
        QTRY_VERIFY_WITH_TIMEOUT(tokenDead(token), Timeout);
    }

    void kioskIdleWipeEndsTheSession()
    {
        QDir(m_dir.path()).mkpath(QStringLiteral("k"));
        LocalStore store(m_dir.filePath(QStringLiteral("k/certdesk.sqlite")));
        ui::AppMode mode;
        mode.sandbox = true;
        mode.kiosk = true;
        mode.serverUrl = m_server.server.baseUrl().toString();
        ui::MainWindow window(mode, &store);
        window.setCentreServices(fakeServices(&m_files, &m_printer, &m_notifier, nullptr));
        window.resize(1366, 768);
        window.show();
        // Another number, so the resend interval of the first test does not apply.
        const QString mobile = QStringLiteral("13800138078");
        ApplicantCentrePage* page = signIn(window, mobile);
        QVERIFY(page);
        const QString token = page->token();
        CENTRE_AWAIT_OK(listed, m_server.applicant->applicantApplications(token));
        window.wipeSession();
        QVERIFY(!page->isSignedIn());
        QVERIFY(findWidget<QLineEdit>(page, QStringLiteral("applicantMobileEdit"))->text().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(tokenDead(token), Timeout);
    }
};

QTEST_MAIN(TestApplicantCentre)
#include "tst_applicant_centre.moc"
