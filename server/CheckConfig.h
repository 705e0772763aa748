#pragma once

#include "ServiceOptions.h"

#include <QString>

namespace certdesk::server {

// `certdesk-server check-config --config FILE`: reads the configuration and everything it names the way a
// start would — without binding a port or writing anything — and prints one line per check. Exit code 0
// when every check passed, 1 when one found a problem (a file that does not parse included), 2 for a usage
// error (../shared/API.md, "Operations").
[[nodiscard]] int runCheckConfig(const QString& configFile, const QStringList& arguments);

// host:port (IPv6 in brackets) as --listen and --metrics-listen take it; false when it is not one.
[[nodiscard]] bool parseListenAddress(const QString& address, QString* host, int* port);

// The ServiceOptions a configuration file gives (the command line may override them afterwards).
void applyConfig(const ServerConfig& config, ServiceOptions* options);

} // namespace certdesk::server
