#include "Cli.h"

#include "api/UrlPolicy.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>
#include <cstring>

namespace certdesk::cli {

namespace {

QString overview()
{
    const QString indent = QStringLiteral("      ");
    const QStringList lines {
        QCoreApplication::translate(
            "certdesk::Cli", "Usage: certdesk-cli [--lang zh_CN|en] <command> [options]"),
        QString(),
        QCoreApplication::translate("certdesk::Cli", "Commands:"),
        QStringLiteral("  token list [--module M]..."),
        indent
            + QCoreApplication::translate("certdesk::Cli", "List the UKeys in the slots of PKCS#11 modules."),
        QStringLiteral("  token show --module M --token LABEL"),
        indent
            + QCoreApplication::translate(
                "certdesk::Cli", "Show one UKey: PIN state, vendor profile, certificates and keys."),
        QStringLiteral("  token program --server URL --application ID --module M --token LABEL"),
        indent
            + QCoreApplication::translate(
                "certdesk::Cli", "Program a blank UKey for an approved application."),
        QStringLiteral("  letter render --server URL --application ID --access-token T --output FILE.pdf"),
        indent
            + QCoreApplication::translate(
                "certdesk::Cli", "Save the application's authorization letter as PDF."),
        QString(),
        QCoreApplication::translate(
            "certdesk::Cli", "\"certdesk-cli <command> --help\" describes a command's options."),
        QCoreApplication::translate("certdesk::Cli",
            "Secrets are never taken from the command line: the PIN and the staff password are asked for "
            "without "
            "echo, or read from CERTDESK_PIN, CERTDESK_STAFF_USER and CERTDESK_STAFF_PASSWORD."),
        QCoreApplication::translate("certdesk::Cli",
            "Exit codes: 0 success, 1 other failure, 2 usage error, 3 service error, 4 UKey or driver "
            "error."),
    };
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace

QTextStream& out()
{
    static QTextStream stream(stdout);
    stream.setEncoding(QStringConverter::Utf8);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    stream.setEncoding(QStringConverter::Utf8);
    return stream;
}

QString languageFromArguments(int argc, char** argv)
{
    QString language = qEnvironmentVariable("CERTDESK_LANG");
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            language = QString::fromLocal8Bit(argv[i + 1]);
        else if (std::strncmp(argv[i], "--lang=", 7) == 0)
            language = QString::fromLocal8Bit(argv[i] + 7);
    }
    return language.isEmpty() ? QStringLiteral("zh_CN") : language;
}

bool needsGui(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        if (argv[i][0] == '-')
            continue;
        return std::strcmp(argv[i], "letter") == 0;
    }
    return false;
}

bool parseCommand(QCommandLineParser& parser, const QStringList& arguments, int* exitCode)
{
    const QCommandLineOption lang(QStringLiteral("lang"),
        QCoreApplication::translate("certdesk::Cli", "Language of the messages: zh_CN (default) or en."),
        QStringLiteral("language"));
    parser.addOption(lang);
    const QCommandLineOption help = parser.addHelpOption();
    if (!parser.parse(arguments)) {
        *exitCode = usageError(parser.errorText(), arguments.first());
        return false;
    }
    if (parser.isSet(help)) {
        // QCommandLineParser names the executable's path in the usage line; name the command instead.
        QString text = parser.helpText();
        const qsizetype firstLineEnd = text.indexOf(QLatin1Char('\n'));
        text.replace(0, firstLineEnd,
            QCoreApplication::translate("certdesk::Cli", "Usage: %1 [options]").arg(arguments.first()));
        out() << text << Qt::flush;
        *exitCode = ExitSuccess;
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *exitCode = usageError(QCoreApplication::translate("certdesk::Cli", "Unexpected argument: %1")
                                   .arg(parser.positionalArguments().first()),
            arguments.first());
        return false;
    }
    return true;
}

int usageError(const QString& message, const QString& command)
{
    err() << message << Qt::endl
          << QCoreApplication::translate("certdesk::Cli", "See \"%1 --help\".").arg(command) << Qt::endl;
    return ExitUsage;
}

QCommandLineOption serverCaOption()
{
    return QCommandLineOption(QStringLiteral("server-ca"),
        QCoreApplication::translate("certdesk::Cli",
            "PEM file with the CA certificate(s) the service's TLS certificate must chain to (instead of the "
            "system's roots)."),
        QStringLiteral("file"));
}

bool serverOptions(const QCommandLineParser& parser, const QCommandLineOption& serverCa,
    const QString& serverUrl, const QString& command, api::ApiClientOptions* options, int* exitCode)
{
    const QUrl url(serverUrl, QUrl::StrictMode);
    // Personal data and passwords go there: beyond this computer only over https.
    const QString problem = api::serverUrlProblem(url);
    if (!problem.isEmpty()) {
        *exitCode = usageError(problem, command);
        return false;
    }
    options->baseUrl = url;
    if (parser.isSet(serverCa)) {
        QFile file(parser.value(serverCa));
        options->pinnedCaCertificates = file.open(QIODevice::ReadOnly)
            ? QSslCertificate::fromData(file.readAll(), QSsl::Pem)
            : QList<QSslCertificate>();
        if (options->pinnedCaCertificates.isEmpty()) {
            *exitCode
                = usageError(QCoreApplication::translate("certdesk::Cli",
                                 "The file %1 given with --server-ca holds no PEM certificate (or cannot "
                                 "be read).")
                                 .arg(file.fileName()),
                    command);
            return false;
        }
    }
    return true;
}

QString requiredValue(
    const QCommandLineParser& parser, const QCommandLineOption& option, const QString& command, bool* ok)
{
    const QString value = parser.value(option).trimmed();
    if (value.isEmpty() && *ok) {
        *ok = false;
        (void)usageError(QCoreApplication::translate("certdesk::Cli", "The option --%1 is required.")
                             .arg(option.names().constLast()),
            command);
    }
    return value;
}

int run(const QStringList& arguments)
{
    // Global options before the command: --lang (already applied by main), --help, --version.
    QStringList rest = arguments.mid(1);
    while (!rest.isEmpty() && rest.first().startsWith(QLatin1Char('-'))) {
        const QString option = rest.takeFirst();
        if (option == QLatin1String("--help") || option == QLatin1String("-h")) {
            out() << overview() << Qt::flush;
            return ExitSuccess;
        }
        if (option == QLatin1String("--version") || option == QLatin1String("-v")) {
            out() << QCoreApplication::applicationName() << QLatin1Char(' ')
                  << QCoreApplication::applicationVersion() << Qt::endl;
            return ExitSuccess;
        }
        if (option == QLatin1String("--lang")) {
            if (!rest.isEmpty())
                rest.removeFirst();
            continue;
        }
        if (option.startsWith(QLatin1String("--lang=")))
            continue;
        return usageError(QCoreApplication::translate("certdesk::Cli", "Unknown option: %1").arg(option),
            QStringLiteral("certdesk-cli"));
    }
    if (rest.size() < 2) {
        err() << overview() << Qt::flush;
        return ExitUsage;
    }
    const QString group = rest.at(0);
    const QString command = rest.at(1);
    QStringList commandArguments = rest.mid(2);
    commandArguments.prepend(QStringLiteral("certdesk-cli %1 %2").arg(group, command));
    if (group == QLatin1String("token") && command == QLatin1String("list"))
        return tokenList(commandArguments);
    if (group == QLatin1String("token") && command == QLatin1String("show"))
        return tokenShow(commandArguments);
    if (group == QLatin1String("token") && command == QLatin1String("probe"))
        return tokenProbe(commandArguments);
    if (group == QLatin1String("token") && command == QLatin1String("program"))
        return tokenProgram(commandArguments);
    if (group == QLatin1String("letter") && command == QLatin1String("render"))
        return letterRender(commandArguments);
    return usageError(
        QCoreApplication::translate("certdesk::Cli", "Unknown command: %1 %2").arg(group, command),
        QStringLiteral("certdesk-cli"));
}

} // namespace certdesk::cli
