#pragma once

#include "idcard/BaseMessage.h"
#include "idcard/IdCardError.h"

namespace certdesk::idcard {

// A second-generation ID card reader. read() blocks while the reader looks for a card and reads it (a second
// or two with a card, at once without), so callers run it off the GUI thread; implementations serialise
// concurrent calls. Only the text is returned: the photo never leaves the implementation.
class IdCardReader
{
public:
    virtual ~IdCardReader() = default;
    IdCardReader() = default;
    IdCardReader(const IdCardReader&) = delete;
    IdCardReader& operator=(const IdCardReader&) = delete;

    [[nodiscard]] virtual IdCardResult<IdCardInfo> read() = 0;
};

} // namespace certdesk::idcard
