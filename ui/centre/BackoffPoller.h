#pragma once

#include "centre/CentreServices.h"

#include <QObject>
#include <QTimer>

namespace certdesk::ui {

// Asks the service again and again, politely: poll() after PollSchedule::firstMs, and after each answer
// (pollFinished()) the next wait grows by `factor` up to `maxMs`. Only one poll is in flight at a time. A
// page pauses it while hidden and resumes it (with the short first wait) when it is shown again.
class BackoffPoller : public QObject
{
    Q_OBJECT
public:
    explicit BackoffPoller(PollSchedule schedule, QObject* parent = nullptr);

    // Starts (again) from the first interval.
    void start();
    // Stops for good until the next start() (the awaited thing happened or failed).
    void stop();
    void pause();
    void resume();
    // The owner got the answer of the last poll().
    void pollFinished();

    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] bool isPaused() const { return m_paused; }
    // The wait before the next poll, in ms.
    [[nodiscard]] int interval() const { return m_interval; }

Q_SIGNALS:
    void poll();

private:
    void schedule();

    PollSchedule m_schedule;
    QTimer m_timer;
    int m_interval;
    bool m_running = false;
    bool m_paused = false;
    bool m_inFlight = false;
};

} // namespace certdesk::ui
