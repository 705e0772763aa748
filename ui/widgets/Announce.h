#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace certdesk::ui {

// Shows `text` in `label` and has screen readers announce it (an accessible Alert from the label, besides
// the NameChanged QLabel sends): the desktop equivalent of an ARIA live region, for messages that appear
// after an action (an error under a field, "the card was read", a failed submission). Empty text hides the
// label and announces nothing.
void announce(QLabel* label, const QString& text);

// Announces `text` as an alert from `widget` without changing it (e.g. the error text now in an input's
// accessible description).
void announceAlert(QWidget* widget);

} // namespace certdesk::ui
