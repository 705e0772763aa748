#pragma once

#include <QList>
#include <QSslCertificate>
#include <QString>

namespace certdesk::ui {

// How this CertDesk instance runs (command-line options of the certdesk executable).
struct AppMode
{
    bool sandbox = false; // 培训模式: embedded reference service on loopback
    bool kiosk = false; // self-service terminal: full screen, no file dialogs, idle wipe
    bool counter = false; // CA counter staff desk
    QString serverUrl; // counter service base URL ("http://127.0.0.1:PORT")
    // The CA certificates (PEM) the service's TLS certificate must chain to (--server-ca): only these, not
    // the system's roots. Empty: the system's roots.
    QList<QSslCertificate> serverCaCertificates;
    int kioskIdleSeconds = 120; // kiosk: idle time after which the session's personal data is wiped
};

} // namespace certdesk::ui
