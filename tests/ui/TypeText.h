#pragma once

#include <QString>
#include <QTest>
#include <QWidget>

namespace certdesk::test {

// QTest::keyClicks() asserts on characters outside ASCII; Chinese text arrives as key events carrying the
// text (what a committed input-method composition delivers to a QLineEdit), one per character.
inline void typeText(QWidget* widget, const QString& text)
{
    for (QChar c : text)
        QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
}

} // namespace certdesk::test
