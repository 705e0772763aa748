#include "pki/PkiError.h"

#include "domain/CaContact.h"

#include <QCoreApplication>

#include <openssl/err.h>

namespace certdesk::pki {

QString pkiStatusMessage(PkiStatus status)
{
    switch (status) {
    case PkiStatus::Ok:
        return QCoreApplication::translate("certdesk::Pki", "The operation succeeded.");
    case PkiStatus::BadInput:
        return QCoreApplication::translate(
            "certdesk::Pki", "The certificate or key data is damaged or in an unexpected format.");
    case PkiStatus::BadSignature:
        return QCoreApplication::translate("certdesk::Pki",
            "The signature is not valid. The data may have been changed or signed with another key.");
    case PkiStatus::DecryptFailed:
        return QCoreApplication::translate("certdesk::Pki",
            "The data could not be decrypted with this key. It may be meant for another key.");
    case PkiStatus::KeyMismatch:
        return QCoreApplication::translate(
            "certdesk::Pki", "The private key does not match the public key or certificate.");
    case PkiStatus::Unsupported:
        return QCoreApplication::translate("certdesk::Pki", "This key type or algorithm is not supported.");
    case PkiStatus::InternalError:
        break;
    }
    return QCoreApplication::translate("certdesk::Pki",
        "An internal cryptography error occurred. Please try again; if it persists, call the CA's hotline "
        "%1.")
        .arg(caHotline());
}

PkiError pkiError(PkiStatus status, const QString& what)
{
    // Drain the whole queue (a later, unrelated OpenSSL call must not see these entries) and keep the first
    // reason, which names the root cause; later entries are the callers that passed it up.
    QString reason;
    const char* data = nullptr;
    int flags = 0;
    while (const unsigned long code = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) {
        if (!reason.isEmpty())
            continue;
        const char* library = ERR_lib_error_string(code);
        const char* text = ERR_reason_error_string(code);
        reason = QString::fromLatin1(library ? library : "OpenSSL") + QStringLiteral(": ")
            + (text ? QString::fromLatin1(text) : QStringLiteral("reason %1").arg(ERR_GET_REASON(code)));
        if (data != nullptr && (flags & ERR_TXT_STRING) != 0 && *data != '\0')
            reason += QStringLiteral(" (") + QString::fromUtf8(data) + QLatin1Char(')');
    }
    return PkiError {
        status, reason.isEmpty() ? what : what + QStringLiteral(" [") + reason + QLatin1Char(']')};
}

} // namespace certdesk::pki
