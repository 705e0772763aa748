// certdesk-server: the reference CA counter service (../shared/API.md) on cpp-httplib.
#include "Audit.h"
#include "CaCommands.h"
#include "CheckConfig.h"
#include "LegacyCommands.h"
#include "ServerConfig.h"
#include "Service.h"
#include "StaffCommands.h"

#include "domain/Translations.h"
#include "platform/FileAccess.h"
#include "platform/ProcessSignals.h"
#include "platform/ThreadExit.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QUrl>

#include <algorithm>
#include <cstdio>

namespace {

void fail(const QString& message)
{
    const QByteArray bytes = QStringLiteral("certdesk-server: %1\n").arg(message).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
}

} // namespace

int main(int argc, char* argv[])
{
    certdesk::platform::prepareThreadExit();
    // Block SIGINT/SIGTERM in every thread (the workers inherit this mask) and wait for them here, so
    // shutdown runs in normal code rather than in a signal handler.
    // (platform/ProcessSignals.h: the console's control events on Windows.)
    certdesk::platform::blockStopSignals();
    certdesk::platform::ignoreBrokenPipes();
    // Everything the service writes — database, documents, keys, audit — is for its own user only: files
    // 0600, directories 0700 (the start refuses a data directory that is more open, outside the sandbox).
    certdesk::platform::createOwnerOnlyFiles();

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("certdesk-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("CertDesk"));
    certdesk::installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("CertDesk counter service (HTTP API v1)"));
    parser.addHelpOption();
    const QCommandLineOption listen(QStringLiteral("listen"),
        QStringLiteral("Address and port (port 0 = any free port)."), QStringLiteral("host:port"),
        QStringLiteral("127.0.0.1:8080"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
        QStringLiteral("Data directory (database, documents, CA)."), QStringLiteral("dir"));
    const QCommandLineOption database(QStringLiteral("database"),
        QStringLiteral("sqlite (the default: certdesk.db in the data directory) or "
                       "postgresql://user@host:port/dbname (password: PGPASSWORD or [server] "
                       "database_password_file, never the URL)."),
        QStringLiteral("url"));
    const QCommandLineOption sandbox(
        QStringLiteral("sandbox"), QStringLiteral("Enable the sandbox pages, seeded demo data and outbox."));
    const QCommandLineOption tlsCert(
        QStringLiteral("tls-cert"), QStringLiteral("TLS certificate chain (PEM)."), QStringLiteral("file"));
    const QCommandLineOption tlsKey(
        QStringLiteral("tls-key"), QStringLiteral("TLS private key (PEM)."), QStringLiteral("file"));
    const QCommandLineOption rateLimit(QStringLiteral("lookup-rate-limit"),
        QStringLiteral("Certificate lookups per client address per minute (0 = unlimited; default 60)."),
        QStringLiteral("n"));
    const QCommandLineOption maxDocument(QStringLiteral("max-document-bytes"),
        QStringLiteral("Largest accepted document upload (default 5242880)."), QStringLiteral("bytes"));
    const QCommandLineOption threads(QStringLiteral("threads"),
        QStringLiteral("Worker threads = concurrent connections (default 64)."), QStringLiteral("n"));
    const QCommandLineOption publicUrl(QStringLiteral("public-url"),
        QStringLiteral(
            "Base URL of this service as clients and relying parties reach it: QR codes, links, and "
            "the CRL and OCSP URLs in issued certificates. Required outside --sandbox (there the "
            "default is the request's Host header)."),
        QStringLiteral("url"));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("No per-request log lines."));
    const QCommandLineOption addStaff(QStringLiteral("set-staff"),
        QStringLiteral("Create or update a staff account (password read from standard input), then exit."),
        QStringLiteral("username"));
    const QCommandLineOption roles(QStringLiteral("roles"),
        QStringLiteral("Roles for staff add and --set-staff, comma-separated: reviewer,counter."),
        QStringLiteral("roles"));
    const QCommandLineOption configFile(QStringLiteral("config"),
        QStringLiteral("Configuration file (INI; see docs/server.conf.example). Command-line options win."),
        QStringLiteral("file"));
    const QCommandLineOption rootKey(QStringLiteral("root-key"),
        QStringLiteral(
            "ca init: where to write the encrypted root key; ca new-intermediate: the root key to use."),
        QStringLiteral("file"));
    const QCommandLineOption rootPassphraseFile(QStringLiteral("root-passphrase-file"),
        QStringLiteral(
            "ca commands: a file holding the root key passphrase (else CERTDESK_ROOT_KEY_PASSPHRASE or a "
            "prompt)."),
        QStringLiteral("file"));
    const QCommandLineOption categories(QStringLiteral("categories"),
        QStringLiteral("legacy import: a CSV file of serial,category lines (see docs/api.md)."),
        QStringLiteral("file"));
    const QCommandLineOption since(QStringLiteral("since"),
        QStringLiteral("legacy revocations: only those revoked at or after this RFC 3339 time."),
        QStringLiteral("time"));
    const QCommandLineOption format(QStringLiteral("format"),
        QStringLiteral("legacy revocations: csv (default) or jsonl."), QStringLiteral("format"));
    const QCommandLineOption metricsListen(QStringLiteral("metrics-listen"),
        QStringLiteral("Serve GET /metrics (Prometheus text format) on this address only (port 0 = any free "
                       "port); no metrics without it."),
        QStringLiteral("host:port"));
    const QCommandLineOption logFormat(QStringLiteral("log-format"),
        QStringLiteral("text (default) or json: one JSON object per line (time, level, category, message; "
                       "requests add method, route, status, duration in ms)."),
        QStringLiteral("format"));
    parser.addOptions({listen, dataDir, database, sandbox, tlsCert, tlsKey, rateLimit, maxDocument, threads,
        publicUrl, quiet, addStaff, roles, configFile, rootKey, rootPassphraseFile, categories, since, format,
        metricsListen, logFormat});
    parser.addPositionalArgument(QStringLiteral("command"),
        QStringLiteral("Nothing to run the service, or: ca init | ca new-intermediate | staff add NAME | "
                       "staff passwd NAME | staff disable NAME | staff list | legacy import FILE... | "
                       "legacy revocations | check-config."),
        QStringLiteral("[ca init|staff ...]"));
    parser.process(app);

    // check-config reads the file itself: a file that does not parse is a problem it reports (exit 1).
    if (parser.positionalArguments().value(0) == QLatin1String("check-config"))
        return certdesk::server::runCheckConfig(
            parser.value(configFile), parser.positionalArguments().mid(1));

    // The config file gives defaults; the command line overrides them.
    certdesk::server::ServerConfig config;
    if (parser.isSet(configFile)) {
        QString error;
        const auto loaded = certdesk::server::ServerConfig::load(parser.value(configFile), &error);
        if (!loaded) {
            fail(error);
            return 2;
        }
        config = *loaded;
    }
    const auto setting = [&parser](const QCommandLineOption& option, const QString& fromConfig) {
        return parser.isSet(option) ? parser.value(option) : fromConfig;
    };
    const QString dataDirectory = setting(dataDir, config.dataDir);
    if (dataDirectory.isEmpty()) {
        fail(QStringLiteral("--data-dir (or data_dir in [server] of the config) is required"));
        return 2;
    }

    QString databaseError;
    auto location = certdesk::server::DatabaseLocation::parse(
        setting(database, config.database), dataDirectory, &databaseError);
    if (!location) {
        fail(databaseError);
        return 2;
    }
    if (!location->readPasswordFile(config.databasePasswordFile, &databaseError)) {
        fail(databaseError);
        return 2;
    }

    certdesk::server::ServiceOptions options;
    certdesk::server::applyConfig(config, &options);
    options.sandbox = parser.isSet(sandbox);
    options.database = *location;

    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        if (positional.front() == QLatin1String("audit"))
            return certdesk::server::audit::runAuditCommand(positional.mid(1), *location);
        if (positional.front() == QLatin1String("legacy")) {
            certdesk::server::LegacyCommandOptions command;
            command.dataDir = dataDirectory;
            command.database = *location;
            command.categoriesFile = parser.value(categories);
            command.since = parser.value(since);
            command.format = parser.value(format);
            return certdesk::server::runLegacyCommand(positional.mid(1), options, command);
        }
        if (positional.front() == QLatin1String("staff"))
            return certdesk::server::runStaffCommand(positional.mid(1), dataDirectory, *location,
                parser.value(roles).split(QLatin1Char(','), Qt::SkipEmptyParts));
        if (positional.front() != QLatin1String("ca")) {
            fail(QStringLiteral("unknown command \"%1\" (known: ca init, ca new-intermediate, staff, audit, "
                                "legacy, check-config)")
                     .arg(positional.front()));
            return 2;
        }
        certdesk::server::CaCommandOptions command;
        command.dataDir = dataDirectory;
        command.rootKeyFile = parser.value(rootKey);
        command.rootPassphraseFile = parser.value(rootPassphraseFile);
        return certdesk::server::runCaCommand(positional.mid(1), options, command);
    }
    if (parser.isSet(addStaff)) {
        char line[1024] = {};
        if (!std::fgets(line, sizeof line, stdin)) {
            fail(QStringLiteral("--set-staff reads the password from standard input"));
            return 2;
        }
        QString password = QString::fromUtf8(line);
        while (password.endsWith(QLatin1Char('\n')) || password.endsWith(QLatin1Char('\r')))
            password.chop(1);
        QString error;
        const bool ok
            = certdesk::server::Service::setStaffAccount(dataDirectory, *location, parser.value(addStaff),
                password, parser.value(roles).split(QLatin1Char(','), Qt::SkipEmptyParts), &error);
        std::fill(std::begin(line), std::end(line), '\0');
        if (!ok) {
            fail(error);
            return 1;
        }
        return 0;
    }
    const QString address
        = setting(listen, config.listen.isEmpty() ? listen.defaultValues().constFirst() : config.listen);
    QString host;
    int port = -1;
    if (!certdesk::server::parseListenAddress(address, &host, &port)) {
        fail(QStringLiteral("--listen takes host:port, e.g. 127.0.0.1:0"));
        return 2;
    }
    if (parser.isSet(metricsListen)
        && !certdesk::server::parseListenAddress(
            parser.value(metricsListen), &options.metricsHost, &options.metricsPort)) {
        fail(QStringLiteral("--metrics-listen takes host:port, e.g. 127.0.0.1:9464"));
        return 2;
    }
    if (!config.metricsListen.isEmpty() && options.metricsPort < 0) {
        fail(QStringLiteral("metrics_listen in [server] takes host:port"));
        return 2;
    }
    if (parser.isSet(logFormat)) {
        const QString value = parser.value(logFormat);
        if (value != QLatin1String("text") && value != QLatin1String("json")) {
            fail(QStringLiteral("--log-format takes text or json"));
            return 2;
        }
        options.jsonLogs = value == QLatin1String("json");
    }

    options.tlsCertificateFile = setting(tlsCert, options.tlsCertificateFile);
    options.tlsKeyFile = setting(tlsKey, options.tlsKeyFile);
    if (options.tlsCertificateFile.isEmpty() != options.tlsKeyFile.isEmpty()) {
        fail(QStringLiteral("--tls-cert and --tls-key go together"));
        return 2;
    }
    const auto number = [&parser](const QCommandLineOption& option, qint64 fallback, qint64 min) -> qint64 {
        if (!parser.isSet(option))
            return fallback;
        bool ok = false;
        const qint64 value = parser.value(option).toLongLong(&ok);
        if (!ok || value < min) {
            fail(QStringLiteral("bad value for --%1").arg(option.names().constFirst()));
            std::exit(2);
        }
        return value;
    };
    options.lookupRateLimit = int(number(rateLimit, options.lookupRateLimit, 0));
    options.maxDocumentBytes = number(maxDocument, options.maxDocumentBytes, 1);
    options.threads = int(number(threads, options.threads, 2));
    options.publicBaseUrl = setting(publicUrl, options.publicBaseUrl);
    // Issued certificates carry <public-url>/api/v1/ca/crl and <public-url>/ocsp for good: a guess from a
    // request's Host header is fine for a sandbox on loopback, never for certificates relying parties check.
    if (!options.sandbox && options.publicBaseUrl.isEmpty()) {
        fail(QStringLiteral(
            "--public-url (or public_url in [server] of the config) is required outside --sandbox (e.g. "
            "https://ca.example.cn)"));
        return 2;
    }
    if (!options.publicBaseUrl.isEmpty()) {
        const QUrl url(options.publicBaseUrl, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            || url.hasQuery() || url.hasFragment()) {
            fail(QStringLiteral("--public-url / public_url takes an absolute http(s) URL without query, e.g. "
                                "https://ca.example.cn"));
            return 2;
        }
    }
    options.quiet = parser.isSet(quiet);

    certdesk::server::Service service;
    QString error;
    const int actual = service.start(host, port, dataDirectory, options, &error);
    if (actual < 0) {
        fail(error);
        return actual == certdesk::server::Service::kConfigurationError ? 2 : 1;
    }
    const QString shownHost
        = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    std::printf("listening on %s:%d\n", shownHost.toUtf8().constData(), actual);
    if (service.metricsPort() > 0) {
        const QString shownMetricsHost = options.metricsHost.contains(QLatin1Char(':'))
            ? QLatin1Char('[') + options.metricsHost + QLatin1Char(']')
            : options.metricsHost;
        std::printf("metrics on %s:%d\n", shownMetricsHost.toUtf8().constData(), service.metricsPort());
    }
    std::fflush(stdout);

    certdesk::platform::waitForStopSignal();
    service.stop();
    std::printf("stopped\n");
    std::fflush(stdout);
    certdesk::platform::stopFinished();
    return 0;
}
