#include "HomePage.h"

#include "api/ApiClient.h"
#include "domain/CaContact.h"
#include "domain/Category.h"
#include "domain/Checklist.h"
#include "kiosk/KioskLook.h"
#include "storage/DraftStore.h"
#include "storage/SubmissionStore.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

namespace certdesk::ui {

HomePage::HomePage(DraftStore* drafts, QWidget* parent)
    : QWidget(parent)
    , m_drafts(drafts)
    , m_list(new QListWidget(this))
    , m_resume(new QPushButton(tr("Continue"), this))
    , m_remove(new QPushButton(tr("Delete draft"), this))
{
    setObjectName(QStringLiteral("homePage"));
    auto* title = new QLabel(tr("Bidding certificate renewal and SM2 algorithm upgrade"), this);
    title->setObjectName(QStringLiteral("homeTitle"));
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    title->setFont(f);
    auto* steps
        = new QLabel(tr("Fill in the form → print the application form → upload the stamped documents → "
                        "identity check by WeChat → pay online → CA review → the new UKey is mailed"),
            this);
    steps->setWordWrap(true);
    // The CA's contact channels, where a first-time user looks first.
    auto* contact = new QLabel(caContactText(), this);
    contact->setObjectName(QStringLiteral("homeContact"));
    contact->setWordWrap(true);
    contact->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* start = new QPushButton(tr("New application"), this);
    start->setObjectName(QStringLiteral("newApplicationButton"));
    start->setAccessibleDescription(tr("Starts the form for renewing and upgrading a certificate"));
    start->setDefault(true);
    start->setMinimumHeight(44);
    auto* personal = new QPushButton(tr("My applications (sign in with mobile number)"), this);
    personal->setObjectName(QStringLiteral("applicantCentreButton"));
    personal->setToolTip(
        tr("Continue an application submitted on another computer or at a kiosk: sign in with "
           "the agent's (applicant's) mobile number and an SMS code."));
    personal->setMinimumHeight(44);
    connect(personal, &QPushButton::clicked, this, &HomePage::applicantCentreRequested);
    auto* help = new QPushButton(tr("Help and FAQ"), this);
    help->setObjectName(QStringLiteral("homeHelpButton"));
    help->setAccessibleDescription(tr("The guide and answers to common questions"));
    help->setMinimumHeight(44);

    m_list->setObjectName(QStringLiteral("draftList"));
    m_list->setAccessibleName(tr("Saved drafts"));
    m_list->setAccessibleDescription(tr("Forms started on this computer and not yet submitted"));
    m_resume->setObjectName(QStringLiteral("resumeDraftButton"));
    m_resume->setAccessibleDescription(tr("Continues the draft chosen in the list"));
    m_remove->setObjectName(QStringLiteral("removeDraftButton"));
    m_remove->setAccessibleDescription(tr("Deletes the draft chosen in the list"));
    auto* draftsBox = new QGroupBox(tr("Continue a saved draft"), this);
    auto* draftButtons = new QHBoxLayout;
    draftButtons->addStretch();
    draftButtons->addWidget(m_remove);
    draftButtons->addWidget(m_resume);
    auto* draftsLayout = new QVBoxLayout(draftsBox);
    draftsLayout->addWidget(m_list);
    draftsLayout->addLayout(draftButtons);

    // A kiosk stacks the two large buttons in one column.
    auto* actions = new QBoxLayout(kioskLook() ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight);
    actions->addWidget(start);
    actions->addWidget(personal);
    actions->addWidget(help);
    actions->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->addWidget(title);
    layout->addWidget(steps);
    layout->addWidget(contact);
    layout->addSpacing(12);
    layout->addLayout(actions);
    layout->addSpacing(12);
    layout->addWidget(draftsBox, 1);

    // 办理进度: applications already submitted from this computer (hidden until setSubmissions()).
    auto* trackBox = new QGroupBox(tr("Track a submitted application"), this);
    trackBox->setObjectName(QStringLiteral("trackBox"));
    m_trackBox = trackBox;
    m_trackList = new QListWidget(trackBox);
    m_trackList->setObjectName(QStringLiteral("submissionList"));
    m_trackList->setAccessibleName(tr("Submitted applications"));
    m_trackList->setAccessibleDescription(tr("Applications sent from this computer, with their state"));
    m_track = new QPushButton(tr("View progress"), trackBox);
    m_track->setObjectName(QStringLiteral("trackButton"));
    m_track->setAccessibleDescription(tr("Opens the application chosen in the list"));
    auto* trackButtons = new QHBoxLayout;
    trackButtons->addStretch();
    trackButtons->addWidget(m_track);
    auto* trackLayout = new QVBoxLayout(trackBox);
    trackLayout->addWidget(m_trackList);
    trackLayout->addLayout(trackButtons);
    trackBox->setVisible(false);
    layout->addWidget(trackBox, 1);
    if (!m_drafts) {
        draftsBox->setVisible(false);
        layout->addStretch(1);
    }
    const auto selectedSubmission = [this] {
        const QListWidgetItem* item = m_trackList->currentItem();
        return item ? item->data(Qt::UserRole).toString() : QString();
    };
    connect(m_track, &QPushButton::clicked, this, [this, selectedSubmission] {
        if (!selectedSubmission().isEmpty())
            Q_EMIT trackRequested(selectedSubmission());
    });
    connect(m_trackList, &QListWidget::itemActivated, this,
        [this](QListWidgetItem* item) { Q_EMIT trackRequested(item->data(Qt::UserRole).toString()); });
    connect(m_trackList, &QListWidget::currentRowChanged, this,
        [this](int row) { m_track->setEnabled(row >= 0); });

    connect(start, &QPushButton::clicked, this, &HomePage::newApplicationRequested);
    connect(help, &QPushButton::clicked, this, &HomePage::helpRequested);
    const auto selectedId = [this] {
        const QListWidgetItem* item = m_list->currentItem();
        return item ? item->data(Qt::UserRole).toString() : QString();
    };
    connect(m_resume, &QPushButton::clicked, this, [this, selectedId] {
        if (!selectedId().isEmpty())
            Q_EMIT resumeRequested(selectedId());
    });
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        if (const QString id = item->data(Qt::UserRole).toString(); !id.isEmpty())
            Q_EMIT resumeRequested(id);
    });
    connect(m_remove, &QPushButton::clicked, this, [this, selectedId] {
        if (m_drafts && !selectedId().isEmpty() && m_drafts->remove(selectedId()))
            refresh();
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        m_resume->setEnabled(row >= 0);
        m_remove->setEnabled(row >= 0);
    });
    refresh();
}

void HomePage::refresh()
{
    m_list->clear();
    if (m_drafts) {
        const QTimeZone shanghai("Asia/Shanghai");
        for (const DraftSummary& d : m_drafts->list()) {
            const QString title = d.title.isEmpty() ? tr("(not filled in yet)") : d.title;
            auto* item = new QListWidgetItem(
                tr("%1 · %2 · saved %3")
                    .arg(categoryDisplayName(d.category), title,
                        d.updatedAt.toTimeZone(shanghai).toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
                m_list);
            item->setData(Qt::UserRole, d.id);
        }
    }
    const bool any = m_list->count() > 0;
    if (!any) {
        // An empty white box reads as "broken"; say what it is for instead.
        auto* placeholder
            = new QListWidgetItem(tr("No saved drafts. Press \"New application\" to start; what you "
                                     "type is saved as you go."),
                m_list);
        placeholder->setFlags(Qt::NoItemFlags);
    }
    m_list->setCurrentRow(any ? 0 : -1);
    m_resume->setEnabled(any);
    m_remove->setEnabled(any);
    refreshSubmissions();
}

void HomePage::setSubmissions(SubmissionStore* submissions, api::ApiClient* api, const QString& serverUrl)
{
    m_submissions = submissions;
    m_api = api;
    m_serverUrl = serverUrl;
    refreshSubmissions();
}

void HomePage::refreshSubmissions()
{
    if (!m_trackList)
        return;
    m_trackList->clear();
    const int generation = ++m_trackGeneration;
    if (m_submissions) {
        const QTimeZone shanghai("Asia/Shanghai");
        for (const Submission& s : m_submissions->list()) {
            // An application lives on the service it was sent to; another service would answer 404.
            if (!m_serverUrl.isEmpty() && !s.serverUrl.isEmpty() && s.serverUrl != m_serverUrl)
                continue;
            const QString base
                = tr("Order %1 · %2 · submitted %3")
                      .arg(s.orderNo, categoryDisplayName(s.category),
                          s.submittedAt.toTimeZone(shanghai).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
            auto* item = new QListWidgetItem(base, m_trackList);
            item->setData(Qt::UserRole, s.applicationId);
            if (!m_api)
                continue;
            const QString id = s.applicationId;
            m_api->getApplication(s.applicationId, s.accessToken)
                ->then(this, [this, generation, id, base](const api::ApiResult<Application>& r) {
                    if (generation != m_trackGeneration)
                        return; // the list was rebuilt meanwhile
                    for (int i = 0; i < m_trackList->count(); ++i) {
                        QListWidgetItem* it = m_trackList->item(i);
                        if (it->data(Qt::UserRole).toString() != id)
                            continue;
                        it->setText(tr("%1 · %2").arg(
                            base, r.ok() ? statusDisplayName(r.value().status) : tr("status unknown")));
                    }
                });
        }
    }
    const bool any = m_trackList->count() > 0;
    m_trackBox->setVisible(m_submissions && any);
    m_trackList->setCurrentRow(any ? 0 : -1);
    m_track->setEnabled(any);
}

} // namespace certdesk::ui
