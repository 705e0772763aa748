#include "storage/DraftStore.h"

#include "storage/LocalStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QUuid>
#include <QVariant>

namespace certdesk {

namespace {

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString titleOf(const Application& a)
{
    if (isInstitution(a.category) && !a.organization.name.trimmed().isEmpty())
        return a.organization.name.trimmed();
    if (!isInstitution(a.category) && !a.applicant.name.trimmed().isEmpty())
        return a.applicant.name.trimmed();
    return a.serial;
}

} // namespace

DraftStore::DraftStore(LocalStore& store)
    : m_store(store)
{ }

QString DraftStore::create(const Application& application, int step)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("INSERT INTO drafts (id, category, created_at, updated_at, payload, step)"
                             " VALUES (?, ?, ?, ?, ?, ?)"));
    const QString t = now();
    q.addBindValue(id);
    q.addBindValue(categoryToApi(application.category));
    q.addBindValue(t);
    q.addBindValue(t);
    q.addBindValue(
        QString::fromUtf8(QJsonDocument(application.toDraftJson()).toJson(QJsonDocument::Compact)));
    q.addBindValue(step);
    return q.exec() ? id : QString();
}

bool DraftStore::save(const QString& id, const Application& application, int step)
{
    if (!m_saveQuery) {
        m_saveQuery.emplace(m_store.database());
        m_saveQuery->prepare(QStringLiteral(
            "UPDATE drafts SET category = ?, updated_at = ?, payload = ?, step = ? WHERE id = ?"));
    }
    QSqlQuery& q = *m_saveQuery;
    q.addBindValue(categoryToApi(application.category));
    q.addBindValue(now());
    q.addBindValue(
        QString::fromUtf8(QJsonDocument(application.toDraftJson()).toJson(QJsonDocument::Compact)));
    q.addBindValue(step);
    q.addBindValue(id);
    // Autocommit: the UPDATE is its own transaction, durable in the WAL when exec() returns.
    return q.exec() && q.numRowsAffected() == 1;
}

bool DraftStore::setIdempotencyKey(const QString& id, const QString& key)
{
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("UPDATE drafts SET idempotency_key = ? WHERE id = ?"));
    q.addBindValue(key);
    q.addBindValue(id);
    return q.exec() && q.numRowsAffected() == 1;
}

std::optional<Draft> DraftStore::load(const QString& id) const
{
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral(
        "SELECT payload, step, idempotency_key, created_at, updated_at FROM drafts WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Draft d;
    d.id = id;
    d.application
        = Application::fromDraftJson(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
    d.step = q.value(1).toInt();
    d.idempotencyKey = q.value(2).toString();
    d.createdAt = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
    d.updatedAt = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
    return d;
}

QList<DraftSummary> DraftStore::list() const
{
    QList<DraftSummary> out;
    QSqlQuery q(m_store.database());
    if (!q.exec(QStringLiteral("SELECT id, payload, step, updated_at FROM drafts ORDER BY updated_at DESC")))
        return out;
    while (q.next()) {
        const Application a
            = Application::fromDraftJson(QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object());
        out.append({q.value(0).toString(), a.category, titleOf(a), q.value(2).toInt(),
            QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs)});
    }
    return out;
}

bool DraftStore::remove(const QString& id)
{
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("DELETE FROM drafts WHERE id = ?"));
    q.addBindValue(id);
    return q.exec() && q.numRowsAffected() == 1;
}

int DraftStore::removeAll()
{
    QSqlQuery q(m_store.database());
    if (!q.exec(QStringLiteral("DELETE FROM drafts")))
        return -1;
    const int n = q.numRowsAffected();
    // Fold the WAL back so no copy of the deleted rows stays in it (secure_delete zeroes the main file).
    QSqlQuery(m_store.database()).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return n;
}

} // namespace certdesk
