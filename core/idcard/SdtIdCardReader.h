#pragma once

#include "idcard/IdCardReader.h"
#include "platform/ModuleLibrary.h"
#include "platform/ModuleLocations.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <memory>
#include <mutex>

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
    // `libraryPath`: the full path of the library (platform::ModuleLibrary loads nothing else: for a bare
    // name Windows would search the current directory too, where a planted DLL would be loaded).
    explicit SdtIdCardReader(QString libraryPath);
    ~SdtIdCardReader() override;

    [[nodiscard]] IdCardResult<IdCardInfo> read() override;

    [[nodiscard]] QString libraryPath() const { return m_libraryPath; }
    // $CERTDESK_IDCARD_LIBRARY when set, else the first of libraryCandidates() that exists; empty when
    // there is none (read() then says no reader is connected).
    [[nodiscard]] static QString defaultLibrary();
    // Where the reader's installer puts its library, most specific first: on Windows sdtapi.dll in
    // CertDesk's own directory, then %SystemRoot%\System32 (platform::moduleCandidates); elsewhere
    // libsdtapi.so in CertDesk's directory, /usr/local/lib and the system's library directories.
    [[nodiscard]] static QStringList libraryCandidates(const QString& applicationDirectory,
        const platform::Registry& registry, const platform::Environment& environment,
        platform::PathStyle style = platform::nativePathStyle());
    // The ports tried, in order: USB 1001-1016, then serial 1-16.
    [[nodiscard]] static QList<int> candidatePorts();

private:
    struct Api;
    [[nodiscard]] IdCardResult<Api*> api();

    QString m_libraryPath;
    std::mutex m_mutex;
    std::unique_ptr<platform::ModuleLibrary> m_library;
    std::unique_ptr<Api> m_api;
    int m_lastPort = 0;
};

} // namespace certdesk::idcard
