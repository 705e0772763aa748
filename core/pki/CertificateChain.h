#pragma once

#include "pki/PkiError.h"
#include "pki/Sm2.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

namespace certdesk::pki {

// Verifies `leafDer` against `trustedRootsDer` through `intermediatesDer` (all DER) at time `at` (an invalid
// QDateTime means now): signatures, CA flags, key usage for certificate signing and validity periods. Pass
// the leaf's notBefore as `at` to check a renewed certificate whose validity starts in the future.
//
// SM2 distinguishing IDs (OpenSSL 3.0 verifies with an EMPTY ID unless one is attached to each certificate):
// the leaf's signature is checked with `leafId` (default 1234567812345678). A CA certificate above the leaf
// is accepted with either the default ID or the empty ID: `openssl verify -vfyopt distid:...` attaches the ID
// to the leaf only, so chains meant to pass that command sign their intermediates with the empty ID (see
// CertificateAuthority). Accepting both costs nothing: either way it is the CA key's signature.
// Ok, or BadSignature with the OpenSSL verify error as detail.
[[nodiscard]] PkiResult<void> verifyCertificateChain(const QByteArray& leafDer,
    const QList<QByteArray>& intermediatesDer, const QList<QByteArray>& trustedRootsDer,
    const QDateTime& at = {}, QByteArrayView leafId = sm2DefaultId());

// Verifies a DER CRL's signature against its issuer's certificate (names must match). An SM2 CRL is accepted
// with the default ID or the empty ID (OpenSSL 3.0 has no way to attach an ID to a CRL and always checks the
// empty one). Ok, BadInput for unreadable data or a different issuer, BadSignature.
[[nodiscard]] PkiResult<void> verifyCrl(const QByteArray& crlDer, const QByteArray& issuerCertificateDer);

} // namespace certdesk::pki
