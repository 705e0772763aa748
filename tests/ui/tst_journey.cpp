// The applicant's whole journey in the real GUI against the real certdesk-server (sandbox), in one
// MainWindow: from the wizard's first page to a submitted application (for an institution with a telecom
// real-name 422 shown at the mobile field and fixed, and for a natural person), then on in the application
// centre the window opens: every required document chosen as a file, the liveness check, payment (WeChat for
// the institution, Alipay for the natural person) and "in review", on screen and on the service.
#include "CentreFixture.h"
#include "FindWidget.h"
#include "MainWindow.h"
#include "ServerProcess.h"
#include "TestEnvironment.h"
#include "api/ApiClient.h"
#include "centre/ApplicationCentre.h"
#include "centre/DocumentSlot.h"
#include "centre/DocumentsPage.h"
#include "centre/LivenessPage.h"
#include "centre/PaymentPage.h"
#include "domain/Privacy.h"
#include "storage/LocalStore.h"
#include "storage/SubmissionStore.h"
#include "wizard/ApplicationWizard.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include "TypeText.h"

using namespace certdesk;
using test::findWidget;
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

// The centre's pages poll the service and convert images on worker threads: wait on their state, generously
// (as the other centre tests; a failing QTRY waits twice as long again before it reports).
constexpr int CentreTimeout = 30000;

} // namespace

class TestJourney : public QObject
{
    Q_OBJECT
private:
    test::ServerProcess m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<api::ApiClient> m_api;
    // The application centre's desktop services: files are "chosen" from generated JPEGs, nothing is shown.
    test::FakeFileChooser m_files;
    test::FakePrintService m_printer;
    test::FakeNotifier m_notifier;

    [[nodiscard]] ui::CentreServices centreServices()
    {
        // No scanner: the documents go in through the file chooser, as on a desktop without SANE.
        return test::fakeServices(&m_files, &m_printer, &m_notifier, nullptr);
    }

    // Continues a journey whose wizard just submitted `submission`: in the application centre that `window`
    // opened, through the GUI from the letter to "in review" — print the letter, choose every required
    // document as a file, pass the liveness check as `person` (the sandbox stands in for the phone), pay by
    // the method of the radio button `payMethod` (the sandbox completes it). Leaves with a failed test on any
    // mismatch.
    void centreToInReview(ui::MainWindow& window, const Submission& submission, const Person& person,
        const QString& payMethod, const QString& methodName)
    {
        ApplicationCentre* centre = window.centre();
        QVERIFY(centre);
        QCOMPARE(centre->applicationId(), submission.applicationId);
        QVERIFY(centre->isVisible()); // the wizard handed over to the centre in the same window
        QTRY_VERIFY_WITH_TIMEOUT(centre->session()->isLoaded(), CentreTimeout);
        QCOMPARE(centre->session()->application().status, ApplicationStatus::Draft);
        QCOMPARE(findWidget<QLabel>(centre, QStringLiteral("centreStatus"))->text(),
            statusDisplayName(ApplicationStatus::Draft));
        QVERIFY(
            findWidget<QLabel>(centre, QStringLiteral("centreTitle"))->text().contains(submission.orderNo));
        // Opened where the person is: print the letter.
        QCOMPARE(centre->currentStep(), ui::CentreStep::Letter);
        QCOMPARE(centre->currentPage(), ApplicationCentre::LetterTab);
        const int prints = m_printer.prints;
        findWidget<QPushButton>(centre, QStringLiteral("letterPrintButton"))->click();
        QCOMPARE(m_printer.prints, prints + 1);

        // 上传资料: every document the category needs, each a generated JPEG chosen through the file chooser.
        centre->showPage(ApplicationCentre::DocumentsTab);
        QCOMPARE(centre->currentPage(), ApplicationCentre::DocumentsTab);
        const QList<DocumentKind> required = requiredDocuments(submission.category);
        int seed = 11;
        for (DocumentKind kind : required) {
            const QString api = documentKindToApi(kind);
            const QString path = test::writeFile(m_dir,
                submission.applicationId + QLatin1Char('-') + api + QStringLiteral(".jpg"),
                test::makeJpeg(QSize(1240, 1754), seed++));
            QVERIFY(!path.isEmpty());
            ui::DocumentSlot* slot = centre->documentsPage()->slotFor(kind);
            QVERIFY2(slot, qPrintable(api));
            m_files.openAnswers = {path};
            auto* choose = findWidget<QPushButton>(slot, QStringLiteral("documentChoose_") + api);
            QVERIFY2(choose->isVisible() && choose->isEnabled(), qPrintable(api));
            choose->click();
            QTRY_VERIFY_WITH_TIMEOUT(!slot->isBusy(), CentreTimeout);
            QVERIFY2(slot->errorText().isEmpty(), qPrintable(api + QStringLiteral(": ") + slot->errorText()));
            QVERIFY2(slot->statusText().startsWith(QStringLiteral("Uploaded")),
                qPrintable(api + QStringLiteral(": ") + slot->statusText()));
        }
        QVERIFY(m_files.openAnswers.isEmpty()); // every answer was taken by a slot
        QTRY_COMPARE_WITH_TIMEOUT(centre->currentStep(), ui::CentreStep::Liveness, CentreTimeout);
        QVERIFY(centre->session()->application().checklist.allDocumentsUploaded());
        auto* documentsNext = findWidget<QPushButton>(centre, QStringLiteral("documentsNextButton"));
        QTRY_VERIFY_WITH_TIMEOUT(documentsNext->isEnabled(), CentreTimeout);
        documentsNext->click();
        QCOMPARE(centre->currentPage(), ApplicationCentre::LivenessTab);

        // 身份认证: the page starts a session and shows its QR code; the sandbox plays the phone, with the
        // name and ID number of the form (anything else fails).
        ui::LivenessPage* liveness = centre->livenessPage();
        QTRY_COMPARE_WITH_TIMEOUT(liveness->state(), ui::LivenessPage::State::Waiting, CentreTimeout);
        QVERIFY(!liveness->sessionId().isEmpty());
        const QString who = findWidget<QLabel>(liveness, QStringLiteral("livenessPerson"))->text();
        QVERIFY2(who.contains(maskName(person.name)), qPrintable(who));
        QVERIFY(!who.contains(person.idNumber));
        auto* scanned = m_api->sandboxLiveness(liveness->sessionId(), person.name, person.idNumber, true);
        QVERIFY(scanned->waitForFinished());
        const auto outcome = scanned->result();
        scanned->deleteLater();
        QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : test::describe(outcome.error())));
        QCOMPARE(outcome.value().status, LivenessState::Passed);
        QTRY_COMPARE_WITH_TIMEOUT(liveness->state(), ui::LivenessPage::State::Passed, CentreTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(
            centre->session()->application().checklist.liveness, LivenessState::Passed, CentreTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(centre->currentStep(), ui::CentreStep::Payment, CentreTimeout);
        auto* livenessNext = findWidget<QPushButton>(liveness, QStringLiteral("livenessNextButton"));
        QVERIFY(livenessNext->isEnabled());
        livenessNext->click();
        QCOMPARE(centre->currentPage(), ApplicationCentre::PaymentTab);

        // 在线支付: the chosen method's QR code; the sandbox completes the payment, the page notices by
        // polling.
        ui::PaymentPage* payment = centre->paymentPage();
        QTRY_COMPARE_WITH_TIMEOUT(payment->state(), ui::PaymentPage::State::Choosing, CentreTimeout);
        QCOMPARE(
            findWidget<QLabel>(payment, QStringLiteral("orderValue_orderNo"))->text(), submission.orderNo);
        findWidget<QRadioButton>(payment, payMethod)->click();
        findWidget<QPushButton>(payment, QStringLiteral("payButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(payment->state(), ui::PaymentPage::State::Waiting, CentreTimeout);
        QVERIFY(findWidget<QLabel>(payment, QStringLiteral("paymentQrCaption"))->text().contains(methodName));
        QVERIFY(!payment->payment().paymentId.isEmpty());
        QVERIFY(!payment->payment().qrContent.isEmpty());
        QCOMPARE(payment->payment().amountFen, centre->session()->application().fees.totalFen);
        auto* completed = m_api->sandboxCompletePayment(payment->payment().paymentId);
        QVERIFY(completed->waitForFinished());
        const auto paid = completed->result();
        completed->deleteLater();
        QVERIFY2(paid.ok(), qPrintable(paid.ok() ? QString() : test::describe(paid.error())));
        QTRY_COMPARE_WITH_TIMEOUT(payment->state(), ui::PaymentPage::State::Paid, CentreTimeout);

        // In review: in the centre's header and on the service.
        QTRY_COMPARE_WITH_TIMEOUT(
            centre->session()->application().status, ApplicationStatus::InReview, CentreTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(findWidget<QLabel>(centre, QStringLiteral("centreStatus"))->text(),
            statusDisplayName(ApplicationStatus::InReview), CentreTimeout);
        QCOMPARE(centre->currentStep(), ui::CentreStep::Review);
        QCOMPARE(window.centre(), centre); // still the one the wizard opened

        auto* get = m_api->getApplication(submission.applicationId, submission.accessToken);
        QVERIFY(get->waitForFinished());
        const auto fetched = get->result();
        get->deleteLater();
        QVERIFY2(fetched.ok(), qPrintable(fetched.ok() ? QString() : test::describe(fetched.error())));
        QCOMPARE(fetched.value().status, ApplicationStatus::InReview);
        QCOMPARE(fetched.value().checklist.payment, PaymentState::Paid);
        QCOMPARE(fetched.value().checklist.liveness, LivenessState::Passed);
        for (DocumentKind kind : required)
            QVERIFY2(fetched.value().checklist.documents.value(kind) == DocumentState::Uploaded,
                qPrintable(documentKindToApi(kind)));
    }

    QString mintSerial(CertificateCategory category, const QString& holder, const QString& credential)
    {
        auto* reply = m_api->sandboxMintLegacy(
            category, holder, credential, QDateTime::currentDateTimeUtc().addDays(30));
        reply->waitForFinished();
        const auto r = reply->result();
        reply->deleteLater();
        if (!r.ok())
            qFatal("mint failed: %s", qPrintable(r.error().logSummary()));
        return r.value().serial;
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::fixEnvironment();
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        api::ApiClientOptions options;
        options.baseUrl = m_server.baseUrl();
        m_api = std::make_unique<api::ApiClient>(options);
    }

    void institutionFromFirstPageToInReview()
    {
        const QString serial = mintSerial(CertificateCategory::Institution,
            QStringLiteral("深圳市示例科技有限公司"), QStringLiteral("91440300708461136T"));
        LocalStore store(m_dir.filePath(QStringLiteral("inst.sqlite")));
        ui::AppMode mode;
        mode.sandbox = true;
        mode.serverUrl = m_server.baseUrl().toString();
        ui::MainWindow window(mode, &store);
        window.setCentreServices(centreServices());
        window.resize(1366, 768);
        window.show();
        findWidget<QPushButton>(&window, QStringLiteral("newApplicationButton"))->click();
        ApplicationWizard* w = window.wizard();
        QVERIFY(w);

        // The agreement is the service's versioned text (the sandbox's sample, marked as one); it can be
        // accepted once it is on show.
        QCOMPARE(w->currentId(), int(ApplicationWizard::AgreementPage));
        auto* accept = findWidget<QCheckBox>(w, QStringLiteral("acknowledgeAgreement"));
        QTRY_VERIFY_WITH_TIMEOUT(accept->isEnabled(), 15000);
        QVERIFY(findWidget<QLabel>(w, QStringLiteral("agreementSampleNotice"))->isVisibleTo(w));
        QVERIFY(findWidget<QLabel>(w, QStringLiteral("agreementVersion"))
                    ->text()
                    .contains(QStringLiteral("sample-2026-1")));
        QVERIFY(findWidget<QTextBrowser>(w, QStringLiteral("agreementText"))
                    ->toPlainText()
                    .contains(QStringLiteral("第四条")));
        accept->click();
        findWidget<QCheckBox>(w, QStringLiteral("acknowledgeRevocation"))->click();
        w->next();
        // Training mode offers the sandbox's seeded certificates (six of them, renewable or not).
        auto* training = findWidget<QComboBox>(w, QStringLiteral("sandboxCertificateCombo"));
        QTRY_VERIFY_WITH_TIMEOUT(training->count() >= 6, 15000);
        QString typed;
        for (int i = 0; i < serial.size(); i += 2)
            typed += (i ? QStringLiteral(":") : QString()) + serial.mid(i, 2).toLower();
        type(w, QStringLiteral("edit_serial"), typed);
        findWidget<QPushButton>(w, QStringLiteral("lookupButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(w->button(QWizard::NextButton)->isEnabled(), 15000);
        QCOMPARE(w->application().oldCertificate->category, CertificateCategory::Institution);
        w->next();

        QCOMPARE(w->currentId(), int(ApplicationWizard::YearsPage));
        auto* years = findWidget<QComboBox>(w, QStringLiteral("combo_years"));
        QVERIFY(years->count() >= 2);
        years->setCurrentIndex(1);
        Q_EMIT years->activated(1);
        QCOMPARE(w->application().years, 2);
        QVERIFY(findWidget<QLabel>(w, QStringLiteral("feeSummary"))
                    ->text()
                    .contains(formatYuan(w->application().oldCertificate->feePerYearFen * 2)));
        w->next();

        QCOMPARE(w->currentId(), int(ApplicationWizard::OrganizationPage));
        type(w, QStringLiteral("edit_organization_name"), QStringLiteral("深圳市示例科技有限公司"));
        type(w, QStringLiteral("edit_organization_credential_number"), QStringLiteral("91440300708461136T"));
        type(w, QStringLiteral("edit_organization_address"), QStringLiteral("深圳市南山区科技园一路1号"));
        type(w, QStringLiteral("edit_agent_name"), QStringLiteral("张三"));
        type(w, QStringLiteral("edit_agent_id_number"), QStringLiteral("11010519491231002X"));
        // A demo number registered to someone else: the service answers realname_mismatch.
        type(w, QStringLiteral("edit_agent_mobile"), QStringLiteral("13900000001"));
        type(w, QStringLiteral("edit_agent_email"), QStringLiteral("zhangsan@example.com"));
        QVERIFY(w->button(QWizard::NextButton)->isEnabled());
        w->next();

        QCOMPARE(w->currentId(), int(ApplicationWizard::BankPage));
        type(w, QStringLiteral("edit_bank_account_name"), QStringLiteral("深圳市示例科技有限公司"));
        type(w, QStringLiteral("edit_bank_account_number"), QStringLiteral("4000023009200123456"));
        auto* bank = findWidget<QLineEdit>(w, QStringLiteral("edit_bank_bank_code"));
        bank->setFocus();
        test::typeText(bank, QStringLiteral("工商"));
        QCompleter* completer = bank->completer();
        QTRY_VERIFY_WITH_TIMEOUT(completer->completionModel()->rowCount() > 0, 15000);
        const QModelIndex first = completer->completionModel()->index(0, 0);
        QVERIFY(first.data().toString().contains(QStringLiteral("工商银行")));
        Q_EMIT completer->activated(first);
        QVERIFY(!w->application().bank.bankCode.isEmpty());
        QCOMPARE(bank->text(), first.data().toString());
        QVERIFY(w->button(QWizard::NextButton)->isEnabled());
        w->next();

        QCOMPARE(w->currentId(), int(ApplicationWizard::MailingPage));
        selectCode(w, QStringLiteral("combo_mailing_province_code"), QStringLiteral("440000"));
        selectCode(w, QStringLiteral("combo_mailing_city_code"), QStringLiteral("440300"));
        selectCode(w, QStringLiteral("combo_mailing_county_code"), QStringLiteral("440305"));
        type(w, QStringLiteral("edit_mailing_address"), QStringLiteral("科技园一路1号"));
        w->next();
        QCOMPARE(w->currentId(), int(ApplicationWizard::InvoicePage));
        findWidget<QAbstractButton>(w, QStringLiteral("invoice_electronic"))->click();
        w->next();
        QCOMPARE(w->currentId(), int(ApplicationWizard::ReviewPage));
        QVERIFY(!w->button(QWizard::FinishButton)->isEnabled());

        findWidget<QPushButton>(w, QStringLiteral("submitButton"))->click();
        // The service's 422 takes the person back to the mobile field, with the real-name FAQ offered there.
        QTRY_COMPARE_WITH_TIMEOUT(w->currentId(), int(ApplicationWizard::OrganizationPage), 15000);
        auto* mobileError = findWidget<QLabel>(w, QStringLiteral("error_agent_mobile"));
        QVERIFY(mobileError->isVisibleTo(w));
        QVERIFY(mobileError->text().contains(QLatin1String("help:realname")));
        QVERIFY(w->application().id.isEmpty());

        type(w, QStringLiteral("edit_agent_mobile"), QStringLiteral("13800138000"));
        QVERIFY(!mobileError->isVisibleTo(w));
        while (w->currentId() != ApplicationWizard::ReviewPage) {
            QVERIFY(w->button(QWizard::NextButton)->isEnabled());
            w->next();
        }
        findWidget<QPushButton>(w, QStringLiteral("submitButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!w->application().id.isEmpty(), 15000);
        QVERIFY(!w->application().orderNo.isEmpty());
        QVERIFY(w->button(QWizard::FinishButton)->isEnabled());
        QCOMPARE(w->application().fees.totalFen, w->application().oldCertificate->feePerYearFen * 2);

        SubmissionStore submissions(store);
        const auto recorded = submissions.find(w->application().id);
        QVERIFY(recorded);
        QCOMPARE(recorded->orderNo, w->application().orderNo);
        QVERIFY(!recorded->accessToken.isEmpty());

        // The service holds what the GUI sent.
        auto* get = m_api->getApplication(recorded->applicationId, recorded->accessToken);
        QVERIFY(get->waitForFinished());
        const auto fetched = get->result();
        get->deleteLater();
        QVERIFY(fetched.ok());
        QCOMPARE(fetched.value().agent.mobile, QStringLiteral("13800138000"));
        QCOMPARE(fetched.value().bank.bankCode, w->application().bank.bankCode);
        QCOMPARE(fetched.value().years, 2);
        QCOMPARE(fetched.value().invoice, InvoiceKind::Electronic);
        // The accepted agreement's version is stored with the acknowledgement, and the bank by its name.
        QCOMPARE(fetched.value().acknowledgements.agreementVersion, QStringLiteral("sample-2026-1"));
        QVERIFY(fetched.value().acknowledgements.acknowledgedAt.isValid());
        QCOMPARE(fetched.value().bank.bankName, first.data().toString());

        // On in the application centre the submission opened, as the agent (the person the form names).
        centreToInReview(
            window, *recorded, w->application().agent, QStringLiteral("payWeChat"), QStringLiteral("WeChat"));
    }

    void naturalPersonFromFirstPageToInReview()
    {
        const QString serial = mintSerial(
            CertificateCategory::NaturalPerson, QStringLiteral("李四"), QStringLiteral("11010519491231002X"));
        LocalStore store(m_dir.filePath(QStringLiteral("person.sqlite")));
        ui::AppMode mode;
        mode.serverUrl = m_server.baseUrl().toString();
        ui::MainWindow window(mode, &store);
        window.setCentreServices(centreServices());
        window.resize(1366, 768);
        window.show();
        findWidget<QPushButton>(&window, QStringLiteral("newApplicationButton"))->click();
        ApplicationWizard* w = window.wizard();
        // Nobody is asked the kind: the lookup takes it from the certificate's record and says so.
        QCOMPARE(w->currentId(), int(ApplicationWizard::AgreementPage));
        QTRY_VERIFY_WITH_TIMEOUT(
            findWidget<QCheckBox>(w, QStringLiteral("acknowledgeAgreement"))->isEnabled(), 15000);
        findWidget<QCheckBox>(w, QStringLiteral("acknowledgeAgreement"))->click();
        findWidget<QCheckBox>(w, QStringLiteral("acknowledgeRevocation"))->click();
        w->next();
        type(w, QStringLiteral("edit_serial"), serial);
        findWidget<QPushButton>(w, QStringLiteral("lookupButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(w->button(QWizard::NextButton)->isEnabled(), 15000);
        QCOMPARE(w->application().category, CertificateCategory::NaturalPerson);
        const QString result = findWidget<QLabel>(w, QStringLiteral("lookupResult"))->text();
        QVERIFY2(result.contains(QStringLiteral("Certificate kind: %1")
                                     .arg(categoryDisplayName(CertificateCategory::NaturalPerson))),
            qPrintable(result));
        w->next();
        w->next();
        QCOMPARE(w->currentId(), int(ApplicationWizard::ApplicantPage));
        type(w, QStringLiteral("edit_applicant_name"), QStringLiteral("李四"));
        type(w, QStringLiteral("edit_applicant_id_number"), QStringLiteral("11010519491231002X"));
        type(w, QStringLiteral("edit_applicant_mobile"), QStringLiteral("13800138001"));
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
        QTRY_VERIFY_WITH_TIMEOUT(!w->application().id.isEmpty(), 15000);
        QCOMPARE(w->application().fees.totalFen, w->application().oldCertificate->feePerYearFen);
        QCOMPARE(w->application().status, ApplicationStatus::Draft);

        SubmissionStore submissions(store);
        const auto recorded = submissions.find(w->application().id);
        QVERIFY(recorded);
        QCOMPARE(recorded->orderNo, w->application().orderNo);
        QCOMPARE(recorded->category, CertificateCategory::NaturalPerson);
        QVERIFY(!recorded->accessToken.isEmpty());

        // On in the application centre the submission opened, as the applicant.
        const Person applicant = w->application().applicant;
        QCOMPARE(applicant.idNumber, QStringLiteral("11010519491231002X"));
        centreToInReview(window, *recorded, applicant, QStringLiteral("payAlipay"), QStringLiteral("Alipay"));
    }
};

QTEST_MAIN(TestJourney)
#include "tst_journey.moc"
