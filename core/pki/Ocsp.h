#pragma once

// OCSP (RFC 6960) for CertDesk: the client side (a request for one certificate, the checks on the answer) and
// the responder side the service runs (requests in, signed BasicOCSPResponses out).
//
// SM2 responses are signed SM2-with-SM3 with the user ID 1234567812345678 (GM/T 0009, GB/T 35276) and checked
// with that ID only: OpenSSL 3.0's OCSP_basic_verify would check them with the EMPTY ID, so the client
// verifies the DER tbsResponseData itself (RSA responses are checked the same way with the digest their
// algorithm names).

#include "pki/OpenSslHandles.h"
#include "pki/PkiError.h"
#include "pki/Sm2Key.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace certdesk::pki {

// The hash of a CertID (issuerNameHash, issuerKeyHash). RFC 6960 §4.1.1 names SHA-1; RFC 5019 keeps it;
// SHA-256 and SM3 are what GM/T clients send.
enum class OcspHash
{
    Sha1,
    Sha256,
    Sm3,
};

enum class OcspCertStatus
{
    Good,
    Revoked,
    Unknown,
};

// --- client ---------------------------------------------------------------------------------------------

struct OcspRequest
{
    QByteArray der; // OCSPRequest
    QByteArray nonce; // the 16 random bytes sent in the id-pkix-ocsp-nonce extension (RFC 8954)
};

// A request for one certificate issued by `issuerDer`, with a fresh nonce. BadInput for unreadable
// certificates.
[[nodiscard]] PkiResult<OcspRequest> makeOcspRequest(
    const QByteArray& certificateDer, const QByteArray& issuerDer, OcspHash hash = OcspHash::Sha256);

// The same for a certificate known only by its serial (upper- or lower-case hex) and its issuer: what a
// client that does not hold the certificate itself asks (RFC 6960 §4.1.1: the CertID is issuer hashes +
// serial).
[[nodiscard]] PkiResult<OcspRequest> makeOcspRequestForSerial(
    const QString& serialHex, const QByteArray& issuerDer, OcspHash hash = OcspHash::Sha256);

struct OcspAnswer
{
    OcspCertStatus status = OcspCertStatus::Unknown;
    QDateTime revokedAt; // Revoked only
    int reason = -1; // RFC 5280 CRLReason, -1 when the response gives none
    QDateTime thisUpdate;
    QDateTime nextUpdate; // invalid when the response has none
    QDateTime producedAt;
    QByteArray signerCertificate; // DER: the delegated responder, or the issuer itself
};

// Checks an OCSPResponse for `certificateDer` (issued by `issuerDer`) as RFC 6960 §3.2 asks, and returns
// its status:
// - responseStatus successful, a BasicOCSPResponse;
// - the signer is the issuer itself, or a certificate in the response that the issuer signed (SM2: with the
//   default ID) and that carries id-kp-OCSPSigning, valid at `at`;
// - the signature over tbsResponseData verifies with the signer's key (SM2-with-SM3 with the default ID, or
//   RSA with the digest of the signature algorithm);
// - the nonce equals `nonce` (skipped when `nonce` is empty);
// - a SingleResponse for this CertID exists, thisUpdate is not in the future and nextUpdate (when present)
//   not in the past, five minutes of clock skew allowed.
// BadSignature for a signature or signer failure, BadInput for anything else (the detail says what).
// `at` invalid = now.
[[nodiscard]] PkiResult<OcspAnswer> verifyOcspResponse(const QByteArray& responseDer,
    const QByteArray& certificateDer, const QByteArray& issuerDer, QByteArrayView nonce,
    const QDateTime& at = {});

// verifyOcspResponse for a certificate known by serial and issuer.
[[nodiscard]] PkiResult<OcspAnswer> verifyOcspResponseForSerial(const QByteArray& responseDer,
    const QString& serialHex, const QByteArray& issuerDer, QByteArrayView nonce, const QDateTime& at = {});

// --- responder ------------------------------------------------------------------------------------------

// One CA the responder answers for: its certificate and the delegated OCSP signing certificate with its key
// (SM2 or RSA; the key is what signs responses, so SM2 responses carry SM2-with-SM3 with the default ID and
// RSA ones sha256WithRSAEncryption).
struct OcspAuthority
{
    QByteArray issuerDer;
    QByteArray signerCertificateDer;
    std::shared_ptr<EVP_PKEY> signerKey;
};

// What the responder's owner knows about one serial of one authority.
struct OcspLookup
{
    OcspCertStatus status = OcspCertStatus::Unknown;
    QDateTime revokedAt;
    int reason = -1;
};
// (index into the authorities, serial as upper-case hex like CertificateInfo::serialHex) -> status.
using OcspStatusLookup = std::function<OcspLookup(int authority, const QString& serialHex)>;

// Answers one DER OCSPRequest. Always returns an OCSPResponse (DER) — errors are response statuses, never
// exceptions: malformedRequest for unreadable input, unauthorized when no CertID names one of the
// authorities, internalError when signing fails. CertIDs hashed with SHA-1, SHA-256 or SM3 are matched; the
// first CertID of a known authority picks the signer, and CertIDs of another issuer in the same request are
// answered `unknown`. The nonce is echoed. thisUpdate is `now`, nextUpdate `now + validity`.
[[nodiscard]] QByteArray answerOcspRequest(QByteArrayView requestDer, const QList<OcspAuthority>& authorities,
    const OcspStatusLookup& lookup, const QDateTime& now, qint64 validitySeconds = 3600);

// An OCSPResponse with only an error status (RFC 6960 §4.2.1: malformedRequest 1, internalError 2,
// tryLater 3, sigRequired 5, unauthorized 6).
[[nodiscard]] QByteArray ocspErrorResponse(int responseStatus);

// Whether a stored delegated responder certificate can still serve `issuerDer`: issued by it (names and key
// identifiers match), carrying id-kp-OCSPSigning, matching `key`, and valid from `at` for `marginSeconds`
// more. The service makes a new one otherwise.
[[nodiscard]] bool ocspSignerUsable(const QByteArray& signerDer, const QByteArray& issuerDer, EVP_PKEY* key,
    const QDateTime& at, qint64 marginSeconds);

namespace detail {
// The delegated responder profile (RFC 6960 §4.2.2.2, §4.2.2.2.1): extendedKeyUsage id-kp-OCSPSigning and
// id-pkix-ocsp-nocheck (both non-critical). keyUsage is the caller's (digitalSignature).
[[nodiscard]] bool addOcspSigningExtensions(X509* certificate);
} // namespace detail

} // namespace certdesk::pki
