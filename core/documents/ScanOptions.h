#pragma once

#include <QList>
#include <QPair>
#include <QSizeF>
#include <QString>

namespace certdesk::documents {

enum class ScanColorMode
{
    Color,
    Gray,
    LineArt
};

struct ScanOptions
{
    // The device to use, as devices() names it ("test:0", "epson2:libusb:001:004"); empty = the first one.
    QString device;
    // 200 dpi keeps a stamped A4 form legible (the normaliser keeps no more than that anyway).
    int resolutionDpi = 200;
    ScanColorMode mode = ScanColorMode::Color;
    // The scan area from the glass's top-left corner; clamped to what the device can scan.
    QSizeF areaMm {210.0, 297.0};
    // Device-specific settings by option name, applied after the standard ones (e.g. SANE's test backend:
    // {"test-picture", "Color pattern"}). Unknown or inactive options are ignored.
    QList<QPair<QString, QString>> deviceOptions;
};

struct ScanDevice
{
    QString name; // to pass as ScanOptions::device
    QString vendor;
    QString model;
    QString type; // "flatbed scanner", "sheetfed scanner", "virtual device", ...

    [[nodiscard]] QString displayName() const
    {
        return vendor.isEmpty() ? model : vendor + QLatin1Char(' ') + model;
    }
};

} // namespace certdesk::documents
