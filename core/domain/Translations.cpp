#include "domain/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace certdesk {

bool installTranslations(QCoreApplication& app, const QString& language)
{
    // Translators are parented to the application: they live exactly as long as it does.
    auto* own = new QTranslator(&app);
    const bool ok = own->load(QStringLiteral(":/i18n/certdesk_%1.qm").arg(language));
    if (ok)
        QCoreApplication::installTranslator(own);
    else
        delete own;

    if (language != QLatin1String("en")) {
        auto* qt = new QTranslator(&app);
        if (qt->load(
                QStringLiteral("qtbase_%1").arg(language), QLibraryInfo::path(QLibraryInfo::TranslationsPath))
            || qt->load(QStringLiteral("qtbase_%1").arg(language),
                QCoreApplication::applicationDirPath() + QStringLiteral("/translations")))
            QCoreApplication::installTranslator(qt);
        else
            delete qt;
    }
    return ok;
}

} // namespace certdesk
