#pragma once

// GM/T 0009-2012 §7.4 (also GB/T 35276) SM2 enveloped key, the form in which the service hands a server-made
// private key to the client:
//
//   SM2EnvelopedKey ::= SEQUENCE {
//       symAlgID               AlgorithmIdentifier,  -- SM4-ECB 1.2.156.10197.1.104.1, parameters absent
//       symEncryptedKey        SM2Cipher,            -- the random SM4 key, SM2-encrypted to the transport
//       key sm2PublicKey           BIT STRING,           -- 04‖X‖Y of the enveloped key pair
//       sm2EncryptedPrivateKey BIT STRING }          -- SM4-ECB of the 32-byte private scalar, no padding
//
// The standard does not say whether ECB is padded; 32 bytes need none. On reading, a 64-byte field whose
// first 32 bytes are zero (the 512-bit SKF ECCPRIVATEKEYBLOB layout some tokens use) is accepted too.

#include "pki/OpenSslHandles.h"
#include "pki/PkiError.h"
#include "pki/Sm2Key.h"

#include <QByteArray>
#include <QByteArrayView>

namespace certdesk::pki {

struct OpenedEnvelope
{
    SecureBytes privateScalar; // 32 bytes
    QByteArray publicPoint; // 04‖X‖Y, 65 bytes; d·G has been checked against it
};

// Envelopes `keyToWrap` (a full key pair) to `transportPublicKey`. A fresh random SM4 key per envelope, wiped
// afterwards. Returns the DER SM2EnvelopedKey.
[[nodiscard]] PkiResult<QByteArray> makeEnvelope(const Sm2Key& keyToWrap, const Sm2Key& transportPublicKey);

// Opens an envelope with the transport private key. BadInput for anything but a well-formed SM2EnvelopedKey
// with SM4-ECB, DecryptFailed when the SM4 key cannot be recovered (wrong transport key, tampered SM2Cipher),
// KeyMismatch when the recovered private key d does not give the enclosed public key (d·G ≠ sm2PublicKey).
[[nodiscard]] PkiResult<OpenedEnvelope> openEnvelope(
    QByteArrayView envelopeDer, const Sm2Key& transportPrivateKey);

} // namespace certdesk::pki
