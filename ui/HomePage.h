#pragma once

#include <QWidget>

class QListWidget;
class QPushButton;

namespace certdesk {
class DraftStore;
}

namespace certdesk::ui {

// The first screen: start a new application, continue a saved draft, get help.
class HomePage : public QWidget
{
    Q_OBJECT
public:
    HomePage(DraftStore* drafts, QWidget* parent = nullptr);

    // Re-reads the drafts list (after the wizard saved or a draft was removed).
    void refresh();

Q_SIGNALS:
    void newApplicationRequested();
    void resumeRequested(const QString& draftId);
    void helpRequested();

private:
    DraftStore* m_drafts;
    QListWidget* m_list;
    QPushButton* m_resume;
    QPushButton* m_remove;
};

} // namespace certdesk::ui
