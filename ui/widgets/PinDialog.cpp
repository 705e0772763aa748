#include "widgets/PinDialog.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace certdesk::ui {

QString pinStateWarning(const token::PinInfo& pin)
{
    if (pin.locked)
        return QCoreApplication::translate("certdesk::ui::PinDialog",
            "The PIN is locked. It must be unblocked with the administrator PIN before the UKey can be "
            "used.");
    if (pin.finalTry)
        return QCoreApplication::translate(
            "certdesk::ui::PinDialog", "Last try: one more wrong PIN locks the UKey.");
    if (pin.countLow)
        return QCoreApplication::translate(
            "certdesk::ui::PinDialog", "A wrong PIN was entered before: few tries are left.");
    if (pin.toBeChanged)
        return QCoreApplication::translate(
            "certdesk::ui::PinDialog", "The UKey asks for its PIN to be changed after this use.");
    return {};
}

namespace {

QLineEdit* pinEdit(
    const QString& objectName, const QString& accessibleName, const token::PinInfo& pin, QWidget* parent)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setEchoMode(QLineEdit::Password);
    // No input method history, prediction or clipboard for a secret.
    edit->setInputMethodHints(
        Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    edit->setContextMenuPolicy(Qt::NoContextMenu);
    if (pin.maxLength > 0)
        edit->setMaxLength(pin.maxLength);
    return edit;
}

} // namespace

PinDialog::PinDialog(Mode mode, const PinRequest& request, QWidget* parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_pin(request.pin)
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("pinDialog"));
    setWindowTitle(mode == Mode::Enter ? tr("UKey PIN") : tr("Change the UKey PIN"));
    auto* layout = new QVBoxLayout(this);
    auto* token = new QLabel(tr("UKey: %1").arg(request.tokenLabel), this);
    token->setObjectName(QStringLiteral("pinTokenLabel"));
    token->setTextFormat(Qt::PlainText);
    layout->addWidget(token);
    if (!request.purpose.isEmpty()) {
        auto* purpose = new QLabel(request.purpose, this);
        purpose->setObjectName(QStringLiteral("pinPurpose"));
        purpose->setWordWrap(true);
        purpose->setTextFormat(Qt::PlainText);
        layout->addWidget(purpose);
    }
    const QString warning = pinStateWarning(request.pin);
    if (!warning.isEmpty()) {
        auto* state = new QLabel(warning, this);
        state->setObjectName(QStringLiteral("pinStateWarning"));
        state->setWordWrap(true);
        state->setStyleSheet(request.pin.finalTry || request.pin.locked
                ? QStringLiteral("color: white; background: #c62828; padding: 6px; font-weight: bold;")
                : QStringLiteral("color: #8a4b00; background: #fff3e0; padding: 6px;"));
        layout->addWidget(state);
    }
    auto* form = new QFormLayout;
    if (mode == Mode::Enter) {
        m_new = pinEdit(QStringLiteral("pinEdit"), tr("PIN"), request.pin, this);
        form->addRow(tr("PIN:"), m_new);
    } else {
        if (mode == Mode::Change) {
            m_old = pinEdit(QStringLiteral("oldPinEdit"), tr("Current PIN"), request.pin, this);
            form->addRow(tr("Current PIN:"), m_old);
        }
        m_new = pinEdit(QStringLiteral("newPinEdit"), tr("New PIN"), request.pin, this);
        m_repeat = pinEdit(QStringLiteral("repeatPinEdit"), tr("Repeat the new PIN"), request.pin, this);
        form->addRow(tr("New PIN:"), m_new);
        form->addRow(tr("Repeat:"), m_repeat);
    }
    layout->addLayout(form);
    if (request.pin.minLength > 0 && mode != Mode::Enter) {
        auto* rule = new QLabel(request.pin.maxLength > 0
                ? tr("The PIN has %1 to %2 characters.").arg(request.pin.minLength).arg(request.pin.maxLength)
                : tr("The PIN has at least %1 characters.").arg(request.pin.minLength),
            this);
        rule->setObjectName(QStringLiteral("pinRule"));
        layout->addWidget(rule);
    }
    m_problem->setObjectName(QStringLiteral("pinProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);
    m_buttons->setObjectName(QStringLiteral("pinButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("pinOkButton"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("OK"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("pinCancelButton"));
    m_buttons->button(QDialogButtonBox::Cancel)
        ->setAccessibleName(mode == Mode::Enter ? tr("Cancel") : tr("Keep the current PIN"));
    if (mode != Mode::Enter)
        m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Keep the current PIN"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit* edit : {m_old, m_new, m_repeat}) {
        if (edit)
            connect(edit, &QLineEdit::textChanged, this, &PinDialog::updateState);
    }
    updateState();
    m_new->setFocus();
    if (m_old)
        m_old->setFocus();
}

PinDialog::~PinDialog()
{
    for (QLineEdit* edit : {m_old, m_new, m_repeat}) {
        if (edit)
            edit->clear();
    }
}

void PinDialog::updateState()
{
    QString problem;
    const int min = m_pin.minLength;
    bool ok = !m_new->text().isEmpty();
    if (m_old && m_old->text().isEmpty())
        ok = false;
    if (m_mode != Mode::Enter) {
        if (min > 0 && !m_new->text().isEmpty() && m_new->text().size() < min) {
            problem = tr("The new PIN is too short.");
            ok = false;
        } else if (!m_repeat->text().isEmpty() && m_repeat->text() != m_new->text()) {
            problem = tr("The two new PINs differ.");
            ok = false;
        } else if (m_repeat->text().isEmpty()) {
            ok = false;
        }
    }
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

QString PinDialog::take(QLineEdit* edit)
{
    if (!edit)
        return {};
    QString value = edit->text();
    edit->clear();
    return value;
}

QString PinDialog::takePin()
{
    return take(m_new);
}

PinChange PinDialog::takeChange()
{
    PinChange change;
    change.oldPin = take(m_old);
    change.newPin = take(m_new);
    (void)take(m_repeat);
    return change;
}

void PinDialog::done(int result)
{
    // A cancelled dialog keeps nothing either.
    if (result != QDialog::Accepted) {
        for (QLineEdit* edit : {m_old, m_new, m_repeat}) {
            if (edit)
                edit->clear();
        }
    }
    QDialog::done(result);
}

std::optional<QString> QtPinPrompt::askPin(QWidget* parent, const PinRequest& request)
{
    PinDialog dialog(PinDialog::Mode::Enter, request, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.takePin();
}

std::optional<PinChange> QtPinPrompt::askPinChange(
    QWidget* parent, const PinRequest& request, bool oldPinKnown)
{
    PinDialog dialog(
        oldPinKnown ? PinDialog::Mode::ChangeFromKnown : PinDialog::Mode::Change, request, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.takeChange();
}

} // namespace certdesk::ui
