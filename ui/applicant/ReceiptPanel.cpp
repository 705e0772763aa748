#include "applicant/ReceiptPanel.h"

#include "api/ApiClient.h"
#include "domain/PinRules.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace certdesk::ui {

namespace {

using Step = issuance::ReceiptJob::Step;

// The marks in front of the steps, as on the counter's programming list.
const QChar kPending(0x25CB); // ○
const QChar kCurrent(0x25B6); // ▶
const QChar kDone(0x2713); // ✓
const QChar kFailed(0x2717); // ✗

void clearSecret(QLineEdit* edit)
{
    QString text = edit->text();
    text.fill(QLatin1Char('\0'));
    edit->clear();
}

QString stepText(int index)
{
    switch (index) {
    case 0:
        return ReceiptPanel::tr("Check the UKey: the certificates of this order, issued by the CA");
    case 1:
        return ReceiptPanel::tr("The initial PIN from the SMS, and a new PIN of your own");
    default:
        return ReceiptPanel::tr("Confirm receipt to the CA");
    }
}

} // namespace

ReceiptPanel::ReceiptPanel(api::ApiClient* api, QWidget* parent)
    : QWidget(parent)
    , m_api(api)
    , m_title(new QLabel(this))
    , m_intro(new QLabel(this))
    , m_tokenDetails(new QLabel(this))
    , m_find(new QPushButton(tr("Check the UKey again"), this))
    , m_pinBox(new QWidget(this))
    , m_initialPin(new QLineEdit(m_pinBox))
    , m_newPin(new QLineEdit(m_pinBox))
    , m_repeatPin(new QLineEdit(m_pinBox))
    , m_pinHint(new QLabel(m_pinBox))
    , m_confirm(new QPushButton(tr("Change the PIN and confirm receipt"), m_pinBox))
    , m_status(new QLabel(this))
    , m_done(new QLabel(this))
    , m_back(new QPushButton(tr("Back to my applications"), this))
{
    setObjectName(QStringLiteral("receiptPanel"));
    m_title->setObjectName(QStringLiteral("receiptTitle"));
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    f.setBold(true);
    m_title->setFont(f);
    m_intro->setWordWrap(true);
    m_intro->setText(tr("Insert the UKey from the parcel into this computer (and remove any other UKey). "
                        "CertDesk checks that it holds the new signing and encryption certificates of this "
                        "order, then you replace the initial PIN from the SMS by a PIN of your own."));
    auto* steps = new QVBoxLayout;
    for (int i = 0; i < 3; ++i) {
        auto* label = new QLabel(this);
        label->setObjectName(QStringLiteral("receiptStep%1").arg(i + 1));
        m_stepLabels.append(label);
        steps->addWidget(label);
    }
    m_tokenDetails->setObjectName(QStringLiteral("receiptTokenDetails"));
    m_tokenDetails->setWordWrap(true);
    m_tokenDetails->setTextFormat(Qt::PlainText);
    m_find->setObjectName(QStringLiteral("receiptFindButton"));
    m_find->setAccessibleName(tr("Check the inserted UKey again"));

    for (QLineEdit* edit : {m_initialPin, m_newPin, m_repeatPin}) {
        edit->setEchoMode(QLineEdit::Password);
        edit->setMaxLength(pins::kMaxLength);
        edit->setFixedWidth(280);
        edit->setMinimumHeight(36);
        connect(edit, &QLineEdit::textChanged, this, &ReceiptPanel::updateButtons);
    }
    m_initialPin->setObjectName(QStringLiteral("receiptInitialPinEdit"));
    m_initialPin->setAccessibleName(tr("Initial PIN from the SMS"));
    m_initialPin->setInputMethodHints(Qt::ImhDigitsOnly | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_newPin->setObjectName(QStringLiteral("receiptNewPinEdit"));
    m_newPin->setAccessibleName(tr("New PIN"));
    m_newPin->setInputMethodHints(Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_repeatPin->setObjectName(QStringLiteral("receiptRepeatPinEdit"));
    m_repeatPin->setAccessibleName(tr("New PIN again"));
    m_repeatPin->setInputMethodHints(Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_pinHint->setObjectName(QStringLiteral("receiptPinHint"));
    m_pinHint->setWordWrap(true);
    m_confirm->setObjectName(QStringLiteral("receiptConfirmButton"));
    m_confirm->setDefault(true);
    m_confirm->setMinimumHeight(40);
    m_confirm->setMinimumWidth(280);
    auto* pinForm = new QFormLayout(m_pinBox);
    pinForm->setContentsMargins(0, 0, 0, 0);
    pinForm->addRow(tr("Initial PIN (from the SMS)"), m_initialPin);
    pinForm->addRow(tr("New PIN"), m_newPin);
    pinForm->addRow(tr("New PIN again"), m_repeatPin);
    pinForm->addRow(QString(), m_pinHint);
    auto* confirmRow = new QHBoxLayout;
    confirmRow->addWidget(m_confirm);
    confirmRow->addStretch(1);
    pinForm->addRow(QString(), confirmRow);

    m_status->setObjectName(QStringLiteral("receiptStatus"));
    m_status->setWordWrap(true);
    m_done->setObjectName(QStringLiteral("receiptDoneText"));
    m_done->setWordWrap(true);
    m_done->setTextFormat(Qt::PlainText);
    m_done->setStyleSheet(
        QStringLiteral("QLabel { border: 1px solid #2e7d32; border-radius: 4px; padding: 12px; "
                       "background: #f1f8f1; }"));
    QFont doneFont = m_done->font();
    doneFont.setPointSizeF(doneFont.pointSizeF() * 1.1);
    m_done->setFont(doneFont);
    m_back->setObjectName(QStringLiteral("receiptBackButton"));

    auto* findRow = new QHBoxLayout;
    findRow->addWidget(m_tokenDetails, 1);
    findRow->addWidget(m_find, 0, Qt::AlignTop);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_back);
    bottom->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_intro);
    layout->addSpacing(4);
    layout->addLayout(steps);
    layout->addSpacing(4);
    layout->addLayout(findRow);
    layout->addWidget(m_pinBox);
    layout->addWidget(m_status);
    layout->addWidget(m_done);
    layout->addStretch(1);
    layout->addLayout(bottom);

    connect(m_find, &QPushButton::clicked, this, &ReceiptPanel::findToken);
    connect(m_confirm, &QPushButton::clicked, this, &ReceiptPanel::confirm);
    connect(m_repeatPin, &QLineEdit::returnPressed, this, &ReceiptPanel::confirm);
    connect(m_back, &QPushButton::clicked, this, &ReceiptPanel::backRequested);
    reset();
}

ReceiptPanel::~ReceiptPanel() = default;

QString ReceiptPanel::statusText() const
{
    return m_status->text();
}

void ReceiptPanel::reset()
{
    delete m_job;
    m_applicationId.clear();
    m_completed = false;
    for (QLineEdit* edit : {m_initialPin, m_newPin, m_repeatPin})
        clearSecret(edit);
    m_tokenDetails->clear();
    m_pinBox->setVisible(false);
    m_done->setVisible(false);
    m_done->clear();
    setStatus({}, {});
    markStep(0);
    updateButtons();
}

void ReceiptPanel::start(const QString& applicationId, const QString& orderNo, const QString& bearer,
    const QStringList& modulePaths)
{
    reset();
    m_applicationId = applicationId;
    m_title->setText(tr("I have received the UKey · order %1").arg(orderNo));
    m_job = new issuance::ReceiptJob(m_api, applicationId, bearer, modulePaths, this);
    connect(m_job, &issuance::ReceiptJob::found, this, [this](const token::TokenInfo& token, bool signs) {
        const auto& issuance = m_job->issuance();
        m_tokenDetails->setText(tr(
            "UKey %1 (serial number %2) holds the signing certificate %3 and the encryption certificate %4 "
            "of this order, issued by the CA. Valid until %5.")
                                    .arg(token.label, token.serialNumber,
                                        issuance ? issuance->signingSerial : QString(),
                                        issuance ? issuance->encryptionSerial : QString(),
                                        issuance ? issuance->notAfter.toLocalTime().toString(
                                            QStringLiteral("yyyy-MM-dd"))
                                                 : QString()));
        setStatus(signs ? tr("Now type the initial PIN from the SMS and choose your own PIN. The UKey then "
                             "signs the receipt with the new signing key.")
                        : tr("Now type the initial PIN from the SMS and choose your own PIN. The receipt is "
                             "confirmed with your sign-in and the UKey's serial number."),
            {});
        m_pinBox->setVisible(true);
        markStep(1);
        m_initialPin->setFocus();
        updateButtons();
        Q_EMIT jobAnswered();
    });
    connect(m_job, &issuance::ReceiptJob::failed, this,
        [this](issuance::ReceiptJob::Failure failure, const QString& message, token::TokenStatus) {
            const bool beforeFound = m_job->step() == Step::FindToken || m_job->step() == Step::Idle;
            if (failure == issuance::ReceiptJob::Failure::NewPin) {
                m_pinHint->setText(message);
                m_pinHint->setStyleSheet(QStringLiteral("color: #c62828;"));
                m_newPin->setFocus();
            } else {
                setStatus(message, QStringLiteral("error"));
            }
            if (m_job->pinChanged())
                m_initialPin->setPlaceholderText(tr("your new PIN"));
            markStep(beforeFound ? 0 : 1, failure != issuance::ReceiptJob::Failure::NewPin);
            updateButtons();
            Q_EMIT jobAnswered();
        });
    connect(m_job, &issuance::ReceiptJob::stepChanged, this, [this](Step step) {
        if (step == Step::FindToken) {
            setStatus(tr("Looking for the UKey and checking its certificates…"), {});
            markStep(0);
        } else if (step == Step::ChangePin) {
            setStatus(tr("Changing the PIN on the UKey…"), {});
            markStep(2);
        } else if (step == Step::ProveReceipt) {
            setStatus(tr("Confirming receipt to the CA…"), {});
        }
        updateButtons();
    });
    connect(m_job, &issuance::ReceiptJob::completed, this, [this](const Application& application) {
        m_completed = true;
        for (QLineEdit* edit : {m_initialPin, m_newPin, m_repeatPin})
            clearSecret(edit);
        m_pinBox->setVisible(false);
        markStep(3);
        setStatus(tr("Receipt confirmed: order %1 is completed, and the UKey has your own PIN now.")
                      .arg(application.orderNo),
            QStringLiteral("ok"));
        m_done->setText(tr(
            "From now on, bid documents must be encrypted to the NEW encryption certificate on this UKey, "
            "and "
            "you sign with its new signing certificate. The old certificate is revoked and no longer works: "
            "it cannot sign, and bid files encrypted to it can no longer be decrypted. Update the "
            "certificate "
            "on every bidding platform you use (certificate binding or certificate update there)."));
        m_done->setVisible(true);
        updateButtons();
        Q_EMIT completed(m_applicationId);
        Q_EMIT jobAnswered();
    });
    findToken();
}

void ReceiptPanel::findToken()
{
    if (!m_job || m_job->isBusy())
        return;
    m_pinBox->setVisible(false);
    m_tokenDetails->clear();
    m_job->findToken();
    updateButtons();
}

void ReceiptPanel::confirm()
{
    if (!m_job || m_job->isBusy() || !m_confirm->isEnabled())
        return;
    if (m_newPin->text() != m_repeatPin->text()) {
        m_pinHint->setText(tr("The two new PINs differ. Type the same PIN twice."));
        m_pinHint->setStyleSheet(QStringLiteral("color: #c62828;"));
        return;
    }
    QString initial = m_initialPin->text();
    QString chosen = m_newPin->text();
    for (QLineEdit* edit : {m_initialPin, m_newPin, m_repeatPin})
        clearSecret(edit);
    m_job->complete(std::move(initial), std::move(chosen));
    updateButtons();
}

void ReceiptPanel::updateButtons()
{
    const bool busy = m_job && m_job->isBusy();
    const bool found = m_job && m_job->step() == Step::Found;
    m_find->setEnabled(m_job && !busy && !m_completed);
    m_find->setVisible(!m_completed);
    // The rule while typing: what is wrong with the new PIN, next to the field.
    const QString typed = m_newPin->text();
    const QString repeated = m_repeatPin->text();
    bool acceptable = false;
    if (!typed.isEmpty()) {
        const auto problem = pins::checkNewPin(typed);
        const bool differ = !problem && !repeated.isEmpty() && repeated != typed;
        acceptable = !problem && !differ;
        m_pinHint->setText(problem ? problem->message
                : differ           ? tr("The two new PINs differ. Type the same PIN twice.")
                                   : tr("This PIN can be used."));
        m_pinHint->setStyleSheet(
            acceptable ? QStringLiteral("color: #2e7d32;") : QStringLiteral("color: #8a4b00;"));
    } else {
        m_pinHint->setText(
            tr("6 to 16 characters; not one character repeated (111111) and not a run of digits "
               "(123456, 654321)."));
        m_pinHint->setStyleSheet({});
    }
    // Enabled only for a PIN that passes the rule, typed twice the same: the job checks it again.
    m_confirm->setEnabled(
        found && !busy && !m_initialPin->text().isEmpty() && acceptable && repeated == typed);
    // Back works while a search is running too: a UKey driver that hangs must not hold the applicant here
    // (the job is dropped with its late answer).
    m_back->setEnabled(true);
}

void ReceiptPanel::setStatus(const QString& text, const QString& role)
{
    m_status->setText(text);
    m_status->setProperty("role", role);
    m_status->setStyleSheet(role == QLatin1String("error") ? QStringLiteral("color: #c62828;")
            : role == QLatin1String("ok")                  ? QStringLiteral("color: #2e7d32;")
                                                           : QString());
}

void ReceiptPanel::markStep(int current, bool failed)
{
    for (int i = 0; i < m_stepLabels.size(); ++i) {
        const QChar mark = i < current ? kDone : i == current ? (failed ? kFailed : kCurrent) : kPending;
        m_stepLabels[i]->setText(QStringLiteral("%1  %2. %3").arg(mark).arg(i + 1).arg(stepText(i)));
        QFont f = m_stepLabels[i]->font();
        f.setBold(i == current);
        m_stepLabels[i]->setFont(f);
    }
}

} // namespace certdesk::ui
