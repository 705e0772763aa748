#pragma once

// The cryptography the payment and signed-HTTP providers speak, on OpenSSL: SHA256withRSA (PKCS #1 v1.5,
// RFC 8017 §8.2) as WeChat Pay API v3 and Alipay RSA2 use it, AEAD_AES_256_GCM as WeChat Pay encrypts
// notification resources with (NIST SP 800-38D; 12-byte nonce, 16-byte tag appended to the ciphertext), and
// HMAC-SHA256 (RFC 2104) for the generic signed-HTTP adapter. Errors are values: an empty optional or false;
// OpenSSL's error queue is drained on every path.

#include "pki/OpenSslHandles.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace certdesk::server::providers::crypto {

// A private key from a PEM file (PKCS #8 or PKCS #1, unencrypted, as WeChat Pay's apiclient_key.pem and
// Alipay's application key are issued). nullptr when the file is not one.
[[nodiscard]] pki::EvpPkeyPtr privateKeyFromPem(const QByteArray& pem);
// A public key from a PEM/DER certificate or a PEM SubjectPublicKeyInfo ("-----BEGIN PUBLIC KEY-----"), or
// from the bare base64 of an SPKI as Alipay's console shows it. nullptr when it is none of these.
[[nodiscard]] pki::EvpPkeyPtr publicKeyFromText(const QByteArray& text);
// The certificate's serial in upper-case hex (WeChat Pay names its platform certificates by it).
[[nodiscard]] QString certificateSerialHex(const QByteArray& pemOrDer);

// base64(SHA256withRSA(message)); empty on failure.
[[nodiscard]] QByteArray signSha256Rsa(EVP_PKEY* key, const QByteArray& message);
// Whether `signatureBase64` is a valid SHA256withRSA signature of `message` by `key`.
[[nodiscard]] bool verifySha256Rsa(
    EVP_PKEY* key, const QByteArray& message, const QByteArray& signatureBase64);

// AES-GCM with a 16, 24 or 32 byte key (AEAD_AES_256_GCM uses 32; the official SDKs pick the AES size from
// the key length, and so does this), `ciphertextBase64` = base64(ciphertext || tag). Empty optional when
// the tag does not verify or the input is malformed.
[[nodiscard]] std::optional<QByteArray> aesGcmDecrypt(const pki::SecureBytes& key, const QByteArray& nonce,
    const QByteArray& associatedData, const QByteArray& ciphertextBase64);

// Lower-case hex HMAC-SHA256.
[[nodiscard]] QByteArray hmacSha256Hex(const pki::SecureBytes& key, const QByteArray& message);

} // namespace certdesk::server::providers::crypto
