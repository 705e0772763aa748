#include "counter/CounterDesk.h"

#include "walkin/WalkInPage.h"

#include "counter/CounterSession.h"
#include "counter/IssuancePage.h"
#include "counter/PaymentsPage.h"
#include "counter/ReviewQueuePage.h"
#include "counter/ShipmentPage.h"
#include "counter/StaffLoginPage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace certdesk::ui {

CounterDesk::CounterDesk(
    api::ApiClient* api, const RegionModel& regions, const CounterServices& services, QWidget* parent)
    : QWidget(parent)
    , m_session(new CounterSession(api, regions, this))
    , m_identity(new QLabel(this))
    , m_newApplication(new QPushButton(tr("New application for a walk-in applicant"), this))
    , m_home(new QPushButton(tr("Applicant home"), this))
    , m_logout(new QPushButton(tr("Sign out"), this))
    , m_stack(new QStackedWidget(this))
    , m_login(new StaffLoginPage(m_session, m_stack))
    , m_tabs(new QTabWidget(m_stack))
    , m_review(new ReviewQueuePage(m_session, m_tabs))
    , m_payments(new PaymentsPage(m_session, m_tabs))
    , m_issuance(new IssuancePage(m_session, m_tabs))
    , m_shipment(new ShipmentPage(m_session, m_tabs))
{
    setObjectName(QStringLiteral("counterDesk"));
    m_session->setServices(services);
    m_identity->setObjectName(QStringLiteral("staffIdentity"));
    m_identity->setTextFormat(Qt::PlainText);
    m_newApplication->setObjectName(QStringLiteral("walkInApplicationButton"));
    m_newApplication->setAccessibleName(tr("Fill in a new application for a walk-in applicant"));
    m_home->setObjectName(QStringLiteral("applicantHomeButton"));
    m_home->setAccessibleName(tr("Go to the applicant home page"));
    m_logout->setObjectName(QStringLiteral("staffLogoutButton"));
    m_logout->setAccessibleName(tr("Sign out"));
    m_tabs->setObjectName(QStringLiteral("counterTabs"));
    m_tabs->insertTab(ReviewTab, m_review, tr("Review"));
    m_tabs->insertTab(PaymentsTab, m_payments, tr("Transfers"));
    m_tabs->insertTab(IssuanceTab, m_issuance, tr("Program UKey"));
    m_tabs->insertTab(ShipmentTab, m_shipment, tr("Shipment"));
    m_walkIn = new WalkInPage(api, m_tabs);
    m_tabs->insertTab(WalkInTab, m_walkIn, tr("Walk-in applicant"));
    connect(m_walkIn, &WalkInPage::continueWithCode, this, &CounterDesk::walkInContinueRequested);
    m_stack->addWidget(m_login);
    m_stack->addWidget(m_tabs);

    auto* bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("counterBar"));
    bar->setStyleSheet(QStringLiteral("QWidget#counterBar { background: #e3f2fd; }"));
    auto* barLayout = new QHBoxLayout(bar);
    barLayout->setContentsMargins(8, 4, 8, 4);
    auto* title = new QLabel(tr("Counter desk"), bar);
    QFont f = title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    title->setFont(f);
    barLayout->addWidget(title);
    barLayout->addWidget(m_identity, 1);
    barLayout->addWidget(m_newApplication);
    barLayout->addWidget(m_home);
    barLayout->addWidget(m_logout);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(bar);
    layout->addWidget(m_stack, 1);

    connect(m_newApplication, &QPushButton::clicked, this, &CounterDesk::newApplicationRequested);
    connect(m_home, &QPushButton::clicked, this, &CounterDesk::applicantHomeRequested);
    connect(m_logout, &QPushButton::clicked, this, &CounterDesk::logout);
    connect(m_session, &CounterSession::loggedIn, this, &CounterDesk::loggedIn);
    connect(m_session, &CounterSession::sessionExpired, this, [this] {
        m_login->setNotice(
            tr("Your staff session has expired. Sign in again to continue; the desk stays as it "
               "was."));
        m_identity->clear();
        m_logout->setEnabled(false);
        m_stack->setCurrentWidget(m_login);
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &CounterDesk::refreshCurrent);
    // What one tab changes shows up in the others when they are opened (they refresh then).
    m_logout->setEnabled(false);
    m_stack->setCurrentWidget(m_login);
}

CounterDesk::~CounterDesk() = default;

void CounterDesk::setServices(const CounterServices& services)
{
    m_session->setServices(services);
}

bool CounterDesk::isShowingLogin() const
{
    return m_stack->currentWidget() == m_login;
}

void CounterDesk::showTab(Tab tab)
{
    if (m_tabs->currentIndex() == tab)
        refreshCurrent();
    else
        m_tabs->setCurrentIndex(tab);
}

void CounterDesk::loggedIn()
{
    QStringList roles;
    for (const QString& role : m_session->roles())
        roles << CounterSession::roleDisplayName(role);
    const QTimeZone shanghai("Asia/Shanghai");
    m_identity->setText(
        tr("Signed in as %1 (%2) until %3")
            .arg(m_session->username(), roles.join(tr(", ")),
                m_session->expiresAt().toTimeZone(shanghai).toString(QStringLiteral("HH:mm"))));
    m_logout->setEnabled(true);
    m_stack->setCurrentWidget(m_tabs);
    // A reviewer starts at the review queue, a counter clerk at programming (after an expired session the
    // tab stays where it was).
    if (m_session->hasRole(QStringLiteral("counter")) && !m_session->hasRole(QStringLiteral("reviewer"))
        && m_tabs->currentIndex() == ReviewTab)
        m_tabs->setCurrentIndex(IssuanceTab);
    refreshCurrent();
}

void CounterDesk::refreshCurrent()
{
    if (!m_session->isLoggedIn())
        return;
    switch (m_tabs->currentIndex()) {
    case ReviewTab:
        m_review->refresh();
        break;
    case PaymentsTab:
        m_payments->refresh();
        break;
    case IssuanceTab:
        m_issuance->refresh();
        break;
    case ShipmentTab:
        m_shipment->refresh();
        break;
    default:
        break;
    }
}

void CounterDesk::logout()
{
    m_session->logout();
    m_identity->clear();
    m_logout->setEnabled(false);
    m_login->setNotice({});
    m_stack->setCurrentWidget(m_login);
}

} // namespace certdesk::ui
