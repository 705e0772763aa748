#include "centre/BackoffPoller.h"

#include <algorithm>

namespace certdesk::ui {

BackoffPoller::BackoffPoller(PollSchedule schedule, QObject* parent)
    : QObject(parent)
    , m_schedule(schedule)
    , m_interval(schedule.firstMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!m_running || m_paused || m_inFlight)
            return;
        m_inFlight = true;
        Q_EMIT poll();
    });
}

void BackoffPoller::start()
{
    m_running = true;
    m_interval = m_schedule.firstMs;
    schedule();
}

void BackoffPoller::stop()
{
    m_running = false;
    m_timer.stop();
}

void BackoffPoller::pause()
{
    m_paused = true;
    m_timer.stop();
}

void BackoffPoller::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    // Back on the page: look again soon rather than after the grown interval.
    m_interval = m_schedule.firstMs;
    schedule();
}

void BackoffPoller::pollFinished()
{
    m_inFlight = false;
    if (!m_running || m_paused)
        return;
    m_interval
        = std::min(m_schedule.maxMs, std::max(m_schedule.firstMs, int(m_interval * m_schedule.factor)));
    schedule();
}

void BackoffPoller::schedule()
{
    if (m_running && !m_paused && !m_inFlight)
        m_timer.start(m_interval);
}

} // namespace certdesk::ui
