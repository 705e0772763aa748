#pragma once

// Alipay open platform, face-to-face "precreate" (opendocs.alipay.com: alipay.trade.precreate,
// alipay.trade.query, alipay.trade.close, and the asynchronous notification).
//
// - Requests are form posts to the gateway with the common parameters (app_id, method, format, charset,
//   sign_type = RSA2, timestamp, version, notify_url, biz_content) and `sign` = base64(SHA256withRSA) by the
//   application's key over every other non-empty parameter, sorted by name, as name=value joined with '&'.
// - Answers carry "<method>_response" and `sign`, Alipay's signature over the exact text of that response
//   object; it is checked with Alipay's public key before anything in it is believed.
// - Notifications are form posts signed the same way (sign and sign_type left out of the signed string);
//   app_id, out_trade_no and total_amount are checked; the answer is the text "success" (anything else and
//   Alipay sends it again, for about 25 hours).

#include "PaymentProvider.h"
#include "ProviderConfig.h"
#include "ProviderHttp.h"

#include "pki/OpenSslHandles.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <optional>

namespace certdesk::server::providers {

class Alipay : public PaymentProvider
{
public:
    struct Keys
    {
        pki::EvpPkeyPtr appKey;
        pki::EvpPkeyPtr alipayKey;
    };
    [[nodiscard]] static Keys loadKeys(const AlipayConfig& config);

    Alipay(AlipayConfig config, Keys keys, RetryPolicy policy);

    [[nodiscard]] QString name() const override { return QStringLiteral("alipay"); }
    [[nodiscard]] CreatedOrder create(const PaymentOrder& order) const override;
    [[nodiscard]] TradeState query(const QString& outTradeNo) const override;
    [[nodiscard]] bool close(const QString& outTradeNo) const override;
    [[nodiscard]] VerifiedNotification verify(
        const IncomingNotification& notification, const QDateTime& now) const override;
    [[nodiscard]] NotificationReply reply(bool accepted) const override;

    // The pieces, public for the known-answer tests.
    // name=value&... of `params` sorted by name, without empty values and without the names in `exclude`.
    [[nodiscard]] static QByteArray signingString(
        const QMap<QString, QString>& params, const QStringList& exclude);
    // application/x-www-form-urlencoded (both '+' and %20 are spaces).
    [[nodiscard]] static QMap<QString, QString> parseForm(const QByteArray& body);
    // The exact text of the JSON value of `key` in an answer (what Alipay signed), empty when absent.
    [[nodiscard]] static QByteArray responseText(const QByteArray& body, const QByteArray& key);
    // "360.00" → 36000 fen; nullopt for anything that is not a plain yuan amount with at most 2 decimals.
    [[nodiscard]] static std::optional<Fen> yuanToFen(const QString& text);
    [[nodiscard]] static bool verifyNotificationSignature(
        EVP_PKEY* alipayKey, const QMap<QString, QString>& params);

private:
    // Sends `method` with `bizContent`; the verified response object, or nullopt (with *outcome set).
    [[nodiscard]] std::optional<QJsonObject> call(const QString& method, const QJsonObject& bizContent,
        const QString& notifyUrl, CallOutcome* outcome, QString* detail) const;

    AlipayConfig m_config;
    Keys m_keys;
    ProviderHttp m_http;
};

} // namespace certdesk::server::providers
