#pragma once

#include "ServiceOptions.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <mutex>

namespace certdesk::server {

// The CertDesk counter service (../shared/API.md) as an embeddable object: `certdesk-server` runs one, and
// the GUI's sandbox mode can run one in-process on loopback. Thread-safe; no global state, so several
// services (on different data dirs) may run in one process.
class Service
{
public:
    Service();
    ~Service(); // stops
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    // Opens (creating or migrating) the data dir, loads or creates the CA, seeds the sandbox data when asked,
    // binds host:port (0 = a free port) and serves on background threads. Returns the port, or -1 with *error
    // set (data dir locked by another service, port in use, bad TLS files, ...), or kConfigurationError when
    // the configuration must be changed (CA keys: a plain key file outside the sandbox, open permissions, no
    // CA, a missing passphrase). On POSIX it sets SIGPIPE to
    // ignored if the process left it at the default (a client hanging up must not end the process).
    static constexpr int kConfigurationError = -2;
    [[nodiscard]] int start(const QString& host, int port, const QString& dataDir,
        const ServiceOptions& options, QString* error = nullptr);
    // The client's training mode (`certdesk --sandbox`): the sandbox service, quiet, on a free loopback port
    // with its data in `dataDir`. Returns its base URL ("http://127.0.0.1:PORT"), or an empty string with
    // *error.
    [[nodiscard]] QString startEmbeddedSandbox(const QString& dataDir, QString* error = nullptr);
    // Stops accepting, finishes the requests in progress, closes the database. Safe to call twice.
    void stop();
    [[nodiscard]] bool isRunning() const;

    // Creates or updates a staff account (roles "reviewer", "counter") in a data dir, for deployments without
    // the sandbox's seeded accounts. The password is stored with PBKDF2. false and *error on failure.
    [[nodiscard]] static bool setStaffAccount(const QString& dataDir, const QString& username,
        const QString& password, const QStringList& roles, QString* error = nullptr);
    // The same on the database at `location` (`dataDir` is created for an SQLite database in it).
    [[nodiscard]] static bool setStaffAccount(const QString& dataDir, const DatabaseLocation& location,
        const QString& username, const QString& password, const QStringList& roles, QString* error = nullptr);
    [[nodiscard]] int port() const;
    // The port of GET /metrics (ServiceOptions::metricsPort), -1 when there is none.
    [[nodiscard]] int metricsPort() const;

private:
    struct Private;
    mutable std::mutex m_mutex;
    std::unique_ptr<Private> d;
};

} // namespace certdesk::server
