#pragma once

#include <QString>

#include <optional>

namespace certdesk::cli {

// Secrets for certdesk-cli: never from the command line (other users see it in the process list, shells keep
// it in their history). For scripts the value comes from an environment variable, which is then removed
// from this process's environment so that no child inherits it; otherwise the person types it at a prompt on
// stderr with the terminal's echo off (termios on Unix, SetConsoleMode on Windows). Input that is not a
// terminal (a pipe) is read as a line without prompting tricks.

// One line from stdin, echo off when stdin is a terminal; nullopt at end of input.
[[nodiscard]] std::optional<QString> readHiddenLine(const QString& prompt);
// One line from stdin with echo (user names); nullopt at end of input.
[[nodiscard]] std::optional<QString> readLine(const QString& prompt);

// The environment variable `name` when it is set (then unset here), else the prompt (hidden or not).
[[nodiscard]] std::optional<QString> secretFromEnvironmentOrPrompt(
    const char* name, const QString& prompt, bool hidden);

} // namespace certdesk::cli
