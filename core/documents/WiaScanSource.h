#pragma once

// Scanning on Windows through WIA 1.0 (Windows Image Acquisition), where SANE serves Linux. The WIA calls are
// behind WiaDevices: WiaDevicesWin.cpp drives the COM interfaces (IWiaDevMgr, IWiaItem, IWiaDataTransfer),
// tests use a fake. WiaScanSource does the rest on every platform: picks the device, turns ScanOptions into
// WIA item properties, decodes the page the driver hands over (a BMP file) and maps WIA's HRESULTs onto
// DocumentStatus, so that a jam or an empty feeder gets the same message as with SANE. docs/windows.md.

#include "documents/ScanSource.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace certdesk::documents {

struct WiaDeviceInfo
{
    QString id; // WIA_DIP_DEV_ID: "{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\0001"
    QString name; // WIA_DIP_DEV_NAME
    QString vendor; // WIA_DIP_VEND_DESC
    bool scanner = true; // StiDeviceTypeScanner (cameras are not offered)
};

// What one page transfer asks of the driver (WIA item properties).
struct WiaPageRequest
{
    QString deviceId;
    int dpi = 200; // WIA_IPS_XRES, WIA_IPS_YRES
    int dataType = 3; // WIA_IPA_DATATYPE: 3 colour, 2 greyscale, 0 threshold (line art)
    int widthPixels = 0; // WIA_IPS_XEXTENT
    int heightPixels = 0; // WIA_IPS_YEXTENT
};

class WiaDevices
{
public:
    // `percent` 0..100; returns false to cancel the transfer.
    using Progress = std::function<bool(int percent)>;
    // An HRESULT that failed, with where.
    struct Failure
    {
        long hresult = 0;
        QString where;
    };

    virtual ~WiaDevices() = default;
    // The local WIA devices; an empty list when there are none.
    [[nodiscard]] virtual bool list(QList<WiaDeviceInfo>* devices, Failure* failure) = 0;
    // Scans one page into *page as the bytes of a BMP file (TYMED_FILE, WiaImgFmt_BMP).
    [[nodiscard]] virtual bool acquire(
        const WiaPageRequest& request, const Progress& progress, QByteArray* page, Failure* failure)
        = 0;

#ifdef _WIN32
    // WIA 1.0 through COM on this machine.
    [[nodiscard]] static std::unique_ptr<WiaDevices> createSystem();
#endif
};

// HRESULTs this layer knows (wiadef.h; winerror.h), for the fake and the mapping.
namespace wia {
constexpr long GeneralError = long(0x80210001);
constexpr long PaperJam = long(0x80210002);
constexpr long PaperEmpty = long(0x80210003);
constexpr long PaperProblem = long(0x80210004);
constexpr long Offline = long(0x80210005);
constexpr long Busy = long(0x80210006);
constexpr long WarmingUp = long(0x80210007);
constexpr long UserIntervention = long(0x80210008);
constexpr long DeviceCommunication = long(0x8021000A);
constexpr long DeviceLocked = long(0x8021000D);
constexpr long ExceptionInDriver = long(0x8021000E);
constexpr long CoverOpen = long(0x80210016);
constexpr long NoDeviceAvailable = long(0x80210015);
constexpr long AccessDenied = long(0x80070005); // E_ACCESSDENIED
constexpr long Cancelled = long(0x800704C7); // HRESULT_FROM_WIN32(ERROR_CANCELLED)
constexpr long Aborted = long(0x80004004); // E_ABORT
constexpr long False = 1; // S_FALSE: the transfer was cancelled by the callback
} // namespace wia

// The DocumentStatus for a failed WIA call.
[[nodiscard]] DocumentStatus wiaDocumentStatus(long hresult);

class WiaScanSource final : public ScanSource
{
public:
    explicit WiaScanSource(std::unique_ptr<WiaDevices> devices);

    // Devices are named by their WIA device ID (ScanOptions::device); only scanners are listed.
    [[nodiscard]] DocumentResult<QList<ScanDevice>> devices() override;
    [[nodiscard]] DocumentResult<QImage> scan(const ScanOptions& options,
        const std::atomic_bool* cancel = nullptr, const ProgressCallback& progress = {}) override;

private:
    std::unique_ptr<WiaDevices> m_devices;
};

} // namespace certdesk::documents
