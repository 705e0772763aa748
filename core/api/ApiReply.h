#pragma once

#include "api/ApiResult.h"
#include "api/RetryPolicy.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>
#include <QUrlQuery>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace certdesk::api {

namespace detail {

// What every request of one ApiClient shares. Immutable once built; the client swaps in a new one when its
// configuration changes, so requests in flight keep the settings they started with.
struct Transport
{
    QPointer<QNetworkAccessManager> manager;
    QUrl apiBase; // ".../api/v1" without a trailing slash
    std::chrono::milliseconds transferTimeout {30000};
    std::optional<QSslConfiguration> ssl; // set when CA certificates are pinned
    RetryPolicy retry;
    std::shared_ptr<RetryScheduler> scheduler;
    std::function<QDateTime()> clock;
    QByteArray userAgent;
};

// One logical call (possibly several attempts).
struct RequestSpec
{
    const char* operation = ""; // name for the log ("createApplication"); the URL is never logged
    QByteArray verb; // GET, PUT, POST
    QString path; // below /api/v1, already percent-encoded ("/applications/abc")
    QUrlQuery query;
    QByteArray body;
    QByteArray contentType;
    QString bearer; // Authorization: Bearer <token>; empty for none
    QString idempotencyKey; // Idempotency-Key header; empty for none
    bool repeatable = false; // safe to send again (GET/PUT, or POST with an Idempotency-Key)
    QByteArray accept = QByteArrayLiteral("application/json");
    // `path` is below the service's base URL instead of /api/v1 (the OCSP responder, RFC 6960 Appendix A).
    bool serviceRoot = false;
};

struct RawResponse
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
};

} // namespace detail

// The handle of one call in flight. It is created by ApiClient, parented to it, and emits finished() exactly
// once (also after abort()); retries happen inside it. Ownership: the caller deletes it (deleteLater() in the
// slot connected to finished(), or use ApiReply::then(), which does that); replies left over are deleted with
// the client. finished() is never emitted before the call returns, so connecting right after the call is
// safe.
class ApiReplyBase : public QObject
{
    Q_OBJECT

public:
    ~ApiReplyBase() override;

    [[nodiscard]] bool isFinished() const { return m_finished; }
    // After finished(): the error, or nullopt on success.
    [[nodiscard]] const std::optional<ApiError>& error() const { return m_error; }
    // Attempts made so far (1 unless retried).
    [[nodiscard]] int attempts() const { return m_attempts; }
    // The Idempotency-Key sent with every attempt; empty for calls without one.
    [[nodiscard]] QString idempotencyKey() const { return m_spec.idempotencyKey; }

    // Cancels the call; finished() follows with an error of kind Cancelled. No effect once finished.
    void abort();

    // Runs a local event loop until finished() or the timeout. For command-line tools and tests only: never
    // on the GUI thread (re-entrancy). Returns isFinished().
    bool waitForFinished(std::chrono::milliseconds timeout = std::chrono::minutes(2));

Q_SIGNALS:
    void finished();
    void uploadProgress(qint64 bytesSent, qint64 bytesTotal);
    void downloadProgress(qint64 bytesReceived, qint64 bytesTotal);
    // A transient failure; the next attempt (number `nextAttempt`) starts after `delayMs`.
    void retryScheduled(int nextAttempt, qint64 delayMs);

protected:
    ApiReplyBase(
        std::shared_ptr<const detail::Transport> transport, detail::RequestSpec spec, QObject* parent);

    // A 2xx answer: parse and keep the value; return the Parse error if the body is not what was expected.
    virtual std::optional<ApiError> accept(const detail::RawResponse& response) = 0;
    // The call failed for good.
    virtual void reject(const ApiError& error) = 0;

private:
    friend class ApiClient;
    void start();
    void startAttempt();
    void onReplyFinished();
    void finish(std::optional<ApiError> error);
    [[nodiscard]] ApiError errorFromReply(QNetworkReply* reply, int status, const QByteArray& body) const;

    std::shared_ptr<const detail::Transport> m_transport;
    detail::RequestSpec m_spec;
    QPointer<QNetworkReply> m_reply;
    std::optional<ApiError> m_error;
    int m_attempts = 0;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_tlsFailed = false;
    QString m_tlsDetail;
};

template<class T>
class ApiReply final : public ApiReplyBase
{
public:
    using Parser = std::function<ApiResult<T>(const detail::RawResponse&)>;

    ApiReply(std::shared_ptr<const detail::Transport> transport, detail::RequestSpec spec, Parser parser,
        QObject* parent)
        : ApiReplyBase(std::move(transport), std::move(spec), parent)
        , m_parser(std::move(parser))
    { }

    // The value or the error. Before finished() this is a Cancelled error with detail "not finished".
    [[nodiscard]] ApiResult<T> result() const
    {
        if (m_result)
            return *m_result;
        return ApiError::make(ApiError::Kind::Cancelled, QStringLiteral("not finished"));
    }

    // Calls `callback(const ApiResult<T>&)` on `context`'s thread when finished, then deletes this reply. If
    // `context` is destroyed first, the callback is not called (the reply is deleted with the client).
    // `context` must not be null.
    template<class Callback>
    void then(QObject* context, Callback callback)
    {
        QObject::connect(
            this, &ApiReplyBase::finished, context, [this, callback = std::move(callback)]() mutable {
                callback(result());
                deleteLater();
            });
    }

protected:
    std::optional<ApiError> accept(const detail::RawResponse& response) override
    {
        ApiResult<T> parsed = m_parser(response);
        if (!parsed.ok())
            return parsed.error();
        m_result.emplace(std::move(parsed));
        return std::nullopt;
    }

    void reject(const ApiError& error) override { m_result.emplace(error); }

private:
    Parser m_parser;
    std::optional<ApiResult<T>> m_result;
};

} // namespace certdesk::api
