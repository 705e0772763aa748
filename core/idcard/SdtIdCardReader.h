#pragma once

#include "idcard/IdCardReader.h"

#include <QList>
#include <QString>
#include <memory>
#include <mutex>

class QLibrary;

namespace certdesk::idcard {

// The reader SDK interface most second-generation ID card readers ship (sdtapi.dll / libsdtapi.so with
// SDT_OpenPort, SDT_StartFindIDCard, SDT_SelectIDCard, SDT_ReadBaseMsg, SDT_ClosePort; stdcall on Windows),
// loaded at run time from the library the counter installed with its reader. Each read() opens the first
// port that answers (USB 1001-1016, then serial 1-16; the port found is tried first next time), finds and
// selects the card, reads the base message, wipes the photo buffer and closes the port.
//
// The vendor library runs in this process: read() is meant for a worker thread, and a library that hangs
// keeps that thread (the caller stops waiting after its own timeout and says NotResponding).
class SdtIdCardReader : public IdCardReader
{
public:
    // `libraryPath` as QLibrary takes it (a path or a name such as "sdtapi").
    explicit SdtIdCardReader(QString libraryPath);
    ~SdtIdCardReader() override;

    [[nodiscard]] IdCardResult<IdCardInfo> read() override;

    [[nodiscard]] QString libraryPath() const { return m_libraryPath; }
    // $CERTDESK_IDCARD_LIBRARY when set, else "sdtapi" (QLibrary adds the platform's prefix and suffix).
    [[nodiscard]] static QString defaultLibrary();
    // The ports tried, in order: USB 1001-1016, then serial 1-16.
    [[nodiscard]] static QList<int> candidatePorts();

private:
    struct Api;
    [[nodiscard]] IdCardResult<Api*> api();

    QString m_libraryPath;
    std::mutex m_mutex;
    std::unique_ptr<QLibrary> m_library;
    std::unique_ptr<Api> m_api;
    int m_lastPort = 0;
};

} // namespace certdesk::idcard
