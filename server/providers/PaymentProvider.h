#pragma once

// A payment provider behind the QR-code payment methods (API.md "Payment"): WeChat Pay API v3 Native, Alipay
// precreate, or the sandbox's own pay page. The service keeps one order per payment row, named by the
// payment id (out_trade_no), so every retry of a call refers to the same order and no order is paid twice.

#include "domain/Fees.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace certdesk::server::providers {

struct PaymentOrder
{
    QString outTradeNo; // the payment id
    Fen amountFen = 0;
    QString description; // shown to the payer
    QDateTime expiresAt;
    QString notifyUrl;
};

// What a call to the provider came to.
enum class CallOutcome
{
    Ok,
    Unavailable, // no answer, a timeout or a 5xx after the retries: the applicant may try again later
    Refused, // the provider answered with an error, or an answer that failed its checks
};

struct CreatedOrder
{
    CallOutcome outcome = CallOutcome::Unavailable;
    QString qrContent; // WeChat Pay code_url (weixin://...), Alipay qr_code (https://qr.alipay.com/...)
    QString detail; // for the log: the provider's error code, never personal data
};

struct TradeState
{
    enum class State
    {
        Paid,
        Pending,
        Closed, // closed, revoked or refunded: it will not be paid
        Unknown, // the provider could not be asked or did not know the order
    };
    State state = State::Unknown;
    QString outTradeNo;
    Fen amountFen = -1;
    QString transactionId;
    QString detail;
};

// An asynchronous notification as received: the raw body and the headers that carry the signature.
struct IncomingNotification
{
    QList<QPair<QByteArray, QByteArray>> headers; // names as sent
    QByteArray body;
    QByteArray contentType;

    [[nodiscard]] QByteArray header(const QByteArray& name) const
    {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

struct VerifiedNotification
{
    enum class Verdict
    {
        Paid, // a verified "paid" event for outTradeNo with amountFen
        NotPaid, // verified, but not a success event (e.g. a closed trade): acknowledged, nothing changes
        Rejected, // failed a check: `reason` says which (bad_signature, stale, malformed, wrong_merchant,
                  // ...)
    };
    Verdict verdict = Verdict::Rejected;
    QString reason;
    QString notificationId; // the provider's id of this notification (replay detection)
    QString outTradeNo;
    Fen amountFen = -1;
    QString transactionId;
};

// The answer the provider expects to a notification (WeChat Pay: 200/204 or 4xx/5xx with a JSON body;
// Alipay: the text "success", anything else makes it retry).
struct NotificationReply
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
};

class PaymentProvider
{
public:
    virtual ~PaymentProvider() = default;
    // "wechatpay" or "alipay": the path segment of its notification route and the audit actor.
    [[nodiscard]] virtual QString name() const = 0;
    [[nodiscard]] virtual CreatedOrder create(const PaymentOrder& order) const = 0;
    [[nodiscard]] virtual TradeState query(const QString& outTradeNo) const = 0;
    // Closes an unpaid order so that it can no longer be paid. true when closed (or already closed).
    [[nodiscard]] virtual bool close(const QString& outTradeNo) const = 0;
    // Checks a notification against the keys and the merchant's identity; `now` decides staleness.
    [[nodiscard]] virtual VerifiedNotification verify(
        const IncomingNotification& notification, const QDateTime& now) const = 0;
    [[nodiscard]] virtual NotificationReply reply(bool accepted) const = 0;
};

} // namespace certdesk::server::providers
