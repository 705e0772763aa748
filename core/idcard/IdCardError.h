#pragma once

#include "domain/Result.h"

#include <QString>

namespace certdesk::idcard {

// What reading a second-generation resident ID card can end in. Each status has one translated message that
// says what happened and what to do (context "certdesk::IdCard").
enum class IdCardStatus
{
    Ok,
    NoReader, // the reader's library is not installed, or no reader answers on any port
    NoCard, // the reader is there but no card lies on it
    ReadFailed, // the card was found but could not be selected or read (moved too early, dirty contacts)
    BadData, // the card answered with data that is not a valid base message
    UnsupportedCard, // a card of another kind (foreign permanent residence card)
    NotResponding, // the reader's library did not answer in time
    DriverFailed, // the reader's library crashed (in the helper process) or the helper did not run
    InternalError,
};

[[nodiscard]] QString idCardStatusMessage(IdCardStatus status);

// A failed read. `detail` is technical English for logs (library path, SDK return code, which field was
// malformed); never a name, a number or anything else read from a card.
struct IdCardError
{
    IdCardStatus status = IdCardStatus::InternalError;
    QString detail;

    [[nodiscard]] QString message() const { return idCardStatusMessage(status); }
};

template<typename T>
using IdCardResult = Result<T, IdCardError>;

} // namespace certdesk::idcard
