#include "api/ApiError.h"

#include "domain/CaContact.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace certdesk::api {

// Every message is written out as QCoreApplication::translate("certdesk::ApiError", ...) so that lupdate sees
// the context and the text.

std::optional<FieldError> ApiError::fieldError(const QString& field) const
{
    for (const FieldError& error : fields) {
        if (error.field == field)
            return error;
    }
    return std::nullopt;
}

QString ApiError::kindMessage(Kind kind)
{
    switch (kind) {
    case Kind::Network:
        return QCoreApplication::translate("certdesk::ApiError",
            "The certificate service could not be reached. Check the network connection and try again.");
    case Kind::Timeout:
        return QCoreApplication::translate("certdesk::ApiError",
            "The certificate service did not answer in time. Wait a moment and try again.");
    case Kind::Tls:
        return QCoreApplication::translate("certdesk::ApiError",
            "The identity of the certificate service could not be verified, so the connection was closed. "
            "Do not continue on this network; call the CA's hotline %1 or use its online service.")
            .arg(caHotline());
    case Kind::Http:
        return QCoreApplication::translate("certdesk::ApiError",
            "The certificate service refused the request. Check the information and try again, or call the "
            "CA's hotline %1 or use its online service.")
            .arg(caHotline());
    case Kind::Parse:
        return QCoreApplication::translate("certdesk::ApiError",
            "The certificate service sent an answer that CertDesk does not understand. Update CertDesk or "
            "call the CA's hotline %1 or use its online service.")
            .arg(caHotline());
    case Kind::Cancelled:
        return QCoreApplication::translate("certdesk::ApiError", "The request was cancelled.");
    }
    return {};
}

QString ApiError::userMessage() const
{
    if (kind != Kind::Http)
        return kindMessage(kind);
    if (httpStatus == 401)
        return QCoreApplication::translate(
            "certdesk::ApiError", "Your sign-in has expired or is not valid. Sign in again.");
    if (httpStatus == 403)
        return QCoreApplication::translate("certdesk::ApiError",
            "Your account is not allowed to do this. Ask a colleague with the right role.");
    if (httpStatus == 404)
        return QCoreApplication::translate("certdesk::ApiError",
            "The certificate service does not know this record. Check the number you entered.");
    if (code == QLatin1String("not_renewable"))
        return QCoreApplication::translate("certdesk::ApiError",
            "This certificate cannot be renewed now. See the reason shown, or call the CA's hotline "
            "%1 or use its online service.")
            .arg(caHotline());
    if (httpStatus == 409)
        return QCoreApplication::translate("certdesk::ApiError",
            "The application has changed in the meantime and this step is not possible now. Reload the "
            "application and try again.");
    if (httpStatus == 413)
        return QCoreApplication::translate("certdesk::ApiError",
            "The file is larger than the service accepts, or the application's documents together would go "
            "beyond the service's limit. Scan it at a lower resolution or compress it, then upload it "
            "again.");
    if (httpStatus == 415)
        return QCoreApplication::translate(
            "certdesk::ApiError", "The file type is not accepted. Upload a JPG, BMP, GIF, PNG or PDF file.");
    if (httpStatus == 422 && !fields.isEmpty())
        return QCoreApplication::translate(
            "certdesk::ApiError", "Some information is not valid. Correct the marked fields and try again.");
    if (httpStatus == 422)
        return QCoreApplication::translate(
            "certdesk::ApiError", "The service could not accept this content. Check it and try again.");
    if (httpStatus == 429)
        return QCoreApplication::translate(
            "certdesk::ApiError", "Too many requests in a short time. Wait a minute and try again.");
    if (httpStatus >= 500)
        return QCoreApplication::translate("certdesk::ApiError",
            "The certificate service has a temporary problem. Try again later; if it persists, call the CA's "
            "hotline %1 or use its online service.")
            .arg(caHotline());
    return kindMessage(kind);
}

QString ApiError::logSummary() const
{
    switch (kind) {
    case Kind::Network:
        return QStringLiteral("network: ") + detail;
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Tls:
        return QStringLiteral("tls: ") + detail;
    case Kind::Http:
        return QStringLiteral("http %1 %2").arg(httpStatus).arg(code);
    case Kind::Parse:
        return QStringLiteral("parse: ") + detail;
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

ApiError ApiError::fromHttp(int status, const QByteArray& body)
{
    ApiError error;
    error.kind = Kind::Http;
    error.httpStatus = status;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return error;
    const QJsonObject object = doc.object().value(QLatin1String("error")).toObject();
    error.code = object.value(QLatin1String("code")).toString();
    error.message = object.value(QLatin1String("message")).toString();
    const QJsonArray fields = object.value(QLatin1String("fields")).toArray();
    for (const QJsonValue& value : fields) {
        const QJsonObject field = value.toObject();
        FieldError fieldError;
        fieldError.field = field.value(QLatin1String("field")).toString();
        fieldError.code = field.value(QLatin1String("code")).toString();
        fieldError.message = field.value(QLatin1String("message")).toString();
        if (!fieldError.field.isEmpty())
            error.fields.append(fieldError);
    }
    return error;
}

ApiError ApiError::make(Kind kind, const QString& detail)
{
    ApiError error;
    error.kind = kind;
    error.detail = detail;
    return error;
}

std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray& value, const QDateTime& now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qlonglong seconds = trimmed.toLongLong(&isNumber);
    if (isNumber) {
        // delay-seconds is 1*DIGIT: a sign is not allowed.
        if (seconds < 0 || trimmed.startsWith('+'))
            return std::nullopt;
        return std::chrono::milliseconds(std::chrono::seconds(seconds));
    }
    // HTTP-date, IMF-fixdate form ("Sun, 06 Nov 1994 08:49:37 GMT"); the obsolete forms are not produced by
    // any current server and are treated as absent.
    const QDateTime date = QLocale::c().toDateTime(
        QString::fromLatin1(trimmed), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!date.isValid())
        return std::nullopt;
    const QDateTime utc(date.date(), date.time(), Qt::UTC);
    const qint64 ms = now.msecsTo(utc);
    return std::chrono::milliseconds(ms > 0 ? ms : 0);
}

} // namespace certdesk::api
