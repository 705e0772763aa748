#pragma once

#include "AppMode.h"
#include "centre/CentreServices.h"
#include "domain/FieldError.h"

#include <QMainWindow>
#include <memory>

class QLabel;
class QScrollArea;
class QStackedWidget;

namespace certdesk {
class DraftStore;
class LocalStore;
class SubmissionStore;
struct Submission;
namespace documents {
class ScanSource;
}
namespace api {
class ApiClient;
}
} // namespace certdesk

namespace certdesk::ui {

class ApplicantCentrePage;
class ApplicationCentre;
class ApplicationWizard;
class CounterDesk;
class PinPrompt;
class HomePage;
class KioskSession;
class OnScreenKeyboard;

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
    // Kiosk: the touch keyboard (null in the other modes).
    [[nodiscard]] OnScreenKeyboard* onScreenKeyboard() const { return m_keyboard; }
    // Kiosk: covers the whole screen, with or without a window manager, and follows changes of the screen's
    // geometry (rotation, another resolution). showFullScreen() alone leaves a bare X server's window at
    // its size in the corner: no window manager acts on the full-screen request.
    void showKiosk();
    // Kiosk: the applicant cannot close the window (Alt+F4, a window manager's close button); the process's
    // owner can (the --quit-after option, an operator's SIGTERM ends the process anyway).
    void allowClose() { m_closeAllowed = true; }
    [[nodiscard]] api::ApiClient* api() const { return m_api; }
    // The application centre shown last (null before any).
    [[nodiscard]] ApplicationCentre* centre() const { return m_centre; }
    // The counter desk (--counter); null in the other modes.
    [[nodiscard]] CounterDesk* counterDesk() const { return m_counter; }
    // 个人中心 (sign-in by SMS code); created on first use.
    [[nodiscard]] ApplicantCentrePage* applicantCentre() const { return m_applicantCentre; }
    // Replaces the file chooser, printer, notifier and scanner of the application centres opened from now on
    // (tests pass fakes). The pointers must outlive the window.
    void setCentreServices(const CentreServices& services);

public Q_SLOTS:
    void showHome();
    // --counter: back to the counter desk.
    void showCounterDesk();
    void showApplicantCentre();
    void startNewApplication();
    void resumeDraft(const QString& draftId);
    void showHelp(const QString& topic = {});
    // The application centre of a submitted application recorded in the local store.
    void openCentre(const QString& applicationId);
    // Opens the wizard on the centre's application; `errors` (e.g. a rejection's fields) are shown at their
    // fields.
    void editApplication(const certdesk::FieldErrors& errors);
    // Kiosk: forgets everything this session typed (memory and local store) and returns home.
    void wipeSession();

protected:
    void closeEvent(QCloseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void openWizard();
    void fitScreen();
    void showCentre(const Submission& submission);
    [[nodiscard]] CentreServices centreServices();

    AppMode m_mode;
    LocalStore* m_store;
    std::unique_ptr<DraftStore> m_drafts;
    api::ApiClient* m_api = nullptr;
    QStackedWidget* m_stack;
    HomePage* m_home;
    ApplicationWizard* m_wizard = nullptr;
    QLabel* m_saveState;
    QLabel* m_kioskNotice = nullptr;
    KioskSession* m_kiosk = nullptr;
    OnScreenKeyboard* m_keyboard = nullptr;
    QScrollArea* m_scroll = nullptr;
    QLabel* m_idleClock = nullptr;
    bool m_closeAllowed = false;
    // Application centre (ui/centre).
    std::unique_ptr<SubmissionStore> m_submissions;
    std::unique_ptr<FileChooser> m_fileChooser;
    std::unique_ptr<PrintService> m_printService;
    std::unique_ptr<Notifier> m_notifier;
    std::unique_ptr<documents::ScanSource> m_scanner;
    bool m_scannerTried = false;
    bool m_servicesOverridden = false;
    CentreServices m_centreServices;
    ApplicationCentre* m_centre = nullptr;
    QString m_centreToken; // never logged
    QString m_centreDraftId;
    // 个人中心 (ui/applicant): the applicant token is kept in that page only, never on disk.
    ApplicantCentrePage* m_applicantCentre = nullptr;
    QString m_applicantToken; // the applicant token the open centre was given; never logged
    // Counter desk (ui/counter).
    std::unique_ptr<PinPrompt> m_pinPrompt;
    CounterDesk* m_counter = nullptr;
};

} // namespace certdesk::ui
