#pragma once

// GUI tests find widgets by object name; a missing one ends the run with its name (a renamed widget is a
// failure, not a crash on a null pointer).

#include <QString>
#include <QWidget>
#include <QtGlobal>

namespace certdesk::test {

template<typename T>
T* findWidget(QWidget* root, const QString& name)
{
    auto* w = root->findChild<T*>(name);
    if (!w)
        qFatal("widget %s not found", qPrintable(name));
    return w;
}

} // namespace certdesk::test
