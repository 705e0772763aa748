#pragma once

#include "domain/Result.h"
#include <QMetaType>

#include <QString>

#include <optional>
#include <utility>

namespace certdesk::token {

// Every outcome of a token operation, PKCS#11's ~100 CKR_* codes collapsed into what a person can act on. One
// translated message each (context "certdesk::Token"), DigiDoc4's PinStatus in spirit.
enum class TokenStatus
{
    Ok,
    Cancelled, // the caller cancelled (a progress callback returned false)
    ModuleMissing, // no file at the module path
    ModuleLoadFailed, // the file is not a loadable PKCS#11 library (no C_GetFunctionList, wrong architecture)
    ModuleFailed, // the library loaded but C_Initialize or another basic call failed
    NoSuchToken, // no token with that label in any slot
    TokenRemoved, // the token was pulled (CKR_DEVICE_REMOVED, CKR_TOKEN_NOT_PRESENT, session gone)
    TokenNotInitialized, // a blank or unrecognized token
    PinIncorrect, // wrong PIN; the token says nothing about remaining tries
    PinIncorrectCountLow, // wrong PIN and the token reports few tries left (CKF_USER_PIN_COUNT_LOW)
    PinIncorrectFinalTry, // wrong PIN and one try is left (CKF_USER_PIN_FINAL_TRY)
    PinLocked, // CKR_PIN_LOCKED / CKF_USER_PIN_LOCKED
    PinInvalid, // a new PIN the token refuses (length, characters, too weak)
    PinExpired, // the PIN must be changed before use
    NotLoggedIn, // the operation needs a login first
    ReadOnly, // write-protected token
    NotSupported, // the token or profile cannot do this (no SM2 mechanism, unknown key type, ...)
    AlreadyExists, // an object with this CKA_ID is already on the token
    NotFound, // no such certificate or key on the token
    TokenFull, // CKR_DEVICE_MEMORY
    KeyMismatch, // a certificate and a key (or a token key and the key it should hold) differ
    BadSignature, // a signature made by the token does not verify in software
    DeviceError, // CKR_DEVICE_ERROR, CKR_FUNCTION_FAILED, CKR_GENERAL_ERROR ...
    InternalError, // a bug or an unexpected answer on our side
};

// The translated one-line message, saying what happened and what to do.
[[nodiscard]] QString tokenStatusMessage(TokenStatus status);
// Stable English identifier for logs and the CLI ("PinLocked", ...).
[[nodiscard]] QString tokenStatusName(TokenStatus status);
// The status a CKR_* return value maps to (CKR_PIN_INCORRECT -> PinIncorrect without flag information;
// callers that can read the token's flags refine it).
[[nodiscard]] TokenStatus tokenStatusFromCkr(quint64 ckr);
// "CKR_PIN_INCORRECT" for known codes, "0x...": for logs.
[[nodiscard]] QString ckrName(quint64 ckr);

// A failed operation. `detail` is technical English for logs (what failed, the CKR name); it never holds a
// PIN, key material or personal data.
struct TokenError
{
    TokenStatus status = TokenStatus::InternalError;
    QString detail;
    quint64 ckr = 0; // the PKCS#11 return value behind it, 0 when none

    [[nodiscard]] QString message() const { return tokenStatusMessage(status); }
};

[[nodiscard]] TokenError tokenError(TokenStatus status, const QString& detail, quint64 ckr = 0);

// A value or a TokenError (core/domain/Result.h).
template<typename T>
using TokenResult = Result<T, TokenError>;

} // namespace certdesk::token

Q_DECLARE_METATYPE(certdesk::token::TokenError)
