#include "counter/IssuancePage.h"

#include "api/ApiClient.h"
#include "centre/CentreServices.h"
#include "counter/ApplicationQueue.h"
#include "counter/CounterSession.h"
#include "counter/TokenPicker.h"
#include "domain/Fees.h"
#include "domain/PinRules.h"
#include "token/ModuleWorker.h"
#include "token/TokenAccess.h"
#include "token/VendorProfile.h"
#include "widgets/PinPrompt.h"
#include "widgets/TokenCalls.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>

namespace certdesk::ui {

namespace {

using Step = issuance::ProgrammingJob::Step;

const QList<Step>& listedSteps()
{
    static const QList<Step> steps {Step::Connect, Step::Login, Step::PrepareKeys, Step::RequestIssuance,
        Step::OpenEnvelopes, Step::WriteToken, Step::Verify, Step::Confirm};
    return steps;
}

// The marks in front of the steps (no icon theme is needed on a counter PC).
const QChar kPending(0x25CB); // ○
const QChar kCurrent(0x25B6); // ▶
const QChar kDone(0x2713); // ✓
const QChar kFailed(0x2717); // ✗

void wipe(QString& secret)
{
    secret.fill(QLatin1Char('\0'));
    secret.clear();
}

} // namespace

IssuancePage::IssuancePage(CounterSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_queue(new ApplicationQueue(session, {ApplicationStatus::Approved}, QStringLiteral("issuance"), this))
    , m_summary(new QLabel(this))
    , m_picker(new TokenPicker(session, this))
    , m_program(new QPushButton(tr("Program UKey"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_steps(new QListWidget(this))
    , m_progress(new QProgressBar(this))
    , m_result(new QLabel(this))
    , m_pinChange(new QLabel(this))
    , m_roleNote(new QLabel(this))
    , m_mail(
          new QCheckBox(tr("The UKey will be mailed: set a random initial PIN, sent to the applicant by SMS "
                           "with the shipment"),
              this))
    , m_calls(new TokenCalls(this))
{
    m_calls->setTimeout(std::chrono::milliseconds(std::max(1, m_session->services().tokenTimeoutMs)));
    setObjectName(QStringLiteral("issuancePage"));
    m_summary->setObjectName(QStringLiteral("issuanceSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_program->setObjectName(QStringLiteral("programButton"));
    m_program->setAccessibleName(tr("Program the chosen UKey for the chosen application"));
    m_program->setMinimumHeight(36);
    m_cancel->setObjectName(QStringLiteral("cancelProgrammingButton"));
    m_cancel->setAccessibleName(tr("Cancel programming"));
    m_steps->setObjectName(QStringLiteral("programmingSteps"));
    m_steps->setAccessibleName(tr("Programming steps"));
    m_steps->setFocusPolicy(Qt::NoFocus);
    m_steps->setSelectionMode(QAbstractItemView::NoSelection);
    m_steps->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_progress->setObjectName(QStringLiteral("programmingProgress"));
    m_progress->setAccessibleName(tr("Programming progress"));
    m_progress->setRange(0, 100);
    m_result->setObjectName(QStringLiteral("programmingResult"));
    m_result->setWordWrap(true);
    m_pinChange->setObjectName(QStringLiteral("pinChangeResult"));
    m_pinChange->setWordWrap(true);
    m_mail->setObjectName(QStringLiteral("mailUkeyCheck"));
    m_mail->setAccessibleName(tr("The UKey will be mailed"));
    m_mail->setAccessibleDescription(
        tr("After programming, the UKey gets a random initial PIN that nobody at "
           "the counter sees; the service sends it to the applicant by SMS when "
           "the shipment is recorded."));
    m_roleNote->setObjectName(QStringLiteral("issuanceRoleNote"));
    m_roleNote->setWordWrap(true);
    m_roleNote->setStyleSheet(QStringLiteral("color: #8a4b00;"));

    auto* tokenBox = new QGroupBox(tr("New UKey"), this);
    auto* tokenLayout = new QVBoxLayout(tokenBox);
    tokenLayout->addWidget(m_picker);
    auto* programBox = new QGroupBox(tr("Programming"), this);
    auto* programLayout = new QVBoxLayout(programBox);
    programLayout->addWidget(m_mail);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_program);
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    programLayout->addLayout(buttons);
    programLayout->addWidget(m_steps);
    programLayout->addWidget(m_progress);
    programLayout->addWidget(m_result);
    programLayout->addWidget(m_pinChange);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_summary);
    rightLayout->addWidget(tokenBox);
    rightLayout->addWidget(programBox);
    rightLayout->addWidget(m_roleNote);
    rightLayout->addStretch(1);
    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_queue);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({560, 806});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    resetSteps();
    // All eight steps in view, no more.
    m_steps->setFixedHeight(m_steps->sizeHintForRow(0) * m_steps->count() + 2 * m_steps->frameWidth() + 4);
    connect(m_queue, &ApplicationQueue::currentChanged, this, [this] {
        updateSummary();
        updateButtons();
    });
    connect(m_picker, &TokenPicker::selectionChanged, this, &IssuancePage::updateButtons);
    connect(m_program, &QPushButton::clicked, this, &IssuancePage::program);
    connect(m_cancel, &QPushButton::clicked, this, &IssuancePage::cancel);
    connect(m_session, &CounterSession::loggedIn, this, &IssuancePage::updateButtons);
    connect(m_session, &CounterSession::loggedOut, this, &IssuancePage::cancel);
    connect(m_calls, &TokenCalls::notAnswering, this, &IssuancePage::notAnswering);
    updateSummary();
    updateButtons();
}

IssuancePage::~IssuancePage()
{
    // The job's destructor cancels and rolls back what it wrote.
    delete m_job;
}

QString IssuancePage::resultText() const
{
    return m_result->text();
}

QString IssuancePage::pinChangeText() const
{
    return m_pinChange->text();
}

void IssuancePage::refresh()
{
    m_queue->refresh();
    if (m_picker->tokens().isEmpty())
        m_picker->reloadModules();
}

void IssuancePage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!isProgramming())
        m_picker->setWatching(true);
}

void IssuancePage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_picker->setWatching(false);
}

void IssuancePage::updateSummary()
{
    const auto current = m_queue->current();
    if (!current) {
        m_summary->setText(tr("Choose an approved application in the list, then the new UKey."));
        return;
    }
    m_summary->setText(tr("Order %1 · %2 · %3 · %n year(s)", nullptr, current->years)
                           .arg(current->orderNo, current->holder, categoryDisplayName(current->category)));
}

void IssuancePage::updateButtons()
{
    const bool counter = m_session->hasRole(QStringLiteral("counter"));
    const bool running = isProgramming();
    m_program->setEnabled(counter && !running && m_queue->current() && m_picker->selectedToken());
    m_cancel->setEnabled(running);
    m_queue->setEnabled(!running);
    m_roleNote->setText(counter ? QString() : tr("Programming UKeys needs the counter clerk role."));
    m_roleNote->setVisible(!counter);
}

void IssuancePage::resetSteps()
{
    m_steps->clear();
    for (Step step : listedSteps())
        m_steps->addItem(
            QStringLiteral("%1  %2").arg(kPending, issuance::ProgrammingJob::stepDescription(step)));
    m_progress->setValue(0);
}

void IssuancePage::markStep(Step step)
{
    m_currentStep = step;
    const int current = int(listedSteps().indexOf(step));
    for (int i = 0; i < listedSteps().size(); ++i) {
        const QChar mark = step == Step::Done || i < current ? kDone : i == current ? kCurrent : kPending;
        QListWidgetItem* item = m_steps->item(i);
        item->setText(QStringLiteral("%1  %2").arg(
            mark, issuance::ProgrammingJob::stepDescription(listedSteps().at(i))));
        QFont f = item->font();
        f.setBold(i == current && step != Step::Done);
        item->setFont(f);
    }
}

void IssuancePage::setResult(const QString& text, const QString& color)
{
    m_result->setText(text);
    m_result->setStyleSheet(color.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(color));
}

void IssuancePage::program()
{
    const auto application = m_queue->current();
    const auto chosen = m_picker->selectedToken();
    if (!application || !chosen || isProgramming() || !m_session->api())
        return;
    m_pinChange->clear();
    m_calls->setTimeout(std::chrono::milliseconds(std::max(1, m_session->services().tokenTimeoutMs)));
    m_waiting = Waiting::Preparing;
    m_picker->setWatching(false);
    setResult(tr("Reading the state of UKey %1…").arg(chosen->label), {});
    updateButtons();
    // The PIN state as the token says it now, not as of the last poll.
    m_calls->run(
        chosen->modulePath, [target = *chosen] { return token::TokenAccess(target).refresh(); },
        [this, application = *application, chosen = *chosen](
            const token::TokenResult<token::TokenInfo>& fresh) {
            m_waiting = Waiting::None;
            startProgramming(application, chosen, fresh);
        });
}

void IssuancePage::startProgramming(const api::ApplicationSummary& application,
    const token::TokenInfo& chosen, const token::TokenResult<token::TokenInfo>& fresh)
{
    PinPrompt* pins = m_session->services().pins;
    Notifier* notifier = m_session->services().notifier;
    const auto stop = [this](const QString& text, const QString& color) {
        setResult(text, color);
        m_picker->setWatching(isVisible());
        updateButtons();
    };
    if (!fresh)
        return stop(fresh.message(), QStringLiteral("#c62828"));
    if (!fresh->initialized)
        return stop(
            token::tokenStatusMessage(token::TokenStatus::TokenNotInitialized), QStringLiteral("#c62828"));
    if (fresh->pin.locked)
        return stop(token::tokenStatusMessage(token::TokenStatus::PinLocked), QStringLiteral("#c62828"));
    if (notifier
        && !notifier->confirm(window(), tr("Program UKey"),
            tr("Write the new SM2 certificates of order %1 (%2) to UKey %3? When the service confirms, the "
               "old "
               "certificate is revoked.")
                .arg(application.orderNo, application.holder, fresh->label)))
        return stop({}, {});
    QString pin;
    if (!fresh->pin.protectedAuthenticationPath) {
        if (!pins)
            return stop({}, {});
        PinRequest request;
        request.tokenLabel = fresh->label;
        request.purpose
            = tr("The PIN of the NEW UKey, to write the certificates of order %1.").arg(application.orderNo);
        request.pin = fresh->pin;
        std::optional<QString> typed = pins->askPin(window(), request);
        if (!typed)
            return stop(tr("Not programmed: no PIN was entered."), {});
        pin = std::move(*typed);
    } else {
        setResult(tr("Type the PIN of the new UKey on the reader's PIN pad."), {});
    }
    // The vendor profile knows which PINs such UKeys leave the factory with.
    m_factoryPins = token::VendorProfiles::builtIn().factoryPins(*fresh);
    m_defaultPin = int(m_factoryPins.indexOf(pin));
    m_token = *fresh;
    m_orderNo = application.orderNo;
    m_applicationId = application.id;
    wipe(m_programmingPin);
    // A UKey to be mailed needs the PIN typed now once more, to replace it by the initial PIN afterwards.
    if (m_mail->isChecked() && !fresh->pin.protectedAuthenticationPath)
        m_programmingPin = pin;

    issuance::ProgrammingRequest request;
    request.applicationId = application.id;
    request.modulePath = chosen.modulePath;
    request.tokenLabel = fresh->label;
    request.tokenSerial = fresh->serialNumber;
    request.journalPath = m_session->services().journalPath;
    m_job = new issuance::ProgrammingJob(m_session->api(), request, this);
    connect(m_job, &issuance::ProgrammingJob::stepChanged, this, &IssuancePage::markStep);
    connect(m_job, &issuance::ProgrammingJob::progress, m_progress, &QProgressBar::setValue);
    connect(m_job, &issuance::ProgrammingJob::finished, this, &IssuancePage::finished);
    resetSteps();
    if (!fresh->pin.protectedAuthenticationPath)
        setResult(tr("Programming UKey %1 for order %2…").arg(fresh->label, m_orderNo), {});
    updateButtons();
    m_job->start(pin);
    wipe(pin); // the job took its own copy and wipes it after the login
}

void IssuancePage::cancel()
{
    if (m_waiting != Waiting::None) {
        // A call cannot be taken back from a module: the page stops waiting for its answer.
        const Waiting was = std::exchange(m_waiting, Waiting::None);
        m_calls->cancel();
        if (was == Waiting::Preparing) {
            setResult(tr("Not programmed: stopped waiting for the UKey."), {});
            m_picker->setWatching(isVisible());
        } else {
            m_pinChange->setText(tr(
                "Stopped waiting for the UKey: its PIN may not have been changed. Check it before the UKey "
                "leaves the counter."));
            m_pinChange->setStyleSheet(QStringLiteral("color: #8a4b00;"));
            wipe(m_programmingPin);
            if (was == Waiting::InitialPin)
                Q_EMIT initialPinFinished(false);
            else
                Q_EMIT pinChangeFinished(false);
        }
        updateButtons();
        return;
    }
    if (m_job && m_job->isRunning()) {
        m_cancel->setEnabled(false);
        setResult(tr("Cancelling: removing what was written to the UKey…"), {});
        m_job->cancel();
    }
}

void IssuancePage::notAnswering()
{
    const QString text = token::moduleNotAnsweringMessage();
    if (m_waiting == Waiting::Preparing) {
        setResult(text, QStringLiteral("#c62828"));
    } else if (m_waiting != Waiting::None) {
        m_pinChange->setText(text);
        m_pinChange->setStyleSheet(QStringLiteral("color: #c62828;"));
    }
}

void IssuancePage::finished(bool ok, const QString& message, token::TokenStatus status)
{
    if (m_job)
        m_job->deleteLater();
    m_job.clear();
    m_picker->setWatching(isVisible());
    if (ok) {
        markStep(Step::Done);
        m_progress->setValue(100);
        setResult(
            tr("UKey %1 now holds the new SM2 signing and encryption certificates of order %2, and the old "
               "certificate is revoked. Next: hand it over or send it (Shipment).")
                .arg(m_token.label, m_orderNo),
            QStringLiteral("#2e7d32"));
        m_session->announceChange({});
        m_queue->refresh();
    } else {
        const int failed = int(listedSteps().indexOf(m_currentStep));
        if (failed >= 0 && failed < m_steps->count())
            m_steps->item(failed)->setText(QStringLiteral("%1  %2").arg(
                kFailed, issuance::ProgrammingJob::stepDescription(m_currentStep)));
        QString text = message;
        if (text.isEmpty())
            text = status == token::TokenStatus::Ok ? tr("Programming failed.")
                                                    : token::tokenStatusMessage(status);
        setResult(text, QStringLiteral("#c62828"));
    }
    updateButtons();
    Q_EMIT programmingFinished(ok);
    if (ok && !m_programmingPin.isEmpty())
        setInitialPin();
    else if (ok)
        offerPinChange();
    wipe(m_programmingPin);
}

void IssuancePage::setInitialPin()
{
    QString oldPin = std::exchange(m_programmingPin, {});
    m_pinChange->setText(tr("Setting a random initial PIN for mailing…"));
    m_pinChange->setStyleSheet({});
    const QString applicationId = m_applicationId;
    auto initial = std::make_shared<QString>(pins::generateInitialPin());
    m_waiting = Waiting::InitialPin;
    updateButtons();
    m_calls->run(
        m_token.modulePath,
        [target = m_token, initial, oldPin = std::move(oldPin)]() mutable {
            QString newPin = *initial;
            return token::TokenAccess(target).changePin(std::move(oldPin), std::move(newPin));
        },
        [this, initial, applicationId](const token::TokenResult<void>& r) {
            m_waiting = Waiting::None;
            updateButtons();
            if (!r) {
                initial->fill(QLatin1Char('\0'));
                m_pinChange->setText(
                    tr("The initial PIN was not set: %1 The UKey still has the PIN typed for "
                       "programming; change it before mailing.")
                        .arg(r.message()));
                m_pinChange->setStyleSheet(QStringLiteral("color: #c62828;"));
                Q_EMIT initialPinFinished(false);
                return;
            }
            m_session->holdInitialPin(applicationId, std::move(*initial));
            m_pinChange->setText(
                tr("UKey %1 has a random initial PIN. Nobody at the counter sees it: the service "
                   "sends it to the applicant by SMS when you record the shipment (Shipment).")
                    .arg(m_token.label));
            m_pinChange->setStyleSheet(QStringLiteral("color: #2e7d32;"));
            Q_EMIT initialPinFinished(true);
        });
}

void IssuancePage::offerPinChange()
{
    if (!m_session->services().pins) {
        Q_EMIT pinChangeFinished(false);
        return;
    }
    // Whether the UKey asks for its PIN to be changed, read from it now.
    m_waiting = Waiting::PinState;
    updateButtons();
    m_calls->run(
        m_token.modulePath, [target = m_token] { return token::TokenAccess(target).refresh(); },
        [this](const token::TokenResult<token::TokenInfo>& fresh) {
            m_waiting = Waiting::None;
            updateButtons();
            askPinChange(fresh);
        });
}

void IssuancePage::askPinChange(const token::TokenResult<token::TokenInfo>& fresh)
{
    PinPrompt* pins = m_session->services().pins;
    const bool mustChange = fresh && fresh->pin.toBeChanged;
    if (!pins || (m_defaultPin < 0 && !mustChange) || (fresh && fresh->pin.protectedAuthenticationPath)) {
        Q_EMIT pinChangeFinished(false);
        return;
    }
    const bool oldKnown = m_defaultPin >= 0;
    PinRequest request;
    request.tokenLabel = m_token.label;
    request.purpose = oldKnown
        ? tr("This UKey still has its factory default PIN. Let the applicant type a PIN of their own now, so "
             "that "
             "nobody else can use the new certificates.")
        : tr("This UKey asks for its PIN to be changed. Let the applicant type a PIN of their own now.");
    if (fresh)
        request.pin = fresh->pin;
    std::optional<PinChange> change = pins->askPinChange(window(), request, oldKnown);
    if (!change) {
        m_pinChange->setText(
            tr("The PIN was not changed: tell the applicant to change it before the first use."));
        m_pinChange->setStyleSheet(QStringLiteral("color: #8a4b00;"));
        Q_EMIT pinChangeFinished(false);
        return;
    }
    QString oldPin = oldKnown ? m_factoryPins.at(m_defaultPin) : std::move(change->oldPin);
    QString newPin = std::move(change->newPin);
    m_defaultPin = -1;
    m_pinChange->setText(tr("Changing the PIN…"));
    m_pinChange->setStyleSheet({});
    m_waiting = Waiting::PinChange;
    updateButtons();
    m_calls->run(
        m_token.modulePath,
        [target = m_token, oldPin = std::move(oldPin), newPin = std::move(newPin)]() mutable {
            return token::TokenAccess(target).changePin(std::move(oldPin), std::move(newPin));
        },
        [this](const token::TokenResult<void>& r) {
            m_waiting = Waiting::None;
            updateButtons();
            if (!r) {
                m_pinChange->setText(tr("The PIN was not changed: %1").arg(r.message()));
                m_pinChange->setStyleSheet(QStringLiteral("color: #c62828;"));
                Q_EMIT pinChangeFinished(false);
                return;
            }
            m_pinChange->setText(
                tr("The PIN of UKey %1 was changed. Only the applicant knows it now.").arg(m_token.label));
            m_pinChange->setStyleSheet(QStringLiteral("color: #2e7d32;"));
            Q_EMIT pinChangeFinished(true);
        });
}

} // namespace certdesk::ui
