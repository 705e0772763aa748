#pragma once

// Who makes a CA's signatures: the issuing CA's SM2 signatures, and the legacy RSA CA's (its CRL, its OCSP
// signer certificate). A software key (the sandbox, an encrypted key file) or a key that never leaves an HSM
// (core/token's Pkcs11Sm2Signer, Pkcs11RsaSigner): OpenSSL 3.0 in Debian has no PKCS#11 provider and
// libp11's engine signs SM2 wrongly (sm2-notes.md), so for an HSM the to-be-signed bytes are signed with
// C_Sign and the DER is assembled here.

#include "pki/OpenSslHandles.h"
#include "pki/PkiError.h"
#include "pki/Sm2Key.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

namespace certdesk::pki {

class Sm2Signer
{
public:
    virtual ~Sm2Signer() = default;
    // The public half of the signing key.
    [[nodiscard]] virtual Sm2Key publicKey() const = 0;
    // SM2-with-SM3 signature of `data` with user ID `id`, DER SEQUENCE{r,s}. Safe to call from several
    // threads at once.
    [[nodiscard]] virtual PkiResult<QByteArray> sign(QByteArrayView data, QByteArrayView id) const = 0;
    // The key itself when it is in memory (OpenSSL then signs certificates and CRLs directly); null for an
    // HSM.
    [[nodiscard]] virtual const Sm2Key* softwareKey() const { return nullptr; }
};

class SoftwareSm2Signer final : public Sm2Signer
{
public:
    explicit SoftwareSm2Signer(Sm2Key key)
        : m_key(std::move(key))
    { }
    [[nodiscard]] Sm2Key publicKey() const override { return m_key.publicKey(); }
    [[nodiscard]] PkiResult<QByteArray> sign(QByteArrayView data, QByteArrayView id) const override;
    [[nodiscard]] const Sm2Key* softwareKey() const override { return &m_key; }

private:
    Sm2Key m_key;
};

// An RSA key that signs sha256WithRSAEncryption (RSASSA-PKCS1-v1_5 with SHA-256, RFC 8017 §8.2): the legacy
// RSA CA's key when it lives in an HSM. (A key in memory is used by LegacyRsaCa directly.)
class RsaSigner
{
public:
    virtual ~RsaSigner() = default;
    // RSASSA-PKCS1-v1_5 signature with SHA-256 over `data` (the signer hashes), checked against the CA
    // certificate's key before it is returned. Safe to call from several threads at once.
    [[nodiscard]] virtual PkiResult<QByteArray> signSha256(QByteArrayView data) const = 0;
};

namespace detail {
// Signs the to-be-signed bytes it is given and returns the signature value (the BIT STRING's content).
using TbsSigner = std::function<PkiResult<QByteArray>(QByteArrayView tbs)>;
// Sign a certificate or CRL with a key OpenSSL cannot reach: `placeholder` (a context initialised with a
// throwaway key of the same algorithm and digest) makes OpenSSL fill in the algorithm identifiers, the
// to-be-signed part is re-encoded (i2d_re_X509_tbs / i2d_re_X509_CRL_tbs), `sign` signs exactly those bytes
// and the outer SEQUENCE { tbs, signatureAlgorithm, BIT STRING signature } is assembled here. Returns the
// DER.
[[nodiscard]] PkiResult<QByteArray> signCertificateExternally(
    X509* certificate, EVP_MD_CTX* placeholder, const TbsSigner& sign);
[[nodiscard]] PkiResult<QByteArray> signCrlExternally(
    X509_CRL* crl, EVP_MD_CTX* placeholder, const TbsSigner& sign);
// Sign a certificate or CRL SM2-with-SM3 with `signer` and user ID `id`; return the DER. With a software key
// this is X509_sign_ctx / X509_CRL_sign_ctx. Otherwise the algorithm identifiers are filled in by OpenSSL
// (a signature with a throwaway key: OpenSSL 3.0 has no public setter for a CRL's inner algorithm), the
// to-be-signed part is re-encoded (i2d_re_X509_tbs / i2d_re_X509_CRL_tbs), `signer` signs exactly those bytes
// and the outer SEQUENCE { tbs, signatureAlgorithm, BIT STRING signature } is assembled here.
[[nodiscard]] PkiResult<QByteArray> signCertificateWith(
    X509* certificate, const Sm2Signer& signer, QByteArrayView id);
[[nodiscard]] PkiResult<QByteArray> signCrlWith(X509_CRL* crl, const Sm2Signer& signer, QByteArrayView id);
// DER TLV with a definite length (X.690 §8.1.3).
[[nodiscard]] QByteArray derTlv(unsigned char tag, QByteArrayView content);
} // namespace detail

} // namespace certdesk::pki
