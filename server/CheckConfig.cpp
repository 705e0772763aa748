#include "CheckConfig.h"

#include "CaKeys.h"
#include "Database.h"
#include "ServerConfig.h"
#include "providers/Providers.h"

#include "pki/Pem.h"
#include "platform/FileAccess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <cstdio>
#include <functional>

namespace certdesk::server {

bool parseListenAddress(const QString& address, QString* host, int* port)
{
    const int colon = int(address.lastIndexOf(QLatin1Char(':')));
    bool ok = false;
    *port = colon > 0 ? address.mid(colon + 1).toInt(&ok) : -1;
    *host = colon > 0 ? address.left(colon) : QString();
    if (host->startsWith(QLatin1Char('[')) && host->endsWith(QLatin1Char(']')))
        *host = host->mid(1, host->size() - 2);
    return ok && *port >= 0 && *port <= 65535 && !host->isEmpty();
}

void applyConfig(const ServerConfig& config, ServiceOptions* options)
{
    options->caDirectory = config.caDirectory;
    options->caKey = config.caKey;
    options->legacyCertificate = config.legacyCertificate;
    options->legacyKey = config.legacyKey;
    options->legacyRevocationWebhook = config.legacyRevocationWebhook;
    options->legacyRevocationWebhookSecretFile = config.legacyRevocationWebhookSecretFile;
    if (config.legacyRevocationWebhookRetrySeconds)
        options->legacyRevocationWebhookRetrySeconds = *config.legacyRevocationWebhookRetrySeconds;
    options->ocspKeyPassphraseFile = config.ocspKeyPassphraseFile;
    options->providers = config.providers;
    if (config.loginDelaySeconds)
        options->loginDelaySeconds = *config.loginDelaySeconds;
    options->allowOnePersonCounter = config.allowOnePersonCounter;
    options->agreementFile = config.agreementFile;
    options->agreementVersion = config.agreementVersion;
    options->agreementTitle = config.agreementTitle;
    if (config.ocspNextUpdateMinutes)
        options->ocspValiditySeconds = qint64(*config.ocspNextUpdateMinutes) * 60;
    options->publicBaseUrl = config.publicUrl;
    options->tlsCertificateFile = config.tlsCertificate;
    options->tlsKeyFile = config.tlsKey;
    options->lookupRateLimit = config.lookupRateLimit.value_or(options->lookupRateLimit);
    options->maxDocumentBytes = config.maxDocumentBytes.value_or(options->maxDocumentBytes);
    options->threads = config.threads.value_or(options->threads);
    options->applicationRateLimit = config.applicationRateLimit;
    options->applicationUpdateRateLimit = config.applicationUpdateRateLimit;
    if (config.trustedProxies)
        options->trustedProxies = *config.trustedProxies;
    options->headerTimeoutSeconds = config.headerTimeoutSeconds.value_or(options->headerTimeoutSeconds);
    options->bodyTimeoutSeconds = config.bodyTimeoutSeconds.value_or(options->bodyTimeoutSeconds);
    options->maxConnectionsPerAddress
        = config.maxConnectionsPerAddress.value_or(options->maxConnectionsPerAddress);
    if (config.maxApplicationBytes)
        options->maxApplicationBytes = *config.maxApplicationBytes;
    if (config.databaseConnections)
        options->databaseConnections = config.databaseConnections;
    options->jsonLogs = config.logFormat == QLatin1String("json");
    if (!config.metricsListen.isEmpty()) {
        QString host;
        int port = -1;
        if (parseListenAddress(config.metricsListen, &host, &port)) {
            options->metricsHost = host;
            options->metricsPort = port;
        }
    }
}

namespace {

class Checks
{
public:
    // Runs `check`; it returns an empty string when all is well (then `what` is printed as ok), else the
    // problem. A ConfigurationError (or any exception) it throws is a problem too.
    void run(const QString& what, const std::function<QString()>& check)
    {
        QString problem;
        try {
            problem = check();
        } catch (const std::exception& e) {
            problem = QString::fromUtf8(e.what());
        }
        if (problem.isEmpty()) {
            print(QStringLiteral("ok       %1").arg(what));
        } else {
            ++m_problems;
            print(QStringLiteral("PROBLEM  %1: %2").arg(what, problem));
        }
    }
    void note(const QString& text) { print(QStringLiteral("note     %1").arg(text)); }
    [[nodiscard]] int problems() const { return m_problems; }

private:
    static void print(const QString& line)
    {
        const QByteArray bytes = line.toUtf8() + '\n';
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    }
    int m_problems = 0;
};

QString readable(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        return QStringLiteral("%1 does not exist").arg(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("%1 cannot be read by this user (%2)").arg(path, file.errorString());
    return {};
}

// A secret file is needed (or its environment variable): present, readable, not open to others, not empty.
QString secret(const QString& file, const char* environmentVariable, const QString& what)
{
    const pki::SecureBytes bytes = cakeys::readSecret(file, environmentVariable);
    if (bytes.isEmpty())
        return file.isEmpty()
            ? QStringLiteral("%1 is not given: name a file (credential:NAME under systemd) or "
                             "set %2")
                  .arg(what, QLatin1String(environmentVariable))
            : QStringLiteral("%1 is empty").arg(file);
    return {};
}

} // namespace

int runCheckConfig(const QString& configFile, const QStringList& arguments)
{
    if (configFile.isEmpty() || !arguments.isEmpty()) {
        std::fprintf(stderr, "usage: certdesk-server check-config --config FILE\n");
        return 2;
    }
    Checks checks;
    std::optional<ServerConfig> loaded;
    checks.run(QStringLiteral("configuration file %1").arg(configFile), [&]() -> QString {
        QString error;
        loaded = ServerConfig::load(configFile, &error);
        return loaded ? QString() : error;
    });
    if (!loaded)
        return 1;
    const ServerConfig& config = *loaded;
    ServiceOptions options;
    applyConfig(config, &options);

    checks.run(QStringLiteral("[server] listen"), [&]() -> QString {
        QString host;
        int port = -1;
        const QString value = config.listen.isEmpty() ? QStringLiteral("127.0.0.1:8080") : config.listen;
        return parseListenAddress(value, &host, &port) ? QString()
                                                       : QStringLiteral("\"%1\" is not host:port").arg(value);
    });
    if (!config.metricsListen.isEmpty()) {
        checks.run(QStringLiteral("[server] metrics_listen"), [&]() -> QString {
            QString host;
            int port = -1;
            return parseListenAddress(config.metricsListen, &host, &port)
                ? QString()
                : QStringLiteral("\"%1\" is not host:port").arg(config.metricsListen);
        });
    }
    checks.run(QStringLiteral("[server] public_url"), [&]() -> QString {
        if (config.publicUrl.isEmpty())
            return QStringLiteral("required outside --sandbox (e.g. https://ca.example.cn)");
        const QUrl url(config.publicUrl, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            || url.hasQuery() || url.hasFragment())
            return QStringLiteral("not an absolute http(s) URL without query");
        return {};
    });

    const QString dataDir = config.dataDir;
    bool dataDirUsable = false;
    checks.run(QStringLiteral("[server] data_dir %1").arg(dataDir), [&]() -> QString {
        if (dataDir.isEmpty())
            return QStringLiteral("required");
        const QFileInfo info(dataDir);
        if (!info.isDir())
            return QStringLiteral("does not exist (the package's postinst and systemd's StateDirectory= make "
                                  "/var/lib/certdesk, mode 0700, owned by the service user)");
        const platform::FileAccess access = platform::fileAccess(dataDir);
        if (!access.exists)
            return QStringLiteral("cannot be read");
        if (access.openToOthers)
            return QStringLiteral("mode %1 is open to other users; chmod 700 it").arg(access.modeText());
        if (!platform::directoryUsable(dataDir))
            return QStringLiteral("not writable by this user (run check-config as the service's user)");
        if (QDir(dataDir).exists(QStringLiteral("SANDBOX")))
            return QStringLiteral(
                "a sandbox data directory: the service refuses to start on it without --sandbox");
        dataDirUsable = true;
        return {};
    });
    QString databaseProblem;
    auto location = DatabaseLocation::parse(config.database, dataDir, &databaseProblem);
    if (location && !location->readPasswordFile(config.databasePasswordFile, &databaseProblem))
        location.reset();
    if (!location) {
        checks.run(QStringLiteral("[server] database"), [&]() -> QString { return databaseProblem; });
    } else if (location->isPostgres()) {
        checks.run(QStringLiteral("database %1").arg(location->display()), [&]() -> QString {
            return Database(*location).ping()
                ? QString()
                : QStringLiteral("cannot be reached, or holds no schema yet (the first start creates it)");
        });
    } else if (dataDirUsable) {
        const QString dbPath = location->sqlitePath;
        if (QFileInfo::exists(dbPath)) {
            checks.run(QStringLiteral("database %1").arg(dbPath), [&]() -> QString {
                return Database(dbPath).ping() ? QString() : QStringLiteral("cannot be opened or read");
            });
        } else {
            checks.note(QStringLiteral("no database yet: the first start creates %1").arg(dbPath));
        }
    }

    if (!options.tlsCertificateFile.isEmpty() || !options.tlsKeyFile.isEmpty()) {
        checks.run(QStringLiteral("[server] tls_certificate and tls_key"), [&]() -> QString {
            if (options.tlsCertificateFile.isEmpty() || options.tlsKeyFile.isEmpty())
                return QStringLiteral("both or neither");
            QString problem = readable(options.tlsCertificateFile);
            return problem.isEmpty() ? readable(options.tlsKeyFile) : problem;
        });
    }

    const QString caDir = cakeys::caDirectory(options, dataDir);
    bool caPresent = false;
    checks.run(QStringLiteral("[ca] certificates in %1").arg(caDir), [&]() -> QString {
        const QDir dir(caDir);
        if (!dir.exists(QStringLiteral("root-ca.pem")) || !dir.exists(QStringLiteral("issuing-ca.pem")))
            return QStringLiteral("no CA yet: run certdesk-server ca init (docs/api.md, \"CA keys and "
                                  "configuration\")");
        caPresent = true;
        const QString problem = readable(dir.filePath(QStringLiteral("root-ca.pem")));
        return problem.isEmpty() ? readable(dir.filePath(QStringLiteral("issuing-ca.pem"))) : problem;
    });
    if (caPresent) {
        // The same code the start runs: permissions, encryption, passphrase (or PIN and a login).
        checks.run(QStringLiteral("[ca] issuing CA key"), [&]() -> QString {
            (void)cakeys::openIssuingSigner(options, caDir, false);
            return {};
        });
    }
    if (!options.ocspKeyPassphraseFile.isEmpty()) {
        checks.run(QStringLiteral("[ocsp] key_passphrase_file"), [&] {
            return secret(options.ocspKeyPassphraseFile, cakeys::OcspPassphraseEnv,
                QStringLiteral("[ocsp] key_passphrase_file"));
        });
    }
    if (!options.legacyCertificate.isEmpty()) {
        checks.run(QStringLiteral("[legacy_ca] certificate"), [&]() -> QString {
            const QString problem = readable(options.legacyCertificate);
            if (!problem.isEmpty())
                return problem;
            QFile file(options.legacyCertificate);
            if (!file.open(QIODevice::ReadOnly))
                return QStringLiteral("cannot be read");
            const QByteArray bytes = file.readAll();
            // DER: certificateToPem gives nothing for bytes that are not a certificate.
            const bool any
                = !pki::certificatesFromPem(bytes).isEmpty() || !pki::certificateToPem(bytes).isEmpty();
            return any ? QString() : QStringLiteral("holds no certificate (PEM or DER)");
        });
        if (options.legacyKey.kind == KeySource::Kind::File) {
            checks.run(QStringLiteral("[legacy_ca] key_file"), [&]() -> QString {
                (void)cakeys::readCheckedKeyFile(options.legacyKey.keyFile,
                    cakeys::readSecret(options.legacyKey.passphraseFile, cakeys::LegacyPassphraseEnv), false,
                    QStringLiteral("legacy CA key"));
                return {};
            });
        } else if (options.legacyKey.kind == KeySource::Kind::Pkcs11) {
            checks.run(QStringLiteral("[legacy_ca] PKCS#11 PIN"), [&] {
                return secret(options.legacyKey.pinFile, cakeys::LegacyPinEnv,
                    QStringLiteral("[legacy_ca] pkcs11_pin_file"));
            });
        }
    }
    if (!options.legacyRevocationWebhook.isEmpty()) {
        checks.run(QStringLiteral("[legacy_ca] revocation_webhook_secret_file"), [&] {
            return secret(options.legacyRevocationWebhookSecretFile, "CERTDESK_REVOCATION_WEBHOOK_SECRET",
                QStringLiteral("[legacy_ca] revocation_webhook_secret_file"));
        });
    }
    // The providers read their keys and secrets when they are made: the same constructor as at start.
    checks.run(QStringLiteral("providers ([payment], [wechatpay], [alipay], [liveness], [realname], [sms])"),
        [&]() -> QString {
            const providers::Providers made(options.providers, false, options.publicBaseUrl);
            return {};
        });
    std::fflush(stdout);
    return checks.problems() == 0 ? 0 : 1;
}

} // namespace certdesk::server
