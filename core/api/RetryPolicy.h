#pragma once

#include "api/ApiError.h"

#include <chrono>
#include <functional>

class QObject;

namespace certdesk::api {

// When and how often a failed call is tried again. Only transient failures are retried (no connection,
// timeout, 429, 502/503/504) and only for calls that are safe to repeat: GET and PUT, and POSTs that carry an
// Idempotency-Key (the same key on every attempt, so the service answers a repeat with the first response).
// A 4xx other than 429 is never retried: repeating the same request cannot change the answer.
struct RetryPolicy
{
    int maxAttempts = 4; // attempts in total, the first included; 1 = never retry
    std::chrono::milliseconds initialDelay {500};
    double multiplier = 2.0;
    std::chrono::milliseconds maxDelay {8000};
    // Each delay is multiplied by a factor in [1 - jitter, 1 + jitter] so that many clients that failed
    // together (a service restart at a busy counter) do not all come back in the same instant.
    double jitter = 0.25;
    // A Retry-After longer than this is not waited for: the call fails with the 429/503 so that the person
    // can decide, instead of a silent multi-minute hang.
    std::chrono::milliseconds maxRetryAfter {30000};
    // Uniform in [0, 1); defaults to QRandomGenerator::global(). Tests inject a fixed value.
    std::function<double()> random;

    // The error is one that may go away by itself.
    [[nodiscard]] static bool isTransient(const ApiError& error);
    // Whether to try again after `attemptsMade` attempts (>= 1) ended with `error`.
    [[nodiscard]] bool shouldRetry(const ApiError& error, bool requestIsRepeatable, int attemptsMade) const;
    // The wait before attempt number `attemptsMade + 1`: exponential backoff with jitter, never shorter than
    // the server's Retry-After.
    [[nodiscard]] std::chrono::milliseconds delayBefore(int attemptsMade, const ApiError& error) const;

    [[nodiscard]] static RetryPolicy noRetry();
};

// Waits for a retry. The default uses QTimer; tests install one that records the delays and fires at once, so
// no test sleeps for real.
class RetryScheduler
{
public:
    virtual ~RetryScheduler() = default;
    // Calls `callback` once, after `delay`, on `context`'s thread; never if `context` is destroyed first.
    virtual void schedule(std::chrono::milliseconds delay, QObject* context, std::function<void()> callback)
        = 0;
};

class TimerRetryScheduler final : public RetryScheduler
{
public:
    void schedule(std::chrono::milliseconds delay, QObject* context, std::function<void()> callback) override;
};

} // namespace certdesk::api
