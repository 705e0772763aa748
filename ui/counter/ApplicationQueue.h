#pragma once

#include "api/ApiTypes.h"
#include "domain/Checklist.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace certdesk::ui {

class CounterSession;

// A queue of applications in some statuses (GET /staff/applications?status=...), oldest change first: order
// number, holder (unmasked for staff), kind, status, last change. Keeps the chosen application across
// refreshes while it is still in the queue.
class ApplicationQueue : public QWidget
{
    Q_OBJECT
public:
    // `objectBase` names the widgets: "<base>Queue" (the list), "<base>RefreshButton", "<base>QueueStatus".
    ApplicationQueue(CounterSession* session, QList<ApplicationStatus> statuses, const QString& objectBase,
        QWidget* parent = nullptr);

    [[nodiscard]] QString currentId() const;
    [[nodiscard]] std::optional<api::ApplicationSummary> current() const;
    [[nodiscard]] QList<api::ApplicationSummary> items() const { return m_items; }
    [[nodiscard]] bool contains(const QString& id) const;
    bool select(const QString& id);
    [[nodiscard]] QTreeWidget* list() const { return m_tree; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    // The chosen application changed (empty: none).
    void currentChanged(const QString& applicationId);
    // A refresh finished (also after an error).
    void refreshed();

private:
    void fill(QList<api::ApplicationSummary> items);

    CounterSession* m_session;
    QList<ApplicationStatus> m_statuses;
    QTreeWidget* m_tree;
    QPushButton* m_refresh;
    QLabel* m_status;
    QList<api::ApplicationSummary> m_items;
    QString m_lastId;
    int m_generation = 0;
};

} // namespace certdesk::ui
