// The application centre inside the main window, against the real certdesk-server (sandbox): the home page
// lists the submitted applications with their status, opens a centre; a rejection's field link opens the
// wizard on that application at the field; the kiosk offers the scanner only and forgets the centre at the
// idle wipe.
#include "CentreFixture.h"
#include "FindWidget.h"
#include "HomePage.h"
#include "MainWindow.h"
#include "TestEnvironment.h"
#include "centre/ApplicationCentre.h"
#include "centre/DocumentSlot.h"
#include "centre/DocumentsPage.h"
#include "storage/DraftStore.h"
#include "storage/LocalStore.h"
#include "storage/SubmissionStore.h"
#include "widgets/FormField.h"
#include "wizard/ApplicationWizard.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>

using namespace certdesk;
using namespace certdesk::test;
using ui::ApplicationCentre;
using ui::ApplicationWizard;

namespace {

constexpr int Timeout = 30000;

} // namespace

class TestCentreMainWindow : public QObject
{
    Q_OBJECT
private:
    CentreServer m_server;
    QTemporaryDir m_dir;
    FakeFileChooser m_files;
    FakePrintService m_printer;
    FakeNotifier m_notifier;
    FakeScanSource m_scanner;

private Q_SLOTS:
    void initTestCase()
    {
        fixEnvironment();
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
    }

    void homeListsSubmissionsAndRejectionOpensTheWizardAtTheField()
    {
        CreatedApp app;
        QString error;
        QVERIFY2(createApplication(m_server, CertificateCategory::Institution, &app, &error, 4),
            qPrintable(error));
        QVERIFY2(prepareForPayment(m_server, app, &error), qPrintable(error));
        auto payment
            = await(m_server.applicant->createPayment(app.id, app.token, api::PaymentMethod::WeChat));
        QVERIFY(payment.ok());
        QVERIFY(await(m_server.applicant->sandboxCompletePayment(payment->paymentId)).ok());
        QVERIFY(await(m_server.reviewer->reject(app.id,
                          {{QStringLiteral("field:agent.mobile"),
                              QStringLiteral("The mobile number cannot be reached.")}}))
                    .ok());

        LocalStore store(m_dir.filePath(QStringLiteral("window.sqlite")));
        const QString serverUrl = m_server.server.baseUrl().toString();
        QVERIFY(recordSubmission(store, app, serverUrl));
        ui::AppMode mode;
        mode.serverUrl = serverUrl;
        ui::MainWindow window(mode, &store);
        window.setCentreServices(fakeServices(&m_files, &m_printer, &m_notifier, &m_scanner));
        window.resize(1366, 768);
        window.show();

        // The home page's "track an application" list, with the status from the service.
        auto* list = findWidget<QListWidget>(&window, QStringLiteral("submissionList"));
        QVERIFY(findWidget<QWidget>(&window, QStringLiteral("trackBox"))->isVisible());
        QCOMPARE(list->count(), 1);
        QVERIFY(list->item(0)->text().contains(app.orderNo));
        QTRY_VERIFY_WITH_TIMEOUT(
            list->item(0)->text().contains(statusDisplayName(ApplicationStatus::Rejected)), Timeout);

        findWidget<QPushButton>(&window, QStringLiteral("trackButton"))->click();
        ApplicationCentre* centre = window.centre();
        QVERIFY(centre);
        QCOMPARE(centre->applicationId(), app.id);
        QTRY_VERIFY_WITH_TIMEOUT(centre->session()->isLoaded(), Timeout);
        QCOMPARE(centre->session()->application().status, ApplicationStatus::Rejected);
        QCOMPARE(centre->currentPage(), ApplicationCentre::StatusTab);

        // The rejection's link opens the wizard on this application, at the agent's mobile, with the reason.
        findWidget<QPushButton>(centre, QStringLiteral("rejectionFix_0"))->click();
        ApplicationWizard* wizard = window.wizard();
        QVERIFY(wizard);
        QCOMPARE(qobject_cast<QStackedWidget*>(wizard->parentWidget())->currentWidget(), wizard);
        QCOMPARE(wizard->application().id, app.id);
        QCOMPARE(wizard->accessToken(), app.token);
        QCOMPARE(wizard->currentId(), int(ApplicationWizard::OrganizationPage));
        auto* mobileError = findWidget<QLabel>(wizard, QStringLiteral("error_agent_mobile"));
        QVERIFY(mobileError->isVisibleTo(wizard));
        QVERIFY(mobileError->text().contains(QStringLiteral("cannot be reached")));

        // Fix it in the wizard and save: PUT, then back to the centre, where resubmitting goes to review.
        auto* mobile = findWidget<QLineEdit>(wizard, QStringLiteral("edit_agent_mobile"));
        mobile->setText(QStringLiteral("13800138077"));
        Q_EMIT mobile->textEdited(mobile->text());
        Q_EMIT mobile->editingFinished();
        while (wizard->currentId() != ApplicationWizard::ReviewPage) {
            QVERIFY2(wizard->button(QWizard::NextButton)->isEnabled(),
                qPrintable(QString::number(wizard->currentId())));
            wizard->next();
        }
        auto* save = findWidget<QPushButton>(wizard, QStringLiteral("submitButton"));
        QVERIFY(save->isEnabled());
        save->click();
        QTRY_COMPARE_WITH_TIMEOUT(window.centre()->isVisible(), true, Timeout);
        centre = window.centre();
        QTRY_COMPARE_WITH_TIMEOUT(
            centre->session()->application().agent.mobile, QStringLiteral("13800138077"), Timeout);
        findWidget<QPushButton>(centre, QStringLiteral("resubmitButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            centre->session()->application().status, ApplicationStatus::InReview, Timeout);
    }

    void kioskOffersTheScannerOnlyAndForgetsTheCentre()
    {
        CreatedApp app;
        QString error;
        QVERIFY2(createApplication(m_server, CertificateCategory::NaturalPerson, &app, &error, 5),
            qPrintable(error));
        LocalStore store(m_dir.filePath(QStringLiteral("kiosk.sqlite")));
        const QString serverUrl = m_server.server.baseUrl().toString();
        ui::AppMode mode;
        mode.serverUrl = serverUrl;
        mode.kiosk = true;
        ui::MainWindow window(mode, &store);
        QVERIFY(recordSubmission(store, app, serverUrl)); // after the start-up wipe of the kiosk
        window.setCentreServices(fakeServices(nullptr, &m_printer, &m_notifier, &m_scanner, true));
        window.resize(1366, 768);
        window.show();
        // Earlier people's applications are not listed on a kiosk.
        QVERIFY(!findWidget<QWidget>(&window, QStringLiteral("trackBox"))->isVisible());

        window.openCentre(app.id);
        ApplicationCentre* centre = window.centre();
        QVERIFY(centre);
        QTRY_VERIFY_WITH_TIMEOUT(centre->session()->isLoaded(), Timeout);
        centre->showPage(ApplicationCentre::DocumentsTab);
        for (DocumentKind kind : requiredDocuments(CertificateCategory::NaturalPerson)) {
            const QString api = documentKindToApi(kind);
            QVERIFY(!findWidget<QPushButton>(centre, QStringLiteral("documentChoose_") + api)->isVisible());
            QVERIFY(findWidget<QPushButton>(centre, QStringLiteral("documentScan_") + api)->isVisible());
            QVERIFY(!centre->documentsPage()->slotFor(kind)->acceptDrops());
        }
        centre->showPage(ApplicationCentre::LetterTab);
        QVERIFY(!findWidget<QPushButton>(centre, QStringLiteral("letterSavePdfButton"))->isVisible());
        // The e-seal template is printed instead of saved.
        const int prints = m_printer.prints;
        findWidget<QPushButton>(centre, QStringLiteral("eSealTemplateButton"))->click();
        QCOMPARE(m_printer.prints, prints + 1);

        // A scan goes up.
        centre->showPage(ApplicationCentre::DocumentsTab);
        ui::DocumentSlot* idCard = centre->documentsPage()->slotFor(DocumentKind::IdCard);
        findWidget<QPushButton>(idCard, QStringLiteral("documentScan_id_card"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!idCard->isBusy(), Timeout);
        QVERIFY2(idCard->errorText().isEmpty(), qPrintable(idCard->errorText()));
        auto docs = await(m_server.applicant->documents(app.id, app.token));
        QVERIFY(docs.ok());
        QCOMPARE(docs->size(), 1);

        // The idle wipe takes the centre (and the loaded personal data) with it.
        QPointer<ApplicationCentre> guard(centre);
        window.wipeSession();
        QVERIFY(guard.isNull());
        QVERIFY(!window.centre());
        QVERIFY(SubmissionStore(store).list().isEmpty());
    }
};

QTEST_MAIN(TestCentreMainWindow)
#include "tst_centre_mainwindow.moc"
