// Scanning in the application centre with the real scan helper (ProcessScanSource, certdesk-scan-helper) and
// scanner drivers that misbehave (tests/support/sane-fault-backend): the window keeps answering while a
// driver hangs, the person gets the message for a hung or crashed driver, the next scan uploads, and closing
// the window during a hanging scan does not wait for the driver.
#include "CentreFixture.h"
#include "MainWindow.h"
#include "SaneTestScanners.h"
#include "TestEnvironment.h"
#include "centre/ApplicationCentre.h"
#include "centre/DocumentSlot.h"
#include "centre/DocumentsPage.h"
#include "documents/DocumentError.h"
#include "documents/ProcessScanSource.h"
#include "storage/LocalStore.h"
#include "storage/SubmissionStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

using namespace certdesk;
using namespace certdesk::test;
using ui::ApplicationCentre;
using ui::DocumentSlot;

namespace {

constexpr int Timeout = 30000;

QPushButton* scanButton(DocumentSlot* slot, DocumentKind kind)
{
    auto* b = slot->findChild<QPushButton*>(QStringLiteral("documentScan_") + documentKindToApi(kind));
    if (!b)
        qFatal("no scan button");
    return b;
}

// The scan helpers this process has (forked by its scan fork server), from /proc (the helper is a SANE, i.e.
// Linux, part).
int helpers()
{
    return int(certdesk::test::descendantProcesses(QStringLiteral("certdesk-scan-helper")).size());
}

} // namespace

class TestScanning : public QObject
{
    Q_OBJECT
private:
    CentreServer m_server;
    QTemporaryDir m_dir;
    FakeFileChooser m_files;
    FakePrintService m_printer;
    FakeNotifier m_notifier;
    SaneTestScanners m_scanners {CERTDESK_SCAN_HELPER_EXECUTABLE, CERTDESK_SANE_FAULT_DIR};

    // Which scanner is "the scanner" (the first SANE lists) for the next helper: one of the fault backend's
    // devices, or with nullptr SANE's test scanner.
    void firstScanner(const char* faultDevice)
    {
        QVERIFY(m_scanners.setBackends(faultDevice ? "cdfault\n" : "test\n"));
        if (faultDevice)
            qputenv("CERTDESK_CDFAULT_DEVICES", faultDevice);
    }

private Q_SLOTS:
    void initTestCase()
    {
        fixEnvironment();
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
    }

    void faultsShowTheirMessageAndTheNextScanUploads()
    {
        CreatedApp app;
        QString error;
        QVERIFY2(createApplication(m_server, CertificateCategory::NaturalPerson, &app, &error, 1),
            qPrintable(error));
        documents::ProcessScanSource::Timeouts timeouts;
        timeouts.stallTimeout = std::chrono::milliseconds(1500);
        documents::ProcessScanSource scanner(documents::ProcessScanSource::locateExecutable(), timeouts);
        ApplicationCentre centre(m_server.applicant.get(), app.id, app.token,
            fakeServices(&m_files, &m_printer, &m_notifier, &scanner));
        centre.resize(1366, 768);
        centre.show();
        QTRY_VERIFY_WITH_TIMEOUT(centre.session()->isLoaded(), Timeout);
        centre.showPage(ApplicationCentre::DocumentsTab);
        DocumentSlot* slot = centre.documentsPage()->slotFor(DocumentKind::IdCard);

        // A driver stuck in sane_read: the window goes on answering (its timer keeps firing) until the
        // helper is given up, and the person is told what to do.
        firstScanner("hang-read");
        int ticks = 0;
        QTimer heartbeat;
        connect(&heartbeat, &QTimer::timeout, this, [&ticks] { ++ticks; });
        heartbeat.start(20);
        scanButton(slot, DocumentKind::IdCard)->click();
        QVERIFY(slot->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!slot->isBusy(), Timeout);
        heartbeat.stop();
        QVERIFY2(ticks >= 25,
            qPrintable(QString::number(ticks) + slot->errorText())); // 1.5 s of stall at 20 ms a tick
        QVERIFY2(slot->errorText().contains(
                     documents::documentStatusMessage(documents::DocumentStatus::ScannerNotResponding)),
            qPrintable(slot->errorText()));

        // A driver that crashes.
        firstScanner("crash-read");
        scanButton(slot, DocumentKind::IdCard)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!slot->isBusy(), Timeout);
        QVERIFY2(slot->errorText().contains(
                     documents::documentStatusMessage(documents::DocumentStatus::ScannerDriverCrashed)),
            qPrintable(slot->errorText()));
        auto documents = await(m_server.applicant->documents(app.id, app.token));
        QVERIFY(documents.ok());
        QVERIFY(documents.value().isEmpty());

        // The next scan, on a scanner that works, goes up.
        firstScanner(nullptr);
        scanButton(slot, DocumentKind::IdCard)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!slot->isBusy(), Timeout);
        QVERIFY2(slot->errorText().isEmpty(), qPrintable(slot->errorText()));
        documents = await(m_server.applicant->documents(app.id, app.token));
        QVERIFY(documents.ok());
        QCOMPARE(documents.value().size(), 1);
        QCOMPARE(documents.value().first().kind, DocumentKind::IdCard);
    }

    void closingTheWindowDuringAHangingScanDoesNotWait()
    {
        CreatedApp app;
        QString error;
        QVERIFY2(createApplication(m_server, CertificateCategory::NaturalPerson, &app, &error, 2),
            qPrintable(error));
        LocalStore store(m_dir.filePath(QStringLiteral("window.sqlite")));
        Submission submission;
        submission.applicationId = app.id;
        submission.orderNo = app.orderNo;
        submission.accessToken = app.token;
        submission.category = app.application.category;
        submission.serverUrl = m_server.server.baseUrl().toString();
        QVERIFY(SubmissionStore(store).record(submission));
        ui::AppMode mode;
        mode.serverUrl = submission.serverUrl;
        // The window's own services: the real scan helper with its default time limits (a 90 s stall).
        auto window = std::make_unique<ui::MainWindow>(mode, &store);
        window->resize(1366, 768);
        window->show();
        window->openCentre(app.id);
        ApplicationCentre* centre = window->centre();
        QVERIFY(centre);
        QTRY_VERIFY_WITH_TIMEOUT(centre->session()->isLoaded(), Timeout);
        centre->showPage(ApplicationCentre::DocumentsTab);
        DocumentSlot* slot = centre->documentsPage()->slotFor(DocumentKind::IdCard);
        QVERIFY(scanButton(slot, DocumentKind::IdCard)->isVisible());

        firstScanner("hang-read");
        scanButton(slot, DocumentKind::IdCard)->click();
        QVERIFY(slot->isBusy());
        // Half a page has come through: the driver is now stuck in sane_read.
        auto* progress = slot->findChild<QProgressBar*>(QStringLiteral("documentProgress_id_card"));
        QVERIFY(progress);
        QTRY_VERIFY_WITH_TIMEOUT(progress->value() > 0, Timeout);
        // The helper that scans, and the spare waiting for the next request.
        QTRY_COMPARE_WITH_TIMEOUT(helpers(), 2, Timeout);

        QElapsedTimer clock;
        clock.start();
        window.reset();
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        // No helper is left behind (not even as a zombie: it was waited for).
        QCOMPARE(helpers(), 0);
    }
};

QTEST_MAIN(TestScanning)
#include "tst_scanning.moc"
