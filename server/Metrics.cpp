#include "Metrics.h"

#include "Database.h"

#include <QLocale>
#include <QSqlQuery>

#include <vector>

namespace certdesk::server {

namespace {

// Label values are escaped as the exposition format says: backslash, double quote and line feed.
std::string label(const QString& value)
{
    std::string out;
    for (const char c : value.toStdString()) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string label(const std::string& value)
{
    return label(QString::fromStdString(value));
}

std::string number(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest).toStdString();
}

void help(std::string& out, const char* name, const char* type, const char* text)
{
    out += "# HELP ";
    out += name;
    out += ' ';
    out += text;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

struct Row
{
    std::vector<QString> labels;
    qint64 count = 0;
};

// Rows of "SELECT <label columns>, COUNT(*) ... GROUP BY ...".
std::vector<Row> grouped(const QSqlDatabase& db, const QString& sql, int labelColumns)
{
    std::vector<Row> rows;
    QSqlQuery q = run(db, sql);
    while (q.next()) {
        Row row;
        for (int i = 0; i < labelColumns; ++i)
            row.labels.push_back(q.value(i).toString());
        row.count = q.value(labelColumns).toLongLong();
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace

void Metrics::observeRequest(const std::string& method, const std::string& route, int status, double seconds)
{
    const std::lock_guard lock(m_mutex);
    RouteSeries& series = m_routes[{method, route}];
    ++series.statuses[status];
    ++series.count;
    series.sum += seconds;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i])
            ++series.buckets[i];
    }
}

void Metrics::databaseError(const char* kind)
{
    const std::lock_guard lock(m_mutex);
    ++m_databaseErrors[kind];
}

QByteArray Metrics::render(Database& database)
{
    // The database first, outside the lock: a slow database must not hold up the request threads.
    struct Gauges
    {
        std::vector<Row> applications;
        std::vector<Row> issuances;
        std::vector<Row> payments;
        qint64 legacyRevocationsPending = 0;
        qint64 auditHeadSeq = 0;
        QString auditHeadHash;
    };
    Gauges gauges;
    // Before this scrape takes a connection itself.
    const int waitingForConnection = database.waitingForConnection();
    const std::uint64_t waitingInPipeline = database.pipelineCounts().queued;
    bool databaseUp = true;
    try {
        // A fresh connection first: this thread's open one would go on reading a file that was moved away.
        if (!database.ping())
            throw std::runtime_error("database unreachable");
        const ReadTransaction rt(database);
        gauges.applications = grouped(rt.db(),
            QStringLiteral("SELECT status, COUNT(*) FROM applications GROUP BY status ORDER BY status"), 1);
        gauges.issuances = grouped(rt.db(),
            QStringLiteral("SELECT status, COUNT(*) FROM issuances GROUP BY status ORDER BY status"), 1);
        gauges.payments = grouped(rt.db(),
            QStringLiteral("SELECT method, status, COUNT(*) FROM payments GROUP BY method, status ORDER BY "
                           "method, status"),
            2);
        gauges.legacyRevocationsPending = scalar(rt.db(),
            QStringLiteral("SELECT COUNT(*) FROM legacy_revocation_queue WHERE webhook_status = 'pending'"))
                                              .toLongLong();
        QSqlQuery head
            = run(rt.db(), QStringLiteral("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
        if (head.next()) {
            gauges.auditHeadSeq = head.value(0).toLongLong();
            gauges.auditHeadHash = head.value(1).toString();
        }
    } catch (const std::exception&) {
        databaseUp = false;
        databaseError("unreachable");
    }

    std::string out;
    {
        const std::lock_guard lock(m_mutex);
        help(out, "certdesk_http_requests_total", "counter",
            "HTTP requests answered, by method, route template and status.");
        for (const auto& [key, series] : m_routes) {
            for (const auto& [status, count] : series.statuses) {
                out += "certdesk_http_requests_total{method=\"" + label(key.first) + "\",route=\""
                    + label(key.second) + "\",status=\"" + std::to_string(status) + "\"} "
                    + std::to_string(count) + '\n';
            }
        }
        help(out, "certdesk_http_request_duration_seconds", "histogram",
            "Time from the request head to the response, by method and route template.");
        for (const auto& [key, series] : m_routes) {
            const std::string labels
                = "method=\"" + label(key.first) + "\",route=\"" + label(key.second) + "\"";
            for (size_t i = 0; i < kBuckets.size(); ++i) {
                out += "certdesk_http_request_duration_seconds_bucket{" + labels + ",le=\""
                    + number(kBuckets[i]) + "\"} " + std::to_string(series.buckets[i]) + '\n';
            }
            out += "certdesk_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} "
                + std::to_string(series.count) + '\n';
            out += "certdesk_http_request_duration_seconds_sum{" + labels + "} " + number(series.sum) + '\n';
            out += "certdesk_http_request_duration_seconds_count{" + labels + "} "
                + std::to_string(series.count) + '\n';
        }
        help(out, "certdesk_database_errors_total", "counter",
            "Database statements or connections that failed, by kind (storage_full, busy, other, "
            "unreachable; on PostgreSQL conflict, unavailable).");
        for (const char* kind : {"busy", "conflict", "other", "storage_full", "unavailable", "unreachable"})
            out += "certdesk_database_errors_total{kind=\"" + std::string(kind) + "\"} "
                + std::to_string(m_databaseErrors[kind]) + '\n';
    }
    help(out, "certdesk_database_up", "gauge", "1 when the database answered this scrape, else 0.");
    out += std::string("certdesk_database_up ") + (databaseUp ? "1" : "0") + '\n';
    if (!databaseUp)
        return QByteArray::fromStdString(out);

    help(out, "certdesk_applications", "gauge", "Applications in the database, by status.");
    qint64 inReview = 0, approved = 0, shipped = 0;
    for (const Row& row : gauges.applications) {
        out += "certdesk_applications{status=\"" + label(row.labels[0]) + "\"} " + std::to_string(row.count)
            + '\n';
        if (row.labels[0] == QLatin1String("in_review"))
            inReview = row.count;
        else if (row.labels[0] == QLatin1String("approved"))
            approved = row.count;
        else if (row.labels[0] == QLatin1String("shipped"))
            shipped = row.count;
    }
    // The work waiting for someone: the reviewers (in_review), the counter (approved, to issue), the
    // applicants (shipped UKeys whose receipt is not confirmed yet) and the legacy CA's system (revocations
    // of old certificates not yet delivered by the webhook); and this instance's requests waiting for a
    // database connection of its pool or in its pipeline of reads (PostgreSQL).
    help(out, "certdesk_queue_length", "gauge", "Work waiting, by queue.");
    out += "certdesk_queue_length{queue=\"review\"} " + std::to_string(inReview) + '\n';
    out += "certdesk_queue_length{queue=\"issuance\"} " + std::to_string(approved) + '\n';
    out += "certdesk_queue_length{queue=\"receipt\"} " + std::to_string(shipped) + '\n';
    out += "certdesk_queue_length{queue=\"legacy_revocation\"} "
        + std::to_string(gauges.legacyRevocationsPending) + '\n';
    out += "certdesk_queue_length{queue=\"database_connection\"} " + std::to_string(waitingForConnection)
        + '\n';
    out += "certdesk_queue_length{queue=\"database_pipeline\"} " + std::to_string(waitingInPipeline) + '\n';
    help(out, "certdesk_issuances", "gauge",
        "Issuances (SM2 certificate pairs) in the database, by status (pending, confirmed, revoked).");
    for (const Row& row : gauges.issuances)
        out += "certdesk_issuances{status=\"" + label(row.labels[0]) + "\"} " + std::to_string(row.count)
            + '\n';
    help(out, "certdesk_payments", "gauge", "Payments in the database, by method and status.");
    for (const Row& row : gauges.payments)
        out += "certdesk_payments{method=\"" + label(row.labels[0]) + "\",status=\"" + label(row.labels[1])
            + "\"} " + std::to_string(row.count) + '\n';
    // The newest row of the audit hash chain (docs/api.md, "Audit"): dropping the newest rows leaves a valid
    // but shorter chain, which `audit verify` cannot see; a monitoring system that keeps this series sees the
    // sequence go back or the hash change at the same sequence.
    help(out, "certdesk_audit_head_sequence", "gauge",
        "Sequence number of the newest audit row; its hash is the label (0 and no hash without rows).");
    out += "certdesk_audit_head_sequence{hash=\"" + label(gauges.auditHeadHash) + "\"} "
        + std::to_string(gauges.auditHeadSeq) + '\n';
    return QByteArray::fromStdString(out);
}

} // namespace certdesk::server
