#include "pki/Sm2.h"

#include "pki/OpenSslSupport.h"

#include <openssl/ec.h>

#include <array>

namespace certdesk::pki {

using namespace detail;

namespace {

constexpr int CoordinateSize = 32;
constexpr int Sm4BlockSize = 16;

PkiResult<void> requireKey(const Sm2Key& key, bool needPrivate)
{
    if (key.isNull())
        return pkiError(PkiStatus::BadInput, QStringLiteral("no SM2 key"));
    if (needPrivate && !key.hasPrivateKey())
        return pkiError(PkiStatus::BadInput, QStringLiteral("the SM2 key has no private half"));
    return {};
}

PkiResult<SecureBytes> sm4Ecb(const SecureBytes& key, QByteArrayView input, bool encrypt)
{
    if (key.size() != Sm4BlockSize)
        return pkiError(PkiStatus::BadInput, QStringLiteral("an SM4 key is 16 bytes"));
    if (input.isEmpty() || input.size() % Sm4BlockSize != 0)
        return pkiError(
            PkiStatus::BadInput, QStringLiteral("SM4-ECB without padding needs whole 16-byte blocks"));
    EvpCipherCtxPtr context(EVP_CIPHER_CTX_new());
    SecureBytes output(input.size());
    int written = 0;
    int finalWritten = 0;
    if (!context || sm4EcbCipher() == nullptr
        || EVP_CipherInit_ex2(
               context.get(), sm4EcbCipher(), key.constData(), nullptr, encrypt ? 1 : 0, nullptr)
            != 1
        || EVP_CIPHER_CTX_set_padding(context.get(), 0) != 1
        || EVP_CipherUpdate(
               context.get(), output.data(), &written, uchars(input), static_cast<int>(input.size()))
            != 1
        || EVP_CipherFinal_ex(context.get(), output.data() + written, &finalWritten) != 1
        || written + finalWritten != input.size())
        return pkiError(PkiStatus::InternalError, QStringLiteral("SM4-ECB failed"));
    return output;
}

} // namespace

QByteArrayView sm2DefaultId()
{
    return QByteArrayView("1234567812345678");
}

PkiResult<QByteArray> sm2Sign(const Sm2Key& key, QByteArrayView data, QByteArrayView id)
{
    ErrorQueueGuard guard;
    if (auto ok = requireKey(key, true); !ok)
        return ok.error();
    auto context = sm2SignContext(key.evpPkey(), id);
    if (!context)
        return context.error();
    std::size_t length = 0;
    if (EVP_DigestSign(
            context->mdContext.get(), nullptr, &length, uchars(data), static_cast<std::size_t>(data.size()))
        <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("SM2 signing failed"));
    QByteArray signature(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (EVP_DigestSign(context->mdContext.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
            uchars(data), static_cast<std::size_t>(data.size()))
        <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("SM2 signing failed"));
    signature.truncate(static_cast<qsizetype>(length));
    return signature;
}

PkiResult<void> sm2Verify(
    const Sm2Key& key, QByteArrayView data, QByteArrayView signatureDer, QByteArrayView id)
{
    ErrorQueueGuard guard;
    if (auto ok = requireKey(key, false); !ok)
        return ok.error();
    auto context = sm2VerifyContext(key.evpPkey(), id);
    if (!context)
        return context.error();
    // 0 = wrong signature, < 0 = malformed signature: both mean "this is not a valid signature".
    if (EVP_DigestVerify(context->mdContext.get(), uchars(signatureDer),
            static_cast<std::size_t>(signatureDer.size()), uchars(data),
            static_cast<std::size_t>(data.size()))
        != 1)
        return pkiError(PkiStatus::BadSignature, QStringLiteral("the SM2 signature does not verify"));
    return {};
}

PkiResult<QByteArray> sm2MessageDigest(const Sm2Key& publicKey, QByteArrayView data, QByteArrayView id)
{
    ErrorQueueGuard guard;
    if (auto ok = requireKey(publicKey, false); !ok)
        return ok.error();
    // ENTL is the ID length in bits as two bytes, so the ID is at most 8191 bytes.
    if (id.size() > 0x1FFF)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the SM2 ID is too long"));
    const QByteArray point = publicKey.publicPoint();
    const EC_GROUP* group = sm2Group();
    BignumPtr a(BN_new());
    BignumPtr b(BN_new());
    BignumPtr xG(BN_new());
    BignumPtr yG(BN_new());
    BnCtxPtr bnContext(BN_CTX_new());
    std::array<unsigned char, 4 * CoordinateSize> curve {};
    if (group == nullptr || point.size() != 65 || !a || !b || !xG || !yG || !bnContext
        || EC_GROUP_get_curve(group, nullptr, a.get(), b.get(), bnContext.get()) != 1
        || EC_POINT_get_affine_coordinates(
               group, EC_GROUP_get0_generator(group), xG.get(), yG.get(), bnContext.get())
            != 1
        || BN_bn2binpad(a.get(), curve.data(), CoordinateSize) != CoordinateSize
        || BN_bn2binpad(b.get(), curve.data() + CoordinateSize, CoordinateSize) != CoordinateSize
        || BN_bn2binpad(xG.get(), curve.data() + 2 * CoordinateSize, CoordinateSize) != CoordinateSize
        || BN_bn2binpad(yG.get(), curve.data() + 3 * CoordinateSize, CoordinateSize) != CoordinateSize)
        return pkiError(PkiStatus::InternalError, QStringLiteral("reading the SM2 curve parameters failed"));

    const auto bits = static_cast<unsigned>(id.size()) * 8;
    QByteArray zInput;
    zInput.reserve(2 + id.size() + static_cast<qsizetype>(curve.size()) + 64);
    zInput.append(static_cast<char>((bits >> 8) & 0xFF));
    zInput.append(static_cast<char>(bits & 0xFF));
    zInput.append(id.data(), id.size());
    zInput.append(reinterpret_cast<const char*>(curve.data()), static_cast<qsizetype>(curve.size()));
    zInput.append(point.sliced(1));
    const QByteArray z = sm3(zInput);
    if (z.isEmpty())
        return pkiError(PkiStatus::InternalError, QStringLiteral("SM3 failed"));
    QByteArray eInput = z;
    eInput.append(data.data(), data.size());
    return sm3(eInput);
}

PkiResult<QByteArray> sm2SignDigest(const Sm2Key& key, QByteArrayView digest)
{
    ErrorQueueGuard guard;
    if (auto ok = requireKey(key, true); !ok)
        return ok.error();
    if (digest.size() != CoordinateSize)
        return pkiError(PkiStatus::BadInput, QStringLiteral("an SM2 message digest is 32 bytes"));
    EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_pkey(nullptr, key.evpPkey(), nullptr));
    std::size_t length = 0;
    if (!context || EVP_PKEY_sign_init(context.get()) <= 0
        || EVP_PKEY_sign(context.get(), nullptr, &length, uchars(digest), CoordinateSize) <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("SM2 digest signing failed"));
    QByteArray signature(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (EVP_PKEY_sign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
            uchars(digest), CoordinateSize)
        <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("SM2 digest signing failed"));
    signature.truncate(static_cast<qsizetype>(length));
    return signature;
}

PkiResult<QByteArray> sm2SignatureToRaw(QByteArrayView der)
{
    ErrorQueueGuard guard;
    const EcdsaSigPtr signature = decodeDer<EcdsaSigPtr>(der, d2i_ECDSA_SIG);
    if (!signature)
        return pkiError(PkiStatus::BadInput, QStringLiteral("not a DER SM2 signature"));
    // Strict DER only: a re-encoding must give the same bytes (no BER lengths, no padded integers).
    const QByteArray reencoded
        = encodeDer([&signature](unsigned char** out) { return i2d_ECDSA_SIG(signature.get(), out); });
    if (reencoded != der)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the SM2 signature is not strict DER"));
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(signature.get(), &r, &s);
    QByteArray raw(2 * CoordinateSize, '\0');
    auto* out = reinterpret_cast<unsigned char*>(raw.data());
    if (BN_is_negative(r) || BN_is_negative(s) || BN_bn2binpad(r, out, CoordinateSize) != CoordinateSize
        || BN_bn2binpad(s, out + CoordinateSize, CoordinateSize) != CoordinateSize)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the SM2 signature values are out of range"));
    return raw;
}

PkiResult<QByteArray> sm2SignatureFromRaw(QByteArrayView raw)
{
    ErrorQueueGuard guard;
    if (raw.size() != 2 * CoordinateSize)
        return pkiError(PkiStatus::BadInput, QStringLiteral("a raw SM2 signature is 64 bytes r‖s"));
    BignumPtr r(BN_bin2bn(uchars(raw), CoordinateSize, nullptr));
    BignumPtr s(BN_bin2bn(uchars(raw) + CoordinateSize, CoordinateSize, nullptr));
    EcdsaSigPtr signature(ECDSA_SIG_new());
    if (!r || !s || !signature)
        return pkiError(PkiStatus::InternalError, QStringLiteral("allocation failed"));
    if (BN_is_zero(r.get()) || BN_is_zero(s.get()))
        return pkiError(PkiStatus::BadInput, QStringLiteral("r and s of an SM2 signature are never zero"));
    if (ECDSA_SIG_set0(signature.get(), r.get(), s.get()) != 1)
        return pkiError(PkiStatus::InternalError, QStringLiteral("ECDSA_SIG_set0 failed"));
    (void)r.release(); // owned by `signature` now
    (void)s.release();
    QByteArray der
        = encodeDer([&signature](unsigned char** out) { return i2d_ECDSA_SIG(signature.get(), out); });
    if (der.isEmpty())
        return pkiError(PkiStatus::InternalError, QStringLiteral("encoding the SM2 signature failed"));
    return der;
}

PkiResult<QByteArray> sm2Encrypt(const Sm2Key& publicKey, QByteArrayView plaintext)
{
    ErrorQueueGuard guard;
    if (auto ok = requireKey(publicKey, false); !ok)
        return ok.error();
    if (plaintext.isEmpty())
        return pkiError(PkiStatus::BadInput, QStringLiteral("nothing to encrypt"));
    EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_pkey(nullptr, publicKey.evpPkey(), nullptr));
    std::size_t length = 0;
    if (!context || EVP_PKEY_encrypt_init(context.get()) <= 0
        || EVP_PKEY_encrypt(
               context.get(), nullptr, &length, uchars(plaintext), static_cast<std::size_t>(plaintext.size()))
            <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("SM2 encryption failed"));
    QByteArray ciphertext(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (EVP_PKEY_encrypt(context.get(), reinterpret_cast<unsigned char*>(ciphertext.data()), &length,
            uchars(plaintext), static_cast<std::size_t>(plaintext.size()))
        <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("SM2 encryption failed"));
    ciphertext.truncate(static_cast<qsizetype>(length));
    return ciphertext;
}

PkiResult<SecureBytes> sm2Decrypt(const Sm2Key& privateKey, QByteArrayView ciphertext)
{
    ErrorQueueGuard guard;
    if (auto ok = requireKey(privateKey, true); !ok)
        return ok.error();
    // SM2Cipher is a SEQUENCE; anything else is not a ciphertext at all (as opposed to one for another key).
    const DerElement outer = readDerElement(ciphertext);
    if (outer.tag != V_ASN1_SEQUENCE || outer.whole.size() != ciphertext.size())
        return pkiError(PkiStatus::BadInput, QStringLiteral("not an SM2Cipher structure"));
    EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_pkey(nullptr, privateKey.evpPkey(), nullptr));
    std::size_t length = 0;
    if (!context || EVP_PKEY_decrypt_init(context.get()) <= 0
        || EVP_PKEY_decrypt(context.get(), nullptr, &length, uchars(ciphertext),
               static_cast<std::size_t>(ciphertext.size()))
            <= 0)
        return pkiError(PkiStatus::DecryptFailed, QStringLiteral("SM2 decryption failed"));
    SecureBytes plaintext(static_cast<qsizetype>(length));
    if (EVP_PKEY_decrypt(context.get(), plaintext.data(), &length, uchars(ciphertext),
            static_cast<std::size_t>(ciphertext.size()))
        <= 0)
        return pkiError(PkiStatus::DecryptFailed, QStringLiteral("SM2 decryption failed"));
    if (static_cast<qsizetype>(length) != plaintext.size()) {
        SecureBytes exact(plaintext.constData(), length);
        return exact;
    }
    return plaintext;
}

QByteArray sm3(QByteArrayView data)
{
    ErrorQueueGuard guard;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (sm3Digest() == nullptr
        || EVP_Digest(
               data.data(), static_cast<std::size_t>(data.size()), digest, &length, sm3Digest(), nullptr)
            != 1)
        return {};
    return toByteArray(digest, length);
}

PkiResult<QByteArray> sm4EcbEncrypt(const SecureBytes& key, QByteArrayView plaintext)
{
    ErrorQueueGuard guard;
    auto ciphertext = sm4Ecb(key, plaintext, true);
    if (!ciphertext)
        return ciphertext.error();
    return ciphertext->toByteArray();
}

PkiResult<SecureBytes> sm4EcbDecrypt(const SecureBytes& key, QByteArrayView ciphertext)
{
    ErrorQueueGuard guard;
    return sm4Ecb(key, ciphertext, false);
}

} // namespace certdesk::pki
