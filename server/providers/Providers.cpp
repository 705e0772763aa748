#include "Providers.h"

#include "Alipay.h"
#include "ProviderFiles.h"
#include "WeChatPay.h"

#include "../ServiceOptions.h"

namespace certdesk::server::providers {

namespace {

[[noreturn]] void refuse(const QString& message)
{
    throw ConfigurationError(message.toStdString());
}

void requireUrl(const QString& url, const QString& what)
{
    if (url.isEmpty())
        refuse(QStringLiteral("%1 is required").arg(what));
    if (!isAcceptableBaseUrl(url))
        refuse(
            QStringLiteral("%1 must be an https URL (http only on a loopback address): %2").arg(what, url));
}

Mode modeOf(
    const QString& value, const QString& realName, bool sandbox, const QString& what, bool allowNone = false)
{
    if (value.isEmpty())
        return sandbox ? Mode::Sandbox : Mode::Off;
    if (value == QLatin1String("sandbox")) {
        if (!sandbox)
            refuse(QStringLiteral("%1 = sandbox works only with --sandbox (the sandbox's pages do not exist "
                                  "otherwise)")
                       .arg(what));
        return Mode::Sandbox;
    }
    if (value == realName)
        return Mode::Real;
    if (value == QLatin1String("off") || (allowNone && value == QLatin1String("none")))
        return Mode::Off;
    refuse(QStringLiteral("%1 must be sandbox, %2 or off, not \"%3\"").arg(what, realName, value));
}

std::unique_ptr<SignedHttp> signedHttp(
    const SignedHttpConfig& config, const QString& section, RetryPolicy policy, int window)
{
    requireUrl(config.baseUrl, QStringLiteral("[%1] base_url").arg(section));
    if (config.clientId.isEmpty())
        refuse(QStringLiteral("[%1] client_id is required").arg(section));
    return std::make_unique<SignedHttp>(config,
        readSecretLine(config.secretFile, QStringLiteral("[%1] secret_file").arg(section)), policy, window);
}

} // namespace

Providers::Providers(const ProviderConfig& config, bool sandbox, const QString& publicUrl)
    : m_publicUrl(publicUrl)
{
    while (m_publicUrl.endsWith(QLatin1Char('/')))
        m_publicUrl.chop(1);
    RetryPolicy policy;
    policy.attempts = config.attempts.value_or(3);
    policy.readTimeout = std::chrono::milliseconds(qint64(config.timeoutSeconds.value_or(5)) * 1000);
    policy.connectTimeout = qMin(policy.readTimeout, std::chrono::milliseconds(3000));
    m_queryAfter = config.queryAfterSeconds.value_or(10);
    m_window = config.replayWindowSeconds.value_or(300);

    m_wechatMode
        = modeOf(config.wechat, QStringLiteral("wechatpay"), sandbox, QStringLiteral("[payment] wechat"));
    if (m_wechatMode == Mode::Real) {
        requireUrl(config.wechatpay.baseUrl, QStringLiteral("[wechatpay] base_url"));
        m_wechatNotifyUrl = config.wechatpay.notifyUrl.isEmpty()
            ? m_publicUrl + QStringLiteral("/api/v1/notify/wechatpay")
            : config.wechatpay.notifyUrl;
        m_wechat = std::make_unique<WeChatPay>(
            config.wechatpay, WeChatPay::loadKeys(config.wechatpay), policy, m_window);
    }
    m_alipayMode
        = modeOf(config.alipay, QStringLiteral("alipay"), sandbox, QStringLiteral("[payment] alipay"));
    if (m_alipayMode == Mode::Real) {
        requireUrl(config.alipayConfig.gatewayUrl, QStringLiteral("[alipay] gateway_url"));
        m_alipayNotifyUrl = config.alipayConfig.notifyUrl.isEmpty()
            ? m_publicUrl + QStringLiteral("/api/v1/notify/alipay")
            : config.alipayConfig.notifyUrl;
        m_alipay
            = std::make_unique<Alipay>(config.alipayConfig, Alipay::loadKeys(config.alipayConfig), policy);
    }
    if ((m_wechatMode == Mode::Real || m_alipayMode == Mode::Real) && m_publicUrl.isEmpty()
        && (config.wechatpay.notifyUrl.isEmpty() || config.alipayConfig.notifyUrl.isEmpty()))
        refuse(QStringLiteral("a payment provider needs public_url (or notify_url) for its notifications"));

    m_livenessMode = modeOf(
        config.liveness.provider, QStringLiteral("http"), sandbox, QStringLiteral("[liveness] provider"));
    if (m_livenessMode == Mode::Real)
        m_liveness = signedHttp(config.liveness, QStringLiteral("liveness"), policy, m_window);
    // Without a provider the real-name check falls back to the service's own telecom registry (the
    // sandbox's seeded numbers; empty elsewhere), as before.
    m_realNameMode = modeOf(config.realname.provider, QStringLiteral("http"), sandbox,
        QStringLiteral("[realname] provider"), true);
    if (m_realNameMode == Mode::Real)
        m_realName = signedHttp(config.realname, QStringLiteral("realname"), policy, m_window);
    m_smsMode
        = modeOf(config.sms.provider, QStringLiteral("http"), sandbox, QStringLiteral("[sms] provider"));
    if (m_smsMode == Mode::Real)
        m_sms = signedHttp(config.sms, QStringLiteral("sms"), policy, m_window);
}

Providers::~Providers() = default;

Mode Providers::paymentMode(const QString& method) const
{
    if (method == QLatin1String("wechat"))
        return m_wechatMode;
    if (method == QLatin1String("alipay"))
        return m_alipayMode;
    return Mode::Off;
}

const PaymentProvider* Providers::payment(const QString& method) const
{
    if (method == QLatin1String("wechat"))
        return m_wechat.get();
    if (method == QLatin1String("alipay"))
        return m_alipay.get();
    return nullptr;
}

const PaymentProvider* Providers::paymentByName(const QString& name) const
{
    if (name == QLatin1String("wechatpay"))
        return m_wechat.get();
    if (name == QLatin1String("alipay"))
        return m_alipay.get();
    return nullptr;
}

QString Providers::notifyUrl(const QString& providerName) const
{
    return providerName == QLatin1String("wechatpay") ? m_wechatNotifyUrl : m_alipayNotifyUrl;
}

QString Providers::livenessCallbackUrl() const
{
    if (!m_liveness)
        return {};
    return m_liveness->config().callbackUrl.isEmpty()
        ? m_publicUrl + QStringLiteral("/api/v1/notify/liveness")
        : m_liveness->config().callbackUrl;
}

LivenessStart Providers::startLiveness(
    const QString& sessionId, const QString& name, const QString& idNumber, const QDateTime& expiresAt) const
{
    LivenessStart start;
    if (!m_liveness)
        return start;
    const auto answer = m_liveness->post(QStringLiteral("/liveness/sessions"),
        QJsonObject {{QStringLiteral("session_id"), sessionId}, {QStringLiteral("name"), name},
            {QStringLiteral("id_number"), idNumber}, {QStringLiteral("callback_url"), livenessCallbackUrl()},
            {QStringLiteral("expires_at"), expiresAt.toUTC().toString(Qt::ISODate)}},
        &start.outcome, &start.detail);
    if (!answer)
        return start;
    start.url = answer->value(QStringLiteral("url")).toString();
    // The QR opens this URL in WeChat: it must be https (the client refuses other schemes).
    if (answer->value(QStringLiteral("session_id")).toString() != sessionId || start.url.isEmpty()) {
        start.outcome = CallOutcome::Refused;
        start.detail = QStringLiteral("answer for another session");
    }
    return start;
}

LivenessResult Providers::queryLiveness(const QString& sessionId) const
{
    LivenessResult result;
    if (!m_liveness)
        return result;
    CallOutcome outcome = CallOutcome::Unavailable;
    QString detail;
    const auto answer = m_liveness->post(QStringLiteral("/liveness/sessions/query"),
        QJsonObject {{QStringLiteral("session_id"), sessionId}}, &outcome, &detail);
    if (!answer || answer->value(QStringLiteral("session_id")).toString() != sessionId)
        return result;
    result.sessionId = sessionId;
    result.result = answer->value(QStringLiteral("result")).toString();
    result.reason = answer->value(QStringLiteral("reason")).toString();
    return result;
}

RealNameResult Providers::checkRealName(
    const QString& name, const QString& idNumber, const QString& mobile) const
{
    if (!m_realName)
        return RealNameResult::Unavailable;
    CallOutcome outcome = CallOutcome::Unavailable;
    QString detail;
    const auto answer = m_realName->post(QStringLiteral("/realname/verify"),
        QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("id_number"), idNumber},
            {QStringLiteral("mobile"), mobile}},
        &outcome, &detail);
    if (!answer)
        return RealNameResult::Unavailable;
    const QString result = answer->value(QStringLiteral("result")).toString();
    if (result == QLatin1String("match"))
        return RealNameResult::Match;
    if (result == QLatin1String("mismatch"))
        return RealNameResult::Mismatch;
    return RealNameResult::Unavailable;
}

bool Providers::sendSms(
    const QString& messageId, const QString& mobile, const QString& text, QString* detail) const
{
    if (!m_sms)
        return false;
    CallOutcome outcome = CallOutcome::Unavailable;
    const auto answer = m_sms->post(QStringLiteral("/sms/messages"),
        QJsonObject {{QStringLiteral("message_id"), messageId}, {QStringLiteral("mobile"), mobile},
            {QStringLiteral("text"), text}},
        &outcome, detail);
    return answer && answer->value(QStringLiteral("accepted")).toBool();
}

} // namespace certdesk::server::providers
