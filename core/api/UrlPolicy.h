#pragma once

#include <QString>
#include <QUrl>

namespace certdesk::api {

// Which URLs the client talks to and opens. Applicants' personal data and staff passwords
// travel to the counter service, so anything beyond this machine is HTTPS; links the service hands out (the
// invoice, help) open in a browser only as https — or http on loopback, the sandbox's embedded service; what
// a QR code carries for a phone app (weixin://, alipays://) is shown as the code, never opened on this
// machine.

// Whether `url`'s host is this machine: "localhost", 127.0.0.0/8 or ::1.
[[nodiscard]] bool isLoopback(const QUrl& url);

// Why `url` cannot be the counter service's base URL (translated, for the user), or empty when it can: an
// http or https URL with a host, https unless the host is loopback.
[[nodiscard]] QString serverUrlProblem(const QUrl& url);

// Whether the client may hand `url` to the desktop's browser: https with a host, or http on loopback.
[[nodiscard]] bool mayOpenInBrowser(const QUrl& url);

} // namespace certdesk::api
