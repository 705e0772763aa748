#include "storage/AuditJournal.h"
#include "storage/DraftStore.h"
#include "storage/LocalStore.h"
#include "storage/Migrations.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk;

class TestMigrations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyDatabaseReachesLatest()
    {
        QTemporaryDir dir;
        LocalStore store(dir.filePath(QStringLiteral("a.sqlite")));
        QVERIFY2(store.isOpen(), qPrintable(store.errorString()));
        QCOMPARE(store.schemaVersion(), Migrations::latestVersion());
        const QStringList tables = store.database().tables();
        for (const char* t : {"drafts", "submissions", "audit_journal", "schema_migrations"})
            QVERIFY2(tables.contains(QLatin1String(t)), t);
    }

    void previousVersionKeepsData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sqlite"));
        {
            // Build a database as the previous release left it: schema version latest-1 with a draft in it.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QString error;
            QVERIFY2(Migrations::migrate(db, Migrations::latestVersion() - 1, &error), qPrintable(error));
            QCOMPARE(Migrations::currentVersion(db), Migrations::latestVersion() - 1);
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO drafts (id, category, created_at, updated_at, "
                                          "payload) VALUES ('d1', 'institution',"
                                          " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', "
                                          "'{\"serial\":\"0A1B\",\"organization\":{\"name\":\"x\"}}')")));
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO audit_journal (at, actor, action, subject, detail)"
                               " VALUES ('2026-01-01T00:00:00Z', 'applicant', 'draft.created', 'd1', '')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old"));

        LocalStore store(path);
        QVERIFY2(store.isOpen(), qPrintable(store.errorString()));
        QCOMPARE(store.schemaVersion(), Migrations::latestVersion());
        DraftStore drafts(store);
        const auto draft = drafts.load(QStringLiteral("d1"));
        QVERIFY(draft.has_value());
        QCOMPARE(draft->application.serial, QStringLiteral("0A1B"));
        QCOMPARE(draft->application.organization.name, QStringLiteral("x"));
        QCOMPARE(draft->step, 0); // the column added by the new version got its default
        AuditJournal journal(store);
        QCOMPARE(journal.entries().size(), 1);
    }

    void migrationIsIdempotent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("b.sqlite"));
        {
            LocalStore first(path);
            QVERIFY(first.isOpen());
        }
        LocalStore second(path);
        QVERIFY2(second.isOpen(), qPrintable(second.errorString()));
        QSqlQuery q(second.database());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), Migrations::latestVersion());
    }

    void failingMigrationRollsBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.sqlite"));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("c"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QString error;
        QVERIFY(Migrations::migrate(db, 1, &error));
        // Sabotage: a column that migration 2 adds already exists, so migration 2 must fail as a whole.
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE submissions ADD COLUMN server_url TEXT")));
        QVERIFY(!Migrations::migrate(db, 2, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(Migrations::currentVersion(db), 1);
        QVERIFY(!db.record(QStringLiteral("drafts")).contains(QStringLiteral("step")));
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("c"));
    }

    void auditJournalIsAppendOnly()
    {
        QTemporaryDir dir;
        LocalStore store(dir.filePath(QStringLiteral("d.sqlite")));
        AuditJournal journal(store);
        QVERIFY(journal.append(
            QStringLiteral("applicant"), QStringLiteral("draft.created"), QStringLiteral("d1")));
        QVERIFY(journal.append(
            QStringLiteral("applicant"), QStringLiteral("application.submitted"), QStringLiteral("a1")));
        QSqlQuery q(store.database());
        QVERIFY(!q.exec(QStringLiteral("UPDATE audit_journal SET action = 'x'")));
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit_journal")));
        const auto entries = journal.entries();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).action, QStringLiteral("draft.created"));
        QCOMPARE(entries.at(1).subject, QStringLiteral("a1"));
        QVERIFY(entries.at(0).seq < entries.at(1).seq);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
