#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace certdesk::pki {

// The small set of outcomes every PKI operation maps to (OpenSSL's many reason codes collapse into these; the
// first OpenSSL reason goes into PkiError::detail for logs).
enum class PkiStatus
{
    Ok,
    BadInput, // malformed DER/PEM, wrong length, unknown algorithm identifier
    BadSignature, // a signature (or a certificate chain) does not verify
    DecryptFailed, // SM2/SM4 decryption failed: wrong key or tampered ciphertext
    KeyMismatch, // a private key does not belong to the public key it came with
    Unsupported, // a key type or algorithm this library does not handle
    InternalError, // OpenSSL failed where it should not (allocation, RNG, encoder)
};

// The translated one-line message for a status, for people (context "certdesk::Pki").
[[nodiscard]] QString pkiStatusMessage(PkiStatus status);

// A failed operation. `detail` is technical English for logs (what failed plus OpenSSL's first reason); it
// never holds key material or personal data.
struct PkiError
{
    PkiStatus status = PkiStatus::InternalError;
    QString detail;

    [[nodiscard]] QString message() const { return pkiStatusMessage(status); }
};

// Builds a PkiError and empties OpenSSL's error queue, appending the first queued reason to `what`.
[[nodiscard]] PkiError pkiError(PkiStatus status, const QString& what);

// A value or a PkiError (std::expected-like; C++20 has no std::expected). Converting constructors are
// implicit on purpose, as in std::expected, so that `return value;` and `return pkiError(...);` both read
// naturally.
template<typename T>
class [[nodiscard]] PkiResult
{
public:
    PkiResult(T value) // NOLINT(google-explicit-constructor)
        : m_value(std::move(value))
    { }
    PkiResult(PkiError error) // NOLINT(google-explicit-constructor)
        : m_error(std::move(error))
    {
        if (m_error.status == PkiStatus::Ok)
            m_error.status = PkiStatus::InternalError;
    }

    [[nodiscard]] bool hasValue() const { return m_value.has_value(); }
    explicit operator bool() const { return hasValue(); }
    [[nodiscard]] PkiStatus status() const { return m_value ? PkiStatus::Ok : m_error.status; }
    [[nodiscard]] const PkiError& error() const { return m_error; }
    [[nodiscard]] const QString& detail() const { return m_error.detail; }
    [[nodiscard]] QString message() const { return pkiStatusMessage(status()); }

    // Precondition: hasValue().
    [[nodiscard]] T& value() & { return *m_value; }
    [[nodiscard]] const T& value() const& { return *m_value; }
    [[nodiscard]] T&& value() && { return std::move(*m_value); }
    T& operator*() & { return *m_value; }
    const T& operator*() const& { return *m_value; }
    T* operator->() { return &*m_value; }
    const T* operator->() const { return &*m_value; }

private:
    std::optional<T> m_value;
    PkiError m_error;
};

template<>
class [[nodiscard]] PkiResult<void>
{
public:
    PkiResult() = default;
    PkiResult(PkiError error) // NOLINT(google-explicit-constructor)
        : m_failed(true)
        , m_error(std::move(error))
    {
        if (m_error.status == PkiStatus::Ok)
            m_error.status = PkiStatus::InternalError;
    }

    [[nodiscard]] bool hasValue() const { return !m_failed; }
    explicit operator bool() const { return hasValue(); }
    [[nodiscard]] PkiStatus status() const { return m_failed ? m_error.status : PkiStatus::Ok; }
    [[nodiscard]] const PkiError& error() const { return m_error; }
    [[nodiscard]] const QString& detail() const { return m_error.detail; }
    [[nodiscard]] QString message() const { return pkiStatusMessage(status()); }

private:
    bool m_failed = false;
    PkiError m_error;
};

} // namespace certdesk::pki
