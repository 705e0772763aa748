#pragma once

#include <QFont>
#include <QList>
#include <QPainter>
#include <QRectF>
#include <QString>

namespace certdesk::print {

// Internal drawing helper shared by the printed forms: millimetre coordinates on an A4 page, bordered table
// rows that grow with wrapped text, section headers and signature/seal boxes. Not a public API.
class FormPainter
{
public:
    static constexpr qreal PageWidthMm = 210.0;
    static constexpr qreal PageHeightMm = 297.0;
    static constexpr qreal MarginMm = 15.0;
    static constexpr qreal ContentWidthMm = PageWidthMm - 2 * MarginMm;

    enum class CellStyle
    {
        Label,
        Value,
        Text
    };

    struct Cell
    {
        QString text;
        qreal widthMm = 0;
        CellStyle style = CellStyle::Value;
        bool required = false; // labels of required fields carry the guide's "*"
    };

    // `page` is the whole A4 sheet in the painter's logical coordinates.
    FormPainter(QPainter& painter, const QRectF& page);

    [[nodiscard]] QPainter& painter() { return m_painter; }
    [[nodiscard]] qreal toDevice(qreal mm) const { return mm * m_unit; }
    [[nodiscard]] QRectF toDevice(const QRectF& mm) const;
    // The forms' font: CJK families named explicitly, no hinting, no shaping (see the .cpp for why).
    [[nodiscard]] static QFont baseFont();
    // The CJK-capable font at `pointSize` on the printed page, whatever the paint device's resolution.
    [[nodiscard]] QFont font(qreal pointSize, bool bold = false) const;

    // Cursor: top of the next block, in mm from the top of the sheet.
    [[nodiscard]] qreal y() const { return m_y; }
    void setY(qreal mm) { m_y = mm; }
    void skip(qreal mm) { m_y += mm; }

    // Height in mm that `text` needs in `widthMm` with `font`, word-wrapped (CJK wraps between any
    // characters).
    [[nodiscard]] qreal textHeight(const QString& text, const QFont& font, qreal widthMm) const;
    // Draws text into a rectangle given in mm; returns nothing, the caller owns the layout.
    void text(
        const QRectF& mm, const QString& text, const QFont& font, int flags, const QColor& color = Qt::black);

    // A full-width row of cells starting at the cursor; its height fits the tallest wrapped cell (at least
    // `minHeightMm`). Advances the cursor.
    void row(const QList<Cell>& cells, qreal minHeightMm = 9.0);
    // A full-width shaded header row ("证书信息（带*为必填项）").
    void section(const QString& title);
    // A bordered paragraph across the content width. Advances the cursor.
    void paragraph(const QString& text, qreal minHeightMm = 18.0);
    // A bordered box with a caption at its top-left and optional text near the bottom (seal, signature,
    // date).
    void box(const QRectF& mm, const QString& caption, const QString& content = {});

private:
    void frame(const QRectF& mm, const QColor& fill);

    QPainter& m_painter;
    QRectF m_page;
    qreal m_unit; // device units per mm
    qreal m_dpi; // the device's logical dpi, for point sizes
    qreal m_y = MarginMm;
};

} // namespace certdesk::print
