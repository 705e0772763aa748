// Known-answer tests of the payment adapters against vectors published with the providers' official SDKs
// (tests/data/providers, each file names its source): a simulator written from the same reading as the
// adapters would agree with them whatever that reading got wrong; these vectors were made by the providers.
#include "server/providers/Alipay.h"
#include "server/providers/ProviderCrypto.h"
#include "server/providers/WeChatPay.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>
#include <QUrl>

using namespace certdesk::server::providers;

namespace {

QJsonObject vector(const char* name)
{
    QFile file(qEnvironmentVariable("CERTDESK_SOURCE_DIR") + QStringLiteral("/tests/data/providers/")
        + QString::fromLatin1(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QByteArray text(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString().toUtf8();
}

certdesk::pki::SecureBytes secret(const QByteArray& bytes)
{
    return certdesk::pki::SecureBytes(QByteArrayView(bytes));
}

} // namespace

class TestProviderKat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wechatPayNotification();
    void wechatPayAesGcm();
    void wechatPayRequestSignature();
    void alipayNotifications();
    void alipayAmounts_data();
    void alipayAmounts();
    void alipayResponseText();
};

void TestProviderKat::wechatPayNotification()
{
    const QJsonObject v = vector("wechatpay-go-notification.json");
    QVERIFY(!v.isEmpty());
    const QByteArray certificate = text(v, "platform_certificate");
    const auto key = crypto::publicKeyFromText(certificate);
    QVERIFY(key);
    const QString serial = crypto::certificateSerialHex(certificate);
    const QJsonObject h = v.value(QStringLiteral("headers")).toObject();
    QCOMPARE(serial, h.value(QStringLiteral("Wechatpay-Serial")).toString());
    const QByteArray body = text(v, "body");
    const QDateTime now
        = QDateTime::fromSecsSinceEpoch(qint64(v.value(QStringLiteral("now")).toDouble()), Qt::UTC);
    const auto check = [&](const QByteArray& b, const QDateTime& at, const QByteArray& signature) {
        return WeChatPay::checkSignature(key.get(), serial, text(h, "Wechatpay-Serial"),
            text(h, "Wechatpay-Timestamp"), text(h, "Wechatpay-Nonce"), signature, b, at, 300);
    };
    const QByteArray signature = text(h, "Wechatpay-Signature");
    QCOMPARE(check(body, now, signature), QString());
    // Five minutes and a second later the same notification is stale; a changed byte breaks the signature.
    QCOMPARE(check(body, now.addSecs(301), signature), QStringLiteral("stale"));
    QByteArray altered = body;
    altered.replace("签约成功", "签约失败");
    QCOMPARE(check(altered, now, signature), QStringLiteral("bad_signature"));
    QByteArray badSignature = QByteArray::fromBase64(signature);
    badSignature[10] = char(badSignature[10] ^ 1);
    QCOMPARE(check(body, now, badSignature.toBase64()), QStringLiteral("bad_signature"));

    const QJsonObject resource
        = QJsonDocument::fromJson(body).object().value(QStringLiteral("resource")).toObject();
    const auto plain = WeChatPay::decryptResource(secret(text(v, "apiv3_key")), resource);
    QVERIFY(plain);
    QCOMPARE(*plain, text(v, "plaintext"));
    // The wrong key or a changed associated_data fails the GCM tag.
    QVERIFY(!WeChatPay::decryptResource(secret("testMchAPIv3Key1"), resource));
    QJsonObject other = resource;
    other.insert(QStringLiteral("associated_data"), QStringLiteral("transaction"));
    QVERIFY(!WeChatPay::decryptResource(secret(text(v, "apiv3_key")), other));
}

void TestProviderKat::wechatPayAesGcm()
{
    const QJsonObject v = vector("wechatpay-go-aes-gcm.json");
    const auto plain = crypto::aesGcmDecrypt(
        secret(text(v, "key")), text(v, "nonce"), text(v, "associated_data"), text(v, "ciphertext"));
    QVERIFY(plain);
    QCOMPARE(*plain, text(v, "plaintext"));
    QVERIFY(!crypto::aesGcmDecrypt(secret(text(v, "key")), text(v, "nonce"), "other", text(v, "ciphertext")));
}

void TestProviderKat::wechatPayRequestSignature()
{
    // SHA256withRSA (PKCS #1 v1.5) is deterministic: our signature of the SDK's message is the SDK's.
    const QJsonObject v = vector("wechatpay-go-sha256-rsa.json");
    const auto key = crypto::privateKeyFromPem(text(v, "private_key"));
    QVERIFY(key);
    QCOMPARE(crypto::signSha256Rsa(key.get(), text(v, "message")), text(v, "signature"));
}

void TestProviderKat::alipayNotifications()
{
    const QJsonObject v = vector("alipay-sdk-nodejs-notifications.json");
    const auto key = crypto::publicKeyFromText(text(v, "alipay_public_key"));
    QVERIFY(key);
    const QJsonArray cases = v.value(QStringLiteral("cases")).toArray();
    QCOMPARE(cases.size(), 3);
    for (const QJsonValue& c : cases) {
        const QJsonObject params = c.toObject().value(QStringLiteral("params")).toObject();
        // As posted: form-encoded, then parsed back the way the notification route does.
        QByteArray form;
        for (auto it = params.begin(); it != params.end(); ++it)
            form += (form.isEmpty() ? "" : "&") + QUrl::toPercentEncoding(it.key()) + '='
                + QUrl::toPercentEncoding(it.value().toString());
        const QMap<QString, QString> parsed = Alipay::parseForm(form);
        QCOMPARE(parsed.value(QStringLiteral("subject")), params.value(QStringLiteral("subject")).toString());
        QVERIFY2(Alipay::verifyNotificationSignature(key.get(), parsed)
                == c.toObject().value(QStringLiteral("valid")).toBool(),
            qPrintable(c.toObject().value(QStringLiteral("name")).toString()));
        // A changed amount never verifies.
        QMap<QString, QString> changed = parsed;
        changed.insert(QStringLiteral("total_amount"), QStringLiteral("100.10"));
        QVERIFY(!Alipay::verifyNotificationSignature(key.get(), changed));
    }
}

void TestProviderKat::alipayAmounts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("fen");
    QTest::newRow("cents") << QStringLiteral("0.10") << qint64(10);
    QTest::newRow("yuan") << QStringLiteral("360.00") << qint64(36000);
    QTest::newRow("one decimal") << QStringLiteral("360.5") << qint64(36050);
    QTest::newRow("integer") << QStringLiteral("60") << qint64(6000);
    QTest::newRow("three decimals") << QStringLiteral("0.001") << qint64(-1);
    QTest::newRow("negative") << QStringLiteral("-1.00") << qint64(-1);
    QTest::newRow("exponent") << QStringLiteral("1e3") << qint64(-1);
    QTest::newRow("empty") << QString() << qint64(-1);
}

void TestProviderKat::alipayAmounts()
{
    QFETCH(QString, text);
    QFETCH(qint64, fen);
    QCOMPARE(Alipay::yuanToFen(text).value_or(-1), fen);
}

void TestProviderKat::alipayResponseText()
{
    // Alipay signs the exact text of the response object, spacing and key order included.
    const QByteArray body
        = "{\"alipay_trade_precreate_response\":{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":"
          "\"6823789339978248\",\"qr_code\":\"https://qr.alipay.com/bavh4wjlxf12tper3a\"},\"sign\":\"x\"}";
    QCOMPARE(Alipay::responseText(body, "alipay_trade_precreate_response"),
        QByteArray("{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"6823789339978248\",\"qr_"
                   "code\":\"https://qr.alipay.com/bavh4wjlxf12tper3a\"}"));
    QCOMPARE(Alipay::responseText("{\"a_response\":{\"m\":\"}{\\\"x\"},\"sign\":\"s\"}", "a_response"),
        QByteArray("{\"m\":\"}{\\\"x\"}"));
    QVERIFY(Alipay::responseText(body, "alipay_trade_query_response").isEmpty());
}

QTEST_GUILESS_MAIN(TestProviderKat)
#include "tst_provider_kat.moc"
