#pragma once

#include <QString>
#include <QStringList>

namespace certdesk::ui {

// The PKCS#11 modules CertDesk uses on this PC: the platform defaults that are installed
// (ModuleLoader::installedModulePaths) and the ones added in the settings (key "token/modules", a path list;
// the counter desk's "add module" writes it), without duplicates. Reads only the settings and the file
// system: no module is loaded.
[[nodiscard]] QStringList configuredModulePaths();
// Adds a module path to the settings.
void addConfiguredModulePath(const QString& path);

} // namespace certdesk::ui
