#pragma once

#include "domain/Checklist.h"
#include "domain/FieldError.h"

#include <QWidget>

class QGroupBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QVBoxLayout;

namespace certdesk::ui {

class CentreSession;
class OldCertificateStatusLabel;

// The display name of a rejection target ("field:agent.mobile" -> 经办人 移动电话,
// "document:business_license" -> 营业执照扫描件); the target itself when it is not known.
[[nodiscard]] QString rejectionTargetLabel(const QString& target, CertificateCategory category);
// "field:agent.mobile" -> a FieldError for "agent.mobile" with code "rejected" and `message`; nullopt for
// other targets.
[[nodiscard]] std::optional<FieldError> rejectionFieldError(const RejectionReason& reason);

// 办理进度 (the guide's 个人中心): what the status means and what comes next, the reviewer's rejection
// reasons each leading to its field (the wizard opens there) or document slot, resubmission after the fixes
// (no second payment), the courier and tracking number once mailed, and the timeline in Asia/Shanghai time.
class StatusPage : public QWidget
{
    Q_OBJECT
public:
    explicit StatusPage(CentreSession* session, QWidget* parent = nullptr);

    [[nodiscard]] QString resultText() const;

public Q_SLOTS:
    void resubmit();

Q_SIGNALS:
    // Open the wizard on this application; `errors` (may be empty) are shown at their fields.
    void editRequested(const certdesk::FieldErrors& errors);
    void documentRequested(certdesk::DocumentKind kind);

private:
    void updateFromApplication();
    void rebuildReasons();

    CentreSession* m_session;
    QLabel* m_explanation;
    // After issuance: the old certificate's status from the CA's OCSP responder.
    OldCertificateStatusLabel* m_oldCertificate;
    QGroupBox* m_rejectionBox;
    QVBoxLayout* m_reasonsLayout;
    QLabel* m_rejectionHint;
    QPushButton* m_edit;
    QPushButton* m_resubmit;
    QLabel* m_result;
    QGroupBox* m_shipmentBox;
    QLabel* m_carrier;
    QLabel* m_trackingNo;
    QPushButton* m_copyTracking;
    QTreeWidget* m_timeline;
    QList<RejectionReason> m_shownReasons;
    bool m_busy = false;
};

} // namespace certdesk::ui
