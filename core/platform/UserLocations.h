#pragma once

// Where CertDesk keeps what belongs to the person using it, and its settings. Windows: per-user data under
// %LOCALAPPDATA% (not the roaming %APPDATA%: the local store and the token journal belong to this machine's
// UKey work), settings in the registry under HKEY_CURRENT_USER\Software\<organization>\<application>
// (QSettings' native format). Linux: $XDG_DATA_HOME (~/.local/share) and ~/.config, as QStandardPaths and
// QSettings give them.

#include <QString>

#include <memory>

class QSettings;

namespace certdesk::platform {

// The application's per-user data directory: %LOCALAPPDATA%\<organization>\<application> on Windows,
// ~/.local/share/<organization>/<application> on Linux (QStandardPaths::AppLocalDataLocation).
[[nodiscard]] QString userDataDirectory();
// A directory shared by CertDesk's programs for the user: %LOCALAPPDATA%\CertDesk on Windows,
// ~/.local/share/CertDesk on Linux.
[[nodiscard]] QString sharedUserDataDirectory();

// The user's settings: the registry on Windows, an INI file on Linux (QSettings::NativeFormat, UserScope).
[[nodiscard]] std::unique_ptr<QSettings> userSettings();
// Where userSettings() keeps them, for messages: "HKEY_CURRENT_USER\Software\..." or a file path.
[[nodiscard]] QString userSettingsLocation();

} // namespace certdesk::platform
