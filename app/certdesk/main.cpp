#include "MainWindow.h"
#include "domain/Translations.h"

#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    certdesk::installTranslations(app);
    certdesk::ui::MainWindow window;
    window.show();
    return app.exec();
}
