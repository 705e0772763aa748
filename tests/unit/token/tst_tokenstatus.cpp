// TokenStatus mapping and messages, vendor profile data and matching, CKA_ID derivation. No module is loaded.

#include "TestEnvironment.h"
#include "TokenTestSupport.h"

#include "pki/OpenSslHandles.h"
#include "token/TokenStatus.h"
#include "token/TokenWriter.h"
#include "token/VendorProfile.h"

#include <QSet>
#include <QTest>

#include <openssl/x509v3.h>

using namespace certdesk;
using namespace certdesk::token;

class TestTokenStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::fixEnvironment(); }

    void ckrMapping_data();
    void ckrMapping();
    void everyStatusHasItsOwnMessage();
    void builtInProfiles();
    void profileMatch_data();
    void profileMatch();
    void tokenDisplayName_data();
    void tokenDisplayName();
    void factoryPinsComeFromTheProfiles();
    void badProfileFiles_data();
    void badProfileFiles();
    void unprobedProfileCannotSign();
    void objectIdIsTheSubjectKeyIdentifier();
};

void TestTokenStatus::ckrMapping_data()
{
    QTest::addColumn<quint64>("ckr");
    QTest::addColumn<TokenStatus>("status");
    // Values from PKCS#11 v2.40 §5.1 (tests do not include pkcs11.h).
    QTest::newRow("CKR_OK") << quint64(0x0) << TokenStatus::Ok;
    QTest::newRow("CKR_PIN_INCORRECT") << quint64(0xA0) << TokenStatus::PinIncorrect;
    QTest::newRow("CKR_PIN_INVALID") << quint64(0xA1) << TokenStatus::PinInvalid;
    QTest::newRow("CKR_PIN_LEN_RANGE") << quint64(0xA2) << TokenStatus::PinInvalid;
    QTest::newRow("CKR_PIN_EXPIRED") << quint64(0xA3) << TokenStatus::PinExpired;
    QTest::newRow("CKR_PIN_LOCKED") << quint64(0xA4) << TokenStatus::PinLocked;
    QTest::newRow("CKR_DEVICE_REMOVED") << quint64(0x32) << TokenStatus::TokenRemoved;
    QTest::newRow("CKR_TOKEN_NOT_PRESENT") << quint64(0xE0) << TokenStatus::TokenRemoved;
    QTest::newRow("CKR_SESSION_HANDLE_INVALID") << quint64(0xB3) << TokenStatus::TokenRemoved;
    QTest::newRow("CKR_DEVICE_MEMORY") << quint64(0x31) << TokenStatus::TokenFull;
    QTest::newRow("CKR_DEVICE_ERROR") << quint64(0x30) << TokenStatus::DeviceError;
    QTest::newRow("CKR_GENERAL_ERROR") << quint64(0x5) << TokenStatus::DeviceError;
    QTest::newRow("CKR_MECHANISM_INVALID") << quint64(0x70) << TokenStatus::NotSupported;
    QTest::newRow("CKR_USER_NOT_LOGGED_IN") << quint64(0x101) << TokenStatus::NotLoggedIn;
    QTest::newRow("CKR_TOKEN_WRITE_PROTECTED") << quint64(0xE2) << TokenStatus::ReadOnly;
    QTest::newRow("CKR_TOKEN_NOT_RECOGNIZED") << quint64(0xE1) << TokenStatus::TokenNotInitialized;
    QTest::newRow("CKR_FUNCTION_CANCELED") << quint64(0x50) << TokenStatus::Cancelled;
    QTest::newRow("vendor code") << quint64(0x80000123) << TokenStatus::DeviceError;
}

void TestTokenStatus::ckrMapping()
{
    QFETCH(quint64, ckr);
    QFETCH(TokenStatus, status);
    QCOMPARE(tokenStatusFromCkr(ckr), status);
    const TokenError error = tokenError(status, QStringLiteral("C_Test"), ckr);
    if (ckr != 0)
        QVERIFY(error.detail.contains(ckrName(ckr)));
}

void TestTokenStatus::everyStatusHasItsOwnMessage()
{
    QSet<QString> messages;
    QSet<QString> names;
    for (int i = int(TokenStatus::Ok); i <= int(TokenStatus::InternalError); ++i) {
        const auto status = static_cast<TokenStatus>(i);
        const QString message = tokenStatusMessage(status);
        QVERIFY2(!message.isEmpty(), qPrintable(tokenStatusName(status)));
        messages.insert(message);
        names.insert(tokenStatusName(status));
    }
    const int count = int(TokenStatus::InternalError) + 1;
    QCOMPARE(messages.size(), count);
    QCOMPARE(names.size(), count);
    // A wrong PIN's message tells the person how close the lock is.
    QVERIFY(tokenStatusMessage(TokenStatus::PinIncorrectFinalTry).contains(QLatin1String("One try")));
    QCOMPARE(ckrName(0xA0), QStringLiteral("CKR_PIN_INCORRECT"));
    QCOMPARE(ckrName(0x80000123), QStringLiteral("0x80000123"));
}

void TestTokenStatus::builtInProfiles()
{
    const VendorProfiles& profiles = VendorProfiles::builtIn();
    QStringList names;
    for (const VendorProfile& profile : profiles.profiles())
        names << profile.name;
    QCOMPARE(names,
        QStringList({QStringLiteral("certdesk-test-sansec"), QStringLiteral("sansec-swpkcs11"),
            QStringLiteral("tass"), QStringLiteral("thales-luna"), QStringLiteral("ibm-ep11"),
            QStringLiteral("softhsm2"), QStringLiteral("generic-ec")}));
    const VendorProfile sansec = *profiles.byName(QStringLiteral("sansec-swpkcs11"));
    QCOMPARE(sansec.keyType, quint64(0x80000004));
    QCOMPARE(sansec.keygenMechanism, std::optional<quint64>(0x80008001));
    QCOMPARE(sansec.signMechanism, std::optional<quint64>(0x80008102));
    QCOMPARE(sansec.signInput, Sm2SignInput::MessageWithZ);
    QCOMPARE(sansec.signatureEncoding, SignatureEncoding::Raw);
    QVERIFY(sansec.canSignSm2);
    const VendorProfile luna = *profiles.byName(QStringLiteral("thales-luna"));
    QCOMPARE(luna.keyType, quint64(0x80000016));
    QCOMPARE(luna.signMechanism, std::optional<quint64>(0x80000B22));
    const VendorProfile generic = *profiles.byName(QStringLiteral("generic-ec"));
    QCOMPARE(generic.keyType, quint64(3));
    QVERIFY(generic.ecParams);
    QVERIFY(!generic.canSignSm2);
    QVERIFY(!generic.signMechanism);
    QVERIFY(profiles.windowsModules().contains(QStringLiteral("swpkcs11.dll")));
}

void TestTokenStatus::profileMatch_data()
{
    QTest::addColumn<QString>("module");
    QTest::addColumn<QString>("tokenManufacturer");
    QTest::addColumn<QString>("libraryManufacturer");
    QTest::addColumn<QString>("expected");
    QTest::newRow("SoftHSM") << QStringLiteral("/usr/lib/softhsm/libsofthsm2.so")
                             << QStringLiteral("SoftHSM project") << QStringLiteral("SoftHSM")
                             << QStringLiteral("softhsm2");
    QTest::newRow("OpenSC") << QStringLiteral("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so")
                            << QStringLiteral("piv_II") << QStringLiteral("OpenSC Project")
                            << QStringLiteral("generic-ec");
    QTest::newRow("test module by manufacturer")
        << QStringLiteral("/tmp/x/renamed.so") << QStringLiteral("CertDesk Test (Sansec profile)")
        << QString() << QStringLiteral("certdesk-test-sansec");
    QTest::newRow("Sansec by file name")
        << QStringLiteral("/opt/sansec/lib/libswpkcs11.so") << QStringLiteral("XYZ") << QString()
        << QStringLiteral("sansec-swpkcs11");
    QTest::newRow("Sansec by manufacturer, padded")
        << QStringLiteral("C:/Windows/System32/vendor.dll") << QStringLiteral("Sansec Technology     ")
        << QString() << QStringLiteral("sansec-swpkcs11");
    QTest::newRow("TASS DLL, any case") << QStringLiteral("C:/Windows/System32/TASSPKCS11.DLL") << QString()
                                        << QString() << QStringLiteral("tass");
    QTest::newRow("Luna by library manufacturer")
        << QStringLiteral("/usr/safenet/lunaclient/lib/libX.so") << QStringLiteral("Token")
        << QStringLiteral("SafeNet, Inc.") << QStringLiteral("thales-luna");
    QTest::newRow("IBM") << QStringLiteral("/usr/lib/pkcs11/PKCS11_API.so") << QStringLiteral("IBM")
                         << QString() << QStringLiteral("ibm-ep11");
}

void TestTokenStatus::profileMatch()
{
    QFETCH(QString, module);
    QFETCH(QString, tokenManufacturer);
    QFETCH(QString, libraryManufacturer);
    QFETCH(QString, expected);
    QCOMPARE(VendorProfiles::builtIn().match(module, tokenManufacturer, libraryManufacturer).name, expected);
}

void TestTokenStatus::tokenDisplayName_data()
{
    QTest::addColumn<QString>("module");
    QTest::addColumn<QString>("manufacturer");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("expected");
    QTest::newRow("SoftHSM: the profile's name, not the module strings")
        << QStringLiteral("/usr/lib/softhsm/libsofthsm2.so") << QStringLiteral("SoftHSM project")
        << QStringLiteral("SoftHSM v2") << QStringLiteral("SoftHSM 2");
    QTest::newRow("Sansec by manufacturer")
        << QStringLiteral("C:/Windows/System32/vendor.dll") << QStringLiteral("Sansec Technology     ")
        << QStringLiteral("SJK1926         ") << QStringLiteral("Sansec / iTrus (swpkcs11)");
    // Only the catch-all matches: its name is a key format, so the token's own words, unpadded.
    QTest::newRow("unknown vendor") << QStringLiteral("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so")
                                    << QStringLiteral("piv_II      ") << QStringLiteral("PKCS#15 emulated ")
                                    << QStringLiteral("piv_II PKCS#15 emulated");
    QTest::newRow("unknown vendor, no model")
        << QStringLiteral("/opt/x/vendor.so") << QStringLiteral("Acme  ") << QStringLiteral("   ")
        << QStringLiteral("Acme");
}

void TestTokenStatus::tokenDisplayName()
{
    QFETCH(QString, module);
    QFETCH(QString, manufacturer);
    QFETCH(QString, model);
    QFETCH(QString, expected);
    TokenInfo token;
    token.modulePath = module;
    token.manufacturer = manufacturer;
    token.model = model;
    QCOMPARE(VendorProfiles::builtIn().tokenDisplayName(token), expected);
}

void TestTokenStatus::factoryPinsComeFromTheProfiles()
{
    // The shipped file: the common defaults for every profile (SoftHSM tokens in tests use 12345678).
    TokenInfo softhsm;
    softhsm.modulePath = QStringLiteral("/usr/lib/softhsm/libsofthsm2.so");
    softhsm.manufacturer = QStringLiteral("SoftHSM project");
    const QStringList pins = VendorProfiles::builtIn().factoryPins(softhsm);
    for (const char* pin : {"12345678", "123456", "000000", "888888"})
        QVERIFY2(pins.contains(QLatin1String(pin)), pin);
    QVERIFY(!pins.contains(QStringLiteral("730419")));

    // A profile's own defaults add to the common ones, for its tokens only.
    const auto parsed = VendorProfiles::fromJson(R"({"factory_pins": ["123456"], "profiles": [
        {"name": "acme", "module_patterns": ["libacme*"], "key_type": "0x3", "factory_pins": ["135790"]},
        {"name": "other", "module_patterns": ["*"], "key_type": "0x3"}]})");
    QVERIFY(parsed);
    TokenInfo acme;
    acme.modulePath = QStringLiteral("/opt/acme/libacme-pkcs11.so");
    QCOMPARE(parsed->factoryPins(acme), QStringList({QStringLiteral("135790"), QStringLiteral("123456")}));
    TokenInfo other;
    other.modulePath = QStringLiteral("/opt/x/libother.so");
    QCOMPARE(parsed->factoryPins(other), QStringList({QStringLiteral("123456")}));
}

void TestTokenStatus::badProfileFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not JSON") << QByteArray("{profiles: [");
    QTest::newRow("no name") << QByteArray(R"({"profiles":[{"key_type":"0x3"}]})");
    QTest::newRow("no key type") << QByteArray(R"({"profiles":[{"name":"x"}]})");
    QTest::newRow("bad mechanism") << QByteArray(
        R"({"profiles":[{"name":"x","key_type":"0x3","sign_mechanism":"zz"}]})");
    QTest::newRow("bad sign_takes") << QByteArray(
        R"({"profiles":[{"name":"x","key_type":"0x3","sign_takes":"whatever"}]})");
    QTest::newRow("bad encoding") << QByteArray(
        R"({"profiles":[{"name":"x","key_type":"0x3","signature_encoding":"base64"}]})");
    QTest::newRow("signs without mechanism")
        << QByteArray(R"({"profiles":[{"name":"x","key_type":"0x3","can_sign_sm2":true}]})");
}

void TestTokenStatus::badProfileFiles()
{
    QFETCH(QByteArray, json);
    const TokenResult<VendorProfiles> parsed = VendorProfiles::fromJson(json);
    QVERIFY(!parsed);
    QCOMPARE(parsed.status(), TokenStatus::InternalError);
    QVERIFY(!parsed.detail().isEmpty());
}

void TestTokenStatus::unprobedProfileCannotSign()
{
    // The declared profile says "can sign"; only a token that lists the mechanism makes it true.
    VendorProfile profile = *VendorProfiles::builtIn().byName(QStringLiteral("sansec-swpkcs11"));
    QVERIFY(!profile.canSignOnToken());
    QVERIFY(!profile.canGenerateOnToken());
    profile.signListed = true;
    profile.keygenListed = true;
    QVERIFY(profile.canSignOnToken());
    QVERIFY(profile.canGenerateOnToken());
    profile.canSignSm2 = false;
    QVERIFY(!profile.canSignOnToken());
}

void TestTokenStatus::objectIdIsTheSubjectKeyIdentifier()
{
    const test::Sm2Pair pair
        = test::makeSm2Pair(pki::CertificateProfile::Signing, QStringLiteral("SKI Test Co."));
    QVERIFY(!pair.certificate.isEmpty());
    const auto* in = reinterpret_cast<const unsigned char*>(pair.certificate.constData());
    const pki::X509Ptr certificate(d2i_X509(nullptr, &in, pair.certificate.size()));
    QVERIFY(certificate);
    const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(certificate.get());
    QVERIFY(ski);
    const QByteArray skiBytes(
        reinterpret_cast<const char*>(ASN1_STRING_get0_data(ski)), ASN1_STRING_length(ski));
    const QByteArray id = TokenWriter::objectId(pair.key.publicPoint());
    QCOMPARE(id.size(), 20);
    QCOMPARE(id.toHex(), skiBytes.toHex());
}

QTEST_GUILESS_MAIN(TestTokenStatus)
#include "tst_tokenstatus.moc"
