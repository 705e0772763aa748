// Kiosk screenshots on a real X server without a window manager: the kiosk window as `certdesk --kiosk`
// shows it (applyKioskLook, showKiosk), driven through the form with the touch keyboard and the test ID
// card reader, each step captured from the root window with ImageMagick's `import -window root` (what is
// really on the screen, not a widget grab). A tool, not a test; scripts/kiosk-screenshots runs it on Xvfb
// at 1920×1080 and 1080×1920:
//   kiosk_screenshots <output dir> <suffix>
#include "MainWindow.h"
#include "ServerProcess.h"
#include "api/ApiClient.h"
#include "kiosk/KioskLook.h"
#include "kiosk/KioskSession.h"
#include "kiosk/OnScreenKeyboard.h"
#include "storage/LocalStore.h"
#include "widgets/IdCardButton.h"
#include "wizard/ApplicationWizard.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include "ScreenshotApp.h"
#include "TestIdCard.h"
#include "TypeText.h"

using namespace certdesk;
using ui::ApplicationWizard;

namespace {

bool waitFor(const std::function<bool()>& condition, int ms = 30000)
{
    for (int i = 0; i < ms / 50 && !condition(); ++i)
        QTest::qWait(50);
    return condition();
}

void type(QWidget* root, const char* name, const QString& text)
{
    auto* e = root->findChild<QLineEdit*>(QLatin1String(name));
    e->setFocus();
    e->selectAll();
    QTest::keyClick(e, Qt::Key_Backspace);
    test::typeText(e, text);
    Q_EMIT e->editingFinished();
}

void pick(QWidget* root, const char* combo, const QString& code)
{
    auto* box = root->findChild<QComboBox*>(QLatin1String(combo));
    const int i = box->findData(code);
    box->setCurrentIndex(i);
    Q_EMIT box->activated(i);
}

void touch(QWidget* keyboard, const QString& key)
{
    if (auto* b = keyboard->findChild<QPushButton*>(QStringLiteral("oskKey_") + key))
        QTest::mouseClick(b, Qt::LeftButton);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc < 3) {
        fprintf(stderr, "usage: kiosk_screenshots <output dir> <suffix>\n");
        return 2;
    }
    test::setUpScreenshotApp(app);
    ui::applyKioskLook(app);
    const QString out = QString::fromLocal8Bit(argv[1]);
    const QString suffix = QString::fromLocal8Bit(argv[2]);
    QDir().mkpath(out);

    QTemporaryDir dir;
    qputenv("CERTDESK_RIME_USER_DIR", dir.filePath(QStringLiteral("rime")).toLocal8Bit());
    const QString card = dir.filePath(QStringLiteral("card.bin"));
    qputenv("CERTDESK_IDCARD_LIBRARY", CERTDESK_TEST_IDCARD_READER);
    qputenv("CERTDESK_TEST_IDCARD_FILE", card.toLocal8Bit());
    test::ServerProcess server;
    if (!server.start()) {
        fprintf(stderr, "certdesk-server: %s\n", qPrintable(server.errorString()));
        return 3;
    }
    api::ApiClientOptions options;
    options.baseUrl = server.baseUrl();
    api::ApiClient client(options);
    auto* mint
        = client.sandboxMintLegacy(CertificateCategory::Institution, QStringLiteral("深圳市示例科技有限公司"),
            QStringLiteral("91440300708461136T"), QDateTime::currentDateTimeUtc().addDays(30));
    mint->waitForFinished();
    const QString serial = mint->result().value().serial;

    LocalStore store(dir.filePath(QStringLiteral("store.sqlite")));
    ui::AppMode mode;
    mode.kiosk = true;
    mode.sandbox = true;
    mode.serverUrl = server.baseUrl().toString();
    ui::MainWindow window(mode, &store);
    window.showKiosk();
    (void)QTest::qWaitForWindowExposed(&window);
    ui::OnScreenKeyboard* keyboard = window.onScreenKeyboard();
    waitFor([&] { return keyboard->hasPinyin(); });
    int n = 0;
    const auto shot = [&](const QString& name) {
        QTest::qWait(400);
        const QString file = QStringLiteral("%1/kiosk-%2-%3-%4.png")
                                 .arg(out)
                                 .arg(++n, 2, 10, QLatin1Char('0'))
                                 .arg(name, suffix);
        QProcess::execute(
            QStringLiteral("import"), {QStringLiteral("-window"), QStringLiteral("root"), file});
    };

    shot(QStringLiteral("home"));
    window.findChild<QPushButton*>(QStringLiteral("newApplicationButton"))->click();
    ApplicationWizard* w = window.wizard();
    (void)QTest::qWaitFor(
        [w] { return w->findChild<QCheckBox*>(QStringLiteral("acknowledgeAgreement"))->isEnabled(); }, 15000);
    w->findChild<QCheckBox*>(QStringLiteral("acknowledgeAgreement"))->click();
    w->findChild<QCheckBox*>(QStringLiteral("acknowledgeRevocation"))->click();
    shot(QStringLiteral("agreement"));
    w->next();
    type(w, "edit_serial", serial);
    w->findChild<QPushButton*>(QStringLiteral("lookupButton"))->click();
    waitFor([&] { return w->application().oldCertificate.has_value(); });
    shot(QStringLiteral("lookup-keyboard"));
    w->next();
    w->next();
    type(w, "edit_organization_name", QStringLiteral("深圳市示例科技有限公司"));
    type(w, "edit_organization_credential_number", QStringLiteral("91440300708461136T"));
    type(w, "edit_organization_address", QStringLiteral("深圳市南山区科技园一路1号"));
    auto* name = w->findChild<QLineEdit*>(QStringLiteral("edit_agent_name"));
    name->setFocus();
    waitFor([&] { return keyboard->target() == name; });
    for (const char* k : {"z", "h", "a", "n", "g"})
        touch(keyboard, QLatin1String(k));
    shot(QStringLiteral("pinyin-candidates"));
    QTest::mouseClick(keyboard->findChild<QPushButton*>(QStringLiteral("oskCandidate_0")), Qt::LeftButton);
    for (const char* k : {"s", "a", "n"})
        touch(keyboard, QLatin1String(k));
    for (int i = 0; i < 6; ++i) {
        auto* c = keyboard->findChild<QPushButton*>(QStringLiteral("oskCandidate_%1").arg(i));
        if (c->text() == QStringLiteral("三")) {
            QTest::mouseClick(c, Qt::LeftButton);
            break;
        }
    }
    auto* idCard = w->findChild<ui::IdCardButton*>(QStringLiteral("idCard_agent"));
    idCard->read(); // no card on the reader yet
    waitFor([&] { return !idCard->isBusy(); });
    shot(QStringLiteral("idcard-no-card"));
    test::TestIdCard testCard;
    testCard.name = QStringLiteral("张三");
    QFile f(card);
    if (f.open(QIODevice::WriteOnly))
        f.write(testCard.baseMessage());
    f.close();
    idCard->read();
    waitFor([&] { return !idCard->isBusy(); });
    auto* mobile = w->findChild<QLineEdit*>(QStringLiteral("edit_agent_mobile"));
    mobile->setFocus();
    waitFor([&] { return keyboard->target() == mobile; });
    for (QChar c : QStringLiteral("13800138000"))
        touch(keyboard, QString(c));
    shot(QStringLiteral("idcard-read-digits"));
    type(w, "edit_agent_email", QStringLiteral("zhangsan@example.com"));
    w->next();
    type(w, "edit_bank_account_name", QStringLiteral("深圳市示例科技有限公司"));
    type(w, "edit_bank_account_number", QStringLiteral("4000023009200123456"));
    auto* bank = w->findChild<QLineEdit*>(QStringLiteral("edit_bank_bank_code"));
    bank->setFocus();
    test::typeText(bank, QStringLiteral("工商"));
    waitFor([&] { return bank->completer()->completionModel()->rowCount() > 0; });
    Q_EMIT bank->completer()->activated(bank->completer()->completionModel()->index(0, 0));
    bank->completer()->popup()->hide();
    w->next();
    window.setFocus(); // no text field: the keyboard goes away
    pick(w, "combo_mailing_province_code", QStringLiteral("440000"));
    pick(w, "combo_mailing_city_code", QStringLiteral("440300"));
    pick(w, "combo_mailing_county_code", QStringLiteral("440305"));
    w->findChild<QComboBox*>(QStringLiteral("combo_mailing_county_code"))->setFocus();
    shot(QStringLiteral("mailing"));

    // The idle countdown of the last 20 seconds.
    qint64 now = 0;
    window.kioskSession()->setClock([&now] { return now; });
    now = 105'000;
    window.kioskSession()->tick();
    shot(QStringLiteral("idle-countdown"));
    window.allowClose();
    return 0;
}
