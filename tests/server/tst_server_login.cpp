// Staff sign-in that holds against guessing (../shared/API.md, "Operations"): a growing delay and a lockout
// after 10 failures, per user name and per client address, kept in the database; while delayed or locked
// every attempt, the right password included, is 429 with Retry-After and does not count. Every failure,
// refusal and sign-in is in the hash-chained audit trail, and `certdesk-server audit verify` finds an edited
// or a deleted row.

#include "ServerHarness.h"
#include "TestEnvironment.h"

#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace certdesk;
using namespace certdesk::servertest;

namespace {

struct Run
{
    int exitCode = -1;
    QString output;
};

Run runServer(const QStringList& arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(CERTDESK_SERVER_BINARY), arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return {-1, QStringLiteral("(still running)")};
    }
    return {process.exitCode(), QString::fromUtf8(process.readAll())};
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Runs one statement on the service's SQLite file, as someone with access to the disk would.
bool tamper(const QString& databasePath, const QString& sql)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        db.setDatabaseName(databasePath);
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(sql) && q.numRowsAffected() > 0;
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
    return ok;
}

} // namespace

class TestServerLogin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void growingDelay();
    void lockoutPerUserAndAddress();
    void auditVerifyFindsTampering();

private:
    [[nodiscard]] Reply login(Http& http, const QString& user, const QString& password);
    QTemporaryDir m_dir;
};

void TestServerLogin::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
}

Reply TestServerLogin::login(Http& http, const QString& user, const QString& password)
{
    return http.post(QStringLiteral("staff/sessions"),
        QJsonObject {{QStringLiteral("username"), user}, {QStringLiteral("password"), password}});
}

void TestServerLogin::growingDelay()
{
    ServerProcess server;
    QVERIFY2(server.start(m_dir.filePath(QStringLiteral("delay"))), qPrintable(server.lastError()));
    Http http(server.port());
    const QString user = QStringLiteral("reviewer");
    const QString right = QStringLiteral("sandbox-reviewer");
    // Two wrong passwords are plain 401s, the third starts a delay of one second ...
    for (int i = 0; i < 3; ++i)
        QCOMPARE(login(http, user, QStringLiteral("wrong")).status, 401);
    Reply refused = login(http, user, right);
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.errorCode(), QStringLiteral("rate_limited"));
    const int first = refused.header("Retry-After").toInt();
    QVERIFY2(first >= 1 && first <= 2, qPrintable(refused.header("Retry-After")));
    // ... which refused attempts do not extend or count.
    QCOMPARE(login(http, user, QStringLiteral("wrong")).status, 429);
    // Once it has passed (Retry-After is the signal to wait for), the next failure doubles it.
    QThread::msleep(quint64(first) * 1000 + 100);
    QCOMPARE(login(http, user, QStringLiteral("wrong")).status, 401);
    refused = login(http, user, right);
    QCOMPARE(refused.status, 429);
    const int second = refused.header("Retry-After").toInt();
    QVERIFY2(second >= 2 && second <= 3, qPrintable(refused.header("Retry-After")));
    QThread::msleep(quint64(second) * 1000 + 100);
    // The right password after the wait signs in and clears the count.
    QCOMPARE(login(http, user, right).status, 200);
    QCOMPARE(login(http, user, QStringLiteral("wrong")).status, 401);
    QCOMPARE(login(http, user, right).status, 200);
    QCOMPARE(server.terminate(), 0);
}

void TestServerLogin::lockoutPerUserAndAddress()
{
    // Without the growing delay ([staff] login_delay_seconds = 0) the lockout alone is left to see.
    const QString config = m_dir.filePath(QStringLiteral("nodelay.conf"));
    QVERIFY(writeFile(config, "[staff]\nlogin_delay_seconds = 0\n"));
    const QString data = m_dir.filePath(QStringLiteral("lockout"));
    ServerProcess server;
    QVERIFY2(server.start(data, {QStringLiteral("--config"), config}), qPrintable(server.lastError()));
    Http http(server.port());
    for (int i = 0; i < 9; ++i)
        QCOMPARE(login(http, QStringLiteral("reviewer"), QStringLiteral("wrong")).status, 401);
    QCOMPARE(login(http, QStringLiteral("reviewer"), QStringLiteral("sandbox-reviewer")).status, 200);
    // The count restarted; ten failures in a row lock the account for 15 minutes.
    for (int i = 0; i < 10; ++i)
        QCOMPARE(login(http, QStringLiteral("reviewer"), QStringLiteral("wrong")).status, 401);
    Reply locked = login(http, QStringLiteral("reviewer"), QStringLiteral("sandbox-reviewer"));
    QCOMPARE(locked.status, 429);
    const int wait = locked.header("Retry-After").toInt();
    QVERIFY2(wait > 14 * 60 && wait <= 15 * 60 + 1, qPrintable(locked.header("Retry-After")));
    // The address (all from 127.0.0.1 here) is locked too: another account's right password is refused.
    QCOMPARE(login(http, QStringLiteral("counter"), QStringLiteral("sandbox-counter")).status, 429);
    // The lock lives in the database: a restarted service still refuses.
    QCOMPARE(server.terminate(), 0);
    QVERIFY2(server.start(data, {QStringLiteral("--config"), config}), qPrintable(server.lastError()));
    Http again(server.port());
    locked = login(again, QStringLiteral("reviewer"), QStringLiteral("sandbox-reviewer"));
    QCOMPARE(locked.status, 429);
    QVERIFY(locked.header("Retry-After").toInt() <= wait);
    QCOMPARE(server.terminate(), 0);

    // Audited: the failures, the lockout and the refusals.
    const Run list
        = runServer({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--data-dir"), data});
    QCOMPARE(list.exitCode, 0);
    QCOMPARE(list.output.count(QStringLiteral("\tstaff_login_failed\treviewer\t")), 18);
    QCOMPARE(list.output.count(QStringLiteral("\tstaff_login_locked\treviewer\t")), 1);
    QCOMPARE(list.output.count(QStringLiteral("\tstaff_login_throttled\t")), 3);
    QVERIFY(!list.output.contains(QStringLiteral("sandbox-reviewer"))); // never a password
}

void TestServerLogin::auditVerifyFindsTampering()
{
    const QString data = m_dir.filePath(QStringLiteral("lockout"));
    const QString database = data + QStringLiteral("/certdesk.db");
    Run run
        = runServer({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--data-dir"), data});
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QVERIFY2(
        run.output.contains(QStringLiteral(" rows, head ")) && run.output.contains(QStringLiteral("intact")),
        qPrintable(run.output));

    // An edited row.
    QVERIFY(QFile::copy(database, database + QStringLiteral(".good")));
    QVERIFY(tamper(database, QStringLiteral("UPDATE audit_log SET subject = 'someone' WHERE seq = 3")));
    run = runServer({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--data-dir"), data});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.output.contains(QStringLiteral("row 3: its content does not match its hash")),
        qPrintable(run.output));

    // A deleted row (the others untouched).
    QVERIFY(QFile::remove(database));
    QVERIFY(QFile::copy(database + QStringLiteral(".good"), database));
    QVERIFY(tamper(database, QStringLiteral("DELETE FROM audit_log WHERE seq = 5")));
    run = runServer({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--data-dir"), data});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.output.contains(QStringLiteral("row 6: expected row 5 before it")), qPrintable(run.output));
}

QTEST_GUILESS_MAIN(TestServerLogin)
#include "tst_server_login.moc"
