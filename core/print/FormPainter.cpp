#include "print/FormPainter.h"

#include <QPaintDevice>
#include <QPen>
#include <QStringList>

#include <algorithm>

namespace certdesk::print {

namespace {

constexpr qreal kPaddingMm = 1.8;
constexpr qreal kBodyPt = 10.0;

const QColor kLabelFill(0xf2, 0xf2, 0xf2);
const QColor kHeaderFill(0xdc, 0xdc, 0xdc);
const QColor kRule(0x40, 0x40, 0x40);

QStringList cjkFamilies()
{
    // Named explicitly: the machine's default font may have no CJK glyphs (tofu in the PDF) or differ between
    // the counter PC and the applicant's laptop. Noto ships with Linux packages; YaHei/SimSun with Windows.
    return {QStringLiteral("Noto Sans CJK SC"), QStringLiteral("Noto Serif CJK SC"),
        QStringLiteral("Microsoft YaHei"), QStringLiteral("SimSun")};
}

} // namespace

FormPainter::FormPainter(QPainter& painter, const QRectF& page)
    : m_painter(painter)
    , m_page(page)
    , m_unit(page.width() / PageWidthMm)
    , m_dpi(painter.device() ? painter.device()->logicalDpiY() : 72)
{
    if (m_dpi <= 0)
        m_dpi = 72;
}

QRectF FormPainter::toDevice(const QRectF& mm) const
{
    return {m_page.left() + mm.left() * m_unit, m_page.top() + mm.top() * m_unit, mm.width() * m_unit,
        mm.height() * m_unit};
}

QFont FormPainter::baseFont()
{
    QFont f;
    f.setFamilies(cjkFamilies());
    f.setStyleHint(QFont::SansSerif);
    // Hinting snaps glyphs to the device grid; on a printed page that only distorts the shapes.
    f.setHintingPreference(QFont::PreferNoHinting);
    // With shaping, HarfBuzz substitutes Noto CJK's digits after a Latin letter ("91350100M000100Y43") with
    // alternate glyphs that have no cmap entry; Qt's PDF ToUnicode map is built from the cmap, so those
    // digits vanish from the text layer (pdftotext, copy and paste, screen readers). Chinese and Latin need
    // no shaping.
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

QFont FormPainter::font(qreal pointSize, bool bold) const
{
    QFont f = baseFont();
    // Point sizes are relative to the page, not to the device: a 10 pt label is 3.5 mm high on paper whether
    // the painter draws on a 300 dpi PDF or a small preview image. QPainter converts points with the device's
    // dpi, so scale by (logical units per mm) / (device pixels per mm).
    f.setPointSizeF(pointSize * m_unit * 25.4 / m_dpi);
    f.setBold(bold);
    return f;
}

qreal FormPainter::textHeight(const QString& text, const QFont& font, qreal widthMm) const
{
    if (text.isEmpty())
        return font.pointSizeF() * m_dpi / 72.0 / m_unit;
    m_painter.save();
    m_painter.setFont(font);
    const QRectF bounds = m_painter.boundingRect(
        QRectF(0, 0, widthMm * m_unit, 1e6), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, text);
    m_painter.restore();
    return bounds.height() / m_unit;
}

void FormPainter::text(
    const QRectF& mm, const QString& text, const QFont& font, int flags, const QColor& color)
{
    m_painter.save();
    m_painter.setFont(font);
    m_painter.setPen(color);
    m_painter.drawText(toDevice(mm), flags, text);
    m_painter.restore();
}

void FormPainter::frame(const QRectF& mm, const QColor& fill)
{
    m_painter.save();
    QPen pen(kRule);
    pen.setWidthF(toDevice(0.25));
    pen.setJoinStyle(Qt::MiterJoin);
    m_painter.setPen(pen);
    m_painter.setBrush(fill.isValid() ? QBrush(fill) : QBrush(Qt::NoBrush));
    m_painter.drawRect(toDevice(mm));
    m_painter.restore();
}

void FormPainter::row(const QList<Cell>& cells, qreal minHeightMm)
{
    const QFont body = font(kBodyPt);
    auto cellText
        = [](const Cell& cell) { return cell.required ? QStringLiteral("* ") + cell.text : cell.text; };
    qreal height = minHeightMm;
    for (const Cell& cell : cells)
        height = std::max(
            height, textHeight(cellText(cell), body, cell.widthMm - 2 * kPaddingMm) + 2 * kPaddingMm);

    qreal x = MarginMm;
    for (const Cell& cell : cells) {
        const QRectF rect(x, m_y, cell.widthMm, height);
        frame(rect, cell.style == CellStyle::Label ? kLabelFill : QColor());
        const QRectF inner = rect.adjusted(kPaddingMm, kPaddingMm, -kPaddingMm, -kPaddingMm);
        text(inner, cellText(cell), body, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap);
        x += cell.widthMm;
    }
    m_y += height;
}

void FormPainter::section(const QString& title)
{
    const qreal height = 8.0;
    const QRectF rect(MarginMm, m_y, ContentWidthMm, height);
    frame(rect, kHeaderFill);
    text(rect.adjusted(kPaddingMm, 0, -kPaddingMm, 0), title, font(kBodyPt + 0.5, true),
        Qt::AlignLeft | Qt::AlignVCenter);
    m_y += height;
}

void FormPainter::paragraph(const QString& body, qreal minHeightMm)
{
    const QFont f = font(kBodyPt);
    const qreal width = ContentWidthMm - 4 * kPaddingMm;
    // Line spacing as printed forms use it: the wrapped text plus a little air, never cramped into the frame.
    const qreal height = std::max(minHeightMm, textHeight(body, f, width) + 4 * kPaddingMm);
    const QRectF rect(MarginMm, m_y, ContentWidthMm, height);
    frame(rect, QColor());
    text(rect.adjusted(2 * kPaddingMm, 2 * kPaddingMm, -2 * kPaddingMm, -2 * kPaddingMm), body, f,
        Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap);
    m_y += height;
}

void FormPainter::box(const QRectF& mm, const QString& caption, const QString& content)
{
    frame(mm, QColor());
    const QFont f = font(kBodyPt);
    const QRectF inner = mm.adjusted(kPaddingMm, kPaddingMm, -kPaddingMm, -kPaddingMm);
    text(inner, caption, f, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap);
    if (!content.isEmpty())
        text(inner, content, f, Qt::AlignHCenter | Qt::AlignVCenter | Qt::TextWordWrap);
}

} // namespace certdesk::print
