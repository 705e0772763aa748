#include "documents/ImageNormalizer.h"

#include "TestEnvironment.h"
#include "TestImages.h"

#include <QCryptographicHash>
#include <QFile>
#include <QImageReader>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <atomic>

using namespace certdesk;
using namespace certdesk::documents;

Q_DECLARE_METATYPE(certdesk::documents::DocumentStatus)

namespace {

constexpr qint64 kFiveMiB = 5 * 1024 * 1024;

// An APP1 Exif segment whose IFD0 holds only the Orientation tag (TIFF 6.0 tag 0x0112, type SHORT),
// big-endian.
QByteArray exifOrientation(quint16 orientation)
{
    QByteArray tiff
        = QByteArrayLiteral("MM\x00\x2A\x00\x00\x00\x08"); // byte order, magic 42, IFD0 at offset 8
    tiff += QByteArrayLiteral("\x00\x01"); // one entry
    tiff += QByteArrayLiteral("\x01\x12\x00\x03\x00\x00\x00\x01"); // Orientation, SHORT, count 1
    tiff += char(orientation >> 8);
    tiff += char(orientation & 0xFF);
    tiff += QByteArrayLiteral("\x00\x00"); // value padding
    tiff += QByteArrayLiteral("\x00\x00\x00\x00"); // no next IFD
    const QByteArray payload = QByteArrayLiteral("Exif\x00\x00") + tiff;
    QByteArray segment = QByteArrayLiteral("\xFF\xE1");
    const quint16 length = quint16(payload.size() + 2); // the length counts itself
    segment += char(length >> 8);
    segment += char(length & 0xFF);
    return segment + payload;
}

QByteArray withExif(const QByteArray& jpeg, quint16 orientation)
{
    // Right after SOI (FF D8), where Exif readers look first.
    return jpeg.left(2) + exifOrientation(orientation) + jpeg.mid(2);
}

quint32 crc32(const QByteArray& data)
{
    // ISO/IEC 15948 Annex D (the PNG CRC), bit by bit: small and fast enough for a chunk header.
    quint32 crc = 0xFFFFFFFFu;
    for (char c : data) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc & 1) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return crc ^ 0xFFFFFFFFu;
}

QByteArray pngChunk(const QByteArray& type, const QByteArray& data)
{
    QByteArray chunk(4, '\0');
    qToBigEndian(quint32(data.size()), chunk.data());
    chunk += type + data;
    QByteArray crc(4, '\0');
    qToBigEndian(crc32(type + data), crc.data());
    return chunk + crc;
}

// A PNG whose IHDR claims width x height (8-bit RGB) and that has no pixel data at all.
QByteArray pngHeaderClaiming(quint32 width, quint32 height)
{
    QByteArray ihdr(13, '\0');
    qToBigEndian(width, ihdr.data());
    qToBigEndian(height, ihdr.data() + 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // colour type RGB
    // libpng reads the header up to the first IDAT; this one holds a few bytes that are no zlib stream.
    return QByteArrayLiteral("\x89PNG\r\n\x1A\n") + pngChunk("IHDR", ihdr)
        + pngChunk("IDAT", QByteArray(16, '\x55')) + pngChunk("IEND", {});
}

QImage decode(const QByteArray& bytes)
{
    QImage image;
    image.loadFromData(bytes);
    return image;
}

bool near(QRgb a, QColor b, int tolerance = 40)
{
    return std::abs(qRed(a) - b.red()) <= tolerance && std::abs(qGreen(a) - b.green()) <= tolerance
        && std::abs(qBlue(a) - b.blue()) <= tolerance;
}

} // namespace

class TestImageNormalizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void largePhotoFitsLimitAndPage();
    void exifOrientationIsApplied_data();
    void exifOrientationIsApplied();
    void exifOrientationWithScaling();
    void neverUpscales();
    void otherFormatsBecomeJpeg_data();
    void otherFormatsBecomeJpeg();
    void greyStaysGrey();
    void transparencyGoesOnWhite();
    void smallLimitScalesFurther();
    void impossibleLimitIsRefused();
    void corruptImages_data();
    void corruptImages();
    void renamedExeIsRefused();
    void typeMismatchIsRefused();
    void tooManyPixelsFromHeader();
    void pdfPassesThrough();
    void oversizedPdfIsRefused();
    void truncatedPdfIsRefused();
    void missingAndEmptyFiles();
    void cancelStops();

private:
    QString write(const QString& name, const QByteArray& bytes);
    QTemporaryDir m_dir;
    QByteArray m_largeJpeg;
};

void TestImageNormalizer::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
    const QStringList formats = [] {
        QStringList list;
        for (const QByteArray& f : QImageReader::supportedImageFormats())
            list << QString::fromLatin1(f);
        return list;
    }();
    QVERIFY2(formats.contains(QStringLiteral("jpeg")) && formats.contains(QStringLiteral("gif")),
        "Qt's jpeg and gif image plugins are missing");
    // 6000 x 4000 (24 MP), quality 95: a phone photo of a form.
    m_largeJpeg = test::encode(test::documentPhoto(6000, 4000), "jpeg", 95);
    QVERIFY2(m_largeJpeg.size() > kFiveMiB,
        qPrintable(QString::number(m_largeJpeg.size()))); // not trivially small
}

QString TestImageNormalizer::write(const QString& name, const QByteArray& bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

void TestImageNormalizer::largePhotoFitsLimitAndPage()
{
    const QString path = write(QStringLiteral("photo.jpg"), m_largeJpeg);
    QVERIFY(!path.isEmpty());
    ImageNormalizer normalizer;
    QList<int> steps;
    normalizer.setProgressCallback([&steps](int percent) { steps.append(percent); });
    const DocumentResult<NormalizedDocument> result = normalizer.normalizeFile(path);
    QVERIFY2(result.ok(), qPrintable(result.error().detail));
    const NormalizedDocument& doc = result.value();
    QVERIFY2(doc.size <= kFiveMiB, qPrintable(QString::number(doc.size)));
    QCOMPARE(doc.size, doc.bytes.size());
    QCOMPARE(doc.type, ContentType::Jpeg);
    QCOMPARE(doc.contentType, QStringLiteral("image/jpeg"));
    QCOMPARE(doc.sha256, QCryptographicHash::hash(doc.bytes, QCryptographicHash::Sha256).toHex());
    // Landscape photo: within A4 at 200 dpi turned sideways (2339 x 1654), aspect kept, as large as allowed.
    QCOMPARE(doc.pixelSize, QSize(2339, 1559));
    QVERIFY(doc.jpegQuality >= 40 && doc.jpegQuality <= 90);
    const QImage decoded = decode(doc.bytes);
    QCOMPARE(decoded.size(), doc.pixelSize);
    QVERIFY(!steps.isEmpty());
    QCOMPARE(steps.last(), 100);
    QVERIFY(std::is_sorted(steps.cbegin(), steps.cend()));
}

void TestImageNormalizer::exifOrientationIsApplied_data()
{
    QTest::addColumn<int>("orientation");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QColor>("topLeft");
    QTest::addColumn<QColor>("bottomRight");
    // Stored picture: 300 x 200, left half red, right half blue.
    QTest::newRow("1: as stored") << 1 << QSize(300, 200) << QColor(Qt::red) << QColor(Qt::blue);
    QTest::newRow("3: rotate 180") << 3 << QSize(300, 200) << QColor(Qt::blue) << QColor(Qt::red);
    QTest::newRow("6: rotate 90 clockwise") << 6 << QSize(200, 300) << QColor(Qt::red) << QColor(Qt::blue);
    QTest::newRow("8: rotate 90 counter-clockwise")
        << 8 << QSize(200, 300) << QColor(Qt::blue) << QColor(Qt::red);
}

void TestImageNormalizer::exifOrientationIsApplied()
{
    QFETCH(int, orientation);
    QFETCH(QSize, size);
    QFETCH(QColor, topLeft);
    QFETCH(QColor, bottomRight);
    QImage stored(300, 200, QImage::Format_RGB32);
    stored.fill(Qt::blue);
    for (int y = 0; y < 200; ++y)
        for (int x = 0; x < 150; ++x)
            stored.setPixel(x, y, qRgb(255, 0, 0));
    const QByteArray jpeg = withExif(test::encode(stored, "jpeg", 95), quint16(orientation));
    // The crafted segment is what a camera writes: Qt itself must read it as that orientation.
    QBuffer crafted;
    crafted.setData(jpeg);
    crafted.open(QIODevice::ReadOnly);
    QImageReader check(&crafted);
    check.setAutoTransform(true);
    QCOMPARE(check.read().size(), size);

    const DocumentResult<NormalizedDocument> result
        = ImageNormalizer().normalizeBytes(jpeg, QStringLiteral("photo.jpg"));
    QVERIFY2(result.ok(), qPrintable(result.error().detail));
    QCOMPARE(result->pixelSize, size);
    const QImage out = decode(result->bytes);
    QCOMPARE(out.size(), size);
    QVERIFY(near(out.pixel(5, 5), topLeft));
    QVERIFY(near(out.pixel(out.width() - 6, out.height() - 6), bottomRight));
    // The output carries no orientation of its own: a viewer that ignores EXIF shows it upright too.
    QBuffer buffer;
    buffer.setData(result->bytes);
    buffer.open(QIODevice::ReadOnly);
    QCOMPARE(QImageReader(&buffer).transformation(), QImageIOHandler::TransformationNone);
}

void TestImageNormalizer::exifOrientationWithScaling()
{
    // Stored 4000 x 2000 landscape, orientation 6: an upright page 2000 x 4000, fitted into 1654 x 2339. The
    // decoder scales in stored orientation, so this checks that the scaled size is given the right way round.
    const QByteArray jpeg = withExif(test::encode(test::documentPhoto(4000, 2000), "jpeg", 90), 6);
    const DocumentResult<NormalizedDocument> result = ImageNormalizer().normalizeBytes(jpeg);
    QVERIFY2(result.ok(), qPrintable(result.error().detail));
    QCOMPARE(result->pixelSize, QSize(1169, 2339));
    QCOMPARE(decode(result->bytes).size(), QSize(1169, 2339));
}

void TestImageNormalizer::neverUpscales()
{
    const QByteArray jpeg = test::encode(test::documentPhoto(800, 600), "jpeg", 90);
    const DocumentResult<NormalizedDocument> result
        = ImageNormalizer().normalizeBytes(jpeg, QStringLiteral("id.jpeg"));
    QVERIFY(result.ok());
    QCOMPARE(result->pixelSize, QSize(800, 600));
    QCOMPARE(result->jpegQuality, 90);
}

void TestImageNormalizer::otherFormatsBecomeJpeg_data()
{
    QTest::addColumn<QByteArray>("format");
    QTest::addColumn<QString>("name");
    QTest::newRow("png") << QByteArray("png") << QStringLiteral("scan.png");
    QTest::newRow("bmp") << QByteArray("bmp") << QStringLiteral("scan.bmp");
    QTest::newRow("gif") << QByteArray("gif") << QStringLiteral("scan.gif");
}

void TestImageNormalizer::otherFormatsBecomeJpeg()
{
    QFETCH(QByteArray, format);
    QFETCH(QString, name);
    const QImage page = test::documentPhoto(1000, 1400);
    // Qt has no GIF writer: the test writes its own.
    const QByteArray bytes = format == "gif" ? test::encodeGif(page) : test::encode(page, format.constData());
    QVERIFY(!bytes.isEmpty());
    const DocumentResult<NormalizedDocument> result = ImageNormalizer().normalizeFile(write(name, bytes));
    QVERIFY2(result.ok(), qPrintable(result.error().detail));
    QCOMPARE(result->type, ContentType::Jpeg);
    QCOMPARE(result->pixelSize, QSize(1000, 1400));
    QVERIFY(result->bytes.startsWith("\xFF\xD8\xFF"));
}

void TestImageNormalizer::greyStaysGrey()
{
    QImage grey = test::documentPhoto(1200, 1600).convertToFormat(QImage::Format_Grayscale8);
    const DocumentResult<NormalizedDocument> result = ImageNormalizer().normalizeImage(grey);
    QVERIFY(result.ok());
    QCOMPARE(decode(result->bytes).format(), QImage::Format_Grayscale8);
}

void TestImageNormalizer::transparencyGoesOnWhite()
{
    QImage clear(400, 300, QImage::Format_ARGB32);
    clear.fill(Qt::transparent);
    const QByteArray png = test::encode(clear, "png");
    const DocumentResult<NormalizedDocument> result
        = ImageNormalizer().normalizeBytes(png, QStringLiteral("x.png"));
    QVERIFY(result.ok());
    QVERIFY(near(decode(result->bytes).pixel(200, 150), Qt::white, 3));
}

void TestImageNormalizer::smallLimitScalesFurther()
{
    NormalizerOptions options;
    options.maxBytes = 400 * 1024;
    const QByteArray jpeg = test::encode(test::documentPhoto(2000, 2800), "jpeg", 95);
    const DocumentResult<NormalizedDocument> result = ImageNormalizer(options).normalizeBytes(jpeg);
    QVERIFY2(result.ok(), qPrintable(result.error().detail));
    QVERIFY(result->size <= options.maxBytes);
    // Quality alone was not enough: fewer pixels than A4 at 200 dpi, but still legible (long side >= 1169).
    QVERIFY(result->pixelSize.height() < 2339);
    QVERIFY(result->pixelSize.height() >= 1169);
}

void TestImageNormalizer::impossibleLimitIsRefused()
{
    NormalizerOptions options;
    options.maxBytes = 20 * 1024;
    const DocumentResult<NormalizedDocument> result
        = ImageNormalizer(options).normalizeBytes(test::encode(test::documentPhoto(1654, 2339), "jpeg", 90));
    QCOMPARE(result.status(), DocumentStatus::CannotCompress);
    QVERIFY(result.message().contains(QLatin1String("0.0195 MB")));
}

void TestImageNormalizer::corruptImages_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("name");
    const QByteArray jpeg = test::encode(test::documentPhoto(800, 600), "jpeg", 90);
    const QByteArray png = test::encode(test::documentPhoto(300, 200), "png");
    QTest::newRow("jpeg cut in half") << jpeg.left(jpeg.size() / 2) << QStringLiteral("scan.jpg");
    QTest::newRow("jpeg magic then garbage")
        << QByteArray("\xFF\xD8\xFF") + QByteArray(5000, 'x') << QStringLiteral("scan.jpg");
    QTest::newRow("jpeg header only") << jpeg.left(600) << QStringLiteral("scan.jpg");
    QTest::newRow("png cut") << png.left(png.size() / 2) << QStringLiteral("scan.png");
    QTest::newRow("png magic then garbage")
        << QByteArray("\x89PNG\r\n\x1A\n") + QByteArray(500, '\x07') + "IEND" << QStringLiteral("scan.png");
    QTest::newRow("gif magic only") << QByteArray("GIF89a") << QStringLiteral("scan.gif");
}

void TestImageNormalizer::corruptImages()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, name);
    const DocumentResult<NormalizedDocument> result = ImageNormalizer().normalizeFile(write(name, bytes));
    QCOMPARE(result.status(), DocumentStatus::CorruptImage);
    QVERIFY(!result.message().isEmpty());
}

void TestImageNormalizer::renamedExeIsRefused()
{
    QByteArray exe = QByteArrayLiteral("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00");
    exe += QByteArray(4096, '\0') + "This program cannot be run in DOS mode.";
    const DocumentResult<NormalizedDocument> result
        = ImageNormalizer().normalizeFile(write(QStringLiteral("licence.jpg"), exe));
    QCOMPARE(result.status(), DocumentStatus::UnsupportedType);
    QVERIFY(result.message().contains(QLatin1String("not a picture or a PDF")));
}

void TestImageNormalizer::typeMismatchIsRefused()
{
    const QByteArray pdf = QByteArrayLiteral("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    QCOMPARE(ImageNormalizer().normalizeFile(write(QStringLiteral("form.jpg"), pdf)).status(),
        DocumentStatus::TypeMismatch);
    const QByteArray jpeg = test::encode(test::documentPhoto(100, 100), "jpeg");
    QCOMPARE(ImageNormalizer().normalizeBytes(jpeg, QStringLiteral("form.pdf")).status(),
        DocumentStatus::TypeMismatch);
}

void TestImageNormalizer::tooManyPixelsFromHeader()
{
    // 10000 x 6000 = 60 MP claimed by the IHDR; there is no pixel data, so only a header check can say so
    // (a decoder would fail with "corrupt", or allocate 240 MB first).
    const QByteArray png = pngHeaderClaiming(10000, 6000);
    QCOMPARE(QImageReader(write(QStringLiteral("bomb.png"), png)).size(), QSize(10000, 6000));
    const DocumentResult<NormalizedDocument> result
        = ImageNormalizer().normalizeFile(m_dir.filePath(QStringLiteral("bomb.png")));
    QCOMPARE(result.status(), DocumentStatus::TooManyPixels);
    QVERIFY(result.message().contains(QLatin1String("50")));
    // Exactly at the limit is not refused for its size (it fails later, for having no pixels).
    NormalizerOptions options;
    options.maxSourcePixels = 1000 * 1000;
    QCOMPARE(ImageNormalizer(options).normalizeBytes(pngHeaderClaiming(1000, 1000)).status(),
        DocumentStatus::CorruptImage);
    QCOMPARE(ImageNormalizer(options).normalizeBytes(pngHeaderClaiming(1001, 1000)).status(),
        DocumentStatus::TooManyPixels);
    // The same limit for a picture in memory.
    options.maxSourcePixels = 1000;
    QCOMPARE(ImageNormalizer(options).normalizeImage(QImage(40, 30, QImage::Format_RGB32)).status(),
        DocumentStatus::TooManyPixels);
}

void TestImageNormalizer::pdfPassesThrough()
{
    const QByteArray pdf = QByteArrayLiteral("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const DocumentResult<NormalizedDocument> result
        = ImageNormalizer().normalizeFile(write(QStringLiteral("form.pdf"), pdf));
    QVERIFY(result.ok());
    QCOMPARE(result->bytes, pdf);
    QCOMPARE(result->type, ContentType::Pdf);
    QCOMPARE(result->contentType, QStringLiteral("application/pdf"));
    QCOMPARE(result->sha256, QCryptographicHash::hash(pdf, QCryptographicHash::Sha256).toHex());
    QVERIFY(result->pixelSize.isEmpty());
}

void TestImageNormalizer::oversizedPdfIsRefused()
{
    const QByteArray pdf
        = QByteArrayLiteral("%PDF-1.4\n") + QByteArray(6 * 1024 * 1024, ' ') + QByteArrayLiteral("\n%%EOF\n");
    const DocumentResult<NormalizedDocument> fromFile
        = ImageNormalizer().normalizeFile(write(QStringLiteral("big.pdf"), pdf));
    QCOMPARE(fromFile.status(), DocumentStatus::PdfTooLarge);
    QVERIFY(fromFile.message().contains(QLatin1String("5 MB")));
    QCOMPARE(ImageNormalizer().normalizeBytes(pdf).status(), DocumentStatus::PdfTooLarge);
    // The service's limit decides, not a constant.
    NormalizerOptions options;
    options.maxBytes = 8 * 1024 * 1024;
    QVERIFY(ImageNormalizer(options).normalizeBytes(pdf).ok());
}

void TestImageNormalizer::truncatedPdfIsRefused()
{
    const QByteArray pdf = QByteArrayLiteral("%PDF-1.4\n1 0 obj<<>>endobj\n") + QByteArray(4000, 'x');
    QCOMPARE(ImageNormalizer().normalizeBytes(pdf, QStringLiteral("form.pdf")).status(),
        DocumentStatus::CorruptPdf);
}

void TestImageNormalizer::missingAndEmptyFiles()
{
    QCOMPARE(ImageNormalizer().normalizeFile(m_dir.filePath(QStringLiteral("nothing.jpg"))).status(),
        DocumentStatus::CannotRead);
    QCOMPARE(ImageNormalizer().normalizeFile(write(QStringLiteral("empty.jpg"), {})).status(),
        DocumentStatus::Empty);
    QCOMPARE(ImageNormalizer().normalizeFile(m_dir.path()).status(), DocumentStatus::CannotRead);
}

void TestImageNormalizer::cancelStops()
{
    ImageNormalizer normalizer;
    std::atomic_bool cancel {true};
    normalizer.setCancelFlag(&cancel);
    QCOMPARE(normalizer.normalizeBytes(m_largeJpeg).status(), DocumentStatus::Cancelled);
    // Cancelled from the progress callback, as a GUI's cancel button would, while the work runs.
    std::atomic_bool later {false};
    ImageNormalizer running;
    running.setCancelFlag(&later);
    running.setProgressCallback([&later](int percent) {
        if (percent >= 10)
            later = true;
    });
    QCOMPARE(running.normalizeBytes(m_largeJpeg).status(), DocumentStatus::Cancelled);
}

QTEST_MAIN(TestImageNormalizer)
#include "tst_imagenormalizer.moc"
