#include "ServerProcess.h"

#include "TestEnvironment.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimer>

namespace certdesk::test {

ServerProcess::ServerProcess(QString executable, QObject* parent)
    : QObject(parent)
    , m_executable(executable.isEmpty() ? defaultExecutable() : std::move(executable))
{ }

ServerProcess::~ServerProcess()
{
    kill();
}

QString ServerProcess::defaultExecutable()
{
#ifdef CERTDESK_SERVER_EXECUTABLE
    const QFileInfo built(QStringLiteral(CERTDESK_SERVER_EXECUTABLE));
    if (built.isExecutable())
        return built.absoluteFilePath();
#endif
    return executable(QStringLiteral("certdesk-server"));
}

bool ServerProcess::start(const QStringList& extraArguments, std::chrono::milliseconds timeout)
{
    if (isRunning()) {
        m_error = QStringLiteral("already running");
        return false;
    }
    if (!m_dataDir) {
        m_dataDir = std::make_unique<QTemporaryDir>();
        if (!m_dataDir->isValid()) {
            m_error = QStringLiteral("cannot create a temporary data directory: ") + m_dataDir->errorString();
            m_dataDir.reset();
            return false;
        }
    }
    m_extraArguments = extraArguments;
    return launch(0, extraArguments, timeout);
}

bool ServerProcess::launch(quint16 port, const QStringList& extraArguments, std::chrono::milliseconds timeout)
{
    if (m_executable.isEmpty() || !QFileInfo(m_executable).isExecutable()) {
        m_error = QStringLiteral("certdesk-server is not built (looked for '%1')").arg(m_executable);
        return false;
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_pendingLine.clear();
    m_port = 0;
    m_error.clear();

    QEventLoop loop;
    bool exited = false;
    // The only line that matters; everything else is kept for failure messages.
    static const QRegularExpression listening(QStringLiteral("^listening on (\\S+):(\\d+)\\s*$"));
    connect(m_process.get(), &QProcess::readyReadStandardOutput, &loop, [this, &loop] {
        const QByteArray chunk = m_process->readAllStandardOutput();
        keepOutput(chunk);
        m_pendingLine += chunk;
        qsizetype newline;
        while ((newline = m_pendingLine.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(m_pendingLine.left(newline));
            m_pendingLine.remove(0, newline + 1);
            const QRegularExpressionMatch match = listening.match(line);
            if (m_port == 0 && match.hasMatch()) {
                m_port = static_cast<quint16>(match.captured(2).toUInt());
                loop.quit();
            }
        }
    });
    connect(m_process.get(), &QProcess::finished, &loop, [&exited, &loop] {
        exited = true;
        loop.quit();
    });
    connect(m_process.get(), &QProcess::errorOccurred, &loop, [&exited, &loop](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            exited = true;
            loop.quit();
        }
    });
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);

    QStringList arguments {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
        QStringLiteral("--data-dir"), m_dataDir->path(), QStringLiteral("--sandbox")};
    arguments += extraArguments;
    m_process->start(m_executable, arguments);
    timer.start(timeout);
    loop.exec();

    // Keep collecting output after start (for failure messages); the loop-bound connections are gone now.
    connect(m_process.get(), &QProcess::readyReadStandardOutput, this,
        [this] { keepOutput(m_process->readAllStandardOutput()); });

    if (m_port != 0)
        return true;
    m_error = exited
        ? QStringLiteral("certdesk-server exited before listening: %1").arg(QString::fromUtf8(m_output))
        : QStringLiteral("certdesk-server did not print its port within %1 ms").arg(timeout.count());
    kill();
    return false;
}

void ServerProcess::keepOutput(const QByteArray& chunk)
{
    m_output += chunk;
    if (m_output.size() > 2 * OutputKept)
        m_output = m_output.right(OutputKept);
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(30000);
    }
    keepOutput(m_process->readAllStandardOutput());
    m_process.reset();
}

bool ServerProcess::stop(std::chrono::milliseconds timeout)
{
    if (!m_process)
        return false;
    m_process->terminate();
    const bool finished = m_process->waitForFinished(static_cast<int>(timeout.count()));
    const bool clean
        = finished && m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0;
    if (!finished)
        kill();
    else
        keepOutput(m_process->readAllStandardOutput());
    m_process.reset();
    return clean;
}

bool ServerProcess::restart(bool samePort, std::chrono::milliseconds timeout)
{
    const quint16 oldPort = m_port;
    kill();
    if (!m_dataDir) {
        m_error = QStringLiteral("never started");
        return false;
    }
    return launch(samePort ? oldPort : 0, m_extraArguments, timeout);
}

bool ServerProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QUrl ServerProcess::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

QString ServerProcess::dataDirectory() const
{
    return m_dataDir ? m_dataDir->path() : QString();
}

} // namespace certdesk::test
