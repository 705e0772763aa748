// certdesk-idcard: reads one ID card with the vendor's SDT reader library and prints the name and ID number
// as one JSON line. The GUI runs it as a child process (idcard::ProcessIdCardReader) so that a reader
// library that crashes or hangs cannot take the kiosk with it. Nothing is logged.
//   certdesk-idcard --library <path or name of the SDT library>
#include "idcard/ProcessIdCardReader.h"
#include "idcard/SdtIdCardReader.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const qsizetype at = args.indexOf(QStringLiteral("--library"));
    const QString library = at >= 0 && at + 1 < args.size()
        ? args.at(at + 1)
        : certdesk::idcard::SdtIdCardReader::defaultLibrary();
    const QByteArray json = certdesk::idcard::readCardAsJson(library);
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
    return 0;
}
