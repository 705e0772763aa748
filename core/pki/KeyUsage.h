#pragma once

#include <QtGlobal>

namespace certdesk::pki {

// X.509 keyUsage bits (RFC 5280 §4.2.1.3) as the flag values OpenSSL's X509_get_key_usage returns, so a
// parsed certificate's usage can be compared with these directly.
struct KeyUsage
{
    static constexpr quint32 DigitalSignature = 0x80;
    static constexpr quint32 NonRepudiation = 0x40;
    static constexpr quint32 KeyEncipherment = 0x20;
    static constexpr quint32 DataEncipherment = 0x10;
    static constexpr quint32 KeyAgreement = 0x08;
    static constexpr quint32 KeyCertSign = 0x04;
    static constexpr quint32 CrlSign = 0x02;
};

} // namespace certdesk::pki
