#include "idcard/BaseMessage.h"

#include "domain/Validators.h"

namespace certdesk::idcard {

namespace {

IdCardError bad(const char* field, const char* problem)
{
    return {IdCardStatus::BadData,
        QStringLiteral("base message field %1: %2").arg(QLatin1String(field), QLatin1String(problem))};
}

// One fixed-width UCS-2LE field: decoded, trailing padding (spaces, NULs) removed. Empty optional when the
// field holds a control character or a surrogate that does not pair up.
std::optional<QString> field(const QByteArray& message, int offset, int bytes)
{
    QString text;
    text.reserve(bytes / 2);
    for (int i = offset; i + 1 < offset + bytes; i += 2) {
        const auto unit = char16_t(quint8(message.at(i)) | (quint8(message.at(i + 1)) << 8));
        text.append(QChar(unit));
    }
    while (!text.isEmpty() && (text.back() == QLatin1Char(' ') || text.back().unicode() == 0))
        text.chop(1);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.unicode() < 0x20 || c.unicode() == 0x7F || (c.unicode() >= 0x80 && c.unicode() < 0xA0))
            return std::nullopt;
        if (c.isHighSurrogate()) {
            if (i + 1 >= text.size() || !text.at(i + 1).isLowSurrogate())
                return std::nullopt;
            ++i;
        } else if (c.isLowSurrogate()) {
            return std::nullopt;
        }
    }
    return text;
}

bool allDigits(const QString& s)
{
    for (QChar c : s) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return !s.isEmpty();
}

// YYYYMMDD, a real calendar date.
QDate date(const QString& s)
{
    if (s.size() != 8 || !allDigits(s))
        return {};
    return QDate::fromString(s, QStringLiteral("yyyyMMdd"));
}

// 长期: "valid for life" as the card writes it in the valid-to field (U+957F U+671F).
const QString& validForLifeText()
{
    static const QString text = QString(QChar(0x957F)) + QChar(0x671F);
    return text;
}

} // namespace

IdCardResult<IdCardInfo> parseBaseMessage(const QByteArray& message, const QDate& today)
{
    using namespace baseMessage;
    if (message.size() != Size)
        return IdCardError {IdCardStatus::BadData,
            QStringLiteral("base message of %1 bytes, expected %2").arg(message.size()).arg(Size)};
    // The foreign permanent residence card puts 'I' (UCS-2LE) at byte 248 and lays its fields out otherwise.
    if (message.at(CardTypeOffset) == 'I' && message.at(CardTypeOffset + 1) == 0)
        return IdCardError {
            IdCardStatus::UnsupportedCard, QStringLiteral("foreign permanent residence card")};

    int offset = 0;
    const auto next = [&](int bytes) {
        const auto value = field(message, offset, bytes);
        offset += bytes;
        return value;
    };
    const auto name = next(NameBytes);
    const auto sex = next(SexBytes);
    const auto nation = next(NationBytes);
    const auto birth = next(BirthBytes);
    const auto address = next(AddressBytes);
    const auto idNumber = next(IdNumberBytes);
    const auto authority = next(AuthorityBytes);
    const auto validFrom = next(ValidFromBytes);
    const auto validTo = next(ValidToBytes);

    if (!name || name->trimmed().isEmpty())
        return bad("name", "empty or not text");
    if (!sex || sex->size() != 1 || !allDigits(*sex))
        return bad("sex", "not a one-digit code");
    if (!nation || nation->size() != 2 || !allDigits(*nation))
        return bad("nation", "not a two-digit code");
    if (!address)
        return bad("address", "not text");
    if (!authority)
        return bad("authority", "not text");
    if (!birth)
        return bad("birth", "not text");
    const QDate birthDate = date(*birth);
    if (!birthDate.isValid())
        return bad("birth", "not a date");
    if (!idNumber || idNumber->size() != 18)
        return bad("id_number", "not 18 characters");
    if (validators::idNumber(*idNumber, today))
        return bad("id_number", "fails GB 11643");
    if (idNumber->mid(6, 8) != *birth)
        return bad("id_number", "birth date differs from the birth field");
    if (!validFrom)
        return bad("valid_from", "not text");
    const QDate from = date(*validFrom);
    if (!from.isValid())
        return bad("valid_from", "not a date");
    if (!validTo)
        return bad("valid_to", "not text");
    IdCardInfo info;
    if (*validTo == validForLifeText()) {
        info.validForLife = true;
    } else {
        info.validTo = date(*validTo);
        if (!info.validTo.isValid() || info.validTo < from)
            return bad("valid_to", "not a date after valid_from");
    }
    info.name = name->trimmed();
    info.sexCode = *sex;
    info.nationCode = *nation;
    info.birthDate = birthDate;
    info.address = address->trimmed();
    info.idNumber = *idNumber;
    info.authority = authority->trimmed();
    info.validFrom = from;
    return info;
}

} // namespace certdesk::idcard
