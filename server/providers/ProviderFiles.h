#pragma once

// Key and secret files named in the provider sections of the config. Like the CA's secret files they must
// not be readable by group or others; a problem is a ConfigurationError (exit code 2) naming the key.

#include "pki/OpenSslHandles.h"

#include <QByteArray>
#include <QString>

namespace certdesk::server::providers {

// The whole file (a PEM key or certificate). `what` names the config key in the message.
[[nodiscard]] QByteArray readProtectedFile(const QString& path, const QString& what, bool mustBePrivate);
// The first line of a secret file (an APIv3 key, an HMAC key).
[[nodiscard]] pki::SecureBytes readSecretLine(const QString& path, const QString& what);

} // namespace certdesk::server::providers
