// InterruptWatcher on POSIX systems: sigaction(2) for SIGINT and SIGTERM, a socketpair(2) and a
// QSocketNotifier.
#include "platform/Interrupts.h"

#include <QSocketNotifier>

#include <atomic>
#include <csignal>

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

namespace certdesk::platform {

namespace {

std::atomic<int> g_writeEnd {-1};

void onSignal(int)
{
    const int fd = g_writeEnd.load();
    if (fd >= 0) {
        const char byte = 1;
        (void)!::write(fd, &byte, 1);
    }
}

} // namespace

struct InterruptWatcher::State
{
    int pair[2] = {-1, -1};
    std::unique_ptr<QSocketNotifier> notifier;
    struct sigaction previousInt = {};
    struct sigaction previousTerm = {};
};

InterruptWatcher::InterruptWatcher(QObject* parent)
    : QObject(parent)
{
    if (g_writeEnd.load() >= 0)
        return;
    auto state = std::make_unique<State>();
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, state->pair) != 0)
        return;
    state->notifier = std::make_unique<QSocketNotifier>(state->pair[1], QSocketNotifier::Read);
    const int readEnd = state->pair[1];
    connect(state->notifier.get(), &QSocketNotifier::activated, this, [this, readEnd] {
        char byte = 0;
        (void)!::read(readEnd, &byte, 1);
        emit interrupted();
    });
    g_writeEnd.store(state->pair[0]);
    struct sigaction action = {};
    action.sa_handler = &onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, &state->previousInt);
    ::sigaction(SIGTERM, &action, &state->previousTerm);
    m_state = std::move(state);
}

InterruptWatcher::~InterruptWatcher()
{
    if (!m_state)
        return;
    ::sigaction(SIGINT, &m_state->previousInt, nullptr);
    ::sigaction(SIGTERM, &m_state->previousTerm, nullptr);
    g_writeEnd.store(-1);
    m_state->notifier.reset();
    ::close(m_state->pair[0]);
    ::close(m_state->pair[1]);
}

bool InterruptWatcher::active() const
{
    return m_state != nullptr;
}

} // namespace certdesk::platform
