#include "storage/SubmissionStore.h"

#include "storage/LocalStore.h"

#include <QSqlQuery>
#include <QVariant>

namespace certdesk {

namespace {

const QString kColumns
    = QStringLiteral("application_id, order_no, access_token, category, server_url, draft_id, submitted_at");

Submission fromRow(const QSqlQuery& q)
{
    Submission s;
    s.applicationId = q.value(0).toString();
    s.orderNo = q.value(1).toString();
    s.accessToken = q.value(2).toString();
    s.category = categoryFromApi(q.value(3).toString()).value_or(CertificateCategory::Institution);
    s.serverUrl = q.value(4).toString();
    s.draftId = q.value(5).toString();
    s.submittedAt = QDateTime::fromString(q.value(6).toString(), Qt::ISODateWithMs);
    return s;
}

} // namespace

SubmissionStore::SubmissionStore(LocalStore& store)
    : m_store(store)
{ }

SubmissionStore::Recorded SubmissionStore::recordSubmission(
    Submission submission, const QString& applicantSessionToken)
{
    if (!applicantSessionToken.isEmpty() && submission.accessToken == applicantSessionToken)
        return Recorded::NotKept;
    if (const auto earlier = find(submission.applicationId); earlier && earlier->submittedAt.isValid())
        submission.submittedAt = earlier->submittedAt;
    return record(submission) ? Recorded::Yes : Recorded::Failed;
}

bool SubmissionStore::record(const Submission& s)
{
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("REPLACE INTO submissions (%1) VALUES (?, ?, ?, ?, ?, ?, ?)").arg(kColumns));
    // A null QString binds as SQL NULL; the columns are NOT NULL.
    const auto text = [](const QString& v) { return v.isNull() ? QStringLiteral("") : v; };
    q.addBindValue(text(s.applicationId));
    q.addBindValue(text(s.orderNo));
    q.addBindValue(text(s.accessToken));
    q.addBindValue(categoryToApi(s.category));
    q.addBindValue(text(s.serverUrl));
    q.addBindValue(text(s.draftId));
    q.addBindValue((s.submittedAt.isValid() ? s.submittedAt : QDateTime::currentDateTimeUtc())
                       .toUTC()
                       .toString(Qt::ISODateWithMs));
    return q.exec();
}

std::optional<Submission> SubmissionStore::find(const QString& applicationId) const
{
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("SELECT %1 FROM submissions WHERE application_id = ?").arg(kColumns));
    q.addBindValue(applicationId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return fromRow(q);
}

std::optional<Submission> SubmissionStore::findByOrderNo(const QString& orderNo) const
{
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("SELECT %1 FROM submissions WHERE order_no = ?").arg(kColumns));
    q.addBindValue(orderNo);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return fromRow(q);
}

QList<Submission> SubmissionStore::list() const
{
    QList<Submission> out;
    QSqlQuery q(m_store.database());
    if (q.exec(QStringLiteral("SELECT %1 FROM submissions ORDER BY submitted_at DESC").arg(kColumns))) {
        while (q.next())
            out.append(fromRow(q));
    }
    return out;
}

bool SubmissionStore::remove(const QString& applicationId)
{
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("DELETE FROM submissions WHERE application_id = ?"));
    q.addBindValue(applicationId);
    return q.exec() && q.numRowsAffected() == 1;
}

int SubmissionStore::removeAll()
{
    QSqlQuery q(m_store.database());
    if (!q.exec(QStringLiteral("DELETE FROM submissions")))
        return -1;
    return q.numRowsAffected();
}

} // namespace certdesk
