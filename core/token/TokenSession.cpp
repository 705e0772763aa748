#include "token/TokenSession.h"

#include "pki/Sm2.h"
#include "pki/Sm2Key.h"
#include "token/AttributeValues.h"
#include "token/ModuleState.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <p11-kit/pkcs11.h>

#include <algorithm>
#include <deque>
#include <type_traits>
#include <vector>

namespace certdesk::token {

namespace {

// DER of the SM2 curve OID 1.2.156.10197.1.301 (sm2-notes.md), the CKA_EC_PARAMS of SM2 keys held as CKK_EC.
const QByteArray& sm2CurveParams()
{
    static const QByteArray oid = QByteArray::fromHex("06082A811CCF5501822D");
    return oid;
}

// DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1), for tokens that only offer CKM_RSA_PKCS.
const QByteArray& sha256DigestInfoPrefix()
{
    static const QByteArray prefix = QByteArray::fromHex("3031300d060960864801650304020105000420");
    return prefix;
}

// A C_CreateObject / C_FindObjectsInit template. Values are copied into buffers the template owns; every
// buffer is wiped when the template goes, so a private scalar put in here does not outlive the call.
class Template
{
public:
    Template() = default;
    Template(const Template&) = delete;
    Template& operator=(const Template&) = delete;
    ~Template()
    {
        for (std::vector<unsigned char>& buffer : m_buffers)
            if (!buffer.empty())
                OPENSSL_cleanse(buffer.data(), buffer.size());
    }

    Template& bytes(CK_ATTRIBUTE_TYPE type, const unsigned char* data, std::size_t size)
    {
        std::vector<unsigned char>& buffer = m_buffers.emplace_back(data, data + size);
        m_attributes.push_back(
            CK_ATTRIBUTE {type, buffer.empty() ? nullptr : buffer.data(), CK_ULONG(buffer.size())});
        return *this;
    }
    Template& bytes(CK_ATTRIBUTE_TYPE type, QByteArrayView value)
    {
        return bytes(type, reinterpret_cast<const unsigned char*>(value.data()),
            static_cast<std::size_t>(value.size()));
    }
    Template& text(CK_ATTRIBUTE_TYPE type, const QString& value) { return bytes(type, value.toUtf8()); }
    Template& ulong(CK_ATTRIBUTE_TYPE type, CK_ULONG value)
    {
        return bytes(type, reinterpret_cast<const unsigned char*>(&value), sizeof value);
    }
    Template& boolean(CK_ATTRIBUTE_TYPE type, bool value)
    {
        const CK_BBOOL b = value ? CK_TRUE : CK_FALSE;
        return bytes(type, &b, sizeof b);
    }

    [[nodiscard]] CK_ATTRIBUTE* data() { return m_attributes.data(); }
    [[nodiscard]] CK_ULONG size() const { return m_attributes.size(); }

private:
    std::deque<std::vector<unsigned char>> m_buffers; // deque: stable addresses as it grows
    std::vector<CK_ATTRIBUTE> m_attributes;
};

CK_OBJECT_CLASS ckoOf(ObjectClass objectClass)
{
    switch (objectClass) {
    case ObjectClass::Certificate:
        return CKO_CERTIFICATE;
    case ObjectClass::PrivateKey:
        return CKO_PRIVATE_KEY;
    case ObjectClass::PublicKey:
        return CKO_PUBLIC_KEY;
    case ObjectClass::Data:
        return CKO_DATA;
    case ObjectClass::Other:
        break;
    }
    return CKO_VENDOR_DEFINED;
}

QByteArray ecPointAttribute(QByteArrayView point)
{
    QByteArray out;
    out.reserve(point.size() + 2);
    out.append('\x04');
    out.append(static_cast<char>(point.size()));
    out.append(point.toByteArray());
    return out;
}

// The PIN as UTF-8 in a wiped buffer; the QString's characters are wiped too when we hold the only copy.
pki::SecureBytes takePin(QString& pin)
{
    QByteArray utf8 = pin.toUtf8();
    pki::SecureBytes bytes {QByteArrayView(utf8)};
    if (!utf8.isEmpty())
        OPENSSL_cleanse(utf8.data(), static_cast<std::size_t>(utf8.size()));
    if (!pin.isEmpty() && pin.isDetached())
        OPENSSL_cleanse(pin.data(), static_cast<std::size_t>(pin.size()) * sizeof(QChar));
    pin.clear();
    return bytes;
}

// A wrong PIN, refined with what the token says after the failure.
TokenStatus wrongPinStatus(const PinInfo& pin)
{
    if (pin.locked)
        return TokenStatus::PinLocked;
    if (pin.finalTry)
        return TokenStatus::PinIncorrectFinalTry;
    if (pin.countLow)
        return TokenStatus::PinIncorrectCountLow;
    return TokenStatus::PinIncorrect;
}

bool isKnownSm2KeyType(quint64 keyType)
{
    if (keyType == CKK_EC)
        return false;
    const QList<VendorProfile>& profiles = VendorProfiles::builtIn().profiles();
    return std::any_of(
        profiles.begin(), profiles.end(), [keyType](const VendorProfile& p) { return p.keyType == keyType; });
}

// The public key in a DER certificate (RSA or SM2), or null.
pki::EvpPkeyPtr certificateKey(const QByteArray& der)
{
    const unsigned char* in = reinterpret_cast<const unsigned char*>(der.constData());
    const pki::X509Ptr certificate(d2i_X509(nullptr, &in, der.size()));
    if (!certificate)
        return nullptr;
    EVP_PKEY* key = X509_get_pubkey(certificate.get());
    return pki::EvpPkeyPtr(key);
}

QByteArray rsaModulus(EVP_PKEY* key)
{
    BIGNUM* n = nullptr;
    if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n) != 1)
        return {};
    const pki::BignumPtr owned(n);
    QByteArray out(BN_num_bytes(n), Qt::Uninitialized);
    BN_bn2bin(n, reinterpret_cast<unsigned char*>(out.data()));
    return out;
}

// CKA_MODULUS is a big-endian integer; tokens differ on leading zeros.
QByteArray withoutLeadingZeros(QByteArray value)
{
    qsizetype i = 0;
    while (i < value.size() - 1 && value.at(i) == 0)
        ++i;
    return value.mid(i);
}

// Low-level Cryptoki helpers bound to one session.
class Cryptoki
{
public:
    Cryptoki(const detail::ModuleState& module, CK_SESSION_HANDLE session)
        : f(module.cryptoki<CK_FUNCTION_LIST>())
        , m_session(session)
    { }

    CK_RV find(Template& templ, std::vector<CK_OBJECT_HANDLE>& found) const
    {
        found.clear();
        CK_RV rv = f->C_FindObjectsInit(m_session, templ.data(), templ.size());
        if (rv != CKR_OK)
            return rv;
        CK_OBJECT_HANDLE batch[64];
        CK_ULONG count = 0;
        do {
            rv = f->C_FindObjects(m_session, batch, 64, &count);
            if (rv != CKR_OK)
                break;
            found.insert(found.end(), batch, batch + count);
        } while (count == 64);
        const CK_RV final = f->C_FindObjectsFinal(m_session);
        return rv != CKR_OK ? rv : final;
    }

    CK_RV findByClassAndId(
        CK_OBJECT_CLASS objectClass, QByteArrayView id, std::vector<CK_OBJECT_HANDLE>& found) const
    {
        Template templ;
        templ.ulong(CKA_CLASS, objectClass).bytes(CKA_ID, id);
        return find(templ, found);
    }

    // One attribute (two-call form). CKR_ATTRIBUTE_TYPE_INVALID / SENSITIVE come back as such; callers that
    // tolerate a missing attribute treat them as "absent".
    CK_RV attribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type, QByteArray& value) const
    {
        value.clear();
        CK_ATTRIBUTE attr {type, nullptr, 0};
        CK_RV rv = f->C_GetAttributeValue(m_session, object, &attr, 1);
        if (rv != CKR_OK)
            return rv;
        if (attr.ulValueLen == CK_UNAVAILABLE_INFORMATION)
            return CKR_ATTRIBUTE_TYPE_INVALID;
        if (attr.ulValueLen == 0)
            return CKR_OK;
        // The length comes from the module: refuse absurd ones before allocating, and a second answer longer
        // than the buffer it was given (PKCS#11 v2.40 §5.7.5: it must fit, or the call fails).
        if (attr.ulValueLen > maxAttributeValueBytes)
            return CKR_ATTRIBUTE_VALUE_INVALID;
        const CK_ULONG allocated = attr.ulValueLen;
        value.resize(static_cast<qsizetype>(allocated));
        attr.pValue = value.data();
        rv = f->C_GetAttributeValue(m_session, object, &attr, 1);
        if (rv == CKR_OK && attr.ulValueLen > allocated)
            rv = CKR_ATTRIBUTE_VALUE_INVALID;
        if (rv == CKR_OK)
            value.resize(static_cast<qsizetype>(attr.ulValueLen));
        else
            value.clear();
        return rv;
    }

    QByteArray optionalAttribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const
    {
        QByteArray value;
        return attribute(object, type, value) == CKR_OK ? value : QByteArray();
    }

    static_assert(std::is_same_v<CK_ULONG, unsigned long>, "ulongFromAttribute reads an unsigned long");
    std::optional<CK_ULONG> ulongAttribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const
    {
        QByteArray value;
        if (attribute(object, type, value) != CKR_OK)
            return std::nullopt;
        return ulongFromAttribute(value);
    }

    bool boolAttribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const
    {
        QByteArray value;
        return attribute(object, type, value) == CKR_OK && boolFromAttribute(value);
    }

    CK_RV create(Template& templ, CK_OBJECT_HANDLE& object) const
    {
        return f->C_CreateObject(m_session, templ.data(), templ.size(), &object);
    }

    CK_RV destroy(CK_OBJECT_HANDLE object) const { return f->C_DestroyObject(m_session, object); }

    // C_SignInit + C_Sign into a buffer large enough for RSA-4096; the two-call length query is skipped on
    // purpose (some tokens end the operation on it).
    CK_RV sign(
        CK_MECHANISM_TYPE mechanism, CK_OBJECT_HANDLE key, QByteArrayView data, QByteArray& signature) const
    {
        CK_MECHANISM mech {mechanism, nullptr, 0};
        CK_RV rv = f->C_SignInit(m_session, &mech, key);
        if (rv != CKR_OK)
            return rv;
        QByteArray input = data.toByteArray();
        signature.resize(512);
        CK_ULONG length = static_cast<CK_ULONG>(signature.size());
        rv = f->C_Sign(m_session, reinterpret_cast<CK_BYTE_PTR>(input.data()),
            static_cast<CK_ULONG>(input.size()), reinterpret_cast<CK_BYTE_PTR>(signature.data()), &length);
        if (rv == CKR_BUFFER_TOO_SMALL) { // the operation stays active (PKCS#11 v2.40 §5.2)
            signature.resize(static_cast<qsizetype>(length));
            rv = f->C_Sign(m_session, reinterpret_cast<CK_BYTE_PTR>(input.data()),
                static_cast<CK_ULONG>(input.size()), reinterpret_cast<CK_BYTE_PTR>(signature.data()),
                &length);
        }
        if (rv == CKR_OK)
            signature.resize(static_cast<qsizetype>(length));
        else
            signature.clear();
        return rv;
    }

    CK_FUNCTION_LIST* f;

private:
    CK_SESSION_HANDLE m_session;
};

} // namespace

// --- lifetime
// ------------------------------------------------------------------------------------------------

TokenSession::TokenSession(std::shared_ptr<detail::ModuleState> module, TokenInfo token, quint64 handle)
    : m_module(std::move(module))
    , m_token(std::move(token))
    , m_profile(VendorProfiles::generic())
    , m_handle(handle)
    , m_open(true)
{ }

TokenSession::TokenSession(TokenSession&& other) noexcept
    : m_module(std::move(other.m_module))
    , m_token(std::move(other.m_token))
    , m_profile(std::move(other.m_profile))
    , m_handle(other.m_handle)
    , m_open(std::exchange(other.m_open, false))
    , m_loggedInHere(std::exchange(other.m_loggedInHere, false))
{ }

TokenSession& TokenSession::operator=(TokenSession&& other) noexcept
{
    if (this != &other) {
        close();
        m_module = std::move(other.m_module);
        m_token = std::move(other.m_token);
        m_profile = std::move(other.m_profile);
        m_handle = other.m_handle;
        m_open = std::exchange(other.m_open, false);
        m_loggedInHere = std::exchange(other.m_loggedInHere, false);
    }
    return *this;
}

TokenSession::~TokenSession()
{
    close();
}

void TokenSession::close() noexcept
{
    if (!m_open || !m_module)
        return;
    CK_FUNCTION_LIST* f = m_module->cryptoki<CK_FUNCTION_LIST>();
    // The login belongs to the application, not the session: log out what we logged in, so a PIN-verified
    // state does not outlive the session that asked for it.
    if (m_loggedInHere)
        (void)f->C_Logout(m_handle);
    (void)f->C_CloseSession(m_handle);
    m_open = false;
    m_loggedInHere = false;
    detail::sessionClosed(*m_module);
}

Pkcs11Module TokenSession::module() const
{
    return Pkcs11Module(m_module);
}

TokenError TokenSession::failure(const QString& what, quint64 ckr) const
{
    return tokenError(tokenStatusFromCkr(ckr), what, ckr);
}

#define CERTDESK_REQUIRE_OPEN()                                                                              \
    do {                                                                                                     \
        if (!m_open)                                                                                         \
            return tokenError(TokenStatus::TokenRemoved, QStringLiteral("session is closed"));               \
    } while (false)

// --- profile
// -------------------------------------------------------------------------------------------------

void TokenSession::setProfile(const VendorProfile& profile)
{
    m_profile = profile;
    m_profile.keygenListed = false;
    m_profile.signListed = false;
    TokenResult<QList<quint64>> listed = mechanisms();
    if (!listed)
        return; // cannot probe: the token is used to store keys only
    m_profile.keygenListed = profile.keygenMechanism && listed->contains(*profile.keygenMechanism);
    m_profile.signListed = profile.signMechanism && listed->contains(*profile.signMechanism);
}

TokenResult<QList<quint64>> TokenSession::mechanisms() const
{
    CERTDESK_REQUIRE_OPEN();
    CK_FUNCTION_LIST* f = m_module->cryptoki<CK_FUNCTION_LIST>();
    CK_ULONG count = 0;
    CK_RV rv = f->C_GetMechanismList(m_token.slotId, nullptr, &count);
    if (rv != CKR_OK)
        return failure(QStringLiteral("C_GetMechanismList"), rv);
    std::vector<CK_MECHANISM_TYPE> list(count);
    rv = f->C_GetMechanismList(m_token.slotId, list.data(), &count);
    if (rv != CKR_OK)
        return failure(QStringLiteral("C_GetMechanismList"), rv);
    QList<quint64> result;
    for (CK_ULONG i = 0; i < count; ++i)
        result.append(list[i]);
    return result;
}

// --- PIN
// -----------------------------------------------------------------------------------------------------

TokenResult<PinInfo> TokenSession::pinInfo() const
{
    CERTDESK_REQUIRE_OPEN();
    CK_TOKEN_INFO info = {};
    const CK_RV rv = m_module->cryptoki<CK_FUNCTION_LIST>()->C_GetTokenInfo(m_token.slotId, &info);
    if (rv != CKR_OK)
        return failure(QStringLiteral("C_GetTokenInfo"), rv);
    const PinInfo pin = detail::pinInfoFromTokenInfo(info.flags, info.ulMinPinLen, info.ulMaxPinLen);
    return pin;
}

TokenResult<void> TokenSession::login(QString pin)
{
    pki::SecureBytes utf8 = takePin(pin);
    CERTDESK_REQUIRE_OPEN();
    CK_FUNCTION_LIST* f = m_module->cryptoki<CK_FUNCTION_LIST>();
    CK_RV rv = CKR_OK;
    if (utf8.isEmpty()) {
        TokenResult<PinInfo> state = pinInfo();
        if (!state)
            return state.error();
        if (!state->protectedAuthenticationPath)
            return tokenError(TokenStatus::NotLoggedIn, QStringLiteral("empty PIN"));
        rv = f->C_Login(m_handle, CKU_USER, nullptr, 0); // the PIN-pad reader asks the person
    } else {
        rv = f->C_Login(m_handle, CKU_USER, utf8.data(), static_cast<CK_ULONG>(utf8.size()));
    }
    utf8.clear();
    if (rv == CKR_OK) {
        m_loggedInHere = true;
        return {};
    }
    // Logged in already by this process (another session on the token): the token is usable, but the PIN
    // was not checked now, and the login is not ours to end.
    if (rv == CKR_USER_ALREADY_LOGGED_IN)
        return {};
    if (rv == CKR_PIN_INCORRECT) {
        TokenResult<PinInfo> after = pinInfo();
        const TokenStatus status = after ? wrongPinStatus(*after) : TokenStatus::PinIncorrect;
        return tokenError(status, QStringLiteral("C_Login"), rv);
    }
    return failure(QStringLiteral("C_Login"), rv);
}

TokenResult<void> TokenSession::logout()
{
    CERTDESK_REQUIRE_OPEN();
    const CK_RV rv = m_module->cryptoki<CK_FUNCTION_LIST>()->C_Logout(m_handle);
    m_loggedInHere = false;
    if (rv != CKR_OK && rv != CKR_USER_NOT_LOGGED_IN)
        return failure(QStringLiteral("C_Logout"), rv);
    return {};
}

bool TokenSession::isLoggedIn() const
{
    if (!m_open)
        return false;
    CK_SESSION_INFO info = {};
    if (m_module->cryptoki<CK_FUNCTION_LIST>()->C_GetSessionInfo(m_handle, &info) != CKR_OK)
        return false;
    return info.state == CKS_RO_USER_FUNCTIONS || info.state == CKS_RW_USER_FUNCTIONS;
}

TokenResult<void> TokenSession::changePin(QString oldPin, QString newPin)
{
    pki::SecureBytes oldUtf8 = takePin(oldPin);
    pki::SecureBytes newUtf8 = takePin(newPin);
    CERTDESK_REQUIRE_OPEN();
    if (newUtf8.isEmpty())
        return tokenError(TokenStatus::PinInvalid, QStringLiteral("empty new PIN"));
    const CK_RV rv = m_module->cryptoki<CK_FUNCTION_LIST>()->C_SetPIN(m_handle, oldUtf8.data(),
        static_cast<CK_ULONG>(oldUtf8.size()), newUtf8.data(), static_cast<CK_ULONG>(newUtf8.size()));
    oldUtf8.clear();
    newUtf8.clear();
    if (rv == CKR_OK)
        return {};
    if (rv == CKR_PIN_INCORRECT) {
        TokenResult<PinInfo> after = pinInfo();
        return tokenError(
            after ? wrongPinStatus(*after) : TokenStatus::PinIncorrect, QStringLiteral("C_SetPIN"), rv);
    }
    return failure(QStringLiteral("C_SetPIN"), rv);
}

// --- reading
// -------------------------------------------------------------------------------------------------

TokenResult<QList<TokenCertificate>> TokenSession::certificates() const
{
    CERTDESK_REQUIRE_OPEN();
    const Cryptoki p11(*m_module, m_handle);
    Template templ;
    templ.ulong(CKA_CLASS, CKO_CERTIFICATE);
    std::vector<CK_OBJECT_HANDLE> found;
    CK_RV rv = p11.find(templ, found);
    if (rv != CKR_OK)
        return failure(QStringLiteral("C_FindObjects(certificates)"), rv);
    QList<TokenCertificate> certificates;
    for (const CK_OBJECT_HANDLE object : found) {
        const std::optional<CK_ULONG> type = p11.ulongAttribute(object, CKA_CERTIFICATE_TYPE);
        if (type && *type != CKC_X_509)
            continue;
        TokenCertificate certificate;
        rv = p11.attribute(object, CKA_VALUE, certificate.der);
        if (rv != CKR_OK) {
            if (tokenStatusFromCkr(rv) == TokenStatus::TokenRemoved)
                return failure(QStringLiteral("C_GetAttributeValue(CKA_VALUE)"), rv);
            continue;
        }
        certificate.label = QString::fromUtf8(p11.optionalAttribute(object, CKA_LABEL));
        certificate.id = p11.optionalAttribute(object, CKA_ID);
        certificates.append(certificate);
    }
    return certificates;
}

TokenResult<QList<TokenKey>> TokenSession::keys() const
{
    CERTDESK_REQUIRE_OPEN();
    const Cryptoki p11(*m_module, m_handle);
    QList<TokenKey> keys;
    for (const ObjectClass objectClass : {ObjectClass::PrivateKey, ObjectClass::PublicKey}) {
        Template templ;
        templ.ulong(CKA_CLASS, ckoOf(objectClass));
        std::vector<CK_OBJECT_HANDLE> found;
        const CK_RV rv = p11.find(templ, found);
        if (rv != CKR_OK)
            return failure(QStringLiteral("C_FindObjects(keys)"), rv);
        const bool isPrivate = objectClass == ObjectClass::PrivateKey;
        for (const CK_OBJECT_HANDLE object : found) {
            TokenKey key;
            key.objectClass = objectClass;
            key.keyType = p11.ulongAttribute(object, CKA_KEY_TYPE).value_or(CK_UNAVAILABLE_INFORMATION);
            key.id = p11.optionalAttribute(object, CKA_ID);
            key.label = QString::fromUtf8(p11.optionalAttribute(object, CKA_LABEL));
            key.canSign = p11.boolAttribute(object, isPrivate ? CKA_SIGN : CKA_VERIFY);
            key.canDecrypt = p11.boolAttribute(object, isPrivate ? CKA_DECRYPT : CKA_ENCRYPT);
            if (key.keyType == CKK_RSA) {
                key.algorithm = KeyAlgorithm::Rsa;
            } else if (key.keyType == CKK_EC) {
                key.algorithm = p11.optionalAttribute(object, CKA_EC_PARAMS) == sm2CurveParams()
                    ? KeyAlgorithm::Sm2
                    : KeyAlgorithm::Ec;
            } else if (key.keyType == m_profile.keyType || isKnownSm2KeyType(key.keyType)) {
                key.algorithm = KeyAlgorithm::Sm2;
            }
            if (!isPrivate && (key.algorithm == KeyAlgorithm::Sm2 || key.algorithm == KeyAlgorithm::Ec))
                key.publicPoint = pointFromEcPoint(p11.optionalAttribute(object, CKA_EC_POINT));
            keys.append(key);
        }
    }
    return keys;
}

TokenResult<TokenKey> TokenSession::findKeyForCertificate(const TokenCertificate& certificate) const
{
    TokenResult<QList<TokenKey>> all = keys();
    if (!all)
        return all.error();
    const auto privateWithId = [&](const QByteArray& id) -> std::optional<TokenKey> {
        for (const TokenKey& key : std::as_const(*all))
            if (key.objectClass == ObjectClass::PrivateKey && !id.isEmpty() && key.id == id)
                return key;
        return std::nullopt;
    };
    if (auto key = privateWithId(certificate.id))
        return *key;
    pki::PkiResult<pki::CertificateInfo> info = certificate.info();
    if (!info)
        return tokenError(TokenStatus::NotFound, QStringLiteral("unreadable certificate: ") + info.detail());
    // A public key object holding the certificate's key names the private key by its CKA_ID.
    for (const TokenKey& key : std::as_const(*all))
        if (key.objectClass == ObjectClass::PublicKey && !key.publicPoint.isEmpty()
            && key.publicPoint == info->publicKeyBits)
            if (auto privateKey = privateWithId(key.id))
                return *privateKey;
    // RSA: compare moduli of the private key objects (CKA_MODULUS is public on private RSA keys).
    const pki::EvpPkeyPtr publicKey = certificateKey(certificate.der);
    if (publicKey && EVP_PKEY_is_a(publicKey.get(), "RSA")) {
        const QByteArray modulus = withoutLeadingZeros(rsaModulus(publicKey.get()));
        const Cryptoki p11(*m_module, m_handle);
        Template templ;
        templ.ulong(CKA_CLASS, CKO_PRIVATE_KEY).ulong(CKA_KEY_TYPE, CKK_RSA);
        std::vector<CK_OBJECT_HANDLE> found;
        if (p11.find(templ, found) == CKR_OK)
            for (const CK_OBJECT_HANDLE object : found)
                if (withoutLeadingZeros(p11.optionalAttribute(object, CKA_MODULUS)) == modulus) {
                    const QByteArray id = p11.optionalAttribute(object, CKA_ID);
                    for (const TokenKey& key : std::as_const(*all))
                        if (key.objectClass == ObjectClass::PrivateKey && key.id == id)
                            return key;
                }
    }
    ERR_clear_error();
    // Private keys are invisible before login: say so rather than "not found".
    return tokenError(isLoggedIn() ? TokenStatus::NotFound : TokenStatus::NotLoggedIn,
        QStringLiteral("no private key for the certificate"));
}

TokenResult<QByteArray> TokenSession::sm2PublicPoint(QByteArrayView id) const
{
    CERTDESK_REQUIRE_OPEN();
    const Cryptoki p11(*m_module, m_handle);
    std::vector<CK_OBJECT_HANDLE> found;
    CK_RV rv = p11.findByClassAndId(CKO_PUBLIC_KEY, id, found);
    if (rv != CKR_OK)
        return failure(QStringLiteral("C_FindObjects(public key)"), rv);
    if (found.empty())
        return tokenError(TokenStatus::NotFound, QStringLiteral("no public key object with this CKA_ID"));
    QByteArray value;
    rv = p11.attribute(found.front(), CKA_EC_POINT, value);
    if (rv != CKR_OK)
        return failure(QStringLiteral("C_GetAttributeValue(CKA_EC_POINT)"), rv);
    const QByteArray point = pointFromEcPoint(value);
    if (point.isEmpty())
        return tokenError(TokenStatus::InternalError, QStringLiteral("unreadable CKA_EC_POINT"));
    return point;
}

TokenResult<bool> TokenSession::hasObject(ObjectClass objectClass, QByteArrayView id) const
{
    CERTDESK_REQUIRE_OPEN();
    std::vector<CK_OBJECT_HANDLE> found;
    const CK_RV rv = Cryptoki(*m_module, m_handle).findByClassAndId(ckoOf(objectClass), id, found);
    if (rv != CKR_OK)
        return failure(QStringLiteral("C_FindObjects"), rv);
    return !found.empty();
}

TokenResult<int> TokenSession::countObjects(ObjectClass objectClass) const
{
    CERTDESK_REQUIRE_OPEN();
    Template templ;
    templ.ulong(CKA_CLASS, ckoOf(objectClass));
    std::vector<CK_OBJECT_HANDLE> found;
    const CK_RV rv = Cryptoki(*m_module, m_handle).find(templ, found);
    if (rv != CKR_OK)
        return failure(QStringLiteral("C_FindObjects"), rv);
    return static_cast<int>(found.size());
}

// --- old UKey: RSA proof of possession
// -------------------------------------------------------------------------

TokenResult<QByteArray> TokenSession::signRsaSha256(
    const TokenCertificate& certificate, QByteArrayView data) const
{
    CERTDESK_REQUIRE_OPEN();
    const pki::EvpPkeyPtr publicKey = certificateKey(certificate.der);
    ERR_clear_error();
    if (!publicKey)
        return tokenError(TokenStatus::NotFound, QStringLiteral("unreadable certificate"));
    if (!EVP_PKEY_is_a(publicKey.get(), "RSA"))
        return tokenError(TokenStatus::NotSupported, QStringLiteral("the certificate's key is not RSA"));
    TokenResult<TokenKey> key = findKeyForCertificate(certificate);
    if (!key)
        return key.error();
    const Cryptoki p11(*m_module, m_handle);
    Template templ;
    templ.ulong(CKA_CLASS, CKO_PRIVATE_KEY).ulong(CKA_KEY_TYPE, CKK_RSA).bytes(CKA_ID, key->id);
    std::vector<CK_OBJECT_HANDLE> found;
    CK_RV rv = p11.find(templ, found);
    if (rv != CKR_OK)
        return failure(QStringLiteral("C_FindObjects(RSA key)"), rv);
    if (found.empty())
        return tokenError(TokenStatus::NotFound, QStringLiteral("no RSA private key for the certificate"));

    TokenResult<QList<quint64>> listed = mechanisms();
    const bool hasSha256Rsa = listed && listed->contains(CKM_SHA256_RSA_PKCS);
    QByteArray signature;
    if (hasSha256Rsa) {
        rv = p11.sign(CKM_SHA256_RSA_PKCS, found.front(), data, signature);
    } else {
        // Older UKeys offer only raw PKCS#1 v1.5: we hash and wrap in DigestInfo ourselves.
        QByteArray digest(32, Qt::Uninitialized);
        unsigned int length = 0;
        if (EVP_Digest(data.data(), static_cast<std::size_t>(data.size()),
                reinterpret_cast<unsigned char*>(digest.data()), &length, EVP_sha256(), nullptr)
            != 1)
            return tokenError(TokenStatus::InternalError, QStringLiteral("SHA-256 failed"));
        rv = p11.sign(CKM_RSA_PKCS, found.front(), QByteArray(sha256DigestInfoPrefix() + digest), signature);
    }
    if (rv != CKR_OK)
        return failure(QStringLiteral("C_Sign(RSA)"), rv);

    // Never hand on a token signature unchecked.
    const pki::EvpMdCtxPtr md(EVP_MD_CTX_new());
    const bool valid = md
        && EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, publicKey.get()) == 1
        && EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(signature.constData()),
               static_cast<std::size_t>(signature.size()),
               reinterpret_cast<const unsigned char*>(data.data()), static_cast<std::size_t>(data.size()))
            == 1;
    ERR_clear_error();
    if (!valid)
        return tokenError(
            TokenStatus::BadSignature, QStringLiteral("the token's RSA signature does not verify"));
    return signature;
}

// --- SM2
// -----------------------------------------------------------------------------------------------------

TokenResult<QList<ObjectRef>> TokenSession::importSm2KeyPair(const pki::SecureBytes& privateScalar,
    QByteArrayView publicPoint, QByteArrayView id, const QString& label, KeyPurpose purpose,
    QByteArrayView subjectDer)
{
    CERTDESK_REQUIRE_OPEN();
    if (id.isEmpty())
        return tokenError(TokenStatus::InternalError, QStringLiteral("empty CKA_ID"));
    {
        // The pair must be a pair: a scalar that does not give the point would leave an unusable key behind.
        pki::PkiResult<pki::Sm2Key> key = pki::Sm2Key::fromPrivateScalar(privateScalar);
        if (!key || key->publicPoint() != publicPoint)
            return tokenError(
                TokenStatus::KeyMismatch, QStringLiteral("private scalar does not match the point"));
    }
    const Cryptoki p11(*m_module, m_handle);
    for (const CK_OBJECT_CLASS objectClass : {CKO_PRIVATE_KEY, CKO_PUBLIC_KEY}) {
        std::vector<CK_OBJECT_HANDLE> existing;
        const CK_RV rv = p11.findByClassAndId(objectClass, id, existing);
        if (rv != CKR_OK)
            return failure(QStringLiteral("C_FindObjects(existing key)"), rv);
        if (!existing.empty())
            return tokenError(
                TokenStatus::AlreadyExists, QStringLiteral("a key object with this CKA_ID exists"));
    }
    const bool signing = purpose == KeyPurpose::Signing;

    CK_OBJECT_HANDLE privateHandle = CK_INVALID_HANDLE;
    {
        Template templ; // wiped (CKA_VALUE included) when this block ends
        templ.ulong(CKA_CLASS, CKO_PRIVATE_KEY)
            .ulong(CKA_KEY_TYPE, m_profile.keyType)
            .boolean(CKA_TOKEN, true)
            .boolean(CKA_PRIVATE, true)
            .boolean(CKA_SENSITIVE, true)
            .boolean(CKA_EXTRACTABLE, false)
            // Key separation (GM/T 0016 §7, DESIGN.md): the signing key only signs, the encryption key only
            // decrypts and unwraps. Every usage attribute is set, none left to the token's default (SoftHSM
            // gives a private key CKA_UNWRAP and a public key CKA_WRAP unless told otherwise).
            .boolean(CKA_SIGN, signing)
            .boolean(CKA_SIGN_RECOVER, false)
            .boolean(CKA_DECRYPT, !signing)
            .boolean(CKA_UNWRAP, !signing)
            .boolean(CKA_DERIVE, false)
            .bytes(CKA_ID, id)
            .text(CKA_LABEL, label);
        if (m_profile.ecParams)
            templ.bytes(CKA_EC_PARAMS, sm2CurveParams());
        if (!subjectDer.isEmpty())
            templ.bytes(CKA_SUBJECT, subjectDer);
        templ.bytes(CKA_VALUE, privateScalar.constData(), static_cast<std::size_t>(privateScalar.size()));
        const CK_RV rv = p11.create(templ, privateHandle);
        if (rv != CKR_OK)
            return failure(QStringLiteral("C_CreateObject(SM2 private key)"), rv);
    }

    // ALWAYS the public key object too: libp11 0.4.12 crashes on a private key without one, and it is how the
    // key is read back and checked against the certificate.
    Template templ;
    templ.ulong(CKA_CLASS, CKO_PUBLIC_KEY)
        .ulong(CKA_KEY_TYPE, m_profile.keyType)
        .boolean(CKA_TOKEN, true)
        .boolean(CKA_PRIVATE, false)
        .boolean(CKA_VERIFY, signing)
        .boolean(CKA_VERIFY_RECOVER, false)
        .boolean(CKA_ENCRYPT, !signing)
        .boolean(CKA_WRAP, !signing)
        .boolean(CKA_DERIVE, false)
        .bytes(CKA_ID, id)
        .text(CKA_LABEL, label)
        .bytes(CKA_EC_POINT, ecPointAttribute(publicPoint));
    if (m_profile.ecParams)
        templ.bytes(CKA_EC_PARAMS, sm2CurveParams());
    if (!subjectDer.isEmpty())
        templ.bytes(CKA_SUBJECT, subjectDer);
    CK_OBJECT_HANDLE publicHandle = CK_INVALID_HANDLE;
    const CK_RV rv = p11.create(templ, publicHandle);
    if (rv != CKR_OK) {
        (void)p11.destroy(privateHandle); // best effort; TokenWriter's rollback covers a pulled token
        return failure(QStringLiteral("C_CreateObject(SM2 public key)"), rv);
    }
    return QList<ObjectRef> {
        {ObjectClass::PrivateKey, id.toByteArray()}, {ObjectClass::PublicKey, id.toByteArray()}};
}

TokenResult<ObjectRef> TokenSession::writeCertificate(
    const QByteArray& der, QByteArrayView id, const QString& label)
{
    CERTDESK_REQUIRE_OPEN();
    if (id.isEmpty())
        return tokenError(TokenStatus::InternalError, QStringLiteral("empty CKA_ID"));
    const unsigned char* in = reinterpret_cast<const unsigned char*>(der.constData());
    const pki::X509Ptr certificate(d2i_X509(nullptr, &in, der.size()));
    if (!certificate || in != reinterpret_cast<const unsigned char*>(der.constData()) + der.size()) {
        ERR_clear_error();
        return tokenError(TokenStatus::InternalError, QStringLiteral("not one DER certificate"));
    }
    const auto encode = [](auto encoder, const auto* object) {
        unsigned char* out = nullptr;
        const int length = encoder(object, &out);
        QByteArray bytes;
        if (length > 0)
            bytes = QByteArray(reinterpret_cast<const char*>(out), length);
        OPENSSL_free(out);
        return bytes;
    };
    const QByteArray subject = encode(i2d_X509_NAME, X509_get_subject_name(certificate.get()));
    const QByteArray issuer = encode(i2d_X509_NAME, X509_get_issuer_name(certificate.get()));
    const QByteArray serial = encode(i2d_ASN1_INTEGER, X509_get0_serialNumber(certificate.get()));
    ERR_clear_error();

    const Cryptoki p11(*m_module, m_handle);
    std::vector<CK_OBJECT_HANDLE> existing;
    CK_RV rv = p11.findByClassAndId(CKO_CERTIFICATE, id, existing);
    if (rv != CKR_OK)
        return failure(QStringLiteral("C_FindObjects(existing certificate)"), rv);
    if (!existing.empty())
        return tokenError(
            TokenStatus::AlreadyExists, QStringLiteral("a certificate with this CKA_ID exists"));
    Template templ;
    templ.ulong(CKA_CLASS, CKO_CERTIFICATE)
        .ulong(CKA_CERTIFICATE_TYPE, CKC_X_509)
        .boolean(CKA_TOKEN, true)
        .boolean(CKA_PRIVATE, false)
        .bytes(CKA_ID, id)
        .text(CKA_LABEL, label)
        .bytes(CKA_SUBJECT, subject)
        .bytes(CKA_ISSUER, issuer)
        .bytes(CKA_SERIAL_NUMBER, serial)
        .bytes(CKA_VALUE, der);
    CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
    rv = p11.create(templ, handle);
    if (rv != CKR_OK)
        return failure(QStringLiteral("C_CreateObject(certificate)"), rv);
    return ObjectRef {ObjectClass::Certificate, id.toByteArray()};
}

TokenResult<QByteArray> TokenSession::generateSm2KeyPair(QByteArrayView id, const QString& label)
{
    CERTDESK_REQUIRE_OPEN();
    if (!m_profile.canGenerateOnToken())
        return tokenError(TokenStatus::NotSupported,
            QStringLiteral("profile ") + m_profile.name
                + QStringLiteral(" cannot generate SM2 keys on this token"));
    if (id.isEmpty())
        return tokenError(TokenStatus::InternalError, QStringLiteral("empty CKA_ID"));
    const Cryptoki p11(*m_module, m_handle);
    for (const CK_OBJECT_CLASS objectClass : {CKO_PRIVATE_KEY, CKO_PUBLIC_KEY}) {
        std::vector<CK_OBJECT_HANDLE> existing;
        const CK_RV rv = p11.findByClassAndId(objectClass, id, existing);
        if (rv != CKR_OK)
            return failure(QStringLiteral("C_FindObjects(existing key)"), rv);
        if (!existing.empty())
            return tokenError(
                TokenStatus::AlreadyExists, QStringLiteral("a key object with this CKA_ID exists"));
    }
    Template publicTemplate;
    publicTemplate.ulong(CKA_CLASS, CKO_PUBLIC_KEY)
        .ulong(CKA_KEY_TYPE, m_profile.keyType)
        .boolean(CKA_TOKEN, true)
        .boolean(CKA_PRIVATE, false)
        .boolean(CKA_VERIFY, true)
        .boolean(CKA_VERIFY_RECOVER, false)
        .boolean(CKA_ENCRYPT, false)
        .boolean(CKA_WRAP, false)
        .boolean(CKA_DERIVE, false)
        .bytes(CKA_ID, id)
        .text(CKA_LABEL, label);
    Template privateTemplate;
    privateTemplate.ulong(CKA_CLASS, CKO_PRIVATE_KEY)
        .ulong(CKA_KEY_TYPE, m_profile.keyType)
        .boolean(CKA_TOKEN, true)
        .boolean(CKA_PRIVATE, true)
        .boolean(CKA_SENSITIVE, true)
        .boolean(CKA_EXTRACTABLE, false)
        // Generated on the token only for signing: as importKeyPair's signing pair, nothing but sign/verify.
        .boolean(CKA_SIGN, true)
        .boolean(CKA_SIGN_RECOVER, false)
        .boolean(CKA_DECRYPT, false)
        .boolean(CKA_UNWRAP, false)
        .boolean(CKA_DERIVE, false)
        .bytes(CKA_ID, id)
        .text(CKA_LABEL, label);
    if (m_profile.ecParams)
        publicTemplate.bytes(CKA_EC_PARAMS, sm2CurveParams());
    // The profile's code fits a CK_ULONG (VendorProfile refuses larger ones).
    CK_MECHANISM mechanism {CK_MECHANISM_TYPE(*m_profile.keygenMechanism), nullptr, 0};
    CK_OBJECT_HANDLE publicHandle = CK_INVALID_HANDLE;
    CK_OBJECT_HANDLE privateHandle = CK_INVALID_HANDLE;
    const CK_RV rv = p11.f->C_GenerateKeyPair(m_handle, &mechanism, publicTemplate.data(),
        publicTemplate.size(), privateTemplate.data(), privateTemplate.size(), &publicHandle, &privateHandle);
    if (rv != CKR_OK)
        return failure(QStringLiteral("C_GenerateKeyPair(SM2)"), rv);
    QByteArray value;
    const CK_RV readRv = p11.attribute(publicHandle, CKA_EC_POINT, value);
    const QByteArray point = pointFromEcPoint(value);
    if (readRv != CKR_OK || point.isEmpty() || !pki::Sm2Key::fromPublicPoint(point)) {
        (void)p11.destroy(privateHandle);
        (void)p11.destroy(publicHandle);
        return readRv != CKR_OK
            ? failure(QStringLiteral("C_GetAttributeValue(CKA_EC_POINT)"), readRv)
            : tokenError(TokenStatus::NotSupported, QStringLiteral("generated key has no SM2 point"));
    }
    return point;
}

TokenResult<QByteArray> TokenSession::signSm2(QByteArrayView id, QByteArrayView data) const
{
    CERTDESK_REQUIRE_OPEN();
    if (!m_profile.canSignOnToken())
        return tokenError(TokenStatus::NotSupported,
            QStringLiteral("profile ") + m_profile.name + QStringLiteral(" cannot SM2-sign on this token"));
    TokenResult<QByteArray> point = sm2PublicPoint(id);
    if (!point)
        return point.error();
    pki::PkiResult<pki::Sm2Key> publicKey = pki::Sm2Key::fromPublicPoint(*point);
    if (!publicKey)
        return tokenError(
            TokenStatus::InternalError, QStringLiteral("public key object: ") + publicKey.detail());

    const Cryptoki p11(*m_module, m_handle);
    std::vector<CK_OBJECT_HANDLE> found;
    CK_RV rv = p11.findByClassAndId(CKO_PRIVATE_KEY, id, found);
    if (rv != CKR_OK)
        return failure(QStringLiteral("C_FindObjects(SM2 private key)"), rv);
    if (found.empty())
        return tokenError(isLoggedIn() ? TokenStatus::NotFound : TokenStatus::NotLoggedIn,
            QStringLiteral("no SM2 private key with this CKA_ID"));

    QByteArray input;
    if (m_profile.signInput == Sm2SignInput::DigestE) {
        pki::PkiResult<QByteArray> e = pki::sm2MessageDigest(*publicKey, data);
        if (!e)
            return tokenError(TokenStatus::InternalError, QStringLiteral("SM2 e: ") + e.detail());
        input = *e;
    } else {
        input = data.toByteArray();
    }
    QByteArray signature;
    rv = p11.sign(*m_profile.signMechanism, found.front(), input, signature);
    if (rv != CKR_OK)
        return failure(QStringLiteral("C_Sign(SM2)"), rv);

    // Profiles say raw or DER; a token that answers in the other form is read anyway, and the software check
    // below decides.
    QByteArray der;
    if (m_profile.signatureEncoding == SignatureEncoding::Der || signature.size() != 64) {
        der = signature;
    } else {
        pki::PkiResult<QByteArray> converted = pki::sm2SignatureFromRaw(signature);
        if (!converted)
            return tokenError(
                TokenStatus::BadSignature, QStringLiteral("raw SM2 signature: ") + converted.detail());
        der = *converted;
    }
    pki::PkiResult<void> verified = pki::sm2Verify(*publicKey, data, der);
    if (!verified)
        return tokenError(TokenStatus::BadSignature,
            QStringLiteral("the token's SM2 signature does not verify with ID 1234567812345678"));
    return der;
}

// --- removal
// -------------------------------------------------------------------------------------------------

namespace {

// Destroys the found objects, counting them; one already gone (removed by another session) is not an error.
CK_RV destroyAll(const Cryptoki& p11, const std::vector<CK_OBJECT_HANDLE>& found, int& destroyed)
{
    for (const CK_OBJECT_HANDLE object : found) {
        const CK_RV rv = p11.destroy(object);
        if (rv == CKR_OK)
            ++destroyed;
        else if (rv != CKR_OBJECT_HANDLE_INVALID)
            return rv;
    }
    return CKR_OK;
}

} // namespace

TokenResult<int> TokenSession::destroyObjects(const QList<ObjectRef>& objects)
{
    CERTDESK_REQUIRE_OPEN();
    const Cryptoki p11(*m_module, m_handle);
    int destroyed = 0;
    for (const ObjectRef& ref : objects) {
        if (ref.id.isEmpty())
            continue; // an empty CKA_ID would match unrelated objects
        std::vector<CK_OBJECT_HANDLE> found;
        CK_RV rv = p11.findByClassAndId(ckoOf(ref.objectClass), ref.id, found);
        if (rv != CKR_OK)
            return failure(QStringLiteral("C_FindObjects(destroy)"), rv);
        rv = destroyAll(p11, found, destroyed);
        if (rv != CKR_OK)
            return failure(QStringLiteral("C_DestroyObject"), rv);
    }
    return destroyed;
}

TokenResult<int> TokenSession::destroyObjects(const QList<QByteArray>& ids)
{
    CERTDESK_REQUIRE_OPEN();
    const Cryptoki p11(*m_module, m_handle);
    int destroyed = 0;
    for (const QByteArray& id : ids) {
        if (id.isEmpty())
            continue;
        Template templ;
        templ.bytes(CKA_ID, id);
        std::vector<CK_OBJECT_HANDLE> found;
        CK_RV rv = p11.find(templ, found);
        if (rv != CKR_OK)
            return failure(QStringLiteral("C_FindObjects(destroy)"), rv);
        rv = destroyAll(p11, found, destroyed);
        if (rv != CKR_OK)
            return failure(QStringLiteral("C_DestroyObject"), rv);
    }
    return destroyed;
}

} // namespace certdesk::token
