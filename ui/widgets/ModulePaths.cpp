#include "widgets/ModulePaths.h"

#include "token/ModuleLoader.h"

#include <QSettings>

namespace certdesk::ui {

namespace {

const QString kModulesKey = QStringLiteral("token/modules");

} // namespace

QStringList configuredModulePaths()
{
    QStringList paths = token::ModuleLoader::installedModulePaths();
    const QStringList added = QSettings().value(kModulesKey).toStringList();
    for (const QString& path : added) {
        if (!path.isEmpty() && !paths.contains(path))
            paths.append(path);
    }
    return paths;
}

void addConfiguredModulePath(const QString& path)
{
    QSettings settings;
    QStringList added = settings.value(kModulesKey).toStringList();
    if (!added.contains(path)) {
        added.append(path);
        settings.setValue(kModulesKey, added);
    }
}

} // namespace certdesk::ui
