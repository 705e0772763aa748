#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace certdesk::pki {

// "-----BEGIN CERTIFICATE-----" blocks -> DER certificates, in file order. Text outside the blocks is
// ignored; an unreadable block ends the list (what came before is returned).
[[nodiscard]] QList<QByteArray> certificatesFromPem(QByteArrayView pem);
// DER certificate -> one PEM block (with trailing newline); empty for non-certificate input.
[[nodiscard]] QByteArray certificateToPem(const QByteArray& der);
// DER CRL -> PEM "X509 CRL" block; empty for non-CRL input.
[[nodiscard]] QByteArray crlToPem(const QByteArray& der);

} // namespace certdesk::pki
