#pragma once

#include "pki/PkiError.h"
#include "pki/Sm2.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

namespace certdesk::pki {

// Verifies `leafDer` against `trustedRootsDer` through `intermediatesDer` (all DER) at time `at` (an invalid
// QDateTime means now): signatures (the trusted root's self-signature too), CA flags, key usage for
// certificate signing and validity periods. Pass the leaf's notBefore as `at` to check a renewed certificate
// whose validity starts in the future.
//
// Every SM2-with-SM3 signature of the chain — leaf, intermediates, the root's own — is checked with the SM2
// user ID `id` (GM/T 0009 default 1234567812345678) and nothing else: OpenSSL 3.0 verifies with an EMPTY ID
// unless one is attached to each certificate, so it is attached to every one. A certificate signed with
// another ID (the empty one included) fails. Ok, or BadSignature whose detail gives the OpenSSL verify error,
// the depth and the certificate's CN.
[[nodiscard]] PkiResult<void> verifyCertificateChain(const QByteArray& leafDer,
    const QList<QByteArray>& intermediatesDer, const QList<QByteArray>& trustedRootsDer,
    const QDateTime& at = {}, QByteArrayView id = sm2DefaultId());

// Verifies a DER CRL's signature against its issuer's certificate (names must match). An SM2 CRL is checked
// with the default ID 1234567812345678 only (OpenSSL 3.0 has no way to attach an ID to a CRL, so the
// signature is checked here over the TBSCertList as received). Ok, BadInput for unreadable data or a
// different issuer, BadSignature naming the CRL's issuer and the ID.
[[nodiscard]] PkiResult<void> verifyCrl(const QByteArray& crlDer, const QByteArray& issuerCertificateDer);

} // namespace certdesk::pki
