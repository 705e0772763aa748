#pragma once

// The GM/T primitives CertDesk uses: SM2 signatures and public-key encryption (GB/T 32918), SM3 (GB/T 32905)
// and SM4-ECB (GB/T 32907), on OpenSSL 3.0.

#include "pki/OpenSslHandles.h"
#include "pki/PkiError.h"
#include "pki/Sm2Key.h"

#include <QByteArray>
#include <QByteArrayView>

namespace certdesk::pki {

// The default SM2 user ID "1234567812345678" (GM/T 0009 §10, GB/T 35276). OpenSSL 3.0 uses an EMPTY ID unless
// told otherwise, so every function below takes the ID explicitly and defaults to this one.
[[nodiscard]] QByteArrayView sm2DefaultId();

// SM2-with-SM3 signature of `data`: e = SM3(Z‖data) with Z computed from `id` and the public key, returned as
// DER SEQUENCE { r INTEGER, s INTEGER } (the form certificates and CSRs carry). The key needs its private
// half.
[[nodiscard]] PkiResult<QByteArray> sm2Sign(
    const Sm2Key& key, QByteArrayView data, QByteArrayView id = sm2DefaultId());
// Ok, or BadSignature when `signatureDer` is not a valid signature of `data` under `key` and `id`.
[[nodiscard]] PkiResult<void> sm2Verify(
    const Sm2Key& key, QByteArrayView data, QByteArrayView signatureDer, QByteArrayView id = sm2DefaultId());

// e = SM3(Z‖data), Z = SM3(ENTL‖ID‖a‖b‖xG‖yG‖xA‖yA) (GB/T 32918.2 §5.5, §6.1): what a token that signs a
// pre-computed hash ("sign e") must be given. 32 bytes.
[[nodiscard]] PkiResult<QByteArray> sm2MessageDigest(
    const Sm2Key& publicKey, QByteArrayView data, QByteArrayView id = sm2DefaultId());
// Signs a 32-byte e directly (no Z, no hashing): the software counterpart of a token's "sign e" mechanism.
[[nodiscard]] PkiResult<QByteArray> sm2SignDigest(const Sm2Key& key, QByteArrayView digest);

// DER SEQUENCE{r,s} -> raw r‖s (64 bytes, each 32 bytes big-endian), the form most tokens return. BadInput
// for anything but strict DER of two positive integers below 2^256.
[[nodiscard]] PkiResult<QByteArray> sm2SignatureToRaw(QByteArrayView der);
// Raw r‖s (64 bytes) -> DER SEQUENCE{r,s}.
[[nodiscard]] PkiResult<QByteArray> sm2SignatureFromRaw(QByteArrayView raw);

// SM2 public-key encryption. The ciphertext is the GM/T 0009 SM2Cipher ASN.1 structure as OpenSSL 3.0 writes
// it: SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING (C3, 32 bytes), ciphertext OCTET STRING (C2) }.
[[nodiscard]] PkiResult<QByteArray> sm2Encrypt(const Sm2Key& publicKey, QByteArrayView plaintext);
// DecryptFailed for a wrong key or a tampered ciphertext (the C3 check fails), BadInput for non-SM2Cipher
// data.
[[nodiscard]] PkiResult<SecureBytes> sm2Decrypt(const Sm2Key& privateKey, QByteArrayView ciphertext);

// SM3 hash, 32 bytes.
[[nodiscard]] QByteArray sm3(QByteArrayView data);

// SM4-ECB without padding: `key` is 16 bytes, the data a non-empty multiple of 16 bytes (BadInput otherwise).
// Used only to wrap a 32-byte private scalar in a GM/T 0009 envelope; ECB is what that structure names.
[[nodiscard]] PkiResult<QByteArray> sm4EcbEncrypt(const SecureBytes& key, QByteArrayView plaintext);
[[nodiscard]] PkiResult<SecureBytes> sm4EcbDecrypt(const SecureBytes& key, QByteArrayView ciphertext);

} // namespace certdesk::pki
