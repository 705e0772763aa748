#include "platform/UserLocations.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>

namespace certdesk::platform {

QString userDataDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
}

QString sharedUserDataDirectory()
{
    // GenericDataLocation is %LOCALAPPDATA% on Windows and ~/.local/share on Linux.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/CertDesk");
}

std::unique_ptr<QSettings> userSettings()
{
    return std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope,
        QCoreApplication::organizationName(), QCoreApplication::applicationName());
}

QString userSettingsLocation()
{
    return userSettings()->fileName();
}

} // namespace certdesk::platform
