#include "HomePage.h"
#include "MainWindow.h"
#include "kiosk/KioskSession.h"
#include "storage/AuditJournal.h"
#include "storage/DraftStore.h"
#include "storage/LocalStore.h"
#include "wizard/ApplicationWizard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "Fixtures.h"
#include "TypeText.h"

using namespace certdesk;

class TestKiosk : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countdownAndCancel()
    {
        qint64 now = 0;
        ui::KioskSession session(60, 20, [&now] { return now; });
        QSignalSpy countdown(&session, &ui::KioskSession::countdown);
        QSignalSpy cancelled(&session, &ui::KioskSession::countdownCancelled);
        QSignalSpy expired(&session, &ui::KioskSession::expired);
        now = 39'000;
        session.tick();
        QCOMPARE(countdown.count(), 0);
        now = 45'000;
        session.tick();
        QCOMPARE(countdown.count(), 1);
        QCOMPARE(countdown.last().at(0).toInt(), 15);
        session.touch(); // someone touched the screen
        QCOMPARE(cancelled.count(), 1);
        now = 100'000;
        session.tick();
        QCOMPARE(expired.count(), 0); // 55 s since the touch
        now = 105'000;
        session.tick();
        QCOMPARE(expired.count(), 1);
        session.tick();
        QCOMPARE(expired.count(), 1); // once
    }

    void idleTimeoutWipesPersonalData()
    {
        QTemporaryDir dir;
        qputenv("CERTDESK_RIME_USER_DIR", dir.filePath(QStringLiteral("rime")).toLocal8Bit());
        const QString path = dir.filePath(QStringLiteral("kiosk.sqlite"));
        const QString idNumber = QStringLiteral("11010519491231002X");
        LocalStore store(path);
        ui::AppMode mode;
        mode.kiosk = true;
        mode.kioskIdleSeconds = 120;
        ui::MainWindow window(mode, &store);
        window.show();
        qint64 now = 0;
        window.kioskSession()->setClock([&now] { return now; });

        // The home page of a kiosk never shows earlier people's drafts.
        QVERIFY(!window.findChild<QWidget*>(QStringLiteral("draftList"))->isVisibleTo(&window));

        DraftStore drafts(store);
        const Application start = test::afterLookup(CertificateCategory::Institution);
        window.resumeDraft(drafts.create(start, ui::ApplicationWizard::OrganizationPage));
        ui::ApplicationWizard* wizard = window.wizard();
        QVERIFY(wizard);
        QCOMPARE(wizard->currentId(), int(ui::ApplicationWizard::OrganizationPage));
        test::typeText(wizard->findChild<QLineEdit*>(QStringLiteral("edit_agent_id_number")), idNumber);
        QCOMPARE(drafts.list().size(), 1);
        QCOMPARE(drafts.load(drafts.list().first().id)->application.agent.idNumber, idNumber);

        auto* notice = window.findChild<QLabel*>(QStringLiteral("kioskCountdown"));
        now = 110'000;
        window.kioskSession()->tick();
        QVERIFY(notice->isVisibleTo(&window));
        QVERIFY(notice->text().contains(QLatin1String("10")));
        now = 121'000;
        window.kioskSession()->tick();

        QVERIFY(!window.wizard());
        QVERIFY(!notice->isVisibleTo(&window));
        QVERIFY(window.homePage()->isVisibleTo(&window));
        QVERIFY(drafts.list().isEmpty());
        AuditJournal journal(store);
        QCOMPARE(journal.entries().last().action, QStringLiteral("kiosk.wiped"));
        for (const QString& file : QStringList {path, path + QStringLiteral("-wal")}) {
            QFile f(file);
            if (f.open(QIODevice::ReadOnly))
                QVERIFY2(!f.readAll().contains(idNumber.toLatin1()), qPrintable(file));
        }
    }
};

QTEST_MAIN(TestKiosk)
#include "tst_kiosk.moc"
