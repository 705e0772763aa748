#include "storage/Migrations.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace certdesk {

namespace {

struct Migration
{
    int version;
    const char* description;
    QStringList statements;
};

// Never edit a migration that has shipped: add a new one. Portable SQL (no SQLite-only column types).
const QList<Migration>& migrations()
{
    static const QList<Migration> list = {
        {1, "drafts, submissions, audit journal",
            {
                QStringLiteral("CREATE TABLE drafts ("
                               " id TEXT PRIMARY KEY,"
                               " category TEXT NOT NULL,"
                               " created_at TEXT NOT NULL,"
                               " updated_at TEXT NOT NULL,"
                               " payload TEXT NOT NULL)"),
                QStringLiteral("CREATE TABLE submissions ("
                               " application_id TEXT PRIMARY KEY,"
                               " order_no TEXT NOT NULL,"
                               " access_token TEXT NOT NULL,"
                               " category TEXT NOT NULL,"
                               " submitted_at TEXT NOT NULL)"),
                QStringLiteral("CREATE TABLE audit_journal ("
                               " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                               " at TEXT NOT NULL,"
                               " actor TEXT NOT NULL,"
                               " action TEXT NOT NULL,"
                               " subject TEXT NOT NULL,"
                               " detail TEXT NOT NULL)"),
                // Append-only: the journal refuses updates and deletes.
                QStringLiteral("CREATE TRIGGER audit_journal_no_update BEFORE UPDATE ON audit_journal"
                               " BEGIN SELECT RAISE(ABORT, 'audit journal is append-only'); END"),
                QStringLiteral("CREATE TRIGGER audit_journal_no_delete BEFORE DELETE ON audit_journal"
                               " BEGIN SELECT RAISE(ABORT, 'audit journal is append-only'); END"),
            }},
        {2, "draft wizard position and idempotency key; submission server URL",
            {
                // Where the person stopped, so reopening continues on that page; and the Idempotency-Key of
                // the create call, so a client killed after sending retries with the same key.
                QStringLiteral("ALTER TABLE drafts ADD COLUMN step INTEGER NOT NULL DEFAULT 0"),
                QStringLiteral("ALTER TABLE drafts ADD COLUMN idempotency_key TEXT NOT NULL DEFAULT ''"),
                QStringLiteral("ALTER TABLE submissions ADD COLUMN server_url TEXT NOT NULL DEFAULT ''"),
                QStringLiteral("ALTER TABLE submissions ADD COLUMN draft_id TEXT NOT NULL DEFAULT ''"),
                QStringLiteral("CREATE INDEX drafts_updated ON drafts (updated_at)"),
            }},
    };
    return list;
}

bool fail(QSqlDatabase& db, QString* error, const QString& what)
{
    if (error)
        *error = what;
    db.rollback();
    return false;
}

} // namespace

int Migrations::latestVersion()
{
    return migrations().last().version;
}

int Migrations::currentVersion(const QSqlDatabase& db)
{
    if (!db.tables().contains(QStringLiteral("schema_migrations")))
        return 0;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_migrations")) || !q.next())
        return 0;
    return q.value(0).toInt();
}

bool Migrations::migrate(QSqlDatabase& db, int target, QString* error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"))) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    const int current = currentVersion(db);
    for (const Migration& m : migrations()) {
        if (m.version <= current || m.version > target)
            continue;
        if (!db.transaction())
            return fail(db, error, db.lastError().text());
        QSqlQuery step(db);
        for (const QString& sql : m.statements) {
            if (!step.exec(sql))
                return fail(db, error,
                    QStringLiteral("migration %1: %2").arg(m.version).arg(step.lastError().text()));
        }
        step.prepare(QStringLiteral(
            "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)"));
        step.addBindValue(m.version);
        step.addBindValue(QString::fromLatin1(m.description));
        step.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        if (!step.exec())
            return fail(db, error, step.lastError().text());
        if (!db.commit())
            return fail(db, error, db.lastError().text());
    }
    return true;
}

} // namespace certdesk
