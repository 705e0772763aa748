#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace certdesk {

// Loads CertDesk's own translations (built into the binary) and Qt's qtbase translations for `language`
// ("zh_CN" by default, "en" for English) and installs them on the application. Returns false when the
// CertDesk catalogue for that language is missing (English source strings are shown then).
bool installTranslations(QCoreApplication& app, const QString& language = QStringLiteral("zh_CN"));

} // namespace certdesk
