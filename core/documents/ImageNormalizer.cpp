#include "documents/ImageNormalizer.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QImageIOHandler>
#include <QImageReader>
#include <QImageWriter>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace certdesk::documents {

namespace {

// Below this long side (A4 at 100 dpi) a stamped form stops being legible: compression gives up instead.
constexpr int kMinLegibleLongSide = 1169;

QByteArray readerFormat(ContentType type)
{
    switch (type) {
    case ContentType::Jpeg:
        return QByteArrayLiteral("jpeg");
    case ContentType::Png:
        return QByteArrayLiteral("png");
    case ContentType::Gif:
        return QByteArrayLiteral("gif");
    case ContentType::Bmp:
        return QByteArrayLiteral("bmp");
    case ContentType::Pdf:
    case ContentType::Unknown:
        break;
    }
    return {};
}

// Structural checks the decoders do not make. Qt's JPEG reader fills a truncated scan with grey and reports
// success (libjpeg only warns "premature end of data"); a truncated upload must not pass as a document.
bool looksComplete(const QByteArray& bytes, ContentType type, QString& why)
{
    switch (type) {
    case ContentType::Jpeg: {
        // ITU-T T.81 §B.2.1: a JPEG ends with EOI (FF D9) after the last scan (SOS, FF DA). Cameras may
        // append data after EOI (MPF previews), so look for the last EOI, not at the last two bytes.
        const qsizetype sos = bytes.indexOf(QByteArrayView("\xFF\xDA"));
        const qsizetype eoi = bytes.lastIndexOf(QByteArrayView("\xFF\xD9"));
        if (sos < 0 || eoi < sos) {
            why = QStringLiteral("JPEG without a scan followed by an end-of-image marker");
            return false;
        }
        return true;
    }
    case ContentType::Png:
        // ISO/IEC 15948 §5.6: IEND is the last chunk.
        if (!bytes.contains(QByteArrayView("IEND"))) {
            why = QStringLiteral("PNG without an IEND chunk");
            return false;
        }
        return true;
    case ContentType::Gif:
        // GIF89a §27: the trailer 0x3B ends the data stream.
        if (bytes.lastIndexOf(';') < bytes.size() - 16) {
            why = QStringLiteral("GIF without a trailer");
            return false;
        }
        return true;
    case ContentType::Bmp:
    case ContentType::Pdf:
    case ContentType::Unknown:
        break;
    }
    return true;
}

QImage flattenForJpeg(QImage image)
{
    // JPEG has no alpha: put transparent parts on white paper, not on black.
    if (image.hasAlphaChannel()) {
        QImage flat(image.size(), QImage::Format_RGB32);
        flat.setDotsPerMeterX(image.dotsPerMeterX());
        flat.setDotsPerMeterY(image.dotsPerMeterY());
        flat.fill(Qt::white);
        QPainter painter(&flat);
        painter.drawImage(0, 0, image);
        painter.end();
        return flat;
    }
    switch (image.format()) {
    case QImage::Format_Grayscale8:
        return image;
    case QImage::Format_Grayscale16:
    case QImage::Format_Mono:
    case QImage::Format_MonoLSB:
        // Grey scans stay grey: a one-channel JPEG is a third of the size.
        return image.convertToFormat(QImage::Format_Grayscale8);
    case QImage::Format_Indexed8:
        return image.isGrayscale() ? image.convertToFormat(QImage::Format_Grayscale8)
                                   : image.convertToFormat(QImage::Format_RGB32);
    case QImage::Format_RGB32:
    case QImage::Format_RGB888:
        return image;
    default:
        return image.convertToFormat(QImage::Format_RGB32);
    }
}

QByteArray writeJpeg(const QImage& image, int quality)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, QByteArrayLiteral("jpeg"));
    writer.setQuality(quality);
    if (!writer.write(image))
        return {};
    return out;
}

NormalizedDocument document(QByteArray bytes, ContentType type, QSize pixels, int quality)
{
    NormalizedDocument doc;
    doc.sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
    doc.size = bytes.size();
    doc.bytes = std::move(bytes);
    doc.type = type;
    doc.contentType = mimeType(type);
    doc.pixelSize = pixels;
    doc.jpegQuality = quality;
    return doc;
}

} // namespace

ImageNormalizer::ImageNormalizer(NormalizerOptions options)
    : m_options(std::move(options))
{ }

void ImageNormalizer::progress(int percent) const
{
    if (m_progress)
        m_progress(std::clamp(percent, 0, 100));
}

QSize ImageNormalizer::targetSize(QSize displayed) const
{
    if (displayed.isEmpty())
        return displayed;
    // Fit the page box in the picture's own orientation: a landscape photo of a portrait page is rotated by
    // the reviewer, not shrunk to a stamp.
    const QSize box = displayed.width() > displayed.height() ? m_options.maxPixelSize.transposed()
                                                             : m_options.maxPixelSize;
    if (displayed.width() <= box.width() && displayed.height() <= box.height())
        return displayed;
    return displayed.scaled(box, Qt::KeepAspectRatio).expandedTo(QSize(1, 1));
}

DocumentResult<NormalizedDocument> ImageNormalizer::normalizeFile(const QString& path) const
{
    progress(0);
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile() || !info.isReadable())
        return DocumentError {DocumentStatus::CannotRead, QStringLiteral("not a readable file")};
    if (info.size() == 0)
        return DocumentError {DocumentStatus::Empty, {}};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return DocumentError {DocumentStatus::CannotRead, file.errorString()};
    // The first bytes decide before the rest is read: a 300 MB PDF or a program is refused without loading
    // it.
    const QByteArray head = file.peek(64);
    if (const DocumentStatus claimed = checkClaimedType(info.fileName(), head); claimed != DocumentStatus::Ok)
        return DocumentError {
            claimed, QStringLiteral("suffix .") + info.suffix() + QStringLiteral(" vs content")};
    if (sniffContentType(head) == ContentType::Pdf && info.size() > m_options.maxBytes)
        return DocumentError {
            DocumentStatus::PdfTooLarge, QStringLiteral("%1 bytes").arg(info.size()), m_options.maxBytes};
    if (info.size() > m_options.maxInputBytes)
        return DocumentError {DocumentStatus::FileTooLarge, QStringLiteral("%1 bytes").arg(info.size()),
            m_options.maxInputBytes};
    const QByteArray bytes = file.readAll();
    if (bytes.size() != info.size())
        return DocumentError {
            DocumentStatus::CannotRead, QStringLiteral("short read: ") + file.errorString()};
    return normalizeBytes(bytes, info.fileName());
}

DocumentResult<NormalizedDocument> ImageNormalizer::normalizeBytes(
    const QByteArray& bytes, const QString& claimedName) const
{
    progress(0);
    if (const DocumentStatus claimed = checkClaimedType(claimedName, bytes); claimed != DocumentStatus::Ok)
        return DocumentError {claimed, QStringLiteral("claimed name vs content")};
    if (bytes.size() > m_options.maxInputBytes)
        return DocumentError {DocumentStatus::FileTooLarge, QStringLiteral("%1 bytes").arg(bytes.size()),
            m_options.maxInputBytes};
    const ContentType type = sniffContentType(bytes);
    if (type == ContentType::Pdf)
        return normalizePdf(bytes);
    return decodeAndEncode(bytes, type);
}

DocumentResult<NormalizedDocument> ImageNormalizer::normalizePdf(const QByteArray& bytes) const
{
    if (bytes.size() > m_options.maxBytes)
        return DocumentError {
            DocumentStatus::PdfTooLarge, QStringLiteral("%1 bytes").arg(bytes.size()), m_options.maxBytes};
    // ISO 32000-1 §7.5.5: the file ends with %%EOF (a few bytes of line ends or padding may follow).
    if (bytes.lastIndexOf(QByteArrayView("%%EOF")) < bytes.size() - 1024)
        return DocumentError {DocumentStatus::CorruptPdf, QStringLiteral("no %%EOF in the last 1024 bytes")};
    progress(100);
    // PDFs pass through unchanged: re-rendering would lose the text layer and the vector stamps.
    return document(bytes, ContentType::Pdf, {}, -1);
}

DocumentResult<NormalizedDocument> ImageNormalizer::decodeAndEncode(
    const QByteArray& bytes, ContentType type) const
{
    QString why;
    if (!looksComplete(bytes, type, why))
        return DocumentError {DocumentStatus::CorruptImage, why};

    QBuffer buffer;
    buffer.setData(bytes); // shares, no copy
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, readerFormat(type));
    reader.setDecideFormatFromContent(false);
    reader.setAutoTransform(true); // EXIF orientation (JPEG), applied after decoding and scaling
    // A decoder may allocate what the pixel limit allows (4 bytes a pixel) and no more, whatever the file
    // claims later on; Qt's own default (128 MB, QImageReader::setAllocationLimit) would refuse pictures the
    // limit allows, and would allow more than it where the limit is set lower.
    const qint64 limitMiB = (m_options.maxSourcePixels * 4 + (1 << 20) - 1) >> 20;
    reader.setAllocationLimit(int(std::clamp<qint64>(limitMiB, 1, std::numeric_limits<int>::max())));

    // The header alone gives the size: a decompression bomb is refused before a byte of pixels is allocated.
    const QSize stored = reader.size();
    if (!stored.isValid() || stored.isEmpty())
        return DocumentError {
            DocumentStatus::CorruptImage, QStringLiteral("header: ") + reader.errorString()};
    if (qint64(stored.width()) * stored.height() > m_options.maxSourcePixels) {
        return DocumentError {DocumentStatus::TooManyPixels,
            QStringLiteral("%1 x %2 pixels").arg(stored.width()).arg(stored.height())};
    }
    if (cancelled())
        return DocumentError {DocumentStatus::Cancelled, {}};
    progress(10);

    // Decode straight to the target size: Qt's JPEG reader then lets libjpeg scale in the DCT (1/2, 1/4, 1/8)
    // and smooth-scales the rest, several times faster than decoding 24 MP and scaling afterwards.
    // QImageReader scales before it applies the EXIF transformation, so the size is given in stored
    // orientation.
    const bool swapsAxes = reader.transformation() & QImageIOHandler::TransformationRotate90;
    const QSize displayed = swapsAxes ? stored.transposed() : stored;
    const QSize target = targetSize(displayed);
    if (target != displayed)
        reader.setScaledSize(swapsAxes ? target.transposed() : target);

    QImage image = reader.read();
    if (image.isNull())
        return DocumentError {
            DocumentStatus::CorruptImage, QStringLiteral("decode: ") + reader.errorString()};
    if (cancelled())
        return DocumentError {DocumentStatus::Cancelled, {}};
    progress(50);
    return encode(std::move(image));
}

DocumentResult<NormalizedDocument> ImageNormalizer::normalizeImage(const QImage& image) const
{
    progress(0);
    if (image.isNull())
        return DocumentError {DocumentStatus::CorruptImage, QStringLiteral("null image")};
    if (qint64(image.width()) * image.height() > m_options.maxSourcePixels) {
        return DocumentError {DocumentStatus::TooManyPixels,
            QStringLiteral("%1 x %2 pixels").arg(image.width()).arg(image.height())};
    }
    progress(50);
    return encode(image);
}

DocumentResult<NormalizedDocument> ImageNormalizer::encode(QImage image) const
{
    const QSize target = targetSize(image.size());
    if (target != image.size())
        image = image.scaled(target, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    image = flattenForJpeg(std::move(image));

    const int start = std::max(m_options.startQuality, m_options.minQuality);
    const int step = std::max(1, m_options.qualityStep);
    const int steps = (start - m_options.minQuality) / step + 1;
    int attempt = 0;
    while (true) {
        QByteArray smallest;
        for (int quality = start; quality >= m_options.minQuality; quality -= step) {
            if (cancelled())
                return DocumentError {DocumentStatus::Cancelled, {}};
            QByteArray jpeg = writeJpeg(image, quality);
            if (jpeg.isEmpty())
                return DocumentError {DocumentStatus::CannotCompress, QStringLiteral("JPEG encoder failed"),
                    m_options.maxBytes};
            ++attempt;
            progress(50 + std::min(49, attempt * 50 / (steps + 1)));
            if (jpeg.size() <= m_options.maxBytes) {
                progress(100);
                return document(std::move(jpeg), ContentType::Jpeg, image.size(), quality);
            }
            smallest = std::move(jpeg);
        }
        // Still too big at the lowest quality: fewer pixels. Bytes grow about with the pixel count, so aim
        // the area at the limit with a margin, in steps of at most halving each side.
        const int longSide = std::max(image.width(), image.height());
        if (longSide <= kMinLegibleLongSide) {
            return DocumentError {DocumentStatus::CannotCompress,
                QStringLiteral("%1 bytes at quality %2, %3 x %4")
                    .arg(smallest.size())
                    .arg(m_options.minQuality)
                    .arg(image.width())
                    .arg(image.height()),
                m_options.maxBytes};
        }
        const double factor
            = std::clamp(std::sqrt(double(m_options.maxBytes) / double(smallest.size())) * 0.95, 0.5, 0.95);
        const double floorFactor = double(kMinLegibleLongSide) / longSide;
        const double applied = std::max(factor, floorFactor);
        const QSize smaller(
            std::max(1, int(image.width() * applied)), std::max(1, int(image.height() * applied)));
        image = image.scaled(smaller, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    }
}

} // namespace certdesk::documents
