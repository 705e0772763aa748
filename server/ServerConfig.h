#pragma once

// The service's configuration file (`certdesk-server --config FILE`): INI with sections, documented key by
// key in docs/server.conf.example. Parsing is strict: an unknown section or key, a line that is not `key =
// value`, a repeated key or a bad value is an error naming the file and line, so that a typo never silently
// leaves a default in place.

#include "providers/ProviderConfig.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace certdesk::server {

// Where a CA's private key is.
struct KeySource
{
    enum class Kind
    {
        Default, // not configured: the sandbox's automatic CA (plain key files, sandbox only)
        File, // an encrypted PKCS#8 PEM file; passphrase from `passphraseFile` or the environment
        Pkcs11, // a key in a PKCS#11 module (HSM); PIN from `pinFile` or the environment
        None, // no key held (the legacy CA: its certificate only)
    };
    Kind kind = Kind::Default;
    QString keyFile;
    QString passphraseFile;
    QString module;
    QString token;
    QString keyId; // CKA_ID, hex
    QString pinFile;
};

struct ServerConfig
{
    QString path; // the file read, empty when none

    // [server]
    QString listen;
    QString dataDir;
    QString publicUrl;
    std::optional<int> threads;
    std::optional<int> lookupRateLimit;
    std::optional<qint64> maxDocumentBytes;
    QString tlsCertificate;
    QString tlsKey;
    std::optional<int> applicationRateLimit;
    std::optional<int> applicationUpdateRateLimit;
    std::optional<QStringList> trustedProxies;
    std::optional<int> headerTimeoutSeconds;
    std::optional<int> bodyTimeoutSeconds;
    std::optional<int> maxConnectionsPerAddress;
    std::optional<qint64> maxApplicationBytes;
    // The database (`--database`): empty = SQLite in the data directory, or postgresql://user@host:port/db.
    // Its password from database_password_file (else libpq's PGPASSWORD or ~/.pgpass), never from the URL.
    QString database;
    QString databasePasswordFile;
    std::optional<int> databaseConnections;
    // GET /metrics on this host:port (--metrics-listen); empty = no metrics.
    QString metricsListen;
    // "text" (default) or "json" (--log-format).
    QString logFormat;

    // [ca]: the SM2 root + issuing CA. `directory` holds root-ca.pem and issuing-ca.pem (default
    // <data_dir>/ca/sm2).
    QString caDirectory;
    KeySource caKey;

    // [legacy_ca]: the RSA CA that issued the old certificates.
    QString legacyCertificate;
    KeySource legacyKey;
    // Revocations of old certificates when the service does not hold the legacy CA's key: POSTed, signed,
    // to this URL (https, or http to loopback).
    QString legacyRevocationWebhook;
    QString legacyRevocationWebhookSecretFile;
    std::optional<int> legacyRevocationWebhookRetrySeconds;

    // [staff]
    std::optional<int> loginDelaySeconds;
    std::optional<bool> allowOnePersonCounter;

    // [agreement]
    QString agreementFile;
    QString agreementVersion;
    QString agreementTitle;

    // [ocsp]
    std::optional<int> ocspNextUpdateMinutes;
    QString ocspKeyPassphraseFile;

    // [payment], [wechatpay], [alipay], [liveness], [realname], [sms] (docs/providers.md)
    providers::ProviderConfig providers;

    // Reads and checks `path`. nullopt with *error = "FILE:LINE: what is wrong" (or "FILE: ..." for a
    // problem not tied to a line).
    [[nodiscard]] static std::optional<ServerConfig> load(const QString& path, QString* error);
};

} // namespace certdesk::server
