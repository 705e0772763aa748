#pragma once

#include "idcard/IdCardReader.h"

#include <QString>
#include <chrono>
#include <memory>

namespace certdesk::idcard {

// Reads the card in a child process (the certdesk-idcard helper), so that a vendor reader library that
// crashes or hangs costs a message, not the kiosk: the helper loads the SDT library, reads one card and
// prints the name and ID number as JSON on stdout (never to a log); a crash ends in DriverFailed, a helper
// still running after `timeout` is killed (NotResponding). Only the name and ID number cross the pipe.
class ProcessIdCardReader : public IdCardReader
{
public:
    static constexpr std::chrono::milliseconds defaultTimeout {12000};

    ProcessIdCardReader(QString helper, QString library, std::chrono::milliseconds timeout = defaultTimeout);

    [[nodiscard]] IdCardResult<IdCardInfo> read() override;

    // $CERTDESK_IDCARD_HELPER when set, else certdesk-idcard next to the running executable; empty when
    // neither exists.
    [[nodiscard]] static QString locateHelper();
    // The reader the GUI uses: the helper process around SdtIdCardReader::defaultLibrary() when the helper
    // is there, else SdtIdCardReader in this process.
    [[nodiscard]] static std::shared_ptr<IdCardReader> createDefault();

private:
    QString m_helper;
    QString m_library;
    std::chrono::milliseconds m_timeout;
};

// The helper's side: reads one card with SdtIdCardReader(`library`) and returns the JSON line to print.
[[nodiscard]] QByteArray readCardAsJson(const QString& library);

} // namespace certdesk::idcard
