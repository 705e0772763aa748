#include "ServiceLog.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace certdesk::server {

namespace {

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace

ServiceLog::ServiceLog(Format format, std::function<void(const QString& line)> sink)
    : m_format(format)
    , m_sink(std::move(sink))
{ }

void ServiceLog::deliver(const QString& line) const
{
    if (m_sink) {
        m_sink(line);
        return;
    }
    // One write per line: lines of concurrent requests never interleave.
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

void ServiceLog::write(const char* level, const char* category, const QString& message) const
{
    if (m_format == Format::Text) {
        deliver(message);
        return;
    }
    const QJsonObject line {{QStringLiteral("time"), now()}, {QStringLiteral("level"), QLatin1String(level)},
        {QStringLiteral("category"), QLatin1String(category)}, {QStringLiteral("message"), message}};
    deliver(QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)));
}

void ServiceLog::request(
    const QString& method, const QString& path, const QString& route, int status, double milliseconds) const
{
    if (m_format == Format::Text) {
        deliver(QStringLiteral("%1 %2 %3 %4 %5ms")
                    .arg(now(), method, path)
                    .arg(status)
                    .arg(milliseconds, 0, 'f', 1));
        return;
    }
    const QJsonObject line {{QStringLiteral("time"), now()},
        {QStringLiteral("level"), status >= 500 ? QStringLiteral("error") : QStringLiteral("info")},
        {QStringLiteral("category"), QStringLiteral("http")},
        {QStringLiteral("message"), QStringLiteral("%1 %2 %3").arg(method, route).arg(status)},
        {QStringLiteral("method"), method}, {QStringLiteral("route"), route},
        {QStringLiteral("status"), status},
        {QStringLiteral("duration"), qRound(milliseconds * 1000.0) / 1000.0}};
    deliver(QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)));
}

} // namespace certdesk::server
