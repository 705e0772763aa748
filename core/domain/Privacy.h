#pragma once

#include <QString>

namespace certdesk {

// Masking of personal data for display (confirmation pages, counter lists) and for any text that could reach
// a log, a crash report or an error message. Each function hides characters by replacing each one with '*'
// (the length stays visible, as on Chinese bank and telecom receipts); surrounding whitespace is dropped
// first. ID numbers, mobiles and accounts of unusual (short) length are masked more, never less: at least
// half of their characters, and always at least one, are hidden.

// "440305199001011234" -> "4403**********1234" (province+city, last four).
[[nodiscard]] QString maskIdNumber(const QString& idNumber);
// "13812345678" -> "138****5678".
[[nodiscard]] QString maskMobile(const QString& mobile);
// Bank account: only the last four digits stay, spaces removed: "6222 0212 3456 7890" -> "************7890".
[[nodiscard]] QString maskAccount(const QString& accountNumber);
// "张三丰" -> "张*丰", "张三" -> "张*", "欧阳娜娜" -> "欧**娜", "王" -> "*"; counts characters, not UTF-16
// units.
[[nodiscard]] QString maskName(const QString& name);
// "zhangsan@example.com" -> "z*******@example.com": the local part keeps its first character, the domain
// stays. A value without '@' is masked like a name.
[[nodiscard]] QString maskEmail(const QString& email);

} // namespace certdesk
