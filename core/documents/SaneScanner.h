#pragma once

#include "documents/DocumentError.h"
#include "documents/ScanFrame.h"
#include "documents/ScanOptions.h"

#include <QList>

#include <atomic>
#include <functional>

namespace certdesk::documents {

// Scanners through SANE (Scanner Access Now Easy, libsane from sane-backends): every scanner SANE supports on
// Linux, including network scanners (escl, airscan). It lists devices and reads pages as frames; it builds no
// images (SaneScanSource and ProcessScanSource do, with assembleScan), so that certdesk-scan-helper, which
// runs it, needs nothing of Qt but Qt Core. SANE is initialised for as long as an instance lives; all SANE
// calls of the process are serialised, since backends are not thread-safe.
//
// Backends are found through dll.conf in the SANE configuration directories; the SANE_CONFIG_DIR environment
// variable (read by sane_init, i.e. when the first instance is created) replaces them, e.g. with a directory
// whose dll.conf lists only "test" for SANE's virtual test scanner (devices "test:0", "test:1").
class SaneScanner
{
public:
    using ProgressCallback = std::function<void(int percent)>;

    SaneScanner();
    ~SaneScanner();
    SaneScanner(const SaneScanner&) = delete;
    SaneScanner& operator=(const SaneScanner&) = delete;

    // False when sane_init failed (no libsane backends at all); devices() and scanFrames() then fail.
    [[nodiscard]] bool isAvailable() const { return m_initialised; }

    // With deferred close, scanFrames() returns with the device still open; it is closed (sane_cancel,
    // sane_close) at the next call or when this scanner is destroyed. certdesk-scan-helper uses it to hand
    // the result to its caller before a driver can block in sane_cancel: SANE's thread-based readers are
    // cancelled asynchronously there, which can deadlock on the C library's locks.
    void setDeferredClose(bool deferred) { m_deferClose = deferred; }

    // The scanners that can be used now (may take seconds: network scanners are probed).
    [[nodiscard]] DocumentResult<QList<ScanDevice>> devices();

    // Where scanFrames() delivers a page as it is read: each frame's layout, then its bytes in pieces.
    struct FrameSink
    {
        std::function<void(const ScanFrame&)> frame;
        std::function<void(const char* data, qsizetype size)> data;
    };
    // Scans one page; the page's resolution in dots per metre. `cancel` (may be null) stops the scan with
    // DocumentStatus::Cancelled. Progress stops at the last byte read: 100 is the caller's to report once the
    // image exists.
    [[nodiscard]] DocumentResult<int> scanFrames(const ScanOptions& options, const std::atomic_bool* cancel,
        const ProgressCallback& progress, const FrameSink& sink);

private:
    void closePending();

    bool m_initialised = false;
    bool m_deferClose = false;
    void* m_pendingClose = nullptr; // SANE_Handle of the last scan, with deferred close
};

} // namespace certdesk::documents
