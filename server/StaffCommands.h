#pragma once

#include "DatabaseLocation.h"

// `certdesk-server staff add|passwd|disable|list`: staff accounts outside the sandbox, where no account
// exists unless created here (../shared/API.md, "Operations"). Passwords come from a prompt on the terminal
// (no echo, asked twice) or from CERTDESK_STAFF_PASSWORD, never from the command line.

#include <QString>
#include <QStringList>

namespace certdesk::server {

inline constexpr char StaffPasswordEnv[] = "CERTDESK_STAFF_PASSWORD";

// Runs `staff <arguments>` on the service's database (`dataDir` is created for an SQLite database in it);
// `roles` from --roles (for `add`). Prints what it did on standard output and problems on standard error.
// Exit code 0, 1 (a failure while doing it) or 2 (usage).
[[nodiscard]] int runStaffCommand(const QStringList& arguments, const QString& dataDir,
    const DatabaseLocation& database, const QStringList& roles);

} // namespace certdesk::server
