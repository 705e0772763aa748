// certdesk-cli as a counter script runs it: token list / show on SoftHSM2, token program end to end with the
// secrets from the environment or typed on stdin, letter render checked with pdftotext, and the failures
// (usage, missing module, a file that is no PKCS#11 module, wrong PIN, wrong staff password) as exit codes
// with a translated message on stderr.

#include "IssuanceFixture.h"
#include "TestEnvironment.h"
#include "TokenTestSupport.h"

#include "domain/Translations.h"
#include "token/TokenStatus.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace certdesk;
using certdesk::token::TokenStatus;

namespace {

// A PIN no output could contain by accident.
const QString UserPin = QStringLiteral("73915604");
const QString SoPin = QStringLiteral("87654321");
const QString ListA = QStringLiteral("CLI A");
const QString ListB = QStringLiteral("CLI B");
const QString ProgramEnv = QStringLiteral("CLI PROGRAM ENV");
const QString ProgramStdin = QStringLiteral("CLI PROGRAM STDIN");
const QString WrongPin = QStringLiteral("CLI WRONG PIN");

enum ExitCode
{
    ExitSuccess = 0,
    ExitUsage = 2,
    ExitService = 3,
    ExitToken = 4,
};

struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

QString zlib()
{
    for (const char* candidate : {"/usr/lib/x86_64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1",
             "/usr/lib/aarch64-linux-gnu/libz.so.1"})
        if (QFile::exists(QString::fromLatin1(candidate)))
            return QString::fromLatin1(candidate);
    return {};
}

} // namespace

class TestCertdeskCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void helpForEveryCommand_data();
    void helpForEveryCommand();
    void usageErrors_data();
    void usageErrors();
    void tokenListShowsTheLabels();
    void tokenShowDescribesOneToken();
    void missingModule();
    void notAPkcs11Module();
    void programWithSecretsFromTheEnvironment();
    void programWithSecretsTypedOnStdin();
    void programWithAWrongPin();
    void programWithAWrongStaffPassword();
    void letterRender();

private:
    [[nodiscard]] CliRun cli(const QStringList& arguments, const QStringList& environment = {},
        const QByteArray& input = {}) const;
    [[nodiscard]] QStringList programArguments(const QString& applicationId, const QString& label) const;
    [[nodiscard]] static QStringList secrets(const QString& pin);

    QTemporaryDir m_dir;
    std::optional<test::SoftHsm> m_softhsm;
    test::IssuanceFixture m_fixture;
};

void TestCertdeskCli::initTestCase()
{
    test::fixEnvironment();
    if (!QFile::exists(test::SoftHsm::modulePath()))
        QSKIP("SoftHSM2 is not installed");
    QVERIFY(QFile::exists(QStringLiteral(CERTDESK_CLI_EXECUTABLE)));
    QVERIFY(m_dir.isValid());
    // The messages the CLI prints are compared in its default language.
    QVERIFY(installTranslations(*QCoreApplication::instance(), QStringLiteral("zh_CN")));
    m_softhsm.emplace(m_dir.filePath(QStringLiteral("softhsm")));
    for (const QString& label : {ListA, ListB, ProgramEnv, ProgramStdin, WrongPin})
        QVERIFY(m_softhsm->initToken(label, SoPin, UserPin));
    QVERIFY2(m_fixture.start(), qPrintable(m_fixture.error()));
}

CliRun TestCertdeskCli::cli(
    const QStringList& arguments, const QStringList& environment, const QByteArray& input) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* secret :
        {"CERTDESK_PIN", "CERTDESK_STAFF_USER", "CERTDESK_STAFF_PASSWORD", "CERTDESK_LANG"})
        env.remove(QString::fromLatin1(secret));
    // Its own data folder (the rollback journal) and the SoftHSM configuration of this test.
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
    for (const QString& entry : environment)
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(CERTDESK_CLI_EXECUTABLE), arguments);
    CliRun run;
    if (!process.waitForStarted(30000))
        return run;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(180000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    return run;
}

QStringList TestCertdeskCli::programArguments(const QString& applicationId, const QString& label) const
{
    return {QStringLiteral("token"), QStringLiteral("program"), QStringLiteral("--server"),
        m_fixture.server().baseUrl().toString(), QStringLiteral("--application"), applicationId,
        QStringLiteral("--module"), test::SoftHsm::modulePath(), QStringLiteral("--token"), label};
}

QStringList TestCertdeskCli::secrets(const QString& pin)
{
    return {QStringLiteral("CERTDESK_PIN=") + pin, QStringLiteral("CERTDESK_STAFF_USER=counter"),
        QStringLiteral("CERTDESK_STAFF_PASSWORD=sandbox-counter")};
}

void TestCertdeskCli::helpForEveryCommand_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("overview") << QStringList {QStringLiteral("--help")} << QStringLiteral("token program");
    QTest::newRow("token list") << QStringList {QStringLiteral("token"), QStringLiteral("list"),
        QStringLiteral("--help")}
                                << QStringLiteral("--module");
    QTest::newRow("token show") << QStringList {QStringLiteral("token"), QStringLiteral("show"),
        QStringLiteral("--help")}
                                << QStringLiteral("--token");
    QTest::newRow("token program") << QStringList {QStringLiteral("token"), QStringLiteral("program"),
        QStringLiteral("--help")} << QStringLiteral("--application");
    QTest::newRow("letter render") << QStringList {QStringLiteral("letter"), QStringLiteral("render"),
        QStringLiteral("--help")} << QStringLiteral("--access-token");
}

void TestCertdeskCli::helpForEveryCommand()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const CliRun run = cli(arguments);
    QCOMPARE(run.exitCode, int(ExitSuccess));
    QVERIFY2(run.out.contains(mentions), qPrintable(run.out));
}

void TestCertdeskCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("nothing") << QStringList {} << QStringLiteral("token list");
    QTest::newRow("unknown command") << QStringList {QStringLiteral("token"), QStringLiteral("erase")}
                                     << QStringLiteral("token erase");
    QTest::newRow("missing options") << QStringList {QStringLiteral("token"), QStringLiteral("program")}
                                     << QStringLiteral("--server");
    // Secrets never come from the command line: there is no such option.
    QTest::newRow("no PIN option") << QStringList {QStringLiteral("token"), QStringLiteral("program"),
        QStringLiteral("--pin"), QStringLiteral("1234")}
                                   << QStringLiteral("pin");
    QTest::newRow("bad URL") << QStringList {QStringLiteral("token"), QStringLiteral("program"),
        QStringLiteral("--server"), QStringLiteral("ftp://x"), QStringLiteral("--application"),
        QStringLiteral("a"), QStringLiteral("--module"), QStringLiteral("m"), QStringLiteral("--token"),
        QStringLiteral("t")} << QStringLiteral("ftp://x");
    // Personal data and passwords go to the service: plain http only on this computer.
    QTest::newRow("plain http beyond loopback") << QStringList {QStringLiteral("token"),
        QStringLiteral("program"), QStringLiteral("--server"), QStringLiteral("http://192.0.2.10:8080"),
        QStringLiteral("--application"), QStringLiteral("a"), QStringLiteral("--module"), QStringLiteral("m"),
        QStringLiteral("--token"), QStringLiteral("t")}
                                                << QStringLiteral("http://192.0.2.10:8080");
    QTest::newRow("letter over plain http") << QStringList {QStringLiteral("letter"),
        QStringLiteral("render"), QStringLiteral("--server"), QStringLiteral("http://counter.example.cn"),
        QStringLiteral("--application"), QStringLiteral("a"), QStringLiteral("--access-token"),
        QStringLiteral("t"), QStringLiteral("--output"), QStringLiteral("letter.pdf")}
                                            << QStringLiteral("http://counter.example.cn");
    QTest::newRow("server CA not a certificate") << QStringList {QStringLiteral("token"),
        QStringLiteral("program"), QStringLiteral("--server"), QStringLiteral("https://counter.example.cn"),
        QStringLiteral("--server-ca"), QStringLiteral("/nonexistent/ca.pem"), QStringLiteral("--application"),
        QStringLiteral("a"), QStringLiteral("--module"), QStringLiteral("m"), QStringLiteral("--token"),
        QStringLiteral("t")} << QStringLiteral("/nonexistent/ca.pem");
}

void TestCertdeskCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const CliRun run = cli(arguments);
    QCOMPARE(run.exitCode, int(ExitUsage));
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
}

void TestCertdeskCli::tokenListShowsTheLabels()
{
    const CliRun run = cli({QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--module"),
        test::SoftHsm::modulePath()});
    QVERIFY2(run.exitCode == ExitSuccess, qPrintable(run.err));
    for (const QString& label : {ListA, ListB, ProgramEnv})
        QVERIFY2(run.out.contains(QLatin1Char('"') + label + QLatin1Char('"')), qPrintable(run.out));
}

void TestCertdeskCli::tokenShowDescribesOneToken()
{
    const CliRun run = cli({QStringLiteral("token"), QStringLiteral("show"), QStringLiteral("--module"),
        test::SoftHsm::modulePath(), QStringLiteral("--token"), ListA});
    QVERIFY2(run.exitCode == ExitSuccess, qPrintable(run.err));
    QVERIFY(run.out.contains(ListA));
    QVERIFY(run.out.contains(QLatin1String("softhsm2")));
    QVERIFY(!run.out.contains(ListB));

    const CliRun absent = cli({QStringLiteral("token"), QStringLiteral("show"), QStringLiteral("--module"),
        test::SoftHsm::modulePath(), QStringLiteral("--token"), QStringLiteral("NO SUCH UKEY")});
    QCOMPARE(absent.exitCode, int(ExitToken));
    QVERIFY2(
        absent.err.contains(token::tokenStatusMessage(TokenStatus::NoSuchToken)), qPrintable(absent.err));
}

void TestCertdeskCli::missingModule()
{
    const QString missing = m_dir.filePath(QStringLiteral("no-such-pkcs11.so"));
    const QString expected = token::tokenStatusMessage(TokenStatus::ModuleMissing);
    QVERIFY(expected.contains(QRegularExpression(QStringLiteral("[\\x{4e00}-\\x{9fff}]")))); // in Chinese
    const CliRun list
        = cli({QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--module"), missing});
    QCOMPARE(list.exitCode, int(ExitToken));
    QVERIFY2(list.err.contains(expected), qPrintable(list.err));

    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    QStringList arguments = programArguments(approved->id, ListA);
    arguments[arguments.indexOf(test::SoftHsm::modulePath())] = missing;
    const CliRun program = cli(arguments, secrets(UserPin));
    QCOMPARE(program.exitCode, int(ExitToken));
    QVERIFY2(program.err.contains(expected), qPrintable(program.err));
}

void TestCertdeskCli::notAPkcs11Module()
{
    const QString library = zlib();
    if (library.isEmpty())
        QSKIP("no libz.so.1 to load");
    const CliRun run
        = cli({QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--module"), library});
    QCOMPARE(run.exitCode, int(ExitToken));
    QVERIFY2(run.err.contains(token::tokenStatusMessage(TokenStatus::ModuleLoadFailed)), qPrintable(run.err));
}

void TestCertdeskCli::programWithSecretsFromTheEnvironment()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    const CliRun run = cli(programArguments(approved->id, ProgramEnv), secrets(UserPin));
    QVERIFY2(run.exitCode == ExitSuccess, qPrintable(run.out + run.err));
    QVERIFY(run.out.contains(QLatin1String("[9/9]")));
    QVERIFY(!run.out.contains(UserPin) && !run.err.contains(UserPin));
    QVERIFY(!run.out.contains(QLatin1String("sandbox-counter"))
        && !run.err.contains(QLatin1String("sandbox-counter")));

    QCOMPARE(m_fixture.application(*approved)->status, ApplicationStatus::Issued);
    const test::ToolResult listed
        = m_softhsm->pkcs11Tool(ProgramEnv, UserPin, {QStringLiteral("--list-objects")});
    QCOMPARE(listed.exitCode, 0);
    const test::ListedObjects objects = test::parseListing(listed.output);
    QCOMPARE(objects.privateKeys, 2);
    QCOMPARE(objects.publicKeys, 2);
    QCOMPARE(objects.certificates, 2);

    // token show now lists the two certificates, without the holder's name.
    const CliRun show = cli({QStringLiteral("token"), QStringLiteral("show"), QStringLiteral("--module"),
        test::SoftHsm::modulePath(), QStringLiteral("--token"), ProgramEnv});
    QCOMPARE(show.exitCode, int(ExitSuccess));
    // The algorithm column: 2 certificates + 2 public keys.
    QCOMPARE(show.out.count(QRegularExpression(QStringLiteral("\\s{2}SM2\\s{2}"))), 4);
    QVERIFY(!show.out.contains(QStringLiteral("赵敏")));
}

void TestCertdeskCli::programWithSecretsTypedOnStdin()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    const QByteArray typed = "counter\nsandbox-counter\n" + UserPin.toLatin1() + '\n';
    const CliRun run = cli(programArguments(approved->id, ProgramStdin), {}, typed);
    QVERIFY2(run.exitCode == ExitSuccess, qPrintable(run.out + run.err));
    QVERIFY(!run.out.contains(UserPin) && !run.err.contains(UserPin));
    QCOMPARE(m_fixture.application(*approved)->status, ApplicationStatus::Issued);
}

void TestCertdeskCli::programWithAWrongPin()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    const QString wrong = QStringLiteral("00000001");
    const CliRun run = cli(programArguments(approved->id, WrongPin), secrets(wrong));
    QVERIFY2(run.exitCode == ExitToken, qPrintable(run.err));
    QVERIFY2(
        run.err.contains(token::tokenStatusMessage(TokenStatus::PinIncorrectCountLow)), qPrintable(run.err));
    QVERIFY(!run.out.contains(wrong) && !run.err.contains(wrong));
    QCOMPARE(m_fixture.staffView(approved->id)->application.status, ApplicationStatus::Approved);
}

void TestCertdeskCli::programWithAWrongStaffPassword()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    const CliRun run = cli(programArguments(approved->id, WrongPin),
        {QStringLiteral("CERTDESK_PIN=") + UserPin, QStringLiteral("CERTDESK_STAFF_USER=counter"),
            QStringLiteral("CERTDESK_STAFF_PASSWORD=wrong")});
    QCOMPARE(run.exitCode, int(ExitService));
    QVERIFY(!run.err.isEmpty());
}

void TestCertdeskCli::letterRender()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    const QString pdf = m_dir.filePath(QStringLiteral("letter.pdf"));
    const QStringList arguments {QStringLiteral("letter"), QStringLiteral("render"),
        QStringLiteral("--server"), m_fixture.server().baseUrl().toString(), QStringLiteral("--application"),
        approved->id, QStringLiteral("--access-token"), approved->accessToken, QStringLiteral("--output"),
        pdf};
    const CliRun run = cli(arguments);
    QVERIFY2(run.exitCode == ExitSuccess, qPrintable(run.err));
    QVERIFY(QFile::exists(pdf));
    const test::ToolResult text = test::runTool(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(!approved->orderNo.isEmpty());
    QVERIFY2(text.output.contains(approved->orderNo), qPrintable(text.output));

    // Another application's token opens nothing: a service error, and no file.
    QStringList wrong = arguments;
    wrong[wrong.indexOf(approved->accessToken)] = QStringLiteral("not-the-token");
    wrong[wrong.indexOf(pdf)] = m_dir.filePath(QStringLiteral("other.pdf"));
    const CliRun refused = cli(wrong);
    QCOMPARE(refused.exitCode, int(ExitService));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("other.pdf"))));
}

QTEST_GUILESS_MAIN(TestCertdeskCli)
#include "tst_certdesk_cli.moc"
