#pragma once

// Internal to core/pki: the parts of an X.509 v2 CRL (RFC 5280 §5) that the SM2 CA and the legacy RSA CA
// share; each signs the result with its own algorithm. Not part of the public API.

#include "pki/CertificateAuthority.h"
#include "pki/OpenSslHandles.h"
#include "pki/PkiError.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <mutex>

namespace certdesk::pki::detail {

// cRLNumber (RFC 5280 §5.2.3) strictly increases: taken under a lock and, when `file` is set, persisted
// before the CRL is signed, so a number is never reused even if signing fails afterwards or the process
// restarts.
class CrlNumberCounter
{
public:
    // Reads the last number from `file` (absent: 0). BadInput when the file is unreadable.
    [[nodiscard]] PkiResult<void> load(const QString& file);
    [[nodiscard]] PkiResult<qint64> next();
    [[nodiscard]] qint64 last() const;

private:
    mutable std::mutex m_mutex;
    QString m_file;
    qint64 m_number = 0;
};

// An unsigned v2 CRL of `issuer` listing `revoked` (sorted, each with its CRLReason when >= 0), with
// authorityKeyIdentifier `authorityKeyId`. BadInput for a bad entry or times.
[[nodiscard]] PkiResult<X509CrlPtr> buildCrl(X509* issuer, const X509_EXTENSION* authorityKeyId,
    const QList<RevokedCertificate>& revoked, const QDateTime& thisUpdate, const QDateTime& nextUpdate);
// Takes the counter's next number and adds it as cRLNumber: the last step before signing, so bad input never
// uses up a number.
[[nodiscard]] PkiResult<void> addCrlNumber(X509_CRL* crl, CrlNumberCounter& counter);

} // namespace certdesk::pki::detail
