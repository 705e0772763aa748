// ProcessScanSource against scanner drivers that misbehave: a small SANE backend built for the tests
// (tests/support/sane-fault-backend, loaded by sane-backends' dll backend like any driver) hangs in
// sane_read, crashes there, hangs in sane_cancel or ends the process in sane_open. Each time the caller gets
// its answer within the time limits, with a status that has a message, and the next scan (SANE's "test"
// backend) works.
#include "documents/DocumentError.h"
#include "documents/ProcessScanSource.h"
#include "documents/ScanHelperReader.h"

#include "SaneTestScanners.h"
#include "TestEnvironment.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <chrono>

using namespace certdesk;
using namespace certdesk::documents;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(certdesk::documents::DocumentStatus)

namespace {

ScanOptions device(const QString& name)
{
    ScanOptions options;
    options.device = name;
    options.resolutionDpi = 50;
    options.mode = ScanColorMode::Gray;
    options.areaMm = QSizeF(50, 50);
    if (name.startsWith(QLatin1String("test:")))
        options.deviceOptions = {{QStringLiteral("test-picture"), QStringLiteral("Solid white")}};
    return options;
}

// The names of the devices the source lists; a failure to list them is a test failure.
QStringList deviceNames(ProcessScanSource& source)
{
    const DocumentResult<QList<ScanDevice>> devices = source.devices();
    QStringList names;
    if (!devices.ok()) {
        QTest::qFail(qPrintable(devices.error().detail), __FILE__, __LINE__);
        return names;
    }
    for (const ScanDevice& d : devices.value())
        names << d.name;
    return names;
}

// The parent of process `pid`, from /proc (0 when it has gone).
qint64 parentOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    // "pid (comm) state ppid ..." (proc(5)): split after the last ')'.
    const QByteArray line = stat.readAll();
    return line.mid(line.lastIndexOf(')') + 2).split(' ').value(1).toLongLong();
}

// The scan fork servers of this process: its children named so. (A helper the server has just forked bears
// the server's name until it renames itself, but it is the server's child, not this process's.)
QList<qint64> forkServers()
{
    QList<qint64> servers;
    for (const qint64 pid : test::descendantProcesses(QStringLiteral("certdesk-scanfs"), false)) {
        if (parentOf(pid) == QCoreApplication::applicationPid())
            servers.append(pid);
    }
    return servers;
}

} // namespace

class TestScanHelper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsEveryDriversDevices();
    void spareHelperFollowsTheEnvironment();
    void spareHelperFindsANewDriver();
    void driverFaults_data();
    void driverFaults();
    void cancelWhileTheDriverHangs();
    void driverThatHangsWhileClosingStillDelivers();
    void shutdownEndsARunningScan();
    void missingHelper();
    void helperThatIsNoForkServer();
    void helpersComeFromOneForkServer();
    void forkServerThatDiesTakesItsHelpersAlong();
    void pageThroughThePipe();

private:
    // Scans a good page: after any fault the next scan must work.
    void nextScanWorks(ProcessScanSource& source);

    test::SaneTestScanners m_scanners {CERTDESK_SCAN_HELPER_EXECUTABLE, CERTDESK_SANE_FAULT_DIR};
};

void TestScanHelper::initTestCase()
{
    test::fixEnvironment();
    QVERIFY2(m_scanners.setBackends("test\ncdfault\n"), qPrintable(m_scanners.errorString()));
    QVERIFY(QFile::exists(QStringLiteral(CERTDESK_SANE_FAULT_DIR "/libsane-cdfault.so.1")));
}

void TestScanHelper::nextScanWorks(ProcessScanSource& source)
{
    const DocumentResult<QImage> good = source.scan(device(QStringLiteral("test:0")));
    QVERIFY2(good.ok(), qPrintable(good.error().detail));
    QVERIFY(good.value().width() > 0);
}

void TestScanHelper::listsEveryDriversDevices()
{
    ProcessScanSource source(ProcessScanSource::locateExecutable());
    const QStringList names = deviceNames(source);
    QVERIFY2(names.contains(QStringLiteral("test:0")), qPrintable(names.join(QLatin1Char(' '))));
    QVERIFY2(names.contains(QStringLiteral("cdfault:hang-read")), qPrintable(names.join(QLatin1Char(' '))));
}

void TestScanHelper::spareHelperFollowsTheEnvironment()
{
    // After its first request the source keeps a spare helper waiting, started with the environment of that
    // moment. A request after the environment changed (here: another SANE configuration directory, whose
    // dll.conf lists only the fault backend) must be served by a helper that sees the new one.
    ProcessScanSource source(ProcessScanSource::locateExecutable());
    auto names = [&source] { return deviceNames(source); };
    QVERIFY(names().contains(QStringLiteral("test:0")));
    QVERIFY(names().contains(QStringLiteral("test:0"))); // served by the spare
    QTemporaryDir faultsOnly;
    QFile dll(faultsOnly.filePath(QStringLiteral("dll.conf")));
    QVERIFY(dll.open(QIODevice::WriteOnly) && dll.write("cdfault\n") == 8);
    dll.close();
    const QByteArray previous = qgetenv("SANE_CONFIG_DIR");
    qputenv("SANE_CONFIG_DIR", faultsOnly.path().toLocal8Bit());
    const QStringList after = names();
    qputenv("SANE_CONFIG_DIR", previous);
    QVERIFY2(!after.contains(QStringLiteral("test:0")), qPrintable(after.join(QLatin1Char(' '))));
    QVERIFY2(after.contains(QStringLiteral("cdfault:hang-read")), qPrintable(after.join(QLatin1Char(' '))));
    QVERIFY(names().contains(QStringLiteral("test:0")));
}

void TestScanHelper::spareHelperFindsANewDriver()
{
    // A spare helper waits for its request with SANE not yet initialised: SANE reads its driver list
    // (dll.conf) in sane_init, so a driver installed after the spare started (here: the fault backend added
    // to dll.conf, the environment unchanged) is found by the request it serves.
    QVERIFY(m_scanners.setBackends("test\n"));
    const auto restore = qScopeGuard([this] { QVERIFY(m_scanners.setBackends("test\ncdfault\n")); });
    ProcessScanSource source(ProcessScanSource::locateExecutable());
    source.prepare();
    const QString helper = QStringLiteral("certdesk-scan-helper");
    QTRY_COMPARE_WITH_TIMEOUT(test::descendantProcesses(helper).size(), 1, 10000);
    const QList<qint64> spare = test::descendantProcesses(helper);
    QVERIFY(m_scanners.setBackends("test\ncdfault\n"));

    const QStringList names = deviceNames(source);
    QVERIFY2(names.contains(QStringLiteral("cdfault:hang-read")), qPrintable(names.join(QLatin1Char(' '))));
    // It was the spare that served the request: it has gone (the next spare is another process).
    QTRY_VERIFY_WITH_TIMEOUT(!test::descendantProcesses(helper, false).contains(spare.first()), 10000);
}

void TestScanHelper::driverFaults_data()
{
    QTest::addColumn<QString>("deviceName");
    QTest::addColumn<DocumentStatus>("expected");
    QTest::newRow("hangs in sane_read")
        << QStringLiteral("cdfault:hang-read") << DocumentStatus::ScannerNotResponding;
    QTest::newRow("crashes in sane_read")
        << QStringLiteral("cdfault:crash-read") << DocumentStatus::ScannerDriverCrashed;
    QTest::newRow("exits in sane_open")
        << QStringLiteral("cdfault:exit-open") << DocumentStatus::ScannerDriverCrashed;
}

void TestScanHelper::driverFaults()
{
    QFETCH(QString, deviceName);
    QFETCH(DocumentStatus, expected);
    ProcessScanSource::Timeouts timeouts;
    timeouts.stallTimeout = 1500ms;
    ProcessScanSource source(ProcessScanSource::locateExecutable(), timeouts);
    QList<int> progress;
    QElapsedTimer clock;
    clock.start();
    const DocumentResult<QImage> scan
        = source.scan(device(deviceName), nullptr, [&progress](int p) { progress.append(p); });
    const qint64 elapsed = clock.elapsed();
    QCOMPARE(scan.status(), expected);
    QVERIFY(!scan.message().isEmpty());
    QVERIFY(!scan.error().detail.isEmpty());
    // A stalled driver is given up after the stall timeout, not before; nothing waits much longer.
    if (expected == DocumentStatus::ScannerNotResponding) {
        QVERIFY2(elapsed >= 1500, qPrintable(QString::number(elapsed)));
        QVERIFY(!progress.isEmpty()); // half a page arrived before the driver hung
    }
    QVERIFY2(elapsed < 1500 + 5000, qPrintable(QString::number(elapsed)));
    nextScanWorks(source);
}

void TestScanHelper::cancelWhileTheDriverHangs()
{
    // The person presses cancel while the driver is stuck in sane_read: the helper cannot stop it, so it is
    // killed after the grace period; the stall timeout (long here) plays no part.
    ProcessScanSource::Timeouts timeouts;
    timeouts.cancelGrace = 1000ms;
    timeouts.stallTimeout = 600s;
    ProcessScanSource source(ProcessScanSource::locateExecutable(), timeouts);
    QTemporaryDir markers;
    const QString stuck = markers.filePath(QStringLiteral("stuck"));
    qputenv("CERTDESK_CDFAULT_HANG_MARKER", stuck.toLocal8Bit());
    std::atomic_bool cancel {false};
    QFuture<DocumentResult<QImage>> running = QtConcurrent::run(
        [&source, &cancel] { return source.scan(device(QStringLiteral("cdfault:hang-read")), &cancel); });
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(stuck), 10000);
    QElapsedTimer sinceCancel;
    sinceCancel.start();
    cancel = true;
    running.waitForFinished();
    qunsetenv("CERTDESK_CDFAULT_HANG_MARKER");
    const qint64 elapsed = sinceCancel.elapsed();
    QCOMPARE(running.result().status(), DocumentStatus::Cancelled);
    QVERIFY2(running.result().error().detail.contains(QLatin1String("killed")),
        qPrintable(running.result().error().detail));
    QVERIFY2(elapsed >= 1000, qPrintable(QString::number(elapsed)));
    QVERIFY2(elapsed < 1000 + 3000, qPrintable(QString::number(elapsed)));
    nextScanWorks(source);
}

void TestScanHelper::driverThatHangsWhileClosingStillDelivers()
{
    // The page is complete before the driver blocks in sane_cancel: the helper answers first and closes the
    // device afterwards, so the scan succeeds and the caller waits at most the grace period for the exit.
    ProcessScanSource::Timeouts timeouts;
    timeouts.cancelGrace = 1000ms;
    ProcessScanSource source(ProcessScanSource::locateExecutable(), timeouts);
    QElapsedTimer clock;
    clock.start();
    const DocumentResult<QImage> scan = source.scan(device(QStringLiteral("cdfault:hang-cancel")));
    QVERIFY2(scan.ok(), qPrintable(scan.error().detail));
    QCOMPARE(scan.value().size(), QSize(64, 64));
    QCOMPARE(scan.value().format(), QImage::Format_Grayscale8);
    QCOMPARE(qGray(scan.value().pixel(10, 60)), 0x80);
    QVERIFY2(clock.elapsed() < 1000 + 3000, qPrintable(QString::number(clock.elapsed())));
    nextScanWorks(source);
}

void TestScanHelper::shutdownEndsARunningScan()
{
    // Quitting: MainWindow calls shutdown() while a document job scans on a worker thread.
    ProcessScanSource::Timeouts timeouts;
    timeouts.stallTimeout = 600s;
    timeouts.cancelGrace = 600s;
    ProcessScanSource source(ProcessScanSource::locateExecutable(), timeouts);
    std::atomic_bool started {false};
    QFuture<DocumentResult<QImage>> running = QtConcurrent::run([&source, &started] {
        return source.scan(
            device(QStringLiteral("cdfault:hang-read")), nullptr, [&started](int) { started = true; });
    });
    QTRY_VERIFY_WITH_TIMEOUT(started, 10000);
    QElapsedTimer clock;
    clock.start();
    source.shutdown();
    running.waitForFinished();
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(running.result().status(), DocumentStatus::Cancelled);
    // After shutdown nothing starts again.
    QCOMPARE(source.scan(device(QStringLiteral("test:0"))).status(), DocumentStatus::Cancelled);
}

void TestScanHelper::missingHelper()
{
    ProcessScanSource source(QStringLiteral("/nonexistent/certdesk-scan-helper"));
    QCOMPARE(source.scan(device(QStringLiteral("test:0"))).status(), DocumentStatus::NoScanner);
    QCOMPARE(source.devices().status(), DocumentStatus::NoScanner);
}

void TestScanHelper::helperThatIsNoForkServer()
{
    // A program that ends at once instead of serving (a broken installation): the scan is refused with "no
    // scanner", and nothing waits for long.
    ProcessScanSource source(QStringLiteral("/bin/true"));
    QElapsedTimer clock;
    clock.start();
    const DocumentResult<QImage> scan = source.scan(device(QStringLiteral("test:0")));
    QCOMPARE(scan.status(), DocumentStatus::NoScanner);
    QVERIFY(!scan.message().isEmpty());
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
}

void TestScanHelper::helpersComeFromOneForkServer()
{
    // The helpers of every source of this process are forked by one server (ScanHelperLauncher.h), a child of
    // this process; each scan has a helper of its own.
    ProcessScanSource first(ProcessScanSource::locateExecutable());
    ProcessScanSource second(ProcessScanSource::locateExecutable());
    nextScanWorks(first);
    nextScanWorks(second);
    const QList<qint64> servers = forkServers();
    QCOMPARE(servers.size(), 1);
    // The two spares, one per source, both the server's children.
    const QString helper = QStringLiteral("certdesk-scan-helper");
    QTRY_COMPARE_WITH_TIMEOUT(test::descendantProcesses(helper, false).size(), 2, 10000);
    for (const qint64 pid : test::descendantProcesses(helper, false))
        QCOMPARE(parentOf(pid), servers.first());
}

void TestScanHelper::forkServerThatDiesTakesItsHelpersAlong()
{
    // The fork server killed while a driver hangs in sane_read: the scan ends at once as a crashed driver
    // (not after the stall timeout), no helper is left, and the next scan gets a new server.
    ProcessScanSource::Timeouts timeouts;
    timeouts.stallTimeout = 600s;
    ProcessScanSource source(ProcessScanSource::locateExecutable(), timeouts);
    nextScanWorks(source);
    const QList<qint64> servers = forkServers();
    QCOMPARE(servers.size(), 1);
    QTemporaryDir markers;
    const QString stuck = markers.filePath(QStringLiteral("stuck"));
    qputenv("CERTDESK_CDFAULT_HANG_MARKER", stuck.toLocal8Bit());
    QFuture<DocumentResult<QImage>> running
        = QtConcurrent::run([&source] { return source.scan(device(QStringLiteral("cdfault:hang-read"))); });
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(stuck), 10000);
    qunsetenv("CERTDESK_CDFAULT_HANG_MARKER");
    QElapsedTimer clock;
    clock.start();
    QVERIFY(
        QProcess::execute(QStringLiteral("kill"), {QStringLiteral("-KILL"), QString::number(servers.first())})
        == 0);
    running.waitForFinished();
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(running.result().status(), DocumentStatus::ScannerDriverCrashed);
    QVERIFY2(running.result().error().detail.contains(QLatin1String("fork server")),
        qPrintable(running.result().error().detail));
    // PR_SET_PDEATHSIG: the helpers (the hung one, the spare) went with their server.
    QTRY_VERIFY_WITH_TIMEOUT(
        test::descendantProcesses(QStringLiteral("certdesk-scan-helper"), false).isEmpty(), 10000);
    nextScanWorks(source);
    const QList<qint64> after = forkServers();
    QCOMPARE(after.size(), 1);
    QVERIFY(after.first() != servers.first());
}

void TestScanHelper::pageThroughThePipe()
{
    // Where there is no shared page (SharedScanPage::create gives none), the helper, started without one,
    // sends the pixels through its pipe; the same page comes out as through ProcessScanSource.
    ScanOptions options = device(QStringLiteral("test:0"));
    options.mode = ScanColorMode::Color;
    options.deviceOptions = {{QStringLiteral("test-picture"), QStringLiteral("Color pattern")}};
    QProcess helper;
    helper.start(ProcessScanSource::locateExecutable(), QStringList());
    QVERIFY(helper.waitForStarted(10000));
    helper.write(scanhelper::scanRequest(options));
    scanhelper::MessageReader reader;
    while (!reader.hasFinal() && reader.protocolError().isEmpty() && helper.waitForReadyRead(10000))
        reader.feed(helper.readAllStandardOutput());
    helper.closeWriteChannel();
    QVERIFY(helper.waitForFinished(10000));
    QVERIFY2(reader.protocolError().isEmpty(), qPrintable(reader.protocolError()));
    QVERIFY(reader.hasFinal() && reader.final().image);

    ProcessScanSource source(ProcessScanSource::locateExecutable());
    const DocumentResult<QImage> shared = source.scan(options);
    QVERIFY2(shared.ok(), qPrintable(shared.error().detail));
    QCOMPARE(reader.final().image->format(), QImage::Format_RGB888);
    QCOMPARE(*reader.final().image, shared.value());
}

QTEST_MAIN(TestScanHelper)
#include "tst_scanhelper.moc"
