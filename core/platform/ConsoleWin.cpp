// Console on Windows: GetConsoleMode/SetConsoleMode on the input handle (Microsoft, "SetConsoleMode").
#include "platform/Console.h"

#include <cstring>

#include <windows.h>

namespace certdesk::platform {

namespace {

struct SavedMode
{
    HANDLE handle = INVALID_HANDLE_VALUE;
    DWORD mode = 0;
};

} // namespace

bool stdinIsTerminal()
{
    DWORD mode = 0;
    const HANDLE handle = GetStdHandle(STD_INPUT_HANDLE);
    return handle != INVALID_HANDLE_VALUE && handle != nullptr && GetConsoleMode(handle, &mode) != 0;
}

EchoOff::EchoOff()
{
    static_assert(sizeof(SavedMode) <= sizeof(m_saved), "the console state does not fit");
    SavedMode saved;
    saved.handle = GetStdHandle(STD_INPUT_HANDLE);
    if (saved.handle == INVALID_HANDLE_VALUE || saved.handle == nullptr
        || !GetConsoleMode(saved.handle, &saved.mode))
        return;
    std::memcpy(m_saved, &saved, sizeof saved);
    m_active = SetConsoleMode(saved.handle, saved.mode & ~DWORD(ENABLE_ECHO_INPUT)) != 0;
}

EchoOff::~EchoOff()
{
    if (!m_active)
        return;
    SavedMode saved;
    std::memcpy(&saved, m_saved, sizeof saved);
    SetConsoleMode(saved.handle, saved.mode);
}

} // namespace certdesk::platform
