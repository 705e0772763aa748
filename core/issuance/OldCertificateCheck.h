#pragma once

// After issuance: what the service's OCSP responder says about the applicant's old RSA certificate. The
// legacy CA's certificate comes from GET /ca/legacy-certificate, the request names the old serial, and the
// answer is checked by core/pki (delegated signer issued by the legacy CA with id-kp-OCSPSigning, the
// signature, the nonce, thisUpdate/nextUpdate) before anything is shown.

#include "api/ApiError.h"
#include "pki/Ocsp.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <functional>

namespace certdesk::api {
class ApiClient;
}

namespace certdesk::issuance {

struct OldCertificateStatus
{
    enum class Outcome
    {
        Checked, // `status` is the responder's verified answer
        ServiceError, // the service could not be asked (no legacy CA, network, ...): `error`
        InvalidResponse, // the answer did not pass the checks: `detail`
    };
    Outcome outcome = Outcome::ServiceError;
    pki::OcspCertStatus status = pki::OcspCertStatus::Unknown;
    QDateTime revokedAt;
    int reason = -1; // RFC 5280 CRLReason
    api::ApiError error;
    QString detail; // technical, for logs
};

// Checks the old certificate `serialHex` through `api`; `done` runs once, in `context`'s thread, unless
// `context` is destroyed first.
void checkOldCertificate(api::ApiClient* api, const QString& serialHex, QObject* context,
    std::function<void(const OldCertificateStatus&)> done);

} // namespace certdesk::issuance
