#pragma once

// The legacy RSA CA's key held in a PKCS#11 module (an HSM): every signature (the legacy CRL, the legacy OCSP
// signer's certificate) is made by C_Sign with CKM_SHA256_RSA_PKCS (or CKM_RSA_PKCS over the DigestInfo,
// RFC 8017 §9.2, where the module has only that), checked in software against the CA certificate, and handed
// to core/pki, which assembles the DER around it (pki/CaSigner.h). Debian's OpenSSL 3.0 has no PKCS#11
// provider, so nothing else would keep the key in the module.

#include "pki/CaSigner.h"
#include "token/TokenStatus.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace certdesk::token {

class Pkcs11RsaSigner final : public pki::RsaSigner
{
public:
    ~Pkcs11RsaSigner() override;

    // Loads `modulePath`, opens the token labelled `tokenLabel`, logs in with `pin` (wiped afterwards) and
    // finds the RSA private key with CKA_ID `keyId`, which must belong to `certificateDer` (the CA's
    // certificate; it need not be on the token). The session stays open and logged in for the signer's
    // life. Statuses as TokenSession's (PinIncorrect… for a wrong PIN); NotFound without such a key.
    [[nodiscard]] static TokenResult<std::shared_ptr<Pkcs11RsaSigner>> open(const QString& modulePath,
        const QString& tokenLabel, const QByteArray& keyId, const QByteArray& certificateDer, QString pin);

    // Calls are serialised: one PKCS#11 session is used from one thread at a time.
    [[nodiscard]] pki::PkiResult<QByteArray> signSha256(QByteArrayView data) const override;

private:
    struct State;
    explicit Pkcs11RsaSigner(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

} // namespace certdesk::token
