#pragma once

#include <QMainWindow>

namespace certdesk::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace certdesk::ui
