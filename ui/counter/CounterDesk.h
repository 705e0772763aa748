#pragma once

#include "counter/CounterServices.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace certdesk {
class RegionModel;
namespace api {
class ApiClient;
}
} // namespace certdesk

namespace certdesk::ui {

class CounterSession;
class IssuancePage;
class PaymentsPage;
class ReviewQueuePage;
class ShipmentPage;
class StaffLoginPage;
class WalkInPage;

// 柜台 (`certdesk --counter`): staff sign-in, then the review queue, corporate transfers to confirm, UKey
// programming and shipment, one tab each; a bar on top names the clerk and the roles, offers the applicant
// side (a clerk also fills in forms for walk-in applicants) and signs out. When the staff session expires the
// sign-in comes back, and after it the desk continues where it was.
class CounterDesk : public QWidget
{
    Q_OBJECT
public:
    enum Tab
    {
        ReviewTab,
        PaymentsTab,
        IssuanceTab,
        ShipmentTab,
        WalkInTab
    };

    // `api` may be null (no service configured: the sign-in says so).
    CounterDesk(api::ApiClient* api, const RegionModel& regions, const CounterServices& services,
        QWidget* parent = nullptr);
    ~CounterDesk() override;

    // Replaces the services (tests pass fakes); call before signing in.
    void setServices(const CounterServices& services);

    [[nodiscard]] CounterSession* session() const { return m_session; }
    [[nodiscard]] StaffLoginPage* loginPage() const { return m_login; }
    [[nodiscard]] ReviewQueuePage* reviewPage() const { return m_review; }
    [[nodiscard]] PaymentsPage* paymentsPage() const { return m_payments; }
    [[nodiscard]] IssuancePage* issuancePage() const { return m_issuance; }
    [[nodiscard]] ShipmentPage* shipmentPage() const { return m_shipment; }
    [[nodiscard]] WalkInPage* walkInPage() const { return m_walkIn; }
    [[nodiscard]] bool isShowingLogin() const;
    void showTab(Tab tab);

public Q_SLOTS:
    void logout();

Q_SIGNALS:
    // The clerk wants the applicant side: the home page, or a new form for a walk-in applicant.
    void applicantHomeRequested();
    void newApplicationRequested();
    // A walk-in's application found: send the applicant the 个人中心 code for `mobile` and continue there.
    void walkInContinueRequested(const QString& mobile);

private:
    void loggedIn();
    void refreshCurrent();

    CounterSession* m_session;
    QLabel* m_identity;
    QPushButton* m_newApplication;
    QPushButton* m_home;
    QPushButton* m_logout;
    QStackedWidget* m_stack;
    StaffLoginPage* m_login;
    QTabWidget* m_tabs;
    WalkInPage* m_walkIn = nullptr;
    ReviewQueuePage* m_review;
    PaymentsPage* m_payments;
    IssuancePage* m_issuance;
    ShipmentPage* m_shipment;
};

} // namespace certdesk::ui
