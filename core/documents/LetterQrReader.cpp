#include "documents/LetterQrReader.h"

// zxing-cpp 1.4 (Debian 12): Result::text() returns std::wstring unless ZX_USE_UTF8 is defined (and the
// header says so with a #pragma message otherwise); from 2.0 on it is always UTF-8 std::string and the macro
// is ignored.
#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

#include <QPainter>

#include <algorithm>

namespace certdesk::documents {

namespace {

QStringList decode(const QImage& grey, bool tryHarder)
{
    // Format_Grayscale8 rows are 32-bit aligned: the row stride must come from the image, not the width.
    const ZXing::ImageView view(
        grey.constBits(), grey.width(), grey.height(), ZXing::ImageFormat::Lum, int(grey.bytesPerLine()));
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setTryHarder(tryHarder);
    hints.setTryRotate(true); // a page scanned sideways or photographed upside down
    hints.setTryDownscale(true);
    QStringList texts;
    for (const ZXing::Result& result : ZXing::ReadBarcodes(view, hints)) {
        if (!result.isValid())
            continue;
        const std::string utf8 = result.text();
        const QString text = QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
        if (!texts.contains(text))
            texts << text;
    }
    return texts;
}

} // namespace

QStringList LetterQrReader::readQrTexts(const QImage& image)
{
    if (image.isNull())
        return {};
    // Alpha is flattened onto white first: a transparent PNG's modules would otherwise turn black on black in
    // the grey conversion. (QPainter on a QImage is safe off the GUI thread.)
    QImage grey;
    if (image.hasAlphaChannel()) {
        QImage flat(image.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter painter(&flat);
        QImage source = image;
        source.setDevicePixelRatio(1.0); // pixels, whatever the picture says
        painter.drawImage(0, 0, source);
        painter.end();
        grey = flat.convertToFormat(QImage::Format_Grayscale8);
    } else {
        grey = image.convertToFormat(QImage::Format_Grayscale8);
    }
    QStringList texts = decode(grey, true);
    if (!texts.isEmpty())
        return texts;
    const int longer = std::max(grey.width(), grey.height());
    if (longer > ScaledSide) {
        const QImage scaled
            = grey.scaled(ScaledSide, ScaledSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        texts = decode(scaled.format() == QImage::Format_Grayscale8
                ? scaled
                : scaled.convertToFormat(QImage::Format_Grayscale8),
            true);
    }
    return texts;
}

QList<print::LetterPayload> LetterQrReader::readLetterPayloads(const QImage& image)
{
    QList<print::LetterPayload> payloads;
    for (const QString& text : readQrTexts(image)) {
        if (auto payload = print::LetterPayload::parse(text))
            payloads << *payload;
    }
    return payloads;
}

std::optional<print::LetterPayload> LetterQrReader::readLetterPayload(const QImage& image)
{
    const QList<print::LetterPayload> payloads = readLetterPayloads(image);
    if (payloads.isEmpty())
        return std::nullopt;
    return payloads.first();
}

} // namespace certdesk::documents
