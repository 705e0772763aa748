#pragma once

// Vendor profiles for SM2 on PKCS#11 tokens. There is no PKCS#11 standard for SM2: the key type and mechanism
// codes, whether the token computes Z, and raw or DER signatures differ per vendor (sm2-notes.md). The data
// lives in resources/tokens/vendor-profiles.json (a Qt resource, :/certdesk/tokens/vendor-profiles.json),
// modelled on xipki's vendor.conf: matched by module file name and manufacturerID.

#include "token/TokenStatus.h"
#include "token/TokenTypes.h"

#include "platform/ModuleLocations.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace certdesk::token {

enum class Sm2SignInput
{
    MessageWithZ, // the token computes Z (default ID 1234567812345678) and e = SM3(Z‖M) itself
    DigestE, // the caller passes e (32 bytes)
};

enum class SignatureEncoding
{
    Raw, // r‖s, 64 bytes
    Der, // SEQUENCE { r INTEGER, s INTEGER }
};

struct VendorProfile
{
    QString name; // stable identifier ("sansec-swpkcs11", "generic-ec", ...)
    QString displayName;
    QStringList modulePatterns; // wildcards on the module's file name, case-insensitive
    QStringList manufacturerPatterns; // wildcards on the token's or the library's manufacturerID
    QStringList windowsModules; // DLL names tried by default on Windows
    // Where the vendor's installer puts them (platform/ModuleLocations.h): directories with %VARIABLE%
    // references, and registry values naming the install directory. %SystemRoot%\System32 is always tried.
    QStringList windowsLocations;
    QList<platform::RegistryLocation> windowsRegistry;
    quint64 keyType = 3; // CKK_* for SM2 keys (3 = CKK_EC)
    bool ecParams = true; // put CKA_EC_PARAMS = SM2 curve OID on key objects
    std::optional<quint64> keygenMechanism;
    std::optional<quint64> signMechanism;
    Sm2SignInput signInput = Sm2SignInput::MessageWithZ;
    SignatureEncoding signatureEncoding = SignatureEncoding::Raw;
    bool canSignSm2 = false; // as declared in the profile file
    // User PINs these UKeys leave the factory with: the file's common list plus the profile's own.
    QStringList factoryPins;

    // Filled by probing a token's C_GetMechanismList (TokenSession::profile()); false until probed.
    bool keygenListed = false;
    bool signListed = false;

    // On-token SM2 key generation: the profile names a mechanism and the token lists it.
    [[nodiscard]] bool canGenerateOnToken() const { return keygenMechanism.has_value() && keygenListed; }
    // On-token SM2 signing (the CSR path of DESIGN.md "Issuance protocol"); otherwise the token stores only.
    [[nodiscard]] bool canSignOnToken() const
    {
        return canSignSm2 && signMechanism.has_value() && signListed;
    }

    // Whether this profile applies to a module file name (no directory) or a manufacturerID.
    [[nodiscard]] bool matchesModule(const QString& moduleFileName) const;
    [[nodiscard]] bool matchesManufacturer(const QString& manufacturerId) const;
};

class VendorProfiles
{
public:
    // The profiles shipped in the resource file (parsed once; a broken resource gives just the generic
    // profile).
    [[nodiscard]] static const VendorProfiles& builtIn();
    // Parses a profiles file. InternalError with a detail naming the entry for malformed data.
    [[nodiscard]] static TokenResult<VendorProfiles> fromJson(QByteArrayView json);
    // "SM2 as CKK_EC with the SM2 curve OID": stores keys, cannot sign (SoftHSM, OpenSC cards).
    [[nodiscard]] static VendorProfile generic();

    [[nodiscard]] const QList<VendorProfile>& profiles() const { return m_profiles; }
    [[nodiscard]] std::optional<VendorProfile> byName(const QString& name) const;

    // The first profile whose module pattern matches the module's file name or whose manufacturer pattern
    // matches the token's or the library's manufacturerID; generic() when none does. Not probed yet.
    [[nodiscard]] VendorProfile match(const QString& modulePath, const QString& tokenManufacturer,
        const QString& libraryManufacturer = {}) const;

    // What a clerk calls the token: the matching profile's display name, or the token's own manufacturer and
    // model when only the catch-all generic profile matches (its name describes a key format, not a product).
    [[nodiscard]] QString tokenDisplayName(const TokenInfo& token) const;

    // The factory default user PINs of the token's profile (VendorProfile::factoryPins).
    [[nodiscard]] QStringList factoryPins(const TokenInfo& token) const;

    // Every windows_modules entry, in profile order, without duplicates.
    [[nodiscard]] QStringList windowsModules() const;
    // The full paths at which the profiles' Windows DLLs may be, in profile order, without duplicates: each
    // DLL under its profile's registry locations, windows_locations and System32
    // (platform::moduleCandidates).
    [[nodiscard]] QStringList windowsModulePaths(
        const platform::Registry& registry, const platform::Environment& environment) const;

private:
    QList<VendorProfile> m_profiles;
};

} // namespace certdesk::token
