#include "Http.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace certdesk::server {

QJsonObject ApiError::toJson() const
{
    QJsonObject error {{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!fields.isEmpty()) {
        QJsonArray list;
        for (const FieldError& f : fields) {
            list.append(QJsonObject {{QStringLiteral("field"), f.field}, {QStringLiteral("code"), f.code},
                {QStringLiteral("message"), f.message}});
        }
        error.insert(QStringLiteral("fields"), list);
    }
    return QJsonObject {{QStringLiteral("error"), error}};
}

namespace errors {

namespace {
[[noreturn]] void raise(int status, const char* code, const QString& message)
{
    ApiError e;
    e.status = status;
    e.code = QString::fromLatin1(code);
    e.message = message;
    throw e;
}
} // namespace

void badRequest(const QString& message)
{
    raise(400, "bad_request", message);
}

void unauthorized(const QString& message)
{
    raise(401, "unauthorized",
        message.isEmpty() ? QCoreApplication::translate(
            "certdesk::Server", "Sign-in required: send a valid access token and try again.")
                          : message);
}

void forbidden(const QString& message)
{
    raise(403, "forbidden",
        message.isEmpty() ? QCoreApplication::translate(
            "certdesk::Server", "Your account does not have the role needed for this action.")
                          : message);
}

void notFound(const QString& message)
{
    raise(404, "not_found",
        message.isEmpty() ? QCoreApplication::translate(
            "certdesk::Server", "Not found. Check the address or number and try again.")
                          : message);
}

void conflict(const QString& message)
{
    raise(409, "conflict", message);
}

void payloadTooLarge(qint64 limit)
{
    raise(413, "payload_too_large",
        QCoreApplication::translate(
            "certdesk::Server", "The upload is larger than %1 bytes; make the file smaller and try again.")
            .arg(limit));
}

void applicationStorageFull(qint64 limit)
{
    raise(413, "payload_too_large",
        QCoreApplication::translate("certdesk::Server",
            "The documents of one application may take %1 MiB together; this file would go beyond that. Make "
            "the scans smaller (lower resolution, JPEG) and upload again.")
            .arg(limit / (1024 * 1024)));
}

void unsupportedMediaType(const QString& message)
{
    raise(415, "unsupported_media_type", message);
}

void validationFailed(const FieldErrors& fields)
{
    ApiError e;
    e.status = 422;
    e.code = QStringLiteral("validation_failed");
    e.message = QCoreApplication::translate(
        "certdesk::Server", "Some fields are not valid; correct them and submit again.");
    e.fields = fields;
    throw e;
}

void validationFailed(const QString& field, const QString& code, const QString& message)
{
    validationFailed(FieldErrors {FieldError {field, code, message}});
}

void notRenewable(const QString& reason)
{
    raise(422, "not_renewable", reason);
}

void rateLimited(int retryAfterSeconds)
{
    ApiError e;
    e.status = 429;
    e.code = QStringLiteral("rate_limited");
    e.message = QCoreApplication::translate("certdesk::Server",
        "Too many requests; wait %n second(s) and try again.", nullptr, retryAfterSeconds);
    e.headers.append({std::string("Retry-After"), std::to_string(retryAfterSeconds)});
    throw e;
}

void storageFull()
{
    raise(507, "storage_full",
        QCoreApplication::translate("certdesk::Server",
            "The service cannot store anything right now because its disk is full; nothing was changed. "
            "Try again later."));
}

void internal()
{
    raise(500, "internal_error",
        QCoreApplication::translate(
            "certdesk::Server", "The service had an internal error; nothing was changed. Try again later."));
}

void busy(int retryAfterSeconds)
{
    ApiError e;
    e.status = 503;
    e.code = QStringLiteral("busy");
    e.message = QCoreApplication::translate("certdesk::Server",
        "The service is busy; nothing was changed. Wait %n second(s) and try again.", nullptr,
        retryAfterSeconds);
    e.headers.append({std::string("Retry-After"), std::to_string(retryAfterSeconds)});
    throw e;
}

} // namespace errors

Context::Context(
    const httplib::Request& req, httplib::Response& res, const httplib::ContentReader* contentReader)
    : request(req)
    , response(res)
    , reader(contentReader)
    , address(QString::fromStdString(req.remote_addr))
{ }

bool isTrustedProxy(const QString& address, const QStringList& trustedProxies)
{
    const QHostAddress peer(address);
    if (peer.isNull())
        return false;
    for (const QString& entry : trustedProxies) {
        if (entry.contains(QLatin1Char('/'))) {
            const QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(entry);
            if (!subnet.first.isNull() && peer.isInSubnet(subnet))
                return true;
        } else if (QHostAddress(entry).isEqual(peer, QHostAddress::TolerantConversion)) {
            return true;
        }
    }
    return false;
}

QString clientAddressOf(const httplib::Request& request, const QStringList& trustedProxies)
{
    QString client = QString::fromStdString(request.remote_addr);
    if (trustedProxies.isEmpty() || !isTrustedProxy(client, trustedProxies))
        return client;
    // Several X-Forwarded-For headers are one comma-separated list, in order (RFC 9110 §5.3).
    QStringList hops;
    const size_t count = request.get_header_value_count("X-Forwarded-For");
    for (size_t i = 0; i < count; ++i) {
        for (const QString& hop :
            QString::fromStdString(request.get_header_value("X-Forwarded-For", i)).split(QLatin1Char(',')))
            hops.append(hop.trimmed());
    }
    for (qsizetype i = hops.size() - 1; i >= 0; --i) {
        const QHostAddress hop(hops.at(i));
        if (hop.isNull())
            break;
        client = hop.toString();
        if (!isTrustedProxy(client, trustedProxies))
            break;
    }
    return client;
}

QString Context::header(const char* name) const
{
    return QString::fromStdString(request.get_header_value(name));
}

QString Context::query(const char* name) const
{
    return QString::fromStdString(request.get_param_value(name));
}

bool Context::hasQuery(const char* name) const
{
    return request.has_param(name);
}

QString Context::bearerToken() const
{
    const std::string value = request.get_header_value("Authorization");
    static const std::string prefix = "Bearer ";
    if (value.size() <= prefix.size() || value.compare(0, prefix.size(), prefix) != 0) {
        // RFC 7235: the scheme is case-insensitive.
        if (value.size() > prefix.size()
            && QString::fromStdString(value.substr(0, prefix.size()))
                    .compare(QLatin1String("bearer "), Qt::CaseInsensitive)
                == 0)
            return QString::fromStdString(value.substr(prefix.size())).trimmed();
        return {};
    }
    return QString::fromStdString(value.substr(prefix.size())).trimmed();
}

QString Context::baseUrl(bool tls) const
{
    QString host = header("Host");
    if (host.isEmpty() || host.contains(QLatin1Char('/')) || host.contains(QLatin1Char(' ')))
        host = QString::fromStdString(request.local_addr) + QLatin1Char(':')
            + QString::number(request.local_port);
    return (tls ? QStringLiteral("https://") : QStringLiteral("http://")) + host;
}

QJsonObject Context::jsonObject() const
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        errors::badRequest(QCoreApplication::translate(
            "certdesk::Server", "The request body is not valid JSON (at byte %1).")
                               .arg(error.offset));
    if (!doc.isObject())
        errors::badRequest(
            QCoreApplication::translate("certdesk::Server", "The request body must be a JSON object."));
    return doc.object();
}

QJsonObject Context::jsonObjectOrEmpty() const
{
    if (body.trimmed().isEmpty())
        return {};
    return jsonObject();
}

bool Context::isFormPost() const
{
    return header("Content-Type")
        .startsWith(QLatin1String("application/x-www-form-urlencoded"), Qt::CaseInsensitive);
}

QString Context::formField(const QString& name) const
{
    QByteArray text = body;
    text.replace('+', ' ');
    const QUrlQuery query(QString::fromUtf8(text));
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

void Context::sendJson(int status, const QJsonValue& value)
{
    response.status = status;
    const QByteArray bytes = compactJson(value);
    response.set_content(bytes.constData(), size_t(bytes.size()), "application/json; charset=utf-8");
}

void Context::sendBytes(int status, const QByteArray& bytes, const char* contentType)
{
    response.status = status;
    response.set_content(bytes.constData(), size_t(bytes.size()), contentType);
}

void Context::sendHtml(int status, const QString& html)
{
    sendBytes(status, html.toUtf8(), "text/html; charset=utf-8");
}

void Context::sendError(const ApiError& error)
{
    for (const auto& [name, value] : error.headers)
        response.set_header(name, value);
    sendJson(error.status, error.toJson());
}

bool requestHasBody(const httplib::Request& request)
{
    if (request.has_header("Transfer-Encoding"))
        return true;
    return request.has_header("Content-Length") && request.get_header_value("Content-Length") != "0";
}

QByteArray compactJson(const QJsonValue& value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    // A scalar: wrap and strip the brackets.
    QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QString canonicalBodyHash(const QByteArray& body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    const QByteArray canonical = (error.error == QJsonParseError::NoError && !doc.isNull())
        ? doc.toJson(QJsonDocument::Compact)
        : body;
    return QString::fromLatin1(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex());
}

namespace {
std::vector<std::string> splitPath(const std::string& path)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        const size_t end = slash == std::string::npos ? path.size() : slash;
        if (end > start)
            parts.push_back(path.substr(start, end - start));
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return parts;
}
} // namespace

void Router::add(const char* method, const char* pattern, Body body, Handler handler)
{
    m_routes.push_back(Route {method, pattern, splitPath(pattern), body, std::move(handler)});
}

const Router::Route* Router::match(
    const std::string& method, const std::string& path, std::vector<QString>* params) const
{
    const std::vector<std::string> parts = splitPath(path);
    for (const Route& route : m_routes) {
        // "{*}" as the last segment matches one or more segments (the rest of the path).
        const bool tail = !route.segments.empty() && route.segments.back() == "{*}";
        if (route.method != method
            || (tail ? parts.size() < route.segments.size() : route.segments.size() != parts.size()))
            continue;
        bool ok = true;
        std::vector<QString> found;
        for (size_t i = 0; i < parts.size() && ok; ++i) {
            if (tail && i + 1 >= route.segments.size()) {
                QString rest;
                for (size_t j = i; j < parts.size(); ++j)
                    rest += (j > i ? QStringLiteral("/") : QString()) + QString::fromStdString(parts[j]);
                found.push_back(rest);
                break;
            }
            if (route.segments[i] == "{}")
                found.push_back(QString::fromStdString(parts[i]));
            else
                ok = route.segments[i] == parts[i];
        }
        if (ok) {
            if (params)
                *params = std::move(found);
            return &route;
        }
    }
    return nullptr;
}

} // namespace certdesk::server
