// A PKCS#11 module that crashes or hangs on load gives a message, not a crash. ModuleLoader probes a
// module in a child process (certdesk-cli token probe) before loading it in-process; these tests load the
// broken modules of tests/support/crashing-pkcs11 and check this process survives with the right status.

#include "TestEnvironment.h"
#include "TokenTestSupport.h"

#include "domain/Translations.h"
#include "token/ModuleLoader.h"
#include "token/ModuleProbe.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <optional>

using namespace certdesk;
using namespace certdesk::token;

namespace {

#if defined(CERTDESK_CLI_EXECUTABLE)
const QString CliExecutable = QStringLiteral(CERTDESK_CLI_EXECUTABLE);
const QString SegfaultModule = QStringLiteral(CERTDESK_SEGFAULT_MODULE);
const QString HangModule = QStringLiteral(CERTDESK_HANG_MODULE);
#endif
constexpr std::chrono::milliseconds ShortTimeout {1500};

// Counts the probes it forwards: shows the verdict cache at work.
class CountingProbe : public ModuleProbe
{
public:
    explicit CountingProbe(std::shared_ptr<ModuleProbe> inner)
        : m_inner(std::move(inner))
    { }
    ModuleProbeResult probe(const QString& path) override
    {
        ++calls;
        return m_inner->probe(path);
    }
    std::atomic<int> calls {0};

private:
    std::shared_ptr<ModuleProbe> m_inner;
};

} // namespace

class TestModuleProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void crashingModuleIsRefused();
    void hangingModuleIsRefused();
    void verdictIsCached();
    void missingModuleIsNotProbed();
    void softHsmPassesAndLoads();
    void noProbeExecutable();
    void defaultProbeFromEnvironment();
    void cliSurvivesCrashingModule();

private:
    std::shared_ptr<CountingProbe> installCounting(std::chrono::milliseconds timeout = ShortTimeout);

    QTemporaryDir m_dir;
    std::optional<test::SoftHsm> m_softhsm;
};

void TestModuleProbe::initTestCase()
{
#if !defined(CERTDESK_CLI_EXECUTABLE)
    QSKIP("certdesk-cli or the crashing test modules are not built here");
#else
    test::fixEnvironment();
    QVERIFY(QFile::exists(CliExecutable));
    QVERIFY(QFile::exists(SegfaultModule));
    QVERIFY(QFile::exists(HangModule));
    QVERIFY(m_dir.isValid());
#endif
}

void TestModuleProbe::init()
{
    ModuleLoader::resetProbe();
}

void TestModuleProbe::cleanupTestCase()
{
    ModuleLoader::resetProbe();
}

std::shared_ptr<CountingProbe> TestModuleProbe::installCounting(std::chrono::milliseconds timeout)
{
#if defined(CERTDESK_CLI_EXECUTABLE)
    auto probe
        = std::make_shared<CountingProbe>(std::make_shared<ProcessModuleProbe>(CliExecutable, timeout));
#else
    auto probe = std::make_shared<CountingProbe>(std::make_shared<ProcessModuleProbe>(QString(), timeout));
#endif
    ModuleLoader::setProbe(probe);
    return probe;
}

void TestModuleProbe::crashingModuleIsRefused()
{
#if defined(CERTDESK_CLI_EXECUTABLE)
    installCounting(std::chrono::milliseconds(20000));
    const TokenResult<Pkcs11Module> loaded = ModuleLoader::load(SegfaultModule);
    // Still here: the segfault happened in the child.
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().status, TokenStatus::ModuleFailed);
    QVERIFY2(loaded.error().detail.contains(QLatin1String("crashed")), qPrintable(loaded.error().detail));
    QVERIFY(loaded.error().detail.contains(SegfaultModule));
    QCOMPARE(loaded.error().message(), tokenStatusMessage(TokenStatus::ModuleFailed));
#endif
}

void TestModuleProbe::hangingModuleIsRefused()
{
#if defined(CERTDESK_CLI_EXECUTABLE)
    installCounting(ShortTimeout);
    QElapsedTimer timer;
    timer.start();
    const TokenResult<Pkcs11Module> loaded = ModuleLoader::load(HangModule);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().status, TokenStatus::ModuleFailed);
    QVERIFY2(loaded.error().detail.contains(QLatin1String("hung")), qPrintable(loaded.error().detail));
    QVERIFY(loaded.error().detail.contains(HangModule));
    // Killed at the timeout, not after the 10 s default.
    QVERIFY2(timer.elapsed() < 9000, qPrintable(QString::number(timer.elapsed())));
#endif
}

void TestModuleProbe::verdictIsCached()
{
#if defined(CERTDESK_CLI_EXECUTABLE)
    const auto probe = installCounting(std::chrono::milliseconds(20000));
    const TokenResult<Pkcs11Module> first = ModuleLoader::load(SegfaultModule);
    const TokenResult<Pkcs11Module> second = ModuleLoader::load(SegfaultModule);
    QVERIFY(!first);
    QVERIFY(!second);
    QCOMPARE(second.error().detail, first.error().detail);
    QCOMPARE(probe->calls.load(), 1);
    // A new probe starts with no verdicts.
    const auto another = installCounting(std::chrono::milliseconds(20000));
    QVERIFY(!ModuleLoader::load(SegfaultModule));
    QCOMPARE(another->calls.load(), 1);
#endif
}

void TestModuleProbe::missingModuleIsNotProbed()
{
    const auto probe = installCounting();
    const TokenResult<Pkcs11Module> loaded
        = ModuleLoader::load(m_dir.filePath(QStringLiteral("no-such-pkcs11.so")));
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().status, TokenStatus::ModuleMissing);
    QCOMPARE(probe->calls.load(), 0);
}

void TestModuleProbe::softHsmPassesAndLoads()
{
#if defined(CERTDESK_CLI_EXECUTABLE)
    if (!QFile::exists(test::SoftHsm::modulePath()))
        QSKIP("SoftHSM2 is not installed");
    m_softhsm.emplace(m_dir.filePath(QStringLiteral("softhsm")));
    QVERIFY(m_softhsm->initToken(
        QStringLiteral("PROBE OK"), QStringLiteral("87654321"), QStringLiteral("123456")));

    ProcessModuleProbe direct(CliExecutable, std::chrono::milliseconds(30000));
    QCOMPARE(direct.probe(test::SoftHsm::modulePath()).outcome, ModuleProbeResult::Outcome::Passed);

    const auto probe = installCounting(std::chrono::milliseconds(30000));
    const TokenResult<Pkcs11Module> loaded = ModuleLoader::load(test::SoftHsm::modulePath());
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().detail));
    QCOMPARE(probe->calls.load(), 1);
    const auto tokens = loaded->tokens();
    QVERIFY(tokens);
    bool found = false;
    for (const TokenInfo& info : *tokens)
        found = found || info.label == QLatin1String("PROBE OK");
    QVERIFY(found);
#endif
}

void TestModuleProbe::noProbeExecutable()
{
    ProcessModuleProbe probe(m_dir.filePath(QStringLiteral("no-such-certdesk-cli")), ShortTimeout);
    QCOMPARE(
        probe.probe(QStringLiteral("/usr/lib/whatever.so")).outcome, ModuleProbeResult::Outcome::Unavailable);
}

void TestModuleProbe::defaultProbeFromEnvironment()
{
#if defined(CERTDESK_CLI_EXECUTABLE)
    // This test binary has no certdesk-cli beside it: without $CERTDESK_CLI there is no default probe.
    qunsetenv("CERTDESK_CLI");
    QCOMPARE(ProcessModuleProbe::locateExecutable(), QString());
    QVERIFY(!ProcessModuleProbe::createDefault());
    qputenv("CERTDESK_CLI", QFile::encodeName(CliExecutable));
    QCOMPARE(ProcessModuleProbe::locateExecutable(), CliExecutable);
    QVERIFY(ProcessModuleProbe::createDefault());
    // The default probe (found through the environment) protects load() too.
    ModuleLoader::resetProbe();
    const TokenResult<Pkcs11Module> loaded = ModuleLoader::load(SegfaultModule);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().status, TokenStatus::ModuleFailed);
    qunsetenv("CERTDESK_CLI");
#endif
}

void TestModuleProbe::cliSurvivesCrashingModule()
{
#if defined(CERTDESK_CLI_EXECUTABLE)
    QVERIFY(installTranslations(*QCoreApplication::instance(), QStringLiteral("zh_CN")));
    const QString expected = tokenStatusMessage(TokenStatus::ModuleFailed);
    QVERIFY(expected.contains(QRegularExpression(QStringLiteral("[\\x{4e00}-\\x{9fff}]")))); // in Chinese

    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("CERTDESK_LANG"));
    env.remove(QStringLiteral("CERTDESK_CLI")); // the CLI finds itself next to itself
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
    process.setProcessEnvironment(env);
    process.start(CliExecutable,
        {QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--module"), SegfaultModule});
    QVERIFY(process.waitForStarted(30000));
    QVERIFY(process.waitForFinished(60000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 4); // ExitToken
    QVERIFY2(err.contains(expected), qPrintable(err));
    QVERIFY2(err.contains(SegfaultModule), qPrintable(err));
#endif
}

QTEST_GUILESS_MAIN(TestModuleProbe)
#include "tst_moduleprobe.moc"
