#pragma once

#include <QDateTime>
#include <QString>

#include <atomic>
#include <chrono>
#include <map>

namespace certdesk::server {

class Database;

// Requests per client address in fixed windows, counted in the database so that every instance on it (several
// behind a load balancer, or one restarted) sees the same counts (../shared/API.md: lookups and
// POST /applications are rate-limited per address, 429 with Retry-After; PUT /applications/{id} likewise).
// The counts live in the table of the staff sign-in throttling, login_throttle, under scopes of their own
// ("rate:<name>:<address>"): `failures` holds the requests of the current window (the refused ones too) and
// `updated_at` when the window opened; `blocked_until` stays empty (the window's end follows from its
// start). Counted in one statement of its own, outside the request's transaction: acquireOnce() counts a
// request run again after a conflict (retryOnConflict) once. Thread-safe.
class RateLimiter
{
public:
    // At most `limit` requests per `window` for each address; limit 0 = unlimited.
    RateLimiter(Database& database, const QString& name, int limit, std::chrono::seconds window);

    // Counts one request of `address`. Returns 0 when allowed, else the whole seconds until the window
    // closes (the Retry-After).
    [[nodiscard]] int acquire(const QString& address, const QDateTime& now = QDateTime::currentDateTimeUtc());
    // As acquire(), once per request: when the request runs again (after a conflict), the first answer.
    [[nodiscard]] int acquireOnce(std::map<const void*, int>& answered, const QString& address);

private:
    Database& m_db;
    QString m_prefix;
    int m_limit;
    std::chrono::seconds m_window;
    std::atomic<int> m_calls {0};
};

} // namespace certdesk::server
