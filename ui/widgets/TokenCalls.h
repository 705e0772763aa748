#pragma once

#include "token/ModuleWorker.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <utility>

namespace certdesk::ui {

// A window's calls into PKCS#11 modules: each runs on its module's thread (token::runOnModule), never on the
// GUI thread, and its answer comes back on the GUI thread. When answers are outstanding for longer than
// timeout(), notAnswering() is emitted once, so the window can say so (token::moduleNotAnsweringMessage) and
// offer to cancel. cancel() drops every answer still to come: a call cannot be taken back from a module, but
// the window goes on without it (the module's thread finishes or hangs on its own).
class TokenCalls : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds defaultTimeout {20000};

    explicit TokenCalls(QObject* parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    [[nodiscard]] std::chrono::milliseconds timeout() const { return m_timeout; }
    // Whether an answer is still to come.
    [[nodiscard]] bool isBusy() const { return m_outstanding > 0; }

    // Runs `work()` on the thread of `modulePath`'s module, then `done(result)` here unless cancel() was
    // called in between (or this object is gone). The timeout counts from the latest call started; `patience`
    // replaces timeout() for this call (a PIN-pad reader waits for the person to type).
    template<class Work, class Done>
    void run(const QString& modulePath, Work work, Done done, std::chrono::milliseconds patience = {})
    {
        const quint64 generation = m_generation;
        ++m_outstanding;
        m_timer.start(patience.count() > 0 ? patience : m_timeout);
        token::runOnModule(modulePath, this, std::move(work),
            [this, generation, done = std::move(done)](auto result) mutable {
                if (generation != m_generation)
                    return; // cancelled: the window has gone on without this answer
                if (--m_outstanding == 0)
                    m_timer.stop();
                done(std::move(result));
            });
    }

    // Drops the answers of every call started so far.
    void cancel();

Q_SIGNALS:
    void notAnswering();

private:
    QTimer m_timer;
    std::chrono::milliseconds m_timeout = defaultTimeout;
    quint64 m_generation = 0;
    int m_outstanding = 0;
};

} // namespace certdesk::ui
