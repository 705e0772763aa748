#include "pki/CaSigner.h"

#include "pki/OpenSslSupport.h"
#include "pki/Sm2.h"

namespace certdesk::pki {

using namespace detail;

PkiResult<QByteArray> SoftwareSm2Signer::sign(QByteArrayView data, QByteArrayView id) const
{
    return sm2Sign(m_key, data, id);
}

namespace detail {

QByteArray derTlv(unsigned char tag, QByteArrayView content)
{
    QByteArray out;
    out.append(static_cast<char>(tag));
    const auto length = static_cast<quint64>(content.size());
    if (length < 0x80) {
        out.append(static_cast<char>(length));
    } else {
        QByteArray bytes;
        for (quint64 rest = length; rest != 0; rest >>= 8)
            bytes.prepend(static_cast<char>(rest & 0xFF));
        out.append(static_cast<char>(0x80 | bytes.size()));
        out.append(bytes);
    }
    out.append(content);
    return out;
}

namespace {

// A throwaway key whose only use is to make OpenSSL fill in the algorithm identifiers; its signature is
// replaced before anything leaves this file.
const Sm2Key* placeholderKey()
{
    static const Sm2Key key = [] {
        auto generated = Sm2Key::generate();
        return generated ? *generated : Sm2Key();
    }();
    return key.isNull() ? nullptr : &key;
}

QByteArray assemble(QByteArrayView tbs, const X509_ALGOR* algorithm, QByteArrayView signature)
{
    const QByteArray algorithmDer
        = encodeDer([algorithm](unsigned char** out) { return i2d_X509_ALGOR(algorithm, out); });
    if (tbs.isEmpty() || algorithmDer.isEmpty() || signature.isEmpty())
        return {};
    QByteArray bits;
    bits.append('\0'); // no unused bits
    bits.append(signature);
    return derTlv(0x30, QByteArray(tbs.toByteArray() + algorithmDer + derTlv(0x03, bits)));
}

} // namespace

PkiResult<QByteArray> signCertificateExternally(
    X509* certificate, EVP_MD_CTX* placeholder, const TbsSigner& sign)
{
    if (X509_sign_ctx(certificate, placeholder) <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("signing the certificate failed"));
    const QByteArray tbs
        = encodeDer([certificate](unsigned char** out) { return i2d_re_X509_tbs(certificate, out); });
    auto signature = sign(tbs);
    if (!signature)
        return signature.error();
    const X509_ALGOR* algorithm = nullptr;
    X509_get0_signature(nullptr, &algorithm, certificate);
    QByteArray der = assemble(tbs, algorithm, *signature);
    // Keep the in-memory object consistent with what is returned (callers read fields back from it).
    X509Ptr parsed = decodeDer<X509Ptr>(der, d2i_X509);
    if (!parsed)
        return pkiError(PkiStatus::InternalError, QStringLiteral("assembling the certificate failed"));
    return der;
}

PkiResult<QByteArray> signCrlExternally(X509_CRL* crl, EVP_MD_CTX* placeholder, const TbsSigner& sign)
{
    if (X509_CRL_sign_ctx(crl, placeholder) <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("signing the CRL failed"));
    const QByteArray tbs = encodeDer([crl](unsigned char** out) { return i2d_re_X509_CRL_tbs(crl, out); });
    auto signature = sign(tbs);
    if (!signature)
        return signature.error();
    const X509_ALGOR* algorithm = nullptr;
    X509_CRL_get0_signature(crl, nullptr, &algorithm);
    QByteArray der = assemble(tbs, algorithm, *signature);
    if (!decodeDer<X509CrlPtr>(der, d2i_X509_CRL))
        return pkiError(PkiStatus::InternalError, QStringLiteral("assembling the CRL failed"));
    return der;
}

// The digest context both signing paths start from: the signer's own key, or (a key held elsewhere, e.g. in
// an HSM) a placeholder key that only sets the algorithm and the SM2 ID; `external` says which.
PkiResult<Sm2DigestContext> signingContext(const Sm2Signer& signer, QByteArrayView id, bool* external)
{
    const Sm2Key* key = signer.softwareKey();
    *external = key == nullptr;
    if (*external)
        key = placeholderKey();
    if (key == nullptr)
        return pkiError(PkiStatus::InternalError, QStringLiteral("no SM2 key to sign with"));
    return sm2SignContext(key->evpPkey(), id);
}

PkiResult<QByteArray> signCertificateWith(X509* certificate, const Sm2Signer& signer, QByteArrayView id)
{
    bool external = false;
    auto context = signingContext(signer, id, &external);
    if (!context)
        return context.error();
    if (external)
        return signCertificateExternally(certificate, context->mdContext.get(),
            [&signer, id](QByteArrayView tbs) { return signer.sign(tbs, id); });
    if (X509_sign_ctx(certificate, context->mdContext.get()) <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("signing the certificate failed"));
    QByteArray der = encodeDer([certificate](unsigned char** out) { return i2d_X509(certificate, out); });
    if (der.isEmpty())
        return pkiError(PkiStatus::InternalError, QStringLiteral("encoding the certificate failed"));
    return der;
}

PkiResult<QByteArray> signCrlWith(X509_CRL* crl, const Sm2Signer& signer, QByteArrayView id)
{
    bool external = false;
    auto context = signingContext(signer, id, &external);
    if (!context)
        return context.error();
    if (external)
        return signCrlExternally(crl, context->mdContext.get(),
            [&signer, id](QByteArrayView tbs) { return signer.sign(tbs, id); });
    if (X509_CRL_sign_ctx(crl, context->mdContext.get()) <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("signing the CRL failed"));
    QByteArray der = encodeDer([crl](unsigned char** out) { return i2d_X509_CRL(crl, out); });
    if (der.isEmpty())
        return pkiError(PkiStatus::InternalError, QStringLiteral("encoding the CRL failed"));
    return der;
}

} // namespace detail

} // namespace certdesk::pki
