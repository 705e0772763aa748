#include "MainWindow.h"

#include "applicant/ApplicantCentrePage.h"

#include "HelpDialog.h"
#include "HomePage.h"
#include "api/ApiClient.h"
#include "centre/ApplicationCentre.h"
#include "centre/QtCentreServices.h"
#include "counter/CounterDesk.h"
#include "documents/PlatformScanSource.h"
#include "domain/RegionModel.h"
#include "input/PinyinEngine.h"
#include "kiosk/KioskSession.h"
#include "kiosk/OnScreenKeyboard.h"
#include "storage/AuditJournal.h"
#include "storage/DraftStore.h"
#include "storage/LocalStore.h"
#include "storage/SubmissionStore.h"
#include "widgets/PinDialog.h"
#include "widgets/RunAsync.h"
#include "wizard/ApplicationWizard.h"

#include <QAction>
#include <QCloseEvent>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTime>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <QWindow>

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
    if (!mode.serverUrl.isEmpty()) {
        api::ApiClientOptions options;
        options.baseUrl = QUrl(mode.serverUrl);
        options.pinnedCaCertificates = mode.serverCaCertificates;
        m_api = new api::ApiClient(options, this);
    }
    setWindowTitle(mode.sandbox ? tr("CertDesk — training mode") : tr("CertDesk"));

    auto* toolbar = addToolBar(tr("Navigation"));
    toolbar->setObjectName(QStringLiteral("navigationToolBar"));
    toolbar->setMovable(false);
    auto* home = toolbar->addAction(tr("Home"), this, &MainWindow::showHome);
    home->setObjectName(QStringLiteral("homeAction"));
    auto* help = toolbar->addAction(tr("Help"), this, [this] { showHelp(); });
    help->setObjectName(QStringLiteral("helpAction"));
    help->setShortcut(QKeySequence::HelpContents);
    if (mode.kiosk) {
        // Nothing on a kiosk hides the navigation (QMainWindow's context menu would offer to).
        toolbar->toggleViewAction()->setVisible(false);
        setContextMenuPolicy(Qt::NoContextMenu);
        auto* spacer = new QWidget(toolbar);
        spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        toolbar->addWidget(spacer);
        m_idleClock = new QLabel(toolbar);
        m_idleClock->setObjectName(QStringLiteral("kioskIdleClock"));
        m_idleClock->setAccessibleName(tr("Time left in this session"));
        m_idleClock->setAccessibleDescription(
            tr("Without input, everything entered is cleared when this reaches zero"));
        m_idleClock->setContentsMargins(12, 0, 12, 0);
        toolbar->addWidget(m_idleClock);
    }

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
    if (mode.kiosk) {
        // The pages scroll on a kiosk: with the touch keyboard up, a form is taller than what is left.
        m_scroll = new QScrollArea(central);
        m_scroll->setObjectName(QStringLiteral("kioskScrollArea"));
        m_scroll->setWidgetResizable(true);
        m_scroll->setFrameShape(QFrame::NoFrame);
        m_scroll->setFocusPolicy(Qt::NoFocus);
        // At least as tall as the page wants: the scroll area scrolls instead of squeezing the fields.
        m_stack->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
        m_scroll->setWidget(m_stack);
        layout->addWidget(m_scroll, 1);
        m_keyboard = new OnScreenKeyboard(this, nullptr, central);
        layout->addWidget(m_keyboard);
        connect(m_keyboard, &OnScreenKeyboard::targetChanged, this, [this](QLineEdit* target) {
            if (target)
                QTimer::singleShot(0, this, [this, target = QPointer<QWidget>(target)] {
                    if (target)
                        m_scroll->ensureWidgetVisible(target, 24, 48);
                });
        });
        // Compiling the pinyin data takes a moment the first time a terminal starts: off the GUI thread.
        runAsync(
            this,
            [] {
                qint64 ms = 0;
                const QString error = input::preparePinyinEngine(&ms);
                return std::make_pair(error, ms);
            },
            [this](const std::pair<QString, qint64>& prepared) {
                if (!prepared.first.isEmpty()) {
                    if (input::hasPinyinEngine())
                        qWarning("certdesk: pinyin input unavailable: %s", qPrintable(prepared.first));
                    return;
                }
                qInfo("certdesk: pinyin input ready after %lld ms", prepared.second);
                m_keyboard->setEngine(input::createPinyinEngine());
            });
    } else {
        layout->addWidget(m_stack, 1);
    }
    setCentralWidget(central);
    m_stack->addWidget(m_home);

    m_saveState->setObjectName(QStringLiteral("saveState"));
    statusBar()->addPermanentWidget(m_saveState);

    connect(m_home, &HomePage::newApplicationRequested, this, &MainWindow::startNewApplication);
    connect(m_home, &HomePage::resumeRequested, this, &MainWindow::resumeDraft);
    connect(m_home, &HomePage::helpRequested, this, [this] { showHelp(); });
    connect(m_home, &HomePage::trackRequested, this, &MainWindow::openCentre);
    connect(m_home, &HomePage::applicantCentreRequested, this, &MainWindow::showApplicantCentre);
    // A kiosk serves one person after another: no list of earlier people's applications either.
    if (store && store->isOpen()) {
        m_submissions = std::make_unique<SubmissionStore>(*store);
        if (!mode.kiosk)
            m_home->setSubmissions(m_submissions.get(), m_api, mode.serverUrl);
    }
    resize(1200, 760);

    if (mode.counter) {
        // The staff desk comes first; the applicant home stays one click away for walk-in applicants.
        m_fileChooser = std::make_unique<QtFileChooser>();
        m_printService = std::make_unique<QtPrintService>();
        m_notifier = std::make_unique<QtNotifier>();
        m_pinPrompt = std::make_unique<QtPinPrompt>();
        CounterServices services;
        services.notifier = m_notifier.get();
        services.printer = m_printService.get();
        services.files = m_fileChooser.get();
        services.pins = m_pinPrompt.get();
        services.sandbox = mode.sandbox;
        m_counter = new CounterDesk(m_api, RegionModel::builtin(), services, m_stack);
        m_stack->addWidget(m_counter);
        m_stack->setCurrentWidget(m_counter);
        auto* desk = toolbar->addAction(tr("Counter desk"), this, &MainWindow::showCounterDesk);
        desk->setObjectName(QStringLiteral("counterDeskAction"));
        connect(m_counter, &CounterDesk::applicantHomeRequested, this, &MainWindow::showHome);
        connect(m_counter, &CounterDesk::newApplicationRequested, this, &MainWindow::startNewApplication);
        connect(m_counter, &CounterDesk::walkInContinueRequested, this, [this](const QString& mobile) {
            showApplicantCentre();
            m_applicantCentre->startFor(mobile);
        });
    }

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
        connect(m_kiosk, &KioskSession::remainingChanged, this, [this](int remaining) {
            m_idleClock->setText(tr("Session time left %1:%2")
                                     .arg(remaining / 60)
                                     .arg(remaining % 60, 2, 10, QLatin1Char('0')));
        });
        // Whatever a crashed or killed kiosk session left behind belongs to someone who has gone.
        wipeSession();
        m_kiosk->start();
    }
}

MainWindow::~MainWindow()
{
    // Quitting never waits on a scanner driver: a running scan kills its helper process now...
    if (m_scanner)
        m_scanner->shutdown();
    // ...and the pages whose document jobs use m_scanner (their destructors wait for the job) go before it.
    delete takeCentralWidget();
}

void MainWindow::openWizard()
{
    if (m_wizard) {
        m_stack->removeWidget(m_wizard);
        m_wizard->deleteLater();
    }
    m_wizard = new ApplicationWizard(m_drafts.get(), RegionModel::builtin(), m_api, m_stack);
    m_wizard->setSandbox(m_mode.sandbox);
    connect(m_wizard, &ApplicationWizard::helpRequested, this, &MainWindow::showHelp);
    connect(m_wizard, &ApplicationWizard::submitted, this,
        [this](const QString& id, const QString& orderNo, const QString& token) {
            Submission s;
            s.applicationId = id;
            s.orderNo = orderNo;
            s.accessToken = token;
            s.category = m_wizard->application().category;
            s.serverUrl = m_mode.serverUrl;
            s.draftId = m_wizard->draftId();
            s.submittedAt = QDateTime::currentDateTimeUtc();
            if (m_store && m_store->isOpen()
                && SubmissionStore(*m_store).recordSubmission(s, m_applicantToken)
                    != SubmissionStore::Recorded::NotKept) {
                AuditJournal journal(*m_store);
                (void)journal.append(m_mode.counter ? QStringLiteral("counter") : QStringLiteral("applicant"),
                    QStringLiteral("application.submitted"), orderNo);
            }
            // On to the application centre: print, upload, identity check, pay. The wizard stays alive (its
            // submit callback is still running); it is replaced the next time the form is opened.
            showCentre(s);
        });
    // Embedded in the main window: the wizard's own Close returns home instead of closing a dialog.
    m_wizard->setWindowFlags(Qt::Widget);
    connect(m_wizard, &QWizard::rejected, this, [this] {
        // Closing the form of an application whose centre is open goes back to that centre.
        if (m_centre && m_wizard && !m_wizard->application().id.isEmpty()
            && m_wizard->application().id == m_centre->applicationId())
            m_stack->setCurrentWidget(m_centre);
        else
            showHome();
    });
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

void MainWindow::showCounterDesk()
{
    if (m_counter)
        m_stack->setCurrentWidget(m_counter);
}

void MainWindow::showApplicantCentre()
{
    if (!m_applicantCentre) {
        m_applicantCentre = new ApplicantCentrePage(m_api, m_stack);
        m_stack->addWidget(m_applicantCentre);
        connect(m_applicantCentre, &ApplicantCentrePage::backRequested, this, &MainWindow::showHome);
        connect(m_applicantCentre, &ApplicantCentrePage::openRequested, this,
            [this](const QString& id, const QString& orderNo) {
                // Opened with the applicant token, which opens /applications/{id} like the access token. It
                // is not recorded in the local store: on a shared PC or kiosk nothing outlives the session.
                Submission s;
                s.applicationId = id;
                s.orderNo = orderNo;
                s.accessToken = m_applicantCentre->token();
                m_applicantToken = s.accessToken;
                s.serverUrl = m_mode.serverUrl;
                if (m_submissions) {
                    if (const auto local = m_submissions->find(id))
                        s.draftId = local->draftId;
                }
                showCentre(s);
            });
        connect(m_applicantCentre, &ApplicantCentrePage::signedOut, this, [this] {
            // A centre opened with the ended session can do nothing more: close it (with its personal data).
            if (m_centre && !m_applicantToken.isEmpty() && m_centreToken == m_applicantToken) {
                m_stack->removeWidget(m_centre);
                delete m_centre;
                m_centre = nullptr;
                m_centreToken.clear();
                m_centreDraftId.clear();
            }
            m_applicantToken.clear();
            if (m_stack->currentWidget() != m_applicantCentre)
                showHome();
        });
    }
    m_stack->setCurrentWidget(m_applicantCentre);
}

void MainWindow::wipeSession()
{
    // The kiosk's idle wipe ends the applicant's session on the service too.
    if (m_applicantCentre)
        m_applicantCentre->signOut();
    if (m_centre) {
        m_stack->removeWidget(m_centre);
        delete m_centre; // the loaded application with its personal data goes with it
        m_centre = nullptr;
        m_centreToken.clear();
        m_centreDraftId.clear();
    }
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
    if (m_keyboard) {
        m_keyboard->reset();
        // A fresh engine session too: nothing of this person's typing stays in the engine.
        if (m_keyboard->hasPinyin())
            m_keyboard->setEngine(input::createPinyinEngine());
    }
    m_saveState->clear();
    showHome();
}

void MainWindow::showKiosk()
{
    setWindowFlags(windowFlags() | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint);
    fitScreen();
    showFullScreen();
    fitScreen();
    activateWindow();
    if (QScreen* s = screen()) {
        connect(s, &QScreen::geometryChanged, this, &MainWindow::fitScreen, Qt::UniqueConnection);
    }
    // Moved to another screen (the primary one was replaced): follow it.
    connect(windowHandle(), &QWindow::screenChanged, this, [this](QScreen* s) {
        if (s)
            connect(s, &QScreen::geometryChanged, this, &MainWindow::fitScreen, Qt::UniqueConnection);
        fitScreen();
    });
}

void MainWindow::fitScreen()
{
    QScreen* s = screen() ? screen() : QGuiApplication::primaryScreen();
    if (s && geometry() != s->geometry())
        setGeometry(s->geometry());
}

void MainWindow::resizeEvent(QResizeEvent* event)
{
    QMainWindow::resizeEvent(event);
    // Without a window manager nothing else keeps a kiosk window on the screen when its contents ask for
    // another size (a wider keyboard layout): put it back.
    if (m_mode.kiosk && isVisible() && windowFlags().testFlag(Qt::FramelessWindowHint))
        QTimer::singleShot(0, this, &MainWindow::fitScreen);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_mode.kiosk && !m_closeAllowed) {
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::setCentreServices(const CentreServices& services)
{
    m_centreServices = services;
    m_servicesOverridden = true;
}

CentreServices MainWindow::centreServices()
{
    if (m_servicesOverridden)
        return m_centreServices;
    if (!m_printService) {
        m_fileChooser = std::make_unique<QtFileChooser>();
        m_printService = std::make_unique<QtPrintService>();
        m_notifier = std::make_unique<QtNotifier>();
    }
    // Linux: scanner drivers run in certdesk-scan-helper, a child process per scan
    // (core/documents/ProcessScanSource.h): one that hangs or crashes cannot take the window with it; without
    // the helper there is no scanning. The centre is where documents are scanned: a helper starts now, so
    // that the first scan does not wait for one. Windows: WIA (core/documents/WiaScanSource.h).
    if (!m_scannerTried) {
        m_scannerTried = true;
        m_scanner = documents::createPlatformScanSource();
    }
    CentreServices services;
    services.files = m_mode.kiosk ? nullptr : m_fileChooser.get();
    services.printer = m_printService.get();
    services.notifier = m_notifier.get();
    services.scanner = m_scanner.get();
    services.kiosk = m_mode.kiosk;
    services.sandbox = m_mode.sandbox;
    return services;
}

void MainWindow::openCentre(const QString& applicationId)
{
    if (!m_submissions)
        return;
    if (const auto s = m_submissions->find(applicationId))
        showCentre(*s);
}

void MainWindow::showCentre(const Submission& submission)
{
    if (m_centre && m_centre->applicationId() == submission.applicationId) {
        m_centreToken = submission.accessToken;
        m_centreDraftId = submission.draftId;
        m_stack->setCurrentWidget(m_centre);
        m_centre->refresh();
        return;
    }
    if (m_centre) {
        m_stack->removeWidget(m_centre);
        m_centre->deleteLater();
    }
    m_centreToken = submission.accessToken;
    m_centreDraftId = submission.draftId;
    m_centre = new ApplicationCentre(
        m_api, submission.applicationId, submission.accessToken, centreServices(), m_stack);
    connect(m_centre, &ApplicationCentre::helpRequested, this, &MainWindow::showHelp);
    connect(m_centre, &ApplicationCentre::editRequested, this, &MainWindow::editApplication);
    m_stack->addWidget(m_centre);
    m_stack->setCurrentWidget(m_centre);
}

void MainWindow::editApplication(const FieldErrors& errors)
{
    if (!m_centre || !m_centre->session()->isLoaded())
        return;
    // The service's copy is what counts after submission; the draft adds what only the client keeps (the
    // lookup result with the allowed years, the bank's display name).
    Application application = m_centre->session()->application();
    QString draftId;
    if (m_drafts && !m_centreDraftId.isEmpty()) {
        if (const auto draft = m_drafts->load(m_centreDraftId)) {
            draftId = draft->id;
            application.oldCertificate = draft->application.oldCertificate;
            if (application.bank.bankCode == draft->application.bank.bankCode
                && application.bank.bankName.isEmpty())
                application.bank.bankName = draft->application.bank.bankName;
        }
    }
    openWizard();
    m_wizard->resumeDraft(draftId, application, ApplicationWizard::ReviewPage);
    m_wizard->setAccessToken(m_centreToken);
    if (!errors.isEmpty())
        m_wizard->showErrors(errors);
}

void MainWindow::showHelp(const QString& topic)
{
    HelpDialog dialog(this, topic);
    dialog.exec();
}

} // namespace certdesk::ui
