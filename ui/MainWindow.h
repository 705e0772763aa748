#pragma once

#include "AppMode.h"

#include <QMainWindow>
#include <memory>

class QLabel;
class QStackedWidget;

namespace certdesk {
class DraftStore;
class LocalStore;
} // namespace certdesk

namespace certdesk::ui {

class ApplicationWizard;
class HomePage;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `store` may be null when the local database could not be opened (drafts are then not kept; a banner
    // says so).
    MainWindow(const AppMode& mode, LocalStore* store, QWidget* parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] ApplicationWizard* wizard() const { return m_wizard; }
    [[nodiscard]] HomePage* homePage() const { return m_home; }

public Q_SLOTS:
    void showHome();
    void startNewApplication();
    void resumeDraft(const QString& draftId);
    void showHelp();

private:
    void openWizard();

    AppMode m_mode;
    std::unique_ptr<DraftStore> m_drafts;
    QStackedWidget* m_stack;
    HomePage* m_home;
    ApplicationWizard* m_wizard = nullptr;
    QLabel* m_saveState;
};

} // namespace certdesk::ui
