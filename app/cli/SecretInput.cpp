#include "SecretInput.h"

#include "Cli.h"

#include "platform/Console.h"

#include <QTextStream>

#include <cstdio>

namespace certdesk::cli {

namespace {

// One stream for every read: QTextStream reads ahead, and a second stream on stdin would lose what the first
// one buffered (a script piping "user\npassword\npin\n").
QTextStream& input()
{
    static QTextStream stream(stdin);
    return stream;
}

std::optional<QString> readOne(const QString& prompt, bool hidden)
{
    err() << prompt << Qt::flush;
    QString line;
    bool read = false;
    {
        // termios on Unix, SetConsoleMode on Windows (platform/Console.h).
        std::optional<platform::EchoOff> echo;
        if (hidden)
            echo.emplace();
        read = input().readLineInto(&line);
        if (echo && echo->active())
            err() << Qt::endl; // the newline the person typed was not echoed
    }
    if (!read)
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
