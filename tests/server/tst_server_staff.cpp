// Staff and sandbox kept apart (../shared/API.md, "Operations"): `certdesk-server staff
// add|passwd|disable|list` with the password from CERTDESK_STAFF_PASSWORD (never an argument), no staff
// account outside the sandbox unless created, and a data directory once started with --sandbox refused
// without it (exit code 2).

#include "ServerHarness.h"
#include "TestEnvironment.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk;
using namespace certdesk::servertest;

namespace {

struct Run
{
    int exitCode = -1;
    QString output;
};

// certdesk-server with `arguments` until it exits (at most 30 s); stdin is not a terminal.
Run runServer(const QStringList& arguments, const QList<QPair<QString, QString>>& environment = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("CERTDESK_STAFF_PASSWORD"));
    for (const auto& [name, value] : environment)
        env.insert(name, value);
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(CERTDESK_SERVER_BINARY), arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return {-1, QStringLiteral("(still running) ") + QString::fromUtf8(process.readAll())};
    }
    return {process.exitCode(), QString::fromUtf8(process.readAll())};
}

QPair<QString, QString> password(const QString& value)
{
    return {QStringLiteral("CERTDESK_STAFF_PASSWORD"), value};
}

const QString PublicUrl = QStringLiteral("http://127.0.0.1:8080");

} // namespace

class TestServerStaff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void staffCommands();
    void sandboxDirectoryRefusedWithoutSandbox();

private:
    [[nodiscard]] Run staff(const QString& data, const QStringList& arguments,
        const QList<QPair<QString, QString>>& environment = {});
    QTemporaryDir m_dir;
};

void TestServerStaff::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
}

Run TestServerStaff::staff(
    const QString& data, const QStringList& arguments, const QList<QPair<QString, QString>>& environment)
{
    return runServer(
        QStringList {QStringLiteral("staff")} + arguments + QStringList {QStringLiteral("--data-dir"), data},
        environment);
}

void TestServerStaff::staffCommands()
{
    const QString data = m_dir.filePath(QStringLiteral("staffdata"));
    // A new data directory has no staff account at all.
    Run run = staff(data, {QStringLiteral("list")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.output.contains(QStringLiteral("no staff accounts")), qPrintable(run.output));

    // No password anywhere (stdin is no terminal): refused, nothing created.
    run = staff(data,
        {QStringLiteral("add"), QStringLiteral("alice"), QStringLiteral("--roles"),
            QStringLiteral("reviewer")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(QStringLiteral("CERTDESK_STAFF_PASSWORD")), qPrintable(run.output));
    QVERIFY(!staff(data, {QStringLiteral("list")}).output.contains(QStringLiteral("alice")));
    // Bad roles, short password: usage errors.
    QCOMPARE(staff(data,
                 {QStringLiteral("add"), QStringLiteral("alice"), QStringLiteral("--roles"),
                     QStringLiteral("admin")},
                 {password(QStringLiteral("alice-password-1"))})
                 .exitCode,
        2);
    QCOMPARE(staff(data,
                 {QStringLiteral("add"), QStringLiteral("alice"), QStringLiteral("--roles"),
                     QStringLiteral("reviewer")},
                 {password(QStringLiteral("short"))})
                 .exitCode,
        2);

    run = staff(data,
        {QStringLiteral("add"), QStringLiteral("alice"), QStringLiteral("--roles"),
            QStringLiteral("reviewer,counter")},
        {password(QStringLiteral("alice-password-1"))});
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    // Adding twice is refused; passwd of an unknown user too.
    QCOMPARE(staff(data,
                 {QStringLiteral("add"), QStringLiteral("alice"), QStringLiteral("--roles"),
                     QStringLiteral("reviewer")},
                 {password(QStringLiteral("alice-password-2"))})
                 .exitCode,
        2);
    QCOMPARE(staff(data, {QStringLiteral("passwd"), QStringLiteral("bob")},
                 {password(QStringLiteral("bob-password-1"))})
                 .exitCode,
        2);
    run = staff(data, {QStringLiteral("list")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.output.contains(QStringLiteral("alice\treviewer,counter\tactive")), qPrintable(run.output));
    QVERIFY(!run.output.contains(QStringLiteral("sandbox")));

    // The service outside the sandbox (after the CA ceremony) knows exactly the accounts made here: the
    // sandbox's seeded ones do not exist.
    run = runServer({QStringLiteral("ca"), QStringLiteral("init"), QStringLiteral("--data-dir"), data,
                        QStringLiteral("--root-key"), m_dir.filePath(QStringLiteral("root.key"))},
        {{QStringLiteral("CERTDESK_ROOT_KEY_PASSPHRASE"), QStringLiteral("root secret")},
            {QStringLiteral("CERTDESK_CA_KEY_PASSPHRASE"), QStringLiteral("issuing secret")}});
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    qputenv("CERTDESK_CA_KEY_PASSPHRASE", "issuing secret");
    ServerProcess server;
    QVERIFY2(server.start(data, {QStringLiteral("--public-url"), PublicUrl}, false),
        qPrintable(server.lastError()));
    Http http(server.port());
    const auto login = [&http](const QString& user, const QString& secret) {
        return http
            .post(QStringLiteral("staff/sessions"),
                QJsonObject {{QStringLiteral("username"), user}, {QStringLiteral("password"), secret}})
            .status;
    };
    QCOMPARE(login(QStringLiteral("alice"), QStringLiteral("alice-password-1")), 200);
    QCOMPARE(login(QStringLiteral("reviewer"), QStringLiteral("sandbox-reviewer")), 401);
    run = staff(data, {QStringLiteral("passwd"), QStringLiteral("alice")},
        {password(QStringLiteral("alice-password-2"))});
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QCOMPARE(login(QStringLiteral("alice"), QStringLiteral("alice-password-1")), 401);
    QCOMPARE(login(QStringLiteral("alice"), QStringLiteral("alice-password-2")), 200);
    const QString token = http.post(QStringLiteral("staff/sessions"),
                                  QJsonObject {{QStringLiteral("username"), QStringLiteral("alice")},
                                      {QStringLiteral("password"), QStringLiteral("alice-password-2")}})
                              .json()
                              .value(QStringLiteral("token"))
                              .toString();
    QVERIFY(!token.isEmpty());
    QCOMPARE(http.get(QStringLiteral("staff/applications"), token).status, 200);
    run = staff(data, {QStringLiteral("disable"), QStringLiteral("alice")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QCOMPARE(login(QStringLiteral("alice"), QStringLiteral("alice-password-2")), 401);
    QCOMPARE(http.get(QStringLiteral("staff/applications"), token).status, 401); // its session ended
    QVERIFY(staff(data, {QStringLiteral("list")})
                .output.contains(QStringLiteral("alice\treviewer,counter\tdisabled")));
    QCOMPARE(server.terminate(), 0);
}

void TestServerStaff::sandboxDirectoryRefusedWithoutSandbox()
{
    const QString data = m_dir.filePath(QStringLiteral("sandboxdata"));
    {
        ServerProcess server;
        QVERIFY2(server.start(data), qPrintable(server.lastError()));
        Http http(server.port());
        // The sandbox's seeded account works there.
        QCOMPARE(http.post(QStringLiteral("staff/sessions"),
                         QJsonObject {{QStringLiteral("username"), QStringLiteral("reviewer")},
                             {QStringLiteral("password"), QStringLiteral("sandbox-reviewer")}})
                     .status,
            200);
        QCOMPARE(server.terminate(), 0);
    }
    // Started without --sandbox: refused before anything is served, whatever else is configured.
    const Run run = runServer({QStringLiteral("--data-dir"), data, QStringLiteral("--listen"),
        QStringLiteral("127.0.0.1:0"), QStringLiteral("--public-url"), PublicUrl});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains(QStringLiteral("sandbox data directory")), qPrintable(run.output));
    // With --sandbox it still runs.
    ServerProcess again;
    QVERIFY2(again.start(data), qPrintable(again.lastError()));
    QCOMPARE(again.terminate(), 0);
    // The other way round: the service's own directory (staff made by the CLI, no sandbox mark) is not
    // taken over by a sandbox, whose seeds would enter it.
    const QString service = m_dir.filePath(QStringLiteral("servicedata"));
    const Run made = staff(service,
        {QStringLiteral("add"), QStringLiteral("carol"), QStringLiteral("--roles"),
            QStringLiteral("counter")},
        {password(QStringLiteral("carol-password-1"))});
    QVERIFY2(made.exitCode == 0, qPrintable(made.output));
    const Run sandboxed = runServer({QStringLiteral("--data-dir"), service, QStringLiteral("--listen"),
        QStringLiteral("127.0.0.1:0"), QStringLiteral("--sandbox")});
    QCOMPARE(sandboxed.exitCode, 2);
    QVERIFY2(sandboxed.output.contains(QStringLiteral("not a sandbox data directory")),
        qPrintable(sandboxed.output));
    QVERIFY(!QFile::exists(service + QStringLiteral("/SANDBOX")));
    // The mark is a file in the directory (moving the directory keeps it).
    QVERIFY(QFile::exists(data + QStringLiteral("/SANDBOX")));
}

QTEST_GUILESS_MAIN(TestServerStaff)
#include "tst_server_staff.moc"
