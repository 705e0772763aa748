// Provider notifications as the service receives them (server/providers): WeChat Pay API v3 notifications
// (Wechatpay-* headers, the JSON event, its AEAD_AES_256_GCM resource and the transaction inside), Alipay's
// form-encoded notifications (RSA2 over the sorted parameters) and the signed-HTTP callbacks of liveness
// (X-CertDesk-* headers, HMAC-SHA256). Anyone on the internet can post to these routes.
//
// A fuzzer cannot forge a signature, so most modes sign (and encrypt) what the fuzzer wrote with the keys
// this target made at start — the checks behind the signature get fuzzed too. The first byte picks the mode;
// the rest is split at "\n--\n" into the parts a mode reads:
//   0 WeChat Pay, raw: headers ("Name: value" lines), body
//   1 WeChat Pay, the body signed: body
//   2 WeChat Pay, signed and encrypted: transaction plaintext, associated_data, event_type
//   3 Alipay, raw: the form body (also fed to the answer parsers)
//   4 Alipay, the form body signed (sign and sign_type appended)
//   5 signed HTTP, raw: headers, body
//   6 signed HTTP, signed: body
// Invariants: a raw message (modes 0, 3, 5) is never accepted (the fuzzer holds no key); an accepted payment
// names an order and a positive amount.
#include "FuzzSupport.h"

#include "server/providers/Alipay.h"
#include "server/providers/ProviderCrypto.h"
#include "server/providers/SignedHttp.h"
#include "server/providers/WeChatPay.h"
#include "tests/support/AesGcmSeal.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QUrl>

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <memory>

namespace {

using namespace certdesk::server::providers;
using certdesk::pki::EvpPkeyPtr;
using certdesk::pki::SecureBytes;

const QByteArray PlatformSerial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
const QByteArray ApiV3Key = "0123456789abcdef0123456789ABCDEF";
const QByteArray WeChatNonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
const QByteArray CallbackPath = "/api/v1/notify/liveness";

EvpPkeyPtr rsaKey()
{
    return EvpPkeyPtr(EVP_RSA_gen(2048));
}

struct World
{
    EvpPkeyPtr platformKey = rsaKey(); // WeChat Pay's platform key
    EvpPkeyPtr alipayKey = rsaKey(); // Alipay's key
    SecureBytes apiv3Key {QByteArrayView(ApiV3Key)};
    SecureBytes hmacSecret {QByteArrayView("certdesk-fuzz-shared-secret-0001")};
    std::unique_ptr<WeChatPay> wechat;
    std::unique_ptr<Alipay> alipay;
    std::unique_ptr<SignedHttp> liveness;
};

World* world = nullptr;

EvpPkeyPtr copyOf(EVP_PKEY* key)
{
    EVP_PKEY_up_ref(key);
    return EvpPkeyPtr(key);
}

QList<QByteArray> parts(const QByteArray& rest)
{
    QList<QByteArray> out;
    qsizetype from = 0;
    for (;;) {
        const qsizetype at = rest.indexOf("\n--\n", from);
        if (at < 0) {
            out.append(rest.mid(from));
            return out;
        }
        out.append(rest.mid(from, at - from));
        from = at + 4;
    }
}

QByteArray part(const QList<QByteArray>& list, qsizetype i)
{
    return i < list.size() ? list.at(i) : QByteArray();
}

QList<QPair<QByteArray, QByteArray>> headersFrom(const QByteArray& text)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const QByteArray& line : text.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return headers;
}

IncomingNotification weChatSigned(const QByteArray& body, const QDateTime& now)
{
    const QByteArray timestamp = QByteArray::number(now.toSecsSinceEpoch());
    const QByteArray signature = crypto::signSha256Rsa(
        world->platformKey.get(), timestamp + '\n' + WeChatNonce + '\n' + body + '\n');
    IncomingNotification n;
    n.headers = {{"Wechatpay-Serial", PlatformSerial}, {"Wechatpay-Timestamp", timestamp},
        {"Wechatpay-Nonce", WeChatNonce}, {"Wechatpay-Signature", signature},
        {"Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048"}};
    n.body = body;
    n.contentType = "application/json";
    return n;
}

void checkVerdict(const VerifiedNotification& v, bool raw)
{
    if (v.verdict == VerifiedNotification::Verdict::Rejected)
        return;
    if (raw)
        __builtin_trap(); // accepted without a signature the fuzzer could make
    if (v.verdict == VerifiedNotification::Verdict::Paid && (v.outTradeNo.isEmpty() || v.amountFen <= 0))
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    certdesk::fuzz::initQt();
    world = new World;
    if (!world->platformKey || !world->alipayKey)
        std::abort();
    WeChatPayConfig wechatConfig;
    wechatConfig.baseUrl = QStringLiteral("http://127.0.0.1:9");
    wechatConfig.mchid = QStringLiteral("1900000109");
    wechatConfig.appid = QStringLiteral("wxd678efh567hg6787");
    WeChatPay::Keys wechatKeys;
    wechatKeys.merchantKey = copyOf(world->platformKey.get());
    wechatKeys.platformKey = copyOf(world->platformKey.get());
    wechatKeys.platformSerial = QString::fromLatin1(PlatformSerial);
    wechatKeys.apiv3Key = world->apiv3Key;
    world->wechat = std::make_unique<WeChatPay>(wechatConfig, std::move(wechatKeys), RetryPolicy {}, 300);
    AlipayConfig alipayConfig;
    alipayConfig.gatewayUrl = QStringLiteral("http://127.0.0.1:9/gateway.do");
    alipayConfig.appId = QStringLiteral("2021000000000001");
    Alipay::Keys alipayKeys;
    alipayKeys.appKey = copyOf(world->alipayKey.get());
    alipayKeys.alipayKey = copyOf(world->alipayKey.get());
    world->alipay = std::make_unique<Alipay>(alipayConfig, std::move(alipayKeys), RetryPolicy {});
    SignedHttpConfig livenessConfig;
    livenessConfig.provider = QStringLiteral("http");
    livenessConfig.baseUrl = QStringLiteral("http://127.0.0.1:9");
    livenessConfig.clientId = QStringLiteral("certdesk-fuzz");
    world->liveness = std::make_unique<SignedHttp>(livenessConfig, world->hmacSecret, RetryPolicy {}, 300);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const int mode = data[0] % 7;
    const QList<QByteArray> in = parts(certdesk::fuzz::bytes(data + 1, size - 1));
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1780000000, QTimeZone::utc());
    switch (mode) {
    case 0: {
        IncomingNotification n;
        n.headers = headersFrom(part(in, 0));
        n.body = part(in, 1);
        n.contentType = "application/json";
        checkVerdict(world->wechat->verify(n, now), true);
        break;
    }
    case 1:
        checkVerdict(world->wechat->verify(weChatSigned(part(in, 0), now), now), false);
        break;
    case 2: {
        const QByteArray nonce = "fuzznonce012"; // 12 bytes, as WeChat Pay sends
        const QByteArray ad = part(in, 1);
        const QByteArray eventType = part(in, 2).isEmpty() ? QByteArray("TRANSACTION.SUCCESS") : part(in, 2);
        const QJsonObject event {{QStringLiteral("id"), QStringLiteral("EV-2018022511223320873")},
            {QStringLiteral("create_time"), QStringLiteral("2026-06-01T10:00:00+08:00")},
            {QStringLiteral("resource_type"), QStringLiteral("encrypt-resource")},
            {QStringLiteral("event_type"), QString::fromUtf8(eventType)},
            {QStringLiteral("summary"), QStringLiteral("支付成功")},
            {QStringLiteral("resource"),
                QJsonObject {{QStringLiteral("algorithm"), QStringLiteral("AEAD_AES_256_GCM")},
                    {QStringLiteral("original_type"), QStringLiteral("transaction")},
                    {QStringLiteral("ciphertext"),
                        QString::fromLatin1(
                            certdesk::test::aesGcmSealBase64(ApiV3Key, nonce, ad, part(in, 0)))},
                    {QStringLiteral("associated_data"), QString::fromUtf8(ad)},
                    {QStringLiteral("nonce"), QString::fromLatin1(nonce)}}}};
        const QByteArray body = QJsonDocument(event).toJson(QJsonDocument::Compact);
        checkVerdict(world->wechat->verify(weChatSigned(body, now), now), false);
        break;
    }
    case 3: {
        IncomingNotification n;
        n.body = part(in, 0);
        n.contentType = "application/x-www-form-urlencoded";
        checkVerdict(world->alipay->verify(n, now), true);
        // The same bytes as an answer of the gateway, and amounts as Alipay writes them.
        (void)Alipay::responseText(n.body, "alipay_trade_query_response");
        const std::optional<certdesk::Fen> fen = Alipay::yuanToFen(QString::fromUtf8(part(in, 1)));
        if (fen && *fen < 0)
            __builtin_trap();
        break;
    }
    case 4: {
        const QByteArray body = part(in, 0);
        const QByteArray toSign = Alipay::signingString(
            Alipay::parseForm(body), {QStringLiteral("sign"), QStringLiteral("sign_type")});
        const QByteArray sign = crypto::signSha256Rsa(world->alipayKey.get(), toSign);
        IncomingNotification n;
        n.body = body + (body.isEmpty() ? "" : "&")
            + "sign_type=RSA2&sign=" + QUrl::toPercentEncoding(QString::fromLatin1(sign));
        n.contentType = "application/x-www-form-urlencoded";
        checkVerdict(world->alipay->verify(n, now), false);
        break;
    }
    case 5: {
        SignedHeaders h;
        for (const auto& [name, value] : headersFrom(part(in, 0))) {
            if (name.compare("X-CertDesk-Client", Qt::CaseInsensitive) == 0)
                h.client = value;
            else if (name.compare("X-CertDesk-Timestamp", Qt::CaseInsensitive) == 0)
                h.timestamp = value;
            else if (name.compare("X-CertDesk-Nonce", Qt::CaseInsensitive) == 0)
                h.nonce = value;
            else if (name.compare("X-CertDesk-Signature", Qt::CaseInsensitive) == 0)
                h.signature = value;
        }
        if (world->liveness->check("POST", CallbackPath, h, part(in, 1), now).isEmpty())
            __builtin_trap();
        break;
    }
    case 6: {
        SignedHeaders h;
        h.client = "certdesk-fuzz";
        h.timestamp = QByteArray::number(now.toSecsSinceEpoch());
        h.nonce = "0123456789abcdef0123456789abcdef";
        const QByteArray body = part(in, 0);
        h.signature
            = SignedHttp::signature(world->hmacSecret, "POST", CallbackPath, h.timestamp, h.nonce, body);
        if (!world->liveness->check("POST", CallbackPath, h, body, now).isEmpty())
            __builtin_trap(); // a correctly signed, fresh callback is accepted whatever its body
        (void)QJsonDocument::fromJson(body).object().value(QStringLiteral("session_id")).toString();
        break;
    }
    }
    return 0;
}
