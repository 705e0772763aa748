#pragma once

// Ctrl+C (and a polite termination request) as a Qt signal in the event loop, so that a long operation — a
// token being programmed — cancels cleanly instead of the process ending mid-write. POSIX: SIGINT and SIGTERM
// through a socket pair the handler writes to (the self-pipe trick: write(2) is async-signal-safe,
// signal-safety(7)). Windows: SetConsoleCtrlHandler for CTRL_C_EVENT and CTRL_BREAK_EVENT, handed to the
// watcher's thread with a queued call. One watcher at a time; the previous handlers come back when it goes.

#include <QObject>

#include <memory>

namespace certdesk::platform {

class InterruptWatcher : public QObject
{
    Q_OBJECT
public:
    explicit InterruptWatcher(QObject* parent = nullptr);
    ~InterruptWatcher() override;

    // Whether the handlers are installed (false when another watcher is active or the system refused).
    [[nodiscard]] bool active() const;

signals:
    // Delivered in this object's thread, once per Ctrl+C.
    void interrupted();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace certdesk::platform
