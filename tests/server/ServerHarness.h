#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <httplib.h>

#include <memory>
#include <optional>

namespace certdesk::servertest {

// A PostgreSQL cluster started for the tests by tests/support/pg-cluster.sh (its pg.env file named by the
// environment variable CERTDESK_TEST_POSTGRES): where it listens and how to sign in.
struct PostgresCluster
{
    QString host; // the directory of its Unix socket
    int port = 5432;
    QString user;
    QString password;
    QString bindir; // psql, pg_dump, pg_restore

    // From CERTDESK_TEST_POSTGRES; nullopt when it is not set (the tests then run on SQLite).
    [[nodiscard]] static std::optional<PostgresCluster> fromEnvironment();
    // Reads a pg.env file written by pg-cluster.sh.
    [[nodiscard]] static std::optional<PostgresCluster> fromFile(const QString& path);
    // Creates database `name` unless it exists. false and *error on failure.
    [[nodiscard]] bool ensureDatabase(const QString& name, QString* error) const;
    // The --database URL of database `name` (no password: the service gets PGPASSWORD).
    [[nodiscard]] QString url(const QString& name) const;
    // A connection to database `name` for checks, under a fresh connection name (remove it after use).
    [[nodiscard]] QSqlDatabase open(const QString& name, QString* error) const;
};

// The real certdesk-server binary as a child process on 127.0.0.1 with a free port. When
// CERTDESK_TEST_POSTGRES is set (and `extraArgs` name no --database), it runs on a database of that cluster
// made for the data dir, so a restart on the same data dir finds the same database.
class ServerProcess
{
public:
    ServerProcess() = default;
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // Starts the server on `dataDir` (--sandbox unless `extraArgs` says otherwise via `sandbox`) and waits
    // for its "listening on 127.0.0.1:PORT" line. false when it did not come up (its stderr is in
    // lastError()).
    [[nodiscard]] bool start(const QString& dataDir, const QStringList& extraArgs = {}, bool sandbox = true);
    // For a command run on the same store as a server on `dataDir` (staff add, --set-staff): --database and
    // the password in `environment` when the tests run on PostgreSQL, else nothing. Creates the database.
    [[nodiscard]] static QStringList databaseArguments(
        const QString& dataDir, QProcessEnvironment* environment);
    // Extra environment for the next start() (e.g. PGPASSWORD).
    void setEnvironment(const QProcessEnvironment& environment) { m_environment = environment; }
    // SIGKILL, as a crash or power cut would: nothing gets to clean up.
    void kill();
    // SIGTERM and wait; the exit code.
    int terminate();

    [[nodiscard]] int port() const { return m_port; }
    [[nodiscard]] qint64 pid() const { return m_process ? m_process->processId() : 0; }
    // VmRSS of the server process in KiB (Linux /proc), -1 when unknown.
    [[nodiscard]] qint64 rssKiB() const;
    [[nodiscard]] QString lastError() const { return m_error; }
    // What the server wrote to standard error since the last call (or since start()). Its standard error
    // goes to a file, never a pipe: a pipe nobody reads while the test waits on its own threads would fill
    // with the request log and stop the server in the middle of a request.
    [[nodiscard]] QByteArray standardError() const;
    // The next line the server prints on standard output after "listening on ..." (such as "metrics on
    // HOST:PORT"), waiting up to `timeoutMs`; empty when none came.
    [[nodiscard]] QByteArray outputLine(int timeoutMs = 10000);

private:
    std::unique_ptr<QProcess> m_process;
    std::optional<QProcessEnvironment> m_environment;
    QByteArray m_pendingOutput;
    QTemporaryDir m_logDir;
    QString m_errorFile;
    mutable qint64 m_errorRead = 0;
    int m_starts = 0;
    int m_port = 0;
    QString m_error;
};

struct Reply
{
    int status = 0; // 0 = no HTTP answer (connection error)
    QByteArray body; // with status 0: what went wrong on the connection (httplib's error, in English)
    httplib::Headers headers;

    [[nodiscard]] QJsonObject json() const;
    [[nodiscard]] QJsonArray array() const;
    // error.code of an error body.
    [[nodiscard]] QString errorCode() const;
    // "field:code" for each entry of error.fields.
    [[nodiscard]] QStringList fieldCodes() const;
    [[nodiscard]] QString header(const char* name) const;
};

// Plain HTTP against one server (paths are relative to /api/v1 unless they start with "/").
class Http
{
public:
    explicit Http(int port);

    [[nodiscard]] Reply get(const QString& path, const QString& token = {});
    [[nodiscard]] Reply post(const QString& path, const QJsonObject& body, const QString& token = {},
        const QString& idempotencyKey = {});
    [[nodiscard]] Reply postRaw(
        const QString& path, const QByteArray& body, const QString& contentType, const QString& token = {});
    [[nodiscard]] Reply put(const QString& path, const QJsonObject& body, const QString& token = {});
    [[nodiscard]] Reply del(const QString& path, const QString& token = {});
    [[nodiscard]] Reply putBytes(
        const QString& path, const QByteArray& bytes, const QString& contentType, const QString& token = {});
    // A body of `size` zero bytes produced on the fly (the test never holds it in memory).
    [[nodiscard]] Reply putStream(
        const QString& path, qint64 size, const QString& contentType, const QString& token = {});

private:
    [[nodiscard]] std::string url(const QString& path) const;
    [[nodiscard]] httplib::Headers headers(const QString& token) const;
    // The reply, recorded for the OpenAPI check (ResponseRecorder) when the environment asks for it.
    [[nodiscard]] static Reply convert(
        const char* method, const std::string& path, const httplib::Result& result);
    int m_port;
};

// Test data: a form body that passes validation for a looked-up legacy certificate.
[[nodiscard]] QJsonObject institutionBody(const QString& serial, const QString& holder, const QString& uscc,
    const QString& category = QStringLiteral("institution"), int years = 1);
[[nodiscard]] QJsonObject naturalPersonBody(
    const QString& serial, const QString& name, const QString& idNumber, int years = 1);

// Agent/applicant of the bodies above; their mobile is not in the sandbox telecom registry.
inline constexpr const char* kAgentName = "Zhang Wei";
inline constexpr const char* kAgentId = "44030519850312001X";
inline constexpr const char* kAgentMobile = "13800138000";

// Small valid images, and crafted bad ones.
[[nodiscard]] QByteArray pngImage(int width = 8, int height = 8);
[[nodiscard]] QByteArray jpegImage(int width = 8, int height = 8);
// A PNG signature and IHDR claiming width x height, followed by no usable image data.
[[nodiscard]] QByteArray pngHeaderOnly(quint32 width, quint32 height);

// Everything a test needs from a sandbox legacy certificate (GET /api/v1/sandbox/legacy-certificates).
struct Legacy
{
    QString serial;
    QString category;
    QString holder;
    QString credentialNumber;
    QByteArray certificate;
    QByteArray privateKey;
    bool renewable = false;
};
[[nodiscard]] QList<Legacy> legacyCertificates(Http& http);
// Both look the certificate up (POST /certificates/lookup) from the test's address before returning it, as a
// client does before applying.
[[nodiscard]] Legacy firstRenewable(Http& http, const QString& category);
// Mints a new legacy certificate through the sandbox (POST /api/v1/sandbox/legacy-certificates).
[[nodiscard]] Legacy mintLegacy(Http& http, const QString& category, const QString& holder,
    const QString& credential, const QDateTime& notAfter);

} // namespace certdesk::servertest
