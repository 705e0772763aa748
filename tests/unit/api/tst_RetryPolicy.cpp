// RetryPolicy: which failures are retried, for which calls, how long to wait.
#include "TestEnvironment.h"
#include "api/RetryPolicy.h"

#include <QTest>

using namespace certdesk::api;
using Kind = ApiError::Kind;

namespace {

ApiError http(int status, std::optional<std::chrono::milliseconds> retryAfter = std::nullopt)
{
    ApiError error = ApiError::make(Kind::Http);
    error.httpStatus = status;
    error.retryAfter = retryAfter;
    return error;
}

} // namespace

Q_DECLARE_METATYPE(certdesk::api::ApiError)

class tst_RetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { certdesk::test::fixEnvironment(); }

    void transient_data()
    {
        QTest::addColumn<ApiError>("error");
        QTest::addColumn<bool>("transient");
        QTest::newRow("network") << ApiError::make(Kind::Network) << true;
        QTest::newRow("timeout") << ApiError::make(Kind::Timeout) << true;
        QTest::newRow("tls") << ApiError::make(Kind::Tls) << false;
        QTest::newRow("parse") << ApiError::make(Kind::Parse) << false;
        QTest::newRow("cancelled") << ApiError::make(Kind::Cancelled) << false;
        QTest::newRow("429") << http(429) << true;
        QTest::newRow("502") << http(502) << true;
        QTest::newRow("503") << http(503) << true;
        QTest::newRow("504") << http(504) << true;
        QTest::newRow("500") << http(500) << false;
        QTest::newRow("501") << http(501) << false;
        QTest::newRow("400") << http(400) << false;
        QTest::newRow("401") << http(401) << false;
        QTest::newRow("404") << http(404) << false;
        QTest::newRow("409") << http(409) << false;
        QTest::newRow("413") << http(413) << false;
        QTest::newRow("422") << http(422) << false;
    }

    void transient()
    {
        QFETCH(ApiError, error);
        QFETCH(bool, transient);
        QCOMPARE(RetryPolicy::isTransient(error), transient);
        RetryPolicy policy;
        QCOMPARE(policy.shouldRetry(error, true, 1), transient);
        QVERIFY(!policy.shouldRetry(error, false, 1)); // never for a call that is not safe to repeat
    }

    void attemptsAreBounded()
    {
        RetryPolicy policy;
        policy.maxAttempts = 3;
        const ApiError error = ApiError::make(Kind::Network);
        QVERIFY(policy.shouldRetry(error, true, 1));
        QVERIFY(policy.shouldRetry(error, true, 2));
        QVERIFY(!policy.shouldRetry(error, true, 3));
        QVERIFY(!RetryPolicy::noRetry().shouldRetry(error, true, 1));
    }

    void exponentialBackoff()
    {
        RetryPolicy policy;
        policy.random = [] { return 0.5; }; // factor exactly 1
        const ApiError error = ApiError::make(Kind::Timeout);
        QCOMPARE(policy.delayBefore(1, error).count(), 500);
        QCOMPARE(policy.delayBefore(2, error).count(), 1000);
        QCOMPARE(policy.delayBefore(3, error).count(), 2000);
        QCOMPARE(policy.delayBefore(4, error).count(), 4000);
        QCOMPARE(policy.delayBefore(5, error).count(), 8000);
        QCOMPARE(policy.delayBefore(9, error).count(), 8000); // capped at maxDelay
    }

    void jitterStaysInBounds_data()
    {
        QTest::addColumn<double>("random");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("low") << 0.0 << qint64(750);
        QTest::newRow("mid") << 0.5 << qint64(1000);
        QTest::newRow("high") << 0.999999 << qint64(1250);
        QTest::newRow("out of range is clamped") << 7.0 << qint64(1250);
    }

    void jitterStaysInBounds()
    {
        QFETCH(double, random);
        QFETCH(qint64, expected);
        RetryPolicy policy;
        policy.random = [random] { return random; };
        QCOMPARE(policy.delayBefore(2, ApiError::make(Kind::Network)).count(), expected);
    }

    void realRandomIsJittered()
    {
        RetryPolicy policy; // QRandomGenerator
        QSet<qint64> seen;
        for (int i = 0; i < 50; ++i) {
            const qint64 delay = policy.delayBefore(1, ApiError::make(Kind::Network)).count();
            QVERIFY(delay >= 375 && delay <= 625);
            seen.insert(delay);
        }
        QVERIFY(seen.size() > 1);
    }

    void retryAfter()
    {
        RetryPolicy policy;
        policy.random = [] { return 0.5; };
        // Longer than the backoff: the server's wish wins.
        QCOMPARE(policy.delayBefore(1, http(429, std::chrono::seconds(5))).count(), 5000);
        // Shorter than the backoff: the backoff stays.
        QCOMPARE(policy.delayBefore(3, http(503, std::chrono::milliseconds(0))).count(), 2000);
        // Beyond maxRetryAfter: not waited for.
        QVERIFY(policy.shouldRetry(http(429, std::chrono::seconds(30)), true, 1));
        QVERIFY(!policy.shouldRetry(http(429, std::chrono::seconds(31)), true, 1));
    }
};

QTEST_GUILESS_MAIN(tst_RetryPolicy)
#include "tst_RetryPolicy.moc"
