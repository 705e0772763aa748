#include "WeChatPay.h"

#include "ProviderCrypto.h"
#include "ProviderFiles.h"

#include "../Secrets.h"
#include "../ServiceOptions.h"

#include <QJsonDocument>
#include <QTimeZone>
#include <QUrl>

#include <cmath>

namespace certdesk::server::providers {

namespace {

// WeChat Pay writes times in RFC 3339 with the +08:00 offset of China Standard Time.
QString chinaTime(const QDateTime& utc)
{
    return utc.toOffsetFromUtc(8 * 3600).toString(Qt::ISODate);
}

QJsonObject parseObject(const QByteArray& body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    return doc.isObject() ? doc.object() : QJsonObject();
}

} // namespace

WeChatPay::Keys WeChatPay::loadKeys(const WeChatPayConfig& config)
{
    if (config.mchid.isEmpty() || config.appid.isEmpty() || config.merchantSerialNo.isEmpty())
        throw ConfigurationError("[wechatpay] needs mchid, appid and merchant_serial_no");
    Keys keys;
    keys.merchantKey = crypto::privateKeyFromPem(
        readProtectedFile(config.merchantKeyFile, QStringLiteral("[wechatpay] merchant_key_file"), true));
    if (!keys.merchantKey)
        throw ConfigurationError("[wechatpay] merchant_key_file is not an unencrypted PEM private key");
    const QByteArray certificate = readProtectedFile(
        config.platformCertificateFile, QStringLiteral("[wechatpay] platform_certificate_file"), false);
    keys.platformKey = crypto::publicKeyFromText(certificate);
    keys.platformSerial = crypto::certificateSerialHex(certificate);
    if (!keys.platformKey || keys.platformSerial.isEmpty())
        throw ConfigurationError("[wechatpay] platform_certificate_file is not a certificate");
    keys.apiv3Key = readSecretLine(config.apiv3KeyFile, QStringLiteral("[wechatpay] apiv3_key_file"));
    // The APIv3 key is set in the merchant platform as 32 characters (AEAD_AES_256_GCM's key).
    if (keys.apiv3Key.size() != 32)
        throw ConfigurationError("[wechatpay] apiv3_key_file must hold the 32-character APIv3 key");
    return keys;
}

WeChatPay::WeChatPay(WeChatPayConfig config, Keys keys, RetryPolicy policy, int replayWindowSeconds)
    : m_config(std::move(config))
    , m_keys(std::move(keys))
    , m_http(m_config.baseUrl, policy)
    , m_window(replayWindowSeconds)
{ }

HttpAnswer WeChatPay::call(const QString& method, const QString& path, const QByteArray& body) const
{
    HttpCall c;
    c.method = method;
    c.path = path;
    c.body = body;
    c.contentType = "application/json";
    return m_http.send(c, [this, &body, &method](HttpCall& prepared) {
        // Signed afresh for each attempt: a retry carries a new timestamp and nonce (the path includes the
        // base URL's prefix, as the server sees it).
        const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
        const QByteArray nonce = secrets::randomHex(16).toUpper().toLatin1();
        const QByteArray message = method.toLatin1() + '\n' + prepared.path.toUtf8() + '\n' + timestamp + '\n'
            + nonce + '\n' + body + '\n';
        const QByteArray signature = crypto::signSha256Rsa(m_keys.merchantKey.get(), message);
        prepared.headers = {
            {"Authorization",
                "WECHATPAY2-SHA256-RSA2048 mchid=\"" + m_config.mchid.toLatin1() + "\",nonce_str=\"" + nonce
                    + "\",signature=\"" + signature + "\",timestamp=\"" + timestamp + "\",serial_no=\""
                    + m_config.merchantSerialNo.toLatin1() + "\""},
            {"Accept", "application/json"},
            {"User-Agent", "CertDesk-Server"},
        };
    });
}

QString WeChatPay::checkSignature(EVP_PKEY* platformKey, const QString& platformSerial,
    const QByteArray& serial, const QByteArray& timestamp, const QByteArray& nonce,
    const QByteArray& signature, const QByteArray& body, const QDateTime& now, int windowSeconds)
{
    if (timestamp.isEmpty() || nonce.isEmpty() || signature.isEmpty() || serial.isEmpty())
        return QStringLiteral("unsigned");
    if (QString::fromLatin1(serial).compare(platformSerial, Qt::CaseInsensitive) != 0)
        return QStringLiteral("unknown_platform_certificate");
    bool ok = false;
    const qint64 at = timestamp.toLongLong(&ok);
    if (!ok || qAbs(now.toSecsSinceEpoch() - at) > windowSeconds)
        return QStringLiteral("stale");
    if (!crypto::verifySha256Rsa(platformKey, timestamp + '\n' + nonce + '\n' + body + '\n', signature))
        return QStringLiteral("bad_signature");
    return {};
}

std::optional<QByteArray> WeChatPay::decryptResource(
    const pki::SecureBytes& apiv3Key, const QJsonObject& resource)
{
    if (resource.value(QStringLiteral("algorithm")).toString() != QLatin1String("AEAD_AES_256_GCM"))
        return std::nullopt;
    return crypto::aesGcmDecrypt(apiv3Key, resource.value(QStringLiteral("nonce")).toString().toUtf8(),
        resource.value(QStringLiteral("associated_data")).toString().toUtf8(),
        resource.value(QStringLiteral("ciphertext")).toString().toLatin1());
}

bool WeChatPay::answerIsAuthentic(const HttpAnswer& answer) const
{
    return checkSignature(m_keys.platformKey.get(), m_keys.platformSerial, answer.header("Wechatpay-Serial"),
        answer.header("Wechatpay-Timestamp"), answer.header("Wechatpay-Nonce"),
        answer.header("Wechatpay-Signature"), answer.body, QDateTime::currentDateTimeUtc(), m_window)
        .isEmpty();
}

CreatedOrder WeChatPay::create(const PaymentOrder& order) const
{
    const QJsonObject request {{QStringLiteral("appid"), m_config.appid},
        {QStringLiteral("mchid"), m_config.mchid},
        {QStringLiteral("description"), order.description.left(127)},
        {QStringLiteral("out_trade_no"), order.outTradeNo},
        {QStringLiteral("time_expire"), chinaTime(order.expiresAt)},
        {QStringLiteral("notify_url"), order.notifyUrl},
        {QStringLiteral("amount"),
            QJsonObject {{QStringLiteral("total"), order.amountFen},
                {QStringLiteral("currency"), QStringLiteral("CNY")}}}};
    const HttpAnswer answer = call(QStringLiteral("POST"), QStringLiteral("/v3/pay/transactions/native"),
        QJsonDocument(request).toJson(QJsonDocument::Compact));
    CreatedOrder created;
    if (answer.status == 0 || answer.status == 429 || answer.status >= 500) {
        created.outcome = CallOutcome::Unavailable;
        created.detail = answer.status == 0 ? answer.error : QStringLiteral("HTTP %1").arg(answer.status);
        return created;
    }
    const QJsonObject body = parseObject(answer.body);
    if (!answer.ok()) {
        created.outcome = CallOutcome::Refused;
        created.detail = body.value(QStringLiteral("code")).toString();
        return created;
    }
    const QString codeUrl = body.value(QStringLiteral("code_url")).toString();
    if (!answerIsAuthentic(answer) || !codeUrl.startsWith(QLatin1String("weixin://"))) {
        created.outcome = CallOutcome::Refused;
        created.detail = QStringLiteral("answer not signed by the platform certificate");
        return created;
    }
    created.outcome = CallOutcome::Ok;
    created.qrContent = codeUrl;
    return created;
}

TradeState WeChatPay::tradeFrom(const QJsonObject& transaction) const
{
    TradeState state;
    state.outTradeNo = transaction.value(QStringLiteral("out_trade_no")).toString();
    state.transactionId = transaction.value(QStringLiteral("transaction_id")).toString();
    const QJsonObject amount = transaction.value(QStringLiteral("amount")).toObject();
    // An amount is a whole number of fen (the spec's `total` is an integer): anything else — a fraction, a
    // string, a number beyond 2^53 — is no amount, rather than one truncated or converted out of range.
    const QJsonValue total = amount.value(QStringLiteral("total"));
    const double fen = total.toDouble(-1);
    state.amountFen
        = total.isDouble() && fen >= 0 && fen <= 9007199254740992.0 && std::floor(fen) == fen ? Fen(fen) : -1;
    const QString tradeState = transaction.value(QStringLiteral("trade_state")).toString();
    if (transaction.value(QStringLiteral("mchid")).toString() != m_config.mchid
        || transaction.value(QStringLiteral("appid")).toString() != m_config.appid) {
        state.state = TradeState::State::Unknown;
        state.detail = QStringLiteral("wrong_merchant");
    } else if (tradeState == QLatin1String("SUCCESS")) {
        state.state = TradeState::State::Paid;
    } else if (tradeState == QLatin1String("NOTPAY") || tradeState == QLatin1String("USERPAYING")) {
        state.state = TradeState::State::Pending;
    } else if (tradeState == QLatin1String("CLOSED") || tradeState == QLatin1String("REVOKED")
        || tradeState == QLatin1String("PAYERROR") || tradeState == QLatin1String("REFUND")) {
        state.state = TradeState::State::Closed;
    }
    state.detail = state.detail.isEmpty() ? tradeState : state.detail;
    return state;
}

TradeState WeChatPay::query(const QString& outTradeNo) const
{
    const HttpAnswer answer = call(QStringLiteral("GET"),
        QStringLiteral("/v3/pay/transactions/out-trade-no/%1?mchid=%2")
            .arg(QString::fromLatin1(QUrl::toPercentEncoding(outTradeNo)),
                QString::fromLatin1(QUrl::toPercentEncoding(m_config.mchid))),
        {});
    TradeState state;
    if (!answer.ok()) {
        state.detail = answer.status == 0 ? answer.error : QStringLiteral("HTTP %1").arg(answer.status);
        return state;
    }
    if (!answerIsAuthentic(answer)) {
        state.detail = QStringLiteral("answer not signed by the platform certificate");
        return state;
    }
    state = tradeFrom(parseObject(answer.body));
    if (state.outTradeNo != outTradeNo)
        state.state = TradeState::State::Unknown;
    return state;
}

bool WeChatPay::close(const QString& outTradeNo) const
{
    const HttpAnswer answer = call(QStringLiteral("POST"),
        QStringLiteral("/v3/pay/transactions/out-trade-no/%1/close")
            .arg(QString::fromLatin1(QUrl::toPercentEncoding(outTradeNo))),
        QJsonDocument(QJsonObject {{QStringLiteral("mchid"), m_config.mchid}})
            .toJson(QJsonDocument::Compact));
    // 204 No Content when closed; closing a closed order is not an error for us.
    return answer.status == 204 || answer.status == 200;
}

VerifiedNotification WeChatPay::verify(const IncomingNotification& n, const QDateTime& now) const
{
    VerifiedNotification result;
    result.reason = checkSignature(m_keys.platformKey.get(), m_keys.platformSerial,
        n.header("Wechatpay-Serial"), n.header("Wechatpay-Timestamp"), n.header("Wechatpay-Nonce"),
        n.header("Wechatpay-Signature"), n.body, now, m_window);
    if (!result.reason.isEmpty())
        return result;
    const QJsonObject body = parseObject(n.body);
    result.notificationId = body.value(QStringLiteral("id")).toString();
    const auto plain = decryptResource(m_keys.apiv3Key, body.value(QStringLiteral("resource")).toObject());
    if (result.notificationId.isEmpty() || !plain) {
        result.reason = QStringLiteral("undecryptable");
        return result;
    }
    const QJsonObject transaction = parseObject(*plain);
    const TradeState trade = tradeFrom(transaction);
    result.outTradeNo = trade.outTradeNo;
    result.amountFen = trade.amountFen;
    result.transactionId = trade.transactionId;
    if (trade.detail == QLatin1String("wrong_merchant")) {
        result.reason = trade.detail;
        return result;
    }
    const bool success
        = body.value(QStringLiteral("event_type")).toString() == QLatin1String("TRANSACTION.SUCCESS")
        && trade.state == TradeState::State::Paid;
    // A "paid" that names no order or no positive amount is malformed, however well signed.
    if (success && (result.outTradeNo.isEmpty() || result.amountFen <= 0)) {
        result.reason = QStringLiteral("malformed");
        return result;
    }
    result.verdict = success ? VerifiedNotification::Verdict::Paid : VerifiedNotification::Verdict::NotPaid;
    return result;
}

NotificationReply WeChatPay::reply(bool accepted) const
{
    if (accepted)
        return {200, {}, {}};
    // The failure shape of the notification spec: WeChat Pay retries (15s, 15s, 30s, 3m, ... up to 24h).
    return {400, "application/json", R"({"code":"FAIL","message":"rejected"})"};
}

} // namespace certdesk::server::providers
