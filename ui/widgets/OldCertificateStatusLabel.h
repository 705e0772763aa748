#pragma once

#include "issuance/OldCertificateCheck.h"

#include <QLabel>

#include <optional>

namespace certdesk::api {
class ApiClient;
}

namespace certdesk::ui {

// One line saying what the CA's OCSP responder answers about the old certificate after issuance: still
// valid, revoked (when, why), unknown, or that it could not be checked. The answer is verified in core
// (issuance/OldCertificateCheck) before it is shown. objectName "oldCertificateStatus".
class OldCertificateStatusLabel : public QLabel
{
    Q_OBJECT
public:
    explicit OldCertificateStatusLabel(QWidget* parent = nullptr);

    // Asks again for `serialHex` (an earlier answer still in flight is ignored).
    void check(api::ApiClient* api, const QString& serialHex);
    // Hides the line and forgets the serial.
    void reset();
    [[nodiscard]] const QString& serial() const { return m_serial; }
    [[nodiscard]] const std::optional<issuance::OldCertificateStatus>& lastStatus() const { return m_status; }

Q_SIGNALS:
    void checked();

private:
    void show(const issuance::OldCertificateStatus& status);

    QString m_serial;
    std::optional<issuance::OldCertificateStatus> m_status;
    int m_generation = 0;
};

} // namespace certdesk::ui
