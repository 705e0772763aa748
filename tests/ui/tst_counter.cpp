// The counter desk (certdesk --counter) against the real certdesk-server (sandbox, random loopback port) and
// real SoftHSM2 tokens: a clerk signs in, approves an application that reached review through the API
// (documents, sandbox liveness, sandbox payment), programs a blank SoftHSM token (and changes its default
// PIN), records a shipment with a printed mailing label and the handover. Besides: a rejection with reasons
// per field and document reaches the applicant, a corporate transfer is confirmed, a wrong password and an
// expired staff session ask for the sign-in again, and a reviewer without the counter role cannot program.
#include "CounterFixture.h"
#include "FindWidget.h"
#include "HomePage.h"
#include "MainWindow.h"
#include "TestEnvironment.h"
#include "TokenTestSupport.h"
#include "counter/ApplicationQueue.h"
#include "counter/CounterDesk.h"
#include "counter/CounterSession.h"
#include "counter/DocumentViewer.h"
#include "counter/IssuancePage.h"
#include "counter/PaymentsPage.h"
#include "counter/RejectReasonsEditor.h"
#include "counter/ReviewQueuePage.h"
#include "counter/ShipmentPage.h"
#include "counter/StaffLoginPage.h"
#include "counter/TokenPicker.h"
#include "domain/Privacy.h"
#include "domain/RegionModel.h"
#include "print/MailingLabel.h"
#include "storage/LocalStore.h"
#include "token/ModuleLoader.h"
#include "token/TokenSession.h"
#include "widgets/OldCertificateStatusLabel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTreeWidget>

using namespace certdesk;
using namespace certdesk::test;
using ui::CounterDesk;

namespace {

constexpr int Timeout = 30000;
const QString UserPin = QStringLiteral("12345678"); // a factory default: the desk offers a PIN change
const QString SoPin = QStringLiteral("87654321");
const QString NewPin = QStringLiteral("24681357");
const QString ClerkUser = QStringLiteral("clerk");
const QString ClerkPassword = QStringLiteral("clerk-password-1");
// SoftHSM reads its token directory at C_Initialize: every token is made before the first module load.
const QString NewLabel = QStringLiteral("NEW UKEY");
const QString MailLabel = QStringLiteral("MAILED UKEY");

} // namespace

class TestCounter : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::optional<SoftHsm> m_softhsm;
    CentreServer m_server;
    FakeNotifier m_notifier;
    FakeLabelPrinter m_printer;
    FakeFileChooser m_files;
    FakePinPrompt m_pins;

    ui::CounterServices services()
    {
        ui::CounterServices s;
        s.notifier = &m_notifier;
        s.printer = &m_printer;
        s.files = &m_files;
        s.pins = &m_pins;
        s.modulePaths = {SoftHsm::modulePath()};
        s.journalPath = m_dir.filePath(QStringLiteral("rollback.json"));
        s.tokenPollMs = 300;
        s.sandbox = true;
        return s;
    }

    static void signIn(CounterDesk* desk, const QString& user, const QString& password)
    {
        findWidget<QLineEdit>(desk, QStringLiteral("staffUsernameEdit"))->setText(user);
        findWidget<QLineEdit>(desk, QStringLiteral("staffPasswordEdit"))->setText(password);
        findWidget<QPushButton>(desk, QStringLiteral("staffLoginButton"))->click();
        // The password field is emptied at once: nothing keeps it.
        QVERIFY(findWidget<QLineEdit>(desk, QStringLiteral("staffPasswordEdit"))->text().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!desk->isShowingLogin(), Timeout);
    }

    ApplicationStatus statusOf(const CreatedApp& app)
    {
        const auto a = fetch(m_server, app);
        return a ? a->status : ApplicationStatus::Cancelled;
    }

private Q_SLOTS:
    void initTestCase()
    {
        fixEnvironment();
        QVERIFY(m_dir.isValid());
        if (!QFile::exists(SoftHsm::modulePath()))
            QSKIP("SoftHSM2 is not installed");
        m_softhsm.emplace(m_dir.filePath(QStringLiteral("softhsm")));
        QVERIFY(m_softhsm->initToken(NewLabel, SoPin, UserPin));
        QVERIFY(m_softhsm->initToken(MailLabel, SoPin, UserPin));
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        QVERIFY2(
            setStaff(m_server.server, ClerkUser, ClerkPassword, QStringLiteral("reviewer,counter"), &error),
            qPrintable(error));
    }

    void wrongPasswordIsShown()
    {
        CounterDesk desk(m_server.counter.get(), RegionModel::builtin(), services());
        desk.show();
        QVERIFY(desk.isShowingLogin());
        findWidget<QLineEdit>(&desk, QStringLiteral("staffUsernameEdit"))->setText(ClerkUser);
        findWidget<QLineEdit>(&desk, QStringLiteral("staffPasswordEdit"))
            ->setText(QStringLiteral("not-the-password"));
        findWidget<QPushButton>(&desk, QStringLiteral("staffLoginButton"))->click();
        auto* error = findWidget<QLabel>(&desk, QStringLiteral("staffLoginError"));
        QTRY_COMPARE_WITH_TIMEOUT(
            error->text(), ui::CounterSession::tr("Wrong user name or password."), Timeout);
        QVERIFY(desk.isShowingLogin());
        QVERIFY(findWidget<QLineEdit>(&desk, QStringLiteral("staffPasswordEdit"))->text().isEmpty());
    }

    // The counter's UKey acceptance path through the main window in --counter mode.
    void clerkApprovesProgramsAndShips()
    {
        CreatedApp app;
        QString error;
        QVERIFY2(applicationInReview(m_server, CertificateCategory::Institution, &app, &error, 1),
            qPrintable(error));
        QCOMPARE(statusOf(app), ApplicationStatus::InReview);

        LocalStore store(m_dir.filePath(QStringLiteral("counter.sqlite")));
        ui::AppMode mode;
        mode.counter = true;
        mode.sandbox = true;
        mode.serverUrl = m_server.server.baseUrl().toString();
        ui::MainWindow window(mode, &store);
        window.resize(1366, 768);
        window.show();
        CounterDesk* desk = window.counterDesk();
        QVERIFY(desk);
        QVERIFY(desk->isVisible()); // the desk comes first in counter mode
        desk->setServices(services());

        // The applicant side stays reachable (walk-in applicants), and the desk comes back.
        findWidget<QPushButton>(desk, QStringLiteral("applicantHomeButton"))->click();
        QVERIFY(window.homePage()->isVisible());
        QVERIFY(!desk->isVisible());
        findWidget<QAction>(&window, QStringLiteral("counterDeskAction"))->trigger();
        QVERIFY(desk->isVisible());

        signIn(desk, ClerkUser, ClerkPassword);
        const QString identity = findWidget<QLabel>(desk, QStringLiteral("staffIdentity"))->text();
        QVERIFY2(identity.contains(ClerkUser), qPrintable(identity));
        QVERIFY(identity.contains(ui::CounterSession::roleDisplayName(QStringLiteral("reviewer"))));
        QVERIFY(identity.contains(ui::CounterSession::roleDisplayName(QStringLiteral("counter"))));

        // --- review: every field unmasked, the documents viewable, approve ---
        desk->showTab(CounterDesk::ReviewTab);
        ui::ReviewQueuePage* review = desk->reviewPage();
        QTRY_VERIFY_WITH_TIMEOUT(review->queue()->contains(app.id), Timeout);
        QSignalSpy loaded(review, &ui::ReviewQueuePage::applicationLoaded);
        QVERIFY(review->queue()->select(app.id));
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), Timeout);
        auto* fields = findWidget<QTreeWidget>(review, QStringLiteral("applicationFields"));
        QStringList values;
        for (int i = 0; i < fields->topLevelItemCount(); ++i)
            values << fields->topLevelItem(i)->text(1);
        QVERIFY(values.contains(app.application.agent.mobile)); // staff see it unmasked
        QVERIFY(values.contains(app.application.agent.idNumber));
        QVERIFY(values.contains(app.application.bank.accountNumber));
        QVERIFY(values.contains(app.application.organization.credentialNumber));
        // The basic account's branch by its name from the bank list, not by its code.
        QVERIFY(!app.application.bank.bankName.isEmpty());
        QVERIFY2(values.contains(app.application.bank.bankName), qPrintable(values.join(QLatin1Char('|'))));
        QVERIFY(!values.contains(app.application.bank.bankCode));
        // The version of the service agreement the applicant accepted.
        const QString summary = findWidget<QLabel>(review, QStringLiteral("applicationSummary"))->text();
        QVERIFY(!app.application.acknowledgements.agreementVersion.isEmpty());
        QVERIFY2(summary.contains(app.application.acknowledgements.agreementVersion), qPrintable(summary));

        ui::DocumentViewer* documents = review->documents();
        QCOMPARE(findWidget<QListWidget>(documents, QStringLiteral("documentList"))->count(),
            int(requiredDocuments(CertificateCategory::Institution).size()));
        QSignalSpy shown(documents, &ui::DocumentViewer::documentShown);
        documents->showDocument(DocumentKind::BusinessLicense);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, Timeout);
        QCOMPARE(documents->currentContentType(), QStringLiteral("image/jpeg"));
        QVERIFY(!findWidget<QLabel>(documents, QStringLiteral("documentImage"))->pixmap().isNull());
        QVERIFY(documents->infoText().contains(QStringLiteral("400")));
        // Open with the system viewer: a file in the session's private folder, handed to the desktop.
        documents->openExternally();
        QCOMPARE(m_notifier.opened.size(), 1);
        const QString opened = m_notifier.opened.constLast().toLocalFile();
        QFile openedFile(opened);
        QVERIFY(openedFile.open(QIODevice::ReadOnly));
        QCOMPARE(openedFile.readAll(), documents->currentBytes());
        QVERIFY(opened.contains(app.orderNo));

        m_notifier.answer = true;
        findWidget<QPushButton>(review, QStringLiteral("approveButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(review->resultText().contains(app.orderNo), Timeout);
        QCOMPARE(statusOf(app), ApplicationStatus::Approved);
        QTRY_VERIFY_WITH_TIMEOUT(!review->queue()->contains(app.id), Timeout);

        // --- programming a blank SoftHSM token ---
        desk->showTab(CounterDesk::IssuanceTab);
        ui::IssuancePage* issuance = desk->issuancePage();
        QTRY_VERIFY_WITH_TIMEOUT(issuance->queue()->contains(app.id), Timeout);
        QVERIFY(issuance->queue()->select(app.id));
        QTRY_VERIFY_WITH_TIMEOUT(issuance->picker()->selectToken(NewLabel), Timeout);
        auto* program = findWidget<QPushButton>(issuance, QStringLiteral("programButton"));
        QVERIFY(program->isEnabled());
        m_pins.pins = {UserPin};
        m_pins.change = ui::PinChange {QString(), NewPin};
        QSignalSpy programmed(issuance, &ui::IssuancePage::programmingFinished);
        QSignalSpy pinChanged(issuance, &ui::IssuancePage::pinChangeFinished);
        program->click();
        QVERIFY(issuance->isProgramming());
        QVERIFY(findWidget<QPushButton>(issuance, QStringLiteral("cancelProgrammingButton"))->isEnabled());
        QVERIFY(programmed.wait(180000) || !programmed.isEmpty());
        QVERIFY2(programmed.constFirst().constFirst().toBool(), qPrintable(issuance->resultText()));
        QCOMPARE(m_pins.requests.size(), 1);
        QCOMPARE(m_pins.requests.constFirst().tokenLabel, NewLabel);
        QCOMPARE(findWidget<QProgressBar>(issuance, QStringLiteral("programmingProgress"))->value(), 100);
        auto* steps = findWidget<QListWidget>(issuance, QStringLiteral("programmingSteps"));
        QCOMPARE(steps->count(), 8);
        for (int i = 0; i < steps->count(); ++i)
            QVERIFY2(steps->item(i)->text().startsWith(QChar(0x2713)), qPrintable(steps->item(i)->text()));
        QCOMPARE(statusOf(app), ApplicationStatus::Issued);
        // The default PIN: a change is offered with the old PIN known, and done.
        QTRY_COMPARE_WITH_TIMEOUT(pinChanged.count(), 1, Timeout);
        QVERIFY2(pinChanged.constFirst().constFirst().toBool(), qPrintable(issuance->pinChangeText()));
        QCOMPARE(m_pins.changeOldKnown, QList<bool> {true});
        // The token: two SM2 pairs and their certificates, behind the new PIN (the default no longer works).
        const ToolResult listing
            = m_softhsm->pkcs11Tool(NewLabel, NewPin, {QStringLiteral("--list-objects")});
        QCOMPARE(listing.exitCode, 0);
        const ListedObjects objects = parseListing(listing.output);
        QCOMPARE(objects.privateKeys, 2);
        QCOMPARE(objects.publicKeys, 2);
        QVERIFY2(objects.certificates >= 2, qPrintable(listing.output));
        QVERIFY(m_softhsm->pkcs11Tool(NewLabel, UserPin, {QStringLiteral("--list-objects")}).exitCode != 0);
        QTRY_VERIFY_WITH_TIMEOUT(!issuance->queue()->contains(app.id), Timeout);

        // --- shipment: the label, the courier, the handover ---
        desk->showTab(CounterDesk::ShipmentTab);
        ui::ShipmentPage* shipment = desk->shipmentPage();
        QTRY_VERIFY_WITH_TIMEOUT(shipment->queue()->contains(app.id), Timeout);
        QSignalSpy shipmentLoaded(shipment, &ui::ShipmentPage::applicationLoaded);
        QVERIFY(shipment->queue()->select(app.id));
        QTRY_VERIFY_WITH_TIMEOUT(!shipmentLoaded.isEmpty(), Timeout);
        // After issuance the old certificate is revoked, and the desk shows it from the CA's OCSP responder.
        QTRY_VERIFY_WITH_TIMEOUT(shipment->oldCertificateStatus()->lastStatus().has_value(), Timeout);
        QCOMPARE(shipment->oldCertificateStatus()->lastStatus()->outcome,
            issuance::OldCertificateStatus::Outcome::Checked);
        QCOMPARE(shipment->oldCertificateStatus()->lastStatus()->status, pki::OcspCertStatus::Revoked);
        QCOMPARE(findWidget<QLabel>(shipment, QStringLiteral("oldCertificateStatus")),
            shipment->oldCertificateStatus());
        QVERIFY(shipment->oldCertificateStatus()->isVisible());
        const QString recipient = shipment->recipientText();
        QVERIFY2(
            recipient.contains(app.application.agent.mobile), qPrintable(recipient)); // full, for the courier
        QVERIFY(recipient.contains(app.application.agent.name));
        QVERIFY(recipient.contains(QStringLiteral("南山区")));

        findWidget<QPushButton>(shipment, QStringLiteral("printLabelButton"))->click();
        QCOMPARE(m_printer.previews, 1);
        QCOMPARE(m_printer.lastTitle, print::MailingLabel(Application {}, RegionModel::builtin()).title());
        QCOMPARE(decodeQrImage(m_printer.lastPage, m_dir), app.orderNo);

        auto* carrier = findWidget<QComboBox>(shipment, QStringLiteral("carrierCombo"));
        carrier->setCurrentIndex(0);
        const QString carrierName = carrier->currentText();
        findWidget<QLineEdit>(shipment, QStringLiteral("trackingNumberEdit"))
            ->setText(QStringLiteral("SF1234567890"));
        auto* ship = findWidget<QPushButton>(shipment, QStringLiteral("recordShipmentButton"));
        QVERIFY(ship->isEnabled());
        ship->click();
        QTRY_VERIFY_WITH_TIMEOUT(shipment->resultText().contains(QStringLiteral("SF1234567890")), Timeout);
        const auto shipped = fetch(m_server, app);
        QVERIFY(shipped);
        QCOMPARE(shipped->status, ApplicationStatus::Shipped);
        QVERIFY(shipped->shipment);
        QCOMPARE(shipped->shipment->carrier, carrierName);
        QCOMPARE(shipped->shipment->trackingNo, QStringLiteral("SF1234567890"));

        // Delivered: the application is completed.
        QTRY_VERIFY_WITH_TIMEOUT(
            shipment->loaded() && shipment->loaded()->application.status == ApplicationStatus::Shipped,
            Timeout);
        findWidget<QPushButton>(shipment, QStringLiteral("handoverButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(app), ApplicationStatus::Completed, Timeout);

        // Sign-out forgets the token and the opened documents.
        findWidget<QPushButton>(desk, QStringLiteral("staffLogoutButton"))->click();
        QVERIFY(desk->isShowingLogin());
        QVERIFY(!QFile::exists(opened));
        QVERIFY(!window.api()->hasStaffToken());
    }

    // A UKey to be mailed: after programming it gets a random initial PIN instead of the PIN change with the
    // applicant; the clerk never sees it; it goes to the applicant by SMS with the shipment.
    void mailedUkeyGetsARandomInitialPinBySms()
    {
        CreatedApp app;
        QString error;
        QVERIFY2(applicationInReview(m_server, CertificateCategory::Institution, &app, &error, 4),
            qPrintable(error));
        auto staffApi = m_server.makeClient();
        CENTRE_AWAIT_OK(staffSession, staffApi->staffLogin(ClerkUser, ClerkPassword));
        CENTRE_AWAIT_OK(approved, staffApi->approve(app.id));

        auto api = m_server.makeClient();
        CounterDesk desk(api.get(), RegionModel::builtin(), services());
        desk.resize(1366, 768);
        desk.show();
        signIn(&desk, ClerkUser, ClerkPassword);
        desk.showTab(CounterDesk::IssuanceTab);
        ui::IssuancePage* issuance = desk.issuancePage();
        QTRY_VERIFY_WITH_TIMEOUT(issuance->queue()->contains(app.id), Timeout);
        QVERIFY(issuance->queue()->select(app.id));
        QTRY_VERIFY_WITH_TIMEOUT(issuance->picker()->selectToken(MailLabel), Timeout);
        issuance->mailCheck()->setChecked(true);
        m_notifier.answer = true;
        m_pins.pins = {UserPin};
        m_pins.requests.clear();
        m_pins.changeOldKnown.clear();
        QSignalSpy programmed(issuance, &ui::IssuancePage::programmingFinished);
        QSignalSpy initialPin(issuance, &ui::IssuancePage::initialPinFinished);
        QSignalSpy pinChanged(issuance, &ui::IssuancePage::pinChangeFinished);
        findWidget<QPushButton>(issuance, QStringLiteral("programButton"))->click();
        QVERIFY(programmed.wait(180000) || !programmed.isEmpty());
        QVERIFY2(programmed.constFirst().constFirst().toBool(), qPrintable(issuance->resultText()));
        QTRY_COMPARE_WITH_TIMEOUT(initialPin.count(), 1, Timeout);
        QVERIFY2(initialPin.constFirst().constFirst().toBool(), qPrintable(issuance->pinChangeText()));
        QCOMPARE(pinChanged.count(), 0); // no PIN change with the applicant: they are not here
        QVERIFY(m_pins.changeOldKnown.isEmpty());
        // The factory PIN typed for programming no longer opens the UKey.
        QVERIFY(m_softhsm->pkcs11Tool(MailLabel, UserPin, {QStringLiteral("--list-objects")}).exitCode != 0);

        desk.showTab(CounterDesk::ShipmentTab);
        ui::ShipmentPage* shipment = desk.shipmentPage();
        QTRY_VERIFY_WITH_TIMEOUT(shipment->queue()->contains(app.id), Timeout);
        QSignalSpy shipmentLoaded(shipment, &ui::ShipmentPage::applicationLoaded);
        QVERIFY(shipment->queue()->select(app.id));
        QTRY_VERIFY_WITH_TIMEOUT(!shipmentLoaded.isEmpty(), Timeout);
        QVERIFY2(shipment->recipientText().contains(QStringLiteral("initial PIN")),
            qPrintable(shipment->recipientText()));
        findWidget<QComboBox>(shipment, QStringLiteral("carrierCombo"))->setCurrentIndex(0);
        findWidget<QLineEdit>(shipment, QStringLiteral("trackingNumberEdit"))
            ->setText(QStringLiteral("SF5550001111"));
        findWidget<QPushButton>(shipment, QStringLiteral("recordShipmentButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(shipment->resultText().contains(QStringLiteral("SF5550001111")), Timeout);
        QCOMPARE(statusOf(app), ApplicationStatus::Shipped);

        // The PIN is in the SMS to the agent, apart from the shipment notice, and it opens the UKey.
        CENTRE_AWAIT_OK(outbox, m_server.applicant->sandboxOutbox());
        QString pin;
        for (const api::OutboxMessage& m : *outbox) {
            if (m.to != app.application.agent.mobile || !m.body.contains(app.orderNo)
                || m.body.contains(QStringLiteral("SF5550001111")))
                continue;
            QString text = m.body;
            text.remove(app.orderNo);
            const auto match = QRegularExpression(QStringLiteral("(?<!\\d)(\\d{8})(?!\\d)")).match(text);
            if (match.hasMatch())
                pin = match.captured(1);
        }
        QVERIFY(!pin.isEmpty());
        QCOMPARE(m_softhsm->pkcs11Tool(MailLabel, pin, {QStringLiteral("--list-objects")}).exitCode, 0);
        // Nothing on the counter's screens shows it.
        for (const QString& shown : {issuance->pinChangeText(), issuance->resultText(),
                 shipment->resultText(), shipment->recipientText()})
            QVERIFY(!shown.contains(pin));
    }

    void rejectionReasonsReachTheApplicant()
    {
        CreatedApp app;
        QString error;
        QVERIFY2(applicationInReview(m_server, CertificateCategory::Institution, &app, &error, 2),
            qPrintable(error));
        auto api = m_server.makeClient();
        CounterDesk desk(api.get(), RegionModel::builtin(), services());
        desk.resize(1366, 768);
        desk.show();
        signIn(&desk, ClerkUser, ClerkPassword);
        desk.showTab(CounterDesk::ReviewTab);
        ui::ReviewQueuePage* review = desk.reviewPage();
        QTRY_VERIFY_WITH_TIMEOUT(review->queue()->contains(app.id), Timeout);
        QSignalSpy loaded(review, &ui::ReviewQueuePage::applicationLoaded);
        QVERIFY(review->queue()->select(app.id));
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), Timeout);

        auto* reject = findWidget<QPushButton>(review, QStringLiteral("rejectButton"));
        QVERIFY(!reject->isEnabled()); // no reason yet
        // The targets are the application's own fields and documents.
        auto* target = findWidget<QComboBox>(review, QStringLiteral("rejectTargetCombo"));
        QVERIFY(target->findData(QStringLiteral("field:agent.mobile")) >= 0);
        QVERIFY(target->findData(QStringLiteral("document:business_license")) >= 0);
        QVERIFY(target->findData(QStringLiteral("field:applicant.mobile")) < 0);
        // One reason typed like a reviewer does, one through the editor's API.
        target->setCurrentIndex(target->findData(QStringLiteral("field:agent.mobile")));
        findWidget<QLineEdit>(review, QStringLiteral("rejectMessageEdit"))
            ->setText(QStringLiteral("手机号码与身份证不符"));
        findWidget<QPushButton>(review, QStringLiteral("addRejectReasonButton"))->click();
        QVERIFY(review->reasons()->addReason(
            QStringLiteral("document:business_license"), QStringLiteral("营业执照未加盖公章")));
        QVERIFY(!review->reasons()->addReason(
            QStringLiteral("document:business_license"), QStringLiteral("   ")));
        QVERIFY(!review->reasons()->addReason(QStringLiteral("field:nonsense"), QStringLiteral("x")));
        QCOMPARE(findWidget<QListWidget>(review, QStringLiteral("rejectReasonList"))->count(), 2);
        QVERIFY(reject->isEnabled());
        m_notifier.answer = true;
        reject->click();
        QTRY_VERIFY_WITH_TIMEOUT(review->resultText().contains(app.orderNo), Timeout);

        const auto rejected = fetch(m_server, app);
        QVERIFY(rejected);
        QCOMPARE(rejected->status, ApplicationStatus::Rejected);
        const QList<RejectionReason> expected {
            {QStringLiteral("field:agent.mobile"), QStringLiteral("手机号码与身份证不符")},
            {QStringLiteral("document:business_license"), QStringLiteral("营业执照未加盖公章")}};
        QCOMPARE(rejected->rejection, expected);
        QTRY_VERIFY_WITH_TIMEOUT(!review->queue()->contains(app.id), Timeout);
    }

    void corporateTransferIsConfirmed()
    {
        CreatedApp app;
        QString error;
        QVERIFY2(createApplication(m_server, CertificateCategory::Institution, &app, &error, 3),
            qPrintable(error));
        QVERIFY2(prepareForPayment(m_server, app, &error), qPrintable(error));
        CENTRE_AWAIT_OK(payment,
            m_server.applicant->createPayment(app.id, app.token, api::PaymentMethod::CorporateTransfer));
        QVERIFY(payment->transfer);

        auto api = m_server.makeClient();
        CounterDesk desk(api.get(), RegionModel::builtin(), services());
        desk.show();
        signIn(&desk, ClerkUser, ClerkPassword);
        desk.showTab(CounterDesk::PaymentsTab);
        ui::PaymentsPage* payments = desk.paymentsPage();
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(payments->rows().cbegin(), payments->rows().cend(),
                [&](const ui::PaymentsPage::Row& r) { return r.payment.paymentId == payment->paymentId; }),
            Timeout);
        auto* list = payments->list();
        QTreeWidgetItem* item = nullptr;
        for (int i = 0; i < list->topLevelItemCount(); ++i) {
            if (list->topLevelItem(i)->text(0) == app.orderNo)
                item = list->topLevelItem(i);
        }
        QVERIFY(item);
        // The paying account as the form names it, the number masked as everywhere else: the clerk matches
        // it against the statement.
        const BankAccount& bank = app.application.bank;
        QVERIFY(!bank.accountNumber.isEmpty());
        QCOMPARE(item->text(2), bank.accountName);
        QCOMPARE(item->text(3), maskAccount(bank.accountNumber));
        QVERIFY(item->text(3).endsWith(bank.accountNumber.right(4)));
        QVERIFY(!item->text(3).contains(bank.accountNumber.left(6)));
        QCOMPARE(item->text(4), bank.bankName); // the paying branch by name
        list->setCurrentItem(item);
        m_notifier.answer = false; // the clerk looks at the statement first and says no
        findWidget<QPushButton>(payments, QStringLiteral("confirmPaymentButton"))->click();
        QCOMPARE(statusOf(app), ApplicationStatus::Draft);
        m_notifier.answer = true;
        findWidget<QPushButton>(payments, QStringLiteral("confirmPaymentButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(payments->resultText().contains(app.orderNo), Timeout);
        CENTRE_AWAIT_OK(progress, m_server.applicant->paymentStatus(app.id, app.token, payment->paymentId));
        QCOMPARE(progress->status, api::PaymentStatus::Paid);
        QCOMPARE(statusOf(app), ApplicationStatus::InReview);
    }

    void expiredSessionAsksToSignInAgain()
    {
        auto api = m_server.makeClient();
        CounterDesk desk(api.get(), RegionModel::builtin(), services());
        desk.show();
        signIn(&desk, ClerkUser, ClerkPassword);
        desk.showTab(CounterDesk::ShipmentTab);
        // The service forgets the session (an expired token looks the same to the client: 401).
        api->setStaffToken(QStringLiteral("expired-token"));
        desk.showTab(CounterDesk::ReviewTab);
        QTRY_VERIFY_WITH_TIMEOUT(desk.isShowingLogin(), Timeout);
        auto* notice = findWidget<QLabel>(&desk, QStringLiteral("staffLoginNotice"));
        QVERIFY(notice->isVisible());
        QVERIFY(!notice->text().isEmpty());
        QVERIFY(!desk.session()->isLoggedIn());
        // Signing in again continues on the same tab.
        signIn(&desk, ClerkUser, ClerkPassword);
        QVERIFY(!notice->isVisible());
        QCOMPARE(findWidget<QTabWidget>(&desk, QStringLiteral("counterTabs"))->currentIndex(),
            int(CounterDesk::ReviewTab));
    }

    void reviewerCannotProgram()
    {
        auto api = m_server.makeClient();
        CounterDesk desk(api.get(), RegionModel::builtin(), services());
        desk.show();
        signIn(&desk, QStringLiteral("reviewer"), QStringLiteral("sandbox-reviewer"));
        desk.showTab(CounterDesk::IssuanceTab);
        ui::IssuancePage* issuance = desk.issuancePage();
        QVERIFY(findWidget<QLabel>(issuance, QStringLiteral("issuanceRoleNote"))->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(issuance->picker()->selectToken(NewLabel), Timeout);
        QVERIFY(!findWidget<QPushButton>(issuance, QStringLiteral("programButton"))->isEnabled());
    }
};

QTEST_MAIN(TestCounter)
#include "tst_counter.moc"
