#include "MainWindow.h"

namespace certdesk::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("CertDesk"));
}

} // namespace certdesk::ui
