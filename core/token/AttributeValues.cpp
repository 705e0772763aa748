#include "token/AttributeValues.h"

#include <cstring>

namespace certdesk::token {

QByteArray pointFromEcPoint(const QByteArray& value)
{
    if (value.size() == 67 && value.at(0) == 0x04 && value.at(1) == 65 && value.at(2) == 0x04)
        return value.mid(2);
    if (value.size() == 65 && value.at(0) == 0x04)
        return value;
    if (value.size() == 64) {
        QByteArray point(1, '\x04');
        point.append(value);
        return point;
    }
    return {};
}

std::optional<unsigned long> ulongFromAttribute(const QByteArray& value)
{
    // CK_ULONG is unsigned long on every platform PKCS#11 headers support (p11-kit's pkcs11.h).
    unsigned long result = 0;
    if (value.size() != sizeof result)
        return std::nullopt;
    std::memcpy(&result, value.constData(), sizeof result);
    return result;
}

bool boolFromAttribute(const QByteArray& value)
{
    return value.size() == 1 && value.at(0) != 0;
}

} // namespace certdesk::token
