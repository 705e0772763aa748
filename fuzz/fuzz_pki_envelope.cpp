// GM/T 0009 SM2 enveloped keys as the client receives them (openEnvelope with a fixed transport key).
#include "FuzzSupport.h"

#include "pki/Envelope.h"
#include "pki/Sm2Key.h"

#include <cstdlib>

namespace {
certdesk::pki::Sm2Key g_transport;
} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    certdesk::fuzz::initQt();
    const QByteArray scalar = certdesk::fuzz::transportScalar();
    auto key = certdesk::pki::Sm2Key::fromPrivateScalar(certdesk::pki::SecureBytes(QByteArrayView(scalar)));
    if (!key)
        std::abort();
    g_transport = *key;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    (void)certdesk::pki::openEnvelope(certdesk::fuzz::bytes(data, size), g_transport);
    return 0;
}
