#pragma once

#include "DatabaseLocation.h"

// The audit trail: staff actions, sign-in refusals, issuance and revocation in an append-only table where
// each row carries the SHA-256 of the row before it (a hash chain), so that editing or deleting a row breaks
// the chain (`certdesk-server audit verify`). Dropping the newest rows leaves a shorter, valid chain: the
// head (sequence number and hash) is therefore also written to the log on every append, for comparison.

#include <QJsonObject>
#include <QString>
#include <QStringList>

class QSqlDatabase;

namespace certdesk::server::audit {

// Appends one row inside the caller's write transaction on `db`. `actor` is a staff user name, "client
// <address>" or "system"; `detail` must not hold personal data (ID numbers, phones, accounts). Returns the
// new row's "seq hash" (what the log line says). Throws SqlError.
QString append(const QSqlDatabase& db, const QString& actor, const QString& action, const QString& subject,
    const QJsonObject& detail = {});

struct Verification
{
    qint64 rows = 0;
    qint64 headSeq = 0;
    QString headHash; // empty without rows
    QStringList problems; // one line per broken link, naming the row
};
// Walks the whole chain in sequence order: every sequence number follows the one before, every prev_hash is
// the hash of the row before, every hash is recomputed from the row.
[[nodiscard]] Verification verify(const QSqlDatabase& db);

// `certdesk-server audit verify` (exit 0 intact, 1 a broken chain: each problem on standard error) and
// `audit list` (one line per row) on the service's database; 2 for usage errors.
[[nodiscard]] int runAuditCommand(const QStringList& arguments, const DatabaseLocation& database);

} // namespace certdesk::server::audit
