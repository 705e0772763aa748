#pragma once

#include "documents/DocumentError.h"
#include "documents/ScanOptions.h"

#include <QImage>
#include <QList>

#include <atomic>
#include <functional>

namespace certdesk::documents {

// A source of scanned pages: SANE on Linux (SaneScanSource, ProcessScanSource), WIA on Windows
// (WiaScanSource). The GUI runs scan() in a job off the GUI thread, tests use SANE's "test" backend or a
// fake.
class ScanSource
{
public:
    using ProgressCallback = std::function<void(int percent)>;

    virtual ~ScanSource() = default;

    // The scanners that can be used now (may take seconds: network scanners are probed).
    [[nodiscard]] virtual DocumentResult<QList<ScanDevice>> devices() = 0;
    // Scans one page. `cancel` (may be null) stops the scan with DocumentStatus::Cancelled; `progress` gets
    // 0..100 from the calling thread. The image carries its resolution (dots per metre).
    [[nodiscard]] virtual DocumentResult<QImage> scan(const ScanOptions& options,
        const std::atomic_bool* cancel = nullptr, const ProgressCallback& progress = {})
        = 0;

    // The application is quitting: a scan running now ends at once (ProcessScanSource kills its helper); a
    // source with nothing to stop does nothing.
    virtual void shutdown() { }
};

} // namespace certdesk::documents
