#pragma once

// The [payment], [wechatpay], [alipay], [liveness], [realname] and [sms] sections of the configuration file
// (docs/server.conf.example, docs/providers.md). Secrets are files named here (mode 0600), never values.

#include <QString>

#include <optional>

namespace certdesk::server::providers {

struct WeChatPayConfig
{
    QString baseUrl = QStringLiteral("https://api.mch.weixin.qq.com");
    QString mchid;
    QString appid;
    QString merchantSerialNo; // serial of the merchant API certificate (hex), sent in Authorization
    QString merchantKeyFile; // apiclient_key.pem
    QString platformCertificateFile; // WeChat Pay platform certificate (PEM); its serial is Wechatpay-Serial
    QString apiv3KeyFile; // 32 bytes, first line
    QString notifyUrl; // default <public_url>/api/v1/notify/wechatpay
};

struct AlipayConfig
{
    QString gatewayUrl = QStringLiteral("https://openapi.alipay.com/gateway.do");
    QString appId;
    QString appPrivateKeyFile; // the application's RSA private key (PEM)
    QString alipayPublicKeyFile; // Alipay's public key (PEM or the console's bare base64)
    QString notifyUrl; // default <public_url>/api/v1/notify/alipay
};

// The generic signed-HTTP adapter (docs/providers.md, "Signed HTTP"): liveness, real-name, SMS.
struct SignedHttpConfig
{
    QString provider; // "sandbox", "http", "none" (real-name only); empty = the default for the mode
    QString baseUrl;
    QString clientId;
    QString secretFile; // the shared HMAC key, first line
    QString callbackUrl; // liveness: default <public_url>/api/v1/notify/liveness
};

struct ProviderConfig
{
    // [payment]: which provider serves each QR method: "sandbox", "wechatpay" / "alipay", or "off". Empty:
    // the sandbox's pages with --sandbox, off without it.
    QString wechat;
    QString alipay;
    std::optional<int> timeoutSeconds; // per attempt, 1..60 (default 5)
    std::optional<int> attempts; // 1..10 (default 3)
    std::optional<int> queryAfterSeconds; // ask the provider about a pending order this old (default 10)
    std::optional<int> replayWindowSeconds; // notifications older or newer than this are refused (300)

    WeChatPayConfig wechatpay;
    AlipayConfig alipayConfig;
    SignedHttpConfig liveness;
    SignedHttpConfig realname;
    SignedHttpConfig sms;
};

} // namespace certdesk::server::providers
