// The payment adapters' verdicts on notifications that are correctly signed (and, for WeChat Pay, encrypted)
// but say something a payment cannot be: the keys are made here, as the provider's are on its side, so the
// checks behind the signature are what is tested. Found by the provider_notifications fuzz target
// (docs/reliability.md): a signed Alipay "paid" with total_amount 360.005 came out as paid with no amount.
#include "server/providers/Alipay.h"
#include "server/providers/ProviderCrypto.h"
#include "server/providers/WeChatPay.h"
#include "tests/support/AesGcmSeal.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>
#include <QUrl>

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <memory>

using namespace certdesk::server::providers;
using certdesk::pki::EvpPkeyPtr;
using certdesk::pki::SecureBytes;

namespace {

using Verdict = VerifiedNotification::Verdict;

const QByteArray PlatformSerial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
const QByteArray ApiV3Key = "0123456789abcdef0123456789ABCDEF";

EvpPkeyPtr copyOf(EVP_PKEY* key)
{
    EVP_PKEY_up_ref(key);
    return EvpPkeyPtr(key);
}

} // namespace

class TestProviderVerify : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void wechatPayAmounts_data();
    void wechatPayAmounts();
    void alipayAmounts_data();
    void alipayAmounts();

private:
    [[nodiscard]] IncomingNotification wechatNotification(const QJsonObject& transaction) const;
    [[nodiscard]] IncomingNotification alipayNotification(const QByteArray& form) const;

    EvpPkeyPtr m_key;
    std::unique_ptr<WeChatPay> m_wechat;
    std::unique_ptr<Alipay> m_alipay;
    const QDateTime m_now = QDateTime::fromSecsSinceEpoch(1780000000, QTimeZone::utc());
};

void TestProviderVerify::initTestCase()
{
    m_key.reset(EVP_RSA_gen(2048));
    QVERIFY(m_key);
    WeChatPayConfig wechat;
    wechat.baseUrl = QStringLiteral("http://127.0.0.1:9");
    wechat.mchid = QStringLiteral("1900000109");
    wechat.appid = QStringLiteral("wxd678efh567hg6787");
    WeChatPay::Keys wechatKeys;
    wechatKeys.merchantKey = copyOf(m_key.get());
    wechatKeys.platformKey = copyOf(m_key.get());
    wechatKeys.platformSerial = QString::fromLatin1(PlatformSerial);
    wechatKeys.apiv3Key = SecureBytes(QByteArrayView(ApiV3Key));
    m_wechat = std::make_unique<WeChatPay>(wechat, std::move(wechatKeys), RetryPolicy {}, 300);
    AlipayConfig alipay;
    alipay.gatewayUrl = QStringLiteral("http://127.0.0.1:9/gateway.do");
    alipay.appId = QStringLiteral("2021000000000001");
    Alipay::Keys alipayKeys;
    alipayKeys.appKey = copyOf(m_key.get());
    alipayKeys.alipayKey = copyOf(m_key.get());
    m_alipay = std::make_unique<Alipay>(alipay, std::move(alipayKeys), RetryPolicy {});
}

IncomingNotification TestProviderVerify::wechatNotification(const QJsonObject& transaction) const
{
    const QByteArray nonce = "fuzznonce012";
    const QJsonObject event {{QStringLiteral("id"), QStringLiteral("EV-2018022511223320873")},
        {QStringLiteral("event_type"), QStringLiteral("TRANSACTION.SUCCESS")},
        {QStringLiteral("resource_type"), QStringLiteral("encrypt-resource")},
        {QStringLiteral("resource"),
            QJsonObject {{QStringLiteral("algorithm"), QStringLiteral("AEAD_AES_256_GCM")},
                {QStringLiteral("ciphertext"),
                    QString::fromLatin1(certdesk::test::aesGcmSealBase64(ApiV3Key, nonce, "transaction",
                        QJsonDocument(transaction).toJson(QJsonDocument::Compact)))},
                {QStringLiteral("associated_data"), QStringLiteral("transaction")},
                {QStringLiteral("nonce"), QString::fromLatin1(nonce)}}}};
    const QByteArray body = QJsonDocument(event).toJson(QJsonDocument::Compact);
    const QByteArray timestamp = QByteArray::number(m_now.toSecsSinceEpoch());
    const QByteArray signatureNonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
    IncomingNotification n;
    n.headers = {{"Wechatpay-Serial", PlatformSerial}, {"Wechatpay-Timestamp", timestamp},
        {"Wechatpay-Nonce", signatureNonce},
        {"Wechatpay-Signature",
            crypto::signSha256Rsa(m_key.get(), timestamp + '\n' + signatureNonce + '\n' + body + '\n')}};
    n.body = body;
    n.contentType = "application/json";
    return n;
}

IncomingNotification TestProviderVerify::alipayNotification(const QByteArray& form) const
{
    const QByteArray sign = crypto::signSha256Rsa(m_key.get(),
        Alipay::signingString(
            Alipay::parseForm(form), {QStringLiteral("sign"), QStringLiteral("sign_type")}));
    IncomingNotification n;
    n.body = form + "&sign_type=RSA2&sign=" + QUrl::toPercentEncoding(QString::fromLatin1(sign));
    n.contentType = "application/x-www-form-urlencoded";
    return n;
}

void TestProviderVerify::wechatPayAmounts_data()
{
    QTest::addColumn<QJsonValue>("total");
    QTest::addColumn<QString>("outTradeNo");
    QTest::addColumn<bool>("paid");
    QTest::addColumn<qint64>("fen");
    QTest::newRow("whole fen") << QJsonValue(36000) << QStringLiteral("PAY-1") << true << qint64(36000);
    QTest::newRow("a fraction") << QJsonValue(36000.5) << QStringLiteral("PAY-1") << false << qint64(-1);
    QTest::newRow("beyond 2^53") << QJsonValue(1e300) << QStringLiteral("PAY-1") << false << qint64(-1);
    QTest::newRow("negative") << QJsonValue(-36000) << QStringLiteral("PAY-1") << false << qint64(-1);
    QTest::newRow("zero") << QJsonValue(0) << QStringLiteral("PAY-1") << false << qint64(0);
    QTest::newRow("a string") << QJsonValue(QStringLiteral("36000")) << QStringLiteral("PAY-1") << false
                              << qint64(-1);
    QTest::newRow("no order") << QJsonValue(36000) << QString() << false << qint64(36000);
}

void TestProviderVerify::wechatPayAmounts()
{
    QFETCH(QJsonValue, total);
    QFETCH(QString, outTradeNo);
    QFETCH(bool, paid);
    QFETCH(qint64, fen);
    QJsonObject transaction {{QStringLiteral("mchid"), QStringLiteral("1900000109")},
        {QStringLiteral("appid"), QStringLiteral("wxd678efh567hg6787")},
        {QStringLiteral("transaction_id"), QStringLiteral("4200000985202606010000000001")},
        {QStringLiteral("trade_state"), QStringLiteral("SUCCESS")},
        {QStringLiteral("amount"), QJsonObject {{QStringLiteral("total"), total}}}};
    if (!outTradeNo.isEmpty())
        transaction.insert(QStringLiteral("out_trade_no"), outTradeNo);
    const VerifiedNotification v = m_wechat->verify(wechatNotification(transaction), m_now);
    QCOMPARE(v.verdict, paid ? Verdict::Paid : Verdict::Rejected);
    QCOMPARE(v.amountFen, fen);
    if (!paid)
        QCOMPARE(v.reason, QStringLiteral("malformed"));
}

void TestProviderVerify::alipayAmounts_data()
{
    QTest::addColumn<QByteArray>("amount");
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<int>("verdict");
    QTest::newRow("paid") << QByteArray("360.00") << QByteArray("TRADE_SUCCESS") << int(Verdict::Paid);
    QTest::newRow("three decimals") << QByteArray("360.005") << QByteArray("TRADE_SUCCESS")
                                    << int(Verdict::Rejected);
    QTest::newRow("no amount") << QByteArray() << QByteArray("TRADE_FINISHED") << int(Verdict::Rejected);
    QTest::newRow("zero") << QByteArray("0.00") << QByteArray("TRADE_SUCCESS") << int(Verdict::Rejected);
    // A closed trade changes nothing whatever its amount says.
    QTest::newRow("closed, odd amount")
        << QByteArray("360.005") << QByteArray("TRADE_CLOSED") << int(Verdict::NotPaid);
}

void TestProviderVerify::alipayAmounts()
{
    QFETCH(QByteArray, amount);
    QFETCH(QByteArray, status);
    QFETCH(int, verdict);
    const QByteArray form = "app_id=2021000000000001&notify_id=ac05099524730693a8b330c5ecf72da9786"
                            "&out_trade_no=PAY-1&trade_no=2026060122001400000000000001&trade_status="
        + status + (amount.isEmpty() ? QByteArray() : "&total_amount=" + amount);
    const VerifiedNotification v = m_alipay->verify(alipayNotification(form), m_now);
    QCOMPARE(int(v.verdict), verdict);
    if (v.verdict == Verdict::Rejected)
        QCOMPARE(v.reason, QStringLiteral("malformed"));
}

QTEST_GUILESS_MAIN(TestProviderVerify)
#include "tst_provider_verify.moc"
