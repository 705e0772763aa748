// Renders 个人中心 (the home page with its button, the sign-in with the resend countdown, the list of the
// number's applications) in zh_CN at 1366×768 and 1920×1080 into an output folder (docs/screenshots/),
// against the real certdesk-server in sandbox mode. A tool, not a test:
//   applicant_screenshots <output dir>
#include "CentreFixture.h"
#include "HomePage.h"
#include "MainWindow.h"
#include "ScreenshotApp.h"
#include "TestEnvironment.h"
#include "applicant/ApplicantCentrePage.h"
#include "counter/CounterDesk.h"
#include "storage/LocalStore.h"
#include "walkin/WalkInPage.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>

using namespace certdesk;
using namespace certdesk::test;

namespace {

bool waitFor(const std::function<bool()>& condition, int ms = 30000)
{
    for (int i = 0; i < ms / 20 && !condition(); ++i)
        QTest::qWait(20);
    return condition();
}

void shoot(QWidget* w, const QString& dir, const QString& name)
{
    for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
        w->resize(size);
        QTest::qWait(120);
        const QString path
            = QStringLiteral("%1/applicant-%2-%3x%4.png").arg(dir, name).arg(size.width()).arg(size.height());
        if (!w->grab().save(path))
            fprintf(stderr, "cannot write %s\n", qPrintable(path));
        else
            printf("%s\n", qPrintable(path));
    }
    w->resize(1366, 768);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        fprintf(stderr, "usage: applicant_screenshots <output dir>\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(out);
    setUpScreenshotApp(app);

    CentreServer s;
    QString error;
    if (!s.start(&error)) {
        fprintf(stderr, "server: %s\n", qPrintable(error));
        return 1;
    }
    CreatedApp first;
    CreatedApp second;
    if (!createApplication(s, CertificateCategory::Institution, &first, &error, 7)
        || !createApplication(s, CertificateCategory::NaturalPerson, &second, &error, 8)) {
        fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const QString mobile = first.application.agent.mobile;

    ui::AppMode mode;
    mode.sandbox = true;
    mode.serverUrl = s.server.baseUrl().toString();
    QTemporaryDir dataDir;
    LocalStore store(dataDir.filePath(QStringLiteral("certdesk.sqlite")));
    ui::MainWindow window(mode, &store);
    window.setWindowTitle(QStringLiteral("CertDesk"));
    window.resize(1366, 768);
    window.show();
    shoot(&window, out, QStringLiteral("home"));

    window.homePage()->findChild<QPushButton*>(QStringLiteral("applicantCentreButton"))->click();
    ui::ApplicantCentrePage* page = window.applicantCentre();
    page->findChild<QLineEdit*>(QStringLiteral("applicantMobileEdit"))->setText(mobile);
    page->findChild<QPushButton*>(QStringLiteral("applicantSendCodeButton"))->click();
    waitFor([&] { return page->resendRemaining() > 0; });
    auto outbox = await(s.applicant->sandboxOutbox());
    QString code;
    for (const api::OutboxMessage& m : outbox.value()) {
        const auto match = QRegularExpression(QStringLiteral("\\b(\\d{6})\\b")).match(m.body);
        if (m.to == mobile && match.hasMatch())
            code = match.captured(1);
    }
    page->findChild<QLineEdit*>(QStringLiteral("applicantCodeEdit"))->setText(code);
    shoot(&window, out, QStringLiteral("signin"));
    page->findChild<QPushButton*>(QStringLiteral("applicantSignInButton"))->click();
    waitFor([&] { return page->isSignedIn() && !page->isBusy(); });
    shoot(&window, out, QStringLiteral("list"));
    page->signOut();

    // The counter's walk-in tab: found by order number, ready to send the code.
    ui::AppMode counterMode = mode;
    counterMode.counter = true;
    QTemporaryDir counterDir;
    LocalStore counterStore(counterDir.filePath(QStringLiteral("certdesk.sqlite")));
    ui::MainWindow counter(counterMode, &counterStore);
    counter.setWindowTitle(QStringLiteral("CertDesk"));
    counter.resize(1366, 768);
    counter.show();
    ui::CounterDesk* desk = counter.counterDesk();
    desk->findChild<QLineEdit*>(QStringLiteral("staffUsernameEdit"))->setText(QStringLiteral("counter"));
    desk->findChild<QLineEdit*>(QStringLiteral("staffPasswordEdit"))
        ->setText(QStringLiteral("sandbox-counter"));
    desk->findChild<QPushButton*>(QStringLiteral("staffLoginButton"))->click();
    waitFor([&] { return !desk->isShowingLogin(); });
    desk->showTab(ui::CounterDesk::WalkInTab);
    desk->walkInPage()->findChild<QLineEdit*>(QStringLiteral("walkInQueryEdit"))->setText(mobile);
    desk->walkInPage()->search();
    waitFor([&] { return desk->walkInPage()->resultCount() > 0 && !desk->walkInPage()->isBusy(); });
    shoot(&counter, out, QStringLiteral("counter-walkin"));
    return 0;
}
