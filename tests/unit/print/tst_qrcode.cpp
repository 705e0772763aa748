// QrCode: encodes with qrcodegen, paints on whole device pixels, and what it paints decodes with zbarimg.
#include "print/QrCode.h"

#include "TestEnvironment.h"
#include "ToolRunner.h"

#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace certdesk;
using namespace certdesk::print;

namespace {

const QString kPayload
    = QStringLiteral("https://liveness.example.com/s/4f1c2a9e?ticket=Z3R0-19&order=168002G110386213");

// True when every module of the symbol at `origin` (device pixels) is a uniform block of `module` pixels.
bool modulesAreWholePixels(const QImage& image, const QrCode& qr, QPoint origin, int module)
{
    for (int my = 0; my < qr.size(); ++my) {
        for (int mx = 0; mx < qr.size(); ++mx) {
            const QRgb expected = qr.isDark(mx, my) ? qRgb(0, 0, 0) : qRgb(255, 255, 255);
            for (int dy = 0; dy < module; ++dy)
                for (int dx = 0; dx < module; ++dx)
                    if (image.pixel(origin.x() + mx * module + dx, origin.y() + my * module + dy) != expected)
                        return false;
        }
    }
    return true;
}

} // namespace

class TestQrCode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void encodes();
    void tooLongIsNull();
    void imageDecodes_data();
    void imageDecodes();
    void imageTooSmallIsNull();
    void scaledPainterSnapsToPixels();
    void highDpiImageSnapsToDevicePixels();
    void rotatedPainterStillDecodes();

private:
    [[nodiscard]] QString decode(const QImage& image);
    QTemporaryDir m_dir;
    int m_images = 0;
};

void TestQrCode::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
}

QString TestQrCode::decode(const QImage& image)
{
    const QString path = m_dir.filePath(QStringLiteral("qr%1.png").arg(++m_images));
    if (!image.save(path))
        return QStringLiteral("<cannot save>");
    const test::ToolRun run
        = test::runTool(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"), path});
    if (!run.ok)
        return QStringLiteral("<") + run.error + QLatin1Char('>');
    return QString::fromUtf8(run.out).trimmed();
}

void TestQrCode::encodes()
{
    const QrCode qr = QrCode::encode(QStringLiteral("HELLO"));
    QVERIFY(!qr.isNull());
    QCOMPARE(qr.size(), 21); // version 1
    QCOMPARE(qr.sizeWithQuietZone(), 29);
    QCOMPARE(qr.text(), QStringLiteral("HELLO"));
    // Finder pattern corners are dark, the separator next to it is light, outside the symbol is light.
    QVERIFY(qr.isDark(0, 0));
    QVERIFY(qr.isDark(20, 0));
    QVERIFY(qr.isDark(0, 20));
    QVERIFY(!qr.isDark(7, 0));
    QVERIFY(!qr.isDark(-1, 0));
    QVERIFY(!qr.isDark(21, 21));
    QVERIFY(QrCode().isNull());
    QCOMPARE(QrCode().sizeWithQuietZone(), 0);
    // Higher error correction needs at least as many modules.
    QVERIFY(QrCode::encode(kPayload, QrCode::ErrorCorrection::High).size()
        >= QrCode::encode(kPayload, QrCode::ErrorCorrection::Low).size());
}

void TestQrCode::tooLongIsNull()
{
    const QrCode qr = QrCode::encode(QString(4000, QLatin1Char('x')), QrCode::ErrorCorrection::High);
    QVERIFY(qr.isNull());
    QVERIFY(qr.toImage(1000).isNull());
}

void TestQrCode::imageDecodes_data()
{
    QTest::addColumn<int>("side");
    QTest::addColumn<int>("ecc");
    QTest::newRow("small, medium") << 180 << int(QrCode::ErrorCorrection::Medium);
    QTest::newRow("screen, medium") << 333 << int(QrCode::ErrorCorrection::Medium);
    QTest::newRow("large, high") << 512 << int(QrCode::ErrorCorrection::High);
}

void TestQrCode::imageDecodes()
{
    QFETCH(int, side);
    QFETCH(int, ecc);
    const QrCode qr = QrCode::encode(kPayload, QrCode::ErrorCorrection(ecc));
    const QImage image = qr.toImage(side);
    QCOMPARE(image.size(), QSize(side, side));
    const int module = side / qr.sizeWithQuietZone();
    QVERIFY(module >= 1);
    const int margin = (side - module * qr.sizeWithQuietZone()) / 2 + QrCode::QuietZoneModules * module;
    QVERIFY(modulesAreWholePixels(image, qr, QPoint(margin, margin), module));
    // The quiet zone is light.
    QCOMPARE(image.pixel(margin - 1, margin - 1), qRgb(255, 255, 255));
    QCOMPARE(decode(image), kPayload);
}

void TestQrCode::imageTooSmallIsNull()
{
    const QrCode qr = QrCode::encode(kPayload);
    QVERIFY(qr.toImage(qr.sizeWithQuietZone() - 1).isNull());
    QVERIFY(!qr.toImage(qr.sizeWithQuietZone()).isNull());
}

void TestQrCode::scaledPainterSnapsToPixels()
{
    const QrCode qr = QrCode::encode(kPayload);
    QImage image(700, 700, QImage::Format_RGB32);
    image.fill(Qt::gray);
    QPainter painter(&image);
    painter.translate(13.3, 7.7);
    painter.scale(1.7, 1.7);
    const QRectF covered = painter.transform().mapRect(qr.paint(painter, QRectF(5, 5, 300, 300)));
    painter.end();
    QVERIFY(!covered.isEmpty());
    // Device pixels: a whole number of pixels per module, on the pixel grid, inside the requested rectangle.
    const qreal module = covered.width() / qr.sizeWithQuietZone();
    QCOMPARE(module, std::round(module));
    QCOMPARE(covered.left(), std::round(covered.left()));
    QCOMPARE(covered.top(), std::round(covered.top()));
    QVERIFY(QRectF(13.3 + 5 * 1.7, 7.7 + 5 * 1.7, 300 * 1.7, 300 * 1.7).contains(covered));
    const int m = int(module);
    const QPoint origin(int(covered.left()) + QrCode::QuietZoneModules * m,
        int(covered.top()) + QrCode::QuietZoneModules * m);
    QVERIFY(modulesAreWholePixels(image, qr, origin, m));
    QCOMPARE(decode(image), kPayload);
}

void TestQrCode::highDpiImageSnapsToDevicePixels()
{
    const QrCode qr = QrCode::encode(kPayload);
    QImage image(400, 400, QImage::Format_RGB32);
    image.setDevicePixelRatio(2.0);
    image.fill(Qt::white);
    QPainter painter(&image);
    const QRectF logical = qr.paint(painter, QRectF(0, 0, 200, 200));
    painter.end();
    const qreal module = logical.width() * 2.0 / qr.sizeWithQuietZone();
    QCOMPARE(module, std::round(module));
    QVERIFY(module >= 2.0);
    const int m = int(module);
    const QPoint origin(int(logical.left() * 2) + QrCode::QuietZoneModules * m,
        int(logical.top() * 2) + QrCode::QuietZoneModules * m);
    QVERIFY(modulesAreWholePixels(image, qr, origin, m));
    image.setDevicePixelRatio(1.0);
    QCOMPARE(decode(image), kPayload);
}

void TestQrCode::rotatedPainterStillDecodes()
{
    const QrCode qr = QrCode::encode(kPayload);
    QImage image(600, 600, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.translate(300, 300);
    painter.rotate(30);
    const QRectF covered = qr.paint(painter, QRectF(-150, -150, 300, 300));
    painter.end();
    QCOMPARE(covered.size(), QSizeF(300, 300)); // no pixel grid to snap to: exactly the rectangle
    QCOMPARE(decode(image), kPayload);
}

QTEST_MAIN(TestQrCode)
#include "tst_qrcode.moc"
