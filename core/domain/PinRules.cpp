#include "domain/PinRules.h"

#include <QCoreApplication>
#include <QRandomGenerator>

namespace certdesk::pins {

namespace {

FieldError problem(const char* code, const QString& message)
{
    return FieldError {QString(), QString::fromLatin1(code), message};
}

// Each step between neighbouring characters is +1 (every one) or -1 (every one): "123456", "654321".
bool isDigitRun(const QString& pin)
{
    if (!isDigitPin(pin))
        return false;
    const auto allSteps = [&pin](int step) {
        for (qsizetype i = 1; i < pin.size(); ++i) {
            if (pin.at(i).unicode() - pin.at(i - 1).unicode() != step)
                return false;
        }
        return true;
    };
    return allSteps(1) || allSteps(-1);
}

} // namespace

bool isDigitPin(const QString& pin)
{
    if (pin.size() < kMinLength || pin.size() > kMaxLength)
        return false;
    for (const QChar c : pin) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}

std::optional<FieldError> checkNewPin(const QString& pin)
{
    if (pin.isEmpty())
        return problem("required", QCoreApplication::translate("certdesk::PinRules", "Type the new PIN."));
    if (pin.size() < kMinLength || pin.size() > kMaxLength)
        return problem("length",
            QCoreApplication::translate("certdesk::PinRules", "The PIN must have %1 to %2 characters.")
                .arg(kMinLength)
                .arg(kMaxLength));
    for (const QChar c : pin) {
        // Printable ASCII: vendor middleware passes the PIN bytes as they are, and a character typed with an
        // input method may not be typeable on the next PC (or on a PIN pad).
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return problem("characters",
                QCoreApplication::translate("certdesk::PinRules",
                    "Use only digits, Latin letters and the symbols on the keyboard (no spaces)."));
    }
    if (pin.count(pin.front()) == pin.size())
        return problem("repeated",
            QCoreApplication::translate("certdesk::PinRules",
                "The PIN must not be one character repeated (such as 111111): anyone would try it first."));
    if (isDigitRun(pin))
        return problem("sequence",
            QCoreApplication::translate("certdesk::PinRules",
                "The PIN must not be a run of digits such as 123456 or 654321: anyone would try it first."));
    return std::nullopt;
}

QString generateInitialPin(int length)
{
    length = qBound(kMinLength, length, kMaxLength);
    for (;;) {
        QString pin;
        pin.reserve(length);
        for (int i = 0; i < length; ++i)
            pin.append(QLatin1Char(char('0' + QRandomGenerator::system()->bounded(10))));
        if (!checkNewPin(pin))
            return pin;
    }
}

} // namespace certdesk::pins
