#pragma once

// Internal to core/pki: helpers shared by the .cpp files of this folder. Not part of the public API.

#include "pki/OpenSslHandles.h"
#include "pki/PkiError.h"
#include "pki/Subject.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>

#include <openssl/err.h>

namespace certdesk::pki::detail {

// Put at the top of every public entry point: whatever happens inside (a failed probe on a success path, an
// error already turned into a PkiError), the thread's OpenSSL error queue is empty when the call returns.
class ErrorQueueGuard
{
public:
    ErrorQueueGuard() = default;
    ErrorQueueGuard(const ErrorQueueGuard&) = delete;
    ErrorQueueGuard& operator=(const ErrorQueueGuard&) = delete;
    ~ErrorQueueGuard() { ERR_clear_error(); }
};

// Algorithms fetched once per process (EVP_*_fetch takes a lock and searches the providers; the fetched
// objects are immutable and safe to share between threads).
[[nodiscard]] const EVP_MD* sm3Digest();
[[nodiscard]] const EVP_MD* sha256Digest();
[[nodiscard]] const EVP_CIPHER* sm4EcbCipher();
// The sm2p256v1 group, built once and then used read-only.
[[nodiscard]] const EC_GROUP* sm2Group();

[[nodiscard]] inline const unsigned char* uchars(QByteArrayView bytes)
{
    return reinterpret_cast<const unsigned char*>(bytes.data());
}

[[nodiscard]] inline QByteArray toByteArray(const unsigned char* data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

// Runs an i2d-style encoder twice (size, then bytes). `encode(unsigned char** out)` returns the length or <=
// 0.
template<typename Encoder>
[[nodiscard]] QByteArray encodeDer(Encoder&& encode)
{
    const int length = encode(nullptr);
    if (length <= 0)
        return {};
    QByteArray der(length, Qt::Uninitialized);
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    if (encode(&out) != length)
        return {};
    return der;
}

// Parses DER with a d2i function into the owning pointer type `Ptr`, insisting that every byte was consumed
// (trailing garbage is bad input, not something to ignore).
template<typename Ptr, typename Decoder>
[[nodiscard]] Ptr decodeDer(QByteArrayView der, Decoder&& decode)
{
    if (der.isEmpty())
        return Ptr();
    const unsigned char* in = uchars(der);
    Ptr object(decode(nullptr, &in, static_cast<long>(der.size())));
    if (object && in != uchars(der) + der.size())
        object.reset();
    return object;
}

// One DER TLV read with ASN1_get_object: tag, total encoded size (header + content) and the content bytes.
struct DerElement
{
    int tag = -1;
    int tagClass = -1;
    bool constructed = false;
    QByteArrayView whole; // header + content
    QByteArrayView content;
};
// Reads the first element of `der`; nullopt-like (tag < 0) on malformed input or indefinite lengths.
[[nodiscard]] DerElement readDerElement(QByteArrayView der);

[[nodiscard]] QDateTime fromAsn1Time(const ASN1_TIME* time);
[[nodiscard]] Asn1TimePtr toAsn1Time(const QDateTime& time);
// Upper-case hex without separators ("0A1B..."), an even number of digits.
[[nodiscard]] QString integerToHex(const ASN1_INTEGER* integer);
// Parses upper/lower-case hex (colons and spaces ignored) into a positive ASN1_INTEGER; null if not hex.
[[nodiscard]] Asn1IntegerPtr integerFromHex(const QString& hex);

// An EVP_MD_CTX ready for EVP_DigestSign/EVP_DigestVerify (or X509_sign_ctx & co.) with SM3 and the SM2
// distinguishing ID set. OpenSSL 3.0 rejects OSSL_PKEY_PARAM_DIST_ID passed to EVP_DigestSignInit_ex (the
// provider refuses to change the ID there), so the ID goes on an EVP_PKEY_CTX that the MD context borrows
// (EVP_MD_CTX_set_pkey_ctx), exactly as sm2-notes.md says. Members are destroyed MD context first.
struct Sm2DigestContext
{
    EvpPkeyCtxPtr pkeyContext;
    EvpMdCtxPtr mdContext;
};
[[nodiscard]] PkiResult<Sm2DigestContext> sm2SignContext(EVP_PKEY* key, QByteArrayView id);
[[nodiscard]] PkiResult<Sm2DigestContext> sm2VerifyContext(EVP_PKEY* key, QByteArrayView id);

// True when the key is an SM2 key (OpenSSL 3.0 types them "SM2", not "EC"; sm2-notes: dispatch on
// EVP_PKEY_is_a, not on ids).
[[nodiscard]] inline bool isSm2(const EVP_PKEY* key)
{
    return key != nullptr && EVP_PKEY_is_a(key, "SM2") == 1;
}

// Sets BIT STRING content with "0 unused bits" pinned: without ASN1_STRING_FLAG_BITS_LEFT, OpenSSL's encoder
// strips trailing zero bytes and derives the unused-bit count from the last byte, which would corrupt a point
// or a ciphertext that happens to end in zero bits.
[[nodiscard]] bool setBitStringBytes(ASN1_BIT_STRING* bits, QByteArrayView bytes);

// A fresh OCTET STRING holding `bytes` (for X509_set0_distinguishing_id and extension values).
[[nodiscard]] Asn1OctetStringPtr makeOctetString(QByteArrayView bytes);

// Subject <-> X509_NAME. BadInput when a value does not fit its attribute type (countryName must be two
// printable letters, serialNumber printable).
[[nodiscard]] PkiResult<X509NamePtr> toX509Name(const Subject& subject);
[[nodiscard]] Subject fromX509Name(const X509_NAME* name);

// Extension 1.2.156.10260.4.1.1 (GM/T 0015 individual identity code), carrying the ID number of a natural
// person as a PrintableString (ID numbers are digits and 'X').
inline constexpr const char* PersonIdentityOid = "1.2.156.10260.4.1.1";
[[nodiscard]] const ASN1_OBJECT* personIdentityObject();
// The ID number from the extension value; also accepts UTF8String and the GM/T 0015 CHOICE form
// [0] IMPLICIT PrintableString. Empty when absent or unreadable.
[[nodiscard]] QString personIdentityFrom(const X509* certificate);
// Appends the extension (non-critical) to a certificate. False on failure or a non-printable ID.
[[nodiscard]] bool addPersonIdentity(X509* certificate, const QString& idNumber);

// Subject key identifier in the RFC 7093 §2 style with a GM hash: the leftmost 160 bits of SM3 over the
// subjectPublicKey BIT STRING content (RFC 5280 §4.2.1.2 method 1 uses SHA-1; CertDesk keeps to SM3).
[[nodiscard]] Asn1OctetStringPtr subjectKeyIdentifier(const X509_PUBKEY* publicKey);

// Certificate building blocks shared by the SM2 CA and the legacy RSA CA.
// 16 random bytes with the top bit cleared: positive, at most 20 octets (RFC 5280 §4.1.2.2, GM/T 0015), never
// 0.
[[nodiscard]] Asn1IntegerPtr randomSerial();
// An extension from its OpenSSL structure (BASIC_CONSTRAINTS, ASN1_BIT_STRING, ...), for caching and
// X509_add_ext.
[[nodiscard]] X509ExtensionPtr makeExtension(int nid, void* value, bool critical);
[[nodiscard]] X509ExtensionPtr basicConstraintsExtension(bool ca, int pathLength, bool critical);
// `usage`: KeyUsage flags. Always critical (RFC 5280 §4.2.1.3 "SHOULD", GM/T 0015 profiles).
[[nodiscard]] X509ExtensionPtr keyUsageExtension(quint32 usage);
// authorityKeyIdentifier { keyIdentifier } from the issuer's subjectKeyIdentifier; null if it has none.
// `issuer` must be a complete (signed or parsed) certificate: OpenSSL caches extensions by hashing the whole
// thing.
[[nodiscard]] X509ExtensionPtr authorityKeyIdentifierExtension(X509* issuer);
[[nodiscard]] X509ExtensionPtr authorityKeyIdentifierExtension(const ASN1_OCTET_STRING* keyId);
[[nodiscard]] bool addSubjectKeyIdentifier(X509* certificate);
// Sets version 3, serial, names, validity and public key. Fails (BadInput) for an empty validity.
[[nodiscard]] PkiResult<void> fillCertificate(X509* certificate, const ASN1_INTEGER* serial,
    const X509_NAME* issuer, const X509_NAME* subject, const QDateTime& notBefore, const QDateTime& notAfter,
    EVP_PKEY* publicKey);

// Key files: a new file created with mode 0600 from the first byte on (QFile::open with permissions) under a
// temporary name, then renamed, so there is never a window with umask permissions nor a half-written key.
[[nodiscard]] bool writePrivateFile(const QString& path, QByteArrayView bytes);
// Other files: QSaveFile (atomic replace).
[[nodiscard]] bool writePublicFile(const QString& path, QByteArrayView bytes);
// A whole file straight into SecureBytes (no QByteArray copy of a key is left behind).
[[nodiscard]] PkiResult<SecureBytes> readPrivateFile(const QString& path);

} // namespace certdesk::pki::detail
