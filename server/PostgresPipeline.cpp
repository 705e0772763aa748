#include "PostgresPipeline.h"

#include "Database.h"

#include <QSqlError>
#include <QString>

#include <libpq-fe.h>

#include <exception>
#include <string>

namespace certdesk::server {

namespace {

// At most this many statements a batch. All of a batch is written before its results are read (a blocking
// connection), so a batch must fit the sockets' buffers both ways, or the server would wait for its results
// to be read while the client still writes (libpq "Pipeline Mode", interleaving result processing): a read's
// statement is under a hundred bytes and its result a few kilobytes, against buffers of 200 kB.
constexpr std::size_t kMaxBatch = 32;

// How often a statement is sent on a connection that then broke before it is given up.
constexpr int kAttempts = 2;

// Whether `result` ends the session rather than the statement: a FATAL or PANIC error (a backend terminated
// by an administrator, a server shutting down: 57P01, 57P02) arrives as a statement's error before libpq sees
// the connection close; class 08 is a connection exception (PostgreSQL documentation, "Error Message
// Reporting", Appendix A).
bool endsSession(const PGresult* result)
{
    const char* severity = PQresultErrorField(result, PG_DIAG_SEVERITY_NONLOCALIZED);
    const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    return (severity && (qstrcmp(severity, "FATAL") == 0 || qstrcmp(severity, "PANIC") == 0))
        || (state && qstrncmp(state, "08", 2) == 0);
}

} // namespace

QByteArray postgresPlaceholders(const QString& sql)
{
    QString out;
    out.reserve(sql.size() + 16);
    int parameter = 0;
    QChar quote;
    for (const QChar c : sql) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
        } else if (c == QLatin1Char('?')) {
            out += QLatin1Char('$') + QString::number(++parameter);
            continue;
        }
        out += c;
    }
    return out.toUtf8();
}

SqlError postgresError(const char* step, const PGresult* result, const PGconn* handle, const QString& sql)
{
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const QString message
        = QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(handle)).trimmed();
    return SqlError(
        std::string(step) + " failed: " + message.toStdString() + " in: " + sql.left(60).toStdString(),
        QSqlError(
            QString(), message, QSqlError::StatementError, state ? QString::fromLatin1(state) : QString()),
        true);
}

bool postgresStatementLost(const PGresult* result)
{
    const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    return state && qstrcmp(state, "26000") == 0;
}

struct PostgresPipeline::Request
{
    QString sql;
    const std::vector<QByteArray>* parameters = nullptr;
    PGresult* result = nullptr;
    std::exception_ptr error;
    int attempts = 0; // sent on connections that broke
    QByteArray preparing; // the batch under way prepares the statement under this name first
    bool done = false;
    std::mutex mutex;
    std::condition_variable finished;
};

PostgresPipeline::PostgresPipeline(Open open)
    : m_open(std::move(open))
{
    m_thread = std::thread([this] { loop(); });
}

PostgresPipeline::~PostgresPipeline()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_queued.notify_one();
    m_thread.join();
}

PGresult* PostgresPipeline::run(const QString& sql, const std::vector<QByteArray>& parameters)
{
    Request request;
    request.sql = sql;
    request.parameters = &parameters;
    {
        const std::lock_guard lock(m_mutex);
        if (m_stopping)
            throw SqlError("the database is closing", SqlError::Kind::Unavailable);
        m_queue.push_back(&request);
    }
    m_queued.notify_one();
    std::unique_lock lock(request.mutex);
    request.finished.wait(lock, [&request] { return request.done; });
    if (request.error)
        std::rethrow_exception(request.error);
    return request.result;
}

std::uint64_t PostgresPipeline::batches() const
{
    const std::lock_guard lock(m_mutex);
    return m_batches;
}

std::uint64_t PostgresPipeline::connectionsOpened() const
{
    const std::lock_guard lock(m_mutex);
    return m_opened;
}

std::size_t PostgresPipeline::queued() const
{
    const std::lock_guard lock(m_mutex);
    return m_queue.size();
}

void PostgresPipeline::finish(Request* request)
{
    // Under the request's mutex: the waiting thread may not return (and free the request) before this.
    const std::lock_guard lock(request->mutex);
    request->done = true;
    request->finished.notify_one();
}

void PostgresPipeline::loop()
{
    std::vector<Request*> batch;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_queued.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            // Stopping: run() takes nothing new, and what was queued before is answered first.
            if (m_queue.empty())
                break;
            while (!m_queue.empty() && batch.size() < kMaxBatch) {
                batch.push_back(m_queue.front());
                m_queue.pop_front();
            }
            ++m_batches;
        }
        send(batch);
        batch.clear();
    }
    m_connection.reset();
}

void PostgresPipeline::send(std::vector<Request*>& batch)
{
    if (m_connection && PQstatus(m_connection->handle()) != CONNECTION_OK) {
        m_connection.reset();
        m_prepared.clear();
    }
    if (!m_connection) {
        try {
            m_connection = m_open();
            {
                const std::lock_guard lock(m_mutex);
                ++m_opened;
            }
            if (PQenterPipelineMode(m_connection->handle()) != 1)
                throw postgresError("pipeline mode", nullptr, m_connection->handle(), {});
        } catch (...) {
            m_connection.reset();
            const std::exception_ptr error = std::current_exception();
            for (Request* request : batch) {
                request->error = error;
                finish(request);
            }
            return;
        }
    }

    PGconn* handle = m_connection->handle();
    bool written = true;
    std::vector<const char*> values;
    for (Request* request : batch) {
        request->preparing.clear();
        auto prepared = m_prepared.find(request->sql);
        if (prepared == m_prepared.end()) {
            // New on this connection: prepared in this batch, once (a second request of the batch with the
            // same statement finds the name).
            const QByteArray name = "certdesk_pipelined_" + QByteArray::number(++m_named);
            written = written
                && PQsendPrepare(handle, name.constData(), postgresPlaceholders(request->sql).constData(),
                       int(request->parameters->size()), nullptr)
                    == 1;
            request->preparing = name;
            prepared = m_prepared.emplace(request->sql, name).first;
        }
        values.clear();
        for (const QByteArray& value : *request->parameters)
            values.push_back(value.constData());
        written = written
            && PQsendQueryPrepared(handle, prepared->second.constData(), int(values.size()), values.data(),
                   nullptr, nullptr, 0)
                == 1;
    }
    written = written && PQpipelineSync(handle) == 1 && PQflush(handle) == 0;

    // Each statement's results end with a null result (the prepare's as well), the batch with the sync.
    const auto endOfStatement = [handle] {
        if (PGresult* extra = PQgetResult(handle))
            PQclear(extra);
    };
    std::vector<Request*> again; // aborted because another statement of the batch failed, or lost
    bool broken = !written;
    for (Request* request : batch) {
        if (broken) {
            again.push_back(request);
            ++request->attempts;
            continue;
        }
        std::exception_ptr prepareError;
        if (!request->preparing.isEmpty()) {
            PGresult* prepared = PQgetResult(handle);
            if (PQresultStatus(prepared) != PGRES_COMMAND_OK
                && PQresultStatus(prepared) != PGRES_PIPELINE_ABORTED)
                prepareError
                    = std::make_exception_ptr(postgresError("prepare", prepared, handle, request->sql));
            if (PQresultStatus(prepared) != PGRES_COMMAND_OK)
                m_prepared.erase(request->sql);
            if (prepared)
                endOfStatement();
            PQclear(prepared);
        }
        PGresult* result = PQgetResult(handle);
        const ExecStatusType status = PQresultStatus(result);
        if (result)
            endOfStatement();
        if (status == PGRES_TUPLES_OK) {
            request->result = result;
            finish(request);
            continue;
        }
        if (!result || PQstatus(handle) != CONNECTION_OK || endsSession(result)) {
            PQclear(result);
            broken = true;
            again.push_back(request);
            ++request->attempts;
            continue;
        }
        if (status == PGRES_PIPELINE_ABORTED && !prepareError) {
            PQclear(result);
            again.push_back(request);
            continue;
        }
        // Refused: this statement's own error. Prepared afresh next time only when the server has lost it
        // (26000 invalid_sql_statement_name): an error of the execution keeps the statement, or every such
        // error would leave one more prepared statement in the backend.
        request->error = prepareError
            ? prepareError
            : std::make_exception_ptr(postgresError("exec", result, handle, request->sql));
        if (postgresStatementLost(result))
            m_prepared.erase(request->sql);
        PQclear(result);
        finish(request);
    }
    if (!broken) {
        PGresult* sync = PQgetResult(handle);
        broken = PQresultStatus(sync) != PGRES_PIPELINE_SYNC;
        PQclear(sync);
    }
    if (broken) {
        const std::exception_ptr lost
            = std::make_exception_ptr(SqlError("the connection to PostgreSQL broke: "
                    + QString::fromUtf8(PQerrorMessage(handle)).trimmed().toStdString(),
                SqlError::Kind::Unavailable));
        m_connection.reset();
        m_prepared.clear();
        std::erase_if(again, [this, &lost](Request* request) {
            if (request->attempts < kAttempts)
                return false;
            request->error = lost;
            finish(request);
            return true;
        });
    }
    if (!again.empty()) {
        const std::lock_guard lock(m_mutex);
        m_queue.insert(m_queue.begin(), again.begin(), again.end());
    }
}

} // namespace certdesk::server
