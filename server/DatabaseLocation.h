#pragma once

#include <QString>

#include <optional>

namespace certdesk::server {

// Where the service's database is: the embedded SQLite file (the default, <data dir>/certdesk.db) or a
// PostgreSQL database (`--database postgresql://user@host:port/dbname`). The password never comes from the
// URL (a command line is visible to every local user): libpq reads PGPASSWORD (or ~/.pgpass) itself, or the
// config names a file ([server] database_password_file).
struct DatabaseLocation
{
    enum class Engine
    {
        Sqlite,
        Postgres,
    };
    Engine engine = Engine::Sqlite;
    QString sqlitePath;
    QString host; // a name, an address, or a directory holding the server's Unix socket
    int port = 5432;
    QString user;
    QString name;
    QString password; // from database_password_file; empty = libpq's own sources (PGPASSWORD, ~/.pgpass)
    QString connectOptions; // QPSQL options from the URL's query (sslmode=…, connect_timeout=…)

    // `url`: empty or "sqlite" = <dataDir>/certdesk.db, "sqlite:PATH", or postgresql://user@host:port/dbname
    // (postgres:// too; a Unix socket directory as ?host=/run/postgresql). nullopt and *error for a URL that
    // is none of these or carries a password.
    [[nodiscard]] static std::optional<DatabaseLocation> parse(
        const QString& url, const QString& dataDir, QString* error);
    [[nodiscard]] bool isPostgres() const { return engine == Engine::Postgres; }
    // Takes the password from `file` ([server] database_password_file; surrounding white space dropped).
    // false and *error when it cannot be read. An empty `file` changes nothing.
    [[nodiscard]] bool readPasswordFile(const QString& file, QString* error);
    // For messages and logs: the URL without any secret.
    [[nodiscard]] QString display() const;
};

} // namespace certdesk::server
