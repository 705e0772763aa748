// The database busy: another process (this test) holds an exclusive SQLite lock on the real certdesk-server's
// database. Reads keep being served (WAL); a write waits out a short lock and then succeeds; a write that
// outlasts the service's busy timeout gets 503 busy with Retry-After, and nothing of it is stored.
#include "ServerHarness.h"
#include "TestEnvironment.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <chrono>
#include <thread>

using namespace certdesk::servertest;
using certdesk::test::fixEnvironment;

namespace {

// A connection of its own holding BEGIN EXCLUSIVE (in WAL mode: the write lock; readers go on).
class ExclusiveLock
{
public:
    explicit ExclusiveLock(const QString& path)
    {
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
            return;
        m_held = sqlite3_exec(m_db, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    ~ExclusiveLock()
    {
        release();
        sqlite3_close(m_db);
    }
    ExclusiveLock(const ExclusiveLock&) = delete;
    ExclusiveLock& operator=(const ExclusiveLock&) = delete;

    [[nodiscard]] bool held() const { return m_held; }
    void release()
    {
        if (m_held)
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        m_held = false;
    }

private:
    sqlite3* m_db = nullptr;
    bool m_held = false;
};

QJsonObject mintBody(const QString& holder)
{
    return {{QStringLiteral("category"), QStringLiteral("natural_person")},
        {QStringLiteral("holder"), holder},
        {QStringLiteral("credential_number"), QString::fromLatin1(kAgentId)},
        {QStringLiteral("not_after"), QDateTime::currentDateTimeUtc().addDays(30).toString(Qt::ISODate)}};
}

bool hasHolder(Http& http, const QString& holder)
{
    for (const Legacy& legacy : legacyCertificates(http))
        if (legacy.holder == holder)
            return true;
    return false;
}

} // namespace

class TestFaultDbLocked : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void readsWhileLocked();
    void shortLockIsWaitedOut();
    void longLockIsBusy();

private:
    [[nodiscard]] QString databasePath() const { return m_dir.filePath(QStringLiteral("data/certdesk.db")); }

    QTemporaryDir m_dir;
    ServerProcess m_server;
    std::unique_ptr<Http> m_http;
    QString m_id;
    QString m_token;
};

void TestFaultDbLocked::initTestCase()
{
    fixEnvironment();
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(m_dir.filePath(QStringLiteral("data"))), qPrintable(m_server.lastError()));
    m_http = std::make_unique<Http>(m_server.port());
    const Legacy person = firstRenewable(*m_http, QStringLiteral("natural_person"));
    const Reply created = m_http->post(QStringLiteral("applications"),
        naturalPersonBody(person.serial, QString::fromLatin1(kAgentName), QString::fromLatin1(kAgentId)));
    QCOMPARE(created.status, 201);
    m_id = created.json().value(QStringLiteral("id")).toString();
    m_token = created.json().value(QStringLiteral("access_token")).toString();
}

void TestFaultDbLocked::cleanupTestCase()
{
    m_server.kill();
}

void TestFaultDbLocked::readsWhileLocked()
{
    ExclusiveLock lock(databasePath());
    QVERIFY(lock.held());
    QElapsedTimer timer;
    timer.start();
    const Reply app = m_http->get(QStringLiteral("applications/") + m_id, m_token);
    QCOMPARE(app.status, 200);
    QCOMPARE(app.json().value(QStringLiteral("id")).toString(), m_id);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/health")).status, 200);
    // Served at once, not after the busy timeout.
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void TestFaultDbLocked::shortLockIsWaitedOut()
{
    auto lock = std::make_unique<ExclusiveLock>(databasePath());
    QVERIFY(lock->held());
    // The other process commits after a second, well inside the service's busy timeout.
    std::thread releaser([&lock] {
        std::this_thread::sleep_for(std::chrono::seconds(1));
        lock->release();
    });
    const QString holder = QStringLiteral("Waited Out");
    const Reply reply = m_http->post(QStringLiteral("sandbox/legacy-certificates"), mintBody(holder));
    releaser.join();
    QVERIFY2(reply.status == 201 || reply.status == 200, reply.body.constData());
    QVERIFY(hasHolder(*m_http, holder));
}

void TestFaultDbLocked::longLockIsBusy()
{
    const QString holder = QStringLiteral("Never Stored");
    {
        ExclusiveLock lock(databasePath());
        QVERIFY(lock.held());
        const Reply reply = m_http->post(QStringLiteral("sandbox/legacy-certificates"), mintBody(holder));
        QCOMPARE(reply.status, 503);
        QCOMPARE(reply.errorCode(), QStringLiteral("busy"));
        QVERIFY(reply.header("Retry-After").toInt() > 0);
        // Reads still served while the lock is held.
        QCOMPARE(m_http->get(QStringLiteral("applications/") + m_id, m_token).status, 200);
    }
    QVERIFY(!hasHolder(*m_http, holder));
    // The lock is gone: the same write goes through.
    const Reply again = m_http->post(QStringLiteral("sandbox/legacy-certificates"), mintBody(holder));
    QVERIFY2(again.status == 201 || again.status == 200, again.body.constData());
    QVERIFY(hasHolder(*m_http, holder));
}

QTEST_GUILESS_MAIN(TestFaultDbLocked)
#include "tst_fault_dblocked.moc"
