#include "MainWindow.h"

#include "HelpDialog.h"
#include "HomePage.h"
#include "domain/RegionModel.h"
#include "kiosk/KioskSession.h"
#include "storage/AuditJournal.h"
#include "storage/DraftStore.h"
#include "storage/LocalStore.h"
#include "storage/SubmissionStore.h"
#include "wizard/ApplicationWizard.h"

#include <QAction>
#include <QLabel>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTime>
#include <QToolBar>
#include <QVBoxLayout>

namespace certdesk::ui {

MainWindow::MainWindow(const AppMode& mode, LocalStore* store, QWidget* parent)
    : QMainWindow(parent)
    , m_mode(mode)
    , m_store(store)
    , m_drafts(store ? std::make_unique<DraftStore>(*store) : nullptr)
    , m_stack(new QStackedWidget(this))
    // A kiosk serves one person after another: the home page never lists earlier people's drafts.
    , m_home(new HomePage(mode.kiosk ? nullptr : m_drafts.get(), this))
    , m_saveState(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(mode.sandbox ? tr("CertDesk — training mode") : tr("CertDesk"));

    auto* toolbar = addToolBar(tr("Navigation"));
    toolbar->setObjectName(QStringLiteral("navigationToolBar"));
    toolbar->setMovable(false);
    auto* home = toolbar->addAction(tr("Home"), this, &MainWindow::showHome);
    home->setObjectName(QStringLiteral("homeAction"));
    auto* help = toolbar->addAction(tr("Help"), this, &MainWindow::showHelp);
    help->setObjectName(QStringLiteral("helpAction"));
    help->setShortcut(QKeySequence::HelpContents);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    if (mode.sandbox) {
        auto* banner = new QLabel(
            tr("Training mode: the embedded sandbox service is used; nothing reaches the CA."), central);
        banner->setObjectName(QStringLiteral("sandboxBanner"));
        banner->setAlignment(Qt::AlignCenter);
        banner->setStyleSheet(
            QStringLiteral("background: #ffd54f; color: #3e2723; padding: 6px; font-weight: bold;"));
        layout->addWidget(banner);
    }
    if (!store || !store->isOpen()) {
        auto* warn
            = new QLabel(tr("The local database could not be opened: drafts will not be kept."), central);
        warn->setObjectName(QStringLiteral("storeWarning"));
        warn->setStyleSheet(QStringLiteral("background: #ffcdd2; color: #b71c1c; padding: 6px;"));
        layout->addWidget(warn);
    }
    if (mode.kiosk) {
        m_kioskNotice = new QLabel(central);
        m_kioskNotice->setObjectName(QStringLiteral("kioskCountdown"));
        m_kioskNotice->setAlignment(Qt::AlignCenter);
        m_kioskNotice->setStyleSheet(QStringLiteral(
            "background: #b71c1c; color: white; padding: 10px; font-size: 16pt; font-weight: bold;"));
        m_kioskNotice->setVisible(false);
        layout->addWidget(m_kioskNotice);
    }
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
    m_stack->addWidget(m_home);

    m_saveState->setObjectName(QStringLiteral("saveState"));
    statusBar()->addPermanentWidget(m_saveState);

    connect(m_home, &HomePage::newApplicationRequested, this, &MainWindow::startNewApplication);
    connect(m_home, &HomePage::resumeRequested, this, &MainWindow::resumeDraft);
    connect(m_home, &HomePage::helpRequested, this, &MainWindow::showHelp);
    resize(1200, 760);

    if (mode.kiosk) {
        m_kiosk = new KioskSession(mode.kioskIdleSeconds, 20, {}, this);
        connect(m_kiosk, &KioskSession::countdown, this, [this](int remaining) {
            m_kioskNotice->setText(
                tr("No activity: in %n second(s) everything entered in this session is cleared. "
                   "Touch the screen to continue.",
                    nullptr, remaining));
            m_kioskNotice->setVisible(true);
        });
        connect(
            m_kiosk, &KioskSession::countdownCancelled, this, [this] { m_kioskNotice->setVisible(false); });
        connect(m_kiosk, &KioskSession::expired, this, &MainWindow::wipeSession);
        // Whatever a crashed or killed kiosk session left behind belongs to someone who has gone.
        wipeSession();
        m_kiosk->start();
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::openWizard()
{
    if (m_wizard) {
        m_stack->removeWidget(m_wizard);
        m_wizard->deleteLater();
    }
    m_wizard = new ApplicationWizard(m_drafts.get(), RegionModel::builtin(), m_stack);
    // Embedded in the main window: the wizard's own Close returns home instead of closing a dialog.
    m_wizard->setWindowFlags(Qt::Widget);
    connect(m_wizard, &QWizard::rejected, this, &MainWindow::showHome);
    connect(m_wizard, &ApplicationWizard::draftSaved, this, [this] {
        m_saveState->setText(
            tr("Draft saved at %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    });
    connect(m_wizard, &ApplicationWizard::draftSaveFailed, this,
        [this] { m_saveState->setText(tr("The draft could not be saved: check the disk space.")); });
    m_stack->addWidget(m_wizard);
    m_stack->setCurrentWidget(m_wizard);
}

void MainWindow::startNewApplication()
{
    openWizard();
    m_wizard->restart();
}

void MainWindow::resumeDraft(const QString& draftId)
{
    if (!m_drafts)
        return;
    const auto draft = m_drafts->load(draftId);
    if (!draft)
        return;
    openWizard();
    m_wizard->resumeDraft(draft->id, draft->application, draft->step);
}

void MainWindow::showHome()
{
    m_home->refresh();
    m_stack->setCurrentWidget(m_home);
}

void MainWindow::wipeSession()
{
    if (m_wizard) {
        m_stack->removeWidget(m_wizard);
        delete m_wizard; // the Application value with the typed personal data goes with it
        m_wizard = nullptr;
    }
    if (m_store && m_store->isOpen()) {
        SubmissionStore submissions(*m_store);
        (void)submissions.removeAll();
    }
    if (m_drafts)
        (void)m_drafts->removeAll(); // also folds the WAL back, so no deleted row stays in it
    if (m_store && m_store->isOpen()) {
        AuditJournal journal(*m_store);
        (void)journal.append(QStringLiteral("kiosk"), QStringLiteral("kiosk.wiped"), QString(),
            QStringLiteral("idle timeout"));
    }
    if (m_kioskNotice)
        m_kioskNotice->setVisible(false);
    m_saveState->clear();
    showHome();
}

void MainWindow::showHelp()
{
    HelpDialog dialog(this);
    dialog.exec();
}

} // namespace certdesk::ui
