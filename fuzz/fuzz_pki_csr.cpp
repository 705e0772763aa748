// PKCS#10 requests as the service receives them (verifyCsr: structure, SM2 signature, transport key).
#include "FuzzSupport.h"

#include "pki/Csr.h"

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    certdesk::fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray der = certdesk::fuzz::bytes(data, size);
    const auto contents = certdesk::pki::verifyCsr(der);
    if (contents)
        (void)contents->subject.toString();
    return 0;
}
