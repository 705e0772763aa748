#include "Alipay.h"

#include "ProviderCrypto.h"
#include "ProviderFiles.h"

#include "../ServiceOptions.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace certdesk::server::providers {

namespace {

QString yuan(Fen fen)
{
    return QStringLiteral("%1.%2").arg(fen / 100).arg(fen % 100, 2, 10, QLatin1Char('0'));
}

QByteArray formEncode(const QMap<QString, QString>& params)
{
    QByteArray out;
    for (auto it = params.cbegin(); it != params.cend(); ++it) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(it.key()) + '=' + QUrl::toPercentEncoding(it.value());
    }
    return out;
}

} // namespace

Alipay::Keys Alipay::loadKeys(const AlipayConfig& config)
{
    if (config.appId.isEmpty())
        throw ConfigurationError("[alipay] needs app_id");
    Keys keys;
    keys.appKey = crypto::privateKeyFromPem(
        readProtectedFile(config.appPrivateKeyFile, QStringLiteral("[alipay] app_private_key_file"), true));
    if (!keys.appKey)
        throw ConfigurationError("[alipay] app_private_key_file is not an unencrypted PEM private key");
    keys.alipayKey = crypto::publicKeyFromText(readProtectedFile(
        config.alipayPublicKeyFile, QStringLiteral("[alipay] alipay_public_key_file"), false));
    if (!keys.alipayKey)
        throw ConfigurationError("[alipay] alipay_public_key_file is not a public key");
    return keys;
}

Alipay::Alipay(AlipayConfig config, Keys keys, RetryPolicy policy)
    : m_config(std::move(config))
    , m_keys(std::move(keys))
    , m_http(m_config.gatewayUrl, policy)
{ }

QByteArray Alipay::signingString(const QMap<QString, QString>& params, const QStringList& exclude)
{
    QByteArray out;
    // QMap iterates in key order: the byte order of the ASCII parameter names, as Alipay sorts them.
    for (auto it = params.cbegin(); it != params.cend(); ++it) {
        if (it.value().isEmpty() || exclude.contains(it.key()))
            continue;
        if (!out.isEmpty())
            out += '&';
        out += it.key().toUtf8() + '=' + it.value().toUtf8();
    }
    return out;
}

QMap<QString, QString> Alipay::parseForm(const QByteArray& body)
{
    QMap<QString, QString> params;
    for (const QByteArray& pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const auto decode = [](QByteArray part) {
            part.replace('+', ' ');
            return QString::fromUtf8(QByteArray::fromPercentEncoding(part));
        };
        params.insert(
            decode(pair.left(eq < 0 ? pair.size() : eq)), eq < 0 ? QString() : decode(pair.mid(eq + 1)));
    }
    return params;
}

QByteArray Alipay::responseText(const QByteArray& body, const QByteArray& key)
{
    const QByteArray marker = '"' + key + "\":";
    qsizetype start = body.indexOf(marker);
    if (start < 0)
        return {};
    start += marker.size();
    while (start < body.size() && (body.at(start) == ' ' || body.at(start) == '\n'))
        ++start;
    if (start >= body.size() || body.at(start) != '{')
        return {};
    int depth = 0;
    bool inString = false;
    for (qsizetype i = start; i < body.size(); ++i) {
        const char c = body.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '{')
            ++depth;
        else if (c == '}' && --depth == 0)
            return body.mid(start, i - start + 1);
    }
    return {};
}

std::optional<Fen> Alipay::yuanToFen(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,12})(?:\\.(\\d{1,2}))?$"));
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const QString cents = match.captured(2).leftJustified(2, QLatin1Char('0'));
    return match.captured(1).toLongLong() * 100 + cents.toLongLong();
}

bool Alipay::verifyNotificationSignature(EVP_PKEY* alipayKey, const QMap<QString, QString>& params)
{
    return params.value(QStringLiteral("sign_type"), QStringLiteral("RSA2")) == QLatin1String("RSA2")
        && crypto::verifySha256Rsa(alipayKey,
            signingString(params, {QStringLiteral("sign"), QStringLiteral("sign_type")}),
            params.value(QStringLiteral("sign")).toLatin1());
}

std::optional<QJsonObject> Alipay::call(const QString& method, const QJsonObject& bizContent,
    const QString& notifyUrl, CallOutcome* outcome, QString* detail) const
{
    QMap<QString, QString> params {{QStringLiteral("app_id"), m_config.appId},
        {QStringLiteral("method"), method}, {QStringLiteral("format"), QStringLiteral("JSON")},
        {QStringLiteral("charset"), QStringLiteral("utf-8")},
        {QStringLiteral("sign_type"), QStringLiteral("RSA2")},
        {QStringLiteral("version"), QStringLiteral("1.0")},
        {QStringLiteral("biz_content"),
            QString::fromUtf8(QJsonDocument(bizContent).toJson(QJsonDocument::Compact))}};
    if (!notifyUrl.isEmpty())
        params.insert(QStringLiteral("notify_url"), notifyUrl);
    HttpCall c;
    c.method = QStringLiteral("POST");
    c.path = QString();
    c.contentType = "application/x-www-form-urlencoded;charset=utf-8";
    const HttpAnswer answer = m_http.send(c, [this, &params](HttpCall& prepared) {
        // Alipay's timestamp is China Standard Time, "yyyy-MM-dd HH:mm:ss".
        params.insert(QStringLiteral("timestamp"),
            QDateTime::currentDateTimeUtc().toOffsetFromUtc(8 * 3600).toString(
                QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        params.remove(QStringLiteral("sign"));
        params.insert(QStringLiteral("sign"),
            QString::fromLatin1(
                crypto::signSha256Rsa(m_keys.appKey.get(), signingString(params, {QStringLiteral("sign")}))));
        prepared.body = formEncode(params);
        if (prepared.path.isEmpty())
            prepared.path = QStringLiteral("/");
    });
    if (!answer.ok()) {
        *outcome = answer.status == 0 || answer.status == 429 || answer.status >= 500
            ? CallOutcome::Unavailable
            : CallOutcome::Refused;
        *detail = answer.status == 0 ? answer.error : QStringLiteral("HTTP %1").arg(answer.status);
        return std::nullopt;
    }
    const QByteArray key
        = QString(method).replace(QLatin1Char('.'), QLatin1Char('_')).toLatin1() + "_response";
    const QByteArray signedText = responseText(answer.body, key);
    const QJsonDocument doc = QJsonDocument::fromJson(answer.body);
    const QString sign = doc.object().value(QStringLiteral("sign")).toString();
    if (signedText.isEmpty()
        || !crypto::verifySha256Rsa(m_keys.alipayKey.get(), signedText, sign.toLatin1())) {
        *outcome = CallOutcome::Refused;
        *detail = QStringLiteral("answer not signed by Alipay's key");
        return std::nullopt;
    }
    const QJsonObject response = QJsonDocument::fromJson(signedText).object();
    if (response.value(QStringLiteral("code")).toString() != QLatin1String("10000")) {
        *outcome = CallOutcome::Refused;
        *detail = response.value(QStringLiteral("sub_code")).toString();
        if (detail->isEmpty())
            *detail = response.value(QStringLiteral("code")).toString();
        return std::nullopt;
    }
    *outcome = CallOutcome::Ok;
    return response;
}

CreatedOrder Alipay::create(const PaymentOrder& order) const
{
    CreatedOrder created;
    const auto response = call(QStringLiteral("alipay.trade.precreate"),
        QJsonObject {{QStringLiteral("out_trade_no"), order.outTradeNo},
            {QStringLiteral("total_amount"), yuan(order.amountFen)},
            {QStringLiteral("subject"), order.description.left(256)},
            {QStringLiteral("time_expire"),
                order.expiresAt.toOffsetFromUtc(8 * 3600).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))}},
        order.notifyUrl, &created.outcome, &created.detail);
    if (!response)
        return created;
    const QString qr = response->value(QStringLiteral("qr_code")).toString();
    if (response->value(QStringLiteral("out_trade_no")).toString() != order.outTradeNo || qr.isEmpty()) {
        created.outcome = CallOutcome::Refused;
        created.detail = QStringLiteral("answer for another order");
        return created;
    }
    created.qrContent = qr;
    return created;
}

TradeState Alipay::query(const QString& outTradeNo) const
{
    TradeState state;
    CallOutcome outcome = CallOutcome::Unavailable;
    const auto response = call(QStringLiteral("alipay.trade.query"),
        QJsonObject {{QStringLiteral("out_trade_no"), outTradeNo}}, {}, &outcome, &state.detail);
    if (!response)
        return state;
    state.outTradeNo = response->value(QStringLiteral("out_trade_no")).toString();
    state.transactionId = response->value(QStringLiteral("trade_no")).toString();
    state.amountFen = yuanToFen(response->value(QStringLiteral("total_amount")).toString()).value_or(-1);
    const QString status = response->value(QStringLiteral("trade_status")).toString();
    state.detail = status;
    if (state.outTradeNo != outTradeNo)
        state.state = TradeState::State::Unknown;
    else if (status == QLatin1String("TRADE_SUCCESS") || status == QLatin1String("TRADE_FINISHED"))
        state.state = TradeState::State::Paid;
    else if (status == QLatin1String("WAIT_BUYER_PAY"))
        state.state = TradeState::State::Pending;
    else if (status == QLatin1String("TRADE_CLOSED"))
        state.state = TradeState::State::Closed;
    return state;
}

bool Alipay::close(const QString& outTradeNo) const
{
    CallOutcome outcome = CallOutcome::Unavailable;
    QString detail;
    const auto response = call(QStringLiteral("alipay.trade.close"),
        QJsonObject {{QStringLiteral("out_trade_no"), outTradeNo}}, {}, &outcome, &detail);
    // ACQ.TRADE_NOT_EXIST: a precreated order that was never scanned does not exist at Alipay yet; it cannot
    // be paid once its time_expire has passed, so that counts as closed too.
    return response.has_value() || detail == QLatin1String("ACQ.TRADE_NOT_EXIST")
        || detail == QLatin1String("ACQ.TRADE_STATUS_ERROR");
}

VerifiedNotification Alipay::verify(const IncomingNotification& n, const QDateTime&) const
{
    VerifiedNotification result;
    const QMap<QString, QString> params = parseForm(n.body);
    if (!verifyNotificationSignature(m_keys.alipayKey.get(), params)) {
        result.reason = QStringLiteral("bad_signature");
        return result;
    }
    result.notificationId = params.value(QStringLiteral("notify_id"));
    result.outTradeNo = params.value(QStringLiteral("out_trade_no"));
    result.transactionId = params.value(QStringLiteral("trade_no"));
    result.amountFen = yuanToFen(params.value(QStringLiteral("total_amount"))).value_or(-1);
    if (params.value(QStringLiteral("app_id")) != m_config.appId) {
        result.reason = QStringLiteral("wrong_merchant");
        return result;
    }
    if (result.notificationId.isEmpty() || result.outTradeNo.isEmpty()) {
        result.reason = QStringLiteral("malformed");
        return result;
    }
    const QString status = params.value(QStringLiteral("trade_status"));
    const bool paid = status == QLatin1String("TRADE_SUCCESS") || status == QLatin1String("TRADE_FINISHED");
    // A "paid" whose total_amount is not a plain yuan amount (yuanToFen) is malformed, however well signed.
    if (paid && result.amountFen <= 0) {
        result.reason = QStringLiteral("malformed");
        return result;
    }
    result.verdict = paid ? VerifiedNotification::Verdict::Paid : VerifiedNotification::Verdict::NotPaid;
    return result;
}

NotificationReply Alipay::reply(bool accepted) const
{
    return {200, "text/plain", accepted ? QByteArray("success") : QByteArray("fail")};
}

} // namespace certdesk::server::providers
