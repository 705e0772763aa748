#include "widgets/Announce.h"

#include <QAccessible>
#include <QLabel>

namespace certdesk::ui {

void announce(QLabel* label, const QString& text)
{
    const bool changed = label->text() != text;
    label->setText(text);
    label->setVisible(!text.isEmpty());
    if (changed && !text.isEmpty())
        announceAlert(label);
}

void announceAlert(QWidget* widget)
{
    QAccessibleEvent alert(widget, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
}

} // namespace certdesk::ui
