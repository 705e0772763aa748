#include "Audit.h"

#include "Database.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace certdesk::server::audit {

namespace {

const QString GenesisHash = QString(64, QLatin1Char('0'));

// SHA-256 over a canonical encoding of the row: the compact JSON array [prev_hash, seq, at, actor, action,
// subject, detail], with the detail's keys in QJsonObject's (sorted) order.
QString rowHash(const QString& previous, qint64 seq, const QString& at, const QString& actor,
    const QString& action, const QString& subject, const QString& detail)
{
    const QJsonArray fields {previous, QString::number(seq), at, actor, action, subject, detail};
    return QString::fromLatin1(QCryptographicHash::hash(
        QJsonDocument(fields).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256)
                                   .toHex());
}

} // namespace

QString append(const QSqlDatabase& db, const QString& actor, const QString& action, const QString& subject,
    const QJsonObject& detail)
{
    QSqlQuery last = run(db, QStringLiteral("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    qint64 seq = 1;
    QString previous = GenesisHash;
    if (last.next()) {
        seq = last.value(0).toLongLong() + 1;
        previous = last.value(1).toString();
    }
    last.finish();
    const QString at = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QString detailText = QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact));
    const QString hash = rowHash(previous, seq, at, actor, action, subject, detailText);
    run(db,
        QStringLiteral(
            "INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?)"),
        {seq, at, actor, action, subject, detailText, previous, hash});
    const QString head = QStringLiteral("%1 %2").arg(seq).arg(hash);
    const QByteArray line = QStringLiteral("audit head %1 (%2)\n").arg(head, action).toUtf8();
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    return head;
}

Verification verify(const QSqlDatabase& db)
{
    Verification result;
    QSqlQuery q = run(db,
        QStringLiteral(
            "SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY seq"));
    qint64 expectedSeq = 1;
    QString previous = GenesisHash;
    while (q.next()) {
        const qint64 seq = q.value(0).toLongLong();
        const QString prevHash = q.value(6).toString();
        const QString hash = q.value(7).toString();
        if (seq != expectedSeq)
            result.problems.append(
                QStringLiteral("row %1: expected row %2 before it (rows deleted)").arg(seq).arg(expectedSeq));
        if (prevHash != previous)
            result.problems.append(
                QStringLiteral("row %1: prev_hash is not the hash of the row before it").arg(seq));
        const QString recomputed = rowHash(prevHash, seq, q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toString(), q.value(5).toString());
        if (recomputed != hash)
            result.problems.append(
                QStringLiteral("row %1: its content does not match its hash (edited)").arg(seq));
        ++result.rows;
        result.headSeq = seq;
        result.headHash = hash;
        expectedSeq = seq + 1;
        previous = hash;
    }
    return result;
}

int runAuditCommand(const QStringList& arguments, const DatabaseLocation& location)
{
    const auto print = [](FILE* stream, const QString& text) {
        const QByteArray bytes = text.toUtf8() + '\n';
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    };
    const QString verb = arguments.value(0);
    if (arguments.size() != 1 || (verb != QLatin1String("verify") && verb != QLatin1String("list"))) {
        print(stderr, QStringLiteral("certdesk-server: audit verify | audit list"));
        return 2;
    }
    if (!location.isPostgres() && !QFile::exists(location.sqlitePath)) {
        print(stderr, QStringLiteral("certdesk-server: there is no database at %1").arg(location.sqlitePath));
        return 2;
    }
    try {
        Database database(location);
        QString message;
        if (!database.migrate(&message)) {
            print(stderr, QStringLiteral("certdesk-server: database: %1").arg(message));
            return 1;
        }
        const ReadTransaction rt(database);
        if (verb == QLatin1String("list")) {
            QSqlQuery q = run(rt.db(),
                QStringLiteral("SELECT seq, at, actor, action, subject, detail FROM audit_log ORDER BY seq"));
            while (q.next())
                print(stdout,
                    QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6")
                        .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                            q.value(3).toString(), q.value(4).toString(), q.value(5).toString()));
            return 0;
        }
        const Verification result = verify(rt.db());
        for (const QString& problem : result.problems)
            print(stderr, QStringLiteral("audit: %1").arg(problem));
        // The head, to compare with the last "audit head" line of the service's log: a chain cut short at the
        // end is otherwise intact.
        print(stdout,
            QStringLiteral("%1 rows, head %2 %3: %4")
                .arg(result.rows)
                .arg(result.headSeq)
                .arg(result.headHash.isEmpty() ? QStringLiteral("-") : result.headHash,
                    result.problems.isEmpty() ? QStringLiteral("intact") : QStringLiteral("BROKEN")));
        return result.problems.isEmpty() ? 0 : 1;
    } catch (const std::exception& e) {
        print(stderr, QStringLiteral("certdesk-server: %1").arg(QString::fromUtf8(e.what())));
        return 1;
    }
}

} // namespace certdesk::server::audit
