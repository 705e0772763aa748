// Where the vendor profiles say their Windows PKCS#11 DLLs are (VendorProfiles::windowsModulePaths), with a
// fake registry and environment: full paths only, registry first, System32 last. No module is loaded.

#include "token/VendorProfile.h"

#include <QHash>
#include <QTest>

using namespace certdesk;
using namespace certdesk::token;

namespace {

class FakeRegistry final : public platform::Registry
{
public:
    QHash<QString, QString> values;
    std::optional<QString> stringValue(const QString& key, const QString& name) const override
    {
        const auto it = values.constFind(key + QLatin1Char('|') + name);
        return it == values.constEnd() ? std::nullopt : std::optional<QString>(*it);
    }
};

platform::Environment windowsEnvironment()
{
    return [](const QString& name) -> std::optional<QString> {
        if (name.compare(QLatin1String("SystemRoot"), Qt::CaseInsensitive) == 0)
            return QStringLiteral("C:\\Windows");
        if (name.compare(QLatin1String("ProgramFiles"), Qt::CaseInsensitive) == 0)
            return QStringLiteral("C:\\Program Files");
        return std::nullopt;
    };
}

} // namespace

class TestVendorLocations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInWithoutRegistry();
    void openScFromTheRegistry();
    void badRegistryEntry();
    void codesFitCkUlong();
};

void TestVendorLocations::builtInWithoutRegistry()
{
    const FakeRegistry registry;
    const QStringList paths = VendorProfiles::builtIn().windowsModulePaths(registry, windowsEnvironment());
    QVERIFY(!paths.isEmpty());
    for (const QString& path : paths)
        QVERIFY2(path.startsWith(QStringLiteral("C:\\")), qPrintable(path));
    // Every windows_modules name appears, in System32 at least.
    for (const QString& name : VendorProfiles::builtIn().windowsModules())
        QVERIFY2(paths.contains(QStringLiteral("C:\\Windows\\System32\\") + name, Qt::CaseInsensitive),
            qPrintable(name));
    // OpenSC's own directory before System32.
    const qsizetype openscDir = paths.indexOf(
        QStringLiteral("C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll"));
    const qsizetype openscSystem = paths.indexOf(QStringLiteral("C:\\Windows\\System32\\opensc-pkcs11.dll"));
    QVERIFY(openscDir >= 0);
    QVERIFY(openscDir < openscSystem);
    // Profile order: the Sansec DLL (first profile) comes first.
    QCOMPARE(paths.constFirst(), QStringLiteral("C:\\Windows\\System32\\swpkcs11.dll"));
}

void TestVendorLocations::openScFromTheRegistry()
{
    FakeRegistry registry;
    registry.values.insert(QStringLiteral("HKLM\\SOFTWARE\\OpenSC Project\\OpenSC|ConfigFile"),
        QStringLiteral("D:\\Apps\\OpenSC Project\\OpenSC\\opensc.conf"));
    const QStringList paths = VendorProfiles::builtIn().windowsModulePaths(registry, windowsEnvironment());
    const qsizetype fromRegistry
        = paths.indexOf(QStringLiteral("D:\\Apps\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll"));
    QVERIFY(fromRegistry >= 0);
    QVERIFY(fromRegistry < paths.indexOf(
                QStringLiteral("C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll")));
}

void TestVendorLocations::badRegistryEntry()
{
    const QByteArray json = R"({"profiles": [{"name": "x", "key_type": "0x3",
        "windows_modules": ["x.dll"], "windows_registry": [{"key": "HKLM\\SOFTWARE\\X", "value_is": "file"}]}]})";
    const auto profiles = VendorProfiles::fromJson(json);
    QCOMPARE(profiles.status(), TokenStatus::InternalError);
    QVERIFY(profiles.error().detail.contains(QStringLiteral("windows_registry")));
}

// key_type and keygen_mechanism are CK_ULONGs: a negative or fractional number, or one beyond an unsigned
// long (32 bits on Windows), is refused instead of being cut to another code.
void TestVendorLocations::codesFitCkUlong()
{
    const auto parse = [](const QByteArray& keyType, const QByteArray& mechanism) {
        const QByteArray json = QByteArray(R"({"profiles": [{"name": "x", "key_type": )") + keyType
            + R"(, "keygen_mechanism": )" + mechanism + "}]}";
        return VendorProfiles::fromJson(json);
    };
    const auto good = parse("\"0x80000001\"", "2147483650");
    QVERIFY2(good.hasValue(), qPrintable(good.hasValue() ? QString() : good.error().detail));
    QCOMPARE(good->profiles().first().keyType, 0x80000001ULL);
    QCOMPARE(*good->profiles().first().keygenMechanism, 0x80000002ULL);
    QCOMPARE(parse("-1", "1").status(), TokenStatus::InternalError);
    QCOMPARE(parse("3", "2.5").status(), TokenStatus::InternalError);
    QCOMPARE(parse("3", "\"0x1000000000000000000\"").status(), TokenStatus::InternalError);
    const auto wide = parse("\"0x100000003\"", "1");
    if constexpr (sizeof(unsigned long) == 4)
        QCOMPARE(wide.status(), TokenStatus::InternalError);
    else
        QVERIFY(wide.hasValue());
}

QTEST_GUILESS_MAIN(TestVendorLocations)
#include "tst_vendorlocations.moc"
