#pragma once

#include "documents/ScanSource.h"

#include <memory>

namespace certdesk::documents {

// The scan source of this platform for the application: on Linux ProcessScanSource (SANE in
// certdesk-scan-helper, started ahead of the first scan), nullptr when the helper is not installed; on
// Windows WiaScanSource over WIA 1.0.
[[nodiscard]] std::unique_ptr<ScanSource> createPlatformScanSource();

} // namespace certdesk::documents
