#pragma once

#include "domain/FieldError.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include "HttpLib.h"

#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace certdesk::server {

// An API error as the contract shapes it: HTTP status, machine code, human message and, for validation
// errors, the bad fields. Handlers throw it; the dispatcher turns it into the JSON body.
struct ApiError : std::exception
{
    int status = 500;
    QString code;
    QString message;
    FieldErrors fields;
    QList<QPair<std::string, std::string>> headers;

    [[nodiscard]] const char* what() const noexcept override { return "api error"; }
    [[nodiscard]] QJsonObject toJson() const;
};

namespace errors {
[[noreturn]] void badRequest(const QString& message);
[[noreturn]] void unauthorized(const QString& message = {});
[[noreturn]] void forbidden(const QString& message = {});
[[noreturn]] void notFound(const QString& message = {});
[[noreturn]] void conflict(const QString& message);
[[noreturn]] void payloadTooLarge(qint64 limit);
// 413 payload_too_large for an upload that would take an application's documents past `limit` bytes together.
[[noreturn]] void applicationStorageFull(qint64 limit);
[[noreturn]] void unsupportedMediaType(const QString& message);
[[noreturn]] void validationFailed(const FieldErrors& fields);
[[noreturn]] void validationFailed(const QString& field, const QString& code, const QString& message);
[[noreturn]] void notRenewable(const QString& reason);
[[noreturn]] void rateLimited(int retryAfterSeconds);
// 507 Insufficient Storage (RFC 4918 §11.5): the service's disk is full; nothing of the request was stored.
[[noreturn]] void storageFull();
// 500 internal_error: nothing was changed.
[[noreturn]] void internal();
// 503 Service Unavailable with Retry-After (RFC 9110 §15.6.4): the database stayed locked by another process.
[[noreturn]] void busy(int retryAfterSeconds);
} // namespace errors

// One request as a handler sees it: path parameters, the body (already read and size-checked for JSON routes,
// or a reader for streaming routes), and helpers for the reply.
class Context
{
public:
    Context(
        const httplib::Request& request, httplib::Response& response, const httplib::ContentReader* reader);

    const httplib::Request& request;
    httplib::Response& response;
    const httplib::ContentReader* reader = nullptr; // POST/PUT only
    std::vector<QString> params; // the {} segments of the route, in order
    QByteArray body;
    bool bodyConsumed = false;

    [[nodiscard]] QString param(size_t index) const
    {
        return index < params.size() ? params[index] : QString();
    }
    [[nodiscard]] QString header(const char* name) const;
    [[nodiscard]] QString query(const char* name) const;
    [[nodiscard]] bool hasQuery(const char* name) const;
    // The Bearer token of the Authorization header, or empty.
    [[nodiscard]] QString bearerToken() const;
    // The client's address for per-address limits: the peer, or what a trusted proxy says in X-Forwarded-For
    // (set by the dispatcher, see clientAddressOf()).
    [[nodiscard]] QString clientAddress() const { return address; }
    QString address;
    // Scheme, host and port the client used ("http://127.0.0.1:8443"), for URLs the service hands out.
    [[nodiscard]] QString baseUrl(bool tls) const;
    // The body as a JSON object; 400 bad_request when it is not one.
    [[nodiscard]] QJsonObject jsonObject() const;
    // The body as an optional JSON object: an empty body gives an empty object.
    [[nodiscard]] QJsonObject jsonObjectOrEmpty() const;
    [[nodiscard]] bool isFormPost() const;
    // application/x-www-form-urlencoded body fields (the sandbox pages post plain HTML forms).
    [[nodiscard]] QString formField(const QString& name) const;

    void sendJson(int status, const QJsonValue& value);
    void sendBytes(int status, const QByteArray& bytes, const char* contentType);
    void sendHtml(int status, const QString& html);
    void sendError(const ApiError& error);

    // Idempotency (POSTs that create): the key of this request and a hash of its canonical body.
    QString idempotencyKey;
    QString idempotencyScope;
    QString requestHash;
    bool replayed = false;
    // What each per-address limiter answered for this request (RateLimiter::acquire): a request run again
    // after a conflict (retryOnConflict) is counted once.
    std::map<const void*, int> rateLimitWaits;
};

// The address of the client behind `request`: the TCP peer, unless the peer is one of `trustedProxies`
// (addresses or CIDR subnets such as "10.0.0.0/8"). Then X-Forwarded-For is read from the right (each proxy
// appends the address it received from, so the right end is the one the nearest trusted proxy wrote) past
// the trusted proxies; the first address that is not one is the client. An entry that is not an IP address
// stops the walk at the last trusted hop: anything left of it was written by whoever sent it.
[[nodiscard]] QString clientAddressOf(const httplib::Request& request, const QStringList& trustedProxies);
// Whether `address` is one of `trustedProxies` (addresses or CIDR subnets).
[[nodiscard]] bool isTrustedProxy(const QString& address, const QStringList& trustedProxies);

// RFC 9112 §6.3: a request carries a body only with Content-Length or Transfer-Encoding; without either the
// body is empty (httplib would otherwise read until the client closes the connection).
[[nodiscard]] bool requestHasBody(const httplib::Request& request);

[[nodiscard]] QByteArray compactJson(const QJsonValue& value);
// Canonical JSON of a body (keys sorted, no whitespace): equal bodies that differ only in spacing or key
// order hash the same for Idempotency-Key.
[[nodiscard]] QString canonicalBodyHash(const QByteArray& body);

// Minimal routing on path segments (no regex per request): "{}" matches one non-empty segment, a final "{*}"
// the rest of the path.
class Router
{
public:
    enum class Body
    {
        None,
        Json,
        Stream
    };
    using Handler = std::function<void(Context&)>;
    struct Route
    {
        std::string method;
        // The route as registered ("/api/v1/applications/{}"): the label of its metrics and log lines, which
        // never carry ids.
        std::string pattern;
        std::vector<std::string> segments;
        Body body = Body::None;
        Handler handler;
    };

    void add(const char* method, const char* pattern, Body body, Handler handler);
    // The route for `method` and `path` and its parameters; nullptr when none.
    [[nodiscard]] const Route* match(
        const std::string& method, const std::string& path, std::vector<QString>* params) const;

private:
    std::vector<Route> m_routes;
};

} // namespace certdesk::server
