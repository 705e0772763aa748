// The pipe protocol between ProcessScanSource and certdesk-scan-helper: what one side writes the other reads
// back, byte by byte as a pipe may deliver it, and a stream that a dying or broken helper leaves behind
// (truncated, garbled, lying headers) is an error, never a crash or a huge allocation.
#include "documents/ScanHelperProtocol.h"

#include <QTest>

using namespace certdesk::documents;
using namespace certdesk::documents::scanhelper;

Q_DECLARE_METATYPE(certdesk::documents::DocumentStatus)

namespace {

QImage pattern(QImage::Format format)
{
    QImage image(37, 23, format); // odd sizes: rows are padded to 32 bits
    if (format == QImage::Format_Mono)
        image.setColorTable({qRgb(255, 255, 255), qRgb(0, 0, 0)});
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            image.setPixel(
                x, y, format == QImage::Format_Mono ? uint((x + y) % 2) : qRgb(x * 6, y * 9, (x ^ y) * 4));
    image.setDotsPerMeterX(7874);
    image.setDotsPerMeterY(3937);
    return image;
}

MessageReader readAll(const QByteArray& stream, bool byteByByte)
{
    MessageReader reader;
    if (byteByByte) {
        for (const char c : stream)
            reader.feed(QByteArray(1, c));
    } else {
        reader.feed(stream);
    }
    return reader;
}

} // namespace

class TestScanHelperProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestsRoundTrip();
    void badRequests_data();
    void badRequests();
    void imageRoundTrip_data();
    void imageRoundTrip();
    void progressThenDevices();
    void errorsKeepTheirStatus_data();
    void errorsKeepTheirStatus();
    void brokenStreams_data();
    void brokenStreams();
    void truncatedImageIsNotFinal();
    void bytesAfterTheFinalMessageAreIgnored();
};

void TestScanHelperProtocol::requestsRoundTrip()
{
    ScanOptions options;
    options.device = QStringLiteral("epson2:libusb:001:004");
    options.resolutionDpi = 300;
    options.mode = ScanColorMode::LineArt;
    options.areaMm = QSizeF(100.5, 150);
    options.deviceOptions = {{QStringLiteral("test-picture"), QStringLiteral("Grid")},
        {QStringLiteral("depth"), QStringLiteral("1")}};
    const auto scan = parseRequest(scanRequest(options));
    QVERIFY(scan);
    QCOMPARE(scan->kind, Request::Kind::Scan);
    QCOMPARE(scan->options.device, options.device);
    QCOMPARE(scan->options.resolutionDpi, 300);
    QCOMPARE(scan->options.mode, ScanColorMode::LineArt);
    QCOMPARE(scan->options.areaMm, options.areaMm);
    QCOMPARE(scan->options.deviceOptions, options.deviceOptions);
    const auto devices = parseRequest(devicesRequest());
    QVERIFY(devices);
    QCOMPARE(devices->kind, Request::Kind::Devices);
}

void TestScanHelperProtocol::badRequests_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not json") << QByteArray("scan please");
    QTest::newRow("array") << QByteArray("[1,2]");
    QTest::newRow("unknown request") << QByteArray(R"({"request":"format c:"})");
    QTest::newRow("resolution zero") << QByteArray(R"({"request":"scan","options":{"resolution_dpi":0}})");
    QTest::newRow("resolution huge") << QByteArray(
        R"({"request":"scan","options":{"resolution_dpi":99999}})");
}

void TestScanHelperProtocol::badRequests()
{
    QFETCH(QByteArray, line);
    QVERIFY(!parseRequest(line));
}

void TestScanHelperProtocol::imageRoundTrip_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<bool>("byteByByte");
    for (const QImage::Format f :
        {QImage::Format_Mono, QImage::Format_Grayscale8, QImage::Format_Grayscale16, QImage::Format_RGB888}) {
        QTest::addRow("format %d at once", int(f)) << int(f) << false;
        QTest::addRow("format %d byte by byte", int(f)) << int(f) << true;
    }
}

void TestScanHelperProtocol::imageRoundTrip()
{
    QFETCH(int, format);
    QFETCH(bool, byteByByte);
    const QImage sent = pattern(QImage::Format(format));
    const MessageReader reader = readAll(progressMessage(10) + imageMessage(sent), byteByByte);
    QVERIFY2(reader.protocolError().isEmpty(), qPrintable(reader.protocolError()));
    QVERIFY(reader.hasFinal());
    QVERIFY(reader.final().image);
    const QImage& received = *reader.final().image;
    QCOMPARE(received.format(), sent.format());
    QCOMPARE(received, sent);
    QCOMPARE(received.dotsPerMeterX(), 7874);
    QCOMPARE(received.dotsPerMeterY(), 3937);
}

void TestScanHelperProtocol::progressThenDevices()
{
    MessageReader reader;
    reader.feed(progressMessage(5) + progressMessage(150) + progressMessage(-3));
    QCOMPARE(reader.takeProgress(), (QList<int> {5, 100, 0}));
    QVERIFY(reader.takeProgress().isEmpty());
    QVERIFY(!reader.hasFinal());
    reader.feed(devicesMessage({{QStringLiteral("test:0"), QStringLiteral("Noname"),
        QStringLiteral("frontend-tester"), QStringLiteral("virtual device")}}));
    QVERIFY(reader.hasFinal());
    QCOMPARE(reader.final().devices->size(), 1);
    QCOMPARE(reader.final().devices->first().displayName(), QStringLiteral("Noname frontend-tester"));
}

void TestScanHelperProtocol::errorsKeepTheirStatus_data()
{
    QTest::addColumn<DocumentStatus>("status");
    for (const DocumentStatus s :
        {DocumentStatus::Cancelled, DocumentStatus::NoScanner, DocumentStatus::ScannerBusy,
            DocumentStatus::ScannerJammed, DocumentStatus::ScannerNoPaper, DocumentStatus::ScannerCoverOpen,
            DocumentStatus::ScannerAccessDenied, DocumentStatus::ScannerNotResponding,
            DocumentStatus::ScannerDriverCrashed, DocumentStatus::ScanFailed})
        QTest::addRow("%s", qPrintable(statusName(s))) << s;
}

void TestScanHelperProtocol::errorsKeepTheirStatus()
{
    QFETCH(DocumentStatus, status);
    const MessageReader reader
        = readAll(errorMessage({status, QStringLiteral("sane_read: Document feeder jammed")}), false);
    QVERIFY(reader.hasFinal());
    QCOMPARE(reader.final().error->status, status);
    QCOMPARE(reader.final().error->detail, QStringLiteral("sane_read: Document feeder jammed"));
}

void TestScanHelperProtocol::brokenStreams_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::newRow("garbage") << QByteArray("Segmentation fault\n");
    QTest::newRow("unknown message") << QByteArray(R"({"hello":1})"
                                                   "\n");
    QTest::newRow("progress not a number") << QByteArray(R"({"progress":"half"})"
                                                         "\n");
    QTest::newRow("image too large") << QByteArray(
        R"({"image":{"width":100000,"height":100000,"format":13,"size":30000000000}})"
        "\n");
    QTest::newRow("image negative size")
        << QByteArray(R"({"image":{"width":2,"height":2,"format":24,"size":-4}})"
                      "\n");
    QTest::newRow("image unknown format")
        << QByteArray(R"({"image":{"width":2,"height":2,"format":99,"size":16}})"
                      "\n");
    // Found by fuzz/fuzz_scan_protocol (UBSan: a number outside QImage::Format converted to the enum).
    QTest::newRow("image negative format")
        << QByteArray(R"({"image":{"width":8,"height":6,"format":-3,"size":145}})"
                      "\n");
    QTest::newRow("image format beyond int")
        << QByteArray(R"({"image":{"width":8,"height":6,"format":4294967296,"size":145}})"
                      "\n");
    QTest::newRow("image size lies") << QByteArray(R"({"image":{"width":2,"height":2,"format":24,"size":3}})"
                                                   "\nabc");
    QTest::newRow("mono without colours")
        << QByteArray(R"({"image":{"width":8,"height":1,"format":1,"size":4}})"
                      "\n1234");
    QTest::newRow("endless line") << QByteArray(2 * 1024 * 1024, 'x');
}

void TestScanHelperProtocol::brokenStreams()
{
    QFETCH(QByteArray, stream);
    const MessageReader reader = readAll(stream, false);
    QVERIFY(!reader.hasFinal());
    QVERIFY(!reader.protocolError().isEmpty());
}

void TestScanHelperProtocol::truncatedImageIsNotFinal()
{
    // The helper died half-way through the pixels: no image, and no error either (the caller sees the exit).
    const QByteArray full = imageMessage(pattern(QImage::Format_RGB888));
    const MessageReader reader = readAll(full.left(full.size() - 10), false);
    QVERIFY(!reader.hasFinal());
    QVERIFY(reader.protocolError().isEmpty());
}

void TestScanHelperProtocol::bytesAfterTheFinalMessageAreIgnored()
{
    MessageReader reader;
    reader.feed(errorMessage({DocumentStatus::ScannerJammed, {}}) + "garbage\n");
    reader.feed(progressMessage(50));
    QVERIFY(reader.hasFinal());
    QVERIFY(reader.protocolError().isEmpty());
    QVERIFY(reader.takeProgress().isEmpty());
    QCOMPARE(reader.final().error->status, DocumentStatus::ScannerJammed);
}

QTEST_MAIN(TestScanHelperProtocol)
#include "tst_scanhelperprotocol.moc"
