#include "ResponseRecorder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <mutex>

namespace certdesk::test {

namespace {

std::mutex& fileMutex()
{
    static std::mutex mutex;
    return mutex;
}

QByteArray methodOf(const QNetworkReply* reply)
{
    switch (reply->operation()) {
    case QNetworkAccessManager::GetOperation:
        return "GET";
    case QNetworkAccessManager::PostOperation:
        return "POST";
    case QNetworkAccessManager::PutOperation:
        return "PUT";
    case QNetworkAccessManager::DeleteOperation:
        return "DELETE";
    case QNetworkAccessManager::HeadOperation:
        return "HEAD";
    default:
        return reply->request().attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    }
}

} // namespace

void recordResponse(const QByteArray& method, const QByteArray& path, int status,
    const QByteArray& contentType, const QByteArray& body)
{
    const QString file = qEnvironmentVariable("CERTDESK_RECORD_RESPONSES");
    if (file.isEmpty() || status == 0)
        return;
    QByteArray bare = path;
    if (const qsizetype query = bare.indexOf('?'); query >= 0)
        bare.truncate(query);
    QJsonObject line {{QStringLiteral("method"), QString::fromLatin1(method)},
        {QStringLiteral("path"), QString::fromUtf8(bare)}, {QStringLiteral("status"), status},
        {QStringLiteral("content_type"), QString::fromLatin1(contentType)}};
    if (contentType.startsWith("application/json")) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        if (error.error == QJsonParseError::NoError) {
            line.insert(
                QStringLiteral("body"), doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
        } else {
            // Not JSON although it says so: the validator reports it.
            line.insert(QStringLiteral("unparsable_body"), QString::fromUtf8(body.left(200)));
        }
    }
    const QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    const std::lock_guard lock(fileMutex());
    QFile out(file);
    if (out.open(QIODevice::Append))
        out.write(bytes);
}

void recordReplies(QObject* client)
{
    if (qEnvironmentVariableIsEmpty("CERTDESK_RECORD_RESPONSES") || !client)
        return;
    const auto managers = client->findChildren<QNetworkAccessManager*>();
    for (QNetworkAccessManager* manager : managers) {
        QObject::connect(manager, &QNetworkAccessManager::finished, manager, [](QNetworkReply* reply) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            recordResponse(methodOf(reply), reply->url().path(QUrl::FullyEncoded).toUtf8(), status,
                reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                reply->isOpen() ? reply->peek(reply->bytesAvailable()) : QByteArray());
        });
    }
}

} // namespace certdesk::test
