// ModuleWorkers (token/ModuleWorker.h): the windows' PKCS#11 calls run on one thread per module file, in
// order, answers back on the GUI thread; a module that blocks holds up only its own calls; an answer whose
// window is gone is dropped. Last, the real hanging module of tests/support/crashing-pkcs11 loaded in-process
// without the probe: its C_Initialize never returns, yet other modules still load and the GUI thread turns.

#include "TestEnvironment.h"

#include "token/ModuleLoader.h"
#include "token/ModuleWorker.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <future>
#include <memory>

using namespace certdesk;
using namespace certdesk::token;

class TestModuleWorker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void callsOfOneModuleRunInOrderOffTheGuiThread();
    void aBlockedModuleHoldsUpOnlyItself();
    void answerForAGoneWindowIsDropped();
    void sameFileSharesItsThread();
    void hangingModuleLeavesOtherModulesAndTheGuiThread();

private:
    QTemporaryDir m_dir;
};

void TestModuleWorker::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
}

void TestModuleWorker::callsOfOneModuleRunInOrderOffTheGuiThread()
{
    const QString module = m_dir.filePath(QStringLiteral("order.so"));
    QObject context;
    QList<int> answers;
    QList<bool> offGuiThread;
    QThread* const gui = QThread::currentThread();
    for (int i = 0; i < 20; ++i) {
        runOnModule(
            module, &context,
            [i, gui] {
                return std::pair<int, bool> {i, QThread::currentThread() != gui};
            },
            [&answers, &offGuiThread, gui](std::pair<int, bool> r) {
                QCOMPARE(QThread::currentThread(), gui); // the answer comes back on the GUI thread
                answers.append(r.first);
                offGuiThread.append(r.second);
            });
    }
    QTRY_COMPARE(answers.size(), 20);
    for (int i = 0; i < 20; ++i)
        QCOMPARE(answers.at(i), i);
    QVERIFY(!offGuiThread.contains(false));
    QTRY_COMPARE(ModuleWorkers::pending(module), 0);
}

void TestModuleWorker::aBlockedModuleHoldsUpOnlyItself()
{
    const QString blocked = m_dir.filePath(QStringLiteral("blocked.so"));
    const QString other = m_dir.filePath(QStringLiteral("other.so"));
    QObject context;
    auto release = std::make_shared<std::promise<void>>();
    std::shared_future<void> released = release->get_future().share();
    bool blockedAnswered = false;
    bool queuedAnswered = false;
    bool otherAnswered = false;
    runOnModule(
        blocked, &context,
        [released] {
            released.wait();
            return 1;
        },
        [&blockedAnswered](int) { blockedAnswered = true; });
    // Queued behind the blocked call on the same module: waits for it.
    runOnModule(
        blocked, &context, [] { return 2; }, [&queuedAnswered](int) { queuedAnswered = true; });
    runOnModule(
        other, &context, [] { return 3; }, [&otherAnswered](int) { otherAnswered = true; });
    QTRY_VERIFY(otherAnswered);
    QCOMPARE(ModuleWorkers::pending(blocked), 2);
    QVERIFY(!blockedAnswered);
    QVERIFY(!queuedAnswered);
    release->set_value();
    QTRY_VERIFY(queuedAnswered);
    QVERIFY(blockedAnswered);
    QTRY_COMPARE(ModuleWorkers::pending(blocked), 0);
}

void TestModuleWorker::answerForAGoneWindowIsDropped()
{
    const QString module = m_dir.filePath(QStringLiteral("gone.so"));
    auto release = std::make_shared<std::promise<void>>();
    std::shared_future<void> released = release->get_future().share();
    auto context = std::make_unique<QObject>();
    bool answered = false;
    bool ran = false;
    runOnModule(
        module, context.get(),
        [released] {
            released.wait();
            return true;
        },
        [&answered](bool) { answered = true; });
    context.reset();
    release->set_value();
    // A later call on the same module answers: the first one has run by then, its answer was not delivered.
    QObject still;
    runOnModule(
        module, &still, [] { return true; }, [&ran](bool) { ran = true; });
    QTRY_VERIFY(ran);
    QCoreApplication::processEvents();
    QVERIFY(!answered);
}

void TestModuleWorker::sameFileSharesItsThread()
{
    // A file and a symbolic link to it are one module: one thread, one queue.
    const QString file = m_dir.filePath(QStringLiteral("shared.so"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const QString link = m_dir.filePath(QStringLiteral("shared-link.so"));
    QVERIFY(QFile::link(file, link));
    auto release = std::make_shared<std::promise<void>>();
    std::shared_future<void> released = release->get_future().share();
    QObject context;
    int answers = 0;
    runOnModule(
        file, &context,
        [released] {
            released.wait();
            return 0;
        },
        [&answers](int) { ++answers; });
    runOnModule(
        link, &context, [] { return 0; }, [&answers](int) { ++answers; });
    QCOMPARE(ModuleWorkers::pending(link), 2);
    QCOMPARE(ModuleWorkers::pending(file), 2);
    release->set_value();
    QTRY_COMPARE(answers, 2);
}

void TestModuleWorker::hangingModuleLeavesOtherModulesAndTheGuiThread()
{
#ifndef CERTDESK_HANG_MODULE
    QSKIP("the hanging test module is not built here");
#else
    const QString hang = QStringLiteral(CERTDESK_HANG_MODULE);
    // No probe: the module's C_Initialize runs in this process and never returns (the worst case: a probe
    // would refuse the module after its timeout).
    ModuleLoader::setProbe(nullptr);
    QObject context;
    bool hangAnswered = false;
    runOnModule(
        hang, &context, [hang] { return ModuleLoader::load(hang).status(); },
        [&hangAnswered](TokenStatus) { hangAnswered = true; });
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start(50);
    // Another file loads meanwhile (a missing one, one that is no library): the hanging load holds only the
    // loads of its own file.
    QFile notALibrary(m_dir.filePath(QStringLiteral("not-a-module.so")));
    QVERIFY(notALibrary.open(QIODevice::WriteOnly));
    notALibrary.write("not an ELF file");
    notALibrary.close();
    QTest::qWait(300); // the hanging module's thread is inside C_Initialize by now
    std::optional<TokenStatus> missing;
    std::optional<TokenStatus> notLibrary;
    const QString missingPath = m_dir.filePath(QStringLiteral("missing.so"));
    runOnModule(
        missingPath, &context, [missingPath] { return ModuleLoader::load(missingPath).status(); },
        [&missing](TokenStatus s) { missing = s; });
    runOnModule(
        notALibrary.fileName(), &context,
        [path = notALibrary.fileName()] { return ModuleLoader::load(path).status(); },
        [&notLibrary](TokenStatus s) { notLibrary = s; });
    QElapsedTimer elapsed;
    elapsed.start();
    QTRY_VERIFY_WITH_TIMEOUT(missing && notLibrary, 5000);
    QVERIFY2(elapsed.elapsed() < 5000, "another module's load waited for the hanging one");
    QCOMPARE(*missing, TokenStatus::ModuleMissing);
    QCOMPARE(*notLibrary, TokenStatus::ModuleLoadFailed);
    QTest::qWait(500);
    QVERIFY2(ticks >= 10, qPrintable(QString::number(ticks)));
    QVERIFY(!hangAnswered);
    QCOMPARE(ModuleWorkers::pending(hang), 1);
    // The hanging thread stays where it is: nothing waits for it at exit.
    ModuleLoader::resetProbe();
#endif
}

QTEST_GUILESS_MAIN(TestModuleWorker)
#include "tst_moduleworker.moc"
