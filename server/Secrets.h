#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace certdesk::server {

// Randomness, token hashing and password hashing for the service. Every secret comes from OpenSSL's CSPRNG.
namespace secrets {

// `count` random bytes from RAND_bytes. Throws std::runtime_error if the generator fails (never silently
// weak).
[[nodiscard]] QByteArray randomBytes(int count);
// Lower-case hex of `bytes` random bytes (ids: 16 bytes = 128 bits).
[[nodiscard]] QString randomHex(int bytes);
// A bearer token: 32 random bytes (256 bits), base64url without padding.
[[nodiscard]] QString newToken();
// SHA-256 hex of a token, the only form in which tokens are stored.
[[nodiscard]] QString tokenHash(const QString& token);
[[nodiscard]] QString sha256Hex(const QByteArray& bytes);

// PBKDF2-HMAC-SHA256 (RFC 8018) with a random 16-byte salt. The iteration count is stored with the hash so it
// can be raised later without breaking old accounts.
struct PasswordHash
{
    QString hashHex;
    QString saltHex;
    int iterations = 0;
};
inline constexpr int kPasswordIterations = 120000;
[[nodiscard]] PasswordHash hashPassword(const QString& password, int iterations = kPasswordIterations);
// Constant-time comparison of the derived key.
[[nodiscard]] bool verifyPassword(const QString& password, const PasswordHash& stored);
// Constant-time comparison for equal-length strings (hashes).
[[nodiscard]] bool constantTimeEquals(const QByteArray& a, const QByteArray& b);

// AES-256-GCM with a key kept in a file of the data directory (mode 0600). Used for stored replies of
// Idempotency-Key requests: a replayed POST /applications must return the same access token, which is
// otherwise stored only hashed; sealing keeps it out of the database in clear.
class SealingKey
{
public:
    // Reads the key file, creating it with a fresh key when missing. Throws std::runtime_error on I/O errors.
    [[nodiscard]] static SealingKey loadOrCreate(const QString& path);
    SealingKey() = default;
    ~SealingKey();
    SealingKey(const SealingKey&) = default;
    SealingKey& operator=(const SealingKey&) = default;

    // nonce(12) || ciphertext || tag(16)
    [[nodiscard]] QByteArray seal(const QByteArray& plain) const;
    // Empty optional when the data was not sealed with this key or was altered.
    [[nodiscard]] std::optional<QByteArray> open(const QByteArray& sealed) const;

private:
    QByteArray m_key;
};

} // namespace secrets
} // namespace certdesk::server
