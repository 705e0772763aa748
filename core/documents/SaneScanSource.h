#pragma once

#include "documents/SaneScanner.h"
#include "documents/ScanSource.h"

namespace certdesk::documents {

// ScanSource over SANE in this process (SaneScanner, whose notes apply). CertDesk scans through
// ProcessScanSource, which runs SaneScanner in certdesk-scan-helper: a driver that hangs or crashes cannot
// take the application with it. This one is the in-process yardstick of bench_scan.
class SaneScanSource final : public ScanSource
{
public:
    [[nodiscard]] bool isAvailable() const { return m_scanner.isAvailable(); }

    [[nodiscard]] DocumentResult<QList<ScanDevice>> devices() override { return m_scanner.devices(); }
    [[nodiscard]] DocumentResult<QImage> scan(const ScanOptions& options,
        const std::atomic_bool* cancel = nullptr, const ProgressCallback& progress = {}) override;

private:
    SaneScanner m_scanner;
};

} // namespace certdesk::documents
