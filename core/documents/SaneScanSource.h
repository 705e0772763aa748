#pragma once

#include "documents/ScanSource.h"

namespace certdesk::documents {

// ScanSource over SANE (Scanner Access Now Easy, libsane from sane-backends): every scanner SANE supports on
// Linux, including network scanners (escl, airscan). SANE is initialised for as long as an instance lives;
// all SANE calls of the process are serialised, since backends are not thread-safe.
//
// Backends are found through dll.conf in the SANE configuration directories; the SANE_CONFIG_DIR environment
// variable (read by sane_init, i.e. when the first instance is created) replaces them, e.g. with a directory
// whose dll.conf lists only "test" for SANE's virtual test scanner (devices "test:0", "test:1").
class SaneScanSource final : public ScanSource
{
public:
    SaneScanSource();
    ~SaneScanSource() override;
    SaneScanSource(const SaneScanSource&) = delete;
    SaneScanSource& operator=(const SaneScanSource&) = delete;

    // False when sane_init failed (no libsane backends at all); devices() and scan() then fail.
    [[nodiscard]] bool isAvailable() const { return m_initialised; }

    [[nodiscard]] DocumentResult<QList<ScanDevice>> devices() override;
    [[nodiscard]] DocumentResult<QImage> scan(const ScanOptions& options,
        const std::atomic_bool* cancel = nullptr, const ProgressCallback& progress = {}) override;

private:
    bool m_initialised = false;
};

} // namespace certdesk::documents
