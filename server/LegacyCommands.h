#pragma once

#include "DatabaseLocation.h"

// `certdesk-server legacy import FILE…` and `certdesk-server legacy revocations`: the CA's existing RSA
// certificates brought into the service (../shared/API.md, "Operations"), and the revocations of old
// certificates the service could not publish itself (it does not hold the legacy CA's key) exported for the
// CA's own system. docs/api.md, "Legacy certificates", describes both.

#include "ServiceOptions.h"

#include <QString>
#include <QStringList>

namespace certdesk::server {

struct LegacyCommandOptions
{
    QString dataDir;
    DatabaseLocation database;
    QString categoriesFile; // --categories FILE.csv (import)
    QString since; // --since RFC 3339 (revocations)
    QString format; // --format csv|jsonl (revocations), empty = csv
};

// Runs `legacy <arguments>`. Prints what it did on standard output and problems on standard error. Exit
// code 0 (everything imported or exported), 1 (a certificate was refused), 2 (usage or configuration: no
// files, no legacy CA in the config, an unreadable or malformed --categories file, a bad --since).
[[nodiscard]] int runLegacyCommand(
    const QStringList& arguments, const ServiceOptions& options, const LegacyCommandOptions& command);

} // namespace certdesk::server
