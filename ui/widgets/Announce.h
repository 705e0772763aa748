#pragma once

#include <QObject>
#include <QString>

class QLabel;
class QWidget;

namespace certdesk::ui {

// Every announcement also goes out as a signal: an in-application log of what a screen reader was told
// (tests observe it; the accessibility events themselves only flow when a platform bridge is active).
class Announcements : public QObject
{
    Q_OBJECT
public:
    static Announcements* instance();

Q_SIGNALS:
    void announced(QWidget* source, const QString& text);
};

// Shows `text` in `label` and has screen readers announce it (an accessible Alert from the label, besides
// the NameChanged QLabel sends): the desktop equivalent of an ARIA live region, for messages that appear
// after an action (an error under a field, "the card was read", a failed submission). Empty text hides the
// label and announces nothing.
void announce(QLabel* label, const QString& text);

// Announces `text` as an alert from `widget` without changing it (e.g. the error text now in an input's
// accessible description).
void announceAlert(QWidget* widget);

} // namespace certdesk::ui
