// Loading PKCS#11 modules: what goes wrong gives a status and a message, never a crash.

#include "TestEnvironment.h"
#include "TestModuleControl.h"
#include "TokenTestSupport.h"

#include "token/ModuleLoader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace certdesk;
using namespace certdesk::token;

class TestModuleLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void missingFile();
    void missingBareName();
    void notALibrary();
    void libraryWithoutGetFunctionList();
    // Order matters: the test module is loaded without its state directory first, then with it.
    void moduleFailingItsInitialization();
    void moduleLoadsOnceAnotherAttempt();
    void oneModulePerFile();
    void defaultPaths();

private:
    QTemporaryDir m_dir;
    std::optional<test::SoftHsm> m_softhsm;
};

void TestModuleLoader::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
    m_softhsm.emplace(m_dir.filePath(QStringLiteral("softhsm")));
    QVERIFY(m_softhsm->initToken(
        QStringLiteral("LOADER"), QStringLiteral("87654321"), QStringLiteral("12345678")));
}

void TestModuleLoader::missingFile()
{
    const auto module = ModuleLoader::load(m_dir.filePath(QStringLiteral("no-such-module.so")));
    QCOMPARE(module.status(), TokenStatus::ModuleMissing);
    QVERIFY(!module.message().isEmpty());
    QCOMPARE(ModuleLoader::load(QString()).status(), TokenStatus::ModuleMissing);
}

void TestModuleLoader::missingBareName()
{
    // A bare name is never handed to the system loader's search path (platform/ModuleLibrary.h).
    QCOMPARE(ModuleLoader::load(QStringLiteral("libcertdesk-no-such-pkcs11.so")).status(),
        TokenStatus::ModuleMissing);
}

void TestModuleLoader::notALibrary()
{
    const QString path = m_dir.filePath(QStringLiteral("fake-pkcs11.so"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a shared library\n");
    file.close();
    const auto module = ModuleLoader::load(path);
    QCOMPARE(module.status(), TokenStatus::ModuleLoadFailed);
    QVERIFY(!module.message().isEmpty());
    QCOMPARE(ModuleLoader::load(m_dir.path()).status(), TokenStatus::ModuleLoadFailed); // a directory
}

void TestModuleLoader::libraryWithoutGetFunctionList()
{
    const QString qtCore
        = QLibraryInfo::path(QLibraryInfo::LibrariesPath) + QStringLiteral("/libQt6Core.so.6");
    if (!QFileInfo::exists(qtCore))
        QSKIP("libQt6Core.so.6 not at the expected place");
    const auto module = ModuleLoader::load(qtCore);
    QCOMPARE(module.status(), TokenStatus::ModuleLoadFailed);
    QVERIFY(module.detail().contains(QLatin1String("C_GetFunctionList")));
}

void TestModuleLoader::moduleFailingItsInitialization()
{
    // The test module's C_Initialize fails without its state directory (like a vendor module whose service is
    // not running).
    qunsetenv("CERTDESK_TESTMODULE_DIR");
    const auto module = ModuleLoader::load(test::Sm2TestModule::modulePath());
    QCOMPARE(module.status(), TokenStatus::ModuleFailed);
    QVERIFY(module.detail().contains(QLatin1String("C_Initialize")));
}

void TestModuleLoader::moduleLoadsOnceAnotherAttempt()
{
    // A failed load is not cached: with the service "back", the same module loads.
    const QString directory = m_dir.filePath(QStringLiteral("testmodule"));
    QVERIFY(QDir().mkpath(directory));
    const test::Sm2TestModule control(directory);
    control.activate();
    QVERIFY(control.createToken(
        0, QStringLiteral("AFTER"), QStringLiteral("12345678"), QStringLiteral("87654321")));
    const auto module = ModuleLoader::load(test::Sm2TestModule::modulePath());
    QVERIFY2(module, qPrintable(module.detail()));
    QVERIFY(module->findToken(QStringLiteral("AFTER")));
}

void TestModuleLoader::oneModulePerFile()
{
    const QString path = test::SoftHsm::modulePath();
    if (!QFileInfo::exists(path))
        QSKIP("SoftHSM2 is not installed");
    const auto first = ModuleLoader::load(path);
    QVERIFY2(first, qPrintable(first.detail()));
    QVERIFY(first->findToken(QStringLiteral("LOADER")));
    const auto second = ModuleLoader::load(path);
    QVERIFY(second);
    QVERIFY(*first == *second);
    // Debian's /usr/lib/softhsm/libsofthsm2.so is a link to the multiarch file: still one module.
    const QString canonical = QFileInfo(path).canonicalFilePath();
    const auto third = ModuleLoader::load(canonical);
    QVERIFY(third);
    QVERIFY(*first == *third);
    QVERIFY(!first->libraryDescription().isEmpty());
}

void TestModuleLoader::defaultPaths()
{
    const QStringList defaults = ModuleLoader::defaultModulePaths();
    QVERIFY(defaults.contains(QStringLiteral("/usr/lib/softhsm/libsofthsm2.so")));
    QVERIFY(defaults.contains(QStringLiteral("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so")));
    const QStringList installed = ModuleLoader::installedModulePaths();
    for (const QString& path : installed)
        QVERIFY2(QFileInfo::exists(path), qPrintable(path));
    if (QFileInfo::exists(test::SoftHsm::modulePath()))
        QVERIFY(installed.contains(test::SoftHsm::modulePath()));
}

QTEST_GUILESS_MAIN(TestModuleLoader)
#include "tst_moduleloader.moc"
