#pragma once

#include "idcard/IdCardError.h"

#include <QByteArray>
#include <QDate>
#include <QString>

namespace certdesk::idcard {

// The text of a second-generation resident ID card (居民身份证) as the reader SDKs return it ("base message",
// 文字信息). The photo is not part of it and is never kept.
struct IdCardInfo
{
    QString name; // 姓名, as printed (a minority name may contain the middle dot U+00B7)
    QString sexCode; // GB/T 2261.1: "1" male, "2" female ("0" unknown, "9" not stated)
    QString nationCode; // GB 3304 two-digit code of the nationality (民族), "01" = Han
    QDate birthDate;
    QString address; // 住址
    QString idNumber; // 公民身份号码, 18 characters (GB 11643)
    QString authority; // 签发机关
    QDate validFrom;
    QDate validTo; // invalid when the card is valid for life (长期)
    bool validForLife = false;
};

// Layout of the 256-byte base message: UCS-2 little-endian text in fixed-width fields padded with spaces,
// in this order and these byte widths (the SDT-style reader SDKs' SDT_ReadBaseMsg "pucCHMsg").
namespace baseMessage {
inline constexpr int NameBytes = 30;
inline constexpr int SexBytes = 2;
inline constexpr int NationBytes = 4;
inline constexpr int BirthBytes = 16;
inline constexpr int AddressBytes = 70;
inline constexpr int IdNumberBytes = 36;
inline constexpr int AuthorityBytes = 30;
inline constexpr int ValidFromBytes = 16;
inline constexpr int ValidToBytes = 16;
inline constexpr int ReservedBytes = 36;
inline constexpr int Size = NameBytes + SexBytes + NationBytes + BirthBytes + AddressBytes + IdNumberBytes
    + AuthorityBytes + ValidFromBytes + ValidToBytes + ReservedBytes;
static_assert(Size == 256);
// Offset of the card-type character inside the reserved field: a space for the resident ID card, 'J' for the
// residence permit of Hong Kong, Macao and Taiwan residents (same layout), 'I' for the foreign permanent
// residence card (a different layout, refused).
inline constexpr int CardTypeOffset = 248;
} // namespace baseMessage

// Parses a base message. Everything a reader returns is untrusted (a damaged card, a buggy or hostile
// driver): the size must be exactly 256 bytes, every field valid UTF-16 without control characters, the
// dates real calendar dates, the ID number a valid GB 11643 number whose birth date is the card's, the
// name not empty. Anything else is BadData (or UnsupportedCard); `detail` names the field, never its value.
[[nodiscard]] IdCardResult<IdCardInfo> parseBaseMessage(
    const QByteArray& message, const QDate& today = QDate::currentDate());

} // namespace certdesk::idcard
