#include "storage/LocalStore.h"

#include "platform/UserLocations.h"
#include "storage/Migrations.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace certdesk {

LocalStore::LocalStore(const QString& path)
    : m_path(path)
    , m_connection(QStringLiteral("certdesk-store-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    if (!db.open()) {
        m_error = db.lastError().text();
        return;
    }
    QSqlQuery q(db);
    // WAL + synchronous=NORMAL: a committed transaction survives the process being killed (only an OS crash
    // can lose the last commits), and a commit costs no fsync, which keeps per-keystroke autosave cheap.
    // secure_delete overwrites deleted drafts, so wiping a kiosk session leaves no personal data in free
    // pages.
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
             "PRAGMA foreign_keys=ON", "PRAGMA secure_delete=ON", "PRAGMA busy_timeout=5000"}) {
        if (!q.exec(QLatin1String(pragma))) {
            m_error = q.lastError().text();
            return;
        }
    }
    QString error;
    if (!Migrations::migrate(db, Migrations::latestVersion(), &error)) {
        m_error = error;
        return;
    }
    m_open = true;
}

LocalStore::~LocalStore()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QString LocalStore::defaultPath()
{
    // %LOCALAPPDATA% on Windows, ~/.local/share on Linux (platform/UserLocations.h).
    return platform::userDataDirectory() + QStringLiteral("/certdesk.sqlite");
}

int LocalStore::schemaVersion() const
{
    return Migrations::currentVersion(database());
}

QSqlDatabase LocalStore::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

} // namespace certdesk
