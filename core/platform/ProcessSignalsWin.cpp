// ProcessSignals on Windows: SetConsoleCtrlHandler (Microsoft, "HandlerRoutine") and an event object.
#include "platform/ProcessSignals.h"

#include <windows.h>

namespace certdesk::platform {

namespace {

HANDLE stopEvent()
{
    static const HANDLE event = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    return event;
}

HANDLE stoppedEvent()
{
    static const HANDLE event = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    return event;
}

// Windows allows a close, logoff or shutdown handler 5 seconds before it ends the process; a little less, so
// that this handler returns in time rather than being cut off.
constexpr DWORD kStopAllowanceMs = 4500;

BOOL WINAPI onControl(DWORD type)
{
    switch (type) {
    case CTRL_C_EVENT:
    case CTRL_BREAK_EVENT:
        SetEvent(stopEvent());
        return TRUE;
    case CTRL_CLOSE_EVENT:
    case CTRL_LOGOFF_EVENT:
    case CTRL_SHUTDOWN_EVENT:
        // The process ends when this returns: the main thread stops the service first.
        SetEvent(stopEvent());
        WaitForSingleObject(stoppedEvent(), kStopAllowanceMs);
        return TRUE;
    default:
        return FALSE;
    }
}

} // namespace

void blockStopSignals()
{
    (void)stopEvent();
    (void)stoppedEvent();
    SetConsoleCtrlHandler(&onControl, TRUE);
}

void waitForStopSignal()
{
    WaitForSingleObject(stopEvent(), INFINITE);
}

void stopFinished()
{
    SetEvent(stoppedEvent());
}

void ignoreBrokenPipes() { }

} // namespace certdesk::platform
