#pragma once

// WeChat Pay API v3, Native payment (pay.weixin.qq.com/docs/merchant/apis/native-payment): an order gives a
// code_url that the applicant scans; the result arrives as a signed notification whose resource is
// encrypted with the merchant's APIv3 key.
//
// - Requests are signed with the merchant's API key: Authorization: WECHATPAY2-SHA256-RSA2048 mchid,
// nonce_str,
//   timestamp, serial_no, signature = base64(SHA256withRSA("METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n")).
// - Answers and notifications are signed by WeChat Pay's platform key: Wechatpay-Signature over
//   "TIMESTAMP\nNONCE\nBODY\n" (Wechatpay-Timestamp, Wechatpay-Nonce), the key named by Wechatpay-Serial.
//   A timestamp more than the replay window away from now is refused (the spec's 5 minutes).
// - The notification resource is AEAD_AES_256_GCM(APIv3 key, nonce, associated_data); the transaction in
//   it must name our mchid and appid, the order and its amount (checked by the caller against the order).
// - The answer to a notification: 200 with no body when handled, 4xx/5xx with {"code": "FAIL", "message"}
//   otherwise (WeChat Pay then sends it again).

#include "PaymentProvider.h"
#include "ProviderConfig.h"
#include "ProviderHttp.h"

#include "pki/OpenSslHandles.h"

#include <QJsonObject>

#include <optional>

namespace certdesk::server::providers {

class WeChatPay : public PaymentProvider
{
public:
    struct Keys
    {
        pki::EvpPkeyPtr merchantKey;
        pki::EvpPkeyPtr platformKey;
        QString platformSerial; // upper-case hex
        pki::SecureBytes apiv3Key;
    };
    // Reads the key files of `config` (ConfigurationError when one is missing, too open or not a key).
    [[nodiscard]] static Keys loadKeys(const WeChatPayConfig& config);

    WeChatPay(WeChatPayConfig config, Keys keys, RetryPolicy policy, int replayWindowSeconds);

    [[nodiscard]] QString name() const override { return QStringLiteral("wechatpay"); }
    [[nodiscard]] CreatedOrder create(const PaymentOrder& order) const override;
    [[nodiscard]] TradeState query(const QString& outTradeNo) const override;
    [[nodiscard]] bool close(const QString& outTradeNo) const override;
    [[nodiscard]] VerifiedNotification verify(
        const IncomingNotification& notification, const QDateTime& now) const override;
    [[nodiscard]] NotificationReply reply(bool accepted) const override;

    // The pieces, public for the known-answer tests.
    // Checks Wechatpay-Signature of a notification or an answer (serial, timestamp window, signature).
    [[nodiscard]] static QString checkSignature(EVP_PKEY* platformKey, const QString& platformSerial,
        const QByteArray& serial, const QByteArray& timestamp, const QByteArray& nonce,
        const QByteArray& signature, const QByteArray& body, const QDateTime& now, int windowSeconds);
    // The plaintext of a notification's resource, empty optional when it does not decrypt.
    [[nodiscard]] static std::optional<QByteArray> decryptResource(
        const pki::SecureBytes& apiv3Key, const QJsonObject& resource);

private:
    [[nodiscard]] HttpAnswer call(const QString& method, const QString& path, const QByteArray& body) const;
    // The answer's signature is checked like a notification's: an unsigned "paid" must never count.
    [[nodiscard]] bool answerIsAuthentic(const HttpAnswer& answer) const;
    [[nodiscard]] TradeState tradeFrom(const QJsonObject& transaction) const;

    WeChatPayConfig m_config;
    Keys m_keys;
    ProviderHttp m_http;
    int m_window = 300;
};

} // namespace certdesk::server::providers
