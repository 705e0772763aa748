#pragma once

#include <QColor>
#include <QImage>
#include <QRectF>
#include <QString>
#include <QVector>

class QPainter;

namespace certdesk::print {

// A QR code (ISO/IEC 18004) as a square matrix of modules, encoded by Nayuki's qrcodegen. Painting is shared
// by the printed forms and the GUI's liveness/payment codes, so it lives here, in core, on a plain QPainter.
class QrCode
{
public:
    enum class ErrorCorrection
    {
        Low,
        Medium,
        Quartile,
        High
    };

    // ISO/IEC 18004 §7.3.7: a reader needs a light margin of 4 modules on every side.
    static constexpr int QuietZoneModules = 4;

    QrCode() = default;

    // Encodes `text` as UTF-8 (qrcodegen picks numeric/alphanumeric/byte segments and the smallest version).
    // Returns a null QrCode when the text does not fit into a version-40 symbol at that error correction.
    [[nodiscard]] static QrCode encode(const QString& text, ErrorCorrection ecc = ErrorCorrection::Medium);

    [[nodiscard]] bool isNull() const { return m_size == 0; }
    // Modules per side without the quiet zone (21 for version 1 ... 177 for version 40); 0 when null.
    [[nodiscard]] int size() const { return m_size; }
    // Modules per side including the quiet zone on both sides.
    [[nodiscard]] int sizeWithQuietZone() const { return m_size == 0 ? 0 : m_size + 2 * QuietZoneModules; }
    // True for a dark module; false outside the symbol (i.e. in the quiet zone).
    [[nodiscard]] bool isDark(int x, int y) const;
    [[nodiscard]] const QString& text() const { return m_text; }

    // Paints the symbol with its quiet zone, centred in `rect` (logical coordinates of `painter`), as large
    // as fits. When the painter maps to device pixels without rotation or shear, every module is a whole
    // number of device pixels (the symbol may then be slightly smaller than `rect`), so a screen shows it
    // crisp and a printer at 300 dpi gets exact edges. Returns the rectangle actually covered (in logical
    // coordinates), or an empty rectangle when null or `rect` is too small for one device pixel per module.
    QRectF paint(QPainter& painter, const QRectF& rect, const QColor& dark = QColor(Qt::black),
        const QColor& light = QColor(Qt::white)) const;

    // A `side` x `side` image (Format_RGB32 on white; Format_Mono would be smaller but scales badly in
    // viewers). Modules are whole pixels, the leftover is spread into the margin. Null when the code is null
    // or `side` is smaller than sizeWithQuietZone().
    [[nodiscard]] QImage toImage(
        int side, const QColor& dark = QColor(Qt::black), const QColor& light = QColor(Qt::white)) const;

private:
    void paintModules(QPainter& painter, const QPointF& origin, qreal module, const QColor& dark) const;

    int m_size = 0;
    QVector<bool> m_modules; // row-major, m_size * m_size
    QString m_text;
};

} // namespace certdesk::print
