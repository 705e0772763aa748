#pragma once

#include "pki/OpenSslHandles.h"
#include "token/Pkcs11Module.h"
#include "token/TokenStatus.h"
#include "token/TokenTypes.h"
#include "token/VendorProfile.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <memory>

namespace certdesk::token {

namespace detail {
struct ModuleState;
}

// A read-write PKCS#11 session on one token (Pkcs11Module::openSession). Move-only; closing it (destruction)
// logs out if this session logged in. Use it from one thread at a time; sessions on different tokens may run
// in parallel.
//
// PINs: passed in as QString, converted to UTF-8 in a wiped buffer, and the QString's own characters are
// wiped too when the caller handed over the only copy (std::move it in). Never stored, logged, or retried: a
// wrong PIN returns PinIncorrect / PinIncorrectCountLow / PinIncorrectFinalTry / PinLocked and the caller
// asks the person.
//
// Every signature the token makes is verified in software before it is returned (sm2-notes.md: tokens and
// libraries can "succeed" with bogus signatures).
//
// Once the token is pulled every call returns TokenRemoved; open a new session after reinsertion.
class TokenSession
{
public:
    TokenSession(TokenSession&& other) noexcept;
    TokenSession& operator=(TokenSession&& other) noexcept;
    TokenSession(const TokenSession&) = delete;
    TokenSession& operator=(const TokenSession&) = delete;
    ~TokenSession();

    [[nodiscard]] const TokenInfo& token() const { return m_token; }
    // The module the session runs on (for Pkcs11Module::libp11Inventory and discovery).
    [[nodiscard]] Pkcs11Module module() const;
    // The vendor profile in effect: matched from the profiles file, mechanisms probed on this token. A
    // profile whose mechanisms the token does not list degrades to "store only" (canSignOnToken() false).
    [[nodiscard]] const VendorProfile& profile() const { return m_profile; }
    // Uses another profile (settings override, tests) and probes it against this token.
    void setProfile(const VendorProfile& profile);
    [[nodiscard]] TokenResult<QList<quint64>> mechanisms() const;

    // --- PIN -----------------------------------------------------------------------------------------------
    // The PIN state read from the token now.
    [[nodiscard]] TokenResult<PinInfo> pinInfo() const;
    // C_Login as the user. An empty PIN on a PIN-pad reader (PinInfo::protectedAuthenticationPath) lets the
    // reader collect it; C_Login then blocks until the person has typed it, so call this off the GUI thread.
    // A wrong PIN is refined with the token's flags after the failure (count low / final try / locked).
    [[nodiscard]] TokenResult<void> login(QString pin);
    [[nodiscard]] TokenResult<void> logout();
    [[nodiscard]] bool isLoggedIn() const;
    // C_SetPIN for the user PIN (needs no prior login). PinIncorrect* for a wrong old PIN, PinInvalid when
    // the token refuses the new one.
    [[nodiscard]] TokenResult<void> changePin(QString oldPin, QString newPin);

    // --- reading
    // --------------------------------------------------------------------------------------------- X.509
    // certificate objects (public: no login needed).
    [[nodiscard]] TokenResult<QList<TokenCertificate>> certificates() const;
    // Private (after login) and public key objects, vendor key types included.
    [[nodiscard]] TokenResult<QList<TokenKey>> keys() const;
    // The private key belonging to a certificate: same CKA_ID, else a public key object with the
    // certificate's key and that object's CKA_ID, else (RSA) the same modulus. NotFound when there is none.
    [[nodiscard]] TokenResult<TokenKey> findKeyForCertificate(const TokenCertificate& certificate) const;
    // The public point (04‖X‖Y) of the public key object with this CKA_ID. NotFound when there is none.
    [[nodiscard]] TokenResult<QByteArray> sm2PublicPoint(QByteArrayView id) const;
    // Whether an object of this class and CKA_ID exists.
    [[nodiscard]] TokenResult<bool> hasObject(ObjectClass objectClass, QByteArrayView id) const;
    // How many objects of the class are visible (private ones after login).
    [[nodiscard]] TokenResult<int> countObjects(ObjectClass objectClass) const;

    // --- old UKey: proof of possession
    // ---------------------------------------------------------------------- RSA PKCS#1 v1.5 SHA-256
    // signature of `data` by the certificate's key, made on the token (CKM_SHA256_RSA_PKCS, or CKM_RSA_PKCS
    // over the DigestInfo when the token only has that) and verified against the certificate. Needs a login.
    // NotSupported for a non-RSA certificate, NotFound without the key, BadSignature when the token's
    // signature does not verify.
    [[nodiscard]] TokenResult<QByteArray> signRsaSha256(
        const TokenCertificate& certificate, QByteArrayView data) const;

    // --- SM2 (raw Cryptoki with the profile's codes)
    // ---------------------------------------------------------- Imports a key pair with C_CreateObject: a
    // private key object (the profile's key type, CKA_VALUE = the 32-byte scalar, CKA_TOKEN, CKA_PRIVATE,
    // CKA_SENSITIVE, not extractable; signing: CKA_SIGN only, encryption: CKA_DECRYPT + CKA_UNWRAP only) and
    // ALWAYS the matching public key object (CKA_EC_POINT = DER OCTET STRING of 04‖X‖Y; signing: CKA_VERIFY
    // only, encryption: CKA_ENCRYPT + CKA_WRAP only; every other usage attribute false) with the same CKA_ID
    // and label; CKA_EC_PARAMS = SM2 curve OID where the profile says so. `subjectDer` (optional) becomes
    // CKA_SUBJECT. The scalar is checked against the point (d·G) first; the template's copy of it is wiped
    // after the call. On failure the private key object is removed again. Returns the two objects (private,
    // public). AlreadyExists when a key object with this CKA_ID exists.
    [[nodiscard]] TokenResult<QList<ObjectRef>> importSm2KeyPair(const pki::SecureBytes& privateScalar,
        QByteArrayView publicPoint, QByteArrayView id, const QString& label, KeyPurpose purpose,
        QByteArrayView subjectDer = {});
    // Writes an X.509 certificate object (CKA_VALUE, CKA_SUBJECT, CKA_ISSUER, CKA_SERIAL_NUMBER, CKA_ID,
    // CKA_LABEL) with C_CreateObject. AlreadyExists when a certificate with this CKA_ID exists.
    [[nodiscard]] TokenResult<ObjectRef> writeCertificate(
        const QByteArray& der, QByteArrayView id, const QString& label);
    // Generates a signing key pair on the token with the profile's key generation mechanism; returns its
    // public point (04‖X‖Y). NotSupported when the profile cannot (canGenerateOnToken()).
    [[nodiscard]] TokenResult<QByteArray> generateSm2KeyPair(QByteArrayView id, const QString& label);
    // SM2-with-SM3 signature (default ID 1234567812345678) of `data` by the private key with this CKA_ID,
    // made with the profile's mechanism ("token computes Z" or "token takes e", raw or DER) and verified in
    // software against the key's public key object. Returns DER SEQUENCE{r,s}. NotSupported when
    // !canSignOnToken().
    [[nodiscard]] TokenResult<QByteArray> signSm2(QByteArrayView id, QByteArrayView data) const;

    // --- removal
    // --------------------------------------------------------------------------------------------- Destroys
    // the objects of each class and CKA_ID (all of them, if several). Objects that are not there are fine.
    // Returns how many objects were destroyed.
    [[nodiscard]] TokenResult<int> destroyObjects(const QList<ObjectRef>& objects);
    // Destroys every object (any class) with one of these CKA_IDs.
    [[nodiscard]] TokenResult<int> destroyObjects(const QList<QByteArray>& ids);

private:
    friend class Pkcs11Module;
    TokenSession(std::shared_ptr<detail::ModuleState> module, TokenInfo token, quint64 handle);

    void close() noexcept;
    [[nodiscard]] TokenError failure(const QString& what, quint64 ckr) const;

    std::shared_ptr<detail::ModuleState> m_module;
    TokenInfo m_token;
    VendorProfile m_profile;
    quint64 m_handle = 0;
    bool m_open = false;
    bool m_loggedInHere = false;
};

} // namespace certdesk::token
