#pragma once

// PKCS#10 certification requests (RFC 2986) signed SM2-with-SM3 (1.2.156.10197.1.501) with an explicit SM2
// ID.
//
// Transport key attribute (CertDesk's form of CFCA's "temporary public key", DESIGN.md "Issuance protocol"):
//   Attribute { type 1.2.840.113549.1.9.63, values SET { OCTET STRING (DER SubjectPublicKeyInfo) } }
// CFCA's own encoding (a SKF ECCPUBLICKEYBLOB in a non-standard attribute without the SET) is deliberately
// not copied: a proper Attribute parses with every PKCS#10 library, and the SPKI says what the key is.
// Readers also accept the SubjectPublicKeyInfo SEQUENCE directly as the attribute value.

#include "pki/PkiError.h"
#include "pki/Sm2.h"
#include "pki/Sm2Key.h"
#include "pki/Subject.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

namespace certdesk::pki {

inline constexpr const char* TransportKeyAttributeOid = "1.2.840.113549.1.9.63";

// What a verified CSR says.
struct CsrContents
{
    Subject subject;
    Sm2Key publicKey;
    Sm2Key transportPublicKey; // null when the CSR carries no transport key attribute
};

// Builds a CSR for `signingKey` (which must hold its private half) and signs it in software with SM2-with-SM3
// and `id`. `transportPublicKey`, when not null, goes into the transport key attribute. Returns DER.
[[nodiscard]] PkiResult<QByteArray> makeCsr(const Sm2Key& signingKey, const Subject& subject,
    const Sm2Key& transportPublicKey = {}, QByteArrayView id = sm2DefaultId());

// Signs the DER CertificationRequestInfo it is given and returns the DER SEQUENCE{r,s} signature
// (SM2-with-SM3, default ID 1234567812345678). A token that returns raw r‖s converts with
// sm2SignatureFromRaw; a token that signs e takes it from sm2MessageDigest.
using CsrSigner = std::function<PkiResult<QByteArray>(const QByteArray& certificationRequestInfoDer)>;

// The same CSR for a key that lives elsewhere (a token): builds the CertificationRequestInfo for `publicKey`,
// has `signer` sign it and assembles the request. The result is verified before it is returned (a token that
// "signs" with the wrong key or ID gives BadSignature here, never a CSR the CA will reject later).
[[nodiscard]] PkiResult<QByteArray> makeCsrWithSigner(const Sm2Key& publicKey, const Subject& subject,
    const Sm2Key& transportPublicKey, const CsrSigner& signer);

// Parses a DER CSR and verifies its SM2-with-SM3 self-signature with `id`. BadInput for non-CSR data or an
// unreadable transport key attribute, Unsupported for a non-SM2 key or algorithm, BadSignature when the
// signature does not verify with that ID.
[[nodiscard]] PkiResult<CsrContents> verifyCsr(QByteArrayView der, QByteArrayView id = sm2DefaultId());

} // namespace certdesk::pki
