// Console on POSIX systems: isatty(3), tcgetattr(3)/tcsetattr(3).
#include "platform/Console.h"

#include <cstring>

#include <termios.h>
#include <unistd.h>

namespace certdesk::platform {

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

} // namespace certdesk::platform
