#include "RevocationWebhook.h"

#include "Audit.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include "HttpLib.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <chrono>

namespace certdesk::server {

namespace {

// Once delivered a row is done; a row being sent is leased for this long, so that another instance on the
// same database does not send it at the same time (and a crashed sender's row is picked up again).
constexpr qint64 kLeaseSeconds = 60;
constexpr qint64 kMaxDelaySeconds = 3600;
// How often the queue is looked at without a wake-up (rows queued by another instance).
constexpr qint64 kIdleSeconds = 60;

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

} // namespace

RevocationWebhook::RevocationWebhook(
    Database& database, Settings settings, std::function<void(const QString&)> log)
    : m_database(database)
    , m_settings(std::move(settings))
    , m_log(std::move(log))
{
    m_thread = std::thread([this] { runLoop(); });
}

RevocationWebhook::~RevocationWebhook()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wakeUp.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void RevocationWebhook::wake()
{
    {
        const std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wakeUp.notify_all();
}

bool RevocationWebhook::validUrl(const QString& url, QString* error)
{
    const QUrl parsed(url, QUrl::StrictMode);
    // Loopback: localhost, 127.0.0.0/8 (RFC 1122 §3.2.1.3), ::1. QUrl has already normalised an IPv4
    // address to four decimal octets; a name that merely starts with "127." is not one.
    const QString host = parsed.host();
    const QStringList octets = host.split(QLatin1Char('.'));
    const bool ipv4Loopback = octets.size() == 4 && octets.front() == QLatin1String("127")
        && std::all_of(octets.cbegin(), octets.cend(), [](const QString& octet) {
               bool number = false;
               const int value = octet.toInt(&number);
               return number && value >= 0 && value <= 255;
           });
    const bool loopback = host == QLatin1String("localhost") || host == QLatin1String("::1") || ipv4Loopback;
    if (!parsed.isValid() || parsed.host().isEmpty() || parsed.hasFragment()
        || !(parsed.scheme() == QLatin1String("https")
            || (parsed.scheme() == QLatin1String("http") && loopback))) {
        if (error)
            *error = QStringLiteral(
                "revocation_webhook must be an https:// URL (http:// only to a loopback address), not \"%1\"")
                         .arg(url);
        return false;
    }
    if (error)
        error->clear();
    return true;
}

QByteArray RevocationWebhook::signature(const QByteArray& secret, qint64 timestamp, const QByteArray& body)
{
    const QByteArray message = QByteArray::number(timestamp) + '.' + body;
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (HMAC(EVP_sha256(), secret.constData(), int(secret.size()),
            reinterpret_cast<const unsigned char*>(message.constData()), std::size_t(message.size()), mac,
            &length)
        == nullptr)
        return {};
    return "sha256=" + QByteArray(reinterpret_cast<const char*>(mac), int(length)).toHex();
}

void RevocationWebhook::runLoop()
{
    qint64 wait = 0;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wakeUp.wait_for(lock, std::chrono::seconds(wait), [this] { return m_stopping || m_woken; });
            if (m_stopping)
                return;
            m_woken = false;
        }
        try {
            wait = deliverDue();
        } catch (const SqlError& e) {
            // Another instance leased the same row at the same moment (PostgreSQL): look again soon.
            if (e.kind() != SqlError::Kind::Conflict)
                m_log(QStringLiteral("legacy revocation webhook: %1").arg(QString::fromUtf8(e.what())));
            wait = e.kind() == SqlError::Kind::Conflict ? 1 : kIdleSeconds;
        } catch (const std::exception& e) {
            m_log(QStringLiteral("legacy revocation webhook: %1").arg(QString::fromUtf8(e.what())));
            wait = kIdleSeconds;
        }
    }
}

qint64 RevocationWebhook::deliverDue()
{
    // httplib::Client takes scheme://host[:port] and the path separately.
    const QUrl url(m_settings.url);
    const QString host = url.host(QUrl::FullyEncoded);
    QString originText = url.scheme() + QStringLiteral("://")
        + (host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host);
    if (url.port() > 0)
        originText += QStringLiteral(":%1").arg(url.port());
    QString pathText = url.path(QUrl::FullyEncoded);
    if (pathText.isEmpty())
        pathText = QStringLiteral("/");
    if (url.hasQuery())
        pathText += QLatin1Char('?') + url.query(QUrl::FullyEncoded);
    const std::string origin = originText.toStdString();
    const std::string path = pathText.toStdString();
    for (;;) {
        {
            const std::lock_guard lock(m_mutex);
            if (m_stopping)
                return 0;
        }
        // The oldest due row, leased to this sender before it is sent.
        QString serial;
        QJsonObject event;
        int attempts = 0;
        {
            WriteTransaction tx(m_database);
            const QString now = isoNow();
            QSqlQuery q = run(tx.db(),
                QStringLiteral("SELECT serial, reason, revoked_at, order_no, attempts FROM "
                               "legacy_revocation_queue WHERE "
                               "webhook_status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at "
                               "<= ?) ORDER BY "
                               "revoked_at, serial"),
                {now});
            if (!q.next()) {
                q.finish();
                const QVariant next = scalar(tx.db(),
                    QStringLiteral(
                        "SELECT MIN(next_attempt_at) FROM legacy_revocation_queue WHERE webhook_status "
                        "= 'pending'"));
                tx.commit();
                if (!next.isValid() || next.isNull())
                    return kIdleSeconds;
                const qint64 due = QDateTime::currentDateTimeUtc().secsTo(
                    QDateTime::fromString(next.toString(), Qt::ISODate));
                return std::clamp<qint64>(due, 1, kIdleSeconds);
            }
            serial = q.value(0).toString();
            event = QJsonObject {{QStringLiteral("event"), QStringLiteral("legacy_certificate_revoked")},
                {QStringLiteral("serial"), serial}, {QStringLiteral("reason"), q.value(1).toString()},
                {QStringLiteral("revoked_at"), q.value(2).toString()},
                {QStringLiteral("order_no"), q.value(3).toString()}};
            attempts = q.value(4).toInt();
            q.finish();
            run(tx.db(),
                QStringLiteral("UPDATE legacy_revocation_queue SET next_attempt_at = ? WHERE serial = ?"),
                {QDateTime::currentDateTimeUtc().addSecs(kLeaseSeconds).toString(Qt::ISODate), serial});
            tx.commit();
        }

        const QByteArray body = QJsonDocument(event).toJson(QJsonDocument::Compact);
        const qint64 timestamp = QDateTime::currentSecsSinceEpoch();
        httplib::Client client(origin);
        client.set_connection_timeout(10);
        client.set_read_timeout(30);
        client.set_write_timeout(30);
        const httplib::Headers headers {{"X-CertDesk-Timestamp", std::to_string(timestamp)},
            {"X-CertDesk-Signature", signature(m_settings.secret, timestamp, body).toStdString()},
            {"X-CertDesk-Delivery", serial.toStdString()}};
        const auto result
            = client.Post(path.c_str(), headers, body.constData(), size_t(body.size()), "application/json");
        const bool delivered = result && result->status >= 200 && result->status < 300;
        const QString outcome = result ? QStringLiteral("HTTP %1").arg(result->status)
                                       : QString::fromStdString(httplib::to_string(result.error()));
        ++attempts;
        WriteTransaction tx(m_database);
        if (delivered) {
            run(tx.db(),
                QStringLiteral(
                    "UPDATE legacy_revocation_queue SET webhook_status = 'delivered', attempts = ?, "
                    "delivered_at = ?, next_attempt_at = NULL, last_error = NULL WHERE serial = ?"),
                {attempts, isoNow(), serial});
            audit::append(tx.db(), QStringLiteral("system"), QStringLiteral("legacy_revocation_delivered"),
                serial, {{QStringLiteral("attempts"), attempts}});
            m_log(QStringLiteral("legacy revocation webhook: %1 delivered (%2, attempt %3)")
                      .arg(serial, outcome)
                      .arg(attempts));
        } else {
            // 30 s, 1 min, 2 min, … at most an hour between attempts; never given up (the CA must learn of
            // every revocation; `legacy revocations` shows what is still pending).
            const qint64 delay = std::min<qint64>(
                qint64(m_settings.firstRetrySeconds) << std::min(attempts - 1, 20), kMaxDelaySeconds);
            const QString next = QDateTime::currentDateTimeUtc().addSecs(delay).toString(Qt::ISODate);
            run(tx.db(),
                QStringLiteral(
                    "UPDATE legacy_revocation_queue SET attempts = ?, next_attempt_at = ?, last_error = ? "
                    "WHERE serial = ?"),
                {attempts, next, outcome, serial});
            m_log(QStringLiteral(
                "legacy revocation webhook: %1 not delivered (%2, attempt %3); next attempt at %4")
                      .arg(serial, outcome)
                      .arg(attempts)
                      .arg(next));
        }
        tx.commit();
    }
}

} // namespace certdesk::server
