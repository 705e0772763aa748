#pragma once

// The generic signed-HTTP adapter for the providers that have no single public protocol: liveness (face
// verification), the telecom real-name check and SMS. A CA puts a thin shim in front of its provider that
// speaks this wire format (docs/providers.md, "Signed HTTP"):
//
//   X-CertDesk-Client:    the client id given to this service
//   X-CertDesk-Timestamp: Unix seconds
//   X-CertDesk-Nonce:     32 hex digits, never reused
//   X-CertDesk-Signature: hex(HMAC-SHA256(secret, METHOD "\n" PATH "\n" TIMESTAMP "\n" NONCE "\n" BODY))
//
// on every request in both directions; an answer is signed the same way with METHOD "RESPONSE" and the
// request's PATH, so an answer cannot be replayed for another call. A message whose timestamp is more than
// the replay window from now, or whose nonce was seen before, is refused.

#include "PaymentProvider.h"
#include "ProviderConfig.h"
#include "ProviderHttp.h"

#include "pki/OpenSslHandles.h"

#include <QDateTime>
#include <QJsonObject>

#include <optional>

namespace certdesk::server::providers {

struct SignedHeaders
{
    QByteArray client;
    QByteArray timestamp;
    QByteArray nonce;
    QByteArray signature;
};

class SignedHttp
{
public:
    SignedHttp(SignedHttpConfig config, pki::SecureBytes secret, RetryPolicy policy, int windowSeconds);

    // The HMAC of the wire format, lower-case hex.
    [[nodiscard]] static QByteArray signature(const pki::SecureBytes& secret, const QByteArray& method,
        const QByteArray& path, const QByteArray& timestamp, const QByteArray& nonce, const QByteArray& body);

    // POSTs `body` to `path` under the base URL; the answer's JSON object when it is a signed 2xx, else
    // nullopt with *outcome (Unavailable: no answer / 5xx after the retries; Refused: 4xx or a bad
    // signature).
    [[nodiscard]] std::optional<QJsonObject> post(
        const QString& path, const QJsonObject& body, CallOutcome* outcome, QString* detail) const;

    // Checks an incoming callback to `path` ("" when the signature is good and fresh, else the reason:
    // unsigned, wrong_client, stale, bad_signature). The caller records the nonce to refuse replays.
    [[nodiscard]] QString check(const QByteArray& method, const QByteArray& path,
        const SignedHeaders& headers, const QByteArray& body, const QDateTime& now) const;

    [[nodiscard]] const SignedHttpConfig& config() const { return m_config; }
    [[nodiscard]] int windowSeconds() const { return m_window; }

private:
    SignedHttpConfig m_config;
    pki::SecureBytes m_secret;
    ProviderHttp m_http;
    int m_window = 300;
};

// Liveness: POST /liveness/sessions {"session_id", "name", "id_number", "callback_url", "expires_at"} →
// {"session_id", "url"}; the result comes to callback_url as {"event_id", "session_id", "result":
// "passed"|"failed", "reason"}; POST /liveness/sessions/query {"session_id"} → {"session_id", "result":
// "pending"|"passed"|"failed", "reason"}.
struct LivenessStart
{
    CallOutcome outcome = CallOutcome::Unavailable;
    QString url;
    QString detail;
};
struct LivenessResult
{
    QString sessionId;
    QString result; // pending / passed / failed; empty when unknown
    QString reason;
    QString eventId;
};

// Real-name: POST /realname/verify {"name", "id_number", "mobile"} → {"result": "match"|"mismatch"}.
enum class RealNameResult
{
    Match,
    Mismatch,
    Unavailable,
};

// SMS: POST /sms/messages {"message_id", "mobile", "text"} → {"accepted": true}. message_id makes a retried
// send idempotent at the shim.

} // namespace certdesk::server::providers
