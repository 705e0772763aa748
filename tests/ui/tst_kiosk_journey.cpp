// The kiosk for real, against the real certdesk-server (sandbox): the window covers the screen and cannot be
// closed by the applicant; the agent's name is typed on the touch keyboard in pinyin (z-h-a-n-g, candidate
// 张; s-a-n, candidate 三), the ID number comes from the test ID card reader
// (tests/support/idcard-testreader), the mobile and e-mail are typed on the keyboard's digit and Latin
// layouts, and the form is submitted; the service holds what was typed and read. Also: the messages for no
// reader and no card, and that the card's photo is never stored.
#include "FindWidget.h"
#include "MainWindow.h"
#include "ServerProcess.h"
#include "TestEnvironment.h"
#include "api/ApiClient.h"
#include "domain/RegionModel.h"
#include "idcard/IdCardError.h"
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
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>

#include "TestIdCard.h"
#include "TypeText.h"

using namespace certdesk;
using test::findWidget;
using ui::ApplicationWizard;
using ui::OnScreenKeyboard;

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

// Every visible button, input and combo box under `root` is a touch target of at least 48 px.
void checkTouchTargets(QWidget* root)
{
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (!w->isVisible() || w->objectName().startsWith(QLatin1String("qt_")))
            continue;
        if (!(qobject_cast<QAbstractButton*>(w) || qobject_cast<QLineEdit*>(w)
                || qobject_cast<QComboBox*>(w)))
            continue;
        QVERIFY2(w->height() >= 48, qPrintable(w->objectName() + QStringLiteral(": %1 px").arg(w->height())));
    }
}

// Touches the on-screen key `name` (oskKey_z, oskCandidate_0, oskBackspace, ...).
void touch(OnScreenKeyboard* keyboard, const QString& name)
{
    auto* key = findWidget<QPushButton>(keyboard, name);
    QVERIFY2(key->isVisible() && key->isEnabled(), qPrintable(name));
    QTest::mouseClick(key, Qt::LeftButton);
}

void touchKeys(OnScreenKeyboard* keyboard, const QString& keys)
{
    for (QChar c : keys) {
        QString name;
        if (c == QLatin1Char('@'))
            name = QStringLiteral("at");
        else if (c == QLatin1Char('.'))
            name = QStringLiteral("dot");
        else
            name = QString(c);
        touch(keyboard, QStringLiteral("oskKey_") + name);
    }
}

// Touches the candidate `text` on the current candidate page.
bool touchCandidate(OnScreenKeyboard* keyboard, const QString& text)
{
    for (int i = 0; i < 6; ++i) {
        auto* c = findWidget<QPushButton>(keyboard, QStringLiteral("oskCandidate_%1").arg(i));
        if (c->isVisible() && c->isEnabled() && c->text() == text) {
            QTest::mouseClick(c, Qt::LeftButton);
            return true;
        }
    }
    return false;
}

} // namespace

class TestKioskJourney : public QObject
{
    Q_OBJECT
private:
    test::ServerProcess m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<api::ApiClient> m_api;
    QString m_card;

    bool insertCard(const test::TestIdCard& card, const QByteArray& photo)
    {
        QFile f(m_card);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate)
            && f.write(card.baseMessage() + photo) == card.baseMessage().size() + photo.size();
    }

    QString mintSerial()
    {
        auto* reply = m_api->sandboxMintLegacy(CertificateCategory::Institution,
            QStringLiteral("深圳市示例科技有限公司"), QStringLiteral("91440300708461136T"),
            QDateTime::currentDateTimeUtc().addDays(30));
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
        m_card = m_dir.filePath(QStringLiteral("card.bin"));
        qputenv("CERTDESK_IDCARD_LIBRARY", CERTDESK_TEST_IDCARD_READER);
        // As in the product: the reader library runs in the certdesk-idcard helper process.
        qputenv("CERTDESK_IDCARD_HELPER", CERTDESK_IDCARD_HELPER_EXECUTABLE);
        qputenv("CERTDESK_TEST_IDCARD_FILE", m_card.toLocal8Bit());
        qputenv("CERTDESK_RIME_USER_DIR", m_dir.filePath(QStringLiteral("rime")).toLocal8Bit());
        ui::applyKioskLook(*qApp);
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        api::ApiClientOptions options;
        options.baseUrl = m_server.baseUrl();
        m_api = std::make_unique<api::ApiClient>(options);
    }

    void coversTheScreenAndCannotBeClosed()
    {
        LocalStore store(m_dir.filePath(QStringLiteral("screen.sqlite")));
        ui::AppMode mode;
        mode.kiosk = true;
        mode.serverUrl = m_server.baseUrl().toString();
        ui::MainWindow window(mode, &store);
        window.showKiosk();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.geometry(), window.screen()->geometry());
        QVERIFY(window.windowFlags().testFlag(Qt::FramelessWindowHint));
        QVERIFY(window.windowFlags().testFlag(Qt::WindowStaysOnTopHint));
        // Alt+F4, a window manager's close button: refused.
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
        // The idle clock is always there, not only in the last seconds.
        auto* clock = findWidget<QLabel>(&window, QStringLiteral("kioskIdleClock"));
        QVERIFY(clock->isVisible());
        QVERIFY2(clock->text().contains(QStringLiteral("2:00")), qPrintable(clock->text()));
        // Touch targets: every visible button and input at least 48 px high.
        checkTouchTargets(&window);
        window.allowClose();
        QVERIFY(window.close());
    }

    void pinyinNameIdCardAndSubmit()
    {
        const QString serial = mintSerial();
        const QString storePath = m_dir.filePath(QStringLiteral("kiosk.sqlite"));
        LocalStore store(storePath);
        ui::AppMode mode;
        mode.kiosk = true;
        mode.sandbox = true;
        mode.serverUrl = m_server.baseUrl().toString();
        ui::MainWindow window(mode, &store);
        window.showKiosk();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        OnScreenKeyboard* keyboard = window.onScreenKeyboard();
        QVERIFY(keyboard);
        QTRY_VERIFY_WITH_TIMEOUT(keyboard->hasPinyin(), 60000);
        QVERIFY(!keyboard->isVisible()); // no text field has the focus yet

        findWidget<QPushButton>(&window, QStringLiteral("newApplicationButton"))->click();
        ApplicationWizard* w = window.wizard();
        QVERIFY(w);
        QTRY_VERIFY_WITH_TIMEOUT(
            findWidget<QCheckBox>(w, QStringLiteral("acknowledgeAgreement"))->isEnabled(), 15000);
        findWidget<QCheckBox>(w, QStringLiteral("acknowledgeAgreement"))->click();
        findWidget<QCheckBox>(w, QStringLiteral("acknowledgeRevocation"))->click();
        w->next();
        auto* serialEdit = findWidget<QLineEdit>(w, QStringLiteral("edit_serial"));
        serialEdit->setFocus();
        QTRY_VERIFY(keyboard->isVisible());
        QCOMPARE(keyboard->currentLayout(), OnScreenKeyboard::Layout::Latin);
        type(w, QStringLiteral("edit_serial"), serial);
        findWidget<QPushButton>(w, QStringLiteral("lookupButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(w->button(QWizard::NextButton)->isEnabled(), 15000);
        w->next();
        w->next();
        QCOMPARE(w->currentId(), int(ApplicationWizard::OrganizationPage));
        type(w, QStringLiteral("edit_organization_name"), QStringLiteral("深圳市示例科技有限公司"));
        type(w, QStringLiteral("edit_organization_credential_number"), QStringLiteral("91440300708461136T"));
        type(w, QStringLiteral("edit_organization_address"), QStringLiteral("深圳市南山区科技园一路1号"));

        // 姓名 in pinyin on the touch keyboard.
        auto* name = findWidget<QLineEdit>(w, QStringLiteral("edit_agent_name"));
        name->setFocus();
        QTRY_COMPARE(keyboard->target(), name);
        QVERIFY(keyboard->isVisible());
        QCOMPARE(keyboard->currentLayout(), OnScreenKeyboard::Layout::Pinyin);
        touchKeys(keyboard, QStringLiteral("zhang"));
        QCOMPARE(findWidget<QLabel>(keyboard, QStringLiteral("oskPreedit"))->text(), QStringLiteral("zhang"));
        QCOMPARE(name->text(), QString()); // composing: nothing committed yet
        QVERIFY(touchCandidate(keyboard, QStringLiteral("张")));
        QCOMPARE(name->text(), QStringLiteral("张"));
        touchKeys(keyboard, QStringLiteral("san"));
        QVERIFY(touchCandidate(keyboard, QStringLiteral("三")));
        QCOMPARE(name->text(), QStringLiteral("张三"));
        QCOMPARE(w->application().agent.name, QStringLiteral("张三")); // saved like typed text
        checkTouchTargets(&window); // the form, the wizard's buttons and the keyboard
        if (QTest::currentTestFailed())
            return;

        // The ID card: first none on the reader, then the agent's card.
        auto* idCard = findWidget<ui::IdCardButton>(w, QStringLiteral("idCard_agent"));
        auto* idStatus = findWidget<QLabel>(w, QStringLiteral("idCardStatus_agent"));
        QFile::remove(m_card);
        touch(keyboard, QStringLiteral("oskKey_a")); // keys never steal the focus...
        QCOMPARE(QApplication::focusWidget(), name);
        touch(keyboard, QStringLiteral("oskBackspace")); // ...and Delete removes the letter being composed
        QCOMPARE(name->text(), QStringLiteral("张三"));
        QTest::mouseClick(idCard->button(), Qt::LeftButton);
        QTRY_VERIFY(!idCard->isBusy());
        QCOMPARE(idStatus->text(), idcard::idCardStatusMessage(idcard::IdCardStatus::NoCard));
        QVERIFY(w->application().agent.idNumber.isEmpty());

        test::TestIdCard card;
        card.name = QStringLiteral("张三");
        card.idNumber = QStringLiteral("11010519491231002X");
        const QByteArray photo = QByteArray("WLT-PHOTO-MARKER-").repeated(60);
        QVERIFY(insertCard(card, photo));
        QTest::mouseClick(idCard->button(), Qt::LeftButton);
        QTRY_VERIFY(!idCard->isBusy());
        QVERIFY2(!idStatus->text().contains(QStringLiteral("not")), qPrintable(idStatus->text()));
        QCOMPARE(findWidget<QLineEdit>(w, QStringLiteral("edit_agent_id_number"))->text(), card.idNumber);
        QCOMPARE(w->application().agent.idNumber, card.idNumber);
        QCOMPARE(w->application().agent.name, QStringLiteral("张三"));

        // Mobile on the digit layout, e-mail on the Latin one.
        auto* mobile = findWidget<QLineEdit>(w, QStringLiteral("edit_agent_mobile"));
        mobile->setFocus();
        QTRY_COMPARE(keyboard->target(), mobile);
        QCOMPARE(keyboard->currentLayout(), OnScreenKeyboard::Layout::Digits);
        QVERIFY(!findWidget<QPushButton>(keyboard, QStringLiteral("oskKey_a"))->isVisible());
        touchKeys(keyboard, QStringLiteral("13800138000"));
        QCOMPARE(mobile->text(), QStringLiteral("13800138000"));
        auto* idEdit = findWidget<QLineEdit>(w, QStringLiteral("edit_agent_id_number"));
        idEdit->setFocus();
        QTRY_COMPARE(keyboard->currentLayout(), OnScreenKeyboard::Layout::IdNumber);
        QVERIFY(findWidget<QPushButton>(keyboard, QStringLiteral("oskKey_X"))->isVisible());
        auto* email = findWidget<QLineEdit>(w, QStringLiteral("edit_agent_email"));
        email->setFocus();
        QTRY_COMPARE(keyboard->currentLayout(), OnScreenKeyboard::Layout::Latin);
        touchKeys(keyboard, QStringLiteral("zhangsan@example.com"));
        QCOMPARE(email->text(), QStringLiteral("zhangsan@example.com"));
        QVERIFY(w->button(QWizard::NextButton)->isEnabled());
        // Enter on the touch keyboard is Return in the field: the wizard goes on, as with a real keyboard.
        touch(keyboard, QStringLiteral("oskEnter"));

        QCOMPARE(w->currentId(), int(ApplicationWizard::BankPage));
        type(w, QStringLiteral("edit_bank_account_name"), QStringLiteral("深圳市示例科技有限公司"));
        type(w, QStringLiteral("edit_bank_account_number"), QStringLiteral("4000023009200123456"));
        auto* bank = findWidget<QLineEdit>(w, QStringLiteral("edit_bank_bank_code"));
        bank->setFocus();
        test::typeText(bank, QStringLiteral("工商"));
        QCompleter* completer = bank->completer();
        QTRY_VERIFY_WITH_TIMEOUT(completer->completionModel()->rowCount() > 0, 15000);
        Q_EMIT completer->activated(completer->completionModel()->index(0, 0));
        completer->popup()->hide();
        w->next();
        selectCode(w, QStringLiteral("combo_mailing_province_code"), QStringLiteral("440000"));
        selectCode(w, QStringLiteral("combo_mailing_city_code"), QStringLiteral("440300"));
        selectCode(w, QStringLiteral("combo_mailing_county_code"), QStringLiteral("440305"));
        type(w, QStringLiteral("edit_mailing_address"), QStringLiteral("科技园一路1号"));
        w->next();
        findWidget<QAbstractButton>(w, QStringLiteral("invoice_electronic"))->click();
        w->next();
        QCOMPARE(w->currentId(), int(ApplicationWizard::ReviewPage));
        findWidget<QPushButton>(w, QStringLiteral("submitButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!w->application().id.isEmpty(), 15000);

        // The service holds the name typed in pinyin and the number read from the card.
        auto* get = m_api->getApplication(w->application().id, w->accessToken());
        QVERIFY(get->waitForFinished());
        const auto fetched = get->result();
        get->deleteLater();
        QVERIFY(fetched.ok());
        QCOMPARE(fetched.value().agent.name, QStringLiteral("张三"));
        QCOMPARE(fetched.value().agent.idNumber, QStringLiteral("11010519491231002X"));
        QCOMPARE(fetched.value().agent.mobile, QStringLiteral("13800138000"));
        QCOMPARE(fetched.value().agent.email, QStringLiteral("zhangsan@example.com"));

        // The photo went nowhere: not in the local store, not in its journal.
        for (const QString& file : QStringList {storePath, storePath + QStringLiteral("-wal")}) {
            QFile f(file);
            if (f.open(QIODevice::ReadOnly))
                QVERIFY2(!f.readAll().contains("WLT-PHOTO-MARKER"), qPrintable(file));
        }
        window.allowClose();
    }

    void noReader()
    {
        qunsetenv("CERTDESK_TEST_IDCARD_FILE");
        ui::IdCardButton button(QStringLiteral("Agent"), QStringLiteral("agent"));
        ui::ApplicationWizard wizard(nullptr, RegionModel::builtin(), nullptr);
        button.setReader(wizard.idCardReader());
        button.read();
        QTRY_VERIFY(!button.isBusy());
        QCOMPARE(button.statusLabel()->text(), idcard::idCardStatusMessage(idcard::IdCardStatus::NoReader));
        qputenv("CERTDESK_TEST_IDCARD_FILE", m_card.toLocal8Bit());
    }
};

QTEST_MAIN(TestKioskJourney)
#include "tst_kiosk_journey.moc"
