#pragma once

#include <QString>

namespace certdesk::ui {

// How this CertDesk instance runs (command-line options of the certdesk executable).
struct AppMode
{
    bool sandbox = false; // 培训模式: embedded reference service on loopback
    bool kiosk = false; // self-service terminal: full screen, no file dialogs, idle wipe
    bool counter = false; // CA counter staff desk
    QString serverUrl; // counter service base URL ("http://127.0.0.1:PORT")
    int kioskIdleSeconds = 120; // kiosk: idle time after which the session's personal data is wiped
};

} // namespace certdesk::ui
