#include "Database.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>
#include <QtEndian>

#include <sqlite3.h>
#if CERTDESK_HAVE_LIBPQ
#include "PostgresPipeline.h"

#include <libpq-fe.h>
#endif

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace certdesk::server {

namespace {

bool isPostgresDriver(const QSqlDatabase& db)
{
    return db.driverName() == QLatin1String("QPSQL");
}

// Points a QPSQL connection at the server of `location` (pooled connections and readiness probes alike).
void setPostgresTarget(QSqlDatabase& db, const DatabaseLocation& location, const QString& connectOptions)
{
    db.setHostName(location.host);
    db.setPort(location.port);
    db.setUserName(location.user);
    db.setDatabaseName(location.name);
    if (!location.password.isEmpty())
        db.setPassword(location.password);
    db.setConnectOptions(connectOptions);
}

} // namespace

SqlError::SqlError(const std::string& what, const QSqlError& error, bool postgres)
    : std::runtime_error(what)
{
    const QString native = error.nativeErrorCode();
    if (postgres) {
        // SQLSTATE (PostgreSQL documentation, Appendix A "PostgreSQL Error Codes").
        if (native == QLatin1String("40001") || native == QLatin1String("40P01")
            || native == QLatin1String("23505"))
            m_kind = Kind::Conflict;
        else if (native == QLatin1String("53100"))
            m_kind = Kind::StorageFull;
        else if (native == QLatin1String("55P03") || native == QLatin1String("53300"))
            m_kind = Kind::Busy;
        // No SQLSTATE at all: libpq's own failure, i.e. the connection (a server that went away answers
        // nothing: "server closed the connection unexpectedly", then "no connection to the server").
        else if (native.startsWith(QLatin1String("08")) || native.startsWith(QLatin1String("57P"))
            || native.isEmpty())
            m_kind = Kind::Unavailable;
        return;
    }
    // Extended result codes carry the primary code in their low byte (https://sqlite.org/rescode.html).
    // QSQLITE reports no code for a failed BEGIN or COMMIT, only SQLite's message: match that then.
    bool numeric = false;
    const int code = native.toInt(&numeric) & 0xff;
    const QString text = error.databaseText();
    const auto is = [&](int primary) {
        return numeric ? code == primary : text.contains(QString::fromUtf8(sqlite3_errstr(primary)));
    };
    if (is(SQLITE_FULL) || is(SQLITE_IOERR))
        m_kind = Kind::StorageFull;
    else if (is(SQLITE_BUSY) || is(SQLITE_LOCKED))
        m_kind = Kind::Busy;
}

// ---------------------------------------------------------------------------------------------------------------
// location

std::optional<DatabaseLocation> DatabaseLocation::parse(
    const QString& url, const QString& dataDir, QString* error)
{
    const auto fail = [error](const QString& message) -> std::optional<DatabaseLocation> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    DatabaseLocation location;
    const QString text = url.trimmed();
    if (text.isEmpty() || text == QLatin1String("sqlite")) {
        location.sqlitePath = QDir(dataDir).absoluteFilePath(QStringLiteral("certdesk.db"));
        return location;
    }
    if (text.startsWith(QLatin1String("sqlite:"))) {
        const QString path = text.mid(7);
        if (path.isEmpty())
            return fail(QStringLiteral("--database sqlite:PATH needs a path"));
        location.sqlitePath = QDir(dataDir).absoluteFilePath(path);
        return location;
    }
    const QUrl parsed(text, QUrl::StrictMode);
    if (!parsed.isValid()
        || (parsed.scheme() != QLatin1String("postgresql") && parsed.scheme() != QLatin1String("postgres")))
        return fail(
            QStringLiteral("--database takes sqlite (the default) or postgresql://user@host:port/dbname, "
                           "not \"%1\"")
                .arg(parsed.isValid() ? parsed.toDisplayString(QUrl::RemovePassword) : QStringLiteral("?")));
    // A password in the URL would be on the command line (ps, /proc/PID/cmdline, shell history).
    if (!parsed.password().isEmpty())
        return fail(
            QStringLiteral("--database must not carry a password: set PGPASSWORD or name a file in [server] "
                           "database_password_file"));
    location.engine = Engine::Postgres;
    location.host = parsed.host();
    location.port = parsed.port(5432);
    location.user = parsed.userName();
    location.name = parsed.path().mid(1);
    QStringList options {QStringLiteral("application_name=certdesk-server")};
    const QUrlQuery query(parsed);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("host")) {
            location.host = value;
        } else if (key == QLatin1String("password")) {
            return fail(
                QStringLiteral("--database must not carry a password: set PGPASSWORD or name a file in "
                               "[server] database_password_file"));
        } else if (key == QLatin1String("sslmode") || key == QLatin1String("sslrootcert")
            || key == QLatin1String("sslcert") || key == QLatin1String("sslkey")
            || key == QLatin1String("connect_timeout") || key == QLatin1String("target_session_attrs")) {
            options.append(key + QLatin1Char('=') + value);
        } else {
            return fail(
                QStringLiteral("--database: unknown parameter \"%1\" (known: host, sslmode, sslrootcert, "
                               "sslcert, sslkey, connect_timeout, target_session_attrs)")
                    .arg(key));
        }
    }
    if (location.name.isEmpty() || location.name.contains(QLatin1Char('/')))
        return fail(QStringLiteral("--database postgresql://user@host:port/dbname needs the database name"));
    if (location.host.isEmpty())
        location.host = QStringLiteral("localhost");
    location.connectOptions = options.join(QLatin1Char(';'));
    return location;
}

bool DatabaseLocation::readPasswordFile(const QString& file, QString* error)
{
    if (file.isEmpty())
        return true;
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read database_password_file %1").arg(file);
        return false;
    }
    password = QString::fromUtf8(in.readAll()).trimmed();
    return true;
}

QString DatabaseLocation::display() const
{
    if (engine == Engine::Sqlite)
        return QStringLiteral("sqlite:") + sqlitePath;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(name);
}

// ---------------------------------------------------------------------------------------------------------------
// the pool

// One connection of the pool, with its prepared statements. Used by one thread at a time (the lease holder).
struct PooledConnection
{
    QString name;
    QSqlDatabase db;
    std::map<QString, std::unique_ptr<QSqlQuery>> statements;
    // A statement failed: before the connection goes back to the pool it is checked (a PostgreSQL server that
    // restarted leaves a dead connection that must be replaced, not lent again).
    bool suspect = false;
    // runNative()'s statements: SQLite's, prepared on this connection, or the names PostgreSQL knows this
    // connection's by.
    std::map<QString, sqlite3_stmt*> sqliteStatements;
    std::map<QString, QByteArray> postgresStatements;
    quint64 postgresNamed = 0;
    // A Write- or ReadTransaction is open on it (a ReadTransaction nested in one joins it: PostgreSQL would
    // refuse to set the isolation level of a transaction already under way).
    bool inTransaction = false;
};

struct Database::Pool
{
    DatabaseLocation location;
    int max = kDefaultConnections;
    QString prefix;
    // A thread waiting for a connection, first come first served: a connection given back goes straight to
    // the longest waiter (or, when it was closed, its place: the waiter opens a new one), so a thread that
    // gives one back and asks again at once cannot overtake the threads already waiting. Without it the
    // waits are unbounded for the unlucky and the slowest requests take many times the average.
    struct Waiter
    {
        std::condition_variable woken;
        std::unique_ptr<PooledConnection> connection; // handed over; empty: open one in the place freed
        bool ready = false;
    };

    std::mutex mutex;
    std::deque<Waiter*> waiters;
    std::vector<std::unique_ptr<PooledConnection>> idle;
    int open = 0; // idle + lent + places handed to waiters
    std::atomic<int> counter {0};
    bool closed = false;

    std::unique_ptr<PooledConnection> openConnection();
    static void close(std::unique_ptr<PooledConnection> connection);
#if CERTDESK_HAVE_LIBPQ
    // Database::read()'s on PostgreSQL, started on first use; its connection is not one of the `max`.
    std::once_flag pipelineStarted;
    std::unique_ptr<PostgresPipeline> pipeline;
    // The pipeline once started, for counting without starting it (a metrics scrape before any read).
    std::atomic<const PostgresPipeline*> pipelineRunning {nullptr};
    PostgresPipeline& readPipeline();
#endif
    // Gives `connection` back (empty: its place, after it was closed or could not be opened) to the
    // longest waiter, else to the idle list; under `mutex`.
    void giveBack(std::unique_ptr<PooledConnection> connection);
};

void Database::Pool::giveBack(std::unique_ptr<PooledConnection> connection)
{
    if (!waiters.empty()) {
        Waiter* next = waiters.front();
        waiters.pop_front();
        next->connection = std::move(connection);
        next->ready = true;
        // Under the mutex: the waiter may not return (and destroy its condition variable) before this.
        next->woken.notify_one();
        return;
    }
    if (connection)
        idle.push_back(std::move(connection));
    else
        --open;
}

namespace {

// The leases this thread holds, innermost last: a nested lease of the same pool reuses the connection.
struct ActiveLease
{
    Database::Pool* pool = nullptr;
    PooledConnection* connection = nullptr;
    int depth = 0;
};
// A fixed array, not a vector: a thread_local with a destructor is freed before its destructor runs on
// MinGW-w64 (GCC bug 80816; docs/windows.md), so every thread_local here is trivially destructible.
struct ActiveLeases
{
    static constexpr int kMax = 8; // databases leased at once by one thread (a service has one)
    std::array<ActiveLease, kMax> leases;
    int count = 0;

    ActiveLease* begin() { return leases.data(); }
    ActiveLease* end() { return leases.data() + count; }
};
static_assert(std::is_trivially_destructible_v<ActiveLeases>);
thread_local ActiveLeases t_leases;

ActiveLease* activeLeaseOf(const Database::Pool* pool)
{
    for (ActiveLease& lease : t_leases) {
        if (lease.pool == pool)
            return &lease;
    }
    return nullptr;
}

PooledConnection* activeConnectionNamed(const QString& name)
{
    for (ActiveLease& lease : t_leases) {
        if (lease.connection->name == name)
            return lease.connection;
    }
    return nullptr;
}

void markSuspect(const QSqlDatabase& db)
{
    if (PooledConnection* connection = activeConnectionNamed(db.connectionName()))
        connection->suspect = true;
}

[[noreturn]] void fail(const QSqlDatabase& db, const std::string& what, const QSqlError& error)
{
    markSuspect(db);
    throw SqlError(what, error, isPostgresDriver(db));
}

// A statement without parameters, sent as it is: QPSQL prepares every prepared statement with PREPARE, which
// PostgreSQL refuses for SET and other utility statements.
void execute(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        fail(db,
            "exec failed: " + query.lastError().text().toStdString() + " in: " + sql.left(60).toStdString(),
            query.lastError());
}

} // namespace

std::unique_ptr<PooledConnection> Database::Pool::openConnection()
{
    auto connection = std::make_unique<PooledConnection>();
    connection->name = prefix + QLatin1Char('-') + QString::number(counter++);
    const bool postgres = location.isPostgres();
    QSqlDatabase db = QSqlDatabase::addDatabase(
        postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), connection->name);
    if (!db.isValid()) {
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connection->name);
        throw SqlError(postgres ? "the Qt PostgreSQL driver QPSQL is not installed (Debian: libqt6sql6-psql)"
                                : "the Qt SQLite driver QSQLITE is not installed (Debian: libqt6sql6-sqlite)",
            SqlError::Kind::Unavailable);
    }
    if (postgres) {
        setPostgresTarget(db, location, location.connectOptions);
    } else {
        db.setDatabaseName(location.sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    }
    if (!db.open()) {
        const QSqlError error = db.lastError();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connection->name);
        throw SqlError(
            "cannot open database " + location.display().toStdString() + ": " + error.text().toStdString(),
            postgres ? SqlError::Kind::Unavailable : SqlError(std::string(), error).kind());
    }
    connection->db = db;
    db = QSqlDatabase();
    try {
        if (postgres) {
            // Times are stored as RFC 3339 text and compared as text; nothing depends on the session's zone,
            // but a fixed one keeps anything an operator runs by hand (now(), to_char) the same everywhere.
            execute(connection->db, QStringLiteral("SET TIME ZONE 'UTC'"));
            // Notices ("relation … already exists, skipping") are no news to the operator.
            execute(connection->db, QStringLiteral("SET client_min_messages TO WARNING"));
        } else {
            // WAL: readers never block the writer. synchronous=FULL: a commit is on disk (fsync) before the
            // response that acknowledges it is sent. These PRAGMAs are the only SQLite-specific statements
            // and live here only.
            execute(connection->db, QStringLiteral("PRAGMA journal_mode=WAL"));
            execute(connection->db, QStringLiteral("PRAGMA synchronous=FULL"));
            execute(connection->db, QStringLiteral("PRAGMA foreign_keys=ON"));
            execute(connection->db, QStringLiteral("PRAGMA cache_size=-1024"));
        }
    } catch (...) {
        close(std::move(connection));
        throw;
    }
    return connection;
}

void Database::Pool::close(std::unique_ptr<PooledConnection> connection)
{
    if (!connection)
        return;
    const QString name = connection->name;
    connection->statements.clear();
    for (const auto& [sql, statement] : connection->sqliteStatements)
        sqlite3_finalize(statement);
    connection->sqliteStatements.clear();
    connection->db.close();
    connection->db = QSqlDatabase();
    connection.reset();
    QSqlDatabase::removeDatabase(name);
}

Database::Database(const QString& path, int maxConnections)
    : Database(
        [&path] {
            DatabaseLocation location;
            location.sqlitePath = path;
            return location;
        }(),
        maxConnections)
{ }

Database::Database(DatabaseLocation location, int maxConnections)
    : m_pool(std::make_shared<Pool>())
{
    m_pool->location = std::move(location);
    m_pool->max = std::max(1, maxConnections);
    m_pool->prefix = QStringLiteral("certdesk-server-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    // SQLite's memory statistics take a process-wide mutex on every allocation, which the worker threads then
    // fight over; the service does not use them. Only possible before SQLite initialises (else SQLITE_MISUSE,
    // which is harmless).
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

Database::~Database()
{
#if CERTDESK_HAVE_LIBPQ
    // Its thread closes its connection, a Qt Sql connection of this pool's.
    m_pool->pipelineRunning = nullptr;
    m_pool->pipeline.reset();
#endif
    std::vector<std::unique_ptr<PooledConnection>> idle;
    {
        const std::lock_guard lock(m_pool->mutex);
        m_pool->closed = true;
        idle.swap(m_pool->idle);
        m_pool->open -= int(idle.size());
    }
    for (auto& connection : idle)
        Pool::close(std::move(connection));
}

const DatabaseLocation& Database::location() const
{
    return m_pool->location;
}

ConnectionLease Database::connection()
{
    return ConnectionLease(*this);
}

int Database::waitingForConnection() const
{
    const std::lock_guard lock(m_pool->mutex);
    return int(m_pool->waiters.size());
}

ConnectionLease::ConnectionLease(Database& database)
    : m_pool(database.m_pool)
{
    if (ActiveLease* active = activeLeaseOf(m_pool.get())) {
        ++active->depth;
        m_slot = active->connection;
        return;
    }
    if (t_leases.count == ActiveLeases::kMax)
        throw SqlError("a thread leases connections of more than " + std::to_string(ActiveLeases::kMax)
            + " databases at once");
    Database::Pool& pool = *m_pool;
    std::unique_ptr<PooledConnection> connection;
    {
        std::unique_lock lock(pool.mutex);
        if (!pool.waiters.empty() || (pool.idle.empty() && pool.open >= pool.max)) {
            Database::Pool::Waiter self;
            pool.waiters.push_back(&self);
            self.woken.wait(lock, [&self] { return self.ready; });
            connection = std::move(self.connection);
        } else if (!pool.idle.empty()) {
            connection = std::move(pool.idle.back());
            pool.idle.pop_back();
        } else {
            ++pool.open;
        }
    }
    if (!connection) {
        try {
            connection = pool.openConnection();
        } catch (...) {
            const std::lock_guard lock(pool.mutex);
            pool.giveBack(nullptr);
            throw;
        }
    }
    m_slot = connection.release();
    t_leases.leases[size_t(t_leases.count++)] = {m_pool.get(), m_slot, 1};
}

ConnectionLease::~ConnectionLease()
{
    ActiveLease* active = activeLeaseOf(m_pool.get());
    if (!active || --active->depth > 0)
        return;
    std::unique_ptr<PooledConnection> connection(active->connection);
    std::copy(active + 1, t_leases.end(), active);
    --t_leases.count;
    if (connection->suspect) {
        connection->suspect = false;
        // A connection the server dropped answers nothing; a live one answers this at once.
        QSqlQuery probe(connection->db);
        if (!connection->db.isOpen() || !probe.exec(QStringLiteral("SELECT 1"))) {
            probe = QSqlQuery();
            Database::Pool::close(std::move(connection));
        }
    }
    Database::Pool& pool = *m_pool;
    {
        const std::lock_guard lock(pool.mutex);
        if (!pool.closed) {
            pool.giveBack(std::move(connection));
            return;
        }
        --pool.open;
    }
    if (connection)
        Database::Pool::close(std::move(connection));
}

const QSqlDatabase& ConnectionLease::db() const
{
    return m_slot->db;
}

// ---------------------------------------------------------------------------------------------------------------
// migrations

namespace {

// Numbered migrations: each entry is applied once, in order, inside one transaction, and recorded in
// schema_migrations. Never edit an applied migration; append a new one. Types are portable (VARCHAR, TEXT,
// INTEGER, BIGINT) and mapped for PostgreSQL by forEngine(); binary values are stored as base64 text, so no
// BLOB/BYTEA difference arises.
const std::vector<QStringList>& migrations()
{
    static const std::vector<QStringList> list = {
        // 1: the whole v1 schema
        {
            QStringLiteral(
                "CREATE TABLE legacy_certificates (serial VARCHAR(64) PRIMARY KEY, category VARCHAR(32) "
                "NOT NULL, holder VARCHAR(400) NOT NULL, credential_number VARCHAR(64) NOT NULL, algorithm "
                "VARCHAR(32) NOT NULL, not_before VARCHAR(32) NOT NULL, not_after VARCHAR(32) NOT NULL, "
                "revoked_at VARCHAR(32), certificate TEXT, private_key TEXT, seeded INTEGER NOT NULL "
                "DEFAULT 0, note TEXT, created_at VARCHAR(32) NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE challenges (challenge VARCHAR(64) PRIMARY KEY, serial VARCHAR(64) NOT NULL, "
                "expires_at VARCHAR(32) NOT NULL, used_at VARCHAR(32))"),
            QStringLiteral(
                "CREATE TABLE applications (id VARCHAR(40) PRIMARY KEY, order_no VARCHAR(32) NOT NULL "
                "UNIQUE, token_hash VARCHAR(64) NOT NULL, serial VARCHAR(64) NOT NULL, category "
                "VARCHAR(32) NOT NULL, status VARCHAR(16) NOT NULL, form TEXT NOT NULL, "
                "fee_per_year_fen BIGINT NOT NULL, certificate_fen BIGINT NOT NULL, express_fen BIGINT "
                "NOT NULL, total_fen BIGINT NOT NULL, holder_verified INTEGER NOT NULL, liveness "
                "VARCHAR(16) NOT NULL, liveness_reason TEXT, payment VARCHAR(16) NOT NULL, rejection TEXT, "
                "shipment_carrier VARCHAR(200), shipment_tracking_no VARCHAR(200), new_validity_start "
                "VARCHAR(32), acknowledged_at VARCHAR(32), created_at VARCHAR(32) NOT NULL, updated_at "
                "VARCHAR(32) NOT NULL)"),
            QStringLiteral("CREATE INDEX applications_status ON applications (status, updated_at)"),
            QStringLiteral("CREATE INDEX applications_serial ON applications (serial)"),
            QStringLiteral(
                "CREATE TABLE timeline (application_id VARCHAR(40) NOT NULL, seq INTEGER NOT NULL, status "
                "VARCHAR(16) NOT NULL, at VARCHAR(32) NOT NULL, note TEXT, actor VARCHAR(64), PRIMARY KEY "
                "(application_id, seq))"),
            QStringLiteral(
                "CREATE TABLE documents (application_id VARCHAR(40) NOT NULL, kind VARCHAR(32) NOT NULL, "
                "sha256 VARCHAR(64) NOT NULL, size BIGINT NOT NULL, content_type VARCHAR(64) NOT NULL, "
                "uploaded_at VARCHAR(32) NOT NULL, PRIMARY KEY (application_id, kind))"),
            QStringLiteral(
                "CREATE TABLE liveness_sessions (id VARCHAR(40) PRIMARY KEY, application_id VARCHAR(40) "
                "NOT NULL, status VARCHAR(16) NOT NULL, reason TEXT, created_at VARCHAR(32) NOT NULL, "
                "expires_at VARCHAR(32) NOT NULL, completed_at VARCHAR(32))"),
            QStringLiteral("CREATE INDEX liveness_sessions_application ON liveness_sessions (application_id, "
                           "created_at)"),
            QStringLiteral(
                "CREATE TABLE payments (id VARCHAR(40) PRIMARY KEY, application_id VARCHAR(40) NOT NULL, "
                "order_no VARCHAR(32) NOT NULL, method VARCHAR(32) NOT NULL, amount_fen BIGINT NOT NULL, "
                "status VARCHAR(16) NOT NULL, reference VARCHAR(64), created_at VARCHAR(32) NOT NULL, "
                "expires_at VARCHAR(32) NOT NULL, paid_at VARCHAR(32), confirmed_by VARCHAR(64))"),
            QStringLiteral("CREATE INDEX payments_application ON payments (application_id)"),
            QStringLiteral(
                "CREATE TABLE invoices (application_id VARCHAR(40) PRIMARY KEY, number VARCHAR(40) NOT "
                "NULL UNIQUE, access_code VARCHAR(64) NOT NULL, amount_fen BIGINT NOT NULL, mobile "
                "VARCHAR(32), email VARCHAR(320), issued_at VARCHAR(32) NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE outbox (seq INTEGER PRIMARY KEY, application_id VARCHAR(40), channel "
                "VARCHAR(16) NOT NULL, recipient VARCHAR(320) NOT NULL, subject TEXT, body TEXT NOT NULL, "
                "created_at VARCHAR(32) NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE idempotency_keys (scope VARCHAR(400) NOT NULL, idem_key VARCHAR(200) NOT "
                "NULL, request_hash VARCHAR(64) NOT NULL, status INTEGER NOT NULL, response TEXT NOT NULL, "
                "created_at VARCHAR(32) NOT NULL, PRIMARY KEY (scope, idem_key))"),
            QStringLiteral(
                "CREATE TABLE staff_users (username VARCHAR(64) PRIMARY KEY, password_hash VARCHAR(128) "
                "NOT NULL, salt VARCHAR(64) NOT NULL, iterations INTEGER NOT NULL, roles VARCHAR(200) NOT "
                "NULL, created_at VARCHAR(32) NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE staff_sessions (token_hash VARCHAR(64) PRIMARY KEY, username VARCHAR(64) "
                "NOT NULL, roles VARCHAR(200) NOT NULL, created_at VARCHAR(32) NOT NULL, expires_at "
                "VARCHAR(32) NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE telecom_registry (mobile VARCHAR(32) PRIMARY KEY, id_number VARCHAR(32) NOT "
                "NULL)"),
            QStringLiteral(
                "CREATE TABLE issuances (id VARCHAR(40) PRIMARY KEY, application_id VARCHAR(40) NOT NULL, "
                "status VARCHAR(16) NOT NULL, signing_serial VARCHAR(64) NOT NULL, encryption_serial "
                "VARCHAR(64) NOT NULL, signing_certificate TEXT NOT NULL, encryption_certificate TEXT NOT "
                "NULL, not_before VARCHAR(32) NOT NULL, not_after VARCHAR(32) NOT NULL, created_at "
                "VARCHAR(32) NOT NULL, confirmed_at VARCHAR(32), token_serial VARCHAR(128), token_label "
                "VARCHAR(128), issued_by VARCHAR(64))"),
            QStringLiteral("CREATE INDEX issuances_application ON issuances (application_id)"),
            QStringLiteral(
                "CREATE TABLE revocations (serial VARCHAR(64) PRIMARY KEY, revoked_at VARCHAR(32) NOT "
                "NULL, reason VARCHAR(32) NOT NULL, source VARCHAR(16) NOT NULL)"),
        },
        // 2: stored Idempotency-Key replies expire after a day; find them without a table scan
        {
            QStringLiteral("CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)"),
        },
        // 3: the applicant's own centre: SMS sign-in codes (hashed), their hourly request counters per hashed
        // mobile and address, and applicant sessions (token hashed)
        {
            QStringLiteral(
                "CREATE TABLE applicant_codes (mobile VARCHAR(32) PRIMARY KEY, code_hash VARCHAR(128) NOT "
                "NULL, "
                "salt VARCHAR(64) NOT NULL, iterations INTEGER NOT NULL, failures INTEGER NOT NULL, "
                "expires_at "
                "VARCHAR(32) NOT NULL, resend_after VARCHAR(32) NOT NULL, created_at VARCHAR(32) NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE applicant_code_requests (rate_key VARCHAR(100) NOT NULL, requested_at "
                "VARCHAR(32) NOT NULL)"),
            QStringLiteral("CREATE INDEX applicant_code_requests_key ON applicant_code_requests (rate_key, "
                           "requested_at)"),
            QStringLiteral(
                "CREATE TABLE applicant_sessions (token_hash VARCHAR(64) PRIMARY KEY, mobile VARCHAR(32) NOT "
                "NULL, created_at VARCHAR(32) NOT NULL, expires_at VARCHAR(32) NOT NULL)"),
        },
        // 4: `certdesk-server staff disable` keeps the account (and what it did) but ends its sign-ins
        {
            QStringLiteral("ALTER TABLE staff_users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0"),
        },
        // 5: staff sign-in throttling (per user name and per client address, shared by every instance on the
        // database) and the hash-chained audit trail (Audit.h)
        {
            QStringLiteral(
                "CREATE TABLE login_throttle (scope VARCHAR(200) PRIMARY KEY, failures INTEGER NOT NULL, "
                "blocked_until VARCHAR(32), updated_at VARCHAR(32) NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE audit_log (seq BIGINT PRIMARY KEY, at VARCHAR(32) NOT NULL, actor VARCHAR(200) "
                "NOT NULL, action VARCHAR(64) NOT NULL, subject VARCHAR(200) NOT NULL, detail TEXT NOT NULL, "
                "prev_hash VARCHAR(64) NOT NULL, hash VARCHAR(64) NOT NULL)"),
        },
        // 6: revocations of old certificates whose CA key the service does not hold, queued for the
        // CA's own system (`certdesk-server legacy revocations`, the signed webhook) with each delivery's
        // state
        {
            QStringLiteral(
                "CREATE TABLE legacy_revocation_queue (serial VARCHAR(64) PRIMARY KEY, reason VARCHAR(32) "
                "NOT "
                "NULL, revoked_at VARCHAR(32) NOT NULL, order_no VARCHAR(32), queued_at VARCHAR(32) NOT "
                "NULL, "
                "webhook_status VARCHAR(16) NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at "
                "VARCHAR(32), delivered_at VARCHAR(32), last_error TEXT)"),
            QStringLiteral("CREATE INDEX legacy_revocation_queue_due ON legacy_revocation_queue "
                           "(webhook_status, next_attempt_at)"),
        },
        // 7: providers (docs/providers.md): the QR content a payment or liveness provider gave, when the
        // provider
        // was last asked about a pending order or session, the person a liveness session was started for
        // (hashed), the notifications already handled (a duplicate changes nothing) and the nonces of signed
        // callbacks (a replay is refused), and the SMS queue state of outbox rows
        {
            QStringLiteral("ALTER TABLE payments ADD COLUMN qr_content TEXT"),
            QStringLiteral("ALTER TABLE payments ADD COLUMN provider_txn VARCHAR(64)"),
            QStringLiteral("ALTER TABLE payments ADD COLUMN queried_at VARCHAR(32)"),
            QStringLiteral("ALTER TABLE liveness_sessions ADD COLUMN qr_content TEXT"),
            QStringLiteral("ALTER TABLE liveness_sessions ADD COLUMN person_hash VARCHAR(64)"),
            QStringLiteral("ALTER TABLE liveness_sessions ADD COLUMN queried_at VARCHAR(32)"),
            QStringLiteral(
                "CREATE TABLE provider_notifications (provider VARCHAR(32) NOT NULL, notification_id "
                "VARCHAR(128) NOT NULL, received_at VARCHAR(32) NOT NULL, outcome VARCHAR(32) NOT NULL, "
                "PRIMARY KEY (provider, notification_id))"),
            QStringLiteral(
                "CREATE TABLE provider_nonces (provider VARCHAR(32) NOT NULL, nonce VARCHAR(128) NOT NULL, "
                "seen_at VARCHAR(32) NOT NULL, PRIMARY KEY (provider, nonce))"),
            QStringLiteral("ALTER TABLE outbox ADD COLUMN sent_at VARCHAR(32)"),
            QStringLiteral("ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE outbox ADD COLUMN next_attempt_at VARCHAR(32)"),
        },
        // 8: the mailed UKey's receipt: challenges the new signing key signs (hashed; used once, 5 minutes)
        {
            QStringLiteral(
                "CREATE TABLE receipt_challenges (challenge_hash VARCHAR(64) PRIMARY KEY, application_id "
                "VARCHAR(40) NOT NULL, created_at VARCHAR(32) NOT NULL, expires_at VARCHAR(32) NOT NULL, "
                "used INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral(
                "CREATE INDEX receipt_challenges_application ON receipt_challenges (application_id, "
                "created_at)"),
        },
        // 9: the telecom real-name check answers only for a certificate the client looked up. Which address
        // looked a serial up, and the (mobile, ID number) pairs checked under each lookup or application,
        // hashed (a budget per lookup, not a free oracle).
        {
            QStringLiteral("ALTER TABLE challenges ADD COLUMN client_address VARCHAR(64)"),
            QStringLiteral("CREATE INDEX challenges_serial ON challenges (serial, client_address)"),
            QStringLiteral(
                "CREATE TABLE realname_checks (scope VARCHAR(100) NOT NULL, pair_hash VARCHAR(64) NOT NULL, "
                "checked_at VARCHAR(32) NOT NULL, PRIMARY KEY (scope, pair_hash))"),
        },
        // 10: several instances on one database (docs/deployment.md). Counters taken inside the transaction
        // that
        // uses them (order numbers per day), facts about the store (whether it is a sandbox's), the claim of
        // an
        // issuance in progress (a second issuance of the same application at the same moment is refused, not
        // run beside it), and the database's word that no certificate serial is issued twice.
        {
            QStringLiteral("CREATE TABLE counters (name VARCHAR(100) PRIMARY KEY, value BIGINT NOT NULL)"),
            QStringLiteral("CREATE TABLE store_settings (name VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("ALTER TABLE applications ADD COLUMN issuing_since VARCHAR(32)"),
            QStringLiteral("CREATE UNIQUE INDEX issuances_signing_serial ON issuances (signing_serial)"),
            QStringLiteral(
                "CREATE UNIQUE INDEX issuances_encryption_serial ON issuances (encryption_serial)"),
        },
    };
    return list;
}

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

// The migrations are written in the types both engines share; on PostgreSQL two need mapping to keep
// SQLite's meaning: INTEGER is 64-bit in SQLite (32-bit in PostgreSQL), and SQLite ignores a VARCHAR length,
// which the service never relied on (it checks lengths itself) but PostgreSQL would enforce.
QString forEngine(QString sql, bool postgres)
{
    if (!postgres)
        return sql;
    static const QRegularExpression varchar(QStringLiteral("\\bVARCHAR\\(\\d+\\)"));
    static const QRegularExpression integer(QStringLiteral("\\bINTEGER\\b"));
    sql.replace(varchar, QStringLiteral("TEXT"));
    sql.replace(integer, QStringLiteral("BIGINT"));
    return sql;
}

// The 64-bit key of a PostgreSQL advisory lock named `name` (the first 8 bytes of its SHA-256).
qint64 advisoryKey(const QString& name)
{
    const QByteArray digest = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256);
    return qFromBigEndian<qint64>(digest.constData());
}

} // namespace

bool Database::migrate(QString* error)
{
    try {
        // One lease for the whole run: on PostgreSQL the advisory lock belongs to this connection, and every
        // instance that starts at the same moment waits here until the first has migrated.
        const ConnectionLease lease(*this);
        const bool postgres = isPostgres();
        std::optional<NamedLock> turn;
        if (postgres)
            turn.emplace(*this, QStringLiteral("certdesk-server migrations"));
        {
            WriteTransaction tx(*this);
            execute(tx.db(),
                forEngine(
                    QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY "
                                   "KEY, applied_at VARCHAR(32) NOT NULL)"),
                    postgres));
            tx.commit();
        }
        const int current = schemaVersion();
        const auto& list = migrations();
        for (int version = current + 1; version <= int(list.size()); ++version) {
            WriteTransaction step(*this);
            for (const QString& sql : list[size_t(version - 1)])
                execute(step.db(), forEngine(sql, postgres));
            run(step.db(),
                QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"),
                {version, nowText()});
            step.commit();
        }
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
}

bool Database::ping() const
{
    const DatabaseLocation& location = m_pool->location;
    if (!location.isPostgres()) {
        // SQLITE_OPEN_READWRITE without SQLITE_OPEN_CREATE: a file that is gone is an error, not a new empty
        // database.
        sqlite3* handle = nullptr;
        int rc = sqlite3_open_v2(
            QFile::encodeName(location.sqlitePath).constData(), &handle, SQLITE_OPEN_READWRITE, nullptr);
        if (rc == SQLITE_OK) {
            sqlite3_busy_timeout(handle, 2000);
            rc = sqlite3_exec(
                handle, "SELECT MAX(version) FROM schema_migrations", nullptr, nullptr, nullptr);
        }
        sqlite3_close(handle);
        return rc == SQLITE_OK;
    }
    // PostgreSQL: a connection of its own, made now (the pooled ones may all be lent, or outlive a server
    // that is gone until their next statement), given 2 seconds.
    const QString name = m_pool->prefix + QStringLiteral("-ping-") + QString::number(m_pool->counter++);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        setPostgresTarget(db, location, location.connectOptions + QStringLiteral(";connect_timeout=2"));
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(QStringLiteral("SELECT MAX(version) FROM schema_migrations"));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

int Database::schemaVersion()
{
    const ConnectionLease lease(*this);
    const QVariant v = scalar(lease, QStringLiteral("SELECT MAX(version) FROM schema_migrations"));
    return v.isNull() ? 0 : v.toInt();
}

QSqlQuery run(const QSqlDatabase& db, const QString& sql, const QVariantList& binds)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        fail(db,
            "prepare failed: " + query.lastError().text().toStdString()
                + " in: " + sql.left(60).toStdString(),
            query.lastError());
    for (const QVariant& value : binds)
        query.addBindValue(value);
    if (!query.exec())
        fail(db,
            "exec failed: " + query.lastError().text().toStdString() + " in: " + sql.left(60).toStdString(),
            query.lastError());
    return query;
}

StatementLease runCached(const QSqlDatabase& db, const QString& sql, const QVariantList& binds)
{
    PooledConnection* connection = activeConnectionNamed(db.connectionName());
    if (!connection)
        throw SqlError("runCached on a connection this thread has not leased");
    auto it = connection->statements.find(sql);
    if (it == connection->statements.end()) {
        auto query = std::make_unique<QSqlQuery>(db);
        query->setForwardOnly(true);
        if (!query->prepare(sql))
            fail(db,
                "prepare failed: " + query->lastError().text().toStdString()
                    + " in: " + sql.left(60).toStdString(),
                query->lastError());
        it = connection->statements.emplace(sql, std::move(query)).first;
    }
    QSqlQuery& query = *it->second;
    query.finish();
    for (int i = 0; i < int(binds.size()); ++i)
        query.bindValue(i, binds[i]);
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        // A statement prepared on a connection that then failed may be gone on the server: prepare afresh.
        connection->statements.erase(it);
        fail(db, "exec failed: " + error.text().toStdString() + " in: " + sql.left(60).toStdString(), error);
    }
    return StatementLease(query);
}

// ---------------------------------------------------------------------------------------------------------------
// native rows

namespace {

// The driver's own handle (QSqlDriver::handle()): `sqlite3*` from QSQLITE, `PGconn*` from QPSQL, whose
// metatype is named after the struct behind libpq's typedef (`pg_conn*` in Qt 6.4).
template<typename T>
T* driverHandle(const QSqlDatabase& db, std::initializer_list<const char*> typeNames)
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid())
        return nullptr;
    for (const char* name : typeNames) {
        if (qstrcmp(handle.typeName(), name) == 0)
            return *static_cast<T* const*>(handle.constData());
    }
    return nullptr;
}

// SQLite's last error on `handle` as QSQLITE reports it (extended result code as the native code), for
// SqlError.
QSqlError sqliteError(sqlite3* handle)
{
    return QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(handle)), QSqlError::StatementError,
        QString::number(sqlite3_extended_errcode(handle)));
}

[[noreturn]] void failSqlite(const QSqlDatabase& db, sqlite3* handle, const char* step, const QString& sql)
{
    fail(db, std::string(step) + " failed: " + sqlite3_errmsg(handle) + " in: " + sql.left(60).toStdString(),
        sqliteError(handle));
}

#if CERTDESK_HAVE_LIBPQ
// Frees `result` (may be null: a failure of the connection itself) and throws.
[[noreturn]] void failPostgres(
    const QSqlDatabase& db, PGconn* handle, PGresult* result, const char* step, const QString& sql)
{
    markSuspect(db);
    SqlError error = postgresError(step, result, handle, sql);
    PQclear(result);
    throw error;
}
#endif

} // namespace

NativeRows::NativeRows(NativeRows&& other) noexcept
    : m_sqlite(std::exchange(other.m_sqlite, nullptr))
    , m_postgres(std::exchange(other.m_postgres, nullptr))
    , m_row(other.m_row)
    , m_qt(std::move(other.m_qt))
{
    other.m_qt.reset();
}

NativeRows::~NativeRows()
{
    if (m_sqlite)
        sqlite3_reset(m_sqlite);
#if CERTDESK_HAVE_LIBPQ
    if (m_postgres)
        PQclear(m_postgres);
#endif
}

bool NativeRows::next()
{
    if (m_qt)
        return m_qt->next();
    if (m_sqlite) {
        const int rc = sqlite3_step(m_sqlite);
        if (rc == SQLITE_ROW)
            return true;
        if (rc == SQLITE_DONE)
            return false;
        sqlite3* handle = sqlite3_db_handle(m_sqlite);
        throw SqlError(std::string("step failed: ") + sqlite3_errmsg(handle), sqliteError(handle));
    }
#if CERTDESK_HAVE_LIBPQ
    if (m_postgres)
        return ++m_row < PQntuples(m_postgres);
#endif
    return false;
}

QVariant NativeRows::value(int index) const
{
    if (m_qt)
        return m_qt->value(index);
    if (m_sqlite) {
        switch (sqlite3_column_type(m_sqlite, index)) {
        case SQLITE_NULL:
            return {};
        case SQLITE_INTEGER:
            return qlonglong(sqlite3_column_int64(m_sqlite, index));
        case SQLITE_FLOAT:
            return sqlite3_column_double(m_sqlite, index);
        default:
            // column_text before column_bytes (https://sqlite.org/c3ref/column_blob.html).
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_sqlite, index));
            return QString::fromUtf8(text, sqlite3_column_bytes(m_sqlite, index));
        }
    }
#if CERTDESK_HAVE_LIBPQ
    if (m_postgres) {
        if (PQgetisnull(m_postgres, m_row, index))
            return {};
        return QString::fromUtf8(PQgetvalue(m_postgres, m_row, index), PQgetlength(m_postgres, m_row, index));
    }
#endif
    return {};
}

NativeRows runNative(const QSqlDatabase& db, const QString& sql, const QStringList& binds)
{
    PooledConnection* connection = activeConnectionNamed(db.connectionName());
    if (!connection)
        throw SqlError("runNative on a connection this thread has not leased");
    NativeRows rows;
    if (sqlite3* handle = driverHandle<sqlite3>(db, {"sqlite3*"})) {
        auto it = connection->sqliteStatements.find(sql);
        if (it == connection->sqliteStatements.end()) {
            const QByteArray text = sql.toUtf8();
            sqlite3_stmt* statement = nullptr;
            if (sqlite3_prepare_v3(handle, text.constData(), int(text.size()), SQLITE_PREPARE_PERSISTENT,
                    &statement, nullptr)
                != SQLITE_OK)
                failSqlite(db, handle, "prepare", sql);
            it = connection->sqliteStatements.emplace(sql, statement).first;
        }
        sqlite3_stmt* statement = it->second;
        sqlite3_reset(statement);
        for (int i = 0; i < int(binds.size()); ++i) {
            const QByteArray value = binds[i].toUtf8();
            if (sqlite3_bind_text(statement, i + 1, value.constData(), int(value.size()), SQLITE_TRANSIENT)
                != SQLITE_OK)
                failSqlite(db, handle, "bind", sql);
        }
        rows.m_sqlite = statement;
        return rows;
    }
#if CERTDESK_HAVE_LIBPQ
    if (PGconn* handle = driverHandle<PGconn>(db, {"PGconn*", "pg_conn*"})) {
        auto it = connection->postgresStatements.find(sql);
        if (it == connection->postgresStatements.end()) {
            const QByteArray name = "certdesk_native_" + QByteArray::number(++connection->postgresNamed);
            PGresult* prepared = PQprepare(
                handle, name.constData(), postgresPlaceholders(sql).constData(), int(binds.size()), nullptr);
            if (PQresultStatus(prepared) != PGRES_COMMAND_OK)
                failPostgres(db, handle, prepared, "prepare", sql);
            PQclear(prepared);
            it = connection->postgresStatements.emplace(sql, name).first;
        }
        std::vector<QByteArray> values;
        std::vector<const char*> pointers;
        values.reserve(size_t(binds.size()));
        for (const QString& bind : binds) {
            values.push_back(bind.toUtf8());
            pointers.push_back(values.back().constData());
        }
        PGresult* result = PQexecPrepared(
            handle, it->second.constData(), int(pointers.size()), pointers.data(), nullptr, nullptr, 0);
        if (PQresultStatus(result) != PGRES_TUPLES_OK) {
            // Prepared afresh next time when the server lost it (26000 invalid_sql_statement_name); an error
            // of the execution keeps it (preparing anew after each would leave one more in the backend). A
            // broken connection is closed when the lease ends (markSuspect), its statements with it.
            if (postgresStatementLost(result))
                connection->postgresStatements.erase(it);
            failPostgres(db, handle, result, "exec", sql);
        }
        rows.m_postgres = result;
        return rows;
    }
#endif
    QVariantList qtBinds;
    for (const QString& bind : binds)
        qtBinds.append(bind);
    rows.m_qt.emplace(runCached(db, sql, qtBinds));
    return rows;
}

#if CERTDESK_HAVE_LIBPQ
PostgresPipeline& Database::Pool::readPipeline()
{
    std::call_once(pipelineStarted, [this] {
        // A Qt Sql connection like the pool's (the same target, options and session settings), opened and
        // closed on the pipeline's thread; libpq's handle is all the pipeline uses of it.
        struct Connection : PostgresPipeline::Connection
        {
            std::unique_ptr<PooledConnection> pooled;
            PGconn* pq = nullptr;
            ~Connection() override { Pool::close(std::move(pooled)); }
            [[nodiscard]] PGconn* handle() const override { return pq; }
        };
        pipeline = std::make_unique<PostgresPipeline>([this] {
            auto connection = std::make_unique<Connection>();
            connection->pooled = openConnection();
            connection->pq = driverHandle<PGconn>(connection->pooled->db, {"PGconn*", "pg_conn*"});
            if (!connection->pq)
                throw SqlError(
                    "the Qt PostgreSQL driver gives no libpq connection", SqlError::Kind::Unavailable);
            return std::unique_ptr<PostgresPipeline::Connection>(std::move(connection));
        });
        pipelineRunning = pipeline.get();
    });
    return *pipeline;
}
#endif

void Database::read(
    const QString& sql, const QStringList& binds, const std::function<void(NativeRows&)>& rows)
{
#if CERTDESK_HAVE_LIBPQ
    if (isPostgres() && !activeLeaseOf(m_pool.get())) {
        std::vector<QByteArray> values;
        values.reserve(size_t(binds.size()));
        for (const QString& bind : binds)
            values.push_back(bind.toUtf8());
        NativeRows native;
        native.m_postgres = m_pool->readPipeline().run(sql, values);
        rows(native);
        return;
    }
#endif
    const ConnectionLease lease(*this);
    NativeRows native = runNative(lease.db(), sql, binds);
    rows(native);
}

Database::PipelineCounts Database::pipelineCounts() const
{
#if CERTDESK_HAVE_LIBPQ
    if (const PostgresPipeline* pipeline = m_pool->pipelineRunning.load())
        return {pipeline->batches(), pipeline->connectionsOpened(), pipeline->queued()};
#endif
    return {};
}

QVariant scalar(const QSqlDatabase& db, const QString& sql, const QVariantList& binds)
{
    QSqlQuery query = run(db, sql, binds);
    if (!query.next())
        return {};
    return query.value(0);
}

WriteTransaction::WriteTransaction(Database& database, Isolation isolation)
    : m_lease(database)
{
    const QSqlDatabase& db = m_lease.db();
    const bool postgres = isPostgresDriver(db);
    if (!postgres)
        m_lock = std::unique_lock(database.writeMutex());
    if (m_lease.pooled().inTransaction)
        throw SqlError("a write transaction inside another transaction on the same connection");
    if (!QSqlDatabase(db).transaction())
        fail(db, "BEGIN failed: " + db.lastError().text().toStdString(), db.lastError());
    if (postgres && isolation == Isolation::Serializable) {
        try {
            execute(db, QStringLiteral("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"));
        } catch (...) {
            QSqlDatabase(db).rollback();
            throw;
        }
    }
    m_lease.pooled().inTransaction = true;
}

WriteTransaction::~WriteTransaction()
{
    if (!m_done)
        QSqlDatabase(m_lease.db()).rollback();
    m_lease.pooled().inTransaction = false;
}

void WriteTransaction::commit()
{
    m_done = true;
    m_lease.pooled().inTransaction = false;
    QSqlDatabase db = m_lease.db();
    if (!db.commit()) {
        const QSqlError error = db.lastError();
        db.rollback();
        if (m_lock.owns_lock())
            m_lock.unlock();
        fail(db, "COMMIT failed: " + error.text().toStdString(), error);
    }
    if (m_lock.owns_lock())
        m_lock.unlock();
}

ReadTransaction::ReadTransaction(Database& database)
    : m_lease(database)
{
    QSqlDatabase db = m_lease.db();
    if (m_lease.pooled().inTransaction)
        return;
    m_active = db.transaction();
    // PostgreSQL's default READ COMMITTED takes a new snapshot per statement; one snapshot for all of them.
    if (m_active && isPostgresDriver(db)) {
        try {
            execute(db, QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
        } catch (...) {
            db.rollback();
            throw;
        }
    }
    m_lease.pooled().inTransaction = m_active;
}

ReadTransaction::~ReadTransaction()
{
    if (!m_active)
        return;
    QSqlDatabase(m_lease.db()).commit();
    m_lease.pooled().inTransaction = false;
}

NamedLock::NamedLock(Database& database, const QString& name)
{
    if (!database.isPostgres())
        return;
    m_lease.emplace(database);
    m_key = advisoryKey(name);
    run(m_lease->db(), QStringLiteral("SELECT pg_advisory_lock(?)"), {m_key});
}

NamedLock::~NamedLock()
{
    if (!m_lease)
        return;
    try {
        run(m_lease->db(), QStringLiteral("SELECT pg_advisory_unlock(?)"), {m_key});
    } catch (const SqlError&) {
        // The connection is marked suspect and, if dead, closed: the server releases a session's locks when
        // the session ends.
    }
}

void retryOnConflict(const std::function<void()>& work, int attempts)
{
    for (int attempt = 1;; ++attempt) {
        try {
            work();
            return;
        } catch (const SqlError& e) {
            if (e.kind() != SqlError::Kind::Conflict || attempt >= attempts)
                throw;
        }
        // Losers retrying in step would meet again: a random pause whose range doubles with each try, up to
        // 200 ms (small tables are read by sequential scans, whose predicate locks cover the whole table, so
        // under load many transactions collide; PostgreSQL documentation, "Serializable Isolation Level").
        const int range = attempt >= 8 ? 200 : std::min(200, 2 << attempt);
        std::this_thread::sleep_for(
            std::chrono::milliseconds(1 + QRandomGenerator::global()->bounded(range)));
    }
}

} // namespace certdesk::server
