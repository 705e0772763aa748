#include "Secrets.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSaveFile>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>

namespace certdesk::server::secrets {

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    if (count > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), count) != 1)
        throw std::runtime_error("RAND_bytes failed");
    return bytes;
}

QString randomHex(int bytes)
{
    return QString::fromLatin1(randomBytes(bytes).toHex());
}

QString newToken()
{
    QByteArray raw = randomBytes(32);
    const QString token
        = QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    OPENSSL_cleanse(raw.data(), size_t(raw.size()));
    return token;
}

QString sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString tokenHash(const QString& token)
{
    return sha256Hex(token.toUtf8());
}

namespace {

QByteArray derive(const QString& password, const QByteArray& salt, int iterations)
{
    QByteArray utf8 = password.toUtf8();
    QByteArray out(32, Qt::Uninitialized);
    const int ok = PKCS5_PBKDF2_HMAC(utf8.constData(), int(utf8.size()),
        reinterpret_cast<const unsigned char*>(salt.constData()), int(salt.size()), iterations, EVP_sha256(),
        int(out.size()), reinterpret_cast<unsigned char*>(out.data()));
    OPENSSL_cleanse(utf8.data(), size_t(utf8.size()));
    if (ok != 1)
        throw std::runtime_error("PKCS5_PBKDF2_HMAC failed");
    return out;
}

} // namespace

PasswordHash hashPassword(const QString& password, int iterations)
{
    const QByteArray salt = randomBytes(16);
    PasswordHash hash;
    hash.saltHex = QString::fromLatin1(salt.toHex());
    hash.iterations = iterations;
    hash.hashHex = QString::fromLatin1(derive(password, salt, iterations).toHex());
    return hash;
}

bool verifyPassword(const QString& password, const PasswordHash& stored)
{
    if (stored.iterations < 1 || stored.saltHex.isEmpty())
        return false;
    const QByteArray salt = QByteArray::fromHex(stored.saltHex.toLatin1());
    const QByteArray expected = QByteArray::fromHex(stored.hashHex.toLatin1());
    return constantTimeEquals(derive(password, salt, stored.iterations), expected);
}

bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace certdesk::server::secrets

namespace certdesk::server::secrets {

namespace {
struct CipherCtxDeleter
{
    void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;
} // namespace

SealingKey SealingKey::loadOrCreate(const QString& path)
{
    SealingKey key;
    QFile file(path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            throw std::runtime_error("cannot read key file");
        key.m_key = file.readAll();
        if (key.m_key.size() != 32)
            throw std::runtime_error("malformed key file");
        return key;
    }
    key.m_key = randomBytes(32);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        throw std::runtime_error("cannot create key file");
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    out.write(key.m_key);
    if (!out.commit())
        throw std::runtime_error("cannot write key file");
    return key;
}

SealingKey::~SealingKey()
{
    if (!m_key.isEmpty() && m_key.isDetached())
        OPENSSL_cleanse(m_key.data(), size_t(m_key.size()));
}

QByteArray SealingKey::seal(const QByteArray& plain) const
{
    const QByteArray nonce = randomBytes(12);
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    QByteArray out(plain.size() + 16, Qt::Uninitialized);
    int len = 0;
    int total = 0;
    if (!ctx
        || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr,
               reinterpret_cast<const unsigned char*>(m_key.constData()),
               reinterpret_cast<const unsigned char*>(nonce.constData()))
            != 1
        || EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
               reinterpret_cast<const unsigned char*>(plain.constData()), int(plain.size()))
            != 1)
        throw std::runtime_error("seal failed");
    total = len;
    if (EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + total, &len) != 1)
        throw std::runtime_error("seal failed");
    total += len;
    unsigned char tag[16];
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, tag) != 1)
        throw std::runtime_error("seal failed");
    out.resize(total);
    return nonce + out + QByteArray(reinterpret_cast<const char*>(tag), 16);
}

std::optional<QByteArray> SealingKey::open(const QByteArray& sealed) const
{
    if (sealed.size() < 28 || m_key.size() != 32)
        return std::nullopt;
    const QByteArray nonce = sealed.left(12);
    const QByteArray tag = sealed.right(16);
    const QByteArray body = sealed.mid(12, sealed.size() - 28);
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    QByteArray out(body.size() + 16, Qt::Uninitialized);
    int len = 0;
    if (!ctx
        || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr,
               reinterpret_cast<const unsigned char*>(m_key.constData()),
               reinterpret_cast<const unsigned char*>(nonce.constData()))
            != 1
        || EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
               reinterpret_cast<const unsigned char*>(body.constData()), int(body.size()))
            != 1)
        return std::nullopt;
    int total = len;
    QByteArray tagCopy = tag;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, 16, tagCopy.data()) != 1
        || EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + total, &len) != 1)
        return std::nullopt;
    total += len;
    out.resize(total);
    return out;
}

} // namespace certdesk::server::secrets
