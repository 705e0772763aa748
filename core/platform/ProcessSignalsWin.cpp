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

BOOL WINAPI onControl(DWORD type)
{
    switch (type) {
    case CTRL_C_EVENT:
    case CTRL_BREAK_EVENT:
    case CTRL_CLOSE_EVENT:
    case CTRL_LOGOFF_EVENT:
    case CTRL_SHUTDOWN_EVENT:
        SetEvent(stopEvent());
        return TRUE;
    default:
        return FALSE;
    }
}

} // namespace

void blockStopSignals()
{
    (void)stopEvent();
    SetConsoleCtrlHandler(&onControl, TRUE);
}

void waitForStopSignal()
{
    WaitForSingleObject(stopEvent(), INFINITE);
}

void ignoreBrokenPipes() { }

} // namespace certdesk::platform
