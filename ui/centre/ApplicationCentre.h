#pragma once

#include "centre/CentreServices.h"
#include "centre/CentreSession.h"
#include "domain/FieldError.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;

namespace certdesk::api {
class ApiClient;
}

namespace certdesk::ui {

class DocumentsPage;
class LetterPage;
class LivenessPage;
class PaymentPage;
class StatusPage;

// The applicant's application centre (办理进度 / 个人中心) for one submitted application: order number,
// status, the guide's step list with the current step, and the pages for everything after the form: 办理进度
// (status, timeline, rejection fixes, shipment), 打印申请书, 上传资料, 身份认证 and 在线支付. Loads GET
// /applications/{id} on creation, on refresh() and whenever a page changed something on the service.
class ApplicationCentre : public QWidget
{
    Q_OBJECT
public:
    enum Page
    {
        StatusTab,
        LetterTab,
        DocumentsTab,
        LivenessTab,
        PaymentTab
    };

    // `services` pointers must outlive the centre. The access token is never logged.
    ApplicationCentre(api::ApiClient* api, const QString& applicationId, const QString& accessToken,
        const CentreServices& services, QWidget* parent = nullptr);

    [[nodiscard]] CentreSession* session() const { return m_session; }
    [[nodiscard]] QString applicationId() const { return m_session->applicationId(); }
    [[nodiscard]] StatusPage* statusPage() const { return m_status; }
    [[nodiscard]] LetterPage* letterPage() const { return m_letter; }
    [[nodiscard]] DocumentsPage* documentsPage() const { return m_documents; }
    [[nodiscard]] LivenessPage* livenessPage() const { return m_liveness; }
    [[nodiscard]] PaymentPage* paymentPage() const { return m_payment; }
    [[nodiscard]] QTabWidget* tabs() const { return m_tabs; }
    [[nodiscard]] Page currentPage() const;
    [[nodiscard]] CentreStep currentStep() const;

public Q_SLOTS:
    void refresh();
    void showPage(Page page);
    // The documents page, with the slot of `kind` highlighted.
    void showDocument(certdesk::DocumentKind kind);

Q_SIGNALS:
    // Open the wizard on this application (status draft or rejected); `errors` go to their fields.
    void editRequested(const certdesk::FieldErrors& errors);
    void helpRequested(const QString& topic);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void updateHeader();

    CentreSession* m_session;
    QLabel* m_title;
    QLabel* m_category;
    QLabel* m_statusBadge;
    QList<QLabel*> m_steps;
    QLabel* m_error;
    QPushButton* m_refresh;
    QPushButton* m_help;
    QTabWidget* m_tabs;
    StatusPage* m_status;
    LetterPage* m_letter;
    DocumentsPage* m_documents;
    LivenessPage* m_liveness;
    PaymentPage* m_payment;
    bool m_pageChosen = false;
    bool m_shownOnce = false;
};

} // namespace certdesk::ui
