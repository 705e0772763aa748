#include "pki/OpenSslHandles.h"

#include <cstring>
#include <utility>

namespace certdesk::pki {

namespace {

unsigned char* allocate(qsizetype size)
{
    return size > 0 ? new unsigned char[static_cast<std::size_t>(size)]() : nullptr;
}

void wipeAndFree(unsigned char* data, qsizetype size)
{
    if (data == nullptr)
        return;
    OPENSSL_cleanse(data, static_cast<std::size_t>(size));
    delete[] data;
}

} // namespace

SecureBytes::SecureBytes(qsizetype size)
    : m_data(allocate(size))
    , m_size(size > 0 ? size : 0)
{ }

SecureBytes::SecureBytes(QByteArrayView bytes)
    : SecureBytes(
        reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<std::size_t>(bytes.size()))
{ }

SecureBytes::SecureBytes(const unsigned char* data, std::size_t size)
    : m_data(allocate(static_cast<qsizetype>(size)))
    , m_size(static_cast<qsizetype>(size))
{
    if (size > 0)
        std::memcpy(m_data, data, size);
}

SecureBytes::SecureBytes(const SecureBytes& other)
    : SecureBytes(other.m_data, static_cast<std::size_t>(other.m_size))
{ }

SecureBytes::SecureBytes(SecureBytes&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{ }

SecureBytes& SecureBytes::operator=(const SecureBytes& other)
{
    if (this != &other) {
        SecureBytes copy(other);
        *this = std::move(copy);
    }
    return *this;
}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept
{
    if (this != &other) {
        wipeAndFree(m_data, m_size);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecureBytes::~SecureBytes()
{
    wipeAndFree(m_data, m_size);
}

QByteArrayView SecureBytes::view() const
{
    return QByteArrayView(reinterpret_cast<const char*>(m_data), m_size);
}

void SecureBytes::clear()
{
    wipeAndFree(m_data, m_size);
    m_data = nullptr;
    m_size = 0;
}

QByteArray SecureBytes::toByteArray() const
{
    return QByteArray(reinterpret_cast<const char*>(m_data), m_size);
}

bool operator==(const SecureBytes& a, const SecureBytes& b)
{
    if (a.m_size != b.m_size)
        return false;
    return a.m_size == 0 || CRYPTO_memcmp(a.m_data, b.m_data, static_cast<std::size_t>(a.m_size)) == 0;
}

} // namespace certdesk::pki
