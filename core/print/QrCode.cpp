#include "print/QrCode.h"

#include <QPainter>
#include <QPainterPath>
#include <QTransform>

#include <qrcodegen.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace certdesk::print {

namespace {

qrcodegen::QrCode::Ecc toEcc(QrCode::ErrorCorrection ecc)
{
    switch (ecc) {
    case QrCode::ErrorCorrection::Low:
        return qrcodegen::QrCode::Ecc::LOW;
    case QrCode::ErrorCorrection::Medium:
        return qrcodegen::QrCode::Ecc::MEDIUM;
    case QrCode::ErrorCorrection::Quartile:
        return qrcodegen::QrCode::Ecc::QUARTILE;
    case QrCode::ErrorCorrection::High:
        return qrcodegen::QrCode::Ecc::HIGH;
    }
    return qrcodegen::QrCode::Ecc::MEDIUM;
}

} // namespace

QrCode QrCode::encode(const QString& text, ErrorCorrection ecc)
{
    const QByteArray utf8 = text.toUtf8();
    QrCode code;
    try {
        // encodeText() reads a C string; a text with an embedded NUL goes in as raw bytes instead.
        const qrcodegen::QrCode qr = utf8.contains('\0')
            ? qrcodegen::QrCode::encodeBinary(
                std::vector<std::uint8_t>(utf8.cbegin(), utf8.cend()), toEcc(ecc))
            : qrcodegen::QrCode::encodeText(utf8.constData(), toEcc(ecc));
        code.m_size = qr.getSize();
        code.m_modules.resize(qsizetype(code.m_size) * code.m_size);
        for (int y = 0; y < code.m_size; ++y)
            for (int x = 0; x < code.m_size; ++x)
                code.m_modules[qsizetype(y) * code.m_size + x] = qr.getModule(x, y);
        code.m_text = text;
    } catch (const std::length_error&) {
        // qrcodegen::data_too_long: more than a version-40 symbol holds. A null code says so to the caller.
        return {};
    }
    return code;
}

bool QrCode::isDark(int x, int y) const
{
    if (x < 0 || y < 0 || x >= m_size || y >= m_size)
        return false;
    return m_modules[qsizetype(y) * m_size + x];
}

void QrCode::paintModules(QPainter& painter, const QPointF& origin, qreal module, const QColor& dark) const
{
    // One path of horizontal runs, filled once: a rasteriser (pdftoppm, a printer driver) then shows no
    // hairline seams between neighbouring modules, which separate fillRect() calls can leave with
    // anti-aliasing.
    QPainterPath path;
    path.setFillRule(Qt::WindingFill);
    for (int y = 0; y < m_size; ++y) {
        int x = 0;
        while (x < m_size) {
            if (!isDark(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < m_size && isDark(x, y))
                ++x;
            path.addRect(
                QRectF(origin.x() + start * module, origin.y() + y * module, (x - start) * module, module));
        }
    }
    painter.fillPath(path, dark);
}

QRectF QrCode::paint(QPainter& painter, const QRectF& rect, const QColor& dark, const QColor& light) const
{
    if (isNull() || rect.isEmpty())
        return {};
    const int total = sizeWithQuietZone();
    const QTransform toDevice = painter.deviceTransform();

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(Qt::NoPen);

    QRectF covered;
    if (toDevice.type() <= QTransform::TxScale && toDevice.m11() > 0 && toDevice.m22() > 0) {
        // Snap to the device grid: draw in device coordinates with a whole number of pixels per module.
        const QRectF device = toDevice.mapRect(rect);
        const int module = int(std::floor(std::min(device.width(), device.height()) / total));
        if (module < 1) {
            painter.restore();
            return {};
        }
        const int side = module * total;
        const QPointF topLeft(
            std::round(device.center().x() - side / 2.0), std::round(device.center().y() - side / 2.0));
        // World' = deviceTransform⁻¹ · world makes world' · view the identity: logical == device coordinates.
        painter.setWorldTransform(toDevice.inverted() * painter.worldTransform());
        const QRectF symbol(topLeft, QSizeF(side, side));
        painter.fillRect(symbol, light);
        paintModules(
            painter, topLeft + QPointF(QuietZoneModules * module, QuietZoneModules * module), module, dark);
        covered = toDevice.inverted().mapRect(symbol);
    } else {
        // Rotated or sheared: no pixel grid to snap to; fractional modules in logical coordinates.
        const qreal module = std::min(rect.width(), rect.height()) / total;
        const qreal side = module * total;
        const QRectF symbol(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side);
        painter.fillRect(symbol, light);
        paintModules(painter,
            symbol.topLeft() + QPointF(QuietZoneModules * module, QuietZoneModules * module), module, dark);
        covered = symbol;
    }
    painter.restore();
    return covered;
}

QImage QrCode::toImage(int side, const QColor& dark, const QColor& light) const
{
    if (isNull() || side < sizeWithQuietZone())
        return {};
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(light);
    QPainter painter(&image);
    paint(painter, QRectF(0, 0, side, side), dark, light);
    painter.end();
    return image;
}

} // namespace certdesk::print
