#include "HomePage.h"

#include "domain/Category.h"
#include "storage/DraftStore.h"

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

    auto* start = new QPushButton(tr("New application"), this);
    start->setObjectName(QStringLiteral("newApplicationButton"));
    start->setDefault(true);
    start->setMinimumHeight(44);
    auto* help = new QPushButton(tr("Help and FAQ"), this);
    help->setObjectName(QStringLiteral("homeHelpButton"));
    help->setMinimumHeight(44);

    m_list->setObjectName(QStringLiteral("draftList"));
    m_list->setAccessibleName(tr("Saved drafts"));
    m_resume->setObjectName(QStringLiteral("resumeDraftButton"));
    m_remove->setObjectName(QStringLiteral("removeDraftButton"));
    auto* draftsBox = new QGroupBox(tr("Continue a saved draft"), this);
    auto* draftButtons = new QHBoxLayout;
    draftButtons->addStretch();
    draftButtons->addWidget(m_remove);
    draftButtons->addWidget(m_resume);
    auto* draftsLayout = new QVBoxLayout(draftsBox);
    draftsLayout->addWidget(m_list);
    draftsLayout->addLayout(draftButtons);

    auto* actions = new QHBoxLayout;
    actions->addWidget(start);
    actions->addWidget(help);
    actions->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->addWidget(title);
    layout->addWidget(steps);
    layout->addSpacing(12);
    layout->addLayout(actions);
    layout->addSpacing(12);
    layout->addWidget(draftsBox, 1);
    if (!m_drafts) {
        draftsBox->setVisible(false);
        layout->addStretch(1);
    }

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
    connect(m_list, &QListWidget::itemActivated, this,
        [this](QListWidgetItem* item) { Q_EMIT resumeRequested(item->data(Qt::UserRole).toString()); });
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
    m_list->setCurrentRow(any ? 0 : -1);
    m_resume->setEnabled(any);
    m_remove->setEnabled(any);
}

} // namespace certdesk::ui
