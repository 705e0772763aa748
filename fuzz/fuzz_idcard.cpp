// The ID card reader's base message (core/idcard/BaseMessage.h): 256 bytes from a reader SDK, i.e. from a
// damaged card or a buggy driver. Inputs are cut or padded to 256 bytes so that the fuzzer works on the
// fields; a shorter or longer one must be refused as it is. What parseBaseMessage accepts must be a
// consistent card, and a refusal must not quote the data (it names the field).
#include "FuzzSupport.h"

#include "idcard/BaseMessage.h"

#include <QDate>

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    certdesk::fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace certdesk::idcard;
    const QDate today(2026, 6, 1);
    const QByteArray raw = certdesk::fuzz::bytes(data, size);
    if (raw.size() != baseMessage::Size && parseBaseMessage(raw, today).hasValue())
        __builtin_trap(); // only exactly 256 bytes are a base message
    QByteArray message = raw.left(baseMessage::Size);
    message.append(QByteArray(baseMessage::Size - message.size(), ' '));
    const IdCardResult<IdCardInfo> card = parseBaseMessage(message, today);
    if (card.hasValue()) {
        if (card->name.isEmpty() || card->idNumber.size() != 18 || !card->birthDate.isValid()
            || card->idNumber.mid(6, 8) != card->birthDate.toString(QStringLiteral("yyyyMMdd"))
            || (!card->validForLife && !card->validTo.isValid()))
            __builtin_trap();
        return 0;
    }
    // A refusal names the field, never its content: no run of six digits (an ID number, a date) in it.
    const QString& detail = card.error().detail;
    int digits = 0;
    for (const QChar c : detail) {
        digits = c.isDigit() ? digits + 1 : 0;
        if (digits >= 6)
            __builtin_trap();
    }
    return 0;
}
