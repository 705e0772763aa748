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
class KioskSession;

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
    [[nodiscard]] KioskSession* kioskSession() const { return m_kiosk; }

public Q_SLOTS:
    void showHome();
    void startNewApplication();
    void resumeDraft(const QString& draftId);
    void showHelp();
    // Kiosk: forgets everything this session typed (memory and local store) and returns home.
    void wipeSession();

private:
    void openWizard();

    AppMode m_mode;
    LocalStore* m_store;
    std::unique_ptr<DraftStore> m_drafts;
    QStackedWidget* m_stack;
    HomePage* m_home;
    ApplicationWizard* m_wizard = nullptr;
    QLabel* m_saveState;
    QLabel* m_kioskNotice = nullptr;
    KioskSession* m_kiosk = nullptr;
};

} // namespace certdesk::ui
