// certdesk-cli: the headless counter tool. Thin: the application object, the language, then Cli.cpp.
#include "Cli.h"

#include "domain/Translations.h"
#include "platform/ThreadExit.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <memory>

int main(int argc, char** argv)
{
    certdesk::platform::prepareThreadExit();
    // Painting the letter needs QtGui's fonts; the token commands need only QtCore.
    const bool gui = certdesk::cli::needsGui(argc, argv);
#ifndef Q_OS_WIN
    // On Linux the offscreen platform needs no display and finds the system fonts through fontconfig. Windows
    // keeps its own platform plugin, which shows nothing unless asked and draws with the system's fonts: Qt's
    // offscreen plugin there reads fonts only from QT_QPA_FONTDIR, so every glyph would be a box
    // (docs/windows.md).
    if (gui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
#endif
    std::unique_ptr<QCoreApplication> app(
        gui ? new QGuiApplication(argc, argv) : new QCoreApplication(argc, argv));
    QCoreApplication::setApplicationName(QStringLiteral("certdesk-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("CertDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CERTDESK_VERSION));
    certdesk::installTranslations(*app, certdesk::cli::languageFromArguments(argc, argv));
    return certdesk::cli::run(QCoreApplication::arguments());
}
