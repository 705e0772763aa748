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
    WriteTransaction tx(m_db);
    // Forget windows closed long ago now and then, so the table does not grow with every address ever seen.
    if (m_calls.fetch_add(1) % 1000 == 0) {
        run(tx.db(), QStringLiteral("DELETE FROM login_throttle WHERE scope LIKE ? AND updated_at < ?"),
            {QString(m_prefix + QLatin1Char('%')), iso(now.addMSecs(-windowMs - 3600 * 1000))});
    }
    QSqlQuery q = run(
        tx.db(), QStringLiteral("SELECT failures, updated_at FROM login_throttle WHERE scope = ?"), {scope});
    int hits = 0;
    QDateTime opened;
    if (q.next()) {
        hits = q.value(0).toInt();
        opened = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
        opened.setTimeSpec(Qt::UTC);
    }
    q.finish();
    // A window that closed (or a clock that went backwards past its start) starts afresh.
    if (!opened.isValid() || opened.msecsTo(now) >= windowMs || opened > now) {
        hits = 0;
        opened = now;
    }
    const QDateTime closes = opened.addMSecs(windowMs);
    if (hits >= m_limit) {
        // Whole seconds, rounded up, so a client that waits Retry-After is let in.
        return int(std::max<qint64>(1, (now.msecsTo(closes) + 999) / 1000));
    }
    ++hits;
    run(tx.db(), QStringLiteral("DELETE FROM login_throttle WHERE scope = ?"), {scope});
    run(tx.db(),
        QStringLiteral(
            "INSERT INTO login_throttle (scope, failures, blocked_until, updated_at) VALUES (?, ?, ?, ?)"),
        {scope, hits, hits >= m_limit ? QVariant(iso(closes)) : QVariant(QMetaType(QMetaType::QString)),
            iso(opened)});
    tx.commit();
    return 0;
}

} // namespace certdesk::server
