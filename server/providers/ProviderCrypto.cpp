#include "ProviderCrypto.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace certdesk::server::providers::crypto {

namespace {

// Leaves no stale errors behind for the next OpenSSL caller on this thread.
struct ErrorDrain
{
    ~ErrorDrain() { ERR_clear_error(); }
};

pki::BioPtr memoryBio(const QByteArray& bytes)
{
    return pki::BioPtr(BIO_new_mem_buf(bytes.constData(), int(bytes.size())));
}

pki::X509Ptr certificateFrom(const QByteArray& pemOrDer)
{
    if (pemOrDer.contains("-----BEGIN CERTIFICATE-----")) {
        const pki::BioPtr bio = memoryBio(pemOrDer);
        return pki::X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    }
    const auto* p = reinterpret_cast<const unsigned char*>(pemOrDer.constData());
    return pki::X509Ptr(d2i_X509(nullptr, &p, long(pemOrDer.size())));
}

} // namespace

pki::EvpPkeyPtr privateKeyFromPem(const QByteArray& pem)
{
    const ErrorDrain drain;
    const pki::BioPtr bio = memoryBio(pem);
    // An empty passphrase callback result: an encrypted key fails here instead of prompting on a terminal.
    return pki::EvpPkeyPtr(PEM_read_bio_PrivateKey(
        bio.get(), nullptr, [](char*, int, int, void*) { return 0; }, nullptr));
}

pki::EvpPkeyPtr publicKeyFromText(const QByteArray& text)
{
    const ErrorDrain drain;
    const QByteArray trimmed = text.trimmed();
    if (trimmed.contains("-----BEGIN PUBLIC KEY-----")) {
        const pki::BioPtr bio = memoryBio(trimmed);
        return pki::EvpPkeyPtr(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    }
    if (trimmed.contains("-----BEGIN CERTIFICATE-----")) {
        const pki::X509Ptr cert = certificateFrom(trimmed);
        return pki::EvpPkeyPtr(cert ? X509_get_pubkey(cert.get()) : nullptr);
    }
    const QByteArray der = QByteArray::fromBase64(trimmed);
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    pki::EvpPkeyPtr key(d2i_PUBKEY(nullptr, &p, long(der.size())));
    if (key)
        return key;
    const pki::X509Ptr cert = certificateFrom(der);
    return pki::EvpPkeyPtr(cert ? X509_get_pubkey(cert.get()) : nullptr);
}

QString certificateSerialHex(const QByteArray& pemOrDer)
{
    const ErrorDrain drain;
    const pki::X509Ptr cert = certificateFrom(pemOrDer);
    if (!cert)
        return {};
    const pki::BignumPtr bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr));
    if (!bn)
        return {};
    const pki::OpenSslString hex(BN_bn2hex(bn.get()));
    return hex ? QString::fromLatin1(hex.get()).toUpper() : QString();
}

QByteArray signSha256Rsa(EVP_PKEY* key, const QByteArray& message)
{
    const ErrorDrain drain;
    if (!key)
        return {};
    const pki::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1
        || EVP_DigestSign(ctx.get(), nullptr, &length,
               reinterpret_cast<const unsigned char*>(message.constData()), size_t(message.size()))
            != 1)
        return {};
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
            reinterpret_cast<const unsigned char*>(message.constData()), size_t(message.size()))
        != 1)
        return {};
    signature.truncate(qsizetype(length));
    return signature.toBase64();
}

bool verifySha256Rsa(EVP_PKEY* key, const QByteArray& message, const QByteArray& signatureBase64)
{
    const ErrorDrain drain;
    if (!key || signatureBase64.isEmpty())
        return false;
    const auto decoded
        = QByteArray::fromBase64Encoding(signatureBase64.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return false;
    const pki::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1
        && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(decoded.decoded.constData()),
               size_t(decoded.decoded.size()), reinterpret_cast<const unsigned char*>(message.constData()),
               size_t(message.size()))
        == 1;
}

std::optional<QByteArray> aesGcmDecrypt(const pki::SecureBytes& key, const QByteArray& nonce,
    const QByteArray& associatedData, const QByteArray& ciphertextBase64)
{
    const ErrorDrain drain;
    constexpr int TagLength = 16;
    const EVP_CIPHER* cipher = key.size() == 32 ? EVP_aes_256_gcm()
        : key.size() == 24                      ? EVP_aes_192_gcm()
        : key.size() == 16                      ? EVP_aes_128_gcm()
                                                : nullptr;
    const auto decoded
        = QByteArray::fromBase64Encoding(ciphertextBase64.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!cipher || nonce.isEmpty() || !decoded || decoded.decoded.size() < TagLength)
        return std::nullopt;
    const QByteArray& all = decoded.decoded;
    const qsizetype textLength = all.size() - TagLength;
    const pki::EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    QByteArray plain(textLength, Qt::Uninitialized);
    int written = 0;
    int finalLength = 0;
    QByteArray tag = all.right(TagLength);
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), cipher, nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, int(nonce.size()), nullptr) != 1
        || EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.constData(),
               reinterpret_cast<const unsigned char*>(nonce.constData()))
            != 1)
        return std::nullopt;
    if (!associatedData.isEmpty()
        && EVP_DecryptUpdate(ctx.get(), nullptr, &written,
               reinterpret_cast<const unsigned char*>(associatedData.constData()), int(associatedData.size()))
            != 1)
        return std::nullopt;
    if (EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &written,
            reinterpret_cast<const unsigned char*>(all.constData()), int(textLength))
            != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, TagLength, tag.data()) != 1
        || EVP_DecryptFinal_ex(
               ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + written, &finalLength)
            != 1)
        return std::nullopt;
    plain.truncate(written + finalLength);
    return plain;
}

QByteArray hmacSha256Hex(const pki::SecureBytes& key, const QByteArray& message)
{
    const ErrorDrain drain;
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.constData(), int(key.size()),
            reinterpret_cast<const unsigned char*>(message.constData()), size_t(message.size()), mac,
            &length))
        return {};
    return QByteArray(reinterpret_cast<const char*>(mac), int(length)).toHex();
}

} // namespace certdesk::server::providers::crypto
