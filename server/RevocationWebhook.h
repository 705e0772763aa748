#pragma once

// Delivers the revocations of old certificates that the service cannot publish itself (it does not hold the
// legacy CA's key) to the CA's own system: one signed HTTPS POST per revocation to `[legacy_ca]
// revocation_webhook`, retried with growing delays until the receiver answers 2xx. The queue and each
// delivery's state live in the database (legacy_revocation_queue), so a restart, or another instance on the
// same database, carries on where this one stopped. docs/api.md, "Legacy certificates", gives the wire
// format.

#include "Database.h"

#include <QByteArray>
#include <QString>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace certdesk::server {

class RevocationWebhook
{
public:
    struct Settings
    {
        QString url; // https://…, or http:// to a loopback address
        QByteArray secret; // HMAC-SHA256 key
        int firstRetrySeconds = 30; // doubles with each failed attempt, at most an hour
    };

    // Starts the delivery thread; `log` gets one line per attempt (serials and HTTP outcomes only).
    RevocationWebhook(Database& database, Settings settings, std::function<void(const QString&)> log);
    ~RevocationWebhook(); // stops the thread (an attempt in flight finishes first)
    RevocationWebhook(const RevocationWebhook&) = delete;
    RevocationWebhook& operator=(const RevocationWebhook&) = delete;

    // A revocation was queued: deliver now rather than at the next periodic look.
    void wake();

    // `url` is acceptable: https with a host, or http to 127.0.0.1, ::1 or localhost. Empty *error on
    // success.
    [[nodiscard]] static bool validUrl(const QString& url, QString* error);
    // The X-CertDesk-Signature value for a body sent at `timestamp` (Unix seconds): "sha256=" and the hex
    // HMAC-SHA256 (RFC 2104) of "<timestamp>.<body>" under `secret`.
    [[nodiscard]] static QByteArray signature(
        const QByteArray& secret, qint64 timestamp, const QByteArray& body);

private:
    void runLoop();
    // Delivers what is due; returns the seconds until the next retry is due (or a minute).
    qint64 deliverDue();

    Database& m_database;
    Settings m_settings;
    std::function<void(const QString&)> m_log;
    std::mutex m_mutex;
    std::condition_variable m_wakeUp;
    bool m_stopping = false;
    bool m_woken = false;
    std::thread m_thread;
};

} // namespace certdesk::server
