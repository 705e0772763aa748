#include "applicant/ApplicantCentrePage.h"

#include "applicant/ReceiptPanel.h"

#include "api/ApiClient.h"
#include "domain/CaContact.h"
#include "domain/Category.h"
#include "domain/Checklist.h"
#include "domain/Privacy.h"
#include "domain/Validators.h"
#include "widgets/ModulePaths.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStackedWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace certdesk::ui {

namespace {

// The service's resend interval (API.md: 60 s); used when the client clock disagrees with resend_after.
constexpr int kDefaultResendSeconds = 60;

} // namespace

ApplicantCentrePage::ApplicantCentrePage(api::ApiClient* api, QWidget* parent)
    : QWidget(parent)
    , m_api(api)
    , m_steps(new QStackedWidget(this))
    , m_countdown(new QTimer(this))
{
    setObjectName(QStringLiteral("applicantCentrePage"));
    auto* title = new QLabel(tr("My applications (personal centre)"), this);
    title->setObjectName(QStringLiteral("applicantTitle"));
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    title->setFont(f);
    auto* back = new QPushButton(tr("Back to the home page"), this);
    back->setObjectName(QStringLiteral("applicantBackButton"));
    connect(back, &QPushButton::clicked, this, &ApplicantCentrePage::backRequested);
    auto* header = new QHBoxLayout;
    header->addWidget(title, 1);
    header->addWidget(back);

    // Step 1: mobile number and SMS code.
    auto* signInPanel = new QWidget(m_steps);
    auto* intro = new QLabel(tr("Sign in with the mobile number of the agent (or of the natural-person "
                                "applicant) given on the application. We send a 6-digit code by SMS; it is "
                                "valid for 5 minutes. Then you can continue any of your applications on this "
                                "computer: print the application form, upload documents, identity check, "
                                "payment, progress, and fixing what the CA sent back."),
        signInPanel);
    intro->setWordWrap(true);
    m_mobile = new QLineEdit(signInPanel);
    m_mobile->setObjectName(QStringLiteral("applicantMobileEdit"));
    m_mobile->setAccessibleName(tr("Mobile number"));
    m_mobile->setMaxLength(11);
    m_mobile->setInputMethodHints(Qt::ImhDigitsOnly);
    m_mobile->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,11}")), m_mobile));
    m_sendCode = new QPushButton(tr("Send code"), signInPanel);
    m_sendCode->setObjectName(QStringLiteral("applicantSendCodeButton"));
    m_code = new QLineEdit(signInPanel);
    m_code->setObjectName(QStringLiteral("applicantCodeEdit"));
    m_code->setAccessibleName(tr("SMS code"));
    m_code->setMaxLength(6);
    m_code->setInputMethodHints(Qt::ImhDigitsOnly);
    m_code->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,6}")), m_code));
    m_signIn = new QPushButton(tr("Sign in"), signInPanel);
    m_signIn->setObjectName(QStringLiteral("applicantSignInButton"));
    m_signIn->setDefault(true);
    m_message = new QLabel(signInPanel);
    m_message->setObjectName(QStringLiteral("applicantMessage"));
    m_message->setWordWrap(true);
    m_sendCode->setMinimumWidth(180);
    m_signIn->setMinimumWidth(180);
    auto* mobileRow = new QHBoxLayout;
    mobileRow->addWidget(m_mobile);
    mobileRow->addWidget(m_sendCode);
    mobileRow->addStretch(1);
    auto* codeRow = new QHBoxLayout;
    codeRow->addWidget(m_code);
    codeRow->addWidget(m_signIn);
    codeRow->addStretch(1);
    auto* form = new QFormLayout;
    form->addRow(tr("Mobile number"), mobileRow);
    form->addRow(tr("SMS code"), codeRow);
    auto* signInLayout = new QVBoxLayout(signInPanel);
    signInLayout->addWidget(intro);
    signInLayout->addSpacing(12);
    signInLayout->addLayout(form);
    signInLayout->addWidget(m_message);
    signInLayout->addStretch(1);
    for (QWidget* w : {static_cast<QWidget*>(m_mobile), static_cast<QWidget*>(m_sendCode),
             static_cast<QWidget*>(m_code), static_cast<QWidget*>(m_signIn)})
        w->setMinimumHeight(40);
    m_mobile->setFixedWidth(280);
    m_code->setFixedWidth(280);

    // Step 2: the applications of that number.
    auto* listPanel = new QWidget(m_steps);
    m_signedInAs = new QLabel(listPanel);
    m_signedInAs->setObjectName(QStringLiteral("applicantSignedInAs"));
    m_list = new QTreeWidget(listPanel);
    m_list->setObjectName(QStringLiteral("applicantApplicationList"));
    m_list->setAccessibleName(tr("Your applications"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels(
        {tr("Order number"), tr("Holder"), tr("Certificate kind"), tr("Status"), tr("Last change")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_listMessage = new QLabel(listPanel);
    m_listMessage->setObjectName(QStringLiteral("applicantListMessage"));
    m_listMessage->setWordWrap(true);
    m_open = new QPushButton(tr("Open"), listPanel);
    m_open->setObjectName(QStringLiteral("applicantOpenButton"));
    m_open->setDefault(true);
    m_received = new QPushButton(tr("I have received the UKey"), listPanel);
    m_received->setMinimumWidth(180);
    m_received->setObjectName(QStringLiteral("applicantReceivedButton"));
    m_received->setAccessibleDescription(
        tr("For a mailed UKey: check it, set your own PIN and confirm receipt."));
    m_refresh = new QPushButton(tr("Refresh"), listPanel);
    m_refresh->setObjectName(QStringLiteral("applicantRefreshButton"));
    m_signOut = new QPushButton(tr("Sign out"), listPanel);
    m_signOut->setObjectName(QStringLiteral("applicantSignOutButton"));
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(m_signOut);
    listButtons->addStretch(1);
    listButtons->addWidget(m_refresh);
    listButtons->addWidget(m_received);
    listButtons->addWidget(m_open);
    auto* listLayout = new QVBoxLayout(listPanel);
    listLayout->addWidget(m_signedInAs);
    listLayout->addWidget(m_list, 1);
    listLayout->addWidget(m_listMessage);
    listLayout->addLayout(listButtons);

    m_steps->addWidget(signInPanel);
    m_steps->addWidget(listPanel);
    // Step 3: 我已收到 UKey for a shipped application.
    m_receipt = new ReceiptPanel(m_api, m_steps);
    m_steps->addWidget(m_receipt);
    connect(m_receipt, &ReceiptPanel::backRequested, this, [this] {
        m_receipt->reset();
        m_steps->setCurrentIndex(1);
        refreshApplications();
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->addLayout(header);
    layout->addSpacing(8);
    layout->addWidget(m_steps, 1);

    m_countdown->setInterval(1000);
    connect(m_countdown, &QTimer::timeout, this, &ApplicantCentrePage::tick);
    connect(m_sendCode, &QPushButton::clicked, this, &ApplicantCentrePage::sendCode);
    connect(m_signIn, &QPushButton::clicked, this, &ApplicantCentrePage::signIn);
    connect(m_code, &QLineEdit::returnPressed, this, &ApplicantCentrePage::signIn);
    connect(m_mobile, &QLineEdit::textChanged, this, &ApplicantCentrePage::updateButtons);
    connect(m_code, &QLineEdit::textChanged, this, &ApplicantCentrePage::updateButtons);
    connect(m_open, &QPushButton::clicked, this, &ApplicantCentrePage::openSelected);
    connect(m_list, &QTreeWidget::itemActivated, this, &ApplicantCentrePage::openSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &ApplicantCentrePage::updateButtons);
    connect(m_refresh, &QPushButton::clicked, this, &ApplicantCentrePage::refreshApplications);
    connect(m_received, &QPushButton::clicked, this, &ApplicantCentrePage::receiveSelected);
    connect(m_signOut, &QPushButton::clicked, this, &ApplicantCentrePage::signOut);
    updateButtons();
}

ApplicantCentrePage::~ApplicantCentrePage()
{
    // Leaving (closing the program) ends the session on the service too.
    if (!m_token.isEmpty() && m_api)
        m_api->applicantSignOut(m_token)->then(m_api, [](const api::ApiResult<api::NoContent>&) {});
}

void ApplicantCentrePage::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void ApplicantCentrePage::setMessage(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setProperty("error", error);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void ApplicantCentrePage::updateButtons()
{
    const bool mobileOk = !validators::mobile(m_mobile->text().trimmed());
    m_sendCode->setEnabled(!m_busy && mobileOk && m_resendRemaining == 0);
    m_sendCode->setText(m_resendRemaining > 0 ? tr("Resend in %n s", nullptr, m_resendRemaining)
            : m_codeSent                      ? tr("Send again")
                                              : tr("Send code"));
    m_signIn->setEnabled(!m_busy && mobileOk && m_codeSent && m_code->text().trimmed().size() == 6);
    m_open->setEnabled(!m_busy && m_list->currentItem() != nullptr);
    const QTreeWidgetItem* current = m_list->currentItem();
    const bool shipped
        = current && current->data(0, Qt::UserRole + 1).toInt() == int(ApplicationStatus::Shipped);
    m_received->setEnabled(!m_busy && shipped);
    m_received->setVisible(shipped);
    if (shipped)
        m_listMessage->setText(
            tr("The UKey of order %1 was mailed. When it arrives, insert it into this "
               "computer and press \"I have received the UKey\": CertDesk checks it, and you "
               "replace the initial PIN from the SMS by your own.")
                .arg(current->text(0)));
    m_refresh->setEnabled(!m_busy);
}

void ApplicantCentrePage::startCountdown(int seconds)
{
    m_resendRemaining = qMax(0, seconds);
    if (m_resendRemaining > 0)
        m_countdown->start();
    else
        m_countdown->stop();
    updateButtons();
}

void ApplicantCentrePage::tick()
{
    if (m_resendRemaining > 0)
        --m_resendRemaining;
    if (m_resendRemaining == 0)
        m_countdown->stop();
    updateButtons();
}

void ApplicantCentrePage::sendCode()
{
    const QString mobile = m_mobile->text().trimmed();
    if (validators::mobile(mobile) || m_busy || m_resendRemaining > 0)
        return;
    setBusy(true);
    setMessage(tr("Sending the code…"), false);
    const int generation = m_generation;
    m_api->requestApplicantCode(mobile)->then(
        this, [this, generation, mobile](const api::ApiResult<api::ApplicantCode>& r) {
            if (generation != m_generation)
                return;
            setBusy(false);
            if (r.ok()) {
                m_codeSent = true;
                const qint64 wait = QDateTime::currentDateTimeUtc().secsTo(r.value().resendAfter);
                startCountdown(wait > 0 && wait <= 10 * 60 ? int(wait) : kDefaultResendSeconds);
                setMessage(
                    tr("The code was sent by SMS to %1. It is valid for 5 minutes.").arg(maskMobile(mobile)),
                    false);
                m_code->setFocus();
                return;
            }
            const api::ApiError& e = r.error();
            if (e.isHttp(429)) {
                const int seconds
                    = e.retryAfter ? int((e.retryAfter->count() + 999) / 1000) : kDefaultResendSeconds;
                // A short wait is the resend interval; a long one the hourly limit.
                if (seconds <= kDefaultResendSeconds) {
                    m_codeSent = true;
                    startCountdown(seconds);
                    setMessage(tr("A code was sent a moment ago; you can ask for another in %n second(s).",
                                   nullptr, seconds),
                        true);
                } else {
                    startCountdown(seconds);
                    setMessage(
                        tr("Too many codes were asked for. Try again in %n minute(s), or call the hotline "
                           "%1.",
                            nullptr, (seconds + 59) / 60)
                            .arg(caHotline()),
                        true);
                }
                return;
            }
            setMessage(e.userMessage(), true);
        });
}

void ApplicantCentrePage::signIn()
{
    const QString mobile = m_mobile->text().trimmed();
    const QString code = m_code->text().trimmed();
    if (m_busy || validators::mobile(mobile) || code.size() != 6)
        return;
    setBusy(true);
    setMessage(tr("Signing in…"), false);
    const int generation = m_generation;
    m_api->applicantSignIn(mobile, code)
        ->then(this, [this, generation, mobile](const api::ApiResult<api::ApplicantSession>& r) {
            if (generation != m_generation)
                return;
            setBusy(false);
            if (!r.ok()) {
                m_code->clear();
                setMessage(r.error().isHttp(401)
                        ? tr("The code is wrong or no longer valid. Check the latest SMS, or ask for a new "
                             "code.")
                        : r.error().userMessage(),
                    true);
                return;
            }
            m_token = r.value().token;
            m_signedInMobile = mobile;
            m_code->clear();
            setMessage({}, false);
            m_signedInAs->setText(tr("Signed in as %1. These are the applications with this mobile number.")
                                      .arg(maskMobile(mobile)));
            m_steps->setCurrentIndex(1);
            Q_EMIT signedIn();
            refreshApplications();
        });
}

void ApplicantCentrePage::refreshApplications()
{
    if (m_token.isEmpty() || m_busy)
        return;
    setBusy(true);
    m_listMessage->setText(tr("Loading…"));
    const int generation = m_generation;
    m_api->applicantApplications(m_token)->then(
        this, [this, generation](const api::ApiResult<QList<api::ApplicationSummary>>& r) {
            if (generation != m_generation)
                return;
            setBusy(false);
            if (!r.ok()) {
                if (r.error().isHttp(401)) {
                    // Expired or ended elsewhere: back to the sign-in form.
                    m_token.clear();
                    signOut();
                    setMessage(tr("The sign-in has expired. Please sign in again."), true);
                    return;
                }
                m_listMessage->setText(r.error().userMessage());
                return;
            }
            showApplications(r.value());
        });
}

void ApplicantCentrePage::showApplications(const QList<api::ApplicationSummary>& list)
{
    m_applications = list;
    m_list->clear();
    for (const api::ApplicationSummary& app : list) {
        auto* item = new QTreeWidgetItem(m_list,
            {app.orderNo, app.holder, categoryDisplayName(app.category), statusDisplayName(app.status),
                app.updatedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))});
        item->setData(0, Qt::UserRole, app.id);
        item->setData(0, Qt::UserRole + 1, int(app.status));
    }
    if (m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    m_listMessage->setText(list.isEmpty()
            ? tr("There is no application with this mobile number. If you applied with another number, sign "
                 "out and sign in with that one; for help call the hotline %1.")
                  .arg(caHotline())
            : tr("Select an application and press Open."));
    updateButtons();
}

void ApplicantCentrePage::openSelected()
{
    QTreeWidgetItem* item = m_list->currentItem();
    if (!item || m_token.isEmpty())
        return;
    Q_EMIT openRequested(item->data(0, Qt::UserRole).toString(), item->text(0));
}

void ApplicantCentrePage::receiveSelected()
{
    QTreeWidgetItem* item = m_list->currentItem();
    if (!item || m_token.isEmpty()
        || item->data(0, Qt::UserRole + 1).toInt() != int(ApplicationStatus::Shipped))
        return;
    m_steps->setCurrentWidget(m_receipt);
    m_receipt->start(item->data(0, Qt::UserRole).toString(), item->text(0), m_token,
        m_modulePaths.isEmpty() ? configuredModulePaths() : m_modulePaths);
}

void ApplicantCentrePage::startFor(const QString& mobile)
{
    signOut();
    m_mobile->setText(mobile);
    sendCode();
}

void ApplicantCentrePage::signOut()
{
    ++m_generation;
    if (!m_token.isEmpty() && m_api) {
        // Fire and forget: the page is cleared now whatever the network does; the reply is deleted by then().
        m_api->applicantSignOut(m_token)->then(m_api, [](const api::ApiResult<api::NoContent>&) {});
    }
    const bool wasSignedIn = !m_token.isEmpty();
    m_token.clear();
    m_signedInMobile.clear();
    m_applications.clear();
    m_list->clear();
    m_mobile->clear();
    m_code->clear();
    m_codeSent = false;
    m_busy = false;
    startCountdown(0);
    setMessage({}, false);
    m_listMessage->clear();
    m_signedInAs->clear();
    m_receipt->reset();
    m_steps->setCurrentIndex(0);
    updateButtons();
    if (wasSignedIn)
        Q_EMIT signedOut();
}

} // namespace certdesk::ui
