// certdesk: the GUI. Thin: parses options, sets up language, fonts and the local store, shows the main
// window.
#include "AppMode.h"
#include "MainWindow.h"
#include "api/UrlPolicy.h"
#include "domain/Translations.h"
#include "kiosk/KioskLook.h"
#include "platform/ThreadExit.h"
#include "server/Service.h"
#include "storage/LocalStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFont>
#include <QMessageBox>
#include <QScreen>
#include <QTimer>
#include <QUrl>

#include <cstdio>

namespace {

// Never rely on the machine's default font for Chinese: name the CJK families explicitly, most preferred
// first (Linux counters, Windows PCs, older Windows).
void setCjkFont(QApplication& app)
{
    QFont font = app.font();
    font.setFamilies({QStringLiteral("Noto Sans CJK SC"), QStringLiteral("Microsoft YaHei"),
        QStringLiteral("Source Han Sans SC"), QStringLiteral("WenQuanYi Micro Hei"),
        QStringLiteral("SimSun")});
    if (font.pointSizeF() < 10)
        font.setPointSizeF(10);
    app.setFont(font);
}

} // namespace

int main(int argc, char** argv)
{
    certdesk::platform::prepareThreadExit();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("CertDesk"));
    // The menu entry installer/certdesk.desktop: on Wayland the compositor takes the window's icon and name
    // from it.
    QGuiApplication::setDesktopFileName(QStringLiteral("certdesk"));
    QApplication::setOrganizationName(QStringLiteral("CertDesk"));
    QApplication::setApplicationVersion(QStringLiteral(CERTDESK_VERSION));

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandbox(
        QStringLiteral("sandbox"), QStringLiteral("Training mode with the embedded service."));
    const QCommandLineOption kiosk(QStringLiteral("kiosk"), QStringLiteral("Self-service terminal mode."));
    const QCommandLineOption counter(QStringLiteral("counter"), QStringLiteral("Counter staff desk."));
    const QCommandLineOption lang(QStringLiteral("lang"),
        QStringLiteral("UI language: zh_CN (default) or en."), QStringLiteral("language"),
        QStringLiteral("zh_CN"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
        QStringLiteral(
            "Folder of the local database (default: the per-user data folder; env CERTDESK_DATA_DIR)."),
        QStringLiteral("dir"));
    const QCommandLineOption server(QStringLiteral("server"),
        QStringLiteral("Counter service base URL (https://…; plain http only on this computer)."),
        QStringLiteral("url"));
    const QCommandLineOption serverCa(QStringLiteral("server-ca"),
        QStringLiteral(
            "PEM file with the CA certificate(s) the service's TLS certificate must chain to (instead "
            "of the system's roots)."),
        QStringLiteral("file"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Save a PNG of the window once it is shown (demos, documentation)."),
        QStringLiteral("file"));
    const QCommandLineOption quitAfter(QStringLiteral("quit-after"),
        QStringLiteral("Quit after this many seconds."), QStringLiteral("seconds"));
    const QCommandLineOption idle(QStringLiteral("idle-timeout"),
        QStringLiteral(
            "Kiosk: seconds without input before the session's personal data is wiped (default 120)."),
        QStringLiteral("seconds"), QStringLiteral("120"));
    parser.addOptions(
        {sandbox, kiosk, counter, lang, dataDir, server, serverCa, screenshot, quitAfter, idle});
    parser.process(app);

    certdesk::installTranslations(app, parser.value(lang));
    setCjkFont(app);

    certdesk::ui::AppMode mode;
    mode.sandbox = parser.isSet(sandbox);
    mode.kiosk = parser.isSet(kiosk);
    mode.counter = parser.isSet(counter);
    mode.serverUrl = parser.value(server);
    // Personal data and staff passwords go to the service: beyond this machine only over https, and with
    // --server-ca only to a service whose certificate chains to that CA. A refusal is shown and ends the
    // start (exit 2, as for any usage error).
    const auto refuse = [](const QString& message) {
        std::fprintf(stderr, "certdesk: %s\n", qPrintable(message));
        QMessageBox::critical(nullptr, QCoreApplication::translate("certdesk::App", "CertDesk"), message);
        return 2;
    };
    if (!mode.serverUrl.isEmpty()) {
        const QString problem = certdesk::api::serverUrlProblem(QUrl(mode.serverUrl, QUrl::StrictMode));
        if (!problem.isEmpty())
            return refuse(problem);
    }
    if (parser.isSet(serverCa)) {
        QFile file(parser.value(serverCa));
        mode.serverCaCertificates = file.open(QIODevice::ReadOnly)
            ? QSslCertificate::fromData(file.readAll(), QSsl::Pem)
            : QList<QSslCertificate>();
        if (mode.serverCaCertificates.isEmpty())
            return refuse(QCoreApplication::translate("certdesk::App",
                "The file %1 given with --server-ca holds no PEM certificate (or cannot be read).")
                              .arg(file.fileName()));
    }
    mode.kioskIdleSeconds = qMax(10, parser.value(idle).toInt());
    if (mode.kiosk)
        certdesk::ui::applyKioskLook(app);

    QString dir = parser.value(dataDir);
    if (dir.isEmpty())
        dir = qEnvironmentVariable("CERTDESK_DATA_DIR");
    const QString dbPath = dir.isEmpty() ? certdesk::LocalStore::defaultPath()
                                         : QDir(dir).filePath(QStringLiteral("certdesk.sqlite"));
    certdesk::LocalStore store(dbPath);

    // Training mode: the reference counter service runs inside this process on a free loopback port, with its
    // own data next to the local store, so the whole journey works with no setup and nothing reaches the CA.
    certdesk::server::Service sandboxService;
    if (mode.sandbox && mode.serverUrl.isEmpty()) {
        QString error;
        mode.serverUrl = sandboxService.startEmbeddedSandbox(
            QFileInfo(dbPath).absolutePath() + QStringLiteral("/sandbox-service"), &error);
        if (mode.serverUrl.isEmpty())
            qWarning("certdesk: the sandbox service did not start: %s", qPrintable(error));
    }

    certdesk::ui::MainWindow window(mode, store.isOpen() ? &store : nullptr);
    if (mode.kiosk)
        window.showKiosk();
    else
        window.show();

    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QTimer::singleShot(1500, &window, [&window, file] { window.grab().save(file); });
    }
    if (parser.isSet(quitAfter))
        QTimer::singleShot(parser.value(quitAfter).toInt() * 1000, &app, [&window] {
            window.allowClose(); // Qt 6's quit() asks the windows to close first; a kiosk window refuses
            QApplication::quit();
        });
    return app.exec();
}
