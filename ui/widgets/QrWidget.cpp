#include "widgets/QrWidget.h"

#include <QPaintEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace certdesk::ui {

namespace {
// Comfortable size at a normal screen distance; the widget may grow, never shrink below MinModulePixels.
constexpr int PreferredModulePixels = 8;
constexpr int PlaceholderSide = 240;
} // namespace

QrWidget::QrWidget(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("qrWidget"));
    setAccessibleName(tr("QR code"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    updateGeometryForCode();
}

void QrWidget::setText(const QString& text)
{
    if (text == m_code.text() && (text.isEmpty() || !m_code.isNull()))
        return;
    // Medium error correction (15 %): robust against screen glare and moiré without growing the symbol much.
    m_code = text.isEmpty() ? print::QrCode()
                            : print::QrCode::encode(text, print::QrCode::ErrorCorrection::Medium);
    // The URL itself is not announced: it is long and means nothing when read aloud.
    setAccessibleDescription(m_code.isNull() ? QString() : tr("Scan this code with WeChat on your phone."));
    updateGeometryForCode();
    update();
}

void QrWidget::setOverlayText(const QString& text)
{
    if (m_overlay == text)
        return;
    m_overlay = text;
    update();
}

void QrWidget::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    update();
}

int QrWidget::modulePixels() const
{
    if (m_code.isNull())
        return 0;
    const qreal dpr = devicePixelRatioF();
    const int sideDevice = int(std::floor(std::min(width(), height()) * dpr));
    return sideDevice / m_code.sizeWithQuietZone();
}

QSize QrWidget::sizeHint() const
{
    if (m_code.isNull())
        return {PlaceholderSide, PlaceholderSide};
    const int side = m_code.sizeWithQuietZone() * PreferredModulePixels;
    return {side, side};
}

QSize QrWidget::minimumSizeHint() const
{
    if (m_code.isNull())
        return {PlaceholderSide / 2, PlaceholderSide / 2};
    const int side = m_code.sizeWithQuietZone() * MinModulePixels;
    return {side, side};
}

void QrWidget::updateGeometryForCode()
{
    setMinimumSize(minimumSizeHint());
    updateGeometry();
}

void QrWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const int side = std::min(width(), height());
    const QRect square((width() - side) / 2, (height() - side) / 2, side, side);
    if (m_code.isNull()) {
        painter.fillRect(square, palette().color(QPalette::Base));
        painter.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
        painter.drawRect(square.adjusted(0, 0, -1, -1));
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(square.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    // QrCode::paint keeps every module a whole number of device pixels, which is what makes the code crisp;
    // antialiasing would blur the module edges.
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(square, Qt::white);
    const QRectF covered = m_code.paint(painter, square);
    if (!m_overlay.isEmpty()) {
        const QRectF area = covered.isEmpty() ? QRectF(square) : covered;
        painter.fillRect(area, QColor(255, 255, 255, 225));
        QFont f = font();
        f.setBold(true);
        f.setPointSizeF(f.pointSizeF() * 1.3);
        painter.setFont(f);
        painter.setPen(QColor(0xb7, 0x1c, 0x1c));
        painter.drawText(area.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_overlay);
    }
}

} // namespace certdesk::ui
