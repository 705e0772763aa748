#pragma once

#include <QObject>
#include <functional>

class QTimer;

namespace certdesk::ui {

// Kiosk idle guard. Any input (mouse, keyboard, touch, wheel) anywhere in the application restarts the idle
// period. During the last `countdownSeconds` of `idleSeconds` it emits countdown(remaining) every second so
// the UI can warn; when the period is over it emits expired() once, and the window wipes the session's
// personal data. The clock is injectable so tests advance time instead of sleeping.
class KioskSession : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // milliseconds, monotonic

    explicit KioskSession(
        int idleSeconds = 120, int countdownSeconds = 20, Clock clock = {}, QObject* parent = nullptr);

    [[nodiscard]] int idleSeconds() const { return m_idleSeconds; }
    // Replaces the clock (tests); counts as activity at the new clock's time.
    void setClock(Clock clock);
    [[nodiscard]] int remainingSeconds() const;
    // Starts watching (installs the application-wide event filter and a 1 s timer).
    void start();
    // Counts as activity (also called by the event filter).
    void touch();
    // Evaluates the state now; the timer calls it every second, tests call it after moving their clock.
    void tick();

Q_SIGNALS:
    // Every tick: the seconds left before the wipe (the kiosk's always-visible idle clock).
    void remainingChanged(int remainingSeconds);
    void countdown(int remainingSeconds);
    void countdownCancelled();
    void expired();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    int m_idleSeconds;
    int m_countdownSeconds;
    Clock m_clock;
    qint64 m_lastActivity = 0;
    bool m_counting = false;
    bool m_expired = false;
    QTimer* m_timer;
};

} // namespace certdesk::ui
