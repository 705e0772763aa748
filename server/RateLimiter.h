#pragma once

#include <QHash>
#include <QString>

#include <chrono>
#include <deque>
#include <mutex>

namespace certdesk::server {

// Sliding-window limit per client address: at most `limit` calls in any `window`. Thread-safe.
class RateLimiter
{
public:
    using Clock = std::chrono::steady_clock;

    RateLimiter(int limit, std::chrono::seconds window);

    // Records a call. Returns 0 when allowed, else the seconds until the next call would be allowed.
    [[nodiscard]] int acquire(const QString& address, Clock::time_point now = Clock::now());

private:
    int m_limit;
    std::chrono::seconds m_window;
    std::mutex m_mutex;
    QHash<QString, std::deque<Clock::time_point>> m_calls;
    Clock::time_point m_lastSweep;
};

} // namespace certdesk::server
