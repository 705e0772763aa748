#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

namespace certdesk::test {

// Runs a command-line tool of the test toolbox (poppler-utils, zbar-tools) and says clearly what is missing.
struct ToolRun
{
    bool ok = false;
    QByteArray out;
    QString error; // why it failed, for QVERIFY2
};

inline QString missingToolHint(const QString& tool)
{
    if (tool == QLatin1String("zbarimg"))
        return QStringLiteral("zbarimg not found: install the Debian package zbar-tools (scripts/deps.sh)");
    return QStringLiteral("%1 not found: install the Debian package poppler-utils (scripts/deps.sh)")
        .arg(tool);
}

inline ToolRun runTool(const QString& tool, const QStringList& arguments, int timeoutMs = 60000)
{
    ToolRun run;
    const QString exe = QStandardPaths::findExecutable(tool);
    if (exe.isEmpty()) {
        run.error = missingToolHint(tool);
        return run;
    }
    QProcess process;
    process.start(exe, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        run.error = QStringLiteral("%1 did not finish: %2").arg(tool, process.errorString());
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.out = process.readAllStandardOutput();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        run.error = QStringLiteral("%1 failed (exit %2): %3")
                        .arg(tool)
                        .arg(process.exitCode())
                        .arg(QString::fromUtf8(process.readAllStandardError()).trimmed());
        return run;
    }
    run.ok = true;
    return run;
}

} // namespace certdesk::test
