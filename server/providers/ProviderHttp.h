#pragma once

// Outgoing HTTP to a provider (payment, liveness, real-name, SMS), on cpp-httplib's client with OpenSSL.
// Every call has a connection and a read timeout; a call that got no answer, or a 429 / 5xx answer, is
// retried with exponential backoff (the callers make every request idempotent: the same out_trade_no, the
// same message id), and a 4xx answer is final. Base URLs must be https except on loopback, where the tests'
// simulators listen.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <chrono>
#include <functional>

namespace certdesk::server::providers {

struct RetryPolicy
{
    int attempts = 3; // 1 = no retry
    std::chrono::milliseconds connectTimeout {3000};
    std::chrono::milliseconds readTimeout {5000};
    std::chrono::milliseconds firstBackoff {250}; // doubled after each failed attempt
};

struct HttpCall
{
    QString method; // "GET" or "POST"
    QString path; // with query, from the base URL's root
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray contentType;
};

struct HttpAnswer
{
    int status = 0; // 0 = no answer (refused, timed out, TLS failure)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int attempts = 0;
    QString error; // why there was no answer, for the log (never personal data)

    [[nodiscard]] QByteArray header(const QByteArray& name) const;
    [[nodiscard]] bool ok() const { return status >= 200 && status < 300; }
};

// Whether `baseUrl` is acceptable: https, or http on a loopback address.
[[nodiscard]] bool isAcceptableBaseUrl(const QString& baseUrl);

// Sends `call` to `baseUrl` (scheme, host, port and an optional path prefix) under `policy`. `prepare` is
// called before each attempt so that signed headers carry a fresh timestamp and nonce.
class ProviderHttp
{
public:
    ProviderHttp(QString baseUrl, RetryPolicy policy);

    [[nodiscard]] HttpAnswer send(const HttpCall& call) const;
    template<typename Prepare>
    [[nodiscard]] HttpAnswer send(const HttpCall& call, Prepare&& prepare) const
    {
        return sendPrepared(call, [&prepare](HttpCall& c) { prepare(c); });
    }
    [[nodiscard]] QString baseUrl() const { return m_baseUrl; }
    // The path prefix of the base URL ("" or "/shim"), prepended to every call's path.
    [[nodiscard]] QString pathPrefix() const { return m_prefix; }

private:
    [[nodiscard]] HttpAnswer sendPrepared(
        const HttpCall& call, const std::function<void(HttpCall&)>& prepare) const;
    [[nodiscard]] HttpAnswer attempt(const HttpCall& call) const;

    QString m_baseUrl;
    QString m_origin; // scheme://host:port
    QString m_prefix;
    RetryPolicy m_policy;
};

} // namespace certdesk::server::providers
