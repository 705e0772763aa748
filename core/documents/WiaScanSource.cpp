#include "documents/WiaScanSource.h"

#include <QBuffer>
#include <QImageReader>

#include <cmath>

namespace certdesk::documents {

namespace {

DocumentError failed(const WiaDevices::Failure& failure)
{
    return DocumentError {wiaDocumentStatus(failure.hresult),
        QStringLiteral("WIA %1 failed: HRESULT 0x%2")
            .arg(failure.where)
            .arg(quint32(failure.hresult), 8, 16, QLatin1Char('0'))};
}

// biXPelsPerMeter (offset 38) or biYPelsPerMeter (42) of a BMP file: BITMAPFILEHEADER (14 bytes), then
// BITMAPINFOHEADER (or a larger header starting the same way), little-endian LONGs.
qint32 bmpResolutionField(const QByteArray& bmp, int offset)
{
    if (bmp.size() < offset + 4 || !bmp.startsWith("BM"))
        return 0;
    const auto byte = [&bmp](int at) { return quint32(quint8(bmp.at(at))); };
    return qint32(byte(offset) | byte(offset + 1) << 8 | byte(offset + 2) << 16 | byte(offset + 3) << 24);
}

int millimetresToPixels(double millimetres, int dpi)
{
    return int(std::lround(millimetres / 25.4 * dpi));
}

} // namespace

DocumentStatus wiaDocumentStatus(long hresult)
{
    switch (hresult) {
    case wia::PaperJam:
        return DocumentStatus::ScannerJammed;
    case wia::PaperEmpty:
        return DocumentStatus::ScannerNoPaper;
    case wia::CoverOpen:
        return DocumentStatus::ScannerCoverOpen;
    case wia::Busy:
    case wia::WarmingUp:
    case wia::DeviceLocked:
        return DocumentStatus::ScannerBusy;
    case wia::Offline:
    case wia::NoDeviceAvailable:
        return DocumentStatus::NoScanner;
    case wia::DeviceCommunication:
        return DocumentStatus::ScannerNotResponding;
    case wia::ExceptionInDriver:
        return DocumentStatus::ScannerDriverCrashed;
    case wia::AccessDenied:
        return DocumentStatus::ScannerAccessDenied;
    case wia::Cancelled:
    case wia::Aborted:
    case wia::False:
        return DocumentStatus::Cancelled;
    default:
        return DocumentStatus::ScanFailed;
    }
}

WiaScanSource::WiaScanSource(std::unique_ptr<WiaDevices> devices)
    : m_devices(std::move(devices))
{ }

DocumentResult<QList<ScanDevice>> WiaScanSource::devices()
{
    QList<WiaDeviceInfo> found;
    WiaDevices::Failure failure;
    if (!m_devices || !m_devices->list(&found, &failure))
        return m_devices ? failed(failure)
                         : DocumentError {DocumentStatus::NoScanner, QStringLiteral("no WIA device manager")};
    QList<ScanDevice> devices;
    for (const WiaDeviceInfo& device : std::as_const(found)) {
        if (!device.scanner)
            continue;
        devices.append(ScanDevice {device.id, device.vendor, device.name, QStringLiteral("WIA scanner")});
    }
    return devices;
}

DocumentResult<QImage> WiaScanSource::scan(
    const ScanOptions& options, const std::atomic_bool* cancel, const ProgressCallback& progress)
{
    if (cancel && cancel->load())
        return DocumentError {DocumentStatus::Cancelled, QStringLiteral("cancelled before the scan")};
    auto listed = devices();
    if (!listed)
        return listed.error();
    if (listed->isEmpty())
        return DocumentError {DocumentStatus::NoScanner, QStringLiteral("no WIA scanner")};
    QString deviceId = listed->constFirst().name;
    if (!options.device.isEmpty()) {
        deviceId.clear();
        for (const ScanDevice& device : std::as_const(listed.value()))
            if (device.name == options.device)
                deviceId = device.name;
        if (deviceId.isEmpty())
            return DocumentError {
                DocumentStatus::NoScanner, QStringLiteral("the named WIA scanner is not there")};
    }

    WiaPageRequest request;
    request.deviceId = deviceId;
    request.dpi = options.resolutionDpi > 0 ? options.resolutionDpi : 200;
    switch (options.mode) {
    case ScanColorMode::Color:
        request.dataType = 3; // WIA_DATA_COLOR
        break;
    case ScanColorMode::Gray:
        request.dataType = 2; // WIA_DATA_GRAYSCALE
        break;
    case ScanColorMode::LineArt:
        request.dataType = 0; // WIA_DATA_THRESHOLD
        break;
    }
    request.widthPixels = millimetresToPixels(options.areaMm.width(), request.dpi);
    request.heightPixels = millimetresToPixels(options.areaMm.height(), request.dpi);

    int lastPercent = -1;
    const WiaDevices::Progress onProgress = [&](int percent) {
        if (cancel && cancel->load())
            return false;
        percent = qBound(0, percent, 100);
        if (progress && percent != lastPercent) {
            lastPercent = percent;
            progress(percent);
        }
        return true;
    };
    QByteArray page;
    WiaDevices::Failure failure;
    if (!m_devices->acquire(request, onProgress, &page, &failure)) {
        if (cancel && cancel->load())
            return DocumentError {DocumentStatus::Cancelled, QStringLiteral("WIA transfer cancelled")};
        return failed(failure);
    }
    if (cancel && cancel->load())
        return DocumentError {DocumentStatus::Cancelled, QStringLiteral("WIA transfer cancelled")};

    QBuffer buffer(&page);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, "bmp");
    QImage image = reader.read();
    if (image.isNull())
        return DocumentError {DocumentStatus::ScanFailed,
            QStringLiteral("the WIA driver's page does not decode as BMP: %1").arg(reader.errorString())};
    // Drivers do not always fill in biXPelsPerMeter (Qt then assumes 96 dpi): the resolution asked for is the
    // one scanned.
    const int dotsPerMetre = int(std::lround(request.dpi / 0.0254));
    if (bmpResolutionField(page, 38) <= 0)
        image.setDotsPerMeterX(dotsPerMetre);
    if (bmpResolutionField(page, 42) <= 0)
        image.setDotsPerMeterY(dotsPerMetre);
    if (progress && lastPercent != 100)
        progress(100);
    return image;
}

} // namespace certdesk::documents
