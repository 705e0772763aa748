// No PKCS#11 call on the GUI thread: the wizard's "Read from UKey" and the counter's token picker pointed at
// the module of tests/support/crashing-pkcs11 whose C_Initialize never returns, loaded in-process (no probe:
// the worst case). The window keeps answering (a timer keeps firing, a queued click is handled within 1 s),
// the person is told in Chinese that the UKey does not answer and can cancel; UKeys of another module
// (SoftHSM) are still found beside the hanging one.
#include "TestEnvironment.h"
#include "TokenTestSupport.h"

#include "counter/CounterServices.h"
#include "counter/CounterSession.h"
#include "counter/TokenPicker.h"
#include "domain/RegionModel.h"
#include "domain/Translations.h"
#include "pki/LegacyRsaCa.h"
#include "token/ModuleLoader.h"
#include "token/ModuleWorker.h"
#include "token/TokenAccess.h"
#include "token/TokenSession.h"
#include "wizard/ApplicationWizard.h"
#include "wizard/LookupPage.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <optional>

using namespace certdesk;
using ui::ApplicationWizard;

namespace {

const QString UserPin = QStringLiteral("11223344");
const QString SoPin = QStringLiteral("87654321");
const QString OldLabel = QStringLiteral("OLD BESIDE HANG");

// Counts the ticks of a 50 ms timer while it lives: the GUI thread's event loop turning.
class Ticker
{
public:
    Ticker()
    {
        QObject::connect(&m_timer, &QTimer::timeout, [this] { ++m_ticks; });
        m_timer.start(50);
    }
    [[nodiscard]] int ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    int m_ticks = 0;
};

// A click posted to the event loop (as a person's click arrives) is handled within a second.
bool queuedClickHandledWithinASecond()
{
    QPushButton other(QStringLiteral("其他"));
    QSignalSpy clicked(&other, &QPushButton::clicked);
    QElapsedTimer elapsed;
    elapsed.start();
    QMetaObject::invokeMethod(&other, "click", Qt::QueuedConnection);
    return clicked.wait(1000) && elapsed.elapsed() < 1000;
}

bool hasChinese(const QString& text)
{
    return std::any_of(
        text.cbegin(), text.cend(), [](QChar c) { return c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff; });
}

} // namespace

class TestTokenHang : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::optional<test::SoftHsm> m_softhsm;
    QString m_oldSerial;
    const QString m_hang =
#ifdef CERTDESK_HANG_MODULE
        QStringLiteral(CERTDESK_HANG_MODULE);
#else
        QString();
#endif

    static ui::LookupPage* lookupPage(ApplicationWizard& w)
    {
        return qobject_cast<ui::LookupPage*>(w.page(ApplicationWizard::LookupPage));
    }

    // A wizard on the lookup page without a service (the lookup itself then says so), reading `modules`.
    std::unique_ptr<ApplicationWizard> wizardReading(const QStringList& modules)
    {
        auto w = std::make_unique<ApplicationWizard>(nullptr, RegionModel::builtin(), nullptr);
        w->resize(1366, 768);
        w->show();
        Application accepted; // past the agreement page (no service: no versioned text to accept)
        accepted.acknowledgements.agreement = true;
        accepted.acknowledgements.oldCertificateRevocation = true;
        w->resumeDraft({}, accepted, ApplicationWizard::LookupPage);
        auto* page = lookupPage(*w);
        page->setTokenSource(std::make_shared<token::Pkcs11CertificateSource>(modules));
        page->setTokenTimeout(std::chrono::milliseconds(1500));
        return w;
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::fixEnvironment();
        if (m_hang.isEmpty())
            QSKIP("the hanging test module is not built here");
        QVERIFY(m_dir.isValid());
        // The person's language: the messages checked here are the Chinese ones.
        QVERIFY(installTranslations(*QCoreApplication::instance(), QStringLiteral("zh_CN")));
        QVERIFY(hasChinese(token::moduleNotAnsweringMessage()));
        // No probe: the hanging module's C_Initialize runs in this process and never returns.
        token::ModuleLoader::setProbe(nullptr);
        if (!QFile::exists(test::SoftHsm::modulePath()))
            return;
        m_softhsm.emplace(m_dir.filePath(QStringLiteral("softhsm")));
        QVERIFY(m_softhsm->initToken(OldLabel, SoPin, UserPin));
        auto legacyCa = pki::LegacyRsaCa::loadOrCreate(m_dir.filePath(QStringLiteral("legacy-ca")));
        QVERIFY2(legacyCa, qPrintable(legacyCa.detail()));
        auto minted
            = legacyCa->mint(CertificateCategory::Institution, QStringLiteral("杭州市挂起测试有限公司"),
                QStringLiteral("91330100MA2HANG001"), QDateTime::currentDateTimeUtc().addDays(30));
        QVERIFY2(minted, qPrintable(minted.detail()));
        m_oldSerial = minted->serialHex;
        const QByteArray id = QByteArray::fromHex("0b01");
        QVERIFY(m_softhsm->importKeyPair(
            OldLabel, UserPin, minted->privateKeyPkcs8.toByteArray(), id, QStringLiteral("old key")));
        auto module = token::ModuleLoader::load(test::SoftHsm::modulePath());
        QVERIFY2(module, qPrintable(module.detail()));
        auto session = module->openSession(OldLabel);
        QVERIFY2(session, qPrintable(session.detail()));
        QVERIFY(session->login(UserPin));
        QVERIFY(session->writeCertificate(minted->certificateDer, id, QStringLiteral("old certificate")));
    }

    void lookupAnswersAndCancelsWhileTheModuleHangs()
    {
        auto w = wizardReading({m_hang});
        ui::LookupPage* page = lookupPage(*w);
        QCOMPARE(w->currentId(), int(ApplicationWizard::LookupPage));
        auto* read = w->findChild<QPushButton*>(QStringLiteral("readFromTokenButton"));
        QVERIFY(read);
        auto* cancel = w->findChild<QPushButton*>(QStringLiteral("cancelTokenButton"));
        QVERIFY(cancel);
        QVERIFY(!cancel->isVisible());
        Ticker ticker;
        read->click();
        // Back at once: the module is loaded on its own thread.
        QVERIFY(!read->isEnabled());
        QVERIFY(cancel->isVisible());
        QVERIFY(queuedClickHandledWithinASecond());
        // The serial field takes typing meanwhile.
        auto* serial = w->findChild<QLineEdit*>(QStringLiteral("edit_serial"));
        QVERIFY(serial);
        QTest::keyClicks(serial, QStringLiteral("0A1B"));
        QCOMPARE(serial->text(), QStringLiteral("0A1B"));
        // After the timeout, in Chinese: the UKey does not answer; cancel, or type the serial.
        QTRY_VERIFY_WITH_TIMEOUT(
            page->tokenStatusText().startsWith(token::moduleNotAnsweringMessage()), 5000);
        QVERIFY(hasChinese(page->tokenStatusText()));
        QVERIFY2(ticker.ticks() >= 20, qPrintable(QString::number(ticker.ticks())));
        QVERIFY(cancel->isVisible());
        QVERIFY(cancel->isEnabled());
        cancel->click();
        QVERIFY(read->isEnabled());
        QVERIFY(!cancel->isVisible());
        QVERIFY(hasChinese(page->tokenStatusText()));
        QVERIFY(!page->tokenStatusText().startsWith(token::moduleNotAnsweringMessage()));
        QCOMPARE(serial->text(), QStringLiteral("0A1B"));

        // Trying again waits behind the hanging call, says so again, and can be cancelled again.
        read->click();
        QVERIFY(!read->isEnabled());
        QVERIFY(queuedClickHandledWithinASecond());
        QTRY_VERIFY_WITH_TIMEOUT(
            page->tokenStatusText().startsWith(token::moduleNotAnsweringMessage()), 5000);
        cancel->click();
        QVERIFY(read->isEnabled());
        QVERIFY(token::ModuleWorkers::pending(m_hang) >= 1);
    }

    void certificateOfAnotherModuleIsFoundBesideTheHangingOne()
    {
        if (!m_softhsm)
            QSKIP("SoftHSM2 is not installed");
        auto w = wizardReading({m_hang, test::SoftHsm::modulePath()});
        QCOMPARE(w->currentId(), int(ApplicationWizard::LookupPage));
        auto* read = w->findChild<QPushButton*>(QStringLiteral("readFromTokenButton"));
        QVERIFY(read);
        Ticker ticker;
        read->click();
        QVERIFY(queuedClickHandledWithinASecond());
        // SoftHSM answered; at the timeout the page goes on with its certificate instead of waiting.
        auto* serial = w->findChild<QLineEdit*>(QStringLiteral("edit_serial"));
        QVERIFY(serial);
        QTRY_COMPARE_WITH_TIMEOUT(serial->text(), m_oldSerial, 5000);
        QVERIFY(read->isEnabled());
        auto* cancel = w->findChild<QPushButton*>(QStringLiteral("cancelTokenButton"));
        QVERIFY(cancel);
        QVERIFY(!cancel->isVisible());
        QVERIFY(ticker.ticks() >= 10);
    }

    void counterPickerListsOtherUKeysWhileAModuleHangs()
    {
        ui::CounterSession session(nullptr, RegionModel::builtin());
        ui::CounterServices services;
        services.modulePaths = {m_hang};
        if (m_softhsm)
            services.modulePaths << test::SoftHsm::modulePath();
        services.tokenPollMs = 300;
        services.tokenTimeoutMs = 1500;
        session.setServices(services);
        ui::TokenPicker picker(&session);
        picker.resize(800, 300);
        picker.show();
        QVERIFY(QTest::qWaitForWindowExposed(&picker));
        Ticker ticker;
        QElapsedTimer elapsed;
        elapsed.start();
        picker.reloadModules();
        picker.setWatching(true);
        QVERIFY2(elapsed.elapsed() < 1000, qPrintable(QString::number(elapsed.elapsed())));
        QVERIFY(queuedClickHandledWithinASecond());
        if (m_softhsm)
            QTRY_VERIFY_WITH_TIMEOUT(picker.selectToken(OldLabel), 10000);
        // The hanging module is named, in Chinese, as not answering.
        const QString hangName = QFileInfo(m_hang).fileName();
        QTRY_VERIFY_WITH_TIMEOUT(picker.statusText().contains(hangName)
                && picker.statusText().contains(token::moduleNotAnsweringMessage()),
            5000);
        QVERIFY(hasChinese(picker.statusText()));
        // Polling goes on for the others without piling calls onto the hanging module's thread.
        const int queued = token::ModuleWorkers::pending(m_hang);
        QTest::qWait(1500);
        QCOMPARE(token::ModuleWorkers::pending(m_hang), queued);
        QVERIFY(queuedClickHandledWithinASecond());
        QVERIFY2(ticker.ticks() >= 40, qPrintable(QString::number(ticker.ticks())));
        if (m_softhsm) {
            QVERIFY(picker.selectedToken());
            QCOMPARE(picker.selectedToken()->label, OldLabel);
        }
    }
};

QTEST_MAIN(TestTokenHang)
#include "tst_token_hang.moc"
