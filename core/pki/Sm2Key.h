#pragma once

#include "pki/OpenSslHandles.h"
#include "pki/PkiError.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace certdesk::pki {

// An SM2 key (public, or public + private) on the sm2p256v1 curve, held as an OpenSSL EVP_PKEY of type "SM2".
// A cheap value handle: copies share one immutable EVP_PKEY, which OpenSSL 3.0 allows several threads to use
// at once for signing, verifying and encrypting. A default-constructed key is null.
class Sm2Key
{
public:
    Sm2Key() = default;

    // A fresh key pair from OpenSSL's DRBG.
    [[nodiscard]] static PkiResult<Sm2Key> generate();
    // Takes ownership of an OpenSSL key; Unsupported unless it is an SM2 key.
    [[nodiscard]] static PkiResult<Sm2Key> fromEvpPkey(EvpPkeyPtr key);
    // The private scalar d as 32 big-endian bytes (1 <= d <= n-2, GB/T 32918.1 §6.1); the public point is
    // computed as d·G.
    [[nodiscard]] static PkiResult<Sm2Key> fromPrivateScalar(const SecureBytes& scalar);
    // The uncompressed public point 04‖X‖Y (65 bytes); the point must lie on the curve.
    [[nodiscard]] static PkiResult<Sm2Key> fromPublicPoint(QByteArrayView point);
    // A DER SubjectPublicKeyInfo (id-ecPublicKey with the SM2 curve OID 1.2.156.10197.1.301).
    [[nodiscard]] static PkiResult<Sm2Key> fromSubjectPublicKeyInfo(QByteArrayView der);
    // A DER PKCS#8 PrivateKeyInfo (unencrypted).
    [[nodiscard]] static PkiResult<Sm2Key> fromPkcs8(const SecureBytes& der);

    [[nodiscard]] bool isNull() const { return !m_key; }
    [[nodiscard]] bool hasPrivateKey() const { return m_hasPrivateKey; }

    // 04‖X‖Y, 65 bytes; empty for a null key.
    [[nodiscard]] QByteArray publicPoint() const;
    // DER SubjectPublicKeyInfo; empty for a null key.
    [[nodiscard]] QByteArray subjectPublicKeyInfo() const;
    // The private scalar, 32 bytes big-endian. BadInput when the key has no private half.
    [[nodiscard]] PkiResult<SecureBytes> privateScalar() const;
    // DER PKCS#8 PrivateKeyInfo (unencrypted). BadInput when the key has no private half.
    [[nodiscard]] PkiResult<SecureBytes> pkcs8() const;
    // The public half only (what goes into a certificate or over the wire).
    [[nodiscard]] Sm2Key publicKey() const;
    // Same public point (the private halves are not compared).
    [[nodiscard]] bool samePublicKey(const Sm2Key& other) const;

    // The OpenSSL key, borrowed, for OpenSSL calls (X509_set_pubkey, ...); null for a null key.
    [[nodiscard]] EVP_PKEY* evpPkey() const { return m_key.get(); }

private:
    Sm2Key(std::shared_ptr<EVP_PKEY> key, bool hasPrivateKey);

    std::shared_ptr<EVP_PKEY> m_key;
    bool m_hasPrivateKey = false;
};

} // namespace certdesk::pki
