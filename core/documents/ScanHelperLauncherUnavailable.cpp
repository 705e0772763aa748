// ScanHelperLauncher where there is no fork(2): Windows, which scans through WIA (WiaScanSource) and has no
// certdesk-scan-helper.
#include "documents/ScanHelperLauncher.h"

namespace certdesk::documents {

class ScanHelperLauncher::Connection
{
};

ScanHelperLauncher::ScanHelperLauncher(QString executable)
    : m_executable(std::move(executable))
{ }

ScanHelperLauncher::~ScanHelperLauncher() = default;

std::unique_ptr<ScanHelperProcess> ScanHelperLauncher::start(const SharedScanPage*, const QStringList&)
{
    return ScanHelperProcess::failed(
        QStringLiteral("no scan helper on this platform (it scans through WIA)"));
}

void ScanHelperLauncher::killAll(int) { }

} // namespace certdesk::documents
