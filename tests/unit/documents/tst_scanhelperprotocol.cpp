// The pipe protocol between ProcessScanSource and certdesk-scan-helper: what one side writes the other reads
// back, byte by byte as a pipe may deliver it, and a stream that a dying or broken helper leaves behind
// (truncated, garbled, lying headers) is an error, never a crash or a huge allocation. Pages through the
// shared page (SharedScanPage) as well as through the pipe.
#include "documents/ScanHelperReader.h"
#include "documents/SharedScanPage.h"

#include <QTest>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

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
    image.setDotsPerMeterY(7874);
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
    void framesThatMakeNoImageAreAnError();
    void threePassScan();
    void bytesAfterTheFinalMessageAreIgnored();
    void sharedPageRoundTrip_data();
    void sharedPageRoundTrip();
    void brokenSharedStreams_data();
    void brokenSharedStreams();
    void sharedPageKeepsItsSize();
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
    QCOMPARE(received.dotsPerMeterY(), 7874);
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
    QTest::newRow("frame too large") << QByteArray(
        R"({"frame":{"kind":"rgb","depth":16,"pixels_per_line":100000,"bytes_per_line":600000,"lines":100000}})"
        "\n");
    QTest::newRow("frame unknown kind") << QByteArray(
        R"({"frame":{"kind":"cmyk","depth":8,"pixels_per_line":2,"bytes_per_line":8,"lines":2}})"
        "\n");
    QTest::newRow("frame bad depth") << QByteArray(
        R"({"frame":{"kind":"gray","depth":3,"pixels_per_line":2,"bytes_per_line":2,"lines":2}})"
        "\n");
    QTest::newRow("frame negative lines") << QByteArray(
        R"({"frame":{"kind":"gray","depth":8,"pixels_per_line":2,"bytes_per_line":2,"lines":-7}})"
        "\n");
    QTest::newRow("frame after the last") << QByteArray(
        R"({"frame":{"kind":"gray","depth":8,"pixels_per_line":2,"bytes_per_line":2,"lines":1,"last":true}})"
        "\n"
        R"({"data":2})"
        "\nab"
        R"({"frame":{"kind":"gray","depth":8,"pixels_per_line":2,"bytes_per_line":2,"lines":1}})"
        "\n");
    QTest::newRow("data before a frame") << QByteArray(R"({"data":4})"
                                                       "\nabcd");
    QTest::newRow("data negative") << QByteArray(
        R"({"frame":{"kind":"gray","depth":8,"pixels_per_line":2,"bytes_per_line":2,"lines":1}})"
        "\n"
        R"({"data":-4})"
        "\n");
    QTest::newRow("data beyond the page limit") << QByteArray(
        R"({"frame":{"kind":"gray","depth":8,"pixels_per_line":2,"bytes_per_line":2,"lines":-1}})"
        "\n"
        R"({"data":600000000})"
        "\n");
    QTest::newRow("end before the last frame") << QByteArray(
        R"({"frame":{"kind":"red","depth":8,"pixels_per_line":2,"bytes_per_line":2,"lines":1,"last":false}})"
        "\n"
        R"({"data":2})"
        "\nab"
        R"({"end":{"dpm":7874}})"
        "\n");
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

void TestScanHelperProtocol::framesThatMakeNoImageAreAnError()
{
    // Well-formed messages whose frames cannot be a page (an RGB line shorter than its pixels): the final
    // answer is a scan error, as SaneScanSource gives for the same frames.
    ScanFrame frame;
    frame.kind = ScanFrame::Kind::Rgb;
    frame.pixelsPerLine = 10;
    frame.bytesPerLine = 12;
    frame.lines = 1;
    const MessageReader reader
        = readAll(frameMessage(frame) + dataHeader(12) + QByteArray(12, 'x') + endMessage(7874), false);
    QVERIFY(reader.protocolError().isEmpty());
    QVERIFY(reader.hasFinal());
    QVERIFY(!reader.final().image);
    QCOMPARE(reader.final().error->status, DocumentStatus::ScanFailed);
}

void TestScanHelperProtocol::threePassScan()
{
    // One frame per colour, in the order the scanner sends them, each in several pieces.
    QByteArray stream;
    const ScanFrame::Kind kinds[] = {ScanFrame::Kind::Green, ScanFrame::Kind::Blue, ScanFrame::Kind::Red};
    const char values[] = {'\x20', '\x30', '\x10'};
    for (int c = 0; c < 3; ++c) {
        ScanFrame frame;
        frame.kind = kinds[c];
        frame.pixelsPerLine = 3;
        frame.bytesPerLine = 3;
        frame.lines = 2;
        frame.last = c == 2;
        stream += frameMessage(frame) + dataHeader(2) + QByteArray(2, values[c]) + dataHeader(4)
            + QByteArray(4, values[c]);
    }
    stream += endMessage(3937);
    const MessageReader reader = readAll(stream, true);
    QVERIFY2(reader.protocolError().isEmpty(), qPrintable(reader.protocolError()));
    QVERIFY(reader.hasFinal() && reader.final().image);
    const QImage& image = *reader.final().image;
    QCOMPARE(image.size(), QSize(3, 2));
    QCOMPARE(image.format(), QImage::Format_RGB888);
    QCOMPARE(image.pixel(2, 1), qRgb(0x10, 0x20, 0x30));
    QCOMPARE(image.dotsPerMeterY(), 3937);
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

namespace {

// A page the way the helper gets it: the caller's page opened by its name (here a second descriptor of it,
// since both ends are in this process).
std::unique_ptr<SharedScanPage> helperEnd(const SharedScanPage& page)
{
#ifdef Q_OS_UNIX
    const int copy = ::dup(page.name().toInt());
    std::unique_ptr<SharedScanPage> opened = SharedScanPage::open(QString::number(copy), page.capacity());
    if (!opened)
        ::close(copy);
    return opened;
#else
    Q_UNUSED(page);
    return nullptr;
#endif
}

} // namespace

void TestScanHelperProtocol::sharedPageRoundTrip_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<bool>("byteByByte");
    for (const QImage::Format f : {QImage::Format_Mono, QImage::Format_Grayscale16, QImage::Format_RGB888}) {
        QTest::addRow("format %d at once", int(f)) << int(f) << false;
        QTest::addRow("format %d byte by byte", int(f)) << int(f) << true;
    }
}

void TestScanHelperProtocol::sharedPageRoundTrip()
{
    QFETCH(int, format);
    QFETCH(bool, byteByByte);
    const std::unique_ptr<SharedScanPage> page = SharedScanPage::create(1024 * 1024);
    if (!page)
        QSKIP("no shared memory on this platform: pages cross the pipe");
    const std::unique_ptr<SharedScanPage> helper = helperEnd(*page);
    QVERIFY(helper);

    // What the helper sends for the page of imageMessage(), its bytes in three pieces in the shared page.
    const QImage sent = pattern(QImage::Format(format));
    const QByteArray piped = imageMessage(sent);
    const qsizetype pixels = sent.sizeInBytes();
    const QByteArray frameLine = piped.left(piped.indexOf('\n') + 1);
    const QByteArray bytes(reinterpret_cast<const char*>(sent.constBits()), pixels);
    QByteArray stream = progressMessage(10) + frameLine;
    const qsizetype cuts[] = {0, pixels / 3, 2 * pixels / 3, pixels};
    for (int i = 0; i < 3; ++i) {
        QVERIFY(helper->append(bytes.constData() + cuts[i], cuts[i + 1] - cuts[i]));
        stream += sharedMessage(cuts[i + 1] - cuts[i]);
    }
    QCOMPARE(helper->size(), pixels);
    stream += endMessage(7874);

    MessageReader reader;
    reader.setSharedPage(page->bytes());
    if (byteByByte) {
        for (const char c : std::as_const(stream))
            reader.feed(QByteArray(1, c));
    } else {
        reader.feed(stream);
    }
    QVERIFY2(reader.protocolError().isEmpty(), qPrintable(reader.protocolError()));
    QVERIFY(reader.hasFinal() && reader.final().image);
    QCOMPARE(*reader.final().image, sent);
    QCOMPARE(reader.final().image->dotsPerMeterX(), 7874);
}

void TestScanHelperProtocol::brokenSharedStreams_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<bool>("withPage");
    const QByteArray frame(
        R"({"frame":{"kind":"gray","depth":8,"pixels_per_line":4,"bytes_per_line":4,"lines":2}})"
        "\n");
    QTest::newRow("shared without a page") << frame + sharedMessage(8) + endMessage(1) << false;
    QTest::newRow("shared before a frame") << sharedMessage(8) + frame + endMessage(1) << true;
    QTest::newRow("shared zero") << frame + sharedMessage(0) << true;
    QTest::newRow("shared negative") << frame
            + QByteArray(R"({"shared":-8})"
                         "\n") << true;
    QTest::newRow("shared beyond the page") << frame + sharedMessage(4096) + sharedMessage(1) << true;
    QTest::newRow("pipe, then shared")
        << frame + dataHeader(4) + QByteArray(4, 'x') + sharedMessage(4) << true;
    QTest::newRow("shared, then pipe")
        << frame + sharedMessage(4) + dataHeader(4) + QByteArray(4, 'x') << true;
}

void TestScanHelperProtocol::brokenSharedStreams()
{
    QFETCH(QByteArray, stream);
    QFETCH(bool, withPage);
    const QByteArray page(4096, '\x7f');
    MessageReader reader;
    if (withPage)
        reader.setSharedPage(page);
    reader.feed(stream);
    QVERIFY(!reader.hasFinal());
    QVERIFY(!reader.protocolError().isEmpty());
}

void TestScanHelperProtocol::sharedPageKeepsItsSize()
{
    const std::unique_ptr<SharedScanPage> page = SharedScanPage::create(64 * 1024);
    if (!page)
        QSKIP("no shared memory on this platform: pages cross the pipe");
#ifdef Q_OS_UNIX
    // Sealed: the helper (or a driver in it) cannot cut the page short under the caller's reads, which would
    // be SIGBUS, nor make it larger than was agreed.
    const int fd = page->name().toInt();
    QCOMPARE(::ftruncate(fd, 4096), -1);
    QCOMPARE(::ftruncate(fd, 128 * 1024), -1);
    // The helper's end refuses a page of another size than the one it expects.
    const int copy = ::dup(fd);
    QVERIFY(!SharedScanPage::open(QString::number(copy), 32 * 1024));
    ::close(copy);
    QVERIFY(!SharedScanPage::open(QStringLiteral("not a descriptor"), 64 * 1024));
#endif
    // Writes stop at the capacity.
    const std::unique_ptr<SharedScanPage> helper = helperEnd(*page);
    QVERIFY(helper);
    const QByteArray block(40 * 1024, 'p');
    QVERIFY(helper->append(block.constData(), block.size()));
    QVERIFY(!helper->append(block.constData(), block.size()));
    QCOMPARE(helper->size(), block.size());
    QCOMPARE(page->bytes().first(block.size()), QByteArrayView(block));
}

QTEST_MAIN(TestScanHelperProtocol)
#include "tst_scanhelperprotocol.moc"
