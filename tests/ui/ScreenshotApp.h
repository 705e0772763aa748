#pragma once

#include "domain/Translations.h"

#include <QApplication>
#include <QFont>

namespace certdesk::test {

// What every screenshot tool sets up: the zh_CN catalogue and the CJK font families named explicitly, as the
// certdesk executable does, so the pictures look like the product on a counter PC.
inline void setUpScreenshotApp(QApplication& app)
{
    installTranslations(app, QStringLiteral("zh_CN"));
    QFont font = app.font();
    font.setFamilies({QStringLiteral("Noto Sans CJK SC"), QStringLiteral("Microsoft YaHei")});
    font.setPointSizeF(10);
    app.setFont(font);
}

} // namespace certdesk::test
