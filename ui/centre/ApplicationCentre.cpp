#include "centre/ApplicationCentre.h"

#include "centre/DocumentsPage.h"
#include "centre/LetterPage.h"
#include "centre/LivenessPage.h"
#include "centre/PaymentPage.h"
#include "centre/StatusPage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace certdesk::ui {

ApplicationCentre::ApplicationCentre(api::ApiClient* api, const QString& applicationId,
    const QString& accessToken, const CentreServices& services, QWidget* parent)
    : QWidget(parent)
    , m_session(new CentreSession(api, applicationId, accessToken, services, this))
    , m_title(new QLabel(this))
    , m_category(new QLabel(this))
    , m_statusBadge(new QLabel(this))
    , m_error(new QLabel(this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_help(new QPushButton(tr("FAQ"), this))
    , m_tabs(new QTabWidget(this))
    , m_status(new StatusPage(m_session, m_tabs))
    , m_letter(new LetterPage(m_session, m_tabs))
    , m_documents(new DocumentsPage(m_session, m_tabs))
    , m_liveness(new LivenessPage(m_session, m_tabs))
    , m_payment(new PaymentPage(m_session, m_tabs))
{
    setObjectName(QStringLiteral("applicationCentre"));
    m_title->setObjectName(QStringLiteral("centreTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_category->setObjectName(QStringLiteral("centreCategory"));
    m_statusBadge->setObjectName(QStringLiteral("centreStatus"));
    m_statusBadge->setAccessibleName(tr("Status"));
    m_error->setObjectName(QStringLiteral("centreError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("background: #ffcdd2; color: #b71c1c; padding: 6px;"));
    m_error->setVisible(false);
    m_refresh->setObjectName(QStringLiteral("centreRefreshButton"));
    m_refresh->setAccessibleDescription(tr("Asks the CA for the application's current state"));
    m_help->setObjectName(QStringLiteral("centreHelpButton"));
    m_help->setAccessibleDescription(tr("The guide and answers to common questions"));
    m_help->setAccessibleName(tr("Frequently asked questions and contact"));

    auto* header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addSpacing(12);
    header->addWidget(m_category);
    header->addSpacing(12);
    header->addWidget(m_statusBadge);
    header->addStretch();
    header->addWidget(m_refresh);
    header->addWidget(m_help);

    // The guide's progress bar (录入信息 → 打印申请表 → 上传资料 → 在线支付 ...), plus review and mailing.
    auto* steps = new QHBoxLayout;
    steps->setSpacing(4);
    for (int i = 0; i < CentreStepCount; ++i) {
        if (i > 0) {
            auto* arrow = new QLabel(QStringLiteral("→"), this);
            arrow->setStyleSheet(QStringLiteral("color: #90a4ae;"));
            steps->addWidget(arrow);
        }
        auto* step = new QLabel(centreStepName(CentreStep(i)), this);
        step->setObjectName(QStringLiteral("centreStep_%1").arg(i));
        step->setAlignment(Qt::AlignCenter);
        steps->addWidget(step);
        m_steps.append(step);
    }
    steps->addStretch();

    m_tabs->setObjectName(QStringLiteral("centreTabs"));
    m_tabs->setAccessibleName(tr("Steps of the application"));
    m_tabs->addTab(m_status, tr("Progress"));
    m_tabs->addTab(m_letter, tr("Print application form"));
    m_tabs->addTab(m_documents, tr("Upload documents"));
    m_tabs->addTab(m_liveness, tr("Identity check"));
    m_tabs->addTab(m_payment, tr("Online payment"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addLayout(header);
    layout->addLayout(steps);
    layout->addWidget(m_error);
    layout->addWidget(m_tabs, 1);

    connect(m_refresh, &QPushButton::clicked, this, &ApplicationCentre::refresh);
    connect(m_help, &QPushButton::clicked, this, [this] { Q_EMIT helpRequested({}); });
    connect(m_session, &CentreSession::applicationChanged, this, &ApplicationCentre::updateHeader);
    connect(m_session, &CentreSession::loadFailed, this, [this](const QString& message) {
        m_error->setText(message);
        m_error->setVisible(true);
    });
    connect(m_session, &CentreSession::loadingChanged, m_refresh,
        [this](bool loading) { m_refresh->setEnabled(!loading); });
    connect(m_status, &StatusPage::editRequested, this, &ApplicationCentre::editRequested);
    connect(m_status, &StatusPage::documentRequested, this, &ApplicationCentre::showDocument);
    connect(m_letter, &LetterPage::nextRequested, this, [this] { showPage(DocumentsTab); });
    connect(m_documents, &DocumentsPage::nextRequested, this, [this] { showPage(LivenessTab); });
    connect(m_documents, &DocumentsPage::templateRequested, m_letter,
        [this] { (void)m_letter->saveESealTemplate(); });
    connect(m_liveness, &LivenessPage::nextRequested, this, [this] { showPage(PaymentTab); });
    updateHeader();
    m_session->refresh();
}

ApplicationCentre::Page ApplicationCentre::currentPage() const
{
    return Page(m_tabs->currentIndex());
}

CentreStep ApplicationCentre::currentStep() const
{
    return m_session->isLoaded() ? currentCentreStep(m_session->application()) : CentreStep::Form;
}

void ApplicationCentre::refresh()
{
    m_session->refresh();
}

void ApplicationCentre::showPage(Page page)
{
    m_tabs->setCurrentIndex(int(page));
}

void ApplicationCentre::showDocument(DocumentKind kind)
{
    showPage(DocumentsTab);
    m_documents->showDocument(kind);
}

void ApplicationCentre::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Back from the wizard or from the home page: the service may know more by now.
    if (m_shownOnce && m_session->isLoaded())
        m_session->refresh();
    m_shownOnce = true;
}

void ApplicationCentre::updateHeader()
{
    const Application& a = m_session->application();
    if (!m_session->isLoaded()) {
        m_title->setText(tr("Application progress"));
        m_statusBadge->setText(tr("Loading…"));
        return;
    }
    m_error->setVisible(false);
    m_title->setText(tr("Order number: %1").arg(a.orderNo));
    m_category->setText(categoryDisplayName(a.category));
    m_statusBadge->setText(statusDisplayName(a.status));
    const bool bad = a.status == ApplicationStatus::Rejected || a.status == ApplicationStatus::Cancelled;
    m_statusBadge->setStyleSheet(
        QStringLiteral("padding: 3px 10px; border-radius: 10px; color: white; background: %1;")
            .arg(bad ? QStringLiteral("#c62828") : QStringLiteral("#1565c0")));

    const CentreStep current = currentCentreStep(a);
    for (int i = 0; i < m_steps.size(); ++i) {
        QLabel* step = m_steps.at(i);
        const bool done = i < int(current);
        const bool isCurrent = i == int(current);
        step->setText((done ? QStringLiteral("✓ ") : QString()) + centreStepName(CentreStep(i)));
        step->setStyleSheet(isCurrent
                ? QStringLiteral("padding: 4px 8px; border-radius: 4px; background: #1565c0; "
                                 "color: white; font-weight: bold;")
                : done ? QStringLiteral("padding: 4px 8px; color: #2e7d32;")
                       : QStringLiteral("padding: 4px 8px; color: #78909c;"));
        step->setAccessibleDescription(isCurrent ? tr("current step") : done ? tr("done") : tr("to do"));
    }

    const bool editable = isEditable(a.status);
    m_tabs->setTabEnabled(LetterTab, true);
    m_tabs->setTabEnabled(DocumentsTab, true);
    m_tabs->setTabEnabled(LivenessTab, editable || a.checklist.liveness == LivenessState::Passed);
    m_tabs->setTabEnabled(PaymentTab, true);

    if (!m_pageChosen) {
        // The first time: open the page of the step the person is at.
        m_pageChosen = true;
        switch (current) {
        case CentreStep::Letter:
            showPage(LetterTab);
            break;
        case CentreStep::Documents:
            showPage(DocumentsTab);
            break;
        case CentreStep::Liveness:
            showPage(LivenessTab);
            break;
        case CentreStep::Payment:
            showPage(PaymentTab);
            break;
        case CentreStep::Form:
        case CentreStep::Review:
        case CentreStep::Shipping:
        case CentreStep::Done:
            showPage(StatusTab);
            break;
        }
    }
}

} // namespace certdesk::ui
