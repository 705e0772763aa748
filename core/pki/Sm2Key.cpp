#include "pki/Sm2Key.h"

#include "pki/OpenSslSupport.h"

#include <openssl/core_names.h>
#include <openssl/obj_mac.h>
#include <openssl/x509.h>

#include <mutex>
#include <utility>
#include <vector>

namespace certdesk::pki {

using namespace detail;

namespace {

constexpr int ScalarSize = 32;
constexpr int PointSize = 65;

bool hasPrivateHalf(const EVP_PKEY* key)
{
    BIGNUM* scalar = nullptr;
    const bool has = EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &scalar) == 1 && scalar != nullptr;
    BN_clear_free(scalar);
    ERR_clear_error();
    return has;
}

// Key generation contexts, reused: creating one means a provider lookup under a lock, and a context may serve
// any number of EVP_PKEY_generate calls, one thread at a time. Not thread_local: on MinGW-w64 a
// thread_local's storage is freed before its destructor runs (platform/ThreadExit.h), and EVP_PKEY_CTX_free
// then reads freed memory as its thread ends. The pool lives as long as the process.
class KeyGenerationContexts
{
public:
    static KeyGenerationContexts& instance()
    {
        static auto* pool = new KeyGenerationContexts; // never destroyed: no order problem at exit
        return *pool;
    }

    EvpPkeyCtxPtr take()
    {
        {
            const std::lock_guard lock(m_mutex);
            if (!m_idle.empty()) {
                EvpPkeyCtxPtr context = std::move(m_idle.back());
                m_idle.pop_back();
                return context;
            }
        }
        EvpPkeyCtxPtr created(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
        if (created && EVP_PKEY_keygen_init(created.get()) <= 0)
            created.reset();
        return created;
    }

    void give(EvpPkeyCtxPtr context)
    {
        const std::lock_guard lock(m_mutex);
        // As many as threads generated at the same moment; beyond a generous bound, freed.
        if (m_idle.size() < kMaxIdle)
            m_idle.push_back(std::move(context));
    }

private:
    static constexpr size_t kMaxIdle = 128;
    std::mutex m_mutex;
    std::vector<EvpPkeyCtxPtr> m_idle;
};

PkiResult<Sm2Key> fromData(OSSL_PARAM* params, int selection, const QString& what)
{
    EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
    EVP_PKEY* raw = nullptr;
    if (!context || EVP_PKEY_fromdata_init(context.get()) <= 0
        || EVP_PKEY_fromdata(context.get(), &raw, selection, params) <= 0 || raw == nullptr)
        return pkiError(PkiStatus::BadInput, what);
    return Sm2Key::fromEvpPkey(EvpPkeyPtr(raw));
}

} // namespace

Sm2Key::Sm2Key(std::shared_ptr<EVP_PKEY> key, bool hasPrivateKey)
    : m_key(std::move(key))
    , m_hasPrivateKey(hasPrivateKey)
{ }

PkiResult<Sm2Key> Sm2Key::generate()
{
    ErrorQueueGuard guard;
    EvpPkeyCtxPtr context = KeyGenerationContexts::instance().take();
    EVP_PKEY* raw = nullptr;
    if (!context || EVP_PKEY_generate(context.get(), &raw) <= 0 || raw == nullptr)
        return pkiError(PkiStatus::InternalError, QStringLiteral("SM2 key generation failed"));
    KeyGenerationContexts::instance().give(std::move(context));
    return Sm2Key(std::shared_ptr<EVP_PKEY>(raw, EVP_PKEY_free), true);
}

PkiResult<Sm2Key> Sm2Key::fromEvpPkey(EvpPkeyPtr key)
{
    ErrorQueueGuard guard;
    if (!key)
        return pkiError(PkiStatus::BadInput, QStringLiteral("no key"));
    if (!isSm2(key.get()))
        return pkiError(PkiStatus::Unsupported, QStringLiteral("the key is not an SM2 key"));
    const bool hasPrivate = hasPrivateHalf(key.get());
    return Sm2Key(std::shared_ptr<EVP_PKEY>(key.release(), EVP_PKEY_free), hasPrivate);
}

PkiResult<Sm2Key> Sm2Key::fromPrivateScalar(const SecureBytes& scalar)
{
    ErrorQueueGuard guard;
    if (scalar.size() != ScalarSize)
        return pkiError(PkiStatus::BadInput, QStringLiteral("an SM2 private key is 32 bytes"));
    const EC_GROUP* group = sm2Group();
    // BN_secure_new: OSSL_PARAM_BLD copies a BN_FLG_SECURE number into the cleared block of the param array.
    SecretBignumPtr d(BN_secure_new());
    BignumPtr limit(BN_new());
    BnCtxPtr bnContext(BN_CTX_new());
    if (group == nullptr || !d || !limit || !bnContext
        || BN_bin2bn(scalar.constData(), ScalarSize, d.get()) == nullptr
        || BN_copy(limit.get(), EC_GROUP_get0_order(group)) == nullptr || BN_sub_word(limit.get(), 1) != 1)
        return pkiError(PkiStatus::InternalError, QStringLiteral("SM2 scalar import failed"));
    // GB/T 32918.1 §6.1: d ∈ [1, n-2] (d = n-1 would make 1+d non-invertible in the signature).
    if (BN_is_zero(d.get()) || BN_cmp(d.get(), limit.get()) >= 0)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the SM2 private scalar is out of range"));

    EcPointPtr point(EC_POINT_new(group));
    unsigned char encoded[PointSize];
    if (!point || EC_POINT_mul(group, point.get(), d.get(), nullptr, nullptr, bnContext.get()) != 1
        || EC_POINT_point2oct(
               group, point.get(), POINT_CONVERSION_UNCOMPRESSED, encoded, sizeof encoded, bnContext.get())
            != PointSize)
        return pkiError(PkiStatus::InternalError, QStringLiteral("computing d·G failed"));

    OsslParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!builder || OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, SN_sm2, 0) != 1
        || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, d.get()) != 1
        || OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, encoded, sizeof encoded)
            != 1)
        return pkiError(PkiStatus::InternalError, QStringLiteral("building SM2 key parameters failed"));
    OsslParamPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
    if (!params)
        return pkiError(PkiStatus::InternalError, QStringLiteral("building SM2 key parameters failed"));
    return fromData(params.get(), EVP_PKEY_KEYPAIR, QStringLiteral("SM2 private key import failed"));
}

PkiResult<Sm2Key> Sm2Key::fromPublicPoint(QByteArrayView point)
{
    ErrorQueueGuard guard;
    if (point.size() != PointSize || static_cast<unsigned char>(point.front()) != 0x04)
        return pkiError(PkiStatus::BadInput, QStringLiteral("an SM2 public point is 65 bytes 04‖X‖Y"));
    OsslParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!builder || OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, SN_sm2, 0) != 1
        || OSSL_PARAM_BLD_push_octet_string(
               builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), static_cast<std::size_t>(point.size()))
            != 1)
        return pkiError(PkiStatus::InternalError, QStringLiteral("building SM2 key parameters failed"));
    OsslParamPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
    if (!params)
        return pkiError(PkiStatus::InternalError, QStringLiteral("building SM2 key parameters failed"));
    // EVP_PKEY_fromdata decodes the point with EC_POINT_oct2point, which rejects points off the curve.
    return fromData(
        params.get(), EVP_PKEY_PUBLIC_KEY, QStringLiteral("the SM2 public point is not on the curve"));
}

PkiResult<Sm2Key> Sm2Key::fromSubjectPublicKeyInfo(QByteArrayView der)
{
    ErrorQueueGuard guard;
    EvpPkeyPtr key = decodeDer<EvpPkeyPtr>(der, d2i_PUBKEY);
    if (!key)
        return pkiError(PkiStatus::BadInput, QStringLiteral("not a DER SubjectPublicKeyInfo"));
    return fromEvpPkey(std::move(key));
}

PkiResult<Sm2Key> Sm2Key::fromPkcs8(const SecureBytes& der)
{
    ErrorQueueGuard guard;
    using Pkcs8Ptr = std::unique_ptr<PKCS8_PRIV_KEY_INFO, OpenSslDeleter<&PKCS8_PRIV_KEY_INFO_free>>;
    const Pkcs8Ptr info = decodeDer<Pkcs8Ptr>(der.view(), d2i_PKCS8_PRIV_KEY_INFO);
    EvpPkeyPtr key(info ? EVP_PKCS82PKEY(info.get()) : nullptr);
    if (!key)
        return pkiError(PkiStatus::BadInput, QStringLiteral("not a DER PKCS#8 private key"));
    auto result = fromEvpPkey(std::move(key));
    if (result && !result->hasPrivateKey())
        return pkiError(PkiStatus::BadInput, QStringLiteral("the PKCS#8 data holds no private key"));
    return result;
}

QByteArray Sm2Key::publicPoint() const
{
    if (!m_key)
        return {};
    ErrorQueueGuard guard;
    unsigned char encoded[PointSize];
    std::size_t length = 0;
    if (EVP_PKEY_get_octet_string_param(
            m_key.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, encoded, sizeof encoded, &length)
            != 1
        || length != PointSize || encoded[0] != 0x04)
        return {};
    return toByteArray(encoded, length);
}

QByteArray Sm2Key::subjectPublicKeyInfo() const
{
    if (!m_key)
        return {};
    ErrorQueueGuard guard;
    return encodeDer([this](unsigned char** out) { return i2d_PUBKEY(m_key.get(), out); });
}

PkiResult<SecureBytes> Sm2Key::privateScalar() const
{
    ErrorQueueGuard guard;
    if (!m_hasPrivateKey)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the key has no private half"));
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(m_key.get(), OSSL_PKEY_PARAM_PRIV_KEY, &raw) != 1 || raw == nullptr)
        return pkiError(PkiStatus::InternalError, QStringLiteral("reading the SM2 private scalar failed"));
    SecretBignumPtr scalar(raw);
    SecureBytes bytes(ScalarSize);
    if (BN_bn2binpad(scalar.get(), bytes.data(), ScalarSize) != ScalarSize)
        return pkiError(PkiStatus::InternalError, QStringLiteral("the SM2 private scalar is too long"));
    return bytes;
}

PkiResult<SecureBytes> Sm2Key::pkcs8() const
{
    ErrorQueueGuard guard;
    if (!m_hasPrivateKey)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the key has no private half"));
    const std::unique_ptr<PKCS8_PRIV_KEY_INFO, OpenSslDeleter<&PKCS8_PRIV_KEY_INFO_free>> info(
        EVP_PKEY2PKCS8(m_key.get()));
    if (!info)
        return pkiError(PkiStatus::InternalError, QStringLiteral("PKCS#8 encoding failed"));
    unsigned char* raw = nullptr;
    const int length = i2d_PKCS8_PRIV_KEY_INFO(info.get(), &raw);
    if (length <= 0 || raw == nullptr)
        return pkiError(PkiStatus::InternalError, QStringLiteral("PKCS#8 encoding failed"));
    SecureBytes der(raw, static_cast<std::size_t>(length));
    OPENSSL_clear_free(raw, static_cast<std::size_t>(length));
    return der;
}

Sm2Key Sm2Key::publicKey() const
{
    if (!m_key)
        return {};
    if (!m_hasPrivateKey)
        return *this;
    auto key = fromPublicPoint(publicPoint());
    return key ? std::move(key).value() : Sm2Key();
}

bool Sm2Key::samePublicKey(const Sm2Key& other) const
{
    if (!m_key || !other.m_key)
        return false;
    ErrorQueueGuard guard;
    return EVP_PKEY_eq(m_key.get(), other.m_key.get()) == 1;
}

} // namespace certdesk::pki
