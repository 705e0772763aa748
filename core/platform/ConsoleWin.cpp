// Console on Windows: GetConsoleMode/SetConsoleMode on the input handle (Microsoft, "SetConsoleMode").
#include "platform/Console.h"

#include <cstdio>
#include <cstring>

#include <windows.h>

namespace certdesk::platform {

namespace {

void wipe(char* data, std::size_t size)
{
    SecureZeroMemory(data, size);
}

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

bool readHiddenTerminalLine(const char* prompt, const std::function<void(const char*, std::size_t)>& take)
{
    if (!stdinIsTerminal())
        return false;
    std::fputs(prompt, stderr);
    std::fflush(stderr);
    char line[1024] = {};
    bool read = false;
    {
        const EchoOff echo;
        read = std::fgets(line, sizeof line, stdin) != nullptr;
    }
    std::fputs("\n", stderr);
    if (read)
        take(line, std::strcspn(line, "\r\n"));
    wipe(line, sizeof line);
    return read;
}

} // namespace certdesk::platform
