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

Announcements* Announcements::instance()
{
    static Announcements announcements;
    return &announcements;
}

void announceAlert(QWidget* widget)
{
    QAccessibleEvent alert(widget, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
    QString text;
    if (QAccessibleInterface* a = QAccessible::queryAccessibleInterface(widget))
        text = a->text(QAccessible::Name);
    Q_EMIT Announcements::instance()->announced(widget, text);
}

} // namespace certdesk::ui
