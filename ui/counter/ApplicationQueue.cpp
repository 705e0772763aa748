#include "counter/ApplicationQueue.h"

#include "api/ApiClient.h"
#include "counter/CounterSession.h"
#include "domain/Fees.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QStyle>
#include <QTimeZone>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace certdesk::ui {

ApplicationQueue::ApplicationQueue(
    CounterSession* session, QList<ApplicationStatus> statuses, const QString& objectBase, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_statuses(std::move(statuses))
    , m_tree(new QTreeWidget(this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_status(new QLabel(this))
{
    m_tree->setObjectName(objectBase + QStringLiteral("Queue"));
    m_tree->setAccessibleName(tr("Applications"));
    m_tree->setColumnCount(5);
    m_tree->setHeaderLabels({tr("Order No."), tr("Holder"), tr("Kind"), tr("Status"), tr("Last change")});
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    // Every column as wide as its longest entry, so a long organisation name or the time is never cut off;
    // the list scrolls sideways when the pane is narrower than that.
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setTextElideMode(Qt::ElideNone);
    // A queue of one status need not say it on every row.
    m_tree->setColumnHidden(3, m_statuses.size() == 1);
    m_refresh->setObjectName(objectBase + QStringLiteral("RefreshButton"));
    m_refresh->setAccessibleName(tr("Refresh the list"));
    m_status->setObjectName(objectBase + QStringLiteral("QueueStatus"));
    m_status->setWordWrap(true);

    auto* top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_refresh);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_tree, 1);

    connect(m_refresh, &QPushButton::clicked, this, &ApplicationQueue::refresh);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        const QString id = item ? item->data(0, Qt::UserRole).toString() : QString();
        if (id == m_lastId)
            return;
        m_lastId = id;
        Q_EMIT currentChanged(id);
    });
}

QString ApplicationQueue::currentId() const
{
    const QTreeWidgetItem* item = m_tree->currentItem();
    return item ? item->data(0, Qt::UserRole).toString() : QString();
}

std::optional<api::ApplicationSummary> ApplicationQueue::current() const
{
    const QString id = currentId();
    for (const api::ApplicationSummary& s : m_items) {
        if (s.id == id)
            return s;
    }
    return std::nullopt;
}

bool ApplicationQueue::contains(const QString& id) const
{
    return std::any_of(
        m_items.cbegin(), m_items.cend(), [&id](const api::ApplicationSummary& s) { return s.id == id; });
}

bool ApplicationQueue::select(const QString& id)
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        if (m_tree->topLevelItem(i)->data(0, Qt::UserRole).toString() == id) {
            m_tree->setCurrentItem(m_tree->topLevelItem(i));
            return true;
        }
    }
    return false;
}

void ApplicationQueue::refresh()
{
    if (!m_session->api() || !m_session->isLoggedIn())
        return;
    const int generation = ++m_generation;
    m_refresh->setEnabled(false);
    m_status->setText(tr("Loading…"));
    // One request per status; the list is filled when the last one is in.
    struct Pending
    {
        int left = 0;
        QList<api::ApplicationSummary> items;
        QString error;
    };
    auto pending = std::make_shared<Pending>();
    pending->left = int(m_statuses.size());
    for (ApplicationStatus status : std::as_const(m_statuses)) {
        m_session->api()->staffApplications(status)->then(
            this, [this, generation, pending](const api::ApiResult<QList<api::ApplicationSummary>>& r) {
                if (r.ok())
                    pending->items += r.value();
                else
                    pending->error = CounterSession::errorText(r.error());
                if (--pending->left > 0 || generation != m_generation)
                    return;
                m_refresh->setEnabled(true);
                if (!pending->error.isEmpty()) {
                    m_status->setText(pending->error);
                    Q_EMIT refreshed();
                    return;
                }
                fill(pending->items);
            });
    }
}

void ApplicationQueue::fill(QList<api::ApplicationSummary> items)
{
    std::stable_sort(
        items.begin(), items.end(), [](const api::ApplicationSummary& a, const api::ApplicationSummary& b) {
            return a.updatedAt < b.updatedAt;
        });
    m_items = items;
    const QString keep = m_lastId;
    const QSignalBlocker block(m_tree);
    m_tree->clear();
    const QTimeZone shanghai("Asia/Shanghai");
    QTreeWidgetItem* again = nullptr;
    for (const api::ApplicationSummary& s : std::as_const(m_items)) {
        auto* item = new QTreeWidgetItem(m_tree,
            {s.orderNo, s.holder, categoryDisplayName(s.category), statusDisplayName(s.status),
                s.updatedAt.toTimeZone(shanghai).toString(QStringLiteral("yyyy-MM-dd HH:mm"))});
        item->setData(0, Qt::UserRole, s.id);
        item->setToolTip(1, s.holder);
        if (s.id == keep)
            again = item;
    }
    m_status->setText(m_items.isEmpty() ? tr("Nothing is waiting.")
                                        : tr("%n application(s)", nullptr, int(m_items.size())));
    // The list asks for the width its columns need (up to a limit), so that on the counter's 1366×768 the
    // holder and the time are not cut off at the pane's edge; past the limit it scrolls sideways.
    constexpr int MaxWidth = 720;
    const int cellMargin
        = 2 * (m_tree->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_tree) + 1);
    int needed = 2 * m_tree->frameWidth() + m_tree->verticalScrollBar()->sizeHint().width();
    for (int column = 0; column < m_tree->columnCount(); ++column) {
        if (m_tree->isColumnHidden(column))
            continue;
        int width = m_tree->header()->sectionSizeHint(column);
        for (int row = 0; row < m_tree->topLevelItemCount(); ++row) {
            width = std::max(width,
                m_tree->fontMetrics().horizontalAdvance(m_tree->topLevelItem(row)->text(column))
                    + cellMargin);
        }
        needed += width;
    }
    m_tree->setMinimumWidth(std::min(needed, MaxWidth));
    if (again) {
        m_tree->setCurrentItem(again);
    } else if (!keep.isEmpty()) {
        m_lastId.clear();
        Q_EMIT currentChanged({});
    }
    Q_EMIT refreshed();
}

} // namespace certdesk::ui
