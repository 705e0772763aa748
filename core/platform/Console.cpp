#include "platform/Console.h"

#include <cstdio>
#include <cstring>

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
