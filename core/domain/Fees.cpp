#include "domain/Fees.h"

namespace certdesk {

Fees computeFees(Fen feePerYearFen, int years, Fen expressFen)
{
    if (years < 1 || years > 100 || feePerYearFen < 0 || expressFen < 0)
        return {};
    Fees fees;
    fees.certificateFen = feePerYearFen * years;
    fees.expressFen = expressFen;
    fees.totalFen = fees.certificateFen + fees.expressFen;
    return fees;
}

QString formatYuan(Fen fen)
{
    const bool negative = fen < 0;
    const Fen abs = negative ? -fen : fen;
    return QStringLiteral("%1%2.%3")
        .arg(negative ? QStringLiteral("-") : QString())
        .arg(abs / 100)
        .arg(abs % 100, 2, 10, QLatin1Char('0'));
}

} // namespace certdesk
