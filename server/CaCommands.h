#pragma once

// `certdesk-server ca init` and `certdesk-server ca new-intermediate`: the CA ceremonies. The running service
// never needs the root key: `ca init` makes the SM2 root and the issuing CA, writes the root key encrypted to
// a file the operator takes offline, and puts only the root and issuing certificates (and the issuing key,
// encrypted or in the HSM) where the service reads them; `ca new-intermediate` brings the offline root key
// back once to certify a new issuing CA key.

#include "ServiceOptions.h"

#include <QString>
#include <QStringList>

namespace certdesk::server {

struct CaCommandOptions
{
    QString dataDir;
    QString rootKeyFile; // --root-key: written by `init`, read by `new-intermediate`
    QString rootPassphraseFile; // --root-passphrase-file; else CERTDESK_ROOT_KEY_PASSPHRASE; else a prompt
};

// Runs `ca <arguments>`; prints what it did on standard output and problems on standard error. Exit code 0,
// 1 (a failure while doing it) or 2 (usage or configuration).
[[nodiscard]] int runCaCommand(
    const QStringList& arguments, const ServiceOptions& options, const CaCommandOptions& command);

} // namespace certdesk::server
