#include "pki/Csr.h"

#include "pki/OpenSslSupport.h"

#include <openssl/obj_mac.h>
#include <openssl/x509.h>

namespace certdesk::pki {

using namespace detail;

namespace {

const ASN1_OBJECT* transportKeyObject()
{
    // Created once, never freed: immutable and shared by all threads.
    static ASN1_OBJECT* const object = OBJ_txt2obj(TransportKeyAttributeOid, 1);
    return object;
}

// Version, subject, public key and the optional transport key attribute: everything but the signature.
PkiResult<X509ReqPtr> buildRequestInfo(
    const Sm2Key& publicKey, const Subject& subject, const Sm2Key& transportKey)
{
    if (publicKey.isNull())
        return pkiError(PkiStatus::BadInput, QStringLiteral("a CSR needs a public key"));
    auto name = toX509Name(subject);
    if (!name)
        return name.error();
    X509ReqPtr request(X509_REQ_new());
    if (!request || X509_REQ_set_version(request.get(), 0) != 1
        || X509_REQ_set_subject_name(request.get(), name->get()) != 1
        || X509_REQ_set_pubkey(request.get(), publicKey.evpPkey()) != 1)
        return pkiError(PkiStatus::InternalError, QStringLiteral("building the CSR failed"));
    if (!transportKey.isNull()) {
        const QByteArray spki = transportKey.subjectPublicKeyInfo();
        if (spki.isEmpty()
            || X509_REQ_add1_attr_by_OBJ(request.get(), transportKeyObject(), V_ASN1_OCTET_STRING,
                   uchars(spki), static_cast<int>(spki.size()))
                != 1)
            return pkiError(
                PkiStatus::InternalError, QStringLiteral("adding the transport key attribute failed"));
    }
    return request;
}

QByteArray requestDer(X509_REQ* request)
{
    return encodeDer([request](unsigned char** out) { return i2d_X509_REQ(request, out); });
}

PkiResult<Sm2Key> transportKeyOf(const X509_REQ* request)
{
    const int index = X509_REQ_get_attr_by_OBJ(request, transportKeyObject(), -1);
    if (index < 0)
        return Sm2Key();
    if (X509_REQ_get_attr_by_OBJ(request, transportKeyObject(), index) >= 0)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the CSR has two transport key attributes"));
    X509_ATTRIBUTE* attribute = X509_REQ_get_attr(request, index);
    if (X509_ATTRIBUTE_count(attribute) != 1)
        return pkiError(
            PkiStatus::BadInput, QStringLiteral("the transport key attribute must hold one value"));
    const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(attribute, 0);
    const int type = ASN1_TYPE_get(value);
    if (type != V_ASN1_OCTET_STRING && type != V_ASN1_SEQUENCE)
        return pkiError(
            PkiStatus::BadInput, QStringLiteral("the transport key attribute is not a public key"));
    // For both types OpenSSL holds the bytes we need: the OCTET STRING content, or the SEQUENCE's whole TLV.
    const ASN1_STRING* bytes
        = type == V_ASN1_OCTET_STRING ? value->value.octet_string : value->value.sequence;
    auto key = Sm2Key::fromSubjectPublicKeyInfo(QByteArrayView(
        reinterpret_cast<const char*>(ASN1_STRING_get0_data(bytes)), ASN1_STRING_length(bytes)));
    if (!key)
        return pkiError(key.status() == PkiStatus::Unsupported ? PkiStatus::Unsupported : PkiStatus::BadInput,
            QStringLiteral("the transport key attribute does not hold an SM2 public key"));
    return key;
}

} // namespace

PkiResult<QByteArray> makeCsr(
    const Sm2Key& signingKey, const Subject& subject, const Sm2Key& transportPublicKey, QByteArrayView id)
{
    ErrorQueueGuard guard;
    if (signingKey.isNull() || !signingKey.hasPrivateKey())
        return pkiError(PkiStatus::BadInput, QStringLiteral("signing a CSR needs the private key"));
    auto request = buildRequestInfo(signingKey, subject, transportPublicKey);
    if (!request)
        return request.error();
    // sm2-notes.md: ID on the EVP_PKEY_CTX, borrowed by the EVP_MD_CTX, then X509_REQ_sign_ctx.
    auto context = sm2SignContext(signingKey.evpPkey(), id);
    if (!context)
        return context.error();
    if (X509_REQ_sign_ctx(request->get(), context->mdContext.get()) <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("signing the CSR failed"));
    QByteArray der = requestDer(request->get());
    if (der.isEmpty())
        return pkiError(PkiStatus::InternalError, QStringLiteral("encoding the CSR failed"));
    return der;
}

PkiResult<QByteArray> makeCsrWithSigner(const Sm2Key& publicKey, const Subject& subject,
    const Sm2Key& transportPublicKey, const CsrSigner& signer)
{
    ErrorQueueGuard guard;
    if (!signer)
        return pkiError(PkiStatus::BadInput, QStringLiteral("no signer"));
    auto request = buildRequestInfo(publicKey.publicKey(), subject, transportPublicKey);
    if (!request)
        return request.error();

    // The signature algorithm lives outside CertificationRequestInfo, so it can be set before or after
    // signing; SM2-with-SM3 has absent parameters (as OpenSSL writes it).
    X509AlgorPtr algorithm(X509_ALGOR_new());
    if (!algorithm
        || X509_ALGOR_set0(algorithm.get(), OBJ_nid2obj(NID_SM2_with_SM3), V_ASN1_UNDEF, nullptr) != 1
        || X509_REQ_set1_signature_algo(request->get(), algorithm.get()) != 1)
        return pkiError(
            PkiStatus::InternalError, QStringLiteral("setting the CSR signature algorithm failed"));
    // i2d_re_X509_REQ_tbs forces a fresh encoding of CertificationRequestInfo: exactly the bytes to be
    // signed.
    const QByteArray toBeSigned
        = encodeDer([&request](unsigned char** out) { return i2d_re_X509_REQ_tbs(request->get(), out); });
    if (toBeSigned.isEmpty())
        return pkiError(PkiStatus::InternalError, QStringLiteral("encoding CertificationRequestInfo failed"));

    ERR_clear_error();
    auto signature = signer(toBeSigned);
    if (!signature)
        return signature.error();
    Asn1BitStringPtr bits(ASN1_BIT_STRING_new());
    if (!bits || !setBitStringBytes(bits.get(), *signature))
        return pkiError(PkiStatus::InternalError, QStringLiteral("storing the CSR signature failed"));
    X509_REQ_set0_signature(request->get(), bits.release());

    QByteArray der = requestDer(request->get());
    if (der.isEmpty())
        return pkiError(PkiStatus::InternalError, QStringLiteral("encoding the CSR failed"));
    // sm2-notes.md: a token can report success and still produce a bogus signature. Never hand one out.
    auto verified = verifyCsr(der);
    if (!verified)
        return pkiError(
            verified.status() == PkiStatus::BadSignature ? PkiStatus::BadSignature : verified.status(),
            QStringLiteral("the external CSR signature does not verify: ") + verified.detail());
    return der;
}

PkiResult<CsrContents> verifyCsr(QByteArrayView der, QByteArrayView id)
{
    ErrorQueueGuard guard;
    X509ReqPtr request = decodeDer<X509ReqPtr>(der, d2i_X509_REQ);
    if (!request)
        return pkiError(PkiStatus::BadInput, QStringLiteral("not a DER PKCS#10 request"));
    EVP_PKEY* publicKey = X509_REQ_get0_pubkey(request.get());
    if (publicKey == nullptr)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the CSR public key is unreadable"));
    if (!isSm2(publicKey) || X509_REQ_get_signature_nid(request.get()) != NID_SM2_with_SM3)
        return pkiError(PkiStatus::Unsupported, QStringLiteral("the CSR is not an SM2-with-SM3 request"));

    // sm2-notes.md: OpenSSL 3.0 verifies with an EMPTY ID unless the request carries one; set it first.
    Asn1OctetStringPtr distinguishingId = makeOctetString(id);
    if (!distinguishingId)
        return pkiError(PkiStatus::InternalError, QStringLiteral("allocation failed"));
    X509_REQ_set0_distinguishing_id(request.get(), distinguishingId.release());
    if (X509_REQ_verify(request.get(), publicKey) != 1)
        return pkiError(PkiStatus::BadSignature, QStringLiteral("the CSR signature does not verify"));

    CsrContents contents;
    contents.subject = fromX509Name(X509_REQ_get_subject_name(request.get()));
    EVP_PKEY_up_ref(publicKey);
    auto key = Sm2Key::fromEvpPkey(EvpPkeyPtr(publicKey));
    if (!key)
        return key.error();
    contents.publicKey = std::move(*key);
    auto transport = transportKeyOf(request.get());
    if (!transport)
        return transport.error();
    contents.transportPublicKey = std::move(*transport);
    return contents;
}

} // namespace certdesk::pki
