#include "centre/LivenessPage.h"
#include "api/UrlPolicy.h"

#include "api/ApiClient.h"
#include "centre/BackoffPoller.h"
#include "centre/CentreSession.h"
#include "domain/Privacy.h"
#include "widgets/QrWidget.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace certdesk::ui {

namespace {
const char* const StateColors[]
    = {"#37474f", "#1565c0", "#ef6c00", "#c62828", "#2e7d32", "#37474f", "#c62828"};
}

LivenessPage::LivenessPage(CentreSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_poller(new BackoffPoller(session->services().poll, this))
    , m_expiryTimer(new QTimer(this))
    , m_intro(new QLabel(this))
    , m_person(new QLabel(this))
    , m_qr(new QrWidget(this))
    , m_expiry(new QLabel(this))
    , m_status(new QLabel(this))
    , m_advice(new QLabel(this))
    , m_newCode(new QPushButton(tr("Get a new QR code"), this))
    , m_openInBrowser(new QPushButton(tr("Open the check page in the browser (training mode)"), this))
    , m_next(new QPushButton(tr("Next: online payment"), this))
{
    setObjectName(QStringLiteral("livenessPage"));
    m_intro->setObjectName(QStringLiteral("livenessIntro"));
    m_intro->setWordWrap(true);
    m_person->setObjectName(QStringLiteral("livenessPerson"));
    m_person->setWordWrap(true);
    m_person->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_qr->setObjectName(QStringLiteral("livenessQr"));
    m_qr->setAccessibleName(tr("WeChat identity check QR code"));
    m_qr->setPlaceholderText(tr("Preparing the QR code…"));
    m_expiry->setObjectName(QStringLiteral("livenessExpiry"));
    m_status->setObjectName(QStringLiteral("livenessStatus"));
    m_status->setWordWrap(true);
    QFont f = m_status->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_status->setFont(f);
    m_advice->setObjectName(QStringLiteral("livenessAdvice"));
    m_advice->setWordWrap(true);
    m_newCode->setObjectName(QStringLiteral("livenessNewCodeButton"));
    m_openInBrowser->setObjectName(QStringLiteral("livenessOpenButton"));
    m_openInBrowser->setAccessibleDescription(
        tr("Opens the identity check page in the browser of this computer"));
    m_openInBrowser->setVisible(false);
    m_next->setObjectName(QStringLiteral("livenessNextButton"));
    m_next->setVisible(false);
    m_expiryTimer->setSingleShot(true);

    auto* side = new QVBoxLayout;
    side->addWidget(m_person);
    side->addSpacing(8);
    side->addWidget(m_status);
    side->addWidget(m_advice);
    side->addWidget(m_expiry);
    side->addSpacing(8);
    side->addWidget(m_newCode, 0, Qt::AlignLeft);
    side->addWidget(m_openInBrowser, 0, Qt::AlignLeft);
    side->addStretch();
    side->addWidget(m_next, 0, Qt::AlignRight);

    auto* body = new QHBoxLayout;
    body->addWidget(m_qr, 0, Qt::AlignTop);
    body->addSpacing(16);
    body->addLayout(side, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addSpacing(8);
    layout->addLayout(body, 1);

    connect(m_newCode, &QPushButton::clicked, this, &LivenessPage::newCode);
    connect(m_next, &QPushButton::clicked, this, &LivenessPage::nextRequested);
    // Only https (http on loopback, the sandbox) goes to the browser; other QR contents are for the phone.
    connect(m_openInBrowser, &QPushButton::clicked, this, [this] {
        const QUrl url(m_liveSession.qrContent);
        if (api::mayOpenInBrowser(url))
            m_session->services().notifier->openUrl(url);
    });
    connect(m_poller, &BackoffPoller::poll, this, &LivenessPage::pollStatus);
    connect(m_expiryTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::Waiting) {
            m_poller->stop();
            setState(State::Expired);
        }
    });
    connect(session, &CentreSession::applicationChanged, this, &LivenessPage::updateFromApplication);
    updateFromApplication();
}

void LivenessPage::setState(State state, const QString& message)
{
    m_state = state;
    const Application& a = m_session->application();
    const bool institution = isInstitution(a.category);
    QString status;
    QString advice;
    switch (state) {
    case State::Loading:
        status = tr("Preparing the identity check…");
        break;
    case State::Waiting:
        status = tr("Waiting for the scan…");
        advice = institution
            ? tr("Open WeChat on the agent's phone, tap Scan and follow the steps. This page updates by "
                 "itself.")
            : tr("Open WeChat on the applicant's phone, tap Scan and follow the steps. This page updates by "
                 "itself.");
        break;
    case State::Expired:
        status = tr("The QR code has expired.");
        advice = tr("Get a new QR code and scan it.");
        break;
    case State::Failed:
        status = tr("The identity check failed.");
        // The guide: the identity information must match the applicant information on the form.
        advice = (message.isEmpty() ? QString() : tr("Reason: %1").arg(message) + QLatin1Char('\n'))
            + (institution ? tr("The person scanning must be the agent named on the form, and the name and "
                                "ID number in WeChat "
                                "must match the form. If the form is wrong, correct it (Progress → Edit "
                                "application), then get a "
                                "new QR code and scan again.")
                           : tr("The person scanning must be the applicant named on the form, and the name "
                                "and ID number in "
                                "WeChat must match the form. If the form is wrong, correct it (Progress → "
                                "Edit application), then "
                                "get a new QR code and scan again."));
        break;
    case State::Passed:
        status = tr("Identity check passed.");
        advice
            = a.checklist.payment == PaymentState::Paid ? QString() : tr("Continue with the online payment.");
        break;
    case State::Locked:
        status = tr("The identity check is not needed now.");
        break;
    case State::Error:
        status = message;
        advice = tr("Check the network connection and get a new QR code.");
        break;
    }
    m_status->setText(status);
    m_status->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(StateColors[int(state)])));
    m_advice->setText(advice);
    m_advice->setVisible(!advice.isEmpty());

    const bool waiting = state == State::Waiting;
    m_qr->setVisible(state != State::Passed && state != State::Locked);
    if (state == State::Expired)
        m_qr->setOverlayText(tr("Expired"));
    else if (state == State::Failed)
        m_qr->setOverlayText(tr("Check failed"));
    else if (!waiting)
        m_qr->setText({});
    else
        m_qr->setOverlayText({});
    m_expiry->setVisible(waiting);
    m_newCode->setVisible(state == State::Expired || state == State::Failed || state == State::Error);
    m_newCode->setText(
        state == State::Failed ? tr("Check again with a new QR code") : tr("Get a new QR code"));
    m_openInBrowser->setVisible(
        waiting && m_session->services().sandbox && api::mayOpenInBrowser(QUrl(m_liveSession.qrContent)));
    m_next->setVisible(state == State::Passed && a.status == ApplicationStatus::Draft
        && a.checklist.payment != PaymentState::Paid);
    setAccessibleDescription(status);
    Q_EMIT stateChanged(state);
}

void LivenessPage::updateFromApplication()
{
    const Application& a = m_session->application();
    const bool institution = isInstitution(a.category);
    // The guide's step 7 and its 提示.
    m_intro->setText(
        (institution ? tr("The agent scans the QR code with WeChat (Scan) and completes the online liveness "
                          "check.")
                     : tr("The applicant scans the QR code with WeChat (Scan) and completes the online "
                          "liveness check."))
        + QStringLiteral("<br><span style='color:#ef6c00'>%1</span>")
              .arg(tr(
                  "Note: complete the check with WeChat; the identity information must match the applicant "
                  "information on the form.")
                       .toHtmlEscaped()));
    if (!m_session->isLoaded())
        return;
    const Person& p = a.responsiblePerson();
    m_person->setText((institution ? tr("Who scans: the agent %1, ID number %2")
                                   : tr("Who scans: the applicant %1, ID number %2"))
                          .arg(maskName(p.name), maskIdNumber(p.idNumber)));

    if (a.checklist.liveness == LivenessState::Passed) {
        m_poller->stop();
        m_expiryTimer->stop();
        m_liveSession = {};
        setState(State::Passed);
        return;
    }
    if (!isEditable(a.status)) {
        m_poller->stop();
        setState(State::Locked);
        return;
    }
    if (isVisible())
        ensureSession();
}

void LivenessPage::ensureSession()
{
    if (!m_session->isLoaded() || m_starting)
        return;
    if (m_state == State::Waiting || m_state == State::Expired || m_state == State::Failed
        || m_state == State::Passed || m_state == State::Locked || m_state == State::Error)
        return;
    // A failed check stays failed (with its reason) until the person asks for a new code: starting a new
    // session by itself would hide why it failed.
    if (m_session->application().checklist.liveness == LivenessState::Failed) {
        loadFailure();
        return;
    }
    newCode();
}

void LivenessPage::loadFailure()
{
    m_starting = true;
    m_session->api()
        ->livenessStatus(m_session->applicationId(), m_session->accessToken())
        ->then(this, [this](const api::ApiResult<api::LivenessResult>& r) {
            m_starting = false;
            if (!r.ok()) {
                setState(State::Error, r.error().userMessage());
                return;
            }
            applyResult(r.value());
        });
}

void LivenessPage::newCode()
{
    if (m_starting || !m_session->api())
        return;
    m_starting = true;
    m_poller->stop();
    m_expiryTimer->stop();
    m_liveSession = {};
    setState(State::Loading);
    m_session->api()
        ->startLiveness(m_session->applicationId(), m_session->accessToken())
        ->then(this, [this](const api::ApiResult<api::LivenessSession>& r) {
            m_starting = false;
            if (!r.ok()) {
                // 409: passed meanwhile (another window, the counter) or no longer editable: reload.
                if (r.error().isHttp(409)) {
                    m_session->refresh();
                    setState(State::Locked);
                    return;
                }
                setState(State::Error, r.error().userMessage());
                return;
            }
            m_liveSession = r.value();
            m_qr->setText(m_liveSession.qrContent);
            const QDateTime now = QDateTime::currentDateTimeUtc();
            if (m_liveSession.expiresAt.isValid()) {
                const qint64 ms = std::max<qint64>(0, now.msecsTo(m_liveSession.expiresAt));
                m_expiryTimer->start(int(std::min<qint64>(ms, std::numeric_limits<int>::max())));
                m_expiry->setText(tr("The QR code is valid until %1.")
                                      .arg(m_liveSession.expiresAt.toTimeZone(QTimeZone("Asia/Shanghai"))
                                               .toString(QStringLiteral("HH:mm"))));
            } else {
                m_expiry->clear();
            }
            setState(State::Waiting);
            m_poller->start();
            if (!isVisible())
                m_poller->pause();
        });
}

void LivenessPage::pollStatus()
{
    m_session->api()
        ->livenessStatus(m_session->applicationId(), m_session->accessToken())
        ->then(this, [this](const api::ApiResult<api::LivenessResult>& r) {
            m_poller->pollFinished();
            // A failed poll (network hiccup) is just tried again at the next interval.
            if (r.ok() && m_state == State::Waiting)
                applyResult(r.value());
        });
}

void LivenessPage::applyResult(const api::LivenessResult& result)
{
    switch (result.status) {
    case LivenessState::Pending:
        if (m_state != State::Waiting)
            newCode();
        return;
    case LivenessState::Passed:
        m_poller->stop();
        m_expiryTimer->stop();
        setState(State::Passed);
        m_session->refresh();
        return;
    case LivenessState::Failed:
        m_poller->stop();
        m_expiryTimer->stop();
        setState(State::Failed, result.reason);
        m_session->refresh();
        return;
    case LivenessState::Expired:
        m_poller->stop();
        m_expiryTimer->stop();
        setState(State::Expired);
        return;
    }
}

void LivenessPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_poller->resume();
    ensureSession();
}

void LivenessPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_poller->pause();
}

} // namespace certdesk::ui
