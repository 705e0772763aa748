// InterruptWatcher on Windows: SetConsoleCtrlHandler (Microsoft, "HandlerRoutine"); the handler runs on a
// thread of its own and queues the signal to the watcher's thread.
#include "platform/Interrupts.h"

#include <QMetaObject>

#include <atomic>

#include <windows.h>

namespace certdesk::platform {

namespace {

std::atomic<InterruptWatcher*> g_watcher {nullptr};

BOOL WINAPI onControl(DWORD type)
{
    if (type != CTRL_C_EVENT && type != CTRL_BREAK_EVENT)
        return FALSE;
    InterruptWatcher* watcher = g_watcher.load();
    if (!watcher)
        return FALSE;
    QMetaObject::invokeMethod(watcher, &InterruptWatcher::interrupted, Qt::QueuedConnection);
    return TRUE;
}

} // namespace

struct InterruptWatcher::State
{
};

InterruptWatcher::InterruptWatcher(QObject* parent)
    : QObject(parent)
{
    InterruptWatcher* none = nullptr;
    if (!g_watcher.compare_exchange_strong(none, this))
        return;
    if (!SetConsoleCtrlHandler(&onControl, TRUE)) {
        g_watcher.store(nullptr);
        return;
    }
    m_state = std::make_unique<State>();
}

InterruptWatcher::~InterruptWatcher()
{
    if (!m_state)
        return;
    SetConsoleCtrlHandler(&onControl, FALSE);
    g_watcher.store(nullptr);
}

bool InterruptWatcher::active() const
{
    return m_state != nullptr;
}

} // namespace certdesk::platform
