#pragma once
// Reading attribute values that a PKCS#11 module returned. Every byte here comes from a vendor's module, so
// nothing is assumed about sizes or encodings.

#include <QByteArray>

#include <cstdint>
#include <optional>

namespace certdesk::token {

// Attribute values larger than this are refused before a buffer is allocated: the largest value CertDesk
// reads is a certificate (a few KiB); a module that reports gigabytes is broken, not generous.
inline constexpr std::uint64_t maxAttributeValueBytes = 1024 * 1024;

// CKA_EC_POINT is a DER OCTET STRING around 04‖X‖Y (PKCS#11 v2.40 §2.3.3); some tokens store the bare point
// or even X‖Y. Returns 04‖X‖Y of a 256-bit curve, or empty.
[[nodiscard]] QByteArray pointFromEcPoint(const QByteArray& value);

// A CK_ULONG attribute (CKA_KEY_TYPE, CKA_CERTIFICATE_TYPE): exactly sizeof(CK_ULONG) bytes in host order.
[[nodiscard]] std::optional<unsigned long> ulongFromAttribute(const QByteArray& value);

// A CK_BBOOL attribute: exactly one byte, CK_FALSE (0) or anything else for CK_TRUE.
[[nodiscard]] bool boolFromAttribute(const QByteArray& value);

} // namespace certdesk::token
