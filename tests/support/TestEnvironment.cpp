#include "TestEnvironment.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QProcessEnvironment>
#include <QtGlobal>

namespace certdesk::test {

void fixEnvironment()
{
    qputenv("TZ", "Asia/Shanghai");
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
}

QString sourceDir()
{
    return qEnvironmentVariable("CERTDESK_SOURCE_DIR", QStringLiteral(CERTDESK_SOURCE_DIR_DEFAULT));
}

QString binaryDir()
{
    return qEnvironmentVariable("CERTDESK_BINARY_DIR", QStringLiteral(CERTDESK_BINARY_DIR_DEFAULT));
}

QString executable(const QString& name)
{
    for (const QString& dir : {QStringLiteral("/app"), QStringLiteral("/server"), QString()}) {
        const QFileInfo fi(binaryDir() + dir + QLatin1Char('/') + name);
        if (fi.isExecutable())
            return fi.absoluteFilePath();
    }
    return {};
}

QList<qint64> descendantProcesses(const QString& program, bool withZombies)
{
    struct Entry
    {
        qint64 parent = 0;
        QString command; // "(comm)"
        QString state;
    };
    QHash<qint64, Entry> processes;
    for (const QString& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool isPid = false;
        const qint64 id = pid.toLongLong(&isPid);
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!isPid || !stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid ..." (proc(5)); comm may hold spaces and parentheses, so split after the
        // last ')'.
        const QString line = QString::fromUtf8(stat.readAll());
        const qsizetype open = line.indexOf(QLatin1Char('('));
        const qsizetype close = line.lastIndexOf(QLatin1Char(')'));
        const QStringList fields = line.mid(close + 2).split(QLatin1Char(' '));
        if (open < 0 || close < open || fields.size() < 2)
            continue;
        processes.insert(id, {fields.at(1).toLongLong(), line.mid(open, close + 1 - open), fields.at(0)});
    }
    const qint64 self = QCoreApplication::applicationPid();
    const QString command = QLatin1Char('(') + program.left(15) + QLatin1Char(')');
    QList<qint64> pids;
    for (auto it = processes.cbegin(); it != processes.cend(); ++it) {
        if (it->command != command || (!withZombies && it->state == QLatin1String("Z")))
            continue;
        // Up the parents to this process (at most as many steps as there are processes: no cycle).
        qint64 parent = it->parent;
        for (qsizetype steps = 0; parent > 1 && parent != self && steps < processes.size(); ++steps)
            parent = processes.value(parent).parent;
        if (parent == self)
            pids.append(it.key());
    }
    return pids;
}

} // namespace certdesk::test
