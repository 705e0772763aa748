#pragma once

// The outside parties of the service, as configured ([payment], [wechatpay], [alipay], [liveness],
// [realname], [sms]): for each, the sandbox's own pages (only with --sandbox), a real provider, or nothing.

#include "PaymentProvider.h"
#include "ProviderConfig.h"
#include "SignedHttp.h"

#include <QDateTime>

#include <memory>

namespace certdesk::server::providers {

enum class Mode
{
    Off, // not offered
    Sandbox, // the sandbox's pages and outbox (--sandbox only)
    Real, // the configured provider
};

class Providers
{
public:
    // Reads the keys and secrets of every configured provider. Throws ConfigurationError (a provider set to
    // "sandbox" without --sandbox, a missing key file, a base URL that is not https, ...).
    Providers(const ProviderConfig& config, bool sandbox, const QString& publicUrl);
    ~Providers();
    Providers(const Providers&) = delete;
    Providers& operator=(const Providers&) = delete;

    [[nodiscard]] Mode paymentMode(const QString& method) const;
    // The provider of "wechat" or "alipay" in Mode::Real, else nullptr.
    [[nodiscard]] const PaymentProvider* payment(const QString& method) const;
    // The provider whose notification route is `name` ("wechatpay", "alipay"), or nullptr.
    [[nodiscard]] const PaymentProvider* paymentByName(const QString& name) const;
    [[nodiscard]] QString notifyUrl(const QString& providerName) const;

    [[nodiscard]] Mode livenessMode() const { return m_livenessMode; }
    [[nodiscard]] const SignedHttp* liveness() const { return m_liveness.get(); }
    [[nodiscard]] QString livenessCallbackUrl() const;
    [[nodiscard]] Mode realNameMode() const { return m_realNameMode; }
    [[nodiscard]] Mode smsMode() const { return m_smsMode; }

    [[nodiscard]] LivenessStart startLiveness(const QString& sessionId, const QString& name,
        const QString& idNumber, const QDateTime& expiresAt) const;
    [[nodiscard]] LivenessResult queryLiveness(const QString& sessionId) const;
    [[nodiscard]] RealNameResult checkRealName(
        const QString& name, const QString& idNumber, const QString& mobile) const;
    // true when the SMS provider accepted the message.
    [[nodiscard]] bool sendSms(
        const QString& messageId, const QString& mobile, const QString& text, QString* detail) const;

    [[nodiscard]] int queryAfterSeconds() const { return m_queryAfter; }
    [[nodiscard]] int replayWindowSeconds() const { return m_window; }

private:
    std::unique_ptr<PaymentProvider> m_wechat;
    std::unique_ptr<PaymentProvider> m_alipay;
    Mode m_wechatMode = Mode::Off;
    Mode m_alipayMode = Mode::Off;
    std::unique_ptr<SignedHttp> m_liveness;
    std::unique_ptr<SignedHttp> m_realName;
    std::unique_ptr<SignedHttp> m_sms;
    Mode m_livenessMode = Mode::Off;
    Mode m_realNameMode = Mode::Off;
    Mode m_smsMode = Mode::Off;
    QString m_publicUrl;
    QString m_wechatNotifyUrl;
    QString m_alipayNotifyUrl;
    int m_queryAfter = 10;
    int m_window = 300;
};

} // namespace certdesk::server::providers
