#include "domain/Translations.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    certdesk::installTranslations(app);
    return 0;
}
