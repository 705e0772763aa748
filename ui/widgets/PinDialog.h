#pragma once

#include "widgets/PinPrompt.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace certdesk::ui {

// The PIN dialog: token label, purpose, the PIN state warning, a masked input (and for a change: old, new and
// repeat). The inputs are cleared when the dialog closes; the PIN leaves only through takePin()/takeChange().
class PinDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode
    {
        Enter,
        Change, // old, new, repeat
        ChangeFromKnown, // new, repeat (the caller knows the old PIN)
    };

    PinDialog(Mode mode, const PinRequest& request, QWidget* parent = nullptr);
    ~PinDialog() override;

    // The typed PIN(s); the inputs are wiped by the call.
    [[nodiscard]] QString takePin();
    [[nodiscard]] PinChange takeChange();

    void done(int result) override;

private:
    void updateState();
    static QString take(QLineEdit* edit);

    Mode m_mode;
    token::PinInfo m_pin;
    QLineEdit* m_old = nullptr;
    QLineEdit* m_new = nullptr;
    QLineEdit* m_repeat = nullptr;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
};

// PinPrompt with PinDialog.
class QtPinPrompt final : public PinPrompt
{
public:
    [[nodiscard]] std::optional<QString> askPin(QWidget* parent, const PinRequest& request) override;
    [[nodiscard]] std::optional<PinChange> askPinChange(
        QWidget* parent, const PinRequest& request, bool oldPinKnown) override;
};

} // namespace certdesk::ui
