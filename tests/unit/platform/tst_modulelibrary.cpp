// platform::ModuleLibrary: only full local paths are loaded (Windows' DLL search order is never used), and a
// real PKCS#11 module loads and exports C_GetFunctionList.

#include "platform/ModuleLibrary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk::platform;

class TestModuleLibrary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void windowsPaths_data();
    void windowsPaths();
    void posixPaths_data();
    void posixPaths();
    void loadsARealModule();
    void refusesBareAndRelativeNames();
    void notALibrary();
};

void TestModuleLibrary::windowsPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("full path") << QStringLiteral("C:\\Windows\\System32\\swpkcs11.dll") << true;
    QTest::newRow("forward slashes") << QStringLiteral("C:/Program Files/OpenSC Project/OpenSC/pkcs11/x.dll")
                                     << true;
    QTest::newRow("lower-case drive") << QStringLiteral("d:\\vendor\\cryptoki.dll") << true;
    QTest::newRow("bare name") << QStringLiteral("swpkcs11.dll") << false;
    QTest::newRow("relative") << QStringLiteral("vendor\\swpkcs11.dll") << false;
    QTest::newRow("drive-relative") << QStringLiteral("C:swpkcs11.dll") << false;
    QTest::newRow("root of the current drive") << QStringLiteral("\\Windows\\swpkcs11.dll") << false;
    QTest::newRow("network share") << QStringLiteral("\\\\server\\share\\swpkcs11.dll") << false;
    QTest::newRow("network share, slashes") << QStringLiteral("//server/share/swpkcs11.dll") << false;
    QTest::newRow("device path") << QStringLiteral("\\\\?\\C:\\x\\swpkcs11.dll") << false;
    QTest::newRow("dot-dot") << QStringLiteral("C:\\Program Files\\..\\Temp\\swpkcs11.dll") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestModuleLibrary::windowsPaths()
{
    QFETCH(QString, path);
    QFETCH(bool, accepted);
    const QString refusal = moduleLoadRefusal(path, PathStyle::Windows);
    QCOMPARE(refusal.isEmpty(), accepted);
}

void TestModuleLibrary::posixPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("full path") << QStringLiteral("/usr/lib/softhsm/libsofthsm2.so") << true;
    QTest::newRow("bare name") << QStringLiteral("libsofthsm2.so") << false;
    QTest::newRow("relative") << QStringLiteral("lib/libsofthsm2.so") << false;
    QTest::newRow("dot-dot") << QStringLiteral("/usr/lib/../tmp/x.so") << false;
    QTest::newRow("windows path") << QStringLiteral("C:\\x\\y.dll") << false;
}

void TestModuleLibrary::posixPaths()
{
    QFETCH(QString, path);
    QFETCH(bool, accepted);
    QCOMPARE(moduleLoadRefusal(path, PathStyle::Posix).isEmpty(), accepted);
}

void TestModuleLibrary::loadsARealModule()
{
    // Absolute with its drive on Windows (the build path is a Unix one when the test runs under Wine).
    const QString path = QFileInfo(QStringLiteral(CERTDESK_TEST_MODULE)).absoluteFilePath();
    QVERIFY2(QFile::exists(path), qPrintable(path));
    QString error;
    const auto library = ModuleLibrary::load(path, &error);
    QVERIFY2(library, qPrintable(error));
    QVERIFY(library->resolve("C_GetFunctionList") != nullptr);
    QVERIFY(library->resolve("certdesk_no_such_symbol") == nullptr);
    QCOMPARE(QDir::fromNativeSeparators(library->fileName()), path);
}

void TestModuleLibrary::refusesBareAndRelativeNames()
{
    // Even a name that exists in the current directory is refused: that is where a planted DLL would be.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString name = QFileInfo(QStringLiteral(CERTDESK_TEST_MODULE)).fileName();
    QVERIFY(
        QFile::copy(QFileInfo(QStringLiteral(CERTDESK_TEST_MODULE)).absoluteFilePath(), dir.filePath(name)));
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    QString error;
    const auto bare = ModuleLibrary::load(name, &error);
    const auto relative = ModuleLibrary::load(QStringLiteral("./") + name, &error);
    QDir::setCurrent(previous);
    QVERIFY(!bare);
    QVERIFY(!relative);
    QVERIFY(error.contains(QStringLiteral("full path")));
}

void TestModuleLibrary::notALibrary()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("fake-pkcs11.dll"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a shared library\n");
    file.close();
    QString error;
    QVERIFY(!ModuleLibrary::load(path, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestModuleLibrary)
#include "tst_modulelibrary.moc"
