#pragma once

#include "pki/PkiError.h"

#include <QString>

namespace certdesk::pki {

// The distinguished-name fields CertDesk puts into certificates and CSRs. Empty fields are left out. Strings
// are encoded as UTF8String, except countryName and serialNumber which X.520 restricts to PrintableString.
//
// Naming convention of CertDesk certificates (GM/T 0015 leaves it to the CA):
// - institution: O = CN = organisation name, serialNumber (2.5.4.5) = unified social credit code (USCC). The
//   USCC is printable (digits and capital letters), and serialNumber is what CA clients and bidding platforms
//   already read, where organizationIdentifier (2.5.4.97) is barely supported.
// - natural person: CN = name; the ID number travels in extension 1.2.156.10260.4.1.1, not in the name.
struct Subject
{
    QString country; // C, two letters
    QString province; // ST
    QString locality; // L
    QString organization; // O
    QString organizationalUnit; // OU
    QString serialNumber; // serialNumber (2.5.4.5)
    QString commonName; // CN

    [[nodiscard]] static Subject institution(const QString& name, const QString& unifiedSocialCreditCode);
    [[nodiscard]] static Subject naturalPerson(const QString& name);

    [[nodiscard]] bool isEmpty() const;
    // RFC 2253-style one-line form ("CN=...,O=...") for display; contains personal data, never log it.
    [[nodiscard]] QString toString() const;

    friend bool operator==(const Subject&, const Subject&) = default;
};

} // namespace certdesk::pki
