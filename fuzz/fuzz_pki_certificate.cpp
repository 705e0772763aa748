// Certificates from outside (a UKey's CKA_VALUE, the service's CA bundle, a legacy certificate): DER
// parsing into CertificateInfo, PEM bundles, SubjectPublicKeyInfo, and chain verification against a fixed CA.
#include "FuzzSupport.h"

#include "pki/CertificateAuthority.h"
#include "pki/CertificateChain.h"
#include "pki/CertificateInfo.h"
#include "pki/Pem.h"
#include "pki/Sm2Key.h"

namespace {
QByteArray g_root;
QByteArray g_issuing;
} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    certdesk::fuzz::initQt();
    g_root = certdesk::fuzz::dataFile("root.der");
    g_issuing = certdesk::fuzz::dataFile("issuing.der");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace certdesk::pki;
    const QByteArray input = certdesk::fuzz::bytes(data, size);
    const PkiResult<CertificateInfo> info = CertificateInfo::parse(input);
    if (info) {
        (void)info->certifies(info->publicKeyInfo);
        (void)Sm2Key::fromSubjectPublicKeyInfo(info->publicKeyInfo);
        (void)verifyCertificateChain(input, {g_issuing}, {g_root});
    }
    (void)Sm2Key::fromSubjectPublicKeyInfo(input);
    for (const QByteArray& der : certificatesFromPem(input))
        (void)CertificateInfo::parse(der);
    (void)verifyCaCertificates(input, g_issuing);
    return 0;
}
