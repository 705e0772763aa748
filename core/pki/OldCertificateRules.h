#pragma once

#include "domain/Application.h"
#include "pki/CertificateInfo.h"

#include <QDateTime>
#include <QString>

namespace certdesk::pki {

// The lookup page's rules about the old certificate (DESIGN.md step 3), kept out of the widgets.

// Whether a certificate read from a UKey is a candidate old certificate to renew: an RSA end-entity
// certificate (a UKey may also hold CA certificates, or SM2 certificates from an earlier renewal).
[[nodiscard]] bool isRenewableOldCertificate(const CertificateInfo& info);

// The proof of possession stored with the application was made over the lookup's challenge, and that
// challenge has expired at `now`: the service refuses it (API.md: 422 on `proof`), a fresh lookup is needed.
[[nodiscard]] bool possessionProofExpired(const Application& application, const QDateTime& now);

// Whether the lookup's challenge can still be signed for the certificate `serialHex` read from the UKey: the
// lookup is of that certificate, the challenge is unused by a proof, and it is valid for at least
// `marginSeconds` more (the PIN entry and the signature take a moment). Otherwise look up again.
[[nodiscard]] bool challengeStillUsable(
    const Application& application, const QString& serialHex, const QDateTime& now, int marginSeconds = 30);

// Fills the form from the old certificate's subject, only where the form is still empty (what the person
// typed wins over an old certificate's record): institutions get the organisation name (O, else CN) and the
// credential number (the subject's serialNumber attribute); natural persons the name (CN) and the ID number
// (the identity extension 1.2.156.10260.4.1.1).
void prefillFromOldCertificate(Application& application, const CertificateInfo& info);

} // namespace certdesk::pki
