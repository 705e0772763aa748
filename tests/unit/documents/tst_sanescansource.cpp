// Scanning as CertDesk does it: ProcessScanSource runs SaneScanSource in certdesk-scan-helper, against SANE's
// virtual "test" backend (sane-backends' frontend tester): real libsane, real option handling and frames, no
// hardware. SANE_CONFIG_DIR points at a temporary dll.conf listing only "test".
//
// The scans run in the helper process, never in this one: SANE's test backend reads through a thread that
// sane_cancel cancels asynchronously, which can deadlock the process that loaded it (the hang this file once
// had). A helper that does so is killed; these tests then fail with a message instead of hanging.
#include "documents/ImageNormalizer.h"
#include "documents/ProcessScanSource.h"

#include "SaneTestScanners.h"
#include "TestEnvironment.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cmath>

using namespace certdesk;
using namespace certdesk::documents;

Q_DECLARE_METATYPE(certdesk::documents::DocumentStatus)

namespace {

ScanOptions testScanner(int dpi, ScanColorMode mode, const QString& picture)
{
    ScanOptions options;
    options.device = QStringLiteral("test:0");
    options.resolutionDpi = dpi;
    options.mode = mode;
    options.areaMm = QSizeF(100.0, 150.0);
    options.deviceOptions = {{QStringLiteral("test-picture"), picture}};
    return options;
}

int pixelsFor(double mm, int dpi)
{
    return int(mm / 25.4 * dpi);
}

bool allPixels(const QImage& image, QRgb colour)
{
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (image.pixel(x, y) != colour)
                return false;
    return true;
}

} // namespace

class TestSaneScanSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsTheTestDevice();
    void scansColour();
    void scansGrey_data();
    void scansGrey();
    void threePassEqualsOnePass();
    void handScannerWithUnknownHeight();
    void clampsTheAreaToTheGlass();
    void scannerErrors_data();
    void scannerErrors();
    void unknownDevice();
    void cancel();
    void scanIsNormalised();

private:
    test::SaneTestScanners m_scanners {CERTDESK_SCAN_HELPER_EXECUTABLE};
};

void TestSaneScanSource::initTestCase()
{
    test::fixEnvironment();
    QVERIFY2(m_scanners.setBackends("test\n"), qPrintable(m_scanners.errorString()));
    QVERIFY2(!ProcessScanSource::locateExecutable().isEmpty(), CERTDESK_SCAN_HELPER_EXECUTABLE);
}

void TestSaneScanSource::listsTheTestDevice()
{
    ProcessScanSource source(ProcessScanSource::locateExecutable());
    const DocumentResult<QList<ScanDevice>> devices = source.devices();
    QVERIFY2(devices.ok(), qPrintable(devices.error().detail));
    QStringList names;
    for (const ScanDevice& d : devices.value())
        names << d.name;
    QVERIFY2(names.contains(QStringLiteral("test:0")),
        "SANE's test backend is missing (Debian libsane1 ships "
        "/usr/lib/x86_64-linux-gnu/sane/libsane-test.so)");
    QCOMPARE(devices.value().first().type, QStringLiteral("virtual device"));
    QVERIFY(!devices.value().first().displayName().isEmpty());
}

void TestSaneScanSource::scansColour()
{
    ProcessScanSource source(ProcessScanSource::locateExecutable());
    QList<int> steps;
    const DocumentResult<QImage> scan
        = source.scan(testScanner(100, ScanColorMode::Color, QStringLiteral("Color pattern")), nullptr,
            [&steps](int p) { steps.append(p); });
    QVERIFY2(scan.ok(), qPrintable(scan.error().detail));
    const QImage& image = scan.value();
    QVERIFY(std::abs(image.width() - pixelsFor(100, 100)) <= 2);
    QVERIFY(std::abs(image.height() - pixelsFor(150, 100)) <= 2);
    QCOMPARE(image.format(), QImage::Format_RGB888);
    QCOMPARE(image.dotsPerMeterX(), int(std::lround(100 / 0.0254)));
    // A colour pattern: more than one colour, and some of them not grey.
    bool colourful = false;
    for (int y = 0; y < image.height() && !colourful; ++y) {
        for (int x = 0; x < image.width() && !colourful; x += 7) {
            const QRgb p = image.pixel(x, y);
            colourful = qRed(p) != qGreen(p) || qGreen(p) != qBlue(p);
        }
    }
    QVERIFY(colourful);
    QVERIFY(!steps.isEmpty());
    QCOMPARE(steps.last(), 100);
}

void TestSaneScanSource::scansGrey_data()
{
    QTest::addColumn<QString>("depth");
    QTest::addColumn<QString>("picture");
    QTest::addColumn<int>("format");
    QTest::addColumn<QRgb>("colour");
    QTest::newRow("8 bit white") << QStringLiteral("8") << QStringLiteral("Solid white")
                                 << int(QImage::Format_Grayscale8) << qRgb(255, 255, 255);
    QTest::newRow("16 bit white") << QStringLiteral("16") << QStringLiteral("Solid white")
                                  << int(QImage::Format_Grayscale16) << qRgb(255, 255, 255);
    QTest::newRow("1 bit black") << QStringLiteral("1") << QStringLiteral("Solid black")
                                 << int(QImage::Format_Mono) << qRgb(0, 0, 0);
    QTest::newRow("1 bit white") << QStringLiteral("1") << QStringLiteral("Solid white")
                                 << int(QImage::Format_Mono) << qRgb(255, 255, 255);
    QTest::newRow("8 bit black") << QStringLiteral("8") << QStringLiteral("Solid black")
                                 << int(QImage::Format_Grayscale8) << qRgb(0, 0, 0);
}

void TestSaneScanSource::scansGrey()
{
    QFETCH(QString, depth);
    QFETCH(QString, picture);
    QFETCH(int, format);
    QFETCH(QRgb, colour);
    ScanOptions options = testScanner(75, ScanColorMode::Gray, picture);
    options.deviceOptions.append({QStringLiteral("depth"), depth});
    ProcessScanSource source(ProcessScanSource::locateExecutable());
    const DocumentResult<QImage> scan = source.scan(options);
    QVERIFY2(scan.ok(), qPrintable(scan.error().detail));
    QCOMPARE(int(scan.value().format()), format);
    QVERIFY(std::abs(scan.value().width() - pixelsFor(100, 75)) <= 8); // depth 1 rounds to whole bytes
    QVERIFY(allPixels(scan.value(), colour));
}

void TestSaneScanSource::threePassEqualsOnePass()
{
    ProcessScanSource source(ProcessScanSource::locateExecutable());
    const ScanOptions onePass = testScanner(50, ScanColorMode::Color, QStringLiteral("Color pattern"));
    ScanOptions threePass = onePass;
    threePass.deviceOptions.append({QStringLiteral("three-pass"), QStringLiteral("yes")});
    const DocumentResult<QImage> a = source.scan(onePass);
    const DocumentResult<QImage> b = source.scan(threePass);
    QVERIFY2(a.ok() && b.ok(), qPrintable(a.error().detail + b.error().detail));
    QCOMPARE(b.value().size(), a.value().size());
    QCOMPARE(b.value(), a.value());
}

void TestSaneScanSource::handScannerWithUnknownHeight()
{
    ScanOptions options = testScanner(50, ScanColorMode::Gray, QStringLiteral("Grid"));
    options.deviceOptions.append({QStringLiteral("hand-scanner"), QStringLiteral("yes")});
    ProcessScanSource source(ProcessScanSource::locateExecutable());
    const DocumentResult<QImage> scan = source.scan(options);
    QVERIFY2(scan.ok(), qPrintable(scan.error().detail));
    QVERIFY(scan.value().height() > 0);
    QVERIFY(std::abs(scan.value().width() - pixelsFor(110, 50)) <= 2); // the backend's fixed 11 cm
}

void TestSaneScanSource::clampsTheAreaToTheGlass()
{
    // A4 asked; the test scanner's glass is 200 x 200 mm.
    ScanOptions options = testScanner(50, ScanColorMode::Gray, QStringLiteral("Solid white"));
    options.areaMm = QSizeF(210, 297);
    ProcessScanSource source(ProcessScanSource::locateExecutable());
    const DocumentResult<QImage> scan = source.scan(options);
    QVERIFY2(scan.ok(), qPrintable(scan.error().detail));
    QVERIFY(std::abs(scan.value().width() - pixelsFor(200, 50)) <= 2);
    QVERIFY(std::abs(scan.value().height() - pixelsFor(200, 50)) <= 2);
}

void TestSaneScanSource::scannerErrors_data()
{
    QTest::addColumn<QString>("saneStatus");
    QTest::addColumn<DocumentStatus>("expected");
    QTest::newRow("jammed") << QStringLiteral("SANE_STATUS_JAMMED") << DocumentStatus::ScannerJammed;
    QTest::newRow("no paper") << QStringLiteral("SANE_STATUS_NO_DOCS") << DocumentStatus::ScannerNoPaper;
    QTest::newRow("cover open") << QStringLiteral("SANE_STATUS_COVER_OPEN")
                                << DocumentStatus::ScannerCoverOpen;
    QTest::newRow("busy") << QStringLiteral("SANE_STATUS_DEVICE_BUSY") << DocumentStatus::ScannerBusy;
    QTest::newRow("access denied") << QStringLiteral("SANE_STATUS_ACCESS_DENIED")
                                   << DocumentStatus::ScannerAccessDenied;
    QTest::newRow("i/o error") << QStringLiteral("SANE_STATUS_IO_ERROR") << DocumentStatus::ScanFailed;
}

void TestSaneScanSource::scannerErrors()
{
    QFETCH(QString, saneStatus);
    QFETCH(DocumentStatus, expected);
    ScanOptions options = testScanner(50, ScanColorMode::Gray, QStringLiteral("Solid white"));
    options.deviceOptions.append({QStringLiteral("read-return-value"), saneStatus});
    ProcessScanSource source(ProcessScanSource::locateExecutable());
    const DocumentResult<QImage> scan = source.scan(options);
    QCOMPARE(scan.status(), expected);
    QVERIFY(!scan.message().isEmpty());
    QVERIFY(scan.error().detail.contains(QLatin1String("sane_read")));
}

void TestSaneScanSource::unknownDevice()
{
    ProcessScanSource source(ProcessScanSource::locateExecutable());
    ScanOptions options = testScanner(50, ScanColorMode::Gray, QStringLiteral("Solid white"));
    options.device = QStringLiteral("test:9");
    QCOMPARE(source.scan(options).status(), DocumentStatus::NoScanner);
}

void TestSaneScanSource::cancel()
{
    ProcessScanSource source(ProcessScanSource::locateExecutable());
    std::atomic_bool before {true};
    QCOMPARE(source.scan(testScanner(50, ScanColorMode::Color, QStringLiteral("Grid")), &before).status(),
        DocumentStatus::Cancelled);
    // Mid-scan, as the GUI's cancel button does: the first progress report sets the flag. The scanner is made
    // slow (4 KiB a read, 0.2 s per buffer: minutes for the page) so that the helper, which runs on while the
    // flag travels to it, is still scanning when it arrives.
    std::atomic_bool during {false};
    ScanOptions options = testScanner(150, ScanColorMode::Color, QStringLiteral("Grid"));
    options.deviceOptions.append({QStringLiteral("read-limit"), QStringLiteral("yes")});
    options.deviceOptions.append({QStringLiteral("read-limit-size"), QStringLiteral("4096")});
    options.deviceOptions.append({QStringLiteral("read-delay"), QStringLiteral("yes")});
    options.deviceOptions.append({QStringLiteral("read-delay-duration"), QStringLiteral("200000")});
    QCOMPARE(
        source.scan(options, &during, [&during](int) { during = true; }).status(), DocumentStatus::Cancelled);
    // The device is usable again afterwards.
    QVERIFY(source.scan(testScanner(50, ScanColorMode::Gray, QStringLiteral("Solid white"))).ok());
}

void TestSaneScanSource::scanIsNormalised()
{
    // The upload path of a scan: scanner -> normaliser -> JPEG under the limit, within A4 at 200 dpi.
    ScanOptions options = testScanner(300, ScanColorMode::Color, QStringLiteral("Color pattern"));
    options.areaMm = QSizeF(200, 200);
    ProcessScanSource source(ProcessScanSource::locateExecutable());
    const DocumentResult<QImage> scan = source.scan(options);
    QVERIFY2(scan.ok(), qPrintable(scan.error().detail));
    QVERIFY(scan.value().width() > 2339); // 300 dpi over 200 mm: more than the page allows
    const DocumentResult<NormalizedDocument> doc = ImageNormalizer().normalizeImage(scan.value());
    QVERIFY2(doc.ok(), qPrintable(doc.error().detail));
    QCOMPARE(doc->contentType, QStringLiteral("image/jpeg"));
    QVERIFY(doc->size <= 5 * 1024 * 1024);
    QVERIFY(doc->pixelSize.width() <= 2339 && doc->pixelSize.height() <= 2339);
    QVERIFY(doc->pixelSize.width() <= 1654 || doc->pixelSize.height() <= 1654);
    QImage decoded;
    QVERIFY(decoded.loadFromData(doc->bytes, "JPEG"));
    QCOMPARE(decoded.size(), doc->pixelSize);
}

QTEST_MAIN(TestSaneScanSource)
#include "tst_sanescansource.moc"
