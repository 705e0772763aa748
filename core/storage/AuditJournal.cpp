#include "storage/AuditJournal.h"

#include "storage/LocalStore.h"

#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace certdesk {

AuditJournal::AuditJournal(LocalStore& store)
    : m_store(store)
{ }

bool AuditJournal::append(
    const QString& actor, const QString& action, const QString& subject, const QString& detail)
{
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral(
        "INSERT INTO audit_journal (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    // A null QString binds as SQL NULL; the columns are NOT NULL.
    const auto text = [](const QString& s) { return s.isNull() ? QStringLiteral("") : s; };
    q.addBindValue(text(actor));
    q.addBindValue(text(action));
    q.addBindValue(text(subject));
    q.addBindValue(text(detail));
    return q.exec();
}

QList<AuditEntry> AuditJournal::entries(int limit) const
{
    QList<AuditEntry> out;
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral(
        "SELECT seq, at, actor, action, subject, detail FROM audit_journal ORDER BY seq DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return out;
    while (q.next()) {
        out.append({q.value(0).toLongLong(), QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs),
            q.value(2).toString(), q.value(3).toString(), q.value(4).toString(), q.value(5).toString()});
    }
    std::reverse(out.begin(), out.end());
    return out;
}

} // namespace certdesk
