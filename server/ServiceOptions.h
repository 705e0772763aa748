#pragma once

#include "DatabaseLocation.h"
#include "ServerConfig.h"

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <functional>
#include <optional>
#include <stdexcept>

namespace certdesk::server {

// A problem in the configuration that the operator must fix (certdesk-server exits with code 2), as opposed
// to a failure at run time.
struct ConfigurationError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

// How a Service runs. The defaults are what `certdesk-server` uses without options.
struct ServiceOptions
{
    // Sandbox pages, outbox, legacy-certificate minting and seeded demo data; 404 for all of it when false.
    bool sandbox = false;
    // POST /certificates/lookup calls allowed per client address per minute (0 = unlimited).
    int lookupRateLimit = 60;
    // POST /applications calls allowed per client address per hour (0 = unlimited). Unset: 30 outside the
    // sandbox (a counter PC or a kiosk files a few an hour; a script filing more is refused), unlimited in
    // the sandbox, whose only clients are on loopback.
    std::optional<int> applicationRateLimit;
    [[nodiscard]] int applicationsPerHour() const { return applicationRateLimit.value_or(sandbox ? 0 : 30); }
    // PUT /applications/{id} calls allowed per client address per hour (0 = unlimited): a change is validated
    // like a new application (the telecom real-name check included), so it is limited the same way. Unset:
    // 60 outside the sandbox (a rejected application is fixed in a few saves), unlimited in the sandbox.
    std::optional<int> applicationUpdateRateLimit;
    [[nodiscard]] int applicationUpdatesPerHour() const
    {
        return applicationUpdateRateLimit.value_or(sandbox ? 0 : 60);
    }
    // Proxies (addresses or CIDR subnets) whose X-Forwarded-For names the client for the per-address limits;
    // from any other peer the header is ignored (it is the client's to forge).
    QStringList trustedProxies;
    // Slow clients: the whole request head must arrive within headerTimeoutSeconds of the connection opening
    // (or of the previous response), the body and the handling within bodyTimeoutSeconds of the head; a
    // connection that exceeds either is shut down. At most maxConnectionsPerAddress connections at once per
    // peer address (trusted proxies excepted); more are answered 429 and closed without being read.
    int headerTimeoutSeconds = 10;
    int bodyTimeoutSeconds = 120;
    int maxConnectionsPerAddress = 16;
    // GET /config max_document_bytes: uploads above it get 413.
    qint64 maxDocumentBytes = 5 * 1024 * 1024;
    // All documents of one application together (the replaced ones no longer count): an upload that would go
    // beyond it gets 413. Four kinds of at most maxDocumentBytes, a proof of a changed holder, re-scans.
    qint64 maxApplicationBytes = 30 * 1024 * 1024;
    // Worker threads. A keep-alive connection holds a thread while open, so this bounds concurrent
    // connections.
    int threads = 64;
    // The database: unset = SQLite in the data directory. On PostgreSQL several instances share the database
    // and the data directory (documents, CA material, the sealing key: docs/deployment.md).
    std::optional<DatabaseLocation> database;
    // Connections in the pool (each worker borrows one per transaction, opened when first needed). Unset: on
    // PostgreSQL kPostgresConnections, so that instances x pool stays under the server's max_connections; on
    // SQLite one per worker thread, as WAL readers never wait for each other and a pool smaller than the
    // workers makes a request wait behind a worker preempted while it holds a connection.
    std::optional<int> databaseConnections;
    static constexpr int kPostgresConnections = 8;
    // HTTPS when both are set (PEM files).
    QString tlsCertificateFile;
    QString tlsKeyFile;
    // Base URL put into QR codes and links (liveness, payment, invoice); empty = from the request's Host
    // header.
    QString publicBaseUrl;
    // CA keys (--config: [ca], [legacy_ca], [ocsp]). KeySource::Kind::Default: in the sandbox the automatic
    // CA in <data dir>/ca (plain key files allowed); outside it [ca] key_source = file with <ca
    // directory>/issuing-ca.key, and no legacy CA. Outside the sandbox every key file must be encrypted.
    QString caDirectory;
    KeySource caKey;
    QString legacyCertificate;
    KeySource legacyKey;
    // [legacy_ca] revocation_webhook: where revocations of old certificates go when the service does not hold
    // the legacy CA's key (empty: only `certdesk-server legacy revocations` exports them). The HMAC secret
    // from the file, else CERTDESK_REVOCATION_WEBHOOK_SECRET; the first retry after this many seconds.
    QString legacyRevocationWebhook;
    QString legacyRevocationWebhookSecretFile;
    int legacyRevocationWebhookRetrySeconds = 30;
    QString ocspKeyPassphraseFile;
    // [agreement]: the CA's service agreement (UTF-8 HTML) with its version label and title; empty file: the
    // built-in sample, served as such (AgreementDocument).
    QString agreementFile;
    QString agreementVersion;
    QString agreementTitle;
    // OCSP responses: nextUpdate = thisUpdate + this (RFC 6960 §4.2.2.1).
    qint64 ocspValiditySeconds = 3600;
    // Staff session lifetime.
    int staffSessionMinutes = 8 * 60;
    // Staff sign-in throttling: after the 3rd failure in a row (per user name and per client address) the
    // next attempt waits loginDelaySeconds, doubling with each further failure (capped at 5 minutes); the
    // 10th failure locks for 15 minutes. 0 = no growing delay (the lockout stays).
    int loginDelaySeconds = 1;
    // Whether one staff member may both approve an application and issue its certificates (a counter staffed
    // by one person); otherwise that is 403 (../shared/API.md, "Operations"). Unset: allowed in the sandbox
    // (a training desk where one trainee plays every role) and refused everywhere else (four eyes).
    std::optional<bool> allowOnePersonCounter;
    [[nodiscard]] bool onePersonCounterAllowed() const { return allowOnePersonCounter.value_or(sandbox); }
    // Liveness session and QR payment lifetimes.
    int livenessMinutes = 10;
    int paymentMinutes = 30;
    // Payment, liveness, real-name and SMS providers (docs/providers.md).
    providers::ProviderConfig providers;
    // One line per request (method, path, status, milliseconds); never bodies, tokens or personal data.
    // Empty function = standard error. Set `quiet` to drop them.
    std::function<void(const QString& line)> logSink;
    bool quiet = false;
    // Log lines as JSON objects, one per line (ServiceLog), instead of text.
    bool jsonLogs = false;
    // GET /metrics (Prometheus text format) on this address only, never on the API's: metrics are for the
    // operator's network, not for applicants. metricsPort -1 = no metrics listener; 0 = a free port.
    QString metricsHost;
    int metricsPort = -1;
};

} // namespace certdesk::server
