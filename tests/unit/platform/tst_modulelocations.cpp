// platform::ModuleLocations: where a vendor's PKCS#11 DLL may be on Windows, from registry values, profile
// directories and System32, with a fake registry and environment (runs on every platform).

#include "platform/ModuleLocations.h"

#include <QHash>
#include <QTest>

using namespace certdesk::platform;

namespace {

class FakeRegistry final : public Registry
{
public:
    QHash<QString, QString> values; // "key\nname" -> value

    std::optional<QString> stringValue(const QString& key, const QString& name) const override
    {
        const auto it = values.constFind(key.toLower() + QLatin1Char('\n') + name.toLower());
        if (it == values.constEnd())
            return std::nullopt;
        return *it;
    }
    void set(const QString& key, const QString& name, const QString& value)
    {
        values.insert(key.toLower() + QLatin1Char('\n') + name.toLower(), value);
    }
};

Environment fakeEnvironment(QHash<QString, QString> variables)
{
    return [variables](const QString& name) -> std::optional<QString> {
        // Windows environment names are case-insensitive.
        for (auto it = variables.constBegin(); it != variables.constEnd(); ++it)
            if (it.key().compare(name, Qt::CaseInsensitive) == 0)
                return it.value();
        return std::nullopt;
    };
}

const QHash<QString, QString> windowsEnvironment {
    {QStringLiteral("SystemRoot"), QStringLiteral("C:\\Windows")},
    {QStringLiteral("ProgramFiles"), QStringLiteral("C:\\Program Files")},
};

} // namespace

class TestModuleLocations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expand_data();
    void expand();
    void system32Only();
    void registryThenDirectoriesThenSystem32();
    void registryDirectoryValue();
    void unusableValuesAreSkipped();
    void duplicatesOnce();
    void systemRegistry();
};

void TestModuleLocations::expand_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // empty: nullopt
    QTest::newRow("one") << QStringLiteral("%ProgramFiles%\\OpenSC")
                         << QStringLiteral("C:\\Program Files\\OpenSC");
    QTest::newRow("case") << QStringLiteral("%systemroot%\\System32")
                          << QStringLiteral("C:\\Windows\\System32");
    QTest::newRow("none") << QStringLiteral("D:\\x") << QStringLiteral("D:\\x");
    QTest::newRow("percent") << QStringLiteral("D:\\100%%") << QStringLiteral("D:\\100%");
    QTest::newRow("unset") << QStringLiteral("%NoSuchVariable%\\x") << QString();
    QTest::newRow("unterminated") << QStringLiteral("%ProgramFiles\\x") << QString();
}

void TestModuleLocations::expand()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const std::optional<QString> expanded = expandEnvironment(text, fakeEnvironment(windowsEnvironment));
    if (expected.isEmpty())
        QVERIFY(!expanded);
    else
        QCOMPARE(expanded.value_or(QStringLiteral("<nullopt>")), expected);
}

void TestModuleLocations::system32Only()
{
    const FakeRegistry registry;
    const ModuleLocationRule rule {QStringLiteral("swpkcs11.dll"), {}, {}};
    QCOMPARE(moduleCandidates(rule, registry, fakeEnvironment(windowsEnvironment)),
        QStringList {QStringLiteral("C:\\Windows\\System32\\swpkcs11.dll")});
    // Without %SystemRoot% nothing is guessed.
    QVERIFY(moduleCandidates(rule, registry, fakeEnvironment({})).isEmpty());
}

void TestModuleLocations::registryThenDirectoriesThenSystem32()
{
    // OpenSC's installer writes HKLM\SOFTWARE\OpenSC Project\OpenSC ConfigFile = <install dir>opensc.conf.
    FakeRegistry registry;
    registry.set(QStringLiteral("HKLM\\SOFTWARE\\OpenSC Project\\OpenSC"), QStringLiteral("ConfigFile"),
        QStringLiteral("D:\\Tools\\OpenSC\\opensc.conf"));
    const ModuleLocationRule rule {QStringLiteral("opensc-pkcs11.dll"),
        {QStringLiteral("%ProgramFiles%\\OpenSC Project\\OpenSC\\pkcs11")},
        {RegistryLocation {QStringLiteral("HKLM\\SOFTWARE\\OpenSC Project\\OpenSC"),
            QStringLiteral("ConfigFile"), true, QStringLiteral("pkcs11")}}};
    QCOMPARE(moduleCandidates(rule, registry, fakeEnvironment(windowsEnvironment)),
        (QStringList {QStringLiteral("D:\\Tools\\OpenSC\\pkcs11\\opensc-pkcs11.dll"),
            QStringLiteral("C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll"),
            QStringLiteral("C:\\Windows\\System32\\opensc-pkcs11.dll")}));
}

void TestModuleLocations::registryDirectoryValue()
{
    FakeRegistry registry;
    registry.set(QStringLiteral("HKCU\\Software\\Vendor"), QStringLiteral("InstallPath"),
        QStringLiteral("\"E:/Vendor/UKey/\""));
    const ModuleLocationRule rule {QStringLiteral("cryptoki.dll"), {},
        {RegistryLocation {
            QStringLiteral("HKCU\\Software\\Vendor"), QStringLiteral("InstallPath"), false, {}}}};
    QCOMPARE(moduleCandidates(rule, registry, fakeEnvironment(windowsEnvironment)).value(0),
        QStringLiteral("E:\\Vendor\\UKey\\cryptoki.dll"));
}

void TestModuleLocations::unusableValuesAreSkipped()
{
    FakeRegistry registry;
    // A relative directory, a network share and a file value without a directory give no candidate: only
    // full local paths are ever loaded.
    registry.set(QStringLiteral("HKLM\\A"), QStringLiteral("Dir"), QStringLiteral("vendor\\lib"));
    registry.set(QStringLiteral("HKLM\\B"), QStringLiteral("Dir"), QStringLiteral("\\\\server\\share\\lib"));
    registry.set(QStringLiteral("HKLM\\C"), QStringLiteral("File"), QStringLiteral("opensc.conf"));
    const ModuleLocationRule rule {QStringLiteral("x.dll"),
        {QStringLiteral("%UNSET%\\lib"), QStringLiteral("relative\\lib")},
        {RegistryLocation {QStringLiteral("HKLM\\A"), QStringLiteral("Dir"), false, {}},
            RegistryLocation {QStringLiteral("HKLM\\B"), QStringLiteral("Dir"), false, {}},
            RegistryLocation {QStringLiteral("HKLM\\C"), QStringLiteral("File"), true, {}},
            RegistryLocation {QStringLiteral("HKLM\\Missing"), QStringLiteral("Dir"), false, {}}}};
    QCOMPARE(moduleCandidates(rule, registry, fakeEnvironment(windowsEnvironment)),
        QStringList {QStringLiteral("C:\\Windows\\System32\\x.dll")});
}

void TestModuleLocations::duplicatesOnce()
{
    const FakeRegistry registry;
    const ModuleLocationRule rule {QStringLiteral("x.dll"),
        {QStringLiteral("c:\\windows\\system32\\"), QStringLiteral("C:/Windows/System32")}, {}};
    QCOMPARE(moduleCandidates(rule, registry, fakeEnvironment(windowsEnvironment)),
        QStringList {QStringLiteral("c:\\windows\\system32\\x.dll")});
}

void TestModuleLocations::systemRegistry()
{
    const Registry& registry = Registry::system();
    const QString key = QStringLiteral("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion");
#ifdef Q_OS_WIN
    // Every Windows (and Wine) has it.
    const std::optional<QString> product = registry.stringValue(key, QStringLiteral("ProductName"));
    QVERIFY(product && !product->isEmpty());
    QVERIFY(registry.stringValue(
        QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"),
        QStringLiteral("ProductName")));
    // REG_EXPAND_SZ comes back expanded.
    const std::optional<QString> root = registry.stringValue(key, QStringLiteral("SystemRoot"));
    QVERIFY(root && !root->contains(QLatin1Char('%')));
#endif
    QVERIFY(!registry.stringValue(key, QStringLiteral("CertDeskNoSuchValue")));
    QVERIFY(!registry.stringValue(QStringLiteral("HKLM\\SOFTWARE\\CertDeskNoSuchKey"), QStringLiteral("x")));
    QVERIFY(!registry.stringValue(QStringLiteral("HKCR\\x"), QStringLiteral("x")));
}

QTEST_GUILESS_MAIN(TestModuleLocations)
#include "tst_modulelocations.moc"
