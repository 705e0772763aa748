// Renders the counter desk in zh_CN at the counter's 1366×768 and at 1920×1080 into an output folder
// (docs/screenshots/), against the real certdesk-server in sandbox mode and a SoftHSM2 token in a temporary
// folder. A tool, not a test:
//   counter_screenshots <output dir>
#include "CounterFixture.h"
#include "ScreenshotApp.h"
#include "TestEnvironment.h"
#include "TokenTestSupport.h"
#include "counter/ApplicationQueue.h"
#include "counter/CounterDesk.h"
#include "counter/DocumentViewer.h"
#include "counter/IssuancePage.h"
#include "counter/PaymentsPage.h"
#include "counter/RejectReasonsEditor.h"
#include "counter/ReviewQueuePage.h"
#include "counter/ShipmentPage.h"
#include "counter/TokenPicker.h"
#include "domain/RegionModel.h"
#include "domain/Translations.h"
#include "print/MailingLabel.h"
#include "token/ModuleLoader.h"
#include "token/TokenAccess.h"
#include "token/TokenSession.h"
#include "widgets/PinDialog.h"
#include "wizard/ApplicationWizard.h"
#include "wizard/LookupPage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTreeWidget>

using namespace certdesk;
using namespace certdesk::test;
using ui::CounterDesk;

namespace {

bool waitFor(const std::function<bool()>& condition, int ms = 60000)
{
    for (int i = 0; i < ms / 20 && !condition(); ++i)
        QTest::qWait(20);
    return condition();
}

void save(const QImage& image, const QString& path)
{
    if (!image.save(path))
        fprintf(stderr, "cannot write %s\n", qPrintable(path));
    else
        printf("%s\n", qPrintable(path));
}

void shoot(QWidget* w, const QString& dir, const QString& name)
{
    // The counter's 1366×768 first, then a 1920×1080 desk; the counter's own size stays for what follows.
    for (const QSize size : {QSize(1920, 1080), QSize(1366, 768)}) {
        w->resize(size);
        QTest::qWait(150); // layouts and polished style sheets settle
        save(w->grab().toImage(),
            QStringLiteral("%1/counter-%2-%3x%4.png").arg(dir, name).arg(size.width()).arg(size.height()));
    }
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        fprintf(stderr, "usage: counter_screenshots <output dir>\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(out);
    test::setUpScreenshotApp(app);

    QTemporaryDir tmp;
    SoftHsm softhsm(tmp.filePath(QStringLiteral("softhsm")));
    const QString label = QStringLiteral("CertDesk UKey 0001");
    const QString oldLabel = QStringLiteral("ShenzhenCA RSA");
    if (!softhsm.initToken(label, QStringLiteral("87654321"), QStringLiteral("12345678"))
        || !softhsm.initToken(oldLabel, QStringLiteral("87654321"), QStringLiteral("11223344"))) {
        fprintf(stderr, "softhsm token\n");
        return 1;
    }
    CentreServer s;
    QString error;
    if (!s.start(&error)
        || !setStaff(s.server, QStringLiteral("zhangli"), QStringLiteral("counter-pass-1"),
            QStringLiteral("reviewer,counter"), &error)) {
        fprintf(stderr, "server: %s\n", qPrintable(error));
        return 1;
    }
    CreatedApp first;
    CreatedApp second;
    CreatedApp transfer;
    if (!applicationInReview(s, CertificateCategory::Institution, &first, &error, 4)
        || !applicationInReview(s, CertificateCategory::NaturalPerson, &second, &error, 5)
        || !createApplication(s, CertificateCategory::Institution, &transfer, &error, 6)
        || !prepareForPayment(s, transfer, &error)) {
        fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    (void)await(
        s.applicant->createPayment(transfer.id, transfer.token, api::PaymentMethod::CorporateTransfer));

    // The old UKey on the wizard's lookup page: a legacy certificate and key on a SoftHSM token.
    auto legacy = await(s.applicant->sandboxMintLegacy(CertificateCategory::Institution,
        QStringLiteral("深圳市旧钥演示科技有限公司"), QStringLiteral("91440300MA5H00001F"),
        QDateTime::currentDateTimeUtc().addDays(40)));
    if (!legacy.ok()
        || !softhsm.importKeyPair(oldLabel, QStringLiteral("11223344"), legacy->privateKey,
            QByteArray::fromHex("01"), QStringLiteral("old key"))) {
        fprintf(stderr, "old UKey\n");
        return 1;
    }
    if (auto module = token::ModuleLoader::load(SoftHsm::modulePath())) {
        if (auto session = module->openSession(oldLabel);
            session && session->login(QStringLiteral("11223344")))
            (void)session->writeCertificate(
                legacy->certificate, QByteArray::fromHex("01"), QStringLiteral("old certificate"));
    }
    {
        FakePinPrompt oldPins;
        oldPins.pins = {QStringLiteral("11223344")};
        auto wizardApi = s.makeClient();
        ui::ApplicationWizard wizard(nullptr, RegionModel::builtin(), wizardApi.get());
        wizard.setWindowTitle(QStringLiteral("CertDesk"));
        wizard.resize(1366, 768);
        wizard.show();
        (void)QTest::qWaitFor(
            [&wizard] {
                return wizard.findChild<QAbstractButton*>(QStringLiteral("acknowledgeAgreement"))
                    ->isEnabled();
            },
            15000);
        wizard.findChild<QAbstractButton*>(QStringLiteral("acknowledgeAgreement"))->click();
        wizard.findChild<QAbstractButton*>(QStringLiteral("acknowledgeRevocation"))->click();
        wizard.next();
        auto* lookup = qobject_cast<ui::LookupPage*>(wizard.page(ui::ApplicationWizard::LookupPage));
        lookup->setTokenSource(
            std::make_shared<token::Pkcs11CertificateSource>(QStringList {SoftHsm::modulePath()}));
        lookup->setPinPrompt(&oldPins);
        wizard.findChild<QPushButton*>(QStringLiteral("readFromTokenButton"))->click();
        waitFor([&] { return wizard.application().proof.has_value(); });
        shoot(&wizard, out, QStringLiteral("wizard-lookup-ukey"));
    }

    FakeNotifier notifier;
    FakeLabelPrinter printer;
    FakeFileChooser files;
    FakePinPrompt pins;
    ui::CounterServices services;
    services.notifier = &notifier;
    services.printer = &printer;
    services.files = &files;
    services.pins = &pins;
    services.modulePaths = {SoftHsm::modulePath()};
    services.journalPath = tmp.filePath(QStringLiteral("journal.json"));
    services.sandbox = true;
    auto api = s.makeClient();
    CounterDesk desk(api.get(), RegionModel::builtin(), services);
    desk.setWindowTitle(QStringLiteral("CertDesk"));
    desk.resize(1366, 768);
    desk.show();
    shoot(&desk, out, QStringLiteral("login"));

    desk.findChild<QLineEdit*>(QStringLiteral("staffUsernameEdit"))->setText(QStringLiteral("zhangli"));
    desk.findChild<QLineEdit*>(QStringLiteral("staffPasswordEdit"))
        ->setText(QStringLiteral("counter-pass-1"));
    desk.findChild<QPushButton*>(QStringLiteral("staffLoginButton"))->click();
    waitFor([&] { return !desk.isShowingLogin(); });

    ui::ReviewQueuePage* review = desk.reviewPage();
    waitFor([&] { return review->queue()->contains(first.id); });
    QSignalSpy loaded(review, &ui::ReviewQueuePage::applicationLoaded);
    review->queue()->select(first.id);
    waitFor([&] { return !loaded.isEmpty(); });
    shoot(&desk, out, QStringLiteral("review"));
    review->findChild<QTabWidget*>(QStringLiteral("reviewDetailTabs"))->setCurrentIndex(1);
    QSignalSpy shown(review->documents(), &ui::DocumentViewer::documentShown);
    review->documents()->showDocument(DocumentKind::BusinessLicense);
    waitFor([&] { return !shown.isEmpty(); });
    review->reasons()->addReason(
        QStringLiteral("field:agent.mobile"), QStringLiteral("经办人手机号码无法接通，请核实后修改。"));
    review->reasons()->addReason(QStringLiteral("document:business_license"),
        QStringLiteral("营业执照扫描件公章不清晰，请重新扫描上传。"));
    shoot(&desk, out, QStringLiteral("review-documents"));
    notifier.answer = true;
    review->approve();
    waitFor([&] { return !review->queue()->contains(first.id); });

    desk.showTab(CounterDesk::PaymentsTab);
    waitFor([&] { return !desk.paymentsPage()->rows().isEmpty(); });
    shoot(&desk, out, QStringLiteral("transfers"));

    desk.showTab(CounterDesk::IssuanceTab);
    ui::IssuancePage* issuance = desk.issuancePage();
    waitFor([&] { return issuance->queue()->contains(first.id); });
    issuance->queue()->select(first.id);
    waitFor([&] { return issuance->picker()->selectToken(label); });
    shoot(&desk, out, QStringLiteral("issuance"));
    pins.pins = {QStringLiteral("12345678")};
    QSignalSpy programmed(issuance, &ui::IssuancePage::programmingFinished);
    issuance->program();
    waitFor([&] { return !programmed.isEmpty(); }, 180000);
    shoot(&desk, out, QStringLiteral("issuance-done"));

    desk.showTab(CounterDesk::ShipmentTab);
    ui::ShipmentPage* shipment = desk.shipmentPage();
    waitFor([&] { return shipment->queue()->contains(first.id); });
    QSignalSpy shipmentLoaded(shipment, &ui::ShipmentPage::applicationLoaded);
    shipment->queue()->select(first.id);
    waitFor([&] { return !shipmentLoaded.isEmpty(); });
    shipment->findChild<QLineEdit*>(QStringLiteral("trackingNumberEdit"))
        ->setText(QStringLiteral("SF1234567890123"));
    shoot(&desk, out, QStringLiteral("shipment"));
    shipment->printLabel();
    save(printer.lastPage, QStringLiteral("%1/counter-label.png").arg(out));

    // The PIN dialogs.
    ui::PinRequest request;
    request.tokenLabel = label;
    request.purpose = ui::IssuancePage::tr("The PIN of the NEW UKey, to write the certificates of order %1.")
                          .arg(first.orderNo);
    request.pin.countLow = true;
    {
        ui::PinDialog dialog(ui::PinDialog::Mode::Enter, request, &desk);
        dialog.show();
        QTest::qWait(150);
        save(dialog.grab().toImage(), QStringLiteral("%1/counter-pin.png").arg(out));
    }
    {
        request.pin = {};
        request.pin.minLength = 6;
        request.pin.maxLength = 16;
        request.purpose = ui::IssuancePage::tr(
            "This UKey still has its factory default PIN. Let the applicant type a PIN "
            "of their own now, so that nobody else can use the new certificates.");
        ui::PinDialog dialog(ui::PinDialog::Mode::ChangeFromKnown, request, &desk);
        dialog.show();
        QTest::qWait(150);
        save(dialog.grab().toImage(), QStringLiteral("%1/counter-pin-change.png").arg(out));
    }
    return 0;
}
