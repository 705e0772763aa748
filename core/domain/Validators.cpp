#include "domain/Validators.h"
#include "domain/RegionModel.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>

namespace certdesk::validators {

namespace {

// Every message is written out as QCoreApplication::translate("certdesk::Validators", "...") so that lupdate
// finds it; the Chinese text is in translations/certdesk_zh_CN.ts.

Result fail(const QString& code, const QString& message)
{
    return FieldError {QString(), code, message};
}

Result required()
{
    return fail(QStringLiteral("required"),
        QCoreApplication::translate("certdesk::Validators", "This field is required."));
}

// ASCII only: QChar::isDigit() also accepts full-width and other Unicode digits, which no registry accepts.
constexpr bool isAsciiDigit(char32_t c)
{
    return c >= U'0' && c <= U'9';
}

constexpr bool isAsciiUpper(char32_t c)
{
    return c >= U'A' && c <= U'Z';
}

constexpr bool isAsciiLower(char32_t c)
{
    return c >= U'a' && c <= U'z';
}

constexpr bool isAsciiLetter(char32_t c)
{
    return isAsciiUpper(c) || isAsciiLower(c);
}

bool allAsciiDigits(QStringView s)
{
    for (QChar c : s) {
        if (!isAsciiDigit(c.unicode()))
            return false;
    }
    return !s.isEmpty();
}

// Code points, so that a CJK Extension B character (a surrogate pair) counts once.
qsizetype characterCount(const QString& s)
{
    return s.toUcs4().size();
}

bool hasControlCharacter(const QString& s)
{
    for (char32_t c : s.toUcs4()) {
        const auto category = QChar::category(c);
        if (category == QChar::Other_Control || category == QChar::Separator_Line
            || category == QChar::Separator_Paragraph)
            return true;
    }
    return false;
}

Result controlCharacter()
{
    return fail(QStringLiteral("format"),
        QCoreApplication::translate(
            "certdesk::Validators", "The text cannot contain line breaks or control characters."));
}

// GB/T 2260 province-level divisions (the first two digits of every 6-digit administrative division code):
// 11-15 North, 21-23 North-East, 31-37 East, 41-46 Central-South, 50-54 South-West, 61-65 North-West,
// 71 Taiwan, 81 Hong Kong, 82 Macao. These 34 codes have been stable since Chongqing (50) was created in
// 1997.
//
// Only the province is checked, deliberately not the full 6-digit code against the region data: the address
// code of an ID number is that of the county where the number was first issued, and county-level codes are
// abolished or renumbered every year (districts merged, counties turned into cities), while the ID number
// stays valid for life. The region data only holds today's codes, so a full check would reject many valid IDs
// of older people. The same holds for the registration authority's code inside a unified social credit code.
bool isProvinceCode(QStringView twoDigits)
{
    static constexpr std::array<int, 34> codes {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
        41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82};
    if (twoDigits.size() != 2 || !allAsciiDigits(twoDigits))
        return false;
    const int value = (twoDigits[0].unicode() - u'0') * 10 + (twoDigits[1].unicode() - u'0');
    return std::find(codes.begin(), codes.end(), value) != codes.end();
}

// 港澳台居民居住证 (residence permits for Hong Kong, Macao and Taiwan residents, issued since 2018) use the
// GB 11643 format with the address codes 810000, 820000 and 830000; 83 is not a GB/T 2260 province code but
// such a number is a valid identity document number on the mainland.
bool isIdNumberAreaCode(QStringView twoDigits)
{
    return isProvinceCode(twoDigits) || twoDigits == u"83";
}

// GB 32100-2015 code character set: digits and upper-case letters without I, O, Z, S and V (easily confused
// with 1, 0, 2, 5 and U). A character's value is its index (A = 10, ..., Y = 30).
constexpr QStringView usccCharset = u"0123456789ABCDEFGHJKLMNPQRTUWXY";

} // namespace

Result idNumber(const QString& value, const QDate& today)
{
    const QString id = value.trimmed();
    if (id.isEmpty())
        return required();

    // GB 11643-1989 15-digit numbers (2-digit year, no check character) were replaced by the 18-digit form of
    // GB 11643-1999; first-generation ID cards carrying them stopped being valid in 2013.
    if (id.size() == 15 && allAsciiDigits(id))
        return fail(QStringLiteral("legacy_15_digit"),
            QCoreApplication::translate("certdesk::Validators",
                "15-digit ID numbers are no longer accepted: enter the 18-digit ID number."));

    if (id.size() != 18)
        return fail(QStringLiteral("length"),
            QCoreApplication::translate("certdesk::Validators",
                "An ID number has 18 characters: check that none is missing or extra."));

    for (qsizetype i = 0; i < 17; ++i) {
        const char16_t c = id[i].unicode();
        if (isAsciiDigit(c))
            continue;
        if (c == u'X' || c == u'x')
            return fail(QStringLiteral("format"),
                QCoreApplication::translate("certdesk::Validators",
                    "Only the last character of the ID number can be X; the others are digits."));
        return fail(QStringLiteral("format"),
            QCoreApplication::translate(
                "certdesk::Validators", "The ID number may contain only digits and a final X."));
    }
    const char16_t last = id[17].unicode();
    // GB 11643 §5 writes the check value 10 as the Roman numeral X; registries and the telecom real-name
    // check compare exactly, so a lower-case x is asked to be corrected rather than silently upper-cased.
    if (last == u'x')
        return fail(QStringLiteral("format"),
            QCoreApplication::translate(
                "certdesk::Validators", "Use an upper-case X as the last character of the ID number."));
    if (!isAsciiDigit(last) && last != u'X')
        return fail(QStringLiteral("format"),
            QCoreApplication::translate(
                "certdesk::Validators", "The ID number may contain only digits and a final X."));

    if (!isIdNumberAreaCode(QStringView(id).first(2)))
        return fail(QStringLiteral("region"),
            QCoreApplication::translate("certdesk::Validators",
                "The first two digits are not a valid province code: check the beginning of the ID number."));

    // Digits 7-14: date of birth YYYYMMDD (GB 11643 §4.3).
    const QDate birth(QStringView(id).sliced(6, 4).toInt(), QStringView(id).sliced(10, 2).toInt(),
        QStringView(id).sliced(12, 2).toInt());
    if (!birth.isValid())
        return fail(QStringLiteral("date"),
            QCoreApplication::translate("certdesk::Validators",
                "The date of birth (digits 7–14) is not a valid date: check the ID number."));
    if (birth < QDate(1900, 1, 1))
        return fail(QStringLiteral("date"),
            QCoreApplication::translate("certdesk::Validators",
                "The date of birth (digits 7–14) is before 1900: check the ID number."));
    if (today.isValid() && birth > today)
        return fail(QStringLiteral("date"),
            QCoreApplication::translate("certdesk::Validators",
                "The date of birth (digits 7–14) is in the future: check the ID number."));

    // GB 11643 §5 / ISO 7064 MOD 11-2: weight of position i (1-based from the left) is 2^(18-i) mod 11.
    static constexpr std::array<int, 17> weights {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static constexpr std::array<char16_t, 11> checkMap {
        u'1', u'0', u'X', u'9', u'8', u'7', u'6', u'5', u'4', u'3', u'2'};
    int sum = 0;
    for (qsizetype i = 0; i < 17; ++i)
        sum += (id[i].unicode() - u'0') * weights[static_cast<std::size_t>(i)];
    if (checkMap[static_cast<std::size_t>(sum % 11)] != last)
        return fail(QStringLiteral("checksum"),
            QCoreApplication::translate("certdesk::Validators",
                "The check character is wrong: check the last character of the ID number."));
    return std::nullopt;
}

Result unifiedSocialCreditCode(const QString& value)
{
    const QString code = value.trimmed();
    if (code.isEmpty())
        return required();

    for (QChar c : code) {
        if (isAsciiLower(c.unicode()))
            return fail(QStringLiteral("format"),
                QCoreApplication::translate(
                    "certdesk::Validators", "Use upper-case letters in the unified social credit code."));
    }
    for (char32_t c : code.toUcs4()) {
        if (c <= 0xFFFF && usccCharset.contains(QChar(static_cast<char16_t>(c))))
            continue;
        if (QChar::isSpace(c))
            return fail(QStringLiteral("charset"),
                QCoreApplication::translate(
                    "certdesk::Validators", "The unified social credit code cannot contain spaces."));
        return fail(QStringLiteral("charset"),
            QCoreApplication::translate("certdesk::Validators",
                "The unified social credit code cannot contain \"%1\": it uses digits and the upper-case "
                "letters except I, O, Z, S and V.")
                .arg(QString::fromUcs4(&c, 1)));
    }
    if (code.size() != 18)
        return fail(QStringLiteral("length"),
            QCoreApplication::translate("certdesk::Validators",
                "The unified social credit code has 18 characters: check that none is missing or extra."));

    // GB 32100-2015 §4.1: position 1 registration authority (1 government bodies, 5 civil affairs, 9 industry
    // and commerce, Y others), position 2 the kind of organisation that authority registers.
    const char16_t authority = code[0].unicode();
    const char16_t kind = code[1].unicode();
    bool kindOk = false;
    switch (authority) {
    case u'1': // 机构编制: 1 机关, 2 事业单位, 3 中央编办直接管理机构编制的群众团体, 9 其他
    case u'5': // 民政: 1 社会团体, 2 民办非企业单位, 3 基金会, 9 其他
        kindOk = kind == u'1' || kind == u'2' || kind == u'3' || kind == u'9';
        break;
    case u'9': // 工商: 1 企业, 2 个体工商户, 3 农民专业合作社
        kindOk = kind == u'1' || kind == u'2' || kind == u'3';
        break;
    case u'Y': // 其他: 1
        kindOk = kind == u'1';
        break;
    default:
        break;
    }
    if (!kindOk)
        return fail(QStringLiteral("format"),
            QCoreApplication::translate("certdesk::Validators",
                "The first two characters (registration authority and organisation type) are not valid: "
                "check "
                "the beginning of the code."));

    // Positions 3-8: the registration authority's GB/T 2260 code. Central (national-level) registrations such
    // as those of ministries and central public institutions use 100000, the code of the whole country.
    const QStringView area = QStringView(code).sliced(2, 6);
    if (!allAsciiDigits(area) || (!isProvinceCode(area.first(2)) && area != u"100000"))
        return fail(QStringLiteral("region"),
            QCoreApplication::translate("certdesk::Validators",
                "Characters 3–8 must be a 6-digit administrative division code starting with a valid "
                "province "
                "code."));

    // Positions 9-17: the GB 11714-1997 organisation code, whose own check character (position 17) is
    // C9 = 11 - sum(Ci * Wi) mod 11 with letters valued A = 10 ... Z = 35 (its own scale, not the GB 32100
    // one); 10 is written X and 11 is written 0.
    static constexpr std::array<int, 8> orgWeights {3, 7, 9, 10, 5, 8, 4, 2};
    int orgSum = 0;
    for (qsizetype i = 0; i < 8; ++i) {
        const char16_t c = code[8 + i].unicode();
        const int v = isAsciiDigit(c) ? c - u'0' : c - u'A' + 10;
        orgSum += v * orgWeights[static_cast<std::size_t>(i)];
    }
    const int orgCheck = 11 - orgSum % 11;
    const char16_t expectedOrg = orgCheck == 10 ? u'X' : orgCheck == 11 ? u'0' : char16_t(u'0' + orgCheck);
    if (code[16].unicode() != expectedOrg)
        return fail(QStringLiteral("checksum"),
            QCoreApplication::translate("certdesk::Validators",
                "The organisation code check character (17th character) is wrong: check characters 9–17."));

    // Position 18 (GB 32100-2015 §5, MOD 31): weight of position i is 3^(i-1) mod 31, C18 = 31 - sum mod 31,
    // 31 being written 0.
    static constexpr std::array<int, 17> weights {
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    int sum = 0;
    for (qsizetype i = 0; i < 17; ++i)
        sum += static_cast<int>(usccCharset.indexOf(code[i])) * weights[static_cast<std::size_t>(i)];
    const int check = (31 - sum % 31) % 31;
    if (code[17] != usccCharset[check])
        return fail(QStringLiteral("checksum"),
            QCoreApplication::translate("certdesk::Validators",
                "The check character is wrong: check the last character of the unified social credit code."));
    return std::nullopt;
}

Result mobile(const QString& value)
{
    const QString number = value.trimmed();
    if (number.isEmpty())
        return required();
    // The telecom real-name check takes the bare 11-digit subscriber number.
    if (number.startsWith(u'+') || (number.startsWith(u"0086") && number.size() > 11)
        || (number.startsWith(u"86") && number.size() > 11))
        return fail(QStringLiteral("format"),
            QCoreApplication::translate(
                "certdesk::Validators", "Enter the 11-digit mobile number without +86."));
    for (QChar c : number) {
        if (c.isSpace() || c == u'-')
            return fail(QStringLiteral("format"),
                QCoreApplication::translate(
                    "certdesk::Validators", "Enter the mobile number without spaces or dashes."));
    }
    if (!allAsciiDigits(number))
        return fail(QStringLiteral("format"),
            QCoreApplication::translate(
                "certdesk::Validators", "The mobile number may contain only digits."));
    if (number.size() != 11)
        return fail(QStringLiteral("length"),
            QCoreApplication::translate("certdesk::Validators", "A mobile number has 11 digits."));
    // Mainland mobile numbers (GSM/CDMA/LTE and the 19x/16x ranges) all begin 13-19; 10x-12x are service and
    // special-purpose numbers.
    if (number[0] != u'1' || number[1] < u'3')
        return fail(QStringLiteral("format"),
            QCoreApplication::translate("certdesk::Validators",
                "This is not a mainland China mobile number: it starts with 13 to 19."));
    return std::nullopt;
}

Result email(const QString& value)
{
    const QString address = value.trimmed();
    if (address.isEmpty())
        return required();
    // RFC 5321 §4.5.3.1: 254 octets is the most a forward path can carry, 64 for the local part.
    if (address.size() > 254)
        return fail(QStringLiteral("length"),
            QCoreApplication::translate(
                "certdesk::Validators", "The e-mail address is too long (at most 254 characters)."));
    for (QChar c : address) {
        if (c.isSpace())
            return fail(QStringLiteral("format"),
                QCoreApplication::translate(
                    "certdesk::Validators", "The e-mail address cannot contain spaces."));
    }
    if (address.count(u'@') != 1)
        return fail(QStringLiteral("format"),
            QCoreApplication::translate("certdesk::Validators", "The e-mail address needs exactly one @."));
    const qsizetype at = address.indexOf(u'@');
    const QStringView local = QStringView(address).first(at);
    const QStringView domain = QStringView(address).sliced(at + 1);
    if (local.isEmpty())
        return fail(QStringLiteral("format"),
            QCoreApplication::translate(
                "certdesk::Validators", "Enter the part before the @ (for example name@example.com)."));
    if (domain.isEmpty())
        return fail(QStringLiteral("format"),
            QCoreApplication::translate(
                "certdesk::Validators", "Enter the domain after the @ (for example name@example.com)."));
    if (local.size() > 64)
        return fail(QStringLiteral("length"),
            QCoreApplication::translate(
                "certdesk::Validators", "The part before the @ is too long (at most 64 characters)."));

    // Local part: RFC 5322 dot-atom (atext and single dots between them). Quoted strings and comments are
    // legal but no mail provider hands them out, and they are usually typing mistakes.
    static constexpr QStringView atextSpecials = u"!#$%&'*+/=?^_`{|}~-";
    for (QChar c : local) {
        const char16_t u = c.unicode();
        if (!isAsciiLetter(u) && !isAsciiDigit(u) && u != u'.' && !atextSpecials.contains(c))
            return fail(QStringLiteral("format"),
                QCoreApplication::translate("certdesk::Validators",
                    "The part before the @ contains a character that is not allowed."));
    }
    if (local.startsWith(u'.') || local.endsWith(u'.') || local.contains(u".."))
        return fail(QStringLiteral("format"),
            QCoreApplication::translate("certdesk::Validators",
                "The part before the @ cannot start or end with a dot or have two dots in a row."));

    // Domain: LDH labels (RFC 1035 §2.3.1 as relaxed by RFC 1123), at least two of them.
    if (!domain.contains(u'.'))
        return fail(QStringLiteral("format"),
            QCoreApplication::translate(
                "certdesk::Validators", "The domain after the @ needs a dot (for example example.com)."));
    bool allDigitLabel = false;
    for (QStringView label : domain.split(u'.')) {
        bool ok = !label.isEmpty() && label.size() <= 63 && !label.startsWith(u'-') && !label.endsWith(u'-');
        for (QChar c : label)
            ok = ok && (isAsciiLetter(c.unicode()) || isAsciiDigit(c.unicode()) || c == u'-');
        if (!ok)
            return fail(QStringLiteral("format"),
                QCoreApplication::translate("certdesk::Validators",
                    "The domain after the @ may contain only letters, digits and hyphens, separated by "
                    "single "
                    "dots."));
        allDigitLabel = allAsciiDigits(label);
    }
    // A numeric top-level label means an IP address or a typo, never a mail domain.
    if (allDigitLabel)
        return fail(QStringLiteral("format"),
            QCoreApplication::translate("certdesk::Validators",
                "The domain after the @ may contain only letters, digits and hyphens, separated by single "
                "dots."));
    return std::nullopt;
}

Result bankAccountNumber(const QString& value)
{
    QString digits = value;
    digits.remove(u' ');
    digits.remove(QChar(0x3000)); // ideographic space typed with a Chinese input method
    if (digits.isEmpty())
        return required();
    if (!allAsciiDigits(digits))
        return fail(QStringLiteral("format"),
            QCoreApplication::translate(
                "certdesk::Validators", "Enter the account number in digits only (spaces are ignored)."));
    // No Luhn check: it holds for most personal debit card numbers (ISO/IEC 7812 PANs), but a company's basic
    // account (基本户) is a bank-internal account number whose length (8 to 30 digits seen in practice) and
    // check scheme, if any, differ from bank to bank; many valid corporate accounts fail Luhn.
    if (digits.size() < 8 || digits.size() > 30)
        return fail(QStringLiteral("length"),
            QCoreApplication::translate("certdesk::Validators", "An account number has 8 to 30 digits."));
    return std::nullopt;
}

Result personName(const QString& value)
{
    const QString name = value.trimmed();
    if (name.isEmpty())
        return required();
    const QList<uint> chars = name.toUcs4();
    if (chars.size() < 2 || chars.size() > 30)
        return fail(QStringLiteral("length"),
            QCoreApplication::translate("certdesk::Validators", "Enter a name of 2 to 30 characters."));

    // CJK Unified Ideographs and Extension A (the BMP). Some rare name characters only exist in Extension B
    // and later (outside the BMP); they are not accepted yet, as the telecom and bank systems the name is
    // checked against often cannot carry them either.
    const auto isHan
        = [](char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); };
    // The middle dot of minority and transliterated names is U+00B7 (GB 18030 0xA1A4) on ID cards;
    // look-alikes typed by input methods would fail the public-security name check.
    constexpr char32_t middleDot = 0x00B7;
    const auto isDotLookalike = [](char32_t c) {
        return c == 0x30FB || c == 0x2022 || c == 0x2027 || c == 0x2219 || c == 0x22C5 || c == 0xFF0E
            || c == 0xFF65 || c == 0x0387 || c == 0x16EB || c == 0x2E31 || c == 0x2024;
    };

    // Latin letters with diacritics (Latin-1 Supplement to Extended-B, and Extended Additional for
    // Vietnamese); not the full-width forms of an input method, which no passport or residence card uses.
    const auto isLatinLetter = [](char32_t c) {
        return QChar::isLetter(c) && QChar::script(c) == QChar::Script_Latin
            && (c < 0x0250 || (c >= 0x1E00 && c <= 0x1EFF));
    };

    bool han = false;
    bool latin = false;
    for (char32_t c : chars) {
        if (QChar::isDigit(c))
            return fail(QStringLiteral("format"),
                QCoreApplication::translate("certdesk::Validators", "A name cannot contain digits."));
        han = han || isHan(c);
        latin = latin || isLatinLetter(c);
    }
    if (han && latin)
        return fail(QStringLiteral("format"),
            QCoreApplication::translate("certdesk::Validators",
                "Write the name either in Chinese characters or in Latin letters, not mixed."));

    const auto notAllowed = [](char32_t c) {
        return fail(QStringLiteral("format"),
            QCoreApplication::translate("certdesk::Validators", "The name cannot contain \"%1\".")
                .arg(QString::fromUcs4(&c, 1)));
    };

    if (han || !latin) {
        for (qsizetype i = 0; i < chars.size(); ++i) {
            const char32_t c = chars[i];
            if (isHan(c))
                continue;
            if (c == middleDot) {
                if (i == 0 || i == chars.size() - 1 || chars[i - 1] == middleDot)
                    return fail(QStringLiteral("format"),
                        QCoreApplication::translate("certdesk::Validators",
                            "The middle dot · cannot be at the start or end of the name, or twice in a "
                            "row."));
                continue;
            }
            if (isDotLookalike(c) || c == U'.')
                return fail(QStringLiteral("format"),
                    QCoreApplication::translate(
                        "certdesk::Validators", "Use the middle dot · to separate the parts of the name."));
            if (QChar::isSpace(c))
                return fail(QStringLiteral("format"),
                    QCoreApplication::translate(
                        "certdesk::Validators", "Write a Chinese name without spaces."));
            return notAllowed(c);
        }
        return std::nullopt;
    }

    // Latin names of foreign nationals as on the passport or permanent residence card: letters separated by
    // single spaces, dots or hyphens ("Anna-Maria Smith", "J. R. Smith").
    const auto isSeparator = [](char32_t c) { return c == U' ' || c == U'.' || c == U'-'; };
    for (qsizetype i = 0; i < chars.size(); ++i) {
        const char32_t c = chars[i];
        if (isLatinLetter(c))
            continue;
        if (QChar::isMark(c) && i > 0)
            continue; // combining accents of a decomposed letter
        if (isSeparator(c)) {
            const bool atStart = i == 0;
            const bool atEnd = i == chars.size() - 1 && c != U'.'; // "Smith Jr."
            const bool doubled = i > 0 && isSeparator(chars[i - 1]) && !(chars[i - 1] == U'.' && c == U' ');
            if (atStart || atEnd || doubled)
                return fail(QStringLiteral("format"),
                    QCoreApplication::translate("certdesk::Validators",
                        "Spaces, dots and hyphens in a name must be single and between letters."));
            continue;
        }
        return notAllowed(c);
    }
    return std::nullopt;
}

Result organizationName(const QString& value)
{
    const QString name = value.trimmed();
    if (name.isEmpty())
        return required();
    if (hasControlCharacter(name))
        return controlCharacter();
    const qsizetype n = characterCount(name);
    if (n < 2 || n > 100)
        return fail(QStringLiteral("length"),
            QCoreApplication::translate("certdesk::Validators", "Enter a name of 2 to 100 characters."));
    bool hasLetter = false;
    for (char32_t c : name.toUcs4())
        hasLetter = hasLetter || QChar::isLetter(c);
    if (!hasLetter)
        return fail(QStringLiteral("format"),
            QCoreApplication::translate("certdesk::Validators",
                "The name must contain letters or Chinese characters, not only digits or punctuation."));
    return std::nullopt;
}

Result address(const QString& value)
{
    const QString text = value.trimmed();
    if (text.isEmpty())
        return required();
    if (hasControlCharacter(text))
        return controlCharacter();
    const qsizetype n = characterCount(text);
    if (n < 5 || n > 200)
        return fail(QStringLiteral("length"),
            QCoreApplication::translate("certdesk::Validators", "Enter an address of 5 to 200 characters."));
    return std::nullopt;
}

Result certificateSerial(const QString& value)
{
    if (value.trimmed().isEmpty())
        return required();
    qsizetype hexDigits = 0;
    for (QChar c : value) {
        const char16_t u = c.unicode();
        if (u == u':' || u == u' ')
            continue;
        if (!isAsciiDigit(u) && !(u >= u'a' && u <= u'f') && !(u >= u'A' && u <= u'F'))
            return fail(QStringLiteral("format"),
                QCoreApplication::translate("certdesk::Validators",
                    "The serial number may contain only hexadecimal digits (0–9, A–F); colons and spaces are "
                    "ignored."));
        ++hexDigits;
    }
    if (hexDigits == 0)
        return fail(QStringLiteral("format"),
            QCoreApplication::translate("certdesk::Validators",
                "The serial number may contain only hexadecimal digits (0–9, A–F); colons and spaces are "
                "ignored."));
    // RFC 5280 §4.1.2.2: serial numbers are at most 20 octets.
    if (hexDigits > 40)
        return fail(QStringLiteral("format"),
            QCoreApplication::translate("certdesk::Validators",
                "The serial number is too long: it has at most 40 hexadecimal digits."));
    return std::nullopt;
}

Result renewalYears(int years, int maxYears)
{
    const int max = maxYears > 0 ? maxYears : 5;
    if (years < 1 || years > max)
        return fail(QStringLiteral("range"),
            QCoreApplication::translate("certdesk::Validators", "Choose a renewal period of 1 to %1 years.")
                .arg(max));
    return std::nullopt;
}

FieldErrors validateApplication(
    const Application& application, const RegionModel& regions, int maxYears, const QDate& today)
{
    FieldErrors errors;
    const auto add = [&errors](const QString& field, const Result& result) {
        if (result) {
            FieldError e = *result;
            e.field = field;
            errors.append(e);
        }
    };
    const auto requireText = [&add](const QString& field, const QString& value) {
        if (value.trimmed().isEmpty())
            add(field, required());
    };

    add(QStringLiteral("serial"), certificateSerial(application.serial));
    add(QStringLiteral("years"), renewalYears(application.years, maxYears));
    if (!application.acknowledgements.agreement)
        add(QStringLiteral("acknowledgements.agreement"),
            fail(QStringLiteral("required"),
                QCoreApplication::translate(
                    "certdesk::Validators", "Read and accept the service agreement.")));
    if (!application.acknowledgements.oldCertificateRevocation)
        add(QStringLiteral("acknowledgements.old_certificate_revocation"),
            fail(QStringLiteral("required"),
                QCoreApplication::translate("certdesk::Validators",
                    "Confirm that you understand the old certificate will be revoked.")));

    const auto person = [&](const QString& prefix, const Person& p) {
        add(prefix + QStringLiteral(".name"), personName(p.name));
        add(prefix + QStringLiteral(".id_number"), idNumber(p.idNumber, today));
        add(prefix + QStringLiteral(".mobile"), mobile(p.mobile));
        add(prefix + QStringLiteral(".email"), email(p.email));
    };

    if (isInstitution(application.category)) {
        const Organization& org = application.organization;
        add(QStringLiteral("organization.name"), organizationName(org.name));
        add(QStringLiteral("organization.credential_number"), unifiedSocialCreditCode(org.credentialNumber));
        add(QStringLiteral("organization.address"), address(org.address));
        person(QStringLiteral("agent"), application.agent);
        const BankAccount& bank = application.bank;
        add(QStringLiteral("bank.account_name"), organizationName(bank.accountName));
        if (bank.bankCode.trimmed().isEmpty())
            add(QStringLiteral("bank.bank_code"),
                fail(QStringLiteral("required"),
                    QCoreApplication::translate("certdesk::Validators",
                        "Choose the bank from the list that appears while you type.")));
        add(QStringLiteral("bank.account_number"), bankAccountNumber(bank.accountNumber));
    } else {
        person(QStringLiteral("applicant"), application.applicant);
    }

    // Mailing region: each level required; the present ones are checked top-down and the first that does not
    // belong where it is gets the single "nesting" error (a wrong province makes its city wrong too, and
    // pointing at the city would send the user to the wrong field).
    const Mailing& m = application.mailing;
    const QString province = m.provinceCode.trimmed();
    const QString city = m.cityCode.trimmed();
    const QString county = m.countyCode.trimmed();
    const QString provinceField = QStringLiteral("mailing.province_code");
    const QString cityField = QStringLiteral("mailing.city_code");
    const QString countyField = QStringLiteral("mailing.county_code");
    requireText(provinceField, province);
    requireText(cityField, city);
    requireText(countyField, county);
    const auto isChild = [&regions](const QString& parent, const QString& child) {
        for (const Region& r : regions.children(parent)) {
            if (r.code == child)
                return true;
        }
        return false;
    };
    const auto nesting = [](const QString& message) { return fail(QStringLiteral("nesting"), message); };
    const Result provinceWrong = nesting(
        QCoreApplication::translate("certdesk::Validators", "Choose the province again from the list."));
    const Result cityWrong = nesting(QCoreApplication::translate(
        "certdesk::Validators", "The city does not belong to the chosen province: choose the city again."));
    const Result countyWrong = nesting(QCoreApplication::translate(
        "certdesk::Validators", "The county does not belong to the chosen city: choose the county again."));
    if (!province.isEmpty() && regions.level(province) != RegionModel::Level::Province) {
        add(provinceField, provinceWrong);
    } else if (!city.isEmpty()
        && (regions.level(city) != RegionModel::Level::City
            || (!province.isEmpty() && !isChild(province, city)))) {
        add(cityField, cityWrong);
    } else if (!county.isEmpty()
        && (regions.level(county) != RegionModel::Level::County
            || (!city.isEmpty() && !isChild(city, county)))) {
        add(countyField, countyWrong);
    } else if (!province.isEmpty() && !city.isEmpty() && !county.isEmpty()
        && !regions.nests(province, city, county)) {
        add(countyField, countyWrong); // not reachable with a consistent model; never let a bad triple pass
    }
    add(QStringLiteral("mailing.address"), address(m.address));

    return errors;
}

} // namespace certdesk::validators
