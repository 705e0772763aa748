#pragma once
// AES-GCM sealing as WeChat Pay encrypts a notification resource (AEAD_AES_256_GCM: base64(ciphertext || the
// 16-byte tag)), for the tests and the fuzz target that play the provider's side. The product only opens
// (server/providers/ProviderCrypto.h aesGcmDecrypt).

#include <QByteArray>

#include <openssl/evp.h>

#include <memory>

namespace certdesk::test {

// Empty on failure. `key` is 16, 24 or 32 bytes (AES-128/192/256), as the product accepts.
inline QByteArray aesGcmSealBase64(
    const QByteArray& key, const QByteArray& nonce, const QByteArray& associatedData, const QByteArray& plain)
{
    const EVP_CIPHER* cipher = key.size() == 16 ? EVP_aes_128_gcm()
        : key.size() == 24                      ? EVP_aes_192_gcm()
        : key.size() == 32                      ? EVP_aes_256_gcm()
                                                : nullptr;
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(
        EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    const auto u = [](const QByteArray& b) { return reinterpret_cast<const unsigned char*>(b.constData()); };
    QByteArray out(plain.size() + 16, '\0');
    int n = 0;
    int tail = 0;
    if (!cipher || !ctx || EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, int(nonce.size()), nullptr) != 1
        || EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, u(key), u(nonce)) != 1
        || EVP_EncryptUpdate(ctx.get(), nullptr, &n, u(associatedData), int(associatedData.size())) != 1
        || EVP_EncryptUpdate(
               ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &n, u(plain), int(plain.size()))
            != 1
        || EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + n, &tail) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, out.data() + n + tail) != 1)
        return {};
    out.resize(n + tail + 16);
    return out.toBase64();
}

} // namespace certdesk::test
