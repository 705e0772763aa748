#include "SignedHttp.h"

#include "ProviderCrypto.h"

#include "../Secrets.h"

#include <QJsonDocument>

namespace certdesk::server::providers {

SignedHttp::SignedHttp(
    SignedHttpConfig config, pki::SecureBytes secret, RetryPolicy policy, int windowSeconds)
    : m_config(std::move(config))
    , m_secret(std::move(secret))
    , m_http(m_config.baseUrl, policy)
    , m_window(windowSeconds)
{ }

QByteArray SignedHttp::signature(const pki::SecureBytes& secret, const QByteArray& method,
    const QByteArray& path, const QByteArray& timestamp, const QByteArray& nonce, const QByteArray& body)
{
    return crypto::hmacSha256Hex(
        secret, method + '\n' + path + '\n' + timestamp + '\n' + nonce + '\n' + body);
}

QString SignedHttp::check(const QByteArray& method, const QByteArray& path, const SignedHeaders& h,
    const QByteArray& body, const QDateTime& now) const
{
    if (h.timestamp.isEmpty() || h.nonce.isEmpty() || h.signature.isEmpty())
        return QStringLiteral("unsigned");
    if (h.client != m_config.clientId.toUtf8())
        return QStringLiteral("wrong_client");
    bool ok = false;
    const qint64 at = h.timestamp.toLongLong(&ok);
    if (!ok || qAbs(now.toSecsSinceEpoch() - at) > m_window)
        return QStringLiteral("stale");
    const QByteArray expected = signature(m_secret, method, path, h.timestamp, h.nonce, body);
    if (!secrets::constantTimeEquals(expected, h.signature.toLower()))
        return QStringLiteral("bad_signature");
    return {};
}

std::optional<QJsonObject> SignedHttp::post(
    const QString& path, const QJsonObject& body, CallOutcome* outcome, QString* detail) const
{
    HttpCall c;
    c.method = QStringLiteral("POST");
    c.path = path;
    c.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    c.contentType = "application/json";
    QByteArray signedPath;
    const HttpAnswer answer = m_http.send(c, [this, &signedPath](HttpCall& prepared) {
        const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
        const QByteArray nonce = secrets::randomHex(16).toLatin1();
        signedPath = prepared.path.toUtf8();
        prepared.headers = {{"X-CertDesk-Client", m_config.clientId.toUtf8()},
            {"X-CertDesk-Timestamp", timestamp}, {"X-CertDesk-Nonce", nonce},
            {"X-CertDesk-Signature",
                signature(m_secret, "POST", signedPath, timestamp, nonce, prepared.body)}};
    });
    if (!answer.ok()) {
        *outcome = answer.status == 0 || answer.status == 429 || answer.status >= 500
            ? CallOutcome::Unavailable
            : CallOutcome::Refused;
        *detail = answer.status == 0 ? answer.error : QStringLiteral("HTTP %1").arg(answer.status);
        return std::nullopt;
    }
    const QString problem = check("RESPONSE", signedPath,
        {answer.header("X-CertDesk-Client"), answer.header("X-CertDesk-Timestamp"),
            answer.header("X-CertDesk-Nonce"), answer.header("X-CertDesk-Signature")},
        answer.body, QDateTime::currentDateTimeUtc());
    const QJsonDocument doc = QJsonDocument::fromJson(answer.body);
    if (!problem.isEmpty() || !doc.isObject()) {
        *outcome = CallOutcome::Refused;
        *detail
            = problem.isEmpty() ? QStringLiteral("not a JSON object") : QStringLiteral("answer ") + problem;
        return std::nullopt;
    }
    *outcome = CallOutcome::Ok;
    return doc.object();
}

} // namespace certdesk::server::providers
