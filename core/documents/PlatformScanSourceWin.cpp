#include "documents/PlatformScanSource.h"

#include "documents/WiaScanSource.h"

namespace certdesk::documents {

std::unique_ptr<ScanSource> createPlatformScanSource()
{
    return std::make_unique<WiaScanSource>(WiaDevices::createSystem());
}

} // namespace certdesk::documents
