#include "widgets/ModulePaths.h"

#include "platform/UserLocations.h"
#include "token/ModuleLoader.h"

#include <QSettings>

namespace certdesk::ui {

namespace {

const QString kModulesKey = QStringLiteral("token/modules");

} // namespace

QStringList configuredModulePaths()
{
    QStringList paths = token::ModuleLoader::installedModulePaths();
    // The registry on Windows, ~/.config on Linux (platform/UserLocations.h).
    const QStringList added = platform::userSettings()->value(kModulesKey).toStringList();
    for (const QString& path : added) {
        if (!path.isEmpty() && !paths.contains(path))
            paths.append(path);
    }
    return paths;
}

void addConfiguredModulePath(const QString& path)
{
    const auto settings = platform::userSettings();
    QStringList added = settings->value(kModulesKey).toStringList();
    if (!added.contains(path)) {
        added.append(path);
        settings->setValue(kModulesKey, added);
    }
}

} // namespace certdesk::ui
