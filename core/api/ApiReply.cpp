#include "api/ApiReply.h"

#include <QEventLoop>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QTimer>

namespace certdesk::api {

// Logs the operation name, status and attempt number only: never URLs (they hold ids and query keywords),
// headers (tokens) or bodies (personal data).
Q_LOGGING_CATEGORY(lcApi, "certdesk.api", QtWarningMsg)

ApiReplyBase::ApiReplyBase(
    std::shared_ptr<const detail::Transport> transport, detail::RequestSpec spec, QObject* parent)
    : QObject(parent)
    , m_transport(std::move(transport))
    , m_spec(std::move(spec))
{ }

ApiReplyBase::~ApiReplyBase()
{
    if (m_reply) {
        // Disconnect first: abort() emits finished() synchronously and this object is half destroyed.
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiReplyBase::start()
{
    startAttempt();
}

void ApiReplyBase::startAttempt()
{
    if (m_finished)
        return;
    QNetworkAccessManager* manager = m_transport->manager;
    if (!manager) {
        // The client is being destroyed; report asynchronously like every other outcome.
        QTimer::singleShot(0, this, [this] { finish(ApiError::make(ApiError::Kind::Cancelled)); });
        return;
    }
    ++m_attempts;
    m_tlsFailed = false;
    m_tlsDetail.clear();

    QUrl url = m_transport->apiBase;
    QString basePath = url.path(QUrl::FullyEncoded);
    if (m_spec.serviceRoot && basePath.endsWith(QLatin1String("/api/v1")))
        basePath.chop(7);
    url.setPath(basePath + m_spec.path, QUrl::TolerantMode);
    if (!m_spec.query.isEmpty())
        url.setQuery(m_spec.query);

    QNetworkRequest request(url);
    request.setTransferTimeout(static_cast<int>(m_transport->transferTimeout.count()));
    // Tokens must not follow a redirect to another origin.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    request.setRawHeader(QByteArrayLiteral("Accept"), m_spec.accept);
    if (!m_transport->userAgent.isEmpty())
        request.setHeader(QNetworkRequest::UserAgentHeader, m_transport->userAgent);
    if (!m_spec.contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, m_spec.contentType);
    if (!m_spec.bearer.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_spec.bearer.toUtf8());
    if (!m_spec.idempotencyKey.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Idempotency-Key"), m_spec.idempotencyKey.toUtf8());
    if (m_transport->ssl)
        request.setSslConfiguration(*m_transport->ssl);

    QNetworkReply* reply = nullptr;
    if (m_spec.verb == "GET")
        reply = manager->get(request);
    else if (m_spec.verb == "PUT")
        reply = manager->put(request, m_spec.body);
    else if (m_spec.verb == "POST")
        reply = manager->post(request, m_spec.body);
    else
        reply = manager->sendCustomRequest(request, m_spec.verb, m_spec.body);
    m_reply = reply;

    qCDebug(lcApi) << m_spec.operation << "attempt" << m_attempts;

    connect(reply, &QNetworkReply::uploadProgress, this, &ApiReplyBase::uploadProgress);
    connect(reply, &QNetworkReply::downloadProgress, this, &ApiReplyBase::downloadProgress);
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
        // Not ignored: with pinned CAs a chain to any other CA is exactly what must fail.
        m_tlsFailed = true;
        if (!errors.isEmpty())
            m_tlsDetail = errors.first().errorString();
    });
    connect(reply, &QNetworkReply::finished, this, &ApiReplyBase::onReplyFinished);
}

void ApiReplyBase::abort()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_reply && m_reply->isRunning()) {
        m_reply->abort(); // emits finished(): onReplyFinished() reports Cancelled
        return;
    }
    // Waiting for a retry: report now; the scheduled attempt sees m_finished and does nothing.
    QTimer::singleShot(0, this, [this] { finish(ApiError::make(ApiError::Kind::Cancelled)); });
}

bool ApiReplyBase::waitForFinished(std::chrono::milliseconds timeout)
{
    if (m_finished)
        return true;
    QEventLoop loop;
    connect(this, &ApiReplyBase::finished, &loop, &QEventLoop::quit);
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeout);
    loop.exec();
    return m_finished;
}

void ApiReplyBase::onReplyFinished()
{
    QNetworkReply* reply = qobject_cast<QNetworkReply*>(sender());
    if (!reply || reply != m_reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    if (m_finished)
        return;

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // An aborted reply (cancel, transfer timeout) is closed: reading it only produces a warning.
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();

    if (m_cancelled) {
        finish(ApiError::make(ApiError::Kind::Cancelled));
        return;
    }
    if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
        qCDebug(lcApi) << m_spec.operation << "->" << status;
        detail::RawResponse response;
        response.status = status;
        response.body = body;
        response.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        std::optional<ApiError> parseError = accept(response);
        if (parseError)
            parseError->httpStatus = status;
        finish(std::move(parseError));
        return;
    }

    const ApiError error = errorFromReply(reply, status, body);
    if (m_transport->retry.shouldRetry(error, m_spec.repeatable, m_attempts)) {
        const auto delay = m_transport->retry.delayBefore(m_attempts, error);
        qCInfo(lcApi) << m_spec.operation << "failed:" << error.logSummary() << "- retrying in"
                      << delay.count() << "ms";
        Q_EMIT retryScheduled(m_attempts + 1, static_cast<qint64>(delay.count()));
        m_transport->scheduler->schedule(delay, this, [this] { startAttempt(); });
        return;
    }
    finish(error);
}

ApiError ApiReplyBase::errorFromReply(QNetworkReply* reply, int status, const QByteArray& body) const
{
    if (status != 0) {
        ApiError error = ApiError::fromHttp(status, body);
        const QByteArray retryAfter = reply->rawHeader(QByteArrayLiteral("Retry-After"));
        if (!retryAfter.isEmpty()) {
            const QDateTime now = m_transport->clock ? m_transport->clock() : QDateTime::currentDateTimeUtc();
            error.retryAfter = parseRetryAfter(retryAfter, now);
        }
        return error;
    }
    const QNetworkReply::NetworkError code = reply->error();
    if (m_tlsFailed || code == QNetworkReply::SslHandshakeFailedError
        || code == QNetworkReply::InsecureRedirectError)
        return ApiError::make(
            ApiError::Kind::Tls, m_tlsDetail.isEmpty() ? reply->errorString() : m_tlsDetail);
    // setTransferTimeout() ends a stalled transfer with abort(), i.e. OperationCanceledError; a cancel by the
    // caller was handled before, so here it means the timeout.
    if (code == QNetworkReply::OperationCanceledError || code == QNetworkReply::TimeoutError)
        return ApiError::make(ApiError::Kind::Timeout, reply->errorString());
    return ApiError::make(ApiError::Kind::Network, reply->errorString());
}

void ApiReplyBase::finish(std::optional<ApiError> error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (error) {
        qCInfo(lcApi) << m_spec.operation << "failed:" << error->logSummary() << "after" << m_attempts
                      << "attempt(s)";
        m_error = error;
        reject(*error);
    }
    Q_EMIT finished();
}

} // namespace certdesk::api
