#include "api/RetryPolicy.h"

#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace certdesk::api {

bool RetryPolicy::isTransient(const ApiError& error)
{
    switch (error.kind) {
    case ApiError::Kind::Network:
    case ApiError::Kind::Timeout:
        return true;
    case ApiError::Kind::Http:
        return error.httpStatus == 429 || error.httpStatus == 502 || error.httpStatus == 503
            || error.httpStatus == 504;
    case ApiError::Kind::Tls: // a wrong certificate does not become right by asking again
    case ApiError::Kind::Parse:
    case ApiError::Kind::Cancelled:
        return false;
    }
    return false;
}

bool RetryPolicy::shouldRetry(const ApiError& error, bool requestIsRepeatable, int attemptsMade) const
{
    if (!requestIsRepeatable || attemptsMade >= maxAttempts || !isTransient(error))
        return false;
    if (error.retryAfter && *error.retryAfter > maxRetryAfter)
        return false;
    return true;
}

std::chrono::milliseconds RetryPolicy::delayBefore(int attemptsMade, const ApiError& error) const
{
    const double base = static_cast<double>(initialDelay.count())
        * std::pow(multiplier, static_cast<double>(std::max(0, attemptsMade - 1)));
    const double capped = std::min(base, static_cast<double>(maxDelay.count()));
    const double r = random ? random() : QRandomGenerator::global()->generateDouble();
    const double factor = 1.0 - jitter + 2.0 * jitter * std::clamp(r, 0.0, 1.0);
    auto delay = std::chrono::milliseconds(static_cast<qint64>(std::llround(capped * factor)));
    if (error.retryAfter)
        delay = std::max(delay, *error.retryAfter);
    return std::max(delay, std::chrono::milliseconds(0));
}

RetryPolicy RetryPolicy::noRetry()
{
    RetryPolicy policy;
    policy.maxAttempts = 1;
    return policy;
}

void TimerRetryScheduler::schedule(
    std::chrono::milliseconds delay, QObject* context, std::function<void()> callback)
{
    QTimer::singleShot(delay, context, std::move(callback));
}

} // namespace certdesk::api
