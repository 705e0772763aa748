#pragma once

#include <QString>
#include <QtGlobal>

namespace certdesk {

// Money is always integer fen (1 yuan = 100 fen); never a floating-point value.
using Fen = qint64;

struct Fees
{
    Fen certificateFen = 0; // 证书费用 = years x fee per year
    Fen expressFen = 0; // 快递费用
    Fen totalFen = 0; // 总费用

    friend bool operator==(const Fees&, const Fees&) = default;
};

// Fees for `years` years at `feePerYearFen` plus express. Years outside 1..100 or negative amounts give zero
// fees (the validators reject such input before it gets here).
[[nodiscard]] Fees computeFees(Fen feePerYearFen, int years, Fen expressFen);

// "360.00" for 36000 fen (no currency sign; the UI adds ¥ or 元 as its layout wants).
[[nodiscard]] QString formatYuan(Fen fen);

} // namespace certdesk
