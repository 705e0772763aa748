#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace certdesk {

class LocalStore;

struct AuditEntry
{
    qint64 seq = 0;
    QDateTime at; // UTC
    QString actor; // "applicant", "counter:<staff user>", "kiosk"
    QString action; // machine word: "draft.created", "application.submitted", "kiosk.wiped", ...
    QString subject; // draft id / application id / order no — never personal data
    QString detail; // free text without personal data
};

// Append-only record of what was done at this desk (the table refuses UPDATE and DELETE). Callers must not
// put ID numbers, phones, account numbers or PINs in any field: the journal is meant to be shown to
// supervisors.
class AuditJournal
{
public:
    explicit AuditJournal(LocalStore& store);

    [[nodiscard]] bool append(
        const QString& actor, const QString& action, const QString& subject, const QString& detail = {});
    // Newest last; at most `limit` entries from the end.
    [[nodiscard]] QList<AuditEntry> entries(int limit = 1000) const;

private:
    LocalStore& m_store;
};

} // namespace certdesk
