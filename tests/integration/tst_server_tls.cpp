// certdesk-server over HTTPS (--tls-cert/--tls-key) with the client pinned to the service's CA: the pinned
// client talks to it; a client pinned to another CA refuses the connection (kind Tls) after one attempt.
#include "ResponseRecorder.h"
#include "ServerProcess.h"
#include "api/ApiClient.h"

#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk;

namespace {

bool makeCertificate(const QString& dir, const QString& name)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
            QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
            QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
            QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
            QStringLiteral("-keyout"), dir + QLatin1Char('/') + name + QStringLiteral(".key"),
            QStringLiteral("-out"), dir + QLatin1Char('/') + name + QStringLiteral(".pem")});
    return openssl.waitForFinished(60000) && openssl.exitCode() == 0;
}

} // namespace

class TestServerTls : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    test::ServerProcess m_server;

    QUrl httpsUrl() const
    {
        QUrl url = m_server.baseUrl();
        url.setScheme(QStringLiteral("https"));
        return url;
    }

    api::ApiResult<api::Health> health(const QString& pinnedCa)
    {
        api::ApiClientOptions options;
        options.baseUrl = httpsUrl();
        options.pinnedCaCertificates = QSslCertificate::fromPath(pinnedCa);
        api::ApiClient client(options);
        certdesk::test::recordReplies(&client);
        auto* reply = client.health();
        reply->waitForFinished();
        auto result = reply->result();
        delete reply;
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(makeCertificate(m_dir.path(), QStringLiteral("service")));
        QVERIFY(makeCertificate(m_dir.path(), QStringLiteral("other")));
        QVERIFY2(m_server.start({QStringLiteral("--tls-cert"), m_dir.filePath(QStringLiteral("service.pem")),
                     QStringLiteral("--tls-key"), m_dir.filePath(QStringLiteral("service.key"))}),
            qPrintable(m_server.errorString()));
    }

    void pinnedClientConnects()
    {
        const auto r = health(m_dir.filePath(QStringLiteral("service.pem")));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().logSummary()));
        QCOMPARE(r.value().status, QStringLiteral("ok"));
        QVERIFY(r.value().sandbox);
    }

    void otherCaIsRefused()
    {
        const auto r = health(m_dir.filePath(QStringLiteral("other.pem")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, api::ApiError::Kind::Tls);
    }
};

QTEST_GUILESS_MAIN(TestServerTls)
#include "tst_server_tls.moc"
