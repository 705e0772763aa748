#pragma once

#include "domain/Result.h"

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

// A value or a PkiError (core/domain/Result.h).
template<typename T>
using PkiResult = Result<T, PkiError>;

} // namespace certdesk::pki
