#include "SecretInput.h"

#include "Cli.h"

#include <QTextStream>

#include <cstdio>

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

namespace certdesk::cli {

namespace {

// One stream for every read: QTextStream reads ahead, and a second stream on stdin would lose what the first
// one buffered (a script piping "user\npassword\npin\n").
QTextStream& input()
{
    static QTextStream stream(stdin);
    return stream;
}

// Turns the terminal's echo off for its lifetime; nothing happens when stdin is not a terminal.
class EchoOff
{
public:
    EchoOff()
    {
#ifdef Q_OS_WIN
        m_handle = GetStdHandle(STD_INPUT_HANDLE);
        if (m_handle != INVALID_HANDLE_VALUE && GetConsoleMode(m_handle, &m_mode))
            m_active = SetConsoleMode(m_handle, m_mode & ~DWORD(ENABLE_ECHO_INPUT)) != 0;
#else
        if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &m_saved) == 0) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            m_active = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
#endif
    }
    ~EchoOff()
    {
        if (!m_active)
            return;
#ifdef Q_OS_WIN
        SetConsoleMode(m_handle, m_mode);
#else
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
#endif
        err() << Qt::endl; // the newline the person typed was not echoed
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    bool m_active = false;
#ifdef Q_OS_WIN
    HANDLE m_handle = INVALID_HANDLE_VALUE;
    DWORD m_mode = 0;
#else
    termios m_saved {};
#endif
};

std::optional<QString> readOne(const QString& prompt, bool hidden)
{
    err() << prompt << Qt::flush;
    std::optional<EchoOff> echo;
    if (hidden)
        echo.emplace();
    QString line;
    if (!input().readLineInto(&line))
        return std::nullopt;
    if (line.endsWith(QLatin1Char('\r'))) // a Windows line end through a pipe
        line.chop(1);
    return line;
}

} // namespace

std::optional<QString> readHiddenLine(const QString& prompt)
{
    return readOne(prompt, true);
}

std::optional<QString> readLine(const QString& prompt)
{
    return readOne(prompt, false);
}

std::optional<QString> secretFromEnvironmentOrPrompt(const char* name, const QString& prompt, bool hidden)
{
    if (qEnvironmentVariableIsSet(name)) {
        QString value = qEnvironmentVariable(name);
        qunsetenv(name);
        return value;
    }
    return hidden ? readHiddenLine(prompt) : readLine(prompt);
}

} // namespace certdesk::cli
