#include "RateLimiter.h"

#include "Database.h"

#include <algorithm>

namespace certdesk::server {

namespace {

QString iso(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

RateLimiter::RateLimiter(Database& database, const QString& name, int limit, std::chrono::seconds window)
    : m_db(database)
    , m_prefix(QStringLiteral("rate:") + name + QLatin1Char(':'))
    , m_limit(limit)
    , m_window(window)
{ }

int RateLimiter::acquire(const QString& address, const QDateTime& now)
{
    if (m_limit <= 0)
        return 0;
    const QString scope = m_prefix + address;
    const qint64 windowMs = qint64(m_window.count()) * 1000;
    // Forget windows closed long ago now and then, so the table does not grow with every address ever seen.
    if (m_calls.fetch_add(1) % 1000 == 0) {
        WriteTransaction tx(m_db, WriteTransaction::Isolation::ReadCommitted);
        run(tx.db(), QStringLiteral("DELETE FROM login_throttle WHERE scope LIKE ? AND updated_at < ?"),
            {QString(m_prefix + QLatin1Char('%')), iso(now.addMSecs(-windowMs - 3600 * 1000))});
        tx.commit();
    }
    // One statement counts the request: a window that closed (or a clock that went backwards past its start)
    // starts afresh at 1, else the count goes up by one. Times are ISO 8601 UTC with milliseconds, which
    // compare as text. The row lock of the upsert orders concurrent requests of one address, so the
    // statement runs READ COMMITTED: under SERIALIZABLE, requests of one address arriving together would
    // fail one another and be run again (PostgreSQL documentation, INSERT "ON CONFLICT DO UPDATE").
    // Requests beyond the limit are counted too; they change nothing, since the window is fixed.
    const QString nowText = iso(now);
    const QString closedBefore = iso(now.addMSecs(-windowMs));
    WriteTransaction tx(m_db, WriteTransaction::Isolation::ReadCommitted);
    QSqlQuery q = run(tx.db(),
        QStringLiteral(
            "INSERT INTO login_throttle (scope, failures, blocked_until, updated_at) VALUES (?, 1, NULL, ?) "
            "ON CONFLICT (scope) DO UPDATE SET "
            "failures = CASE WHEN login_throttle.updated_at <= ? OR login_throttle.updated_at > ? THEN 1 "
            "ELSE login_throttle.failures + 1 END, "
            "updated_at = CASE WHEN login_throttle.updated_at <= ? OR login_throttle.updated_at > ? "
            "THEN excluded.updated_at ELSE login_throttle.updated_at END "
            "RETURNING failures, updated_at"),
        {scope, nowText, closedBefore, nowText, closedBefore, nowText});
    if (!q.next())
        throw std::runtime_error("rate limiter: the upsert returned no row");
    const int hits = q.value(0).toInt();
    QDateTime opened = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
    opened.setTimeSpec(Qt::UTC);
    q.finish();
    tx.commit();
    if (hits <= m_limit)
        return 0;
    // Whole seconds, rounded up, so a client that waits Retry-After is let in.
    return int(std::max<qint64>(1, (now.msecsTo(opened.addMSecs(windowMs)) + 999) / 1000));
}

int RateLimiter::acquireOnce(std::map<const void*, int>& answered, const QString& address)
{
    const auto it = answered.find(this);
    if (it != answered.end())
        return it->second;
    const int wait = acquire(address);
    answered.emplace(this, wait);
    return wait;
}

} // namespace certdesk::server
