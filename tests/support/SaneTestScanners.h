#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

namespace certdesk::test {

// The scanners of a scan test: a temporary SANE configuration directory (SANE_CONFIG_DIR) whose dll.conf
// lists the backends a test wants — "test" is SANE's virtual scanner (Debian's own dll.conf has it commented
// out), "cdfault" the misbehaving backend of tests/support/sane-fault-backend — and the environment that
// makes ProcessScanSource find certdesk-scan-helper and SANE's dll backend find the fault backend (it looks
// in LD_LIBRARY_PATH's directories before its own). The helper processes inherit all of it; each reads
// dll.conf anew, so setBackends() between scans changes which scanner comes first.
class SaneTestScanners
{
public:
    // `helper`: the certdesk-scan-helper executable; `faultBackendDir`: the directory of libsane-cdfault.so.1
    // (empty when the test does not use it).
    SaneTestScanners(const QByteArray& helper, const QByteArray& faultBackendDir = {});

    // False (with errorString()) when the directory or dll.conf cannot be written.
    [[nodiscard]] bool setBackends(const QByteArray& dllConf);
    [[nodiscard]] QString errorString() const { return m_error; }
    [[nodiscard]] QString path() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    QString m_error;
};

} // namespace certdesk::test
