#pragma once

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <chrono>
#include <memory>

namespace certdesk::test {

// The real certdesk-server as a child process for integration tests: `--listen 127.0.0.1:0 --data-dir <temp>
// --sandbox`, started and waited for on its "listening on HOST:PORT" line (signal-driven, no sleeps), killed
// when the object goes away. The data directory outlives kill()/restart() so that a test can kill -9 the
// service between two requests and continue on the same data.
class ServerProcess : public QObject
{
    Q_OBJECT

public:
    // `executable` empty: defaultExecutable().
    explicit ServerProcess(QString executable = {}, QObject* parent = nullptr);
    ~ServerProcess() override;

    // The certdesk-server of this build: the CERTDESK_SERVER_EXECUTABLE compile definition when the build has
    // the target, else <build>/server/certdesk-server; empty when neither exists.
    [[nodiscard]] static QString defaultExecutable();

    // Starts the service on a free loopback port with a new temporary data directory (or the current one
    // after a kill()). `extraArguments` are appended (e.g. "--max-document-bytes", "1000"). False with
    // errorString() when it does not start or does not print its port within `timeout`.
    [[nodiscard]] bool start(
        const QStringList& extraArguments = {}, std::chrono::milliseconds timeout = std::chrono::seconds(60));
    // SIGKILL, no clean shutdown (what a crash or a power cut does). The data directory stays.
    void kill();
    // SIGTERM and wait for the exit; true when it exited with status 0.
    [[nodiscard]] bool stop(std::chrono::milliseconds timeout = std::chrono::seconds(30));
    // kill() then start() on the same data directory and, when `samePort`, the same port.
    [[nodiscard]] bool restart(
        bool samePort = true, std::chrono::milliseconds timeout = std::chrono::seconds(60));

    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] quint16 port() const { return m_port; }
    // "http://127.0.0.1:PORT"
    [[nodiscard]] QUrl baseUrl() const;
    [[nodiscard]] QString dataDirectory() const;
    [[nodiscard]] QString errorString() const { return m_error; }
    // The last OutputKept bytes (at least) the service wrote to stdout and stderr, for failure messages. Not
    // all of it: the service logs every request, and a long run (certdesk-soak) must not hold its whole log.
    [[nodiscard]] QByteArray output() const { return m_output; }
    static constexpr qsizetype OutputKept = 64 * 1024;

private:
    bool launch(quint16 port, const QStringList& extraArguments, std::chrono::milliseconds timeout);
    // Appends to m_output, dropping the oldest bytes beyond twice OutputKept.
    void keepOutput(const QByteArray& chunk);

    QString m_executable;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<QProcess> m_process;
    QStringList m_extraArguments;
    QByteArray m_output;
    QByteArray m_pendingLine;
    QString m_error;
    quint16 m_port = 0;
};

} // namespace certdesk::test
