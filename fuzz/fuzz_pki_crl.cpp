// CRLs as the client fetches them (GET /ca/crl): verifyCrl against the fixed issuing CA of fuzz/data.
#include "FuzzSupport.h"

#include "pki/CertificateChain.h"

namespace {
QByteArray g_issuing;
} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    certdesk::fuzz::initQt();
    g_issuing = certdesk::fuzz::dataFile("issuing.der");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    (void)certdesk::pki::verifyCrl(certdesk::fuzz::bytes(data, size), g_issuing);
    return 0;
}
