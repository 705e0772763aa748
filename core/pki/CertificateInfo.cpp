#include "pki/CertificateInfo.h"

#include "pki/OpenSslSupport.h"

#include <openssl/obj_mac.h>

namespace certdesk::pki {

using namespace detail;

PkiResult<CertificateInfo> CertificateInfo::parse(QByteArrayView der)
{
    ErrorQueueGuard guard;
    const X509Ptr certificate = decodeDer<X509Ptr>(der, d2i_X509);
    if (!certificate)
        return pkiError(PkiStatus::BadInput, QStringLiteral("not a DER X.509 certificate"));
    X509* x = certificate.get();

    CertificateInfo info;
    info.der = der.toByteArray();
    info.serialHex = integerToHex(X509_get0_serialNumber(x));
    info.subject = fromX509Name(X509_get_subject_name(x));
    info.issuer = fromX509Name(X509_get_issuer_name(x));
    info.personIdNumber = personIdentityFrom(x);
    info.notBefore = fromAsn1Time(X509_get0_notBefore(x));
    info.notAfter = fromAsn1Time(X509_get0_notAfter(x));
    info.signatureAlgorithm = QString::fromLatin1(OBJ_nid2ln(X509_get_signature_nid(x)));

    X509_PUBKEY* publicKey = X509_get_X509_PUBKEY(x);
    info.publicKeyInfo
        = encodeDer([publicKey](unsigned char** out) { return i2d_X509_PUBKEY(publicKey, out); });
    const unsigned char* bits = nullptr;
    int bitsLength = 0;
    X509_ALGOR* algorithm = nullptr;
    if (X509_PUBKEY_get0_param(nullptr, &bits, &bitsLength, &algorithm, publicKey) == 1)
        info.publicKeyBits = toByteArray(bits, static_cast<std::size_t>(bitsLength));

    // X509_get0_pubkey decodes the key (and types sm2p256v1 keys "SM2"); an unknown algorithm leaves it null.
    const EVP_PKEY* key = X509_get0_pubkey(x);
    if (detail::isSm2(key)) {
        info.keyAlgorithm = QStringLiteral("SM2");
    } else if (key != nullptr && EVP_PKEY_is_a(key, "RSA") == 1) {
        info.keyAlgorithm = QStringLiteral("RSA-%1").arg(EVP_PKEY_get_bits(key));
    } else if (key != nullptr && EVP_PKEY_is_a(key, "EC") == 1) {
        char group[80] = {};
        std::size_t groupLength = 0;
        EVP_PKEY_get_utf8_string_param(key, "group", group, sizeof group, &groupLength);
        info.keyAlgorithm
            = QStringLiteral("EC-") + QString::fromUtf8(group, static_cast<qsizetype>(groupLength));
    } else if (algorithm != nullptr) {
        const ASN1_OBJECT* oid = nullptr;
        X509_ALGOR_get0(&oid, nullptr, nullptr, algorithm);
        info.keyAlgorithm = QString::fromLatin1(OBJ_nid2sn(OBJ_obj2nid(oid)));
    }

    const uint32_t usage = X509_get_key_usage(x);
    info.hasKeyUsage = usage != UINT32_MAX;
    info.keyUsage = info.hasKeyUsage ? (usage & 0xFFu) : 0;
    info.isCa = X509_check_ca(x) != 0;
    return info;
}

bool CertificateInfo::certifies(QByteArrayView subjectPublicKeyInfo) const
{
    return samePublicKey(publicKeyInfo, subjectPublicKeyInfo);
}

bool samePublicKey(QByteArrayView subjectPublicKeyInfoA, QByteArrayView subjectPublicKeyInfoB)
{
    ErrorQueueGuard guard;
    const EvpPkeyPtr a = decodeDer<EvpPkeyPtr>(subjectPublicKeyInfoA, d2i_PUBKEY);
    const EvpPkeyPtr b = decodeDer<EvpPkeyPtr>(subjectPublicKeyInfoB, d2i_PUBKEY);
    return a && b && EVP_PKEY_eq(a.get(), b.get()) == 1;
}

} // namespace certdesk::pki
