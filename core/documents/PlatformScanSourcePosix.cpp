#include "documents/PlatformScanSource.h"

#include "documents/ProcessScanSource.h"

namespace certdesk::documents {

std::unique_ptr<ScanSource> createPlatformScanSource()
{
    auto helper = ProcessScanSource::createDefault();
    // A helper starts now, so that the first scan does not wait for one.
    if (helper)
        helper->prepare();
    return helper;
}

} // namespace certdesk::documents
