// Attribute values a PKCS#11 module returns, read as TokenSession reads them: CKA_EC_POINT into a public
// point and an SM2 key, CK_ULONG / CK_BBOOL values, CKA_VALUE of a certificate, CKA_LABEL as UTF-8.
#include "FuzzSupport.h"

#include "pki/CertificateInfo.h"
#include "pki/Sm2Key.h"
#include "token/AttributeValues.h"
#include "token/TokenWriter.h"

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    certdesk::fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace certdesk;
    const QByteArray value = fuzz::bytes(data, size);
    const QByteArray point = token::pointFromEcPoint(value);
    if (!point.isEmpty()) {
        if (point.size() != 65 || point.at(0) != 0x04)
            __builtin_trap();
        (void)pki::Sm2Key::fromPublicPoint(point);
        (void)token::TokenWriter::objectId(point);
    }
    (void)token::ulongFromAttribute(value);
    (void)token::boolFromAttribute(value);
    (void)QString::fromUtf8(value).trimmed();
    (void)pki::CertificateInfo::parse(value);
    return 0;
}
