#pragma once

// Who makes the issuing CA's SM2 signatures. A software key (the sandbox, an encrypted key file) or a key
// that never leaves an HSM (core/token's Pkcs11Sm2Signer): OpenSSL 3.0 in Debian has no PKCS#11 provider and
// libp11's engine signs SM2 wrongly (sm2-notes.md), so for an HSM the to-be-signed bytes are signed with
// C_Sign and the DER is assembled here.

#include "pki/OpenSslHandles.h"
#include "pki/PkiError.h"
#include "pki/Sm2Key.h"

#include <QByteArray>
#include <QByteArrayView>

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

namespace detail {
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
