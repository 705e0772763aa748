#pragma once

#include <QSqlDatabase>
#include <QString>

namespace certdesk {

// Numbered schema migrations of the local store. Each runs in its own transaction together with the row that
// records it in schema_migrations, so a crash mid-migration leaves the previous version intact.
class Migrations
{
public:
    [[nodiscard]] static int latestVersion();
    // 0 for an empty database.
    [[nodiscard]] static int currentVersion(const QSqlDatabase& db);
    // Applies every migration above the current version up to `target`. False (and *error) on failure; the
    // failing migration is rolled back.
    [[nodiscard]] static bool migrate(QSqlDatabase& db, int target, QString* error = nullptr);
};

} // namespace certdesk
