// ApiClient against a scripted loopback HTTP server: request shape (method, path, headers, body), error
// mapping, retry policy (which calls, how often, with which key and delays), timeout, cancel, progress.
// JSON in raw strings writes "\/" for "/" in URLs: moc 6.4 reads "//" inside a raw string as a comment.
#include "FakeHttpServer.h"
#include "TestEnvironment.h"
#include "api/ApiClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace certdesk;
using namespace certdesk::api;
using Response = certdesk::test::FakeHttpServer::Response;

namespace {

// Records each wait instead of sleeping; fires at once (next event loop turn) unless held.
class RecordingScheduler final : public RetryScheduler
{
public:
    void schedule(std::chrono::milliseconds delay, QObject* context, std::function<void()> callback) override
    {
        delays.append(delay.count());
        if (!hold)
            QTimer::singleShot(0, context, std::move(callback));
    }
    QList<qint64> delays;
    bool hold = false;
};

template<class T>
ApiResult<T> waitFor(ApiReply<T>* reply)
{
    QSignalSpy spy(reply, &ApiReplyBase::finished);
    if (!reply->isFinished())
        spy.wait(20000);
    return reply->result();
}

QByteArray createdJson()
{
    return QByteArrayLiteral(
        R"({"id":"app-1","order_no":"CD2024","access_token":"tok-secret","status":"draft",
        "fees":{"certificate_fen":36000,"express_fen":0,"total_fen":36000},"holder_verified":false,
        "checklist":{"form":"complete","documents":{"application_form":"missing"},"liveness":"pending","payment":"unpaid"}})");
}

QByteArray applicationJson(const char* status)
{
    return QByteArrayLiteral(R"({"id":"app-1","status":")") + status
        + QByteArrayLiteral(R"(","serial":"0A1B","category":"natural_person","years":1})");
}

Application sampleApplication()
{
    Application a;
    a.serial = QStringLiteral("0A1B2C");
    a.category = CertificateCategory::NaturalPerson;
    a.years = 2;
    a.acknowledgements.agreement = true;
    a.acknowledgements.oldCertificateRevocation = true;
    a.applicant = {QStringLiteral("Zhang San"), QStringLiteral("11010519491231002X"),
        QStringLiteral("13800138000"), QStringLiteral("zhang@example.com")};
    return a;
}

} // namespace

class tst_ApiClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::FakeHttpServer> m_server;
    std::shared_ptr<RecordingScheduler> m_scheduler;
    std::unique_ptr<ApiClient> m_client;

    void makeClient(RetryPolicy retry = {}, std::chrono::milliseconds timeout = std::chrono::seconds(10))
    {
        ApiClientOptions options;
        options.baseUrl = m_server->url();
        options.transferTimeout = timeout;
        retry.random = [] { return 0.5; }; // no jitter: factor 1.0
        options.retry = retry;
        options.scheduler = m_scheduler;
        m_client = std::make_unique<ApiClient>(options);
    }

private Q_SLOTS:
    void initTestCase() { test::fixEnvironment(); }

    void init()
    {
        m_server = std::make_unique<test::FakeHttpServer>();
        QVERIFY(m_server->listen());
        m_scheduler = std::make_shared<RecordingScheduler>();
        makeClient();
    }

    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void createApplicationSendsBodyAndKey()
    {
        m_server->enqueue(Response::json(201, createdJson()));
        const Application application = sampleApplication();
        auto* reply = m_client->createApplication(application);
        const auto result = waitFor(reply);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().logSummary()));
        QCOMPARE(result->id, QStringLiteral("app-1"));
        QCOMPARE(result->accessToken, QStringLiteral("tok-secret"));
        QCOMPARE(result->fees.totalFen, 36000);
        QCOMPARE(result->checklist.formComplete, true);

        QCOMPARE(m_server->requests().size(), 1);
        const auto& request = m_server->requests().first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.target, QByteArray("/api/v1/applications"));
        QCOMPARE(request.header("content-type"), QByteArray("application/json"));
        QVERIFY(request.header("authorization").isEmpty());
        const QUuid key(QString::fromLatin1(request.header("idempotency-key")));
        QVERIFY(!key.isNull());
        QCOMPARE(reply->idempotencyKey(), QString::fromLatin1(request.header("idempotency-key")));
        QCOMPARE(QJsonDocument::fromJson(request.body).object(), application.toApiBody());
        delete reply;
    }

    void callerKeyIsUsed()
    {
        m_server->enqueue(Response::json(201, createdJson()));
        auto* reply = m_client->createApplication(sampleApplication(), QStringLiteral("draft-key-42"));
        QVERIFY(waitFor(reply).ok());
        QCOMPARE(m_server->requests().first().header("idempotency-key"), QByteArray("draft-key-42"));
    }

    void pathSegmentsAreEncodedAndBearerSent()
    {
        m_server->enqueue(Response::json(200, applicationJson("in_review")));
        auto* reply = m_client->getApplication(QStringLiteral("a/b?c"), QStringLiteral("tok en"));
        const auto result = waitFor(reply);
        QVERIFY(result.ok());
        QCOMPARE(result->status, ApplicationStatus::InReview);
        const auto& request = m_server->requests().first();
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.target, QByteArray("/api/v1/applications/a%2Fb%3Fc"));
        QCOMPARE(request.header("authorization"), QByteArray("Bearer tok en"));
        QVERIFY(request.header("idempotency-key").isEmpty());
    }

    void baseUrlWithPathPrefix()
    {
        ApiClientOptions options;
        QUrl base = m_server->url();
        base.setPath(QStringLiteral("/counter/"));
        options.baseUrl = base;
        options.scheduler = m_scheduler;
        ApiClient client(options);
        m_server->enqueue(Response::json(200, R"({"status":"ok","api_version":1,"sandbox":true})"));
        const auto result = waitFor(client.health());
        QVERIFY(result.ok());
        QCOMPARE(result->apiVersion, 1);
        QVERIFY(result->sandbox);
        QCOMPARE(m_server->requests().first().target, QByteArray("/counter/api/v1/health"));
        QCOMPARE(client.serviceUrl(QStringLiteral("/sandbox/pay/p1")).path(),
            QStringLiteral("/counter/sandbox/pay/p1"));
    }

    void bankKeywordIsEncoded()
    {
        m_server->enqueue(Response::json(200, R"([{"code":"102","name":"中国工商银行"}])"));
        const auto result = waitFor(m_client->banks(QStringLiteral("工商 a&b+c"), 5));
        QVERIFY(result.ok());
        QCOMPARE(result->size(), 1);
        QCOMPARE(result->first().name, QStringLiteral("中国工商银行"));
        const QUrl url(QStringLiteral("http://x") + QString::fromLatin1(m_server->requests().first().target));
        const QUrlQuery query(url);
        QCOMPARE(query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded), QStringLiteral("工商 a&b+c"));
        QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QStringLiteral("5"));
    }

    void retriesWithTheSameKeyAndBackoff()
    {
        m_server->enqueue(Response::json(503, {}));
        m_server->enqueue(Response::json(502, "<html>bad gateway</html>"));
        m_server->enqueue(Response::json(201, R"({"payment_id":"p1","order_no":"o","amount_fen":36000,
            "status":"pending","expires_at":"2030-01-01T00:00:00Z","qr_content":"http:\/\/pay/p1"})"));
        auto* reply = m_client->createPayment(
            QStringLiteral("app-1"), QStringLiteral("t"), PaymentMethod::WeChat, QStringLiteral("pay-key"));
        QSignalSpy retries(reply, &ApiReplyBase::retryScheduled);
        const auto result = waitFor(reply);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().logSummary()));
        QCOMPARE(result->paymentId, QStringLiteral("p1"));
        QCOMPARE(reply->attempts(), 3);
        QCOMPARE(m_server->requests().size(), 3);
        for (const auto& request : m_server->requests()) {
            QCOMPARE(request.header("idempotency-key"), QByteArray("pay-key"));
            QCOMPARE(request.body, QByteArray(R"({"method":"wechat"})"));
        }
        QCOMPARE(m_scheduler->delays, (QList<qint64> {500, 1000}));
        QCOMPARE(retries.size(), 2);
        QCOMPARE(retries.at(0).at(0).toInt(), 2);
    }

    void retryDecisions_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("withKey"); // createApplication (key) vs lookupCertificate (POST without key)
        QTest::addColumn<int>("expectedRequests");
        QTest::newRow("503 keyed") << 503 << true << 4;
        QTest::newRow("502 keyed") << 502 << true << 4;
        QTest::newRow("504 keyed") << 504 << true << 4;
        QTest::newRow("429 keyed") << 429 << true << 4;
        QTest::newRow("500 keyed") << 500 << true << 1;
        QTest::newRow("401 keyed") << 401 << true << 1;
        QTest::newRow("404 keyed") << 404 << true << 1;
        QTest::newRow("400 keyed") << 400 << true << 1;
        QTest::newRow("409 keyed") << 409 << true << 1;
        QTest::newRow("422 keyed") << 422 << true << 1;
        QTest::newRow("503 unkeyed POST") << 503 << false << 1;
        QTest::newRow("429 unkeyed POST") << 429 << false << 1;
    }

    void retryDecisions()
    {
        QFETCH(int, status);
        QFETCH(bool, withKey);
        QFETCH(int, expectedRequests);
        m_server->setHandler([status](const auto&) {
            return Response::json(status, R"({"error":{"code":"x","message":"m"}})");
        });
        ApiReplyBase* reply = withKey
            ? static_cast<ApiReplyBase*>(m_client->createApplication(sampleApplication()))
            : m_client->lookupCertificate(QStringLiteral("0A"));
        QSignalSpy spy(reply, &ApiReplyBase::finished);
        QVERIFY(spy.wait(20000));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(m_server->requests().size(), expectedRequests);
        QVERIFY(reply->error());
        QCOMPARE(reply->error()->kind, ApiError::Kind::Http);
        QCOMPARE(reply->error()->httpStatus, status);
        QCOMPARE(reply->error()->code, QStringLiteral("x"));
    }

    void getIsRetried()
    {
        m_server->enqueue(Response::json(504, {}));
        m_server->enqueue(Response::json(200, applicationJson("draft")));
        auto* reply = m_client->getApplication(QStringLiteral("app-1"), QStringLiteral("t"));
        QVERIFY(waitFor(reply).ok());
        QCOMPARE(reply->attempts(), 2);
    }

    void retryAfterIsHonoured()
    {
        Response busy = Response::json(429, R"({"error":{"code":"rate_limited","message":"slow down"}})");
        busy.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("7")});
        m_server->enqueue(busy);
        m_server->enqueue(Response::json(200, applicationJson("draft")));
        auto* reply = m_client->getApplication(QStringLiteral("app-1"), QStringLiteral("t"));
        QVERIFY(waitFor(reply).ok());
        QCOMPARE(m_scheduler->delays, QList<qint64> {7000});
    }

    void longRetryAfterIsNotWaitedFor()
    {
        Response busy = Response::json(429, R"({"error":{"code":"rate_limited","message":"slow down"}})");
        busy.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("600")});
        m_server->setHandler([busy](const auto&) { return busy; });
        auto* reply = m_client->getApplication(QStringLiteral("app-1"), QStringLiteral("t"));
        const auto result = waitFor(reply);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().httpStatus, 429);
        QCOMPARE(result.error().code, QStringLiteral("rate_limited"));
        QCOMPARE(result.error().retryAfter, std::optional(std::chrono::milliseconds(600000)));
        QCOMPARE(m_server->requests().size(), 1);
        QVERIFY(m_scheduler->delays.isEmpty());
    }

    void validationErrorCarriesFields()
    {
        m_server->enqueue(Response::json(422, R"({"error":{"code":"validation_failed","message":"bad",
            "fields":[{"field":"agent.id_number","code":"checksum","message":"wrong check digit"},
                      {"field":"agent.mobile","code":"realname_mismatch","message":"not yours"}]}})"));
        const auto result = waitFor(m_client->createApplication(sampleApplication()));
        QVERIFY(!result.ok());
        const ApiError& error = result.error();
        QCOMPARE(error.kind, ApiError::Kind::Http);
        QCOMPARE(error.code, QStringLiteral("validation_failed"));
        QCOMPARE(error.fields.size(), 2);
        QCOMPARE(error.fieldError(QStringLiteral("agent.mobile"))->code, QStringLiteral("realname_mismatch"));
        QVERIFY(!error.fieldError(QStringLiteral("agent.name")));
        QVERIFY(!error.userMessage().isEmpty());
    }

    void malformedSuccessIsParseErrorNotRetried()
    {
        m_server->setHandler([](const auto&) { return Response::json(200, "{not json"); });
        auto* reply = m_client->getApplication(QStringLiteral("app-1"), QStringLiteral("t"));
        const auto result = waitFor(reply);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ApiError::Kind::Parse);
        QCOMPARE(result.error().httpStatus, 200);
        QCOMPARE(m_server->requests().size(), 1);
    }

    void missingFieldIsParseError()
    {
        m_server->enqueue(Response::json(201, R"({"id":"app-1","status":"draft"})")); // no access_token
        const auto result = waitFor(m_client->createApplication(sampleApplication()));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ApiError::Kind::Parse);
        QVERIFY(result.error().detail.contains(QStringLiteral("access_token")));
    }

    void timeoutIsReportedAndRetried()
    {
        RetryPolicy retry;
        retry.maxAttempts = 2;
        makeClient(retry, std::chrono::milliseconds(300));
        m_server->setHandler([](const auto&) { return Response::hang(); });
        auto* reply = m_client->getApplication(QStringLiteral("app-1"), QStringLiteral("t"));
        const auto result = waitFor(reply);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ApiError::Kind::Timeout);
        QCOMPARE(reply->attempts(), 2);
        QCOMPARE(m_server->requests().size(), 2);
    }

    void connectionRefusedIsNetworkError()
    {
        // A port that was just free: nothing listens there.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        QUrl url = m_server->url();
        url.setPort(probe.serverPort());
        probe.close();
        ApiClientOptions options;
        options.baseUrl = url;
        options.scheduler = m_scheduler;
        options.retry.random = [] { return 0.0; }; // lowest jitter: factor 0.75
        ApiClient client(options);
        auto* reply = client.config();
        const auto result = waitFor(reply);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ApiError::Kind::Network);
        QCOMPARE(reply->attempts(), 4);
        QCOMPARE(m_scheduler->delays, (QList<qint64> {375, 750, 1500}));
    }

    void abortInFlightIsCancelled()
    {
        m_server->setHandler([](const auto&) { return Response::hang(); });
        auto* reply = m_client->getApplication(QStringLiteral("app-1"), QStringLiteral("t"));
        QSignalSpy finished(reply, &ApiReplyBase::finished);
        QSignalSpy received(m_server.get(), &test::FakeHttpServer::requestReceived);
        QVERIFY(received.wait(10000));
        reply->abort();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(reply->result().error().kind, ApiError::Kind::Cancelled);
        reply->abort(); // no second finished()
        QTest::qWait(0);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(m_server->requests().size(), 1);
    }

    void abortWhileWaitingForRetry()
    {
        m_scheduler->hold = true;
        m_server->enqueue(Response::json(503, {}));
        auto* reply = m_client->getApplication(QStringLiteral("app-1"), QStringLiteral("t"));
        QSignalSpy retries(reply, &ApiReplyBase::retryScheduled);
        QVERIFY(retries.wait(10000));
        QSignalSpy finished(reply, &ApiReplyBase::finished);
        reply->abort();
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->result().error().kind, ApiError::Kind::Cancelled);
    }

    void uploadSendsBytesWithProgress()
    {
        const QByteArray bytes(512 * 1024, 'x');
        m_server->enqueue(Response::json(
            201, R"({"kind":"id_card","sha256":"ab","size":524288,"content_type":"image/jpeg"})"));
        auto* reply = m_client->uploadDocument(QStringLiteral("app-1"), QStringLiteral("t"),
            DocumentKind::IdCard, bytes, QStringLiteral("image/jpeg"));
        QSignalSpy progress(reply, &ApiReplyBase::uploadProgress);
        const auto result = waitFor(reply);
        QVERIFY(result.ok());
        QCOMPARE(result->kind, DocumentKind::IdCard);
        QCOMPARE(result->size, 524288);
        // Qt ends with a (0, 0) notification; before that the whole body was reported as sent.
        bool complete = false;
        for (const auto& arguments : progress)
            complete |= arguments.at(0).toLongLong() == bytes.size()
                && arguments.at(1).toLongLong() == bytes.size();
        QVERIFY(complete);
        const auto& request = m_server->requests().first();
        QCOMPARE(request.method, QByteArray("PUT"));
        QCOMPARE(request.target, QByteArray("/api/v1/applications/app-1/documents/id_card"));
        QCOMPARE(request.header("content-type"), QByteArray("image/jpeg"));
        QCOMPARE(request.body, bytes);
    }

    void staffLoginKeepsToken()
    {
        m_server->enqueue(Response::json(200, R"({"token":"staff-tok","roles":["reviewer"],
            "expires_at":"2030-01-01T00:00:00Z"})"));
        m_server->enqueue(Response::json(200, R"([)" + applicationJson("in_review") + R"(])"));
        QVERIFY(!m_client->hasStaffToken());
        const auto login = waitFor(m_client->staffLogin(QStringLiteral("reviewer"), QStringLiteral("pw")));
        QVERIFY(login.ok());
        QCOMPARE(login->roles, QStringList {QStringLiteral("reviewer")});
        QVERIFY(m_client->hasStaffToken());
        QCOMPARE(QJsonDocument::fromJson(m_server->requests().at(0).body)
                     .object()
                     .value(QStringLiteral("username")),
            QStringLiteral("reviewer"));
        const auto list = waitFor(m_client->staffApplications(ApplicationStatus::InReview));
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->first().id, QStringLiteral("app-1"));
        const auto& request = m_server->requests().at(1);
        QCOMPARE(request.target, QByteArray("/api/v1/staff/applications?status=in_review"));
        QCOMPARE(request.header("authorization"), QByteArray("Bearer staff-tok"));
    }

    void staffUnauthorizedSignals()
    {
        m_client->setStaffToken(QStringLiteral("old"));
        m_server->enqueue(Response::json(401, R"({"error":{"code":"unauthorized","message":"expired"}})"));
        QSignalSpy expired(m_client.get(), &ApiClient::staffSessionExpired);
        const auto result = waitFor(m_client->staffApplications());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().httpStatus, 401);
        QCOMPARE(expired.size(), 1);
    }

    void rejectAndIssueBodies()
    {
        m_client->setStaffToken(QStringLiteral("s"));
        m_server->enqueue(Response::json(200, applicationJson("rejected")));
        const auto rejected = waitFor(m_client->reject(QStringLiteral("app-1"),
            {{QStringLiteral("field:agent.mobile"), QStringLiteral("wrong")},
                {QStringLiteral("document:id_card"), QStringLiteral("blurred")}}));
        QVERIFY(rejected.ok());
        QCOMPARE(rejected->status, ApplicationStatus::Rejected);
        const QJsonObject rejectBody = QJsonDocument::fromJson(m_server->requests().at(0).body).object();
        QCOMPARE(rejectBody.value(QStringLiteral("reasons")).toArray().size(), 2);
        QCOMPARE(rejectBody.value(QStringLiteral("reasons"))
                     .toArray()
                     .at(1)
                     .toObject()
                     .value(QStringLiteral("target")),
            QStringLiteral("document:id_card"));
        QCOMPARE(m_server->requests().at(0).target, QByteArray("/api/v1/staff/applications/app-1/reject"));

        // Without CSR: "csr": null, and an Idempotency-Key so a retry cannot issue a second pair.
        m_server->enqueue(Response::json(500, {}));
        auto* reply = m_client->issue(QStringLiteral("app-1"), QByteArray("\x30\x01\x02", 3), {});
        QVERIFY(!waitFor(reply).ok());
        const auto& issueRequest = m_server->requests().at(1);
        const QJsonObject issueBody = QJsonDocument::fromJson(issueRequest.body).object();
        QVERIFY(issueBody.value(QStringLiteral("csr")).isNull());
        QCOMPARE(issueBody.value(QStringLiteral("transport_public_key")), QStringLiteral("MAEC"));
        QVERIFY(!issueRequest.header("idempotency-key").isEmpty());
    }

    void thenCallsBackAndDeletes()
    {
        m_server->enqueue(Response::json(200, R"({"status":"paid","paid_at":"2030-01-01T08:00:00+08:00"})"));
        auto* reply = m_client->paymentStatus(QStringLiteral("a"), QStringLiteral("t"), QStringLiteral("p"));
        QPointer<ApiReplyBase> guard(reply);
        std::optional<ApiResult<PaymentProgress>> seen;
        reply->then(this, [&seen](const ApiResult<PaymentProgress>& result) { seen = result; });
        QTRY_VERIFY(seen.has_value());
        QVERIFY(seen->ok());
        QCOMPARE((*seen)->status, PaymentStatus::Paid);
        QCOMPARE((*seen)->paidAt, QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC));
        QTRY_VERIFY(guard.isNull());
    }

    void destroyingClientWithRequestInFlight()
    {
        m_server->setHandler([](const auto&) { return Response::hang(); });
        QPointer<ApiReplyBase> reply = m_client->getApplication(QStringLiteral("a"), QStringLiteral("t"));
        QSignalSpy received(m_server.get(), &test::FakeHttpServer::requestReceived);
        QVERIFY(received.wait(10000));
        m_client.reset();
        QVERIFY(reply.isNull());
    }
};

QTEST_GUILESS_MAIN(tst_ApiClient)
#include "tst_ApiClient.moc"
