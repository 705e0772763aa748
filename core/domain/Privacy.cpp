#include "domain/Privacy.h"

#include <QList>

#include <algorithm>

namespace certdesk {

namespace {

// Keeps `head` leading and `tail` trailing characters (code points) of `value` and stars the rest. When that
// would leave fewer than half of the characters hidden, the head shrinks first and then the tail, so a short
// or truncated value never shows more than half of itself.
QString maskMiddle(const QString& value, qsizetype head, qsizetype tail)
{
    const QList<uint> chars = value.toUcs4();
    const qsizetype n = chars.size();
    if (n == 0)
        return {};
    const qsizetype minHidden = std::max<qsizetype>(1, (n + 1) / 2);
    while (head > 0 && n - head - tail < minHidden)
        --head;
    while (tail > 0 && n - head - tail < minHidden)
        --tail;

    QString out;
    out.reserve(n);
    for (qsizetype i = 0; i < n; ++i) {
        if (i < head || i >= n - tail) {
            const char32_t c = chars[i];
            out += QString::fromUcs4(&c, 1);
        } else {
            out += QLatin1Char('*');
        }
    }
    return out;
}

QString withoutSpaces(const QString& value)
{
    QString out;
    out.reserve(value.size());
    for (QChar c : value) {
        if (!c.isSpace())
            out += c;
    }
    return out;
}

} // namespace

QString maskIdNumber(const QString& idNumber)
{
    // The first four digits (province and prefecture of first registration) are also shown on receipts and
    // help the holder recognise the number; birth date, sequence and sex digit are hidden.
    return maskMiddle(idNumber.trimmed(), 4, 4);
}

QString maskMobile(const QString& mobile)
{
    // 3 + 4 + 4 as on operators' bills: the network prefix and the subscriber's last four digits.
    const QString number = withoutSpaces(mobile);
    // The standard pattern hides only 4 of 11 digits; keep it for real numbers, other lengths use the
    // half-hidden rule.
    if (number.size() == 11)
        return number.first(3) + QStringLiteral("****") + number.last(4);
    return maskMiddle(number, 3, 4);
}

QString maskAccount(const QString& accountNumber)
{
    return maskMiddle(withoutSpaces(accountNumber), 0, 4);
}

QString maskName(const QString& name)
{
    const QString trimmed = name.trimmed();
    const qsizetype n = trimmed.toUcs4().size();
    // Chinese practice: keep the surname (first character) and, for three or more characters, the last one.
    if (n <= 1)
        return maskMiddle(trimmed, 0, 0);
    if (n == 2) {
        const QList<uint> chars = trimmed.toUcs4();
        const char32_t first = chars[0];
        return QString::fromUcs4(&first, 1) + QLatin1Char('*');
    }
    const QList<uint> chars = trimmed.toUcs4();
    const char32_t first = chars.first();
    const char32_t last = chars.last();
    return QString::fromUcs4(&first, 1) + QString(n - 2, QLatin1Char('*')) + QString::fromUcs4(&last, 1);
}

QString maskEmail(const QString& email)
{
    const QString address = email.trimmed();
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    if (at < 0)
        return maskName(address);
    const QString local = address.left(at);
    const QList<uint> chars = local.toUcs4();
    QString masked;
    if (chars.size() <= 1) {
        masked = QString(chars.size(), QLatin1Char('*'));
    } else {
        const char32_t first = chars.first();
        masked = QString::fromUcs4(&first, 1) + QString(chars.size() - 1, QLatin1Char('*'));
    }
    return masked + address.mid(at);
}

} // namespace certdesk
