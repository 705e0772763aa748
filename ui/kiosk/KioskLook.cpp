#include "kiosk/KioskLook.h"

#include <QApplication>
#include <QFont>

namespace certdesk::ui {

namespace {
bool applied = false;
} // namespace

void applyKioskLook(QApplication& app)
{
    applied = true;
    QFont font = app.font();
    font.setPointSizeF(15);
    app.setFont(font);
    // min-height counts the content box: 48 px in all, padding and border included.
    app.setStyleSheet(QStringLiteral(
        "QPushButton, QToolButton { min-height: 40px; padding: 4px 18px; }"
        "QLineEdit, QComboBox { min-height: 44px; padding: 2px 8px; }"
        "QRadioButton, QCheckBox { min-height: 48px; spacing: 12px; }"
        "QRadioButton::indicator, QCheckBox::indicator { width: 28px; height: 28px; }"
        "QComboBox QAbstractItemView::item, QListView::item, QListWidget::item { min-height: 48px; }"
        "QScrollBar:vertical { width: 28px; } QScrollBar:horizontal { height: 28px; }"
        // The two ways in on the home screen: large enough to find at a glance.
        "QPushButton#newApplicationButton, QPushButton#homeHelpButton { min-height: 80px; min-width: 320px; "
        "font-size: 22pt; }"));
}

bool kioskLook()
{
    return applied;
}

} // namespace certdesk::ui
