#pragma once

#include <QByteArray>
#include <QString>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

struct pg_conn;
struct pg_result;

namespace certdesk::server {

class SqlError;

// libpq helpers shared by the pipeline and Database's runNative().
// PostgreSQL numbers its parameters: `?` outside quoted text becomes $1, $2, ...
[[nodiscard]] QByteArray postgresPlaceholders(const QString& sql);
// The error of a failed `result` (may be null: then `handle`'s message), its kind from the SQLSTATE as for Qt
// Sql's errors; the text names `step` and the statement, never the bound values.
[[nodiscard]] SqlError postgresError(
    const char* step, const pg_result* result, const pg_conn* handle, const QString& sql);
// Whether the server no longer knows the prepared statement (26000 invalid_sql_statement_name: DEALLOCATE, a
// pooler between service and database): prepare it anew. Any other error keeps it, or every failed execution
// would leave one more prepared statement in the backend.
[[nodiscard]] bool postgresStatementLost(const pg_result* result);

// Single statements of any thread sent down one PostgreSQL connection in libpq's pipeline mode (PostgreSQL
// documentation, libpq "Pipeline Mode"): a thread of its own takes what the request threads have queued,
// sends it as one batch (each statement prepared once on the connection), one sync, and hands each thread its
// result. The server reads a batch at once and answers it at once, so a read costs neither a wake-up of a
// backend of its own nor a wait for a pooled connection; on two cores this serves the hot read at about a
// third more requests per second than 8 pooled connections, at a third of their p99 (docs/deployment.md,
// Benchmark). Statements run in autocommit, each in a snapshot of its own: for reads outside a transaction
// only (Database::read()).
//
// A statement the server refuses fails alone: the others of its batch (aborted by the server up to the sync)
// are sent again in the next. A connection that broke (a server restarted, a backend terminated) is replaced
// before the next batch, and the statements it lost are sent once more on the new one; when no connection
// can be opened, the waiting statements fail with SqlError::Kind::Unavailable.
class PostgresPipeline
{
public:
    // The pipeline's connection: opened (throws SqlError) and destroyed on the pipeline's thread.
    struct Connection
    {
        virtual ~Connection() = default;
        [[nodiscard]] virtual pg_conn* handle() const = 0;
    };
    using Open = std::function<std::unique_ptr<Connection>()>;

    explicit PostgresPipeline(Open open);
    // Fails what is still queued (Unavailable), after the batch under way; closes the connection.
    ~PostgresPipeline();
    PostgresPipeline(const PostgresPipeline&) = delete;
    PostgresPipeline& operator=(const PostgresPipeline&) = delete;

    // Runs `sql` (`?` placeholders, numbered once when the statement is first prepared on the connection)
    // with `parameters` as text and waits for its rows: a PGRES_TUPLES_OK result the caller frees with
    // PQclear. Throws SqlError (the kind from the SQLSTATE, as Qt Sql's errors).
    [[nodiscard]] pg_result* run(const QString& sql, const std::vector<QByteArray>& parameters);

    // Batches sent and connections opened so far (tests: concurrent statements share batches; a broken
    // connection was replaced).
    [[nodiscard]] std::uint64_t batches() const;
    [[nodiscard]] std::uint64_t connectionsOpened() const;
    // Statements waiting for the next batch now.
    [[nodiscard]] std::size_t queued() const;

private:
    struct Request;
    void loop();
    void send(std::vector<Request*>& batch);
    void finish(Request* request);

    Open m_open;
    // The pipeline thread's own: the connection and the names of the statements prepared on it.
    std::unique_ptr<Connection> m_connection;
    std::map<QString, QByteArray> m_prepared; // sql → name
    std::uint64_t m_named = 0;
    mutable std::mutex m_mutex;
    std::condition_variable m_queued;
    std::deque<Request*> m_queue;
    bool m_stopping = false;
    std::uint64_t m_batches = 0;
    std::uint64_t m_opened = 0;
    std::thread m_thread;
};

} // namespace certdesk::server
