// ApiError: the server's error body, Retry-After, and one user message per kind.
#include "TestEnvironment.h"
#include "api/ApiError.h"

#include <QSet>
#include <QTest>

using namespace certdesk::api;
using Kind = ApiError::Kind;

class tst_ApiError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { certdesk::test::fixEnvironment(); }

    void fromHttp_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("fieldCount");
        QTest::newRow("validation") << 422
                                    << QByteArray(
                                           R"({"error":{"code":"validation_failed","message":"m","fields":[
                                           {"field":"agent.id_number","code":"checksum","message":"bad"},
                                           {"field":"years","code":"range","message":"1..3"}]}})")
                                    << QStringLiteral("validation_failed") << QStringLiteral("m") << 2;
        QTest::newRow("not found") << 404 << QByteArray(R"({"error":{"code":"not_found","message":"no"}})")
                                   << QStringLiteral("not_found") << QStringLiteral("no") << 0;
        QTest::newRow("empty body") << 502 << QByteArray() << QString() << QString() << 0;
        QTest::newRow("html body") << 503 << QByteArray("<html>busy</html>") << QString() << QString() << 0;
        QTest::newRow("array body") << 400 << QByteArray("[1]") << QString() << QString() << 0;
        QTest::newRow("error not an object")
            << 400 << QByteArray(R"({"error":"x"})") << QString() << QString() << 0;
        QTest::newRow("field without name skipped")
            << 422
            << QByteArray(R"({"error":{"code":"validation_failed","message":"","fields":[{"code":"x"},7]}})")
            << QStringLiteral("validation_failed") << QString() << 0;
        QTest::newRow("unicode message")
            << 409 << QByteArray(R"({"error":{"code":"conflict","message":"状态不允许"}})")
            << QStringLiteral("conflict") << QStringLiteral("状态不允许") << 0;
    }

    void fromHttp()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, message);
        QFETCH(int, fieldCount);
        const ApiError error = ApiError::fromHttp(status, body);
        QCOMPARE(error.kind, Kind::Http);
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.code, code);
        QCOMPARE(error.message, message);
        QCOMPARE(error.fields.size(), fieldCount);
    }

    void fieldLookup()
    {
        const ApiError error = ApiError::fromHttp(422,
            R"({"error":{"code":"validation_failed","message":"","fields":[
                {"field":"agent.mobile","code":"realname_mismatch","message":"m"}]}})");
        QVERIFY(error.fieldError(QStringLiteral("agent.mobile")));
        QCOMPARE(error.fieldError(QStringLiteral("agent.mobile"))->code, QStringLiteral("realname_mismatch"));
        QVERIFY(!error.fieldError(QStringLiteral("agent")));
    }

    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expectedMs"); // -1: nullopt
        QTest::newRow("seconds") << QByteArray("120") << qint64(120000);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("spaces") << QByteArray(" 5 ") << qint64(5000);
        QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
        QTest::newRow("plus") << QByteArray("+5") << qint64(-1);
        QTest::newRow("fraction") << QByteArray("1.5") << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
        QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
        QTest::newRow("http date") << QByteArray("Wed, 01 Jan 2031 00:01:30 GMT") << qint64(90000);
        QTest::newRow("http date past") << QByteArray("Tue, 31 Dec 2030 23:00:00 GMT") << qint64(0);
        QTest::newRow("bad date") << QByteArray("Wed, 41 Jan 2031 00:01:30 GMT") << qint64(-1);
    }

    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, expectedMs);
        const QDateTime now(QDate(2031, 1, 1), QTime(0, 0), Qt::UTC);
        const auto parsed = parseRetryAfter(value, now);
        if (expectedMs < 0) {
            QVERIFY(!parsed);
        } else {
            QVERIFY(parsed);
            QCOMPARE(parsed->count(), expectedMs);
        }
    }

    void oneMessagePerKind()
    {
        QSet<QString> messages;
        for (auto kind :
            {Kind::Network, Kind::Timeout, Kind::Tls, Kind::Http, Kind::Parse, Kind::Cancelled}) {
            const QString message = ApiError::kindMessage(kind);
            QVERIFY(!message.isEmpty());
            messages.insert(message);
            QCOMPARE(ApiError::make(kind).userMessage(), message);
        }
        QCOMPARE(messages.size(), 6);
    }

    void httpMessagesByStatus()
    {
        // The refined messages differ from each other and never echo the server's text (it may contain
        // input).
        QSet<QString> messages;
        for (int status : {401, 403, 404, 409, 413, 415, 422, 429, 503}) {
            ApiError error
                = ApiError::fromHttp(status, R"({"error":{"code":"x","message":"110105194912310025"}})");
            const QString message = error.userMessage();
            QVERIFY(!message.contains(QStringLiteral("110105194912310025")));
            messages.insert(message);
        }
        QCOMPARE(messages.size(), 9);
        ApiError notRenewable = ApiError::fromHttp(422, R"({"error":{"code":"not_renewable","message":""}})");
        QVERIFY(!messages.contains(notRenewable.userMessage()));
    }

    void logSummaryHasNoMessage()
    {
        const ApiError error = ApiError::fromHttp(
            422, R"({"error":{"code":"validation_failed","message":"110105194912310025 is wrong"}})");
        QCOMPARE(error.logSummary(), QStringLiteral("http 422 validation_failed"));
    }
};

QTEST_GUILESS_MAIN(tst_ApiError)
#include "tst_ApiError.moc"
