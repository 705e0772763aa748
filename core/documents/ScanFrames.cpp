#include "documents/ScanFrames.h"

#include <algorithm>
#include <cstring>

namespace certdesk::documents {

namespace {

DocumentResult<QImage> assemble(const QList<ScanFrame>& frames, const QList<QByteArray>& planes)
{
    if (frames.isEmpty() || planes.size() != frames.size())
        return DocumentError {DocumentStatus::ScanFailed, QStringLiteral("scanner sent no frame")};
    // The layout is the last frame's (all frames of a three-pass scan share it).
    const ScanFrame& p = frames.last();
    const QByteArray& first = planes.first();
    const int bpl = p.bytesPerLine;
    const int width = p.pixelsPerLine;
    if (bpl <= 0 || width <= 0)
        return DocumentError {DocumentStatus::ScanFailed, QStringLiteral("scanner reported no line size")};
    const int height = int(first.size() / bpl);
    if (height <= 0)
        return DocumentError {DocumentStatus::ScanFailed, QStringLiteral("scanner sent no lines")};
    const auto* data = reinterpret_cast<const uchar*>(first.constData());
    const ScanFrame::Kind kind = frames.first().kind;

    if (kind == ScanFrame::Kind::Gray) {
        if (p.depth == 1) {
            // SANE 4.3.8: in a depth-1 grey frame a set bit is black, most significant bit first.
            QImage image(width, height, QImage::Format_Mono);
            if (image.isNull())
                return DocumentError {DocumentStatus::ScanFailed, QStringLiteral("page too large")};
            image.setColorTable({qRgb(255, 255, 255), qRgb(0, 0, 0)});
            const int rowBytes = std::min(bpl, int(image.bytesPerLine()));
            for (int y = 0; y < height; ++y)
                std::memcpy(image.scanLine(y), data + qsizetype(y) * bpl, size_t(rowBytes));
            return image;
        }
        if (p.depth == 8 || p.depth == 16) {
            // 16-bit samples are in the host's byte order (SANE 4.3.8), as QImage's Grayscale16 wants them.
            const int rowBytes = width * (p.depth / 8);
            if (rowBytes > bpl)
                return DocumentError {
                    DocumentStatus::ScanFailed, QStringLiteral("grey line shorter than its pixels")};
            QImage image(
                width, height, p.depth == 8 ? QImage::Format_Grayscale8 : QImage::Format_Grayscale16);
            if (image.isNull())
                return DocumentError {DocumentStatus::ScanFailed, QStringLiteral("page too large")};
            for (int y = 0; y < height; ++y)
                std::memcpy(image.scanLine(y), data + qsizetype(y) * bpl, size_t(rowBytes));
            return image;
        }
    } else if (kind == ScanFrame::Kind::Rgb) {
        if (p.depth == 8 || p.depth == 16) {
            const int bytesPerSample = p.depth / 8;
            if (qint64(width) * 3 * bytesPerSample > bpl)
                return DocumentError {
                    DocumentStatus::ScanFailed, QStringLiteral("RGB line shorter than its pixels")};
            QImage image(width, height, QImage::Format_RGB888);
            if (image.isNull())
                return DocumentError {DocumentStatus::ScanFailed, QStringLiteral("page too large")};
            for (int y = 0; y < height; ++y) {
                const uchar* in = data + qsizetype(y) * bpl;
                uchar* out = image.scanLine(y);
                if (bytesPerSample == 1) {
                    std::memcpy(out, in, size_t(width) * 3);
                } else {
                    for (int i = 0; i < width * 3; ++i) {
                        quint16 sample;
                        std::memcpy(&sample, in + 2 * i, 2);
                        out[i] = uchar(sample >> 8);
                    }
                }
            }
            return image;
        }
    } else if (planes.size() == 3 && p.depth == 8 && width <= bpl) {
        // Three-pass scanner: one frame per colour, in any order.
        QImage image(width, height, QImage::Format_RGB888);
        if (image.isNull())
            return DocumentError {DocumentStatus::ScanFailed, QStringLiteral("page too large")};
        for (int c = 0; c < 3; ++c) {
            const ScanFrame::Kind k = frames.at(c).kind;
            const int channel = k == ScanFrame::Kind::Red ? 0 : k == ScanFrame::Kind::Green ? 1 : 2;
            const auto* plane = reinterpret_cast<const uchar*>(planes.at(c).constData());
            const int lines = std::min(height, int(planes.at(c).size() / bpl));
            for (int y = 0; y < lines; ++y) {
                uchar* out = image.scanLine(y);
                for (int x = 0; x < width; ++x)
                    out[3 * x + channel] = plane[qsizetype(y) * bpl + x];
            }
        }
        return image;
    }
    return DocumentError {DocumentStatus::ScanFailed,
        QStringLiteral("unsupported frame format %1 at depth %2").arg(int(kind)).arg(p.depth)};
}

} // namespace

DocumentResult<QImage> assembleScan(
    const QList<ScanFrame>& frames, const QList<QByteArray>& planes, int dotsPerMetre)
{
    DocumentResult<QImage> image = assemble(frames, planes);
    if (image) {
        image->setDotsPerMeterX(dotsPerMetre);
        image->setDotsPerMeterY(dotsPerMetre);
    }
    return image;
}

} // namespace certdesk::documents
