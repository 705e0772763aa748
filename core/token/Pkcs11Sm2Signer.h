#pragma once

// A CA's SM2 signing key held in a PKCS#11 module (an HSM): every signature is made by C_Sign with the
// module's vendor SM2 mechanism (token/VendorProfile), checked in software, and handed to core/pki, which
// assembles the certificate or CRL DER around it (pki/CaSigner.h). OpenSSL 3.0 in Debian has no PKCS#11
// provider, and libp11's engine signs SM2 in software with a zero key (sm2-notes.md), so nothing else is
// safe.

#include "pki/CaSigner.h"
#include "token/TokenStatus.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace certdesk::token {

class Pkcs11Sm2Signer final : public pki::Sm2Signer
{
public:
    ~Pkcs11Sm2Signer() override;

    // Loads `modulePath`, opens the token labelled `tokenLabel`, logs in with `pin` (wiped afterwards) and
    // finds the SM2 key pair with CKA_ID `keyId`. The session stays open and logged in for the signer's
    // life. Statuses as TokenSession's; NotSupported when the module's vendor profile cannot SM2-sign.
    [[nodiscard]] static TokenResult<std::shared_ptr<Pkcs11Sm2Signer>> open(
        const QString& modulePath, const QString& tokenLabel, const QByteArray& keyId, QString pin);

    // Makes a new SM2 key pair on the token (the profile's key generation mechanism, CKA_SIGN only, not
    // extractable) with CKA_ID `keyId` and label `label`, then opens it as above. AlreadyExists when the
    // token already holds a key with this CKA_ID.
    [[nodiscard]] static TokenResult<std::shared_ptr<Pkcs11Sm2Signer>> generate(const QString& modulePath,
        const QString& tokenLabel, const QByteArray& keyId, const QString& label, QString pin);

    [[nodiscard]] pki::Sm2Key publicKey() const override;
    // Only the default ID 1234567812345678: the vendor mechanisms compute Z with it (Unsupported otherwise).
    // Calls are serialised: one PKCS#11 session is used from one thread at a time.
    [[nodiscard]] pki::PkiResult<QByteArray> sign(QByteArrayView data, QByteArrayView id) const override;

private:
    struct State;
    explicit Pkcs11Sm2Signer(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

} // namespace certdesk::token
