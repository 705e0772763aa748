#pragma once

#include "pki/KeyUsage.h"
#include "pki/PkiError.h"
#include "pki/Subject.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>

namespace certdesk::pki {

// What CertDesk reads from an X.509 certificate (any algorithm). Holds personal data: never log it.
struct CertificateInfo
{
    QByteArray der;
    QString serialHex; // upper-case hex, even number of digits, no separators ("0A1B...")
    Subject subject;
    // Extension 1.2.156.10260.4.1.1 (natural person's ID number), empty when absent.
    QString personIdNumber;
    Subject issuer;
    QDateTime notBefore; // UTC
    QDateTime notAfter; // UTC
    QString keyAlgorithm; // "SM2", "RSA-2048", "EC-prime256v1", or the OID's short name
    QString signatureAlgorithm; // OpenSSL's long name: "SM2-with-SM3", "sha256WithRSAEncryption", ...
    QByteArray publicKeyInfo; // DER SubjectPublicKeyInfo
    QByteArray publicKeyBits; // subjectPublicKey content: 04‖X‖Y for SM2/EC keys
    quint32 keyUsage = 0; // KeyUsage flags; 0 when the certificate has no keyUsage extension
    bool hasKeyUsage = false;
    bool isCa = false;

    // BadInput for anything but one DER certificate.
    [[nodiscard]] static PkiResult<CertificateInfo> parse(QByteArrayView der);

    [[nodiscard]] bool isSm2() const { return keyAlgorithm == QLatin1String("SM2"); }
    // Whether the certificate certifies this public key (any algorithm).
    [[nodiscard]] bool certifies(QByteArrayView subjectPublicKeyInfo) const;
};

// Whether two DER SubjectPublicKeyInfo hold the same public key (compared as keys, not as bytes).
[[nodiscard]] bool samePublicKey(QByteArrayView subjectPublicKeyInfoA, QByteArrayView subjectPublicKeyInfoB);

} // namespace certdesk::pki
