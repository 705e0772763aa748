#pragma once

#include "domain/FieldError.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <chrono>
#include <optional>

namespace certdesk::api {

// Everything that can go wrong with one call to the counter service, as a value (STYLE.md: errors are
// values). `kind` says which layer failed; for Http, `httpStatus`, `code`, `message` and `fields` are the
// server's
// `{"error": {...}}` body (API.md "Conventions"). `message` is the server's text and may be empty; what a
// person sees is userMessage().
struct ApiError
{
    enum class Kind
    {
        Network, // no connection, connection reset, DNS failure
        Timeout, // no data moved within the transfer timeout
        Tls, // certificate not issued by a pinned CA, handshake failure
        Http, // the service answered 4xx/5xx
        Parse, // the service answered 2xx with a body that is not what the contract says
        Cancelled, // the caller aborted the request
    };

    Kind kind = Kind::Network;
    int httpStatus = 0; // 0 unless the service answered
    QString code; // machine code, e.g. "validation_failed", "not_found"
    QString message; // the server's human text (never logged: it may echo input)
    FieldErrors fields; // validation errors, one per bad field
    // Retry-After of a 429/503 answer, already converted to a delay; nullopt when absent or unparseable.
    std::optional<std::chrono::milliseconds> retryAfter;
    // Technical detail for support (Qt's error string, parse position). Never contains bodies or tokens.
    QString detail;

    [[nodiscard]] bool isHttp(int status) const { return kind == Kind::Http && httpStatus == status; }
    [[nodiscard]] bool hasCode(const QString& machineCode) const { return code == machineCode; }
    // The server's error for one field path ("agent.mobile"), if any.
    [[nodiscard]] std::optional<FieldError> fieldError(const QString& field) const;

    // One translated sentence per kind: what happened and what to do.
    [[nodiscard]] static QString kindMessage(Kind kind);
    // What to show a person: kindMessage(), refined for Http by status and code (429: wait; 401: sign in
    // again; 422: fix the marked fields, ...). Translated; never includes personal data.
    [[nodiscard]] QString userMessage() const;
    // "http 422 validation_failed" / "network: Connection refused" — for logs; no personal data.
    [[nodiscard]] QString logSummary() const;

    // Builds an Http error from a status and the response body (the contract's error object). A body that is
    // not the contract's shape still gives an Http error with the status; only code/message stay empty.
    [[nodiscard]] static ApiError fromHttp(int status, const QByteArray& body);
    [[nodiscard]] static ApiError make(Kind kind, const QString& detail = {});

    friend bool operator==(const ApiError&, const ApiError&) = default;
};

// Parses a Retry-After header value (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, relative to `now`.
// A date in the past gives zero; anything else unparseable gives nullopt.
[[nodiscard]] std::optional<std::chrono::milliseconds> parseRetryAfter(
    const QByteArray& value, const QDateTime& now);

} // namespace certdesk::api
