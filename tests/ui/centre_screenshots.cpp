// Renders every page of the application centre in zh_CN at the counter's 1366×768 and at 1920×1080 into an
// output folder (docs/screenshots/), against the real certdesk-server in sandbox mode. A tool, not a test:
//   centre_screenshots <output dir>
#include "CentreFixture.h"
#include "ScreenshotApp.h"
#include "TestEnvironment.h"
#include "centre/ApplicationCentre.h"
#include "centre/DocumentSlot.h"
#include "centre/DocumentsPage.h"
#include "centre/LivenessPage.h"
#include "centre/PaymentPage.h"
#include "domain/Translations.h"
#include "pki/Sm2Key.h"

#include <QApplication>
#include <QDir>
#include <QPushButton>
#include <QRadioButton>

using namespace certdesk;
using namespace certdesk::test;
using ui::ApplicationCentre;

namespace {

bool waitFor(const std::function<bool()>& condition, int ms = 30000)
{
    for (int i = 0; i < ms / 20 && !condition(); ++i)
        QTest::qWait(20);
    return condition();
}

class Shooter
{
public:
    explicit Shooter(QString dir)
        : m_dir(std::move(dir))
    { }
    void shoot(QWidget* w, const QString& name)
    {
        const QSize original = w->size();
        for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
            w->resize(size);
            QTest::qWait(120); // layouts and polished style sheets settle
            const QString path = QStringLiteral("%1/centre-%2-%3x%4.png")
                                     .arg(m_dir, name)
                                     .arg(size.width())
                                     .arg(size.height());
            if (!w->grab().save(path))
                fprintf(stderr, "cannot write %s\n", qPrintable(path));
            else
                printf("%s\n", qPrintable(path));
        }
        w->resize(original);
    }

private:
    QString m_dir;
};

std::unique_ptr<ApplicationCentre> open(CentreServer& s, const CreatedApp& app, ui::CentreServices services)
{
    auto centre = std::make_unique<ApplicationCentre>(s.applicant.get(), app.id, app.token, services);
    centre->setWindowTitle(QStringLiteral("CertDesk"));
    centre->resize(1366, 768);
    centre->show();
    waitFor([&] { return centre->session()->isLoaded(); });
    return centre;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        fprintf(stderr, "usage: centre_screenshots <output dir>\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(out);
    test::setUpScreenshotApp(app);

    CentreServer s;
    QString error;
    if (!s.start(&error)) {
        fprintf(stderr, "server: %s\n", qPrintable(error));
        return 1;
    }
    FakeFileChooser files;
    FakePrintService printer;
    FakeNotifier notifier;
    FakeScanSource scanner;
    const ui::CentreServices services = fakeServices(&files, &printer, &notifier, &scanner);
    Shooter shooter(out);
    QTemporaryDir tmp;

    // --- an institution from "just submitted" to "shipped" ---
    CreatedApp inst;
    if (!createApplication(s, CertificateCategory::Institution, &inst, &error, 6)) {
        fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    auto centre = open(s, inst, services);
    centre->showPage(ApplicationCentre::LetterTab);
    shooter.shoot(centre.get(), QStringLiteral("letter"));

    centre->showPage(ApplicationCentre::DocumentsTab);
    files.openAnswers = {writeFile(tmp, QStringLiteral("licence.jpg"), makeJpeg(QSize(1654, 2339), 4))};
    centre->documentsPage()->slotFor(DocumentKind::BusinessLicense)->chooseFile();
    waitFor([&] { return !centre->documentsPage()->isBusy(); });
    QByteArray exe("MZ\x90\x00", 4);
    exe += QByteArray(2048, 'x');
    files.openAnswers = {writeFile(tmp, QStringLiteral("id.jpg"), exe)};
    centre->documentsPage()->slotFor(DocumentKind::IdCard)->chooseFile();
    waitFor([&] { return !centre->documentsPage()->isBusy(); });
    shooter.shoot(centre.get(), QStringLiteral("documents"));

    for (DocumentKind kind : {DocumentKind::ApplicationForm, DocumentKind::ESealForm, DocumentKind::IdCard}) {
        files.openAnswers = {writeFile(
            tmp, QStringLiteral("d%1.jpg").arg(int(kind)), makeJpeg(QSize(1240, 1754), int(kind) + 7))};
        centre->documentsPage()->slotFor(kind)->chooseFile();
        waitFor([&] { return !centre->documentsPage()->isBusy(); });
    }
    waitFor([&] { return centre->session()->application().checklist.allDocumentsUploaded(); });
    centre->showPage(ApplicationCentre::LivenessTab);
    waitFor([&] { return centre->livenessPage()->state() == ui::LivenessPage::State::Waiting; });
    shooter.shoot(centre.get(), QStringLiteral("liveness"));
    const Person agent = inst.application.agent;
    (void)await(s.applicant->sandboxLiveness(
        centre->livenessPage()->sessionId(), agent.name, QStringLiteral("11010519491231002X"), true));
    waitFor([&] { return centre->livenessPage()->state() == ui::LivenessPage::State::Failed; });
    shooter.shoot(centre.get(), QStringLiteral("liveness-failed"));
    centre->livenessPage()->newCode();
    waitFor([&] { return centre->livenessPage()->state() == ui::LivenessPage::State::Waiting; });
    (void)await(
        s.applicant->sandboxLiveness(centre->livenessPage()->sessionId(), agent.name, agent.idNumber, true));
    waitFor([&] { return centre->livenessPage()->state() == ui::LivenessPage::State::Passed; });
    shooter.shoot(centre.get(), QStringLiteral("liveness-passed"));

    centre->showPage(ApplicationCentre::PaymentTab);
    waitFor([&] { return centre->paymentPage()->state() == ui::PaymentPage::State::Choosing; });
    shooter.shoot(centre.get(), QStringLiteral("payment"));
    centre->paymentPage()->pay();
    waitFor([&] { return centre->paymentPage()->state() == ui::PaymentPage::State::Waiting; });
    shooter.shoot(centre.get(), QStringLiteral("payment-wechat"));
    (void)await(s.applicant->sandboxCompletePayment(centre->paymentPage()->payment().paymentId));
    waitFor([&] { return centre->paymentPage()->invoice().has_value(); });
    shooter.shoot(centre.get(), QStringLiteral("payment-paid"));

    centre->showPage(ApplicationCentre::StatusTab);
    waitFor([&] { return centre->session()->application().status == ApplicationStatus::InReview; });
    shooter.shoot(centre.get(), QStringLiteral("status-in-review"));
    (void)await(s.reviewer->reject(inst.id,
        {{QStringLiteral("field:agent.mobile"), QStringLiteral("经办人手机号码无法接通,请核实后修改。")},
            {QStringLiteral("document:business_license"),
                QStringLiteral("营业执照扫描件公章不清晰，请重新扫描上传。")}}));
    centre->refresh();
    waitFor([&] { return centre->session()->application().status == ApplicationStatus::Rejected; });
    shooter.shoot(centre.get(), QStringLiteral("status-rejected"));
    centre->showDocument(DocumentKind::BusinessLicense);
    QTest::qWait(1700); // past the highlight flash: the steady rejection frame
    shooter.shoot(centre.get(), QStringLiteral("documents-rejected"));

    Application fixed = inst.application;
    fixed.agent.mobile = QStringLiteral("13800138066");
    (void)await(s.applicant->updateApplication(inst.id, inst.token, fixed));
    (void)await(s.applicant->uploadDocument(inst.id, inst.token, DocumentKind::BusinessLicense,
        makeJpeg(QSize(800, 1100), 21), QStringLiteral("image/jpeg")));
    (void)await(s.applicant->resubmit(inst.id, inst.token));
    (void)await(s.reviewer->approve(inst.id));
    if (auto transport = pki::Sm2Key::generate()) {
        auto issuance = await(s.counter->issue(inst.id, transport->subjectPublicKeyInfo(), {}));
        if (issuance.ok()) {
            (void)await(s.counter->confirmIssuance(
                inst.id, issuance->issuanceId, QStringLiteral("T-1"), QStringLiteral("CertDesk")));
            (void)await(s.counter->recordShipment(
                inst.id, QStringLiteral("顺丰速运"), QStringLiteral("SF1234567890123")));
        }
    }
    centre->refresh();
    waitFor([&] { return centre->session()->application().status == ApplicationStatus::Shipped; });
    centre->showPage(ApplicationCentre::StatusTab);
    shooter.shoot(centre.get(), QStringLiteral("status-shipped"));
    centre.reset();

    // --- corporate transfer (institution) ---
    CreatedApp transfer;
    if (createApplication(s, CertificateCategory::Institution, &transfer, &error, 7)
        && prepareForPayment(s, transfer, &error)) {
        auto c = open(s, transfer, services);
        c->showPage(ApplicationCentre::PaymentTab);
        waitFor([&] { return c->paymentPage()->state() == ui::PaymentPage::State::Choosing; });
        c->findChild<QRadioButton*>(QStringLiteral("payTransfer"))->click();
        c->paymentPage()->pay();
        waitFor([&] { return c->paymentPage()->state() == ui::PaymentPage::State::Waiting; });
        shooter.shoot(c.get(), QStringLiteral("payment-transfer"));
    }

    // --- natural person, and the kiosk (scanner only) ---
    CreatedApp person;
    if (createApplication(s, CertificateCategory::NaturalPerson, &person, &error, 8)) {
        auto c = open(s, person, fakeServices(nullptr, &printer, &notifier, &scanner, true));
        c->showPage(ApplicationCentre::LetterTab);
        shooter.shoot(c.get(), QStringLiteral("natural-person-letter"));
        c->showPage(ApplicationCentre::DocumentsTab);
        shooter.shoot(c.get(), QStringLiteral("kiosk-documents"));
    }
    return 0;
}
