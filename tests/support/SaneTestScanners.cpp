#include "SaneTestScanners.h"

#include <QFile>

namespace certdesk::test {

SaneTestScanners::SaneTestScanners(const QByteArray& helper, const QByteArray& faultBackendDir)
{
    qputenv("SANE_CONFIG_DIR", m_dir.path().toLocal8Bit());
    qputenv("CERTDESK_SCAN_HELPER", helper);
    if (!faultBackendDir.isEmpty()) {
        QByteArray libraryPath = faultBackendDir;
        if (qEnvironmentVariableIsSet("LD_LIBRARY_PATH"))
            libraryPath += ':' + qgetenv("LD_LIBRARY_PATH");
        qputenv("LD_LIBRARY_PATH", libraryPath);
    }
}

bool SaneTestScanners::setBackends(const QByteArray& dllConf)
{
    if (!m_dir.isValid()) {
        m_error = m_dir.errorString();
        return false;
    }
    QFile dll(m_dir.filePath(QStringLiteral("dll.conf")));
    if (!dll.open(QIODevice::WriteOnly | QIODevice::Truncate) || dll.write(dllConf) != dllConf.size()) {
        m_error = dll.errorString();
        return false;
    }
    return true;
}

} // namespace certdesk::test
