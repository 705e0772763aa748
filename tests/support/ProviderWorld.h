#pragma once

// The service outside the sandbox with every outside party simulated: keys for a WeChat Pay merchant and
// platform, an Alipay application and Alipay itself, and a signed-HTTP shim secret (made with the openssl
// command line), the provider simulator (provider-simulator/simulator.js under node) on a free loopback
// port, the SM2 CA made by `certdesk-server ca init`, staff accounts made by `certdesk-server staff add`,
// a configuration file naming every secret file, and certdesk-server started WITHOUT --sandbox on it.
//
// The simulator delivers notifications and callbacks to the URL in the order (the service's public URL,
// https://ca.certdesk.test/...) with its origin replaced by the service's loopback address, as a reverse
// proxy in front of the service would.

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace certdesk::test {

class ProviderWorld
{
public:
    static constexpr const char* PublicUrl = "https://ca.certdesk.test";
    static constexpr const char* ReviewerPassword = "reviewer-pass-1";
    static constexpr const char* CounterPassword = "counter-pass-1";

    // Everything lives under `directory` (a test's temporary directory).
    explicit ProviderWorld(QString directory);
    ~ProviderWorld();
    ProviderWorld(const ProviderWorld&) = delete;
    ProviderWorld& operator=(const ProviderWorld&) = delete;

    // Keys, simulator, CA, staff ("reviewer" with role reviewer, "counter" with role counter), config and the
    // service. `extraConfig` is appended to the generated configuration file (more sections or keys). False
    // with error().
    [[nodiscard]] bool start(const QString& extraConfig = {});
    [[nodiscard]] bool startServer();
    void stopServer();

    [[nodiscard]] int serverPort() const { return m_serverPort; }
    [[nodiscard]] int simulatorPort() const { return m_simulatorPort; }
    [[nodiscard]] QString dataDir() const;
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] QByteArray serverOutput();

    // POST /_sim/<path> to the simulator; the answer's JSON object (status in *status).
    QJsonObject simulator(const QString& path, const QJsonObject& body = {}, int* status = nullptr) const;

    // The applicant's lookup needs a legacy certificate in the service's store: a real RSA certificate made
    // here with the openssl command line by the legacy CA that start() configures (its certificate only, as a
    // CA whose key stays in its old system), brought in with `certdesk-server legacy import`. Returns the
    // serial (upper-case hex), or empty with error().
    [[nodiscard]] QString addLegacyCertificate(const QString& category, const QString& holder,
        const QString& credentialNumber, const QDateTime& notAfter);

    // Audit rows whose action is `action` (`certdesk-server audit list`).
    [[nodiscard]] QStringList auditRows(const QString& action = {}) const;
    // `certdesk-server audit verify` exit code.
    [[nodiscard]] int auditVerify() const;

    // Runs certdesk-server with `arguments` (and --data-dir) to the end; the exit code, output in *output.
    int runServerCommand(const QStringList& arguments, const QList<QPair<QString, QString>>& environment,
        QString* output = nullptr) const;

private:
    bool fail(const QString& message);
    bool openssl(const QStringList& arguments);
    [[nodiscard]] QString path(const QString& name) const;

    QString m_dir;
    QString m_error;
    std::unique_ptr<QProcess> m_simulator;
    std::unique_ptr<QProcess> m_server;
    QByteArray m_serverOutput;
    int m_simulatorPort = 0;
    int m_serverPort = 0;
    int m_legacySeed = 1;
};

} // namespace certdesk::test
