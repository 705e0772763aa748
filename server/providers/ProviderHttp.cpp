#include "ProviderHttp.h"

#include <QHostAddress>
#include <QUrl>

#include "server/HttpLib.h"

#include <thread>

namespace certdesk::server::providers {

QByteArray HttpAnswer::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool isAcceptableBaseUrl(const QString& baseUrl)
{
    const QUrl url(baseUrl, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || url.hasQuery() || url.hasFragment())
        return false;
    if (url.scheme() == QLatin1String("https"))
        return true;
    const QHostAddress address(url.host());
    return url.scheme() == QLatin1String("http")
        && (address.isLoopback() || url.host() == QLatin1String("localhost"));
}

ProviderHttp::ProviderHttp(QString baseUrl, RetryPolicy policy)
    : m_baseUrl(std::move(baseUrl))
    , m_policy(policy)
{
    const QUrl url(m_baseUrl);
    m_origin = url.scheme() + QStringLiteral("://") + url.authority();
    m_prefix = url.path();
    while (m_prefix.endsWith(QLatin1Char('/')))
        m_prefix.chop(1);
}

HttpAnswer ProviderHttp::send(const HttpCall& call) const
{
    return sendPrepared(call, [](HttpCall&) {});
}

HttpAnswer ProviderHttp::sendPrepared(
    const HttpCall& call, const std::function<void(HttpCall&)>& prepare) const
{
    HttpAnswer answer;
    auto backoff = m_policy.firstBackoff;
    const int attempts = qMax(1, m_policy.attempts);
    for (int i = 1; i <= attempts; ++i) {
        HttpCall prepared = call;
        prepared.path = m_prefix + call.path;
        prepare(prepared);
        answer = attempt(prepared);
        answer.attempts = i;
        // A definite answer other than overload or a server error is final: retrying a 4xx changes nothing.
        if (answer.status != 0 && answer.status != 429 && answer.status < 500)
            break;
        if (i < attempts) {
            std::this_thread::sleep_for(backoff);
            backoff *= 2;
        }
    }
    return answer;
}

HttpAnswer ProviderHttp::attempt(const HttpCall& call) const
{
    HttpAnswer answer;
    httplib::Client client(m_origin.toStdString());
    const auto seconds = [](std::chrono::milliseconds ms) {
        return std::pair<time_t, time_t>(time_t(ms.count() / 1000), time_t((ms.count() % 1000) * 1000));
    };
    const auto [cs, cus] = seconds(m_policy.connectTimeout);
    const auto [rs, rus] = seconds(m_policy.readTimeout);
    client.set_connection_timeout(cs, cus);
    client.set_read_timeout(rs, rus);
    client.set_write_timeout(rs, rus);
    client.set_keep_alive(false);
    client.enable_server_certificate_verification(true);
    httplib::Headers headers;
    for (const auto& [name, value] : call.headers)
        headers.emplace(name.toStdString(), value.toStdString());
    const std::string path = call.path.toStdString();
    httplib::Result result = call.method == QLatin1String("GET")
        ? client.Get(path, headers)
        : client.Post(path, headers, call.body.constData(), size_t(call.body.size()),
            call.contentType.isEmpty() ? std::string("application/json") : call.contentType.toStdString());
    if (!result) {
        answer.error = QString::fromStdString(httplib::to_string(result.error()));
        return answer;
    }
    answer.status = result->status;
    answer.body = QByteArray::fromStdString(result->body);
    for (const auto& [name, value] : result->headers)
        answer.headers.append({QByteArray::fromStdString(name), QByteArray::fromStdString(value)});
    return answer;
}

} // namespace certdesk::server::providers
