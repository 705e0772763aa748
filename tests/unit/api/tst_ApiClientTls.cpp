// TLS pinning: with pinned CA certificates the client accepts a service whose certificate chains to one of
// them and refuses (Kind::Tls, no retry) one that chains to any other CA. Keys and certificates are made per
// run with the OpenSSL command line in a temporary directory.
#include "FakeHttpServer.h"
#include "TestEnvironment.h"
#include "api/ApiClient.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk;
using namespace certdesk::api;
using Response = certdesk::test::FakeHttpServer::Response;

class tst_ApiClientTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    bool openssl(const QStringList& arguments)
    {
        QProcess process;
        process.setWorkingDirectory(m_dir.path());
        process.start(QStringLiteral("openssl"), arguments);
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            qWarning("openssl %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))),
                process.readAllStandardError().constData());
            return false;
        }
        return true;
    }

    bool makeCa(const QString& name)
    {
        return openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
            QStringLiteral("ec"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
            QStringLiteral("-nodes"), QStringLiteral("-keyout"), name + QStringLiteral(".key"),
            QStringLiteral("-out"), name + QStringLiteral(".pem"), QStringLiteral("-subj"),
            QStringLiteral("/CN=") + name, QStringLiteral("-days"), QStringLiteral("2"),
            QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
            QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")});
    }

    QByteArray read(const QString& name)
    {
        QFile file(m_dir.filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QSslCertificate certificate(const QString& name) { return QSslCertificate(read(name), QSsl::Pem); }

    std::unique_ptr<test::FakeHttpServer> startServer()
    {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(certificate(QStringLiteral("server.pem")));
        configuration.setPrivateKey(QSslKey(read(QStringLiteral("server.key")), QSsl::Ec, QSsl::Pem));
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        auto server = std::make_unique<test::FakeHttpServer>();
        if (!server->listenTls(configuration))
            return nullptr;
        server->setHandler([](const auto&) {
            return Response::json(200, R"({"status":"ok","api_version":1,"sandbox":false})");
        });
        return server;
    }

    ApiResult<Health> health(const QUrl& url, const QList<QSslCertificate>& pinned, int* attempts)
    {
        ApiClientOptions options;
        options.baseUrl = url;
        options.pinnedCaCertificates = pinned;
        options.retry.random = [] { return 0.5; };
        ApiClient client(options);
        auto* reply = client.health();
        QSignalSpy spy(reply, &ApiReplyBase::finished);
        spy.wait(20000);
        *attempts = reply->attempts();
        return reply->result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::fixEnvironment();
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend here");
        QVERIFY(m_dir.isValid());
        QVERIFY(makeCa(QStringLiteral("pinned-ca")));
        QVERIFY(makeCa(QStringLiteral("other-ca")));
        QFile ext(m_dir.filePath(QStringLiteral("server.ext")));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        ext.close();
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
            QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
            QStringLiteral("-keyout"), QStringLiteral("server.key"), QStringLiteral("-out"),
            QStringLiteral("server.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")}));
        QVERIFY(openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
            QStringLiteral("server.csr"), QStringLiteral("-CA"), QStringLiteral("pinned-ca.pem"),
            QStringLiteral("-CAkey"), QStringLiteral("pinned-ca.key"), QStringLiteral("-CAcreateserial"),
            QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
            QStringLiteral("server.ext"), QStringLiteral("-out"), QStringLiteral("server.pem")}));
    }

    void pinnedCaIsAccepted()
    {
        auto server = startServer();
        QVERIFY(server);
        int attempts = 0;
        const auto result = health(server->url(), {certificate(QStringLiteral("pinned-ca.pem"))}, &attempts);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().logSummary()));
        QCOMPARE(result->status, QStringLiteral("ok"));
        QCOMPARE(server->requests().size(), 1);
    }

    void otherCaIsRefused()
    {
        auto server = startServer();
        QVERIFY(server);
        int attempts = 0;
        const auto result = health(server->url(), {certificate(QStringLiteral("other-ca.pem"))}, &attempts);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ApiError::Kind::Tls);
        QCOMPARE(attempts, 1); // a wrong certificate is not retried
        QVERIFY(server->requests().isEmpty()); // nothing was sent over the refused connection
        QVERIFY(!result.error().userMessage().isEmpty());
    }

    void systemStoreDoesNotReplacePinning()
    {
        // Without pinning the (system) store does not know the test CA either: refused, also Kind::Tls.
        auto server = startServer();
        QVERIFY(server);
        int attempts = 0;
        const auto result = health(server->url(), {}, &attempts);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ApiError::Kind::Tls);
    }
};

QTEST_GUILESS_MAIN(tst_ApiClientTls)
#include "tst_ApiClientTls.moc"
