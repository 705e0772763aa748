// The whole applicant journey with the keyboard alone, against the real certdesk-server (sandbox): every
// step is a key event on the widget that has the focus (Tab, arrows, Space, Return, typed text), from the
// home page's "New application" to the submitted application and on to printing the letter in the
// application centre. On each page the Tab order is checked to follow the page (top to bottom, left to
// right). Run on the desktop and in kiosk mode.
#include "CentreFixture.h"
#include "FindWidget.h"
#include "MainWindow.h"
#include "ServerProcess.h"
#include "TestEnvironment.h"
#include "api/ApiClient.h"
#include "centre/ApplicationCentre.h"
#include "kiosk/KioskLook.h"
#include "storage/LocalStore.h"
#include "wizard/ApplicationWizard.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QTest>

#include "TypeText.h"

using namespace certdesk;
using test::findWidget;
using ui::ApplicationWizard;

class TestKeyboardJourney : public QObject
{
    Q_OBJECT
private:
    test::ServerProcess m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<api::ApiClient> m_api;
    test::FakeFileChooser m_files;
    test::FakePrintService m_printer;
    test::FakeNotifier m_notifier;
    QWidget* m_window = nullptr;

    QWidget* focused() const
    {
        QWidget* w = QApplication::focusWidget();
        return w ? w : m_window;
    }

    void key(int k, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTest::keyClick(focused(), Qt::Key(k), modifiers);
    }

    // Presses Tab until `target` has the focus; false if it never gets it (not reachable by keyboard).
    bool tabTo(QWidget* target)
    {
        for (int i = 0; i < 120 && focused() != target; ++i)
            key(Qt::Key_Tab);
        return focused() == target;
    }

    bool tabTo(const QString& name) { return tabTo(findWidget<QWidget>(m_window, name)); }

    void typeText(const QString& text)
    {
        bool ascii = true;
        for (QChar c : text)
            ascii = ascii && c.unicode() < 128;
        if (ascii)
            QTest::keyClicks(focused(), text);
        else
            test::typeText(focused(), text); // what a committed input-method composition delivers
    }

    // Activates the wizard's Next button from the keyboard.
    void next(ApplicationWizard* w)
    {
        QAbstractButton* button = w->button(QWizard::NextButton);
        QVERIFY(button->isEnabled());
        const int before = w->currentId();
        QVERIFY(tabTo(button));
        key(Qt::Key_Space);
        QVERIFY(w->currentId() != before);
    }

    // Walks the current page with Tab from its first focusable widget and checks that the focus follows
    // the page: each widget is below the previous one, or on the same line to its right.
    void checkReadingOrder(QWidget* page)
    {
        QList<QWidget*> chain;
        QWidget* start = nullptr;
        for (QWidget* w = page->nextInFocusChain(); w && w != page; w = w->nextInFocusChain()) {
            if (page->isAncestorOf(w) && w->isVisible() && w->isEnabled()
                && (w->focusPolicy() & Qt::TabFocus)) {
                start = w;
                break;
            }
        }
        QVERIFY2(start, qPrintable(page->objectName()));
        start->setFocus(Qt::TabFocusReason);
        QWidget* w = focused();
        for (int i = 0; i < 60; ++i) {
            if (page->isAncestorOf(w)) {
                if (chain.contains(w))
                    break;
                chain.append(w);
            } else if (!chain.isEmpty() && !page->isAncestorOf(w)) {
                break; // left the page (the wizard's buttons): the page's chain is complete
            }
            key(Qt::Key_Tab);
            w = focused();
        }
        QVERIFY2(!chain.isEmpty(), qPrintable(page->objectName()));
        for (int i = 1; i < chain.size(); ++i) {
            const QPoint a = chain.at(i - 1)->mapTo(page, QPoint(0, 0));
            const QPoint b = chain.at(i)->mapTo(page, QPoint(0, 0));
            const bool below = b.y() >= a.y() + chain.at(i - 1)->height() / 2;
            const bool sameLineRight = qAbs(b.y() - a.y()) < chain.at(i - 1)->height() / 2 && b.x() > a.x();
            QVERIFY2(below || sameLineRight,
                qPrintable(QStringLiteral("%1: %2 (%3,%4) then %5 (%6,%7)")
                               .arg(page->objectName(), chain.at(i - 1)->objectName())
                               .arg(a.x())
                               .arg(a.y())
                               .arg(chain.at(i)->objectName())
                               .arg(b.x())
                               .arg(b.y())));
        }
    }

    QString mintSerial()
    {
        auto* reply = m_api->sandboxMintLegacy(CertificateCategory::NaturalPerson, QStringLiteral("李四"),
            QStringLiteral("11010519491231002X"), QDateTime::currentDateTimeUtc().addDays(30));
        reply->waitForFinished();
        const auto r = reply->result();
        reply->deleteLater();
        if (!r.ok())
            qFatal("mint failed: %s", qPrintable(r.error().logSummary()));
        return r.value().serial;
    }

    // Presses Down on the focused combo box until it shows `code`.
    void arrowToCode(QComboBox* box, const QString& code)
    {
        QVERIFY(tabTo(box));
        for (int i = 0; i < 200 && box->currentData().toString() != code; ++i)
            key(Qt::Key_Down);
        QCOMPARE(box->currentData().toString(), code);
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::fixEnvironment();
        QVERIFY(m_dir.isValid());
        qputenv("CERTDESK_RIME_USER_DIR", m_dir.filePath(QStringLiteral("rime")).toLocal8Bit());
        if (qEnvironmentVariableIsSet("CERTDESK_KIOSK_LOOK"))
            ui::applyKioskLook(*qApp);
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        api::ApiClientOptions options;
        options.baseUrl = m_server.baseUrl();
        m_api = std::make_unique<api::ApiClient>(options);
    }

    void journey_data()
    {
        QTest::addColumn<bool>("kiosk");
        QTest::newRow("desktop") << false;
        QTest::newRow("kiosk") << true;
    }

    void journey()
    {
        QFETCH(bool, kiosk);
        const QString serial = mintSerial();
        LocalStore store(m_dir.filePath(QStringLiteral("keys-%1.sqlite").arg(kiosk)));
        ui::AppMode mode;
        mode.kiosk = kiosk;
        mode.serverUrl = m_server.baseUrl().toString();
        ui::MainWindow window(mode, &store);
        m_window = &window;
        window.setCentreServices(test::fakeServices(&m_files, &m_printer, &m_notifier, nullptr));
        window.resize(1366, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        // Home: New application.
        QVERIFY(tabTo(QStringLiteral("newApplicationButton")));
        key(Qt::Key_Space);
        ApplicationWizard* w = window.wizard();
        QVERIFY(w);

        // 1. Agreement (the kind is not asked: the lookup decides it): two check boxes, usable once the
        // service's agreement text is on show.
        QCOMPARE(w->currentId(), int(ApplicationWizard::AgreementPage));
        QTRY_VERIFY_WITH_TIMEOUT(
            w->findChild<QWidget*>(QStringLiteral("acknowledgeAgreement"))->isEnabled(), 15000);
        checkReadingOrder(w->currentPage());
        if (QTest::currentTestFailed())
            return;
        QVERIFY(tabTo(QStringLiteral("acknowledgeAgreement")));
        key(Qt::Key_Space);
        QVERIFY(tabTo(QStringLiteral("acknowledgeRevocation")));
        key(Qt::Key_Space);
        next(w);
        if (QTest::currentTestFailed())
            return;

        // 2. Lookup: type the serial, Return looks it up.
        QCOMPARE(w->currentId(), int(ApplicationWizard::LookupPage));
        checkReadingOrder(w->currentPage());
        if (QTest::currentTestFailed())
            return;
        QVERIFY(tabTo(QStringLiteral("edit_serial")));
        typeText(serial);
        key(Qt::Key_Return);
        QTRY_VERIFY2_WITH_TIMEOUT(w->button(QWizard::NextButton)->isEnabled(),
            qPrintable(findWidget<QLineEdit>(w, QStringLiteral("edit_serial"))->text() + QLatin1Char('|')
                + findWidget<QLabel>(w, QStringLiteral("lookupResult"))->text()),
            15000);
        next(w);
        if (QTest::currentTestFailed())
            return;
        // 3. Years: the default.
        QCOMPARE(w->currentId(), int(ApplicationWizard::YearsPage));
        next(w);
        if (QTest::currentTestFailed())
            return;

        // 4. Applicant: Tab goes from field to field in the page's order.
        QCOMPARE(w->currentId(), int(ApplicationWizard::ApplicantPage));
        checkReadingOrder(w->currentPage());
        if (QTest::currentTestFailed())
            return;
        QVERIFY(tabTo(QStringLiteral("idCardButton_applicant")));
        key(Qt::Key_Tab);
        QCOMPARE(focused()->objectName(), QStringLiteral("edit_applicant_name"));
        typeText(QStringLiteral("李四"));
        key(Qt::Key_Tab);
        QCOMPARE(focused()->objectName(), QStringLiteral("edit_applicant_id_number"));
        typeText(QStringLiteral("11010519491231002X"));
        key(Qt::Key_Tab);
        QCOMPARE(focused()->objectName(), QStringLiteral("edit_applicant_mobile"));
        typeText(QStringLiteral("13800138001"));
        key(Qt::Key_Tab);
        QCOMPARE(focused()->objectName(), QStringLiteral("edit_applicant_email"));
        typeText(QStringLiteral("lisi@example.com"));
        next(w);
        if (QTest::currentTestFailed())
            return;

        // 5. Mailing: the cascade with arrow keys, then the address.
        QCOMPARE(w->currentId(), int(ApplicationWizard::MailingPage));
        checkReadingOrder(w->currentPage());
        if (QTest::currentTestFailed())
            return;
        arrowToCode(findWidget<QComboBox>(w, QStringLiteral("combo_mailing_province_code")),
            QStringLiteral("110000"));
        if (QTest::currentTestFailed())
            return;
        arrowToCode(
            findWidget<QComboBox>(w, QStringLiteral("combo_mailing_city_code")), QStringLiteral("110100"));
        if (QTest::currentTestFailed())
            return;
        arrowToCode(
            findWidget<QComboBox>(w, QStringLiteral("combo_mailing_county_code")), QStringLiteral("110105"));
        if (QTest::currentTestFailed())
            return;
        QVERIFY(tabTo(QStringLiteral("edit_mailing_address")));
        typeText(QStringLiteral("朝阳区建国路1号"));
        next(w);
        if (QTest::currentTestFailed())
            return;

        // 6. Invoice: electronic, by arrow key and Space.
        QCOMPARE(w->currentId(), int(ApplicationWizard::InvoicePage));
        checkReadingOrder(w->currentPage());
        if (QTest::currentTestFailed())
            return;
        // Tab enters a group of radio buttons once (at its checked button); the arrows move inside it.
        for (int i = 0; i < 60 && !focused()->objectName().startsWith(QLatin1String("invoice_")); ++i)
            key(Qt::Key_Tab);
        // Side by side on the desktop: Right; one under the other: Down.
        for (int k : {Qt::Key_Right, Qt::Key_Down}) {
            if (focused()->objectName() != QLatin1String("invoice_electronic"))
                key(k);
        }
        QCOMPARE(focused()->objectName(), QStringLiteral("invoice_electronic"));
        key(Qt::Key_Space);
        next(w);
        if (QTest::currentTestFailed())
            return;

        // 7. Review: submit.
        QCOMPARE(w->currentId(), int(ApplicationWizard::ReviewPage));
        checkReadingOrder(w->currentPage());
        if (QTest::currentTestFailed())
            return;
        QVERIFY(tabTo(QStringLiteral("submitButton")));
        key(Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(!w->application().id.isEmpty(), 15000);

        // The application centre: print the letter, by keyboard.
        ui::ApplicationCentre* centre = window.centre();
        QVERIFY(centre);
        QTRY_VERIFY_WITH_TIMEOUT(centre->session()->isLoaded(), 30000);
        const int prints = m_printer.prints;
        QVERIFY(tabTo(QStringLiteral("letterPrintButton")));
        key(Qt::Key_Space);
        QCOMPARE(m_printer.prints, prints + 1);

        // Every page of the centre names and describes its controls for a screen reader.
        QStringList problems;
        for (auto page : {ui::ApplicationCentre::StatusTab, ui::ApplicationCentre::LetterTab,
                 ui::ApplicationCentre::DocumentsTab, ui::ApplicationCentre::LivenessTab,
                 ui::ApplicationCentre::PaymentTab}) {
            centre->showPage(page);
            QTest::qWait(50);
            for (QWidget* x : centre->findChildren<QWidget*>()) {
                if (!x->isVisible() || x->objectName().startsWith(QLatin1String("qt_")))
                    continue;
                if (qobject_cast<QLineEdit*>(x) && qobject_cast<QComboBox*>(x->parentWidget()))
                    continue;
                if (!(qobject_cast<QAbstractButton*>(x) || qobject_cast<QLineEdit*>(x)
                        || qobject_cast<QComboBox*>(x)))
                    continue;
                QAccessibleInterface* a = QAccessible::queryAccessibleInterface(x);
                if (!a || a->text(QAccessible::Name).trimmed().isEmpty()
                    || a->text(QAccessible::Description).trimmed().isEmpty())
                    problems << QStringLiteral("centre page %1: %2 \"%3\"")
                                    .arg(int(page))
                                    .arg(QLatin1String(x->metaObject()->className()), x->objectName());
            }
        }
        problems.removeDuplicates();
        for (const QString& p : std::as_const(problems))
            qWarning("%s", qPrintable(p));
        QVERIFY2(
            problems.isEmpty(), "centre controls without an accessible name or description (listed above)");

        auto* get = m_api->getApplication(w->application().id, w->accessToken());
        QVERIFY(get->waitForFinished());
        const auto fetched = get->result();
        get->deleteLater();
        QVERIFY(fetched.ok());
        QCOMPARE(fetched.value().applicant.name, QStringLiteral("李四"));
        QCOMPARE(fetched.value().mailing.countyCode, QStringLiteral("110105"));
        QCOMPARE(fetched.value().invoice, InvoiceKind::Electronic);
        window.allowClose();
        m_window = nullptr;
    }
};

QTEST_MAIN(TestKeyboardJourney)
#include "tst_keyboard_journey.moc"
