// A killed client loses nothing typed: the wizard autosaves every keystroke, so after SIGKILL in the middle
// of typing the draft holds at least every character the child reported as typed.
#include "storage/DraftStore.h"
#include "storage/LocalStore.h"
#include "wizard/ApplicationWizard.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk;

class TestDraftKill : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void draftSurvivesKillDashNine()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("store.sqlite"));
        const QString text = QStringLiteral(
            "深圳市示例科技有限公司ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789深圳市示例科技有限公司"
            "abcdefghijklmnopqrstuvwxyz深圳市示例科技有限公司");
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        child.setProcessEnvironment(env);
        child.start(QStringLiteral(DRAFT_TYPIST), {db, text});
        QVERIFY(child.waitForStarted());

        int typed = 0;
        const int killAt = 25 + QRandomGenerator::global()->bounded(40);
        while (typed < killAt) {
            if (!child.canReadLine() && !child.waitForReadyRead(20000))
                QFAIL(qPrintable(QStringLiteral("child stopped early: %1")
                                     .arg(QString::fromLocal8Bit(child.readAllStandardError()))));
            while (child.canReadLine()) {
                const QByteArray line = child.readLine().trimmed();
                if (line.startsWith("typed "))
                    typed = line.mid(6).toInt();
            }
        }
        child.kill(); // SIGKILL: no chance to flush or clean up
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        LocalStore store(db);
        QVERIFY2(store.isOpen(), qPrintable(store.errorString()));
        DraftStore drafts(store);
        const auto list = drafts.list();
        QCOMPARE(list.size(), 1);
        const auto draft = drafts.load(list.first().id);
        QVERIFY(draft);
        const QString saved = draft->application.organization.name;
        QVERIFY2(saved.size() >= typed,
            qPrintable(QStringLiteral("typed %1, saved %2").arg(typed).arg(saved.size())));
        QVERIFY(text.startsWith(saved));
        QCOMPARE(draft->application.category, CertificateCategory::Institution);
        QVERIFY(draft->application.acknowledgements.agreement);
        QCOMPARE(draft->application.serial, QStringLiteral("5F3A0C"));
        QCOMPARE(draft->step, int(ui::ApplicationWizard::OrganizationPage));
    }
};

QTEST_GUILESS_MAIN(TestDraftKill)
#include "tst_draft_kill.moc"
