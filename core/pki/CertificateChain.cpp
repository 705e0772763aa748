#include "pki/CertificateChain.h"

#include "pki/OpenSslSupport.h"

#include <openssl/obj_mac.h>
#include <openssl/x509_vfy.h>

namespace certdesk::pki {

using namespace detail;

namespace {

X509Ptr parseCertificate(const QByteArray& der)
{
    return decodeDer<X509Ptr>(der, d2i_X509);
}

bool attachId(X509* certificate, QByteArrayView id)
{
    // Only SM2-with-SM3 signatures take an ID; attached to an RSA certificate it would make verification fail
    // (OpenSSL passes it to an RSA EVP_PKEY_CTX, which refuses it).
    if (X509_get_signature_nid(certificate) != NID_SM2_with_SM3)
        return true;
    Asn1OctetStringPtr octets = makeOctetString(id);
    if (!octets)
        return false;
    X509_set0_distinguishing_id(certificate, octets.release());
    return true;
}

QString commonNameOf(X509* certificate)
{
    return certificate == nullptr ? QString() : fromX509Name(X509_get_subject_name(certificate)).commonName;
}

} // namespace

PkiResult<void> verifyCertificateChain(const QByteArray& leafDer, const QList<QByteArray>& intermediatesDer,
    const QList<QByteArray>& trustedRootsDer, const QDateTime& at, QByteArrayView id)
{
    ErrorQueueGuard guard;
    const auto unreadable = [] {
        return pkiError(PkiStatus::BadInput, QStringLiteral("a certificate of the chain is not DER X.509"));
    };
    const auto internal = [] {
        return pkiError(PkiStatus::InternalError, QStringLiteral("certificate verification could not run"));
    };
    X509Ptr leaf = parseCertificate(leafDer);
    if (!leaf)
        return unreadable();
    X509StorePtr store(X509_STORE_new());
    X509StackPtr untrusted(sk_X509_new_null());
    X509StoreCtxPtr context(X509_STORE_CTX_new());
    if (!store || !untrusted || !context || !attachId(leaf.get(), id))
        return internal();
    for (const QByteArray& der : trustedRootsDer) {
        // The ID goes on the trusted copy too: X509_STORE_add_cert keeps a reference to this very object, and
        // X509_V_FLAG_CHECK_SS_SIGNATURE below checks its self-signature with it.
        X509Ptr root = parseCertificate(der);
        if (!root)
            return unreadable();
        if (!attachId(root.get(), id) || X509_STORE_add_cert(store.get(), root.get()) != 1)
            return internal();
    }
    for (const QByteArray& der : intermediatesDer) {
        X509Ptr intermediate = parseCertificate(der);
        if (!intermediate)
            return unreadable();
        if (!attachId(intermediate.get(), id) || sk_X509_push(untrusted.get(), intermediate.get()) <= 0)
            return internal();
        (void)intermediate.release(); // owned by the stack
    }
    if (X509_STORE_CTX_init(context.get(), store.get(), leaf.get(), untrusted.get()) != 1)
        return internal();
    // A trust anchor's self-signature is not checked by default; a root signed with the wrong ID must fail.
    X509_STORE_CTX_set_flags(context.get(), X509_V_FLAG_CHECK_SS_SIGNATURE);
    if (at.isValid())
        X509_STORE_CTX_set_time(context.get(), 0, static_cast<time_t>(at.toSecsSinceEpoch()));
    if (X509_verify_cert(context.get()) == 1)
        return {};
    const int error = X509_STORE_CTX_get_error(context.get());
    const int depth = X509_STORE_CTX_get_error_depth(context.get());
    QString detail = QStringLiteral("certificate chain: %1 at depth %2 (CN=%3)")
                         .arg(QString::fromLatin1(X509_verify_cert_error_string(error)))
                         .arg(depth)
                         .arg(commonNameOf(X509_STORE_CTX_get_current_cert(context.get())));
    if (error == X509_V_ERR_CERT_SIGNATURE_FAILURE)
        detail += QStringLiteral(": not signed with the SM2 user ID %1 by its issuer's key")
                      .arg(QString::fromLatin1(id.toByteArray()));
    return pkiError(PkiStatus::BadSignature, detail);
}
PkiResult<void> verifyCrl(const QByteArray& crlDer, const QByteArray& issuerCertificateDer)
{
    ErrorQueueGuard guard;
    const X509CrlPtr crl = decodeDer<X509CrlPtr>(crlDer, d2i_X509_CRL);
    const X509Ptr issuer = parseCertificate(issuerCertificateDer);
    if (!crl || !issuer)
        return pkiError(PkiStatus::BadInput, QStringLiteral("not a DER CRL and issuer certificate"));
    if (X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(issuer.get())) != 0)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the CRL was issued by another CA"));
    EVP_PKEY* issuerKey = X509_get0_pubkey(issuer.get());
    if (issuerKey == nullptr)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the issuer public key is unreadable"));

    if (X509_CRL_get_signature_nid(crl.get()) != NID_SM2_with_SM3) {
        if (X509_CRL_verify(crl.get(), issuerKey) != 1)
            return pkiError(PkiStatus::BadSignature, QStringLiteral("the CRL signature does not verify"));
        return {};
    }
    // The signed bytes are the CRL's first element (TBSCertList) exactly as received.
    const DerElement outer = readDerElement(crlDer);
    const DerElement tbs = readDerElement(outer.content);
    const ASN1_BIT_STRING* signature = nullptr;
    X509_CRL_get0_signature(crl.get(), &signature, nullptr);
    if (outer.tag != V_ASN1_SEQUENCE || tbs.tag != V_ASN1_SEQUENCE || signature == nullptr)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the CRL structure is unreadable"));
    const QByteArrayView signatureDer(
        reinterpret_cast<const char*>(ASN1_STRING_get0_data(signature)), ASN1_STRING_length(signature));
    EVP_PKEY_up_ref(issuerKey);
    auto key = Sm2Key::fromEvpPkey(EvpPkeyPtr(issuerKey));
    if (!key)
        return key.error();
    if (sm2Verify(*key, tbs.whole, signatureDer, sm2DefaultId()))
        return {};
    return pkiError(PkiStatus::BadSignature,
        QStringLiteral("the CRL of CN=%1 does not verify with the SM2 user ID %2")
            .arg(commonNameOf(issuer.get()), QString::fromLatin1(sm2DefaultId().toByteArray())));
}

} // namespace certdesk::pki
