#include "counter/ReviewQueuePage.h"

#include "api/ApiClient.h"
#include "centre/CentreServices.h"
#include "counter/ApplicationDetails.h"
#include "counter/ApplicationQueue.h"
#include "counter/CounterSession.h"
#include "counter/DocumentViewer.h"
#include "counter/RejectReasonsEditor.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace certdesk::ui {

ReviewQueuePage::ReviewQueuePage(CounterSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_queue(new ApplicationQueue(session, {ApplicationStatus::InReview}, QStringLiteral("review"), this))
    , m_placeholder(new QLabel(tr("Choose an application in the list to review it."), this))
    , m_detailPane(new QWidget(this))
    , m_details(new ApplicationDetails(session->regions(), m_detailPane))
    , m_detailTabs(new QTabWidget(m_detailPane))
    , m_documents(new DocumentViewer(session, m_detailPane))
    , m_reasons(new RejectReasonsEditor(session->regions(), m_detailPane))
    , m_holders(new QLabel(m_detailPane))
    , m_acceptHolderChange(new QCheckBox(
          tr("The holder changed: I checked the uploaded proof of the change and accept the new holder"),
          m_detailPane))
    , m_approve(new QPushButton(tr("Approve"), m_detailPane))
    , m_reject(new QPushButton(tr("Return to the applicant"), m_detailPane))
    , m_roleNote(new QLabel(m_detailPane))
    , m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("reviewQueuePage"));
    m_placeholder->setObjectName(QStringLiteral("reviewPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_detailTabs->setObjectName(QStringLiteral("reviewDetailTabs"));
    m_holders->setObjectName(QStringLiteral("holderComparison"));
    m_holders->setTextFormat(Qt::RichText);
    m_holders->setWordWrap(true);
    m_holders->setAccessibleName(tr("Holder of the old certificate and of the application"));
    m_acceptHolderChange->setObjectName(QStringLiteral("acceptHolderChangeCheck"));
    m_acceptHolderChange->setAccessibleName(tr("Accept the changed holder"));
    m_acceptHolderChange->setAccessibleDescription(
        tr("Renewal keeps the old certificate's holder; another name or credential number is approved only "
           "after checking the document that proves the change"));
    m_approve->setObjectName(QStringLiteral("approveButton"));
    m_approve->setAccessibleName(tr("Approve the application"));
    m_reject->setObjectName(QStringLiteral("rejectButton"));
    m_reject->setAccessibleName(tr("Return the application to the applicant with the reasons"));
    m_roleNote->setObjectName(QStringLiteral("reviewRoleNote"));
    m_roleNote->setWordWrap(true);
    m_roleNote->setStyleSheet(QStringLiteral("color: #8a4b00;"));
    m_result->setObjectName(QStringLiteral("reviewResult"));
    m_result->setWordWrap(true);

    auto* formTab = new QWidget(m_detailTabs);
    auto* formLayout = new QVBoxLayout(formTab);
    formLayout->addWidget(m_details);
    m_detailTabs->addTab(formTab, tr("Form"));
    m_detailTabs->addTab(m_documents, tr("Documents"));

    auto* decision = new QGroupBox(tr("Decision"), m_detailPane);
    decision->setObjectName(QStringLiteral("reviewDecision"));
    auto* decisionLayout = new QVBoxLayout(decision);
    decisionLayout->addWidget(m_holders);
    decisionLayout->addWidget(m_acceptHolderChange);
    auto* approveRow = new QHBoxLayout;
    approveRow->addWidget(
        new QLabel(tr("Everything matches the documents and the identity check:"), decision), 1);
    approveRow->addWidget(m_approve);
    decisionLayout->addLayout(approveRow);
    auto* rejectLabel = new QLabel(
        tr("Or return it: add one reason per field or document to fix (the applicant sees each one there)."),
        decision);
    rejectLabel->setWordWrap(true);
    decisionLayout->addWidget(rejectLabel);
    decisionLayout->addWidget(m_reasons);
    decisionLayout->addWidget(m_reject, 0, Qt::AlignRight);
    decisionLayout->addWidget(m_roleNote);

    auto* paneLayout = new QVBoxLayout(m_detailPane);
    paneLayout->setContentsMargins(0, 0, 0, 0);
    paneLayout->addWidget(m_detailTabs, 1);
    paneLayout->addWidget(decision);
    m_detailPane->setVisible(false);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_placeholder, 1);
    rightLayout->addWidget(m_detailPane, 1);
    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_queue);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({560, 806});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_result);

    connect(m_queue, &ApplicationQueue::currentChanged, this, &ReviewQueuePage::load);
    connect(m_approve, &QPushButton::clicked, this, &ReviewQueuePage::approve);
    connect(m_acceptHolderChange, &QCheckBox::toggled, this, &ReviewQueuePage::updateButtons);
    connect(m_reject, &QPushButton::clicked, this, &ReviewQueuePage::reject);
    connect(m_reasons, &RejectReasonsEditor::changed, this, &ReviewQueuePage::updateButtons);
    connect(m_session, &CounterSession::loggedIn, this, &ReviewQueuePage::updateButtons);
    updateButtons();
}

QString ReviewQueuePage::resultText() const
{
    return m_result->text();
}

void ReviewQueuePage::setResult(const QString& text, bool error)
{
    m_result->setText(text);
    m_result->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QStringLiteral("color: #2e7d32;"));
}

void ReviewQueuePage::refresh()
{
    m_queue->refresh();
}

void ReviewQueuePage::load(const QString& id)
{
    const int generation = ++m_generation;
    m_view.reset();
    m_acceptHolderChange->setChecked(false);
    m_reasons->clear();
    m_details->clear();
    m_documents->clear();
    m_detailPane->setVisible(false);
    m_placeholder->setVisible(true);
    updateButtons();
    if (id.isEmpty() || !m_session->api())
        return;
    m_placeholder->setText(tr("Loading…"));
    m_session->api()->staffApplication(id)->then(
        this, [this, generation, id](const api::ApiResult<api::StaffApplicationView>& r) {
            if (generation != m_generation)
                return;
            m_placeholder->setText(tr("Choose an application in the list to review it."));
            if (!r.ok()) {
                setResult(CounterSession::errorText(r.error()), true);
                return;
            }
            m_view = r.value();
            const Application& a = m_view->application;
            m_details->setApplication(a);
            m_documents->setApplication(a.id.isEmpty() ? id : a.id, a.orderNo, a.category, m_view->documents);
            m_reasons->setApplication(a);
            showHolders();
            m_placeholder->setVisible(false);
            m_detailPane->setVisible(true);
            updateButtons();
            Q_EMIT applicationLoaded(id);
        });
}

void ReviewQueuePage::showHolders()
{
    const Application& a = m_view->application;
    const bool institution = isInstitution(a.category);
    const QString name = institution ? a.organization.name : a.applicant.name;
    const QString credential = institution ? a.organization.credentialNumber : a.applicant.idNumber;
    m_holders->setVisible(!m_view->oldHolder.isEmpty());
    // Side by side, the differences marked, so that a changed holder cannot be overlooked.
    const auto cell = [](const QString& text, bool differs) {
        return differs ? QStringLiteral("<b style=\"color:#c62828\">%1</b>").arg(text.toHtmlEscaped())
                       : text.toHtmlEscaped();
    };
    const bool nameDiffers = m_view->oldHolder.trimmed() != name.trimmed();
    const bool credentialDiffers
        = m_view->oldCredentialNumber.trimmed().compare(credential.trimmed(), Qt::CaseInsensitive) != 0;
    m_holders->setText(
        QStringLiteral("<table cellpadding=\"3\"><tr><th></th><th>%1</th><th>%2</th></tr>"
                       "<tr><td>%3</td><td>%4</td><td>%5</td></tr>"
                       "<tr><td>%6</td><td>%7</td><td>%8</td></tr></table>")
            .arg(tr("Old certificate").toHtmlEscaped(), tr("This application").toHtmlEscaped(),
                tr("Holder").toHtmlEscaped(), m_view->oldHolder.toHtmlEscaped(), cell(name, nameDiffers),
                tr("Credential number").toHtmlEscaped(), m_view->oldCredentialNumber.toHtmlEscaped(),
                cell(credential, credentialDiffers)));
    m_acceptHolderChange->setVisible(m_view->holderChanged);
}

void ReviewQueuePage::updateButtons()
{
    const bool reviewer = m_session->hasRole(QStringLiteral("reviewer"));
    const bool ready = m_view && m_view->application.status == ApplicationStatus::InReview && !m_busy;
    // A changed holder is approved only with the explicit acceptance.
    const bool holderOk = !m_view || !m_view->holderChanged || m_acceptHolderChange->isChecked();
    m_approve->setEnabled(reviewer && ready && holderOk);
    if (!m_view) {
        m_holders->setVisible(false);
        m_acceptHolderChange->setVisible(false);
    }
    m_reject->setEnabled(reviewer && ready && !m_reasons->reasons().isEmpty());
    m_reject->setText(m_reasons->reasons().isEmpty()
            ? tr("Return to the applicant")
            : tr("Return to the applicant with %n reason(s)", nullptr, int(m_reasons->reasons().size())));
    m_roleNote->setText(
        reviewer ? QString() : tr("Approving and returning applications needs the reviewer role."));
    m_roleNote->setVisible(!reviewer);
}

void ReviewQueuePage::approve()
{
    if (!m_view || m_busy)
        return;
    const Application a = m_view->application;
    Notifier* notifier = m_session->services().notifier;
    if (notifier
        && !notifier->confirm(window(), tr("Approve"),
            tr("Approve order %1 of %2? It then waits for its UKey to be programmed.")
                .arg(a.orderNo, isInstitution(a.category) ? a.organization.name : a.applicant.name)))
        return;
    m_busy = true;
    updateButtons();
    const bool acceptChange = m_view->holderChanged && m_acceptHolderChange->isChecked();
    m_session->api()
        ->approve(a.id, acceptChange)
        ->then(this, [this, a](const api::ApiResult<Application>& r) {
            m_busy = false;
            if (!r.ok()) {
                setResult(CounterSession::errorText(r.error()), true);
                updateButtons();
                return;
            }
            setResult(tr("Order %1 was approved; it is now in the issuance queue.").arg(a.orderNo));
            m_session->announceChange(a.id);
            m_queue->refresh();
        });
}

void ReviewQueuePage::reject()
{
    if (!m_view || m_busy || m_reasons->reasons().isEmpty())
        return;
    const Application a = m_view->application;
    const QList<RejectionReason> reasons = m_reasons->reasons();
    Notifier* notifier = m_session->services().notifier;
    if (notifier
        && !notifier->confirm(window(), tr("Return to the applicant"),
            tr("Return order %1 to the applicant with %n reason(s)? The applicant fixes them and resubmits "
               "without "
               "paying again.",
                nullptr, int(reasons.size()))
                .arg(a.orderNo)))
        return;
    m_busy = true;
    updateButtons();
    m_session->api()->reject(a.id, reasons)->then(this, [this, a](const api::ApiResult<Application>& r) {
        m_busy = false;
        if (!r.ok()) {
            setResult(CounterSession::errorText(r.error()), true);
            updateButtons();
            return;
        }
        setResult(tr("Order %1 was returned to the applicant.").arg(a.orderNo));
        m_session->announceChange(a.id);
        m_queue->refresh();
    });
}

} // namespace certdesk::ui
