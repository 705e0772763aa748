#pragma once

#include <QBuffer>
#include <QByteArray>
#include <QFont>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QRandomGenerator>
#include <QString>

#include <algorithm>

namespace certdesk::test {

// A photographed document: a white page with ruled lines and text, shaded and covered in sensor noise, so
// that JPEG cannot compress it trivially (noise is what makes phone photos of forms large). Deterministic
// (fixed seed). Shared by the documents tests and bench_documents.
inline QImage documentPhoto(int width, int height, quint32 seed = 20250710)
{
    QImage image(width, height, QImage::Format_RGB32);
    QRandomGenerator random(seed);
    for (int y = 0; y < height; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        const int shade = 215 + 25 * y / height; // uneven light across the page
        for (int x = 0; x < width; x += 4) {
            quint32 r = random.generate(); // 4 noise samples per call: the generator is the slow part
            for (int k = 0; k < 4 && x + k < width; ++k, r >>= 8) {
                const int v = std::min(255, shade + int(r & 0x1F) - 16);
                line[x + k] = qRgb(v, v - 2 > 0 ? v - 2 : 0, v - 6 > 0 ? v - 6 : 0);
            }
        }
    }
    QPainter painter(&image);
    painter.setPen(QPen(QColor(40, 40, 60), std::max(2, width / 1200)));
    for (int y = height / 10; y < height * 9 / 10; y += height / 30)
        painter.drawLine(width / 12, y, width * 11 / 12, y);
    QFont font;
    font.setPixelSize(std::max(10, height / 60));
    painter.setFont(font);
    for (int y = height / 10 + height / 60; y < height * 9 / 10; y += height / 30)
        painter.drawText(width / 10, y,
            QStringLiteral("Order 168002G110386213 / renewal + algorithm upgrade / %1").arg(y));
    painter.setPen(QPen(QColor(200, 30, 30), std::max(4, width / 400)));
    painter.drawEllipse(QPoint(width * 3 / 4, height * 3 / 4), width / 10, width / 10); // the seal
    painter.end();
    return image;
}

inline QByteArray encode(const QImage& image, const char* format, int quality = -1)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    writer.setQuality(quality);
    writer.write(image);
    return bytes;
}

// A valid GIF89a of `image` in 256 greys. Qt reads GIF but cannot write it, so the tests carry this minimal
// encoder: LZW with a clear code before the code table would grow (every code stays 9 bits wide), which is
// "uncompressed" GIF, legal and understood by every decoder.
inline QByteArray encodeGif(const QImage& source)
{
    const QImage grey = source.convertToFormat(QImage::Format_Grayscale8);
    const int w = grey.width();
    const int h = grey.height();
    QByteArray out = QByteArrayLiteral("GIF89a");
    auto le16 = [&out](int v) {
        out += char(v & 0xFF);
        out += char((v >> 8) & 0xFF);
    };
    le16(w);
    le16(h);
    out += char(0xF7); // global colour table, 8 bits per primary, 256 entries
    out += char(0);
    out += char(0);
    for (int i = 0; i < 256; ++i)
        out += QByteArray(3, char(i));
    out += ',';
    le16(0);
    le16(0);
    le16(w);
    le16(h);
    out += char(0);
    out += char(8); // LZW minimum code size

    QByteArray data;
    quint32 bits = 0;
    int count = 0;
    auto put = [&](int code) {
        bits |= quint32(code) << count;
        count += 9;
        while (count >= 8) {
            data += char(bits & 0xFF);
            bits >>= 8;
            count -= 8;
        }
    };
    constexpr int clear = 256;
    constexpr int end = 257;
    int sinceClear = 0;
    put(clear);
    for (int y = 0; y < h; ++y) {
        const uchar* line = grey.constScanLine(y);
        for (int x = 0; x < w; ++x) {
            // After a clear the first code adds no entry; each further one does. 254 entries (258..511) fit
            // in 9 bits: clear again before the decoder would widen its codes.
            if (sinceClear == 254) {
                put(clear);
                sinceClear = 0;
            }
            put(line[x]);
            ++sinceClear;
        }
    }
    put(end);
    if (count > 0)
        data += char(bits & 0xFF);
    for (qsizetype i = 0; i < data.size(); i += 255) {
        const QByteArray block = data.mid(i, 255);
        out += char(block.size());
        out += block;
    }
    out += char(0); // end of image data
    out += ';'; // trailer
    return out;
}

} // namespace certdesk::test
