#include "token/TokenStatus.h"

#include "domain/CaContact.h"

#include <QCoreApplication>

#include <p11-kit/pkcs11.h>

namespace certdesk::token {

QString tokenStatusMessage(TokenStatus status)
{
    switch (status) {
    case TokenStatus::Ok:
        return QCoreApplication::translate("certdesk::Token", "Done.");
    case TokenStatus::Cancelled:
        return QCoreApplication::translate(
            "certdesk::Token", "The operation was cancelled. Nothing was left half-written on the UKey.");
    case TokenStatus::ModuleMissing:
        return QCoreApplication::translate("certdesk::Token",
            "The UKey driver (PKCS#11 module) was not found. Install the UKey vendor's driver or check the "
            "module path in the settings.");
    case TokenStatus::ModuleLoadFailed:
        return QCoreApplication::translate("certdesk::Token",
            "The UKey driver could not be loaded: the file is not a PKCS#11 module for this computer. "
            "Reinstall the UKey vendor's driver.");
    case TokenStatus::ModuleFailed:
        return QCoreApplication::translate("certdesk::Token",
            "The UKey driver failed to start. Unplug the UKey, plug it in again and retry; if it keeps "
            "failing, reinstall the vendor's driver.");
    case TokenStatus::NoSuchToken:
        return QCoreApplication::translate("certdesk::Token",
            "The UKey was not found. Check that it is plugged in and that its light is on.");
    case TokenStatus::TokenRemoved:
        return QCoreApplication::translate(
            "certdesk::Token", "The UKey was removed. Plug it in again and retry.");
    case TokenStatus::TokenNotInitialized:
        return QCoreApplication::translate(
            "certdesk::Token", "The UKey is blank or not recognized. Use a UKey issued for certificates.");
    case TokenStatus::PinIncorrect:
        return QCoreApplication::translate("certdesk::Token",
            "The PIN is wrong. Check it and try again; the UKey locks after several wrong PINs.");
    case TokenStatus::PinIncorrectCountLow:
        return QCoreApplication::translate(
            "certdesk::Token", "The PIN is wrong. Only a few tries are left before the UKey locks.");
    case TokenStatus::PinIncorrectFinalTry:
        return QCoreApplication::translate(
            "certdesk::Token", "The PIN is wrong. One try is left: one more wrong PIN locks the UKey.");
    case TokenStatus::PinLocked:
        return QCoreApplication::translate("certdesk::Token",
            "The UKey PIN is locked after too many wrong tries. Bring it to a CA service counter to unlock "
            "it, or call the CA's hotline %1.")
            .arg(caHotline());
    case TokenStatus::PinInvalid:
        return QCoreApplication::translate("certdesk::Token",
            "The UKey does not accept this new PIN. Choose a PIN of the length and characters the UKey "
            "allows.");
    case TokenStatus::PinExpired:
        return QCoreApplication::translate(
            "certdesk::Token", "The UKey PIN has expired. Change the PIN first.");
    case TokenStatus::NotLoggedIn:
        return QCoreApplication::translate("certdesk::Token", "Enter the UKey PIN first.");
    case TokenStatus::ReadOnly:
        return QCoreApplication::translate(
            "certdesk::Token", "The UKey is write-protected. Nothing can be written to it.");
    case TokenStatus::NotSupported:
        return QCoreApplication::translate("certdesk::Token", "This UKey does not support the operation.");
    case TokenStatus::AlreadyExists:
        return QCoreApplication::translate(
            "certdesk::Token", "The UKey already holds this key or certificate.");
    case TokenStatus::NotFound:
        return QCoreApplication::translate(
            "certdesk::Token", "The certificate or key was not found on the UKey.");
    case TokenStatus::TokenFull:
        return QCoreApplication::translate(
            "certdesk::Token", "The UKey is full. Remove unused certificates or use another UKey.");
    case TokenStatus::KeyMismatch:
        return QCoreApplication::translate("certdesk::Token",
            "The key on the UKey does not match the certificate. Nothing was kept on the UKey; retry, or "
            "call the CA's hotline %1.")
            .arg(caHotline());
    case TokenStatus::BadSignature:
        return QCoreApplication::translate("certdesk::Token",
            "The UKey produced an invalid signature. The UKey may be faulty or its driver unsupported.");
    case TokenStatus::DeviceError:
        return QCoreApplication::translate(
            "certdesk::Token", "The UKey reported an error. Unplug it, plug it in again and retry.");
    case TokenStatus::InternalError:
        return QCoreApplication::translate(
            "certdesk::Token", "An internal error occurred while talking to the UKey.");
    }
    return QCoreApplication::translate(
        "certdesk::Token", "An internal error occurred while talking to the UKey.");
}

QString tokenStatusName(TokenStatus status)
{
    switch (status) {
    case TokenStatus::Ok:
        return QStringLiteral("Ok");
    case TokenStatus::Cancelled:
        return QStringLiteral("Cancelled");
    case TokenStatus::ModuleMissing:
        return QStringLiteral("ModuleMissing");
    case TokenStatus::ModuleLoadFailed:
        return QStringLiteral("ModuleLoadFailed");
    case TokenStatus::ModuleFailed:
        return QStringLiteral("ModuleFailed");
    case TokenStatus::NoSuchToken:
        return QStringLiteral("NoSuchToken");
    case TokenStatus::TokenRemoved:
        return QStringLiteral("TokenRemoved");
    case TokenStatus::TokenNotInitialized:
        return QStringLiteral("TokenNotInitialized");
    case TokenStatus::PinIncorrect:
        return QStringLiteral("PinIncorrect");
    case TokenStatus::PinIncorrectCountLow:
        return QStringLiteral("PinIncorrectCountLow");
    case TokenStatus::PinIncorrectFinalTry:
        return QStringLiteral("PinIncorrectFinalTry");
    case TokenStatus::PinLocked:
        return QStringLiteral("PinLocked");
    case TokenStatus::PinInvalid:
        return QStringLiteral("PinInvalid");
    case TokenStatus::PinExpired:
        return QStringLiteral("PinExpired");
    case TokenStatus::NotLoggedIn:
        return QStringLiteral("NotLoggedIn");
    case TokenStatus::ReadOnly:
        return QStringLiteral("ReadOnly");
    case TokenStatus::NotSupported:
        return QStringLiteral("NotSupported");
    case TokenStatus::AlreadyExists:
        return QStringLiteral("AlreadyExists");
    case TokenStatus::NotFound:
        return QStringLiteral("NotFound");
    case TokenStatus::TokenFull:
        return QStringLiteral("TokenFull");
    case TokenStatus::KeyMismatch:
        return QStringLiteral("KeyMismatch");
    case TokenStatus::BadSignature:
        return QStringLiteral("BadSignature");
    case TokenStatus::DeviceError:
        return QStringLiteral("DeviceError");
    case TokenStatus::InternalError:
        return QStringLiteral("InternalError");
    }
    return QStringLiteral("InternalError");
}

TokenStatus tokenStatusFromCkr(quint64 ckr)
{
    switch (ckr) {
    case CKR_OK:
        return TokenStatus::Ok;
    case CKR_PIN_INCORRECT:
        return TokenStatus::PinIncorrect;
    case CKR_PIN_LOCKED:
        return TokenStatus::PinLocked;
    case CKR_PIN_INVALID:
    case CKR_PIN_LEN_RANGE:
    case CKR_PIN_TOO_WEAK:
        return TokenStatus::PinInvalid;
    case CKR_PIN_EXPIRED:
        return TokenStatus::PinExpired;
    case CKR_DEVICE_REMOVED:
    case CKR_TOKEN_NOT_PRESENT:
    case CKR_SESSION_HANDLE_INVALID:
    case CKR_SESSION_CLOSED:
        // After a pull, modules answer with any of these depending on how far they noticed.
        return TokenStatus::TokenRemoved;
    case CKR_TOKEN_NOT_RECOGNIZED:
    case CKR_USER_PIN_NOT_INITIALIZED:
        return TokenStatus::TokenNotInitialized;
    case CKR_USER_NOT_LOGGED_IN:
        return TokenStatus::NotLoggedIn;
    case CKR_TOKEN_WRITE_PROTECTED:
    case CKR_SESSION_READ_ONLY:
        return TokenStatus::ReadOnly;
    case CKR_DEVICE_MEMORY:
        return TokenStatus::TokenFull;
    case CKR_FUNCTION_NOT_SUPPORTED:
    case CKR_MECHANISM_INVALID:
    case CKR_MECHANISM_PARAM_INVALID:
    case CKR_KEY_TYPE_INCONSISTENT:
    case CKR_KEY_FUNCTION_NOT_PERMITTED:
    case CKR_ATTRIBUTE_TYPE_INVALID:
    case CKR_ATTRIBUTE_VALUE_INVALID:
    case CKR_TEMPLATE_INCONSISTENT:
    case CKR_TEMPLATE_INCOMPLETE:
    case CKR_DOMAIN_PARAMS_INVALID:
    case CKR_CURVE_NOT_SUPPORTED:
        return TokenStatus::NotSupported;
    case CKR_CANCEL:
    case CKR_FUNCTION_CANCELED:
        return TokenStatus::Cancelled;
    case CKR_CRYPTOKI_NOT_INITIALIZED:
        return TokenStatus::ModuleFailed;
    case CKR_OBJECT_HANDLE_INVALID:
    case CKR_KEY_HANDLE_INVALID:
        return TokenStatus::NotFound;
    case CKR_HOST_MEMORY:
    case CKR_ARGUMENTS_BAD:
    case CKR_BUFFER_TOO_SMALL:
    case CKR_OPERATION_ACTIVE:
    case CKR_OPERATION_NOT_INITIALIZED:
        return TokenStatus::InternalError;
    default:
        return TokenStatus::DeviceError;
    }
}

QString ckrName(quint64 ckr)
{
    switch (ckr) {
#define CERTDESK_CKR(name)                                                                                   \
    case name:                                                                                               \
        return QStringLiteral(#name);
        CERTDESK_CKR(CKR_OK)
        CERTDESK_CKR(CKR_CANCEL)
        CERTDESK_CKR(CKR_HOST_MEMORY)
        CERTDESK_CKR(CKR_SLOT_ID_INVALID)
        CERTDESK_CKR(CKR_GENERAL_ERROR)
        CERTDESK_CKR(CKR_FUNCTION_FAILED)
        CERTDESK_CKR(CKR_ARGUMENTS_BAD)
        CERTDESK_CKR(CKR_ATTRIBUTE_SENSITIVE)
        CERTDESK_CKR(CKR_ATTRIBUTE_TYPE_INVALID)
        CERTDESK_CKR(CKR_ATTRIBUTE_VALUE_INVALID)
        CERTDESK_CKR(CKR_DATA_LEN_RANGE)
        CERTDESK_CKR(CKR_DEVICE_ERROR)
        CERTDESK_CKR(CKR_DEVICE_MEMORY)
        CERTDESK_CKR(CKR_DEVICE_REMOVED)
        CERTDESK_CKR(CKR_FUNCTION_CANCELED)
        CERTDESK_CKR(CKR_FUNCTION_NOT_SUPPORTED)
        CERTDESK_CKR(CKR_KEY_HANDLE_INVALID)
        CERTDESK_CKR(CKR_KEY_TYPE_INCONSISTENT)
        CERTDESK_CKR(CKR_KEY_FUNCTION_NOT_PERMITTED)
        CERTDESK_CKR(CKR_MECHANISM_INVALID)
        CERTDESK_CKR(CKR_MECHANISM_PARAM_INVALID)
        CERTDESK_CKR(CKR_OBJECT_HANDLE_INVALID)
        CERTDESK_CKR(CKR_OPERATION_ACTIVE)
        CERTDESK_CKR(CKR_OPERATION_NOT_INITIALIZED)
        CERTDESK_CKR(CKR_PIN_INCORRECT)
        CERTDESK_CKR(CKR_PIN_INVALID)
        CERTDESK_CKR(CKR_PIN_LEN_RANGE)
        CERTDESK_CKR(CKR_PIN_EXPIRED)
        CERTDESK_CKR(CKR_PIN_LOCKED)
        CERTDESK_CKR(CKR_SESSION_CLOSED)
        CERTDESK_CKR(CKR_SESSION_HANDLE_INVALID)
        CERTDESK_CKR(CKR_SESSION_READ_ONLY)
        CERTDESK_CKR(CKR_SIGNATURE_INVALID)
        CERTDESK_CKR(CKR_TEMPLATE_INCOMPLETE)
        CERTDESK_CKR(CKR_TEMPLATE_INCONSISTENT)
        CERTDESK_CKR(CKR_TOKEN_NOT_PRESENT)
        CERTDESK_CKR(CKR_TOKEN_NOT_RECOGNIZED)
        CERTDESK_CKR(CKR_TOKEN_WRITE_PROTECTED)
        CERTDESK_CKR(CKR_USER_ALREADY_LOGGED_IN)
        CERTDESK_CKR(CKR_USER_NOT_LOGGED_IN)
        CERTDESK_CKR(CKR_USER_PIN_NOT_INITIALIZED)
        CERTDESK_CKR(CKR_USER_TYPE_INVALID)
        CERTDESK_CKR(CKR_BUFFER_TOO_SMALL)
        CERTDESK_CKR(CKR_CRYPTOKI_NOT_INITIALIZED)
        CERTDESK_CKR(CKR_CRYPTOKI_ALREADY_INITIALIZED)
        CERTDESK_CKR(CKR_CURVE_NOT_SUPPORTED)
        CERTDESK_CKR(CKR_PIN_TOO_WEAK)
#undef CERTDESK_CKR
    default:
        return QStringLiteral("0x%1").arg(ckr, 0, 16);
    }
}

TokenError tokenError(TokenStatus status, const QString& detail, quint64 ckr)
{
    TokenError error;
    error.status = status;
    error.ckr = ckr;
    error.detail = ckr != 0 ? detail + QStringLiteral(" (") + ckrName(ckr) + QLatin1Char(')') : detail;
    return error;
}

} // namespace certdesk::token
