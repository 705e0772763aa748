#include "RateLimiter.h"

#include <algorithm>

namespace certdesk::server {

RateLimiter::RateLimiter(int limit, std::chrono::seconds window)
    : m_limit(limit)
    , m_window(window)
{ }

int RateLimiter::acquire(const QString& address, Clock::time_point now)
{
    if (m_limit <= 0)
        return 0;
    const std::lock_guard lock(m_mutex);
    // Forget idle addresses now and then so the table cannot grow without bound.
    if (now - m_lastSweep > m_window) {
        for (auto it = m_calls.begin(); it != m_calls.end();) {
            if (it->empty() || now - it->back() > m_window)
                it = m_calls.erase(it);
            else
                ++it;
        }
        m_lastSweep = now;
    }
    std::deque<Clock::time_point>& calls = m_calls[address];
    while (!calls.empty() && now - calls.front() >= m_window)
        calls.pop_front();
    if (int(calls.size()) >= m_limit) {
        const auto wait
            = std::chrono::duration_cast<std::chrono::seconds>(calls.front() + m_window - now).count();
        return std::max<int>(1, int(wait) + 1);
    }
    calls.push_back(now);
    return 0;
}

} // namespace certdesk::server
