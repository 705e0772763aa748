// core/api/UrlPolicy: the service's address must be https beyond this machine; the browser opens only https
// (http on loopback); QR contents for phone apps are never opened.
#include "api/UrlPolicy.h"

#include <QTest>

using namespace certdesk::api;

class TestUrlPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serverUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("https") << QStringLiteral("https://counter.example-ca.cn") << true;
        QTest::newRow("https with port") << QStringLiteral("https://10.1.2.3:8443") << true;
        QTest::newRow("http loopback") << QStringLiteral("http://127.0.0.1:8080") << true;
        QTest::newRow("http loopback /8") << QStringLiteral("http://127.0.0.2:8080") << true;
        QTest::newRow("http localhost") << QStringLiteral("http://localhost:8080") << true;
        QTest::newRow("http ipv6 loopback") << QStringLiteral("http://[::1]:8080") << true;
        QTest::newRow("http remote") << QStringLiteral("http://counter.example-ca.cn") << false;
        QTest::newRow("http lan") << QStringLiteral("http://192.168.1.10:8080") << false;
        QTest::newRow("http localhost lookalike") << QStringLiteral("http://localhost.example.cn") << false;
        QTest::newRow("ftp") << QStringLiteral("ftp://counter.example-ca.cn") << false;
        QTest::newRow("no host") << QStringLiteral("https:///api") << false;
        QTest::newRow("garbage") << QStringLiteral("counter") << false;
    }
    void serverUrl()
    {
        QFETCH(QString, url);
        QFETCH(bool, accepted);
        QCOMPARE(serverUrlProblem(QUrl(url)).isEmpty(), accepted);
    }

    void browser_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("opened");
        QTest::newRow("https invoice")
            << QStringLiteral("https://counter.example-ca.cn/api/v1/invoices/1") << true;
        QTest::newRow("sandbox page") << QStringLiteral("http://127.0.0.1:40123/sandbox/pay/p1") << true;
        QTest::newRow("http remote") << QStringLiteral("http://pay.example.cn/qr") << false;
        QTest::newRow("weixin") << QStringLiteral("weixin://wxpay/bizpayurl?pr=abc") << false;
        QTest::newRow("alipay") << QStringLiteral("alipays://platformapi/startapp?appId=1") << false;
        QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << false;
        QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)") << false;
    }
    void browser()
    {
        QFETCH(QString, url);
        QFETCH(bool, opened);
        QCOMPARE(mayOpenInBrowser(QUrl(url)), opened);
    }
};

QTEST_GUILESS_MAIN(TestUrlPolicy)
#include "tst_UrlPolicy.moc"
