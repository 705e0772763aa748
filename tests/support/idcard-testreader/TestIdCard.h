#pragma once

#include <QByteArray>
#include <QString>

namespace certdesk::test {

// The fields of a test ID card, written as the 256-byte base message the SDT-style SDKs return (UCS-2LE,
// fixed widths, space padded).
struct TestIdCard
{
    QString name;
    QString sex = QStringLiteral("1");
    QString nation = QStringLiteral("01");
    QString birth = QStringLiteral("19491231");
    QString address = QStringLiteral("Beijing");
    QString idNumber = QStringLiteral("11010519491231002X");
    QString authority = QStringLiteral("Beijing PSB");
    QString validFrom = QStringLiteral("20200101");
    QString validTo = QStringLiteral("20400101");
    QString reserved;

    [[nodiscard]] static QByteArray field(const QString& text, int bytes)
    {
        QByteArray out;
        for (QChar c : text) {
            out.append(char(c.unicode() & 0xFF));
            out.append(char(c.unicode() >> 8));
        }
        out = out.left(bytes);
        while (out.size() < bytes)
            out.append(out.size() % 2 == 0 ? ' ' : '\0');
        return out;
    }

    [[nodiscard]] QByteArray baseMessage() const
    {
        return field(name, 30) + field(sex, 2) + field(nation, 4) + field(birth, 16) + field(address, 70)
            + field(idNumber, 36) + field(authority, 30) + field(validFrom, 16) + field(validTo, 16)
            + field(reserved, 36);
    }
};

} // namespace certdesk::test
