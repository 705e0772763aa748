#pragma once

#include "DatabaseLocation.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <utility>

// The engines' own handles (sqlite3.h, libpq-fe.h), for NativeRows.
struct sqlite3_stmt;
struct pg_result;

namespace certdesk::server {

class NativeRows;

// A failed statement; the text names the statement, never the bound values (they may be personal data).
class SqlError : public std::runtime_error
{
public:
    // What the dispatcher tells the client: a full disk (SQLITE_FULL, SQLITE_IOERR on a write; PostgreSQL's
    // disk_full) and a database another process keeps locked past the busy timeout (SQLITE_BUSY,
    // SQLITE_LOCKED) or that cannot be reached are conditions the client can wait out. Conflict is a
    // PostgreSQL transaction that lost a race with another transaction (serialization_failure,
    // deadlock_detected, unique_violation under SERIALIZABLE): run again from the start, it sees the winner's
    // rows. Everything else is an internal error.
    enum class Kind
    {
        Other,
        StorageFull,
        Busy,
        Conflict,
        Unavailable,
    };

    explicit SqlError(const std::string& what, Kind kind = Kind::Other)
        : std::runtime_error(what)
        , m_kind(kind)
    { }
    // The kind from the driver's native code: SQLite's primary result code (QSQLITE) or, when `postgres`,
    // the SQLSTATE (QPSQL).
    SqlError(const std::string& what, const QSqlError& error, bool postgres = false);

    [[nodiscard]] Kind kind() const { return m_kind; }

private:
    Kind m_kind = Kind::Other;
};

// The service's database with a bounded pool of connections (Qt Sql connections must not be used by two
// threads at once; a thread borrows one for the span of a ConnectionLease and gives it back). A pool, not a
// connection per worker thread: 64 workers on two instances would exceed PostgreSQL's max_connections=100,
// and on SQLite every connection holds its file descriptors (docs/reliability.md).
//
// Writes: on SQLite they are serialised in-process by writeMutex() (one writer at a time is what SQLite
// allows anyway; taking the mutex for the whole read-check-write transaction also rules out
// SQLITE_BUSY_SNAPSHOT). On PostgreSQL several instances write at once, so every write transaction runs
// SERIALIZABLE: the database lets the transactions commit only in an order equivalent to one after the other,
// and the loser gets SqlError::Kind::Conflict, after which the whole request is run again (Service's
// dispatcher, retryOnConflict()). The SQL is portable; the migrations' types are mapped per engine
// (migrations()).
class Database
{
public:
    // SQLite at `path`.
    explicit Database(const QString& path, int maxConnections = kDefaultConnections);
    explicit Database(DatabaseLocation location, int maxConnections = kDefaultConnections);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    static constexpr int kDefaultConnections = 8;

    [[nodiscard]] const DatabaseLocation& location() const;
    [[nodiscard]] bool isPostgres() const { return location().isPostgres(); }

    // Applies the pending numbered migrations. false and *error on failure. On PostgreSQL instances starting
    // at once take turns (an advisory lock), so each migration runs once.
    [[nodiscard]] bool migrate(QString* error);
    [[nodiscard]] int schemaVersion();
    // Whether the database can be reached now, on a connection of its own (GET /api/v1/health/ready): an
    // open per-thread connection would keep working on a file whose directory was removed or unmounted.
    [[nodiscard]] bool ping() const;

    // A connection for this thread until the lease ends (see ConnectionLease). Throws SqlError when none can
    // be opened.
    [[nodiscard]] class ConnectionLease connection();
    // Threads waiting now for a connection of the pool (served first come, first served).
    [[nodiscard]] int waitingForConnection() const;
    [[nodiscard]] std::mutex& writeMutex() { return m_writeMutex; }

    // Runs one statement on its own (one snapshot, no transaction) and hands its rows to `rows`. On
    // PostgreSQL the statement goes down a connection of its own shared by all threads in pipeline mode
    // (PostgresPipeline: no pooled connection is waited for, one wake-up of the server serves many reads);
    // within a lease this thread holds (a transaction under way) on that lease's connection; on SQLite on a
    // leased connection. For the hot reads (GET /applications/{id}). Throws SqlError.
    void read(const QString& sql, const QStringList& binds, const std::function<void(NativeRows&)>& rows);
    // The pipeline's batches sent and connections opened so far, and its statements waiting now (PostgreSQL;
    // zeros before its first read, elsewhere and in a build without libpq).
    struct PipelineCounts
    {
        std::uint64_t batches = 0;
        std::uint64_t connections = 0;
        std::uint64_t queued = 0;
    };
    [[nodiscard]] PipelineCounts pipelineCounts() const;

    struct Pool;

private:
    friend class ConnectionLease;
    std::shared_ptr<Pool> m_pool;
    std::mutex m_writeMutex;
};

struct PooledConnection;

// A pooled connection lent to this thread. Leases nest: a thread that already holds one of a database gets
// the same connection again (so a helper called inside a transaction sees that transaction), and only the
// outermost lease gives it back. Waits while all connections are lent. Never keep the QSqlDatabase beyond the
// lease: pass `lease.db()` (or the lease itself) down, do not copy it into a variable that outlives it.
class ConnectionLease
{
public:
    explicit ConnectionLease(Database& database);
    ~ConnectionLease();
    ConnectionLease(const ConnectionLease&) = delete;
    ConnectionLease& operator=(const ConnectionLease&) = delete;

    [[nodiscard]] const QSqlDatabase& db() const;
    [[nodiscard]] PooledConnection& pooled() const { return *m_slot; }
    // So that `f(m_db.connection())` passes the connection for the duration of the call.
    // NOLINTNEXTLINE(google-explicit-constructor)
    operator const QSqlDatabase&() const { return db(); }

private:
    std::shared_ptr<Database::Pool> m_pool;
    PooledConnection* m_slot = nullptr;
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

// As run(), for the hot statements: the statement is prepared once per pooled connection and reused (parsing
// costs more than running these small queries). Do not run the same SQL again while iterating its result.
// Throws SqlError for a connection this thread does not hold a lease on.
[[nodiscard]] StatementLease runCached(
    const QSqlDatabase& db, const QString& sql, const QVariantList& binds = {});
// The rows of a statement run on the engine's own API instead of Qt Sql, for the hottest reads: prepared once
// per pooled connection (sqlite3_prepare_v3 on SQLite; PQprepare on PostgreSQL, then PQexecPrepared), the
// parameters sent as UTF-8 text. On a one-row read Qt Sql's per-execution column set-up and value wrapping
// cost about as much as SQLite's own work (docs/deployment.md, Benchmark). value() answers as
// StatementLease's does: NULL is a null QVariant, SQLite's integers are qlonglong, other values (all of
// PostgreSQL's) text. Where the engine's API is not at hand (a build without libpq) the rows come from
// runCached(). The SQLite statement is reset, the PostgreSQL result freed, when this ends. Same rule as
// runCached(): do not run the same SQL again on this connection while iterating.
class NativeRows
{
public:
    NativeRows(NativeRows&& other) noexcept;
    NativeRows(const NativeRows&) = delete;
    NativeRows& operator=(const NativeRows&) = delete;
    NativeRows& operator=(NativeRows&&) = delete;
    ~NativeRows();

    // Throws SqlError when the engine reports an error while stepping.
    bool next();
    [[nodiscard]] QVariant value(int index) const;
    // false: these rows came through runCached() (no engine API at hand in this build).
    [[nodiscard]] bool native() const { return !m_qt; }

private:
    friend NativeRows runNative(const QSqlDatabase& db, const QString& sql, const QStringList& binds);
    friend class Database;
    NativeRows() = default;

    sqlite3_stmt* m_sqlite = nullptr;
    pg_result* m_postgres = nullptr;
    int m_row = -1;
    std::optional<StatementLease> m_qt;
};

// Runs `sql` (positional `?` parameters, bound as text) as NativeRows on a connection this thread holds a
// lease on. Throws SqlError.
[[nodiscard]] NativeRows runNative(const QSqlDatabase& db, const QString& sql, const QStringList& binds);

// First column of the first row, or an invalid QVariant when there is no row.
QVariant scalar(const QSqlDatabase& db, const QString& sql, const QVariantList& binds = {});

// A write transaction: a lease, on SQLite the write mutex (taken after the lease, so that a thread waiting
// for a connection never holds the mutex), BEGIN on construction (SERIALIZABLE on PostgreSQL), ROLLBACK
// unless commit() was called.
class WriteTransaction
{
public:
    // PostgreSQL's isolation level. ReadCommitted only for a transaction whose statements are each safe on
    // their own (a single conditional UPDATE that claims a row: the row lock serialises it).
    enum class Isolation
    {
        Serializable,
        ReadCommitted,
    };
    explicit WriteTransaction(Database& database, Isolation isolation = Isolation::Serializable);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    [[nodiscard]] const QSqlDatabase& db() const { return m_lease.db(); }
    // COMMIT; throws SqlError when it fails (then nothing of the transaction is stored).
    void commit();

private:
    ConnectionLease m_lease;
    std::unique_lock<std::mutex> m_lock;
    bool m_done = false;
};

// A read transaction: one consistent snapshot for several SELECTs (WAL readers never block the writer; on
// PostgreSQL REPEATABLE READ, READ ONLY).
class ReadTransaction
{
public:
    explicit ReadTransaction(Database& database);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;
    [[nodiscard]] const QSqlDatabase& db() const { return m_lease.db(); }

private:
    ConnectionLease m_lease;
    bool m_active = false;
};

// Serialises work outside the database that goes with rows in it across every instance on the database (a
// stored document file and the rows that refer to it): a PostgreSQL session advisory lock on a 64-bit hash of
// `name`, held until the object ends, taken before any transaction of this thread begins (so the snapshot of
// that transaction sees what the previous holder committed). On SQLite, whose single process holds the data
// directory's lock file, the write mutex already does this and NamedLock does nothing.
class NamedLock
{
public:
    NamedLock(Database& database, const QString& name);
    ~NamedLock();
    NamedLock(const NamedLock&) = delete;
    NamedLock& operator=(const NamedLock&) = delete;

private:
    std::optional<ConnectionLease> m_lease;
    qint64 m_key = 0;
};

// Runs `work` and, when it throws SqlError::Kind::Conflict (only PostgreSQL does), runs it again after a
// short randomised pause, up to `attempts` times in all; the last conflict is rethrown. `work` must be safe
// to repeat (its transaction was rolled back).
void retryOnConflict(const std::function<void()>& work, int attempts = 20);

} // namespace certdesk::server
