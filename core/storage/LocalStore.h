#pragma once

#include <QSqlDatabase>
#include <QString>

namespace certdesk {

// The client's local SQLite database: drafts, records of submitted applications and the audit journal.
// One LocalStore owns one connection and is used from the thread that opened it (Qt Sql connections are
// per thread). Committed writes survive a killed process: WAL journal, every change in its own transaction.
class LocalStore
{
public:
    // Opens (creating if needed) the database at `path` and migrates it to the latest schema version.
    // Use isOpen()/errorString() to see whether that worked.
    explicit LocalStore(const QString& path);
    ~LocalStore();
    LocalStore(const LocalStore&) = delete;
    LocalStore& operator=(const LocalStore&) = delete;

    // The per-user default: <AppDataLocation>/certdesk.sqlite (e.g. ~/.local/share/CertDesk/…,
    // %APPDATA%\CertDesk\… on Windows).
    [[nodiscard]] static QString defaultPath();

    [[nodiscard]] bool isOpen() const { return m_open; }
    [[nodiscard]] QString errorString() const { return m_error; }
    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] int schemaVersion() const;
    [[nodiscard]] QSqlDatabase database() const;

private:
    QString m_path;
    QString m_connection;
    QString m_error;
    bool m_open = false;
};

} // namespace certdesk
