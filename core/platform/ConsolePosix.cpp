// Console on POSIX systems: isatty(3), tcgetattr(3)/tcsetattr(3).
#include "platform/Console.h"

#include <cstdio>
#include <cstring>

#include <termios.h>
#include <unistd.h>

namespace certdesk::platform {

namespace {

// A wipe the compiler cannot drop (the buffer is not read afterwards).
void wipe(char* data, std::size_t size)
{
    volatile char* p = data;
    while (size-- > 0)
        *p++ = 0;
}

} // namespace

bool stdinIsTerminal()
{
    return ::isatty(STDIN_FILENO) == 1;
}

EchoOff::EchoOff()
{
    static_assert(sizeof(termios) <= sizeof(m_saved), "termios does not fit");
    termios current {};
    if (!stdinIsTerminal() || ::tcgetattr(STDIN_FILENO, &current) != 0)
        return;
    std::memcpy(m_saved, &current, sizeof current);
    termios quiet = current;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    m_active = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
}

EchoOff::~EchoOff()
{
    if (!m_active)
        return;
    termios saved {};
    std::memcpy(&saved, m_saved, sizeof saved);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
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
