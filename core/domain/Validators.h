#pragma once

#include "domain/Application.h"
#include "domain/FieldError.h"

#include <QDate>
#include <QString>
#include <optional>

namespace certdesk {

class RegionModel;

// Validators shared by the client (inline errors while typing) and certdesk-server (422 validation_failed).
// Each returns nullopt when the value is acceptable, else a FieldError with `code` and a translated
// `message`; `field` is left empty (validateApplication() fills in the API path).
namespace validators {

using Result = std::optional<FieldError>;

// 身份证号码, GB 11643-1999: 18 characters, the 2-digit province of the 6-digit address code exists in
// GB/T 2260, a real birth date not after `today`, ISO 7064 MOD 11-2 check character (upper-case X only).
// 15-digit legacy numbers are rejected with their own message.
[[nodiscard]] Result idNumber(const QString& value, const QDate& today = QDate::currentDate());
// 统一社会信用代码, GB 32100-2015.
[[nodiscard]] Result unifiedSocialCreditCode(const QString& value);
[[nodiscard]] Result mobile(const QString& value);
[[nodiscard]] Result email(const QString& value);
[[nodiscard]] Result bankAccountNumber(const QString& value);
// A person's name: Chinese (with the middle dot of minority names) or Latin letters.
[[nodiscard]] Result personName(const QString& value);
[[nodiscard]] Result organizationName(const QString& value);
[[nodiscard]] Result address(const QString& value);
// Certificate serial: hex, colons and spaces ignored.
[[nodiscard]] Result certificateSerial(const QString& value);
[[nodiscard]] Result renewalYears(int years, int maxYears);

// Every problem of the application at once, each with its API field path ("agent.id_number",
// "mailing.county_code", "acknowledgements.agreement", ...). `maxYears` from the lookup (0 = unknown: 1..5).
[[nodiscard]] FieldErrors validateApplication(const Application& application, const RegionModel& regions,
    int maxYears = 0, const QDate& today = QDate::currentDate());

} // namespace validators
} // namespace certdesk
