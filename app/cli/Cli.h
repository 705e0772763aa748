#pragma once

#include "api/ApiClient.h"

// certdesk-cli: the counter's scriptable tool. main.cpp creates the application object and
// calls run(); every command lives in its own file here. Messages for people go to stderr, translated
// (Chinese by default); results go to stdout. Secrets come from a prompt without echo or, for scripts, from
// the environment (CERTDESK_PIN, CERTDESK_STAFF_USER, CERTDESK_STAFF_PASSWORD) — never from the command line
// — and nothing printed carries a PIN or personal data.

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

namespace certdesk::cli {

// Process exit codes (documented in `certdesk-cli --help`).
enum ExitCode : int
{
    ExitSuccess = 0,
    ExitFailure = 1, // anything else: output file, cancelled, local problem
    ExitUsage = 2, // bad command line, missing option or secret
    ExitService = 3, // the counter service refused or could not be reached
    ExitToken = 4, // the PKCS#11 module or the token failed
};

// UTF-8 streams on the process's stdout and stderr.
[[nodiscard]] QTextStream& out();
[[nodiscard]] QTextStream& err();

// "zh_CN" unless `--lang X` / `--lang=X` is among the arguments or CERTDESK_LANG is set.
[[nodiscard]] QString languageFromArguments(int argc, char** argv);
// Whether the command paints (letter render): it needs a QGuiApplication for fonts.
[[nodiscard]] bool needsGui(int argc, char** argv);

// Runs the command in `arguments` (QCoreApplication::arguments()); returns the exit code.
[[nodiscard]] int run(const QStringList& arguments);

// --- shared by the commands ---

// Parses a command's arguments; `arguments.first()` is the command ("certdesk-cli token list") for the usage
// line. Prints the help and sets ExitSuccess for --help, prints the error and sets ExitUsage for a bad line;
// returns false in both cases.
[[nodiscard]] bool parseCommand(QCommandLineParser& parser, const QStringList& arguments, int* exitCode);
// Prints a usage error (and the hint to --help) to stderr; returns ExitUsage.
[[nodiscard]] int usageError(const QString& message, const QString& command);
// A required option's value, or a usage error printed (empty result).
[[nodiscard]] QString requiredValue(
    const QCommandLineParser& parser, const QCommandLineOption& option, const QString& command, bool* ok);

// --server-ca FILE: the CA certificate(s) the service's TLS certificate must chain to.
[[nodiscard]] QCommandLineOption serverCaOption();
// Checks --server (https unless on this computer) and reads --server-ca into `options`; on a problem prints
// the usage error and returns false with *exitCode = ExitUsage.
[[nodiscard]] bool serverOptions(const QCommandLineParser& parser, const QCommandLineOption& serverCa,
    const QString& serverUrl, const QString& command, api::ApiClientOptions* options, int* exitCode);

int tokenList(const QStringList& arguments);
int tokenShow(const QStringList& arguments);
// Internal: `token probe --module M`, the child process of ModuleProbe (core/token/ModuleProbe.h).
int tokenProbe(const QStringList& arguments);
int tokenProgram(const QStringList& arguments);
int letterRender(const QStringList& arguments);

} // namespace certdesk::cli
