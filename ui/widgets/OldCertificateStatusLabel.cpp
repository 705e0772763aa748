#include "widgets/OldCertificateStatusLabel.h"

#include "domain/CaContact.h"

#include <QTimeZone>

namespace certdesk::ui {

OldCertificateStatusLabel::OldCertificateStatusLabel(QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("oldCertificateStatus"));
    setAccessibleName(tr("Old certificate status"));
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setVisible(false);
}

void OldCertificateStatusLabel::reset()
{
    ++m_generation;
    m_serial.clear();
    m_status.reset();
    clear();
    setVisible(false);
}

void OldCertificateStatusLabel::check(api::ApiClient* api, const QString& serialHex)
{
    const int generation = ++m_generation;
    m_serial = serialHex;
    m_status.reset();
    setVisible(true);
    setText(tr("Old certificate %1: asking the CA for its status…").arg(serialHex));
    if (!api)
        return;
    issuance::checkOldCertificate(
        api, serialHex, this, [this, generation](const issuance::OldCertificateStatus& status) {
            if (generation != m_generation)
                return;
            show(status);
        });
}

void OldCertificateStatusLabel::show(const issuance::OldCertificateStatus& status)
{
    m_status = status;
    using Outcome = issuance::OldCertificateStatus::Outcome;
    QString text;
    switch (status.outcome) {
    case Outcome::ServiceError:
        text = tr("Old certificate %1: its status could not be checked (%2).")
                   .arg(m_serial, status.error.userMessage());
        break;
    case Outcome::InvalidResponse:
        text = tr(
            "Old certificate %1: the CA's status answer failed the signature checks, so it is not shown. "
            "Call the CA's hotline %2.")
                   .arg(m_serial, caHotline());
        break;
    case Outcome::Checked:
        switch (status.status) {
        case pki::OcspCertStatus::Good:
            text = tr("Old certificate %1: still valid (not revoked), according to the CA's OCSP responder.")
                       .arg(m_serial);
            break;
        case pki::OcspCertStatus::Revoked: {
            const QString when = status.revokedAt.toTimeZone(QTimeZone(QByteArrayLiteral("Asia/Shanghai")))
                                     .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
            // RFC 5280 §5.3.1 CRLReason 4 = superseded: replaced by the new certificates.
            text = status.reason == 4
                ? tr("Old certificate %1: revoked on %2, replaced by the new certificates (CA's OCSP "
                     "responder).")
                      .arg(m_serial, when)
                : tr("Old certificate %1: revoked on %2 (CA's OCSP responder).").arg(m_serial, when);
            break;
        }
        case pki::OcspCertStatus::Unknown:
            text = tr("Old certificate %1: the CA's OCSP responder does not know this certificate.")
                       .arg(m_serial);
            break;
        }
        break;
    }
    setText(text);
    Q_EMIT checked();
}

} // namespace certdesk::ui
