// Renders every page of the application wizard (and the home page) in zh_CN at the counter's 1366×768 and at
// 1920×1080 into docs/screenshots/, against a real certdesk-server in sandbox mode. A tool, not a test:
//   wizard_screenshots <certdesk-server> <output dir>
#include "MainWindow.h"
#include "api/ApiClient.h"
#include "domain/Translations.h"
#include "storage/LocalStore.h"
#include "wizard/ApplicationWizard.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QLineEdit>
#include <QPainter>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "ScreenshotApp.h"
#include "TypeText.h"

using namespace certdesk;
using ui::ApplicationWizard;

namespace {

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

bool waitFor(const std::function<bool()>& condition)
{
    for (int i = 0; i < 300 && !condition(); ++i)
        QTest::qWait(50);
    return condition();
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc < 3) {
        fprintf(stderr, "usage: wizard_screenshots <certdesk-server> <output dir>\n");
        return 2;
    }
    test::setUpScreenshotApp(app);

    QTemporaryDir dir;
    QProcess server;
    server.start(QString::fromLocal8Bit(argv[1]),
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"),
            dir.filePath(QStringLiteral("srv")), QStringLiteral("--sandbox")});
    QString port;
    if (!waitFor([&] {
            server.waitForReadyRead(50);
            const auto m = QRegularExpression(QStringLiteral("listening on 127.0.0.1:(\\d+)"))
                               .match(QString::fromLatin1(server.peek(4096)));
            port = m.captured(1);
            return !port.isEmpty();
        }))
        return 3;
    const QString url = QStringLiteral("http://127.0.0.1:") + port;
    api::ApiClientOptions options;
    options.baseUrl = QUrl(url);
    api::ApiClient client(options);
    auto* mint
        = client.sandboxMintLegacy(CertificateCategory::Institution, QStringLiteral("深圳市示例科技有限公司"),
            QStringLiteral("91440300708461136T"), QDateTime::currentDateTimeUtc().addDays(30));
    mint->waitForFinished();
    const QString serial = mint->result().value().serial;

    const QString out = QString::fromLocal8Bit(argv[2]);
    QDir().mkpath(out);
    for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
        LocalStore store(dir.filePath(QStringLiteral("store-%1.sqlite").arg(size.width())));
        ui::AppMode mode;
        mode.sandbox = true;
        mode.serverUrl = url;
        ui::MainWindow window(mode, &store);
        window.resize(size);
        window.show();
        // `popup`: a pop-up window open over the page (a completer's list), painted just below `anchor`,
        // where a real screen shows it (the offscreen screen is too small to place it there itself).
        const auto shot = [&](const QString& name, QWidget* popup = nullptr, QWidget* anchor = nullptr) {
            QTest::qWait(100);
            QPixmap picture = window.grab();
            if (popup && anchor && popup->isVisible()) {
                popup->resize(anchor->width(), popup->height()); // as wide as the field, as on a real screen
                QTest::qWait(50);
                QPainter painter(&picture);
                painter.drawPixmap(anchor->mapTo(&window, QPoint(0, anchor->height())), popup->grab());
            }
            picture.save(
                QStringLiteral("%1/%2-%3x%4.png").arg(out, name).arg(size.width()).arg(size.height()));
        };
        shot(QStringLiteral("01-home"));
        window.findChild<QPushButton*>(QStringLiteral("newApplicationButton"))->click();
        ApplicationWizard* w = window.wizard();
        (void)QTest::qWaitFor(
            [w] { return w->findChild<QCheckBox*>(QStringLiteral("acknowledgeAgreement"))->isEnabled(); },
            15000);
        w->findChild<QCheckBox*>(QStringLiteral("acknowledgeAgreement"))->click();
        w->findChild<QCheckBox*>(QStringLiteral("acknowledgeRevocation"))->click();
        shot(QStringLiteral("03-agreement"));
        w->next();
        type(w, "edit_serial", serial);
        w->findChild<QPushButton*>(QStringLiteral("lookupButton"))->click();
        waitFor([&] { return w->application().oldCertificate.has_value(); });
        shot(QStringLiteral("04-lookup"));
        w->next();
        shot(QStringLiteral("05-years"));
        w->next();
        type(w, "edit_organization_name", QStringLiteral("深圳市示例科技有限公司"));
        type(w, "edit_organization_credential_number", QStringLiteral("91440300708461136T"));
        type(w, "edit_organization_address", QStringLiteral("深圳市南山区科技园一路1号"));
        type(w, "edit_agent_name", QStringLiteral("张三"));
        type(w, "edit_agent_id_number", QStringLiteral("110105194912310021"));
        type(w, "edit_agent_mobile", QStringLiteral("13800138000"));
        type(w, "edit_agent_email", QStringLiteral("zhangsan@example"));
        shot(QStringLiteral("06-organization-errors"));
        type(w, "edit_agent_id_number", QStringLiteral("11010519491231002X"));
        type(w, "edit_agent_email", QStringLiteral("zhangsan@example.com"));
        w->next();
        type(w, "edit_bank_account_name", QStringLiteral("深圳市示例科技有限公司"));
        type(w, "edit_bank_account_number", QStringLiteral("4000023009200123456"));
        auto* bank = w->findChild<QLineEdit*>(QStringLiteral("edit_bank_bank_code"));
        bank->setFocus();
        test::typeText(bank, QStringLiteral("工商"));
        waitFor([&] { return bank->completer()->completionModel()->rowCount() > 0; });
        shot(QStringLiteral("07-bank-search"), bank->completer()->popup(), bank);
        Q_EMIT bank->completer()->activated(bank->completer()->completionModel()->index(1, 0));
        bank->completer()->popup()->hide();
        w->next();
        pick(w, "combo_mailing_province_code", QStringLiteral("440000"));
        pick(w, "combo_mailing_city_code", QStringLiteral("440300"));
        pick(w, "combo_mailing_county_code", QStringLiteral("440305"));
        type(w, "edit_mailing_address", QStringLiteral("科技园一路1号"));
        shot(QStringLiteral("08-mailing"));
        w->next();
        w->findChild<QAbstractButton*>(QStringLiteral("invoice_electronic"))->click();
        shot(QStringLiteral("09-invoice"));
        w->next();
        shot(QStringLiteral("10-review"));
        w->findChild<QPushButton*>(QStringLiteral("submitButton"))->click();
        waitFor([&] { return !w->application().id.isEmpty(); });
        shot(QStringLiteral("11-submitted"));
    }
    server.kill();
    server.waitForFinished();
    return 0;
}
