// ProcessSignals on POSIX systems: pthread_sigmask(3), sigwait(3), sigaction(2).
#include "platform/ProcessSignals.h"

#include <csignal>

#include <pthread.h>
#include <signal.h>

namespace certdesk::platform {

namespace {

sigset_t stopSignals()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

} // namespace

void blockStopSignals()
{
    const sigset_t set = stopSignals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void waitForStopSignal()
{
    const sigset_t set = stopSignals();
    int received = 0;
    sigwait(&set, &received);
}

void stopFinished() { }

void ignoreBrokenPipes()
{
    struct sigaction current = {};
    if (::sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
        std::signal(SIGPIPE, SIG_IGN);
}

} // namespace certdesk::platform
