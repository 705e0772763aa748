// LetterQrReader against the real printed forms: the letter and the e-seal form painted by core/print at
// scanner resolutions, then turned sideways, JPEG-compressed and enlarged the way a stamped form comes back;
// pages without a CertDesk code give nothing.
#include "documents/LetterQrReader.h"
#include "print/LetterLayout.h"
#include "print/QrCode.h"

#include "TestEnvironment.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QPainter>
#include <QTest>
#include <QTransform>

#include <memory>

using namespace certdesk;
using namespace certdesk::documents;
using print::LetterPayload;

namespace {

Application institutionApplication()
{
    Application a;
    a.serial = QStringLiteral("5A3C0F12");
    a.category = CertificateCategory::Institution;
    a.organization = {QStringLiteral("贵州黔程招标代理有限公司"), QStringLiteral("91350100M000100Y43"),
        QStringLiteral("贵州省贵阳市观山湖区长岭北路55号")};
    a.agent = {QStringLiteral("张伟"), QStringLiteral("11010519491231002X"), QStringLiteral("13812345678"),
        QStringLiteral("zhang.wei@example.com")};
    a.id = QStringLiteral("a7f3c9e2-41d8-4b6a-9c1e-2f5d8b0e6a13");
    a.orderNo = QStringLiteral("168002G110386213");
    return a;
}

Application naturalPersonApplication()
{
    Application a;
    a.serial = QStringLiteral("5A3C0F13");
    a.category = CertificateCategory::NaturalPerson;
    a.applicant = {QStringLiteral("王芳"), QStringLiteral("11010519491231002X"),
        QStringLiteral("13812345670"), QStringLiteral("wang.fang@example.com")};
    a.id = QStringLiteral("0b6e7d4a-9f21-4c3e-8a55-71d2c0e94b08");
    a.orderNo = QStringLiteral("168002G110386999");
    return a;
}

// The form on a white A4 page at `dpi`, as a flatbed scanner delivers it.
QImage renderPage(const print::PrintedForm& form, int dpi)
{
    const QSize size(qRound(210.0 / 25.4 * dpi), qRound(297.0 / 25.4 * dpi));
    QImage page(size, QImage::Format_RGB32);
    page.fill(Qt::white);
    page.setDotsPerMeterX(qRound(dpi / 0.0254));
    page.setDotsPerMeterY(qRound(dpi / 0.0254));
    QPainter painter(&page);
    painter.setRenderHint(QPainter::Antialiasing);
    form.paintPage(painter, QRectF(QPointF(0, 0), size));
    painter.end();
    return page;
}

QImage jpegRoundTrip(const QImage& image, int quality)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "JPEG", quality))
        return {};
    return QImage::fromData(bytes, "JPEG");
}

// A4 at 200 dpi with ruled lines and a red "seal": a document without any QR code.
QImage pageWithoutCode()
{
    QImage page(1654, 2339, QImage::Format_RGB32);
    page.fill(Qt::white);
    QPainter p(&page);
    p.setPen(QPen(Qt::black, 6));
    for (int y = 100; y < 2200; y += 60)
        p.drawLine(120, y, 1500, y);
    p.setBrush(QColor(200, 30, 30, 120));
    p.drawEllipse(QPoint(1200, 1900), 220, 220);
    return page;
}

enum class Form
{
    InstitutionLetter,
    NaturalPersonLetter,
    InstitutionESeal,
};

std::unique_ptr<print::PrintedForm> makeForm(Form form)
{
    print::FormOptions options;
    options.date = QDate(2025, 7, 10);
    switch (form) {
    case Form::InstitutionLetter:
        return std::make_unique<print::LetterLayout>(institutionApplication(), options);
    case Form::NaturalPersonLetter:
        return std::make_unique<print::LetterLayout>(naturalPersonApplication(), options);
    case Form::InstitutionESeal:
        break;
    }
    return std::make_unique<print::ESealFormLayout>(institutionApplication(), options);
}

} // namespace

class TestLetterQrReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::fixEnvironment(); }

    void readsThePrintedForm_data()
    {
        QTest::addColumn<int>("form");
        QTest::addColumn<int>("dpi");
        QTest::addColumn<int>("rotation");
        QTest::addColumn<int>("jpegQuality"); // 0: lossless
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("orderNo");
        QTest::addColumn<int>("document");

        const QString instId = institutionApplication().id;
        const QString instOrder = institutionApplication().orderNo;
        const int letter = int(DocumentKind::ApplicationForm);
        QTest::newRow("institution letter 200 dpi")
            << int(Form::InstitutionLetter) << 200 << 0 << 0 << instId << instOrder << letter;
        QTest::newRow("institution letter 150 dpi")
            << int(Form::InstitutionLetter) << 150 << 0 << 0 << instId << instOrder << letter;
        QTest::newRow("natural person letter 200 dpi")
            << int(Form::NaturalPersonLetter) << 200 << 0 << 0 << naturalPersonApplication().id
            << naturalPersonApplication().orderNo << letter;
        QTest::newRow("e-seal form 200 dpi") << int(Form::InstitutionESeal) << 200 << 0 << 0 << instId
                                             << instOrder << int(DocumentKind::ESealForm);
        QTest::newRow("scanned sideways (90)")
            << int(Form::InstitutionLetter) << 200 << 90 << 0 << instId << instOrder << letter;
        QTest::newRow("upside down (180)")
            << int(Form::InstitutionLetter) << 150 << 180 << 0 << instId << instOrder << letter;
        QTest::newRow("jpeg quality 50")
            << int(Form::InstitutionLetter) << 200 << 0 << 50 << instId << instOrder << letter;
        QTest::newRow("jpeg quality 50, 150 dpi, 270")
            << int(Form::InstitutionLetter) << 150 << 270 << 50 << instId << instOrder << letter;
        // Larger than the reader's first pass likes: the scaled-down copy must still find it.
        QTest::newRow("400 dpi scan, jpeg 50")
            << int(Form::InstitutionLetter) << 400 << 0 << 50 << instId << instOrder << letter;
    }

    void readsThePrintedForm()
    {
        QFETCH(int, form);
        QFETCH(int, dpi);
        QFETCH(int, rotation);
        QFETCH(int, jpegQuality);
        QFETCH(QString, id);
        QFETCH(QString, orderNo);
        QFETCH(int, document);

        const std::unique_ptr<print::PrintedForm> printed = makeForm(Form(form));
        QImage image = renderPage(*printed, dpi);
        QVERIFY(!image.isNull());
        if (rotation != 0)
            image = image.transformed(QTransform().rotate(rotation));
        if (jpegQuality > 0)
            image = jpegRoundTrip(image, jpegQuality);
        QVERIFY(!image.isNull());

        QElapsedTimer timer;
        timer.start();
        const std::optional<LetterPayload> payload = LetterQrReader::readLetterPayload(image);
        qInfo("%dx%d read in %lld ms", image.width(), image.height(), timer.elapsed());
        QVERIFY2(payload, qPrintable(LetterQrReader::readQrTexts(image).join(QLatin1Char('|'))));
        QCOMPARE(payload->applicationId, id);
        QCOMPARE(payload->orderNo, orderNo);
        QCOMPARE(int(payload->document), document);
        QCOMPARE(*payload, printed->payload());
    }

    void pageWithoutQrGivesNothing()
    {
        const QImage page = pageWithoutCode();
        QVERIFY(LetterQrReader::readQrTexts(page).isEmpty());
        QVERIFY(!LetterQrReader::readLetterPayload(page));
        QVERIFY(!LetterQrReader::readLetterPayload(jpegRoundTrip(page, 50)));
        QVERIFY(LetterQrReader::readLetterPayloads(page).isEmpty());
    }

    void nullImageGivesNothing()
    {
        QVERIFY(LetterQrReader::readQrTexts(QImage()).isEmpty());
        QVERIFY(!LetterQrReader::readLetterPayload(QImage()));
    }

    void otherQrCodesAreNotPayloads()
    {
        // A page with a QR code that is not CertDesk's (a WeChat link, say): read, but not a payload.
        QImage page = pageWithoutCode();
        const print::QrCode code = print::QrCode::encode(QStringLiteral("https://example.com/pay?x=1"));
        QVERIFY(!code.isNull());
        QPainter p(&page);
        code.paint(p, QRectF(100, 100, 400, 400));
        p.end();
        QCOMPARE(
            LetterQrReader::readQrTexts(page), QStringList {QStringLiteral("https://example.com/pay?x=1")});
        QVERIFY(!LetterQrReader::readLetterPayload(page));
    }

    void transparentPictureIsFlattenedOnWhite()
    {
        // Black modules on a transparent background: converted naively to grey, background and modules would
        // both be black.
        const LetterPayload expected = makeForm(Form::InstitutionLetter)->payload();
        const print::QrCode code = print::QrCode::encode(expected.toString());
        QImage image(600, 600, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        QPainter p(&image);
        code.paint(p, QRectF(50, 50, 500, 500), QColor(Qt::black), QColor(Qt::transparent));
        p.end();
        const auto payload = LetterQrReader::readLetterPayload(image);
        QVERIFY(payload);
        QCOMPARE(*payload, expected);
    }
};

QTEST_MAIN(TestLetterQrReader)
#include "tst_letterqrreader.moc"
