#pragma once

// Secrets typed at a terminal (PINs, passwords, passphrases): the terminal's echo off while they are typed —
// termios(3) on POSIX systems, SetConsoleMode without ENABLE_ECHO_INPUT on Windows. Nothing is changed when
// stdin is not a terminal or console (a script pipes the answers).

#include <cstddef>
#include <functional>

namespace certdesk::platform {

// Whether stdin is a terminal (POSIX) or a console (Windows).
[[nodiscard]] bool stdinIsTerminal();

// Turns the echo of stdin's terminal off for its lifetime; restores it in the destructor.
class EchoOff
{
public:
    EchoOff();
    ~EchoOff();
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

    // Whether the echo was on a terminal and is now off.
    [[nodiscard]] bool active() const { return m_active; }

private:
    bool m_active = false;
    unsigned char m_saved[64] = {}; // the terminal's previous state (termios or the console mode)
};

// Writes `prompt` to stderr, reads one line from stdin with the echo off and hands it to `take` without its
// line end; then wipes the buffer it read into and writes the newline the person typed. False (take not
// called) when stdin is not a terminal or at end of input. Lines are at most 1023 bytes.
bool readHiddenTerminalLine(
    const char* prompt, const std::function<void(const char* line, std::size_t length)>& take);

} // namespace certdesk::platform
