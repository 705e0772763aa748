#pragma once

#include "token/TokenTypes.h"

#include <QString>
#include <optional>

class QWidget;

namespace certdesk::ui {

// What a PIN prompt tells the person: which token, why, and the PIN state the token reports (DigiDoc4's
// PinPopup shows the same: a warning when few tries are left, a stronger one for the final try).
struct PinRequest
{
    QString tokenLabel;
    QString purpose; // translated: "Sign the lookup challenge with the old certificate", ...
    token::PinInfo pin;
};

// A new PIN (and the old one when the caller does not know it).
struct PinChange
{
    QString oldPin;
    QString newPin;
};

// Asking a person for a token PIN (STYLE.md: whatever waits on a person sits behind a small interface; ui
// implements it with a dialog, tests fake it). The PIN goes straight back to the caller, who hands it to the
// token layer once (std::move) and keeps no copy: an implementation never stores, logs or caches it, and
// clears its input widgets before returning. A locked PIN or a PIN-pad reader is the caller's business: it
// does not ask then.
class PinPrompt
{
public:
    virtual ~PinPrompt() = default;
    // The PIN, or nullopt when the person cancelled.
    [[nodiscard]] virtual std::optional<QString> askPin(QWidget* parent, const PinRequest& request) = 0;
    // A new PIN typed twice (and the old PIN unless `oldPinKnown`: then PinChange::oldPin is empty and the
    // caller supplies it, e.g. the token's well-known default). nullopt when the person cancelled or chose to
    // keep the current PIN.
    [[nodiscard]] virtual std::optional<PinChange> askPinChange(
        QWidget* parent, const PinRequest& request, bool oldPinKnown)
        = 0;
};

// One line about the PIN's state for the prompt ("Wrong PIN entered before: few tries left." ...); empty when
// there is nothing to warn about.
[[nodiscard]] QString pinStateWarning(const token::PinInfo& pin);

} // namespace certdesk::ui
