#include "Database.h"

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QSqlError>
#include <QStringList>
#include <QUuid>

#include <sqlite3.h>

#include <atomic>
#include <list>
#include <map>
#include <set>
#include <utility>
#include <vector>

namespace certdesk::server {

SqlError::SqlError(const std::string& what, const QSqlError& error)
    : std::runtime_error(what)
{
    // Extended result codes carry the primary code in their low byte (https://sqlite.org/rescode.html).
    // QSQLITE reports no code for a failed BEGIN or COMMIT, only SQLite's message: match that then.
    bool numeric = false;
    const int native = error.nativeErrorCode().toInt(&numeric) & 0xff;
    const QString text = error.databaseText();
    const auto is = [&](int code) {
        return numeric ? native == code : text.contains(QString::fromUtf8(sqlite3_errstr(code)));
    };
    if (is(SQLITE_FULL) || is(SQLITE_IOERR))
        m_kind = Kind::StorageFull;
    else if (is(SQLITE_BUSY) || is(SQLITE_LOCKED))
        m_kind = Kind::Busy;
}

// Connections opened for one Database, by name. Shared with the per-thread holders so that a thread ending
// after the Database is gone (or a Database destroyed while threads still hold names) stays safe.
struct Database::Registry
{
    std::mutex mutex;
    std::set<QString> names;
    QString prefix;
    std::atomic<int> counter {0};
    bool closed = false;
};

namespace {

// The connections this thread opened, closed when the thread ends.
struct ThreadConnections
{
    struct Entry
    {
        std::weak_ptr<Database::Registry> registry;
        Database::Registry* key = nullptr;
        QString name;
        QSqlDatabase db;
        std::map<QString, std::unique_ptr<QSqlQuery>> statements;
    };
    std::list<Entry> entries;

    ~ThreadConnections()
    {
        for (Entry& entry : entries) {
            const std::shared_ptr<Database::Registry> registry = entry.registry.lock();
            entry.statements.clear();
            entry.db.close();
            entry.db = QSqlDatabase();
            if (!registry)
                continue;
            const std::lock_guard lock(registry->mutex);
            if (registry->names.erase(entry.name) > 0)
                QSqlDatabase::removeDatabase(entry.name);
        }
    }
};

thread_local ThreadConnections t_connections;

// Numbered migrations: each entry is applied once, in order, inside one transaction, and recorded in
// schema_migrations. Never edit an applied migration; append a new one. Types are portable (VARCHAR, TEXT,
// INTEGER, BIGINT); binary values are stored as base64 text so the schema works unchanged on PostgreSQL.
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
    };
    return list;
}

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

} // namespace

Database::Database(const QString& path)
    : m_path(path)
    , m_registry(std::make_shared<Registry>())
{
    m_registry->prefix
        = QStringLiteral("certdesk-server-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Database::~Database()
{
    // Drop this thread's handles first (the destructor normally runs on the thread that started the service).
    auto& entries = t_connections.entries;
    for (auto it = entries.begin(); it != entries.end();) {
        if (it->key == m_registry.get()) {
            it->statements.clear();
            it->db.close();
            it->db = QSqlDatabase();
            it = entries.erase(it);
        } else {
            ++it;
        }
    }
    const std::lock_guard lock(m_registry->mutex);
    m_registry->closed = true;
    for (const QString& name : m_registry->names)
        QSqlDatabase::removeDatabase(name);
    m_registry->names.clear();
}

QSqlDatabase Database::connection()
{
    // SQLite's memory statistics take a process-wide mutex on every allocation, which the worker threads then
    // fight over; the service does not use them. Only possible before SQLite initialises (else SQLITE_MISUSE,
    // which is harmless).
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
    for (const auto& entry : t_connections.entries) {
        if (entry.key == m_registry.get())
            return entry.db;
    }
    const QString name = m_registry->prefix + QLatin1Char('-') + QString::number(m_registry->counter++);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open()) {
        const QString text = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        throw SqlError("cannot open database: " + text.toStdString(), db.lastError());
    }
    // WAL: readers never block the writer. synchronous=FULL: a commit is on disk (fsync) before the response
    // that acknowledges it is sent. These PRAGMAs are the only SQLite-specific statements and live here only.
    run(db, QStringLiteral("PRAGMA journal_mode=WAL"));
    run(db, QStringLiteral("PRAGMA synchronous=FULL"));
    run(db, QStringLiteral("PRAGMA foreign_keys=ON"));
    run(db, QStringLiteral("PRAGMA cache_size=-1024"));
    {
        const std::lock_guard lock(m_registry->mutex);
        m_registry->names.insert(name);
    }
    t_connections.entries.push_back({m_registry, m_registry.get(), name, db});
    return db;
}

bool Database::migrate(QString* error)
{
    try {
        {
            WriteTransaction tx(*this);
            run(tx.db(),
                QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                               "applied_at VARCHAR(32) NOT NULL)"));
            tx.commit();
        }
        const int current = schemaVersion();
        const auto& list = migrations();
        for (int version = current + 1; version <= int(list.size()); ++version) {
            WriteTransaction step(*this);
            for (const QString& sql : list[size_t(version - 1)])
                run(step.db(), sql);
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
    // SQLITE_OPEN_READWRITE without SQLITE_OPEN_CREATE: a file that is gone is an error, not a new empty
    // database.
    sqlite3* handle = nullptr;
    int rc = sqlite3_open_v2(QFile::encodeName(m_path).constData(), &handle, SQLITE_OPEN_READWRITE, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(handle, 2000);
        rc = sqlite3_exec(handle, "SELECT MAX(version) FROM schema_migrations", nullptr, nullptr, nullptr);
    }
    sqlite3_close(handle);
    return rc == SQLITE_OK;
}

int Database::schemaVersion()
{
    const QVariant v = scalar(connection(), QStringLiteral("SELECT MAX(version) FROM schema_migrations"));
    return v.isNull() ? 0 : v.toInt();
}

QSqlQuery run(const QSqlDatabase& db, const QString& sql, const QVariantList& binds)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        throw SqlError("prepare failed: " + query.lastError().text().toStdString()
                + " in: " + sql.left(60).toStdString(),
            query.lastError());
    for (const QVariant& value : binds)
        query.addBindValue(value);
    if (!query.exec())
        throw SqlError(
            "exec failed: " + query.lastError().text().toStdString() + " in: " + sql.left(60).toStdString(),
            query.lastError());
    return query;
}

StatementLease runCached(const QSqlDatabase& db, const QString& sql, const QVariantList& binds)
{
    const QString name = db.connectionName();
    for (auto& entry : t_connections.entries) {
        if (entry.name != name)
            continue;
        auto it = entry.statements.find(sql);
        if (it == entry.statements.end()) {
            auto query = std::make_unique<QSqlQuery>(db);
            query->setForwardOnly(true);
            if (!query->prepare(sql))
                throw SqlError("prepare failed: " + query->lastError().text().toStdString()
                        + " in: " + sql.left(60).toStdString(),
                    query->lastError());
            it = entry.statements.emplace(sql, std::move(query)).first;
        }
        QSqlQuery& query = *it->second;
        query.finish();
        for (int i = 0; i < int(binds.size()); ++i)
            query.bindValue(i, binds[i]);
        if (!query.exec())
            throw SqlError("exec failed: " + query.lastError().text().toStdString()
                    + " in: " + sql.left(60).toStdString(),
                query.lastError());
        return StatementLease(query);
    }
    throw SqlError("runCached on a connection of another thread");
}

QVariant scalar(const QSqlDatabase& db, const QString& sql, const QVariantList& binds)
{
    QSqlQuery query = run(db, sql, binds);
    if (!query.next())
        return {};
    return query.value(0);
}

WriteTransaction::WriteTransaction(Database& database)
    : m_lock(database.writeMutex())
    , m_db(database.connection())
{
    if (!m_db.transaction())
        throw SqlError("BEGIN failed: " + m_db.lastError().text().toStdString(), m_db.lastError());
}

WriteTransaction::~WriteTransaction()
{
    if (!m_done)
        m_db.rollback();
}

void WriteTransaction::commit()
{
    m_done = true;
    if (!m_db.commit()) {
        const QSqlError error = m_db.lastError();
        m_db.rollback();
        m_lock.unlock();
        throw SqlError("COMMIT failed: " + error.text().toStdString(), error);
    }
    m_lock.unlock();
}

ReadTransaction::ReadTransaction(Database& database)
    : m_db(database.connection())
{
    m_active = m_db.transaction();
}

ReadTransaction::~ReadTransaction()
{
    if (m_active)
        m_db.commit();
}

} // namespace certdesk::server
