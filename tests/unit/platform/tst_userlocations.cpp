// platform::UserLocations: per-user data in %LOCALAPPDATA% on Windows (never the roaming profile), settings
// in the registry there; XDG locations and an INI file on Linux.

#include "platform/UserLocations.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace certdesk::platform;

class TestUserLocations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dataDirectories();
    void settingsRoundTrip();
};

void TestUserLocations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CertDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_userlocations"));
}

void TestUserLocations::dataDirectories()
{
    const QString data = userDataDirectory();
    QVERIFY(data.endsWith(QStringLiteral("/CertDeskTest/tst_userlocations")));
    QVERIFY(sharedUserDataDirectory().endsWith(QStringLiteral("/CertDesk")));
#ifdef Q_OS_WIN
    // %LOCALAPPDATA%, not %APPDATA% (Roaming).
    const QString local = QDir::fromNativeSeparators(qEnvironmentVariable("LOCALAPPDATA"));
    QVERIFY2(!local.isEmpty(), "LOCALAPPDATA is not set");
    QVERIFY2(data.startsWith(local, Qt::CaseInsensitive), qPrintable(data + QStringLiteral(" vs ") + local));
    QVERIFY(!data.contains(QStringLiteral("Roaming"), Qt::CaseInsensitive));
#else
    QVERIFY(
        data.contains(QStringLiteral("/.qttest/share/")) || data.contains(QStringLiteral("/.local/share/")));
#endif
}

void TestUserLocations::settingsRoundTrip()
{
    const QString location = userSettingsLocation();
#ifdef Q_OS_WIN
    QVERIFY2(location.startsWith(QStringLiteral("\\HKEY_CURRENT_USER\\Software\\CertDeskTest\\")),
        qPrintable(location));
#else
    QVERIFY2(location.endsWith(QStringLiteral("/CertDeskTest/tst_userlocations.conf")), qPrintable(location));
#endif
    {
        const auto settings = userSettings();
        settings->setValue(QStringLiteral("tokens/modules"), QStringList {QStringLiteral("C:/x/y.dll")});
        settings->sync();
        QCOMPARE(settings->status(), QSettings::NoError);
    }
    {
        const auto settings = userSettings();
        QCOMPARE(settings->value(QStringLiteral("tokens/modules")).toStringList(),
            QStringList {QStringLiteral("C:/x/y.dll")});
        settings->clear();
    }
}

QTEST_GUILESS_MAIN(TestUserLocations)
#include "tst_userlocations.moc"
