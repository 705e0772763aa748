#pragma once

#include "domain/FieldError.h"

#include <QString>

#include <optional>

namespace certdesk::pins {

// The rule for a UKey user PIN the applicant chooses (and for the initial PIN the counter sets on a mailed
// UKey): 6 to 16 printable ASCII characters (what every vendor middleware accepts in C_Login / C_SetPIN),
// not one character repeated ("111111"), and not a run of digits going up or down by one ("123456",
// "654321"). These are the first PINs anyone tries with a found or stolen UKey; a token locks after a few
// wrong tries, so excluding the obvious guesses is what makes its 6 digits worth having.
inline constexpr int kMinLength = 6;
inline constexpr int kMaxLength = 16;

// nullopt when `pin` is acceptable, else a FieldError (field empty) with code "required", "length",
// "characters", "repeated" or "sequence" and a translated message saying what to type instead.
[[nodiscard]] std::optional<FieldError> checkNewPin(const QString& pin);

// Whether `pin` is 6 to 16 decimal digits (the form of the initial PIN the service sends by SMS).
[[nodiscard]] bool isDigitPin(const QString& pin);

// A random initial PIN of `length` decimal digits (clamped to 6..16) that passes checkNewPin(), from the
// operating system's cryptographic random source (QRandomGenerator::system()). For a UKey that is mailed:
// nobody at the counter needs to see it, the service sends it by SMS.
[[nodiscard]] QString generateInitialPin(int length = 8);

} // namespace certdesk::pins
