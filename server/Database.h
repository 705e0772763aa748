#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <utility>

namespace certdesk::server {

// A failed statement; the text names the statement, never the bound values (they may be personal data).
class SqlError : public std::runtime_error
{
public:
    // What the dispatcher tells the client: a full disk (SQLITE_FULL, SQLITE_IOERR on a write) and a
    // database another process keeps locked past the busy timeout (SQLITE_BUSY, SQLITE_LOCKED) are
    // conditions the client can wait out; everything else is an internal error.
    enum class Kind
    {
        Other,
        StorageFull,
        Busy
    };

    explicit SqlError(const std::string& what, Kind kind = Kind::Other)
        : std::runtime_error(what)
        , m_kind(kind)
    { }
    // The kind from SQLite's primary result code, as QSQLITE reports it in nativeErrorCode().
    SqlError(const std::string& what, const QSqlError& error);

    [[nodiscard]] Kind kind() const { return m_kind; }

private:
    Kind m_kind = Kind::Other;
};

// The service's SQLite database (WAL) with one QSqlDatabase connection per thread: Qt Sql connections must
// not cross threads, so each worker thread opens its own on first use and closes it when the thread ends.
// Writes are serialised in-process by writeMutex() (one writer at a time is what SQLite allows anyway; taking
// the mutex for the whole read-check-write transaction also rules out SQLITE_BUSY_SNAPSHOT). The SQL is kept
// portable (no SQLite-only syntax in statements) so a later issue can point the same code at PostgreSQL.
class Database
{
public:
    explicit Database(const QString& path);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Applies the pending numbered migrations. false and *error on failure.
    [[nodiscard]] bool migrate(QString* error);
    [[nodiscard]] int schemaVersion();
    // Whether the database can be reached now, on a connection of its own (GET /api/v1/health/ready): an
    // open per-thread connection would keep working on a file whose directory was removed or unmounted.
    [[nodiscard]] bool ping() const;

    // This thread's connection, opened on first use. Throws SqlError when it cannot be opened.
    [[nodiscard]] QSqlDatabase connection();
    [[nodiscard]] std::mutex& writeMutex() { return m_writeMutex; }

    struct Registry;

private:
    QString m_path;
    std::shared_ptr<Registry> m_registry;
    std::mutex m_writeMutex;
};

// Runs one statement with positional `?` parameters. Throws SqlError on failure.
QSqlQuery run(const QSqlDatabase& db, const QString& sql, const QVariantList& binds = {});
// A cached prepared statement lent to the caller; reset (finish()) when the lease ends, so the statement
// never keeps a read snapshot open after use (an unreset SELECT would make this connection's next write fail
// with SQLITE_BUSY_SNAPSHOT).
class StatementLease
{
public:
    explicit StatementLease(QSqlQuery& query)
        : m_query(&query)
    { }
    ~StatementLease()
    {
        if (m_query)
            m_query->finish();
    }
    StatementLease(StatementLease&& other) noexcept
        : m_query(std::exchange(other.m_query, nullptr))
    { }
    StatementLease(const StatementLease&) = delete;
    StatementLease& operator=(const StatementLease&) = delete;
    StatementLease& operator=(StatementLease&&) = delete;

    bool next() { return m_query->next(); }
    [[nodiscard]] QVariant value(int index) const { return m_query->value(index); }

private:
    QSqlQuery* m_query;
};

// As run(), for the hot statements: the statement is prepared once per thread and connection and reused
// (SQLite parsing costs more than running these small queries). Do not run the same SQL again while iterating
// its result. The reference stays valid until the thread's connection closes. Throws SqlError for a
// connection that is not this thread's.
[[nodiscard]] StatementLease runCached(
    const QSqlDatabase& db, const QString& sql, const QVariantList& binds = {});
// First column of the first row, or an invalid QVariant when there is no row.
QVariant scalar(const QSqlDatabase& db, const QString& sql, const QVariantList& binds = {});

// A write transaction: holds the write mutex, BEGIN on construction, ROLLBACK unless commit() was called.
class WriteTransaction
{
public:
    explicit WriteTransaction(Database& database);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    [[nodiscard]] const QSqlDatabase& db() const { return m_db; }
    // COMMIT; throws SqlError when it fails (then nothing of the transaction is stored).
    void commit();

private:
    std::unique_lock<std::mutex> m_lock;
    QSqlDatabase m_db;
    bool m_done = false;
};

// A read transaction: one consistent snapshot for several SELECTs (WAL readers never block the writer).
class ReadTransaction
{
public:
    explicit ReadTransaction(Database& database);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;
    [[nodiscard]] const QSqlDatabase& db() const { return m_db; }

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace certdesk::server
