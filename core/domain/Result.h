#pragma once

#include <optional>
#include <utility>

namespace certdesk {

// A value or an error (std::expected-like; C++20 has none). `Error` is a small struct with a `status` member
// of an enum that has an `Ok` enumerator, and a `message()` translating that status: pki::PkiError,
// token::TokenError. The converting constructors are implicit on purpose, as in std::expected, so that
// `return value;` and `return someError(...);` both read naturally. An error whose status says Ok is turned
// into the enum's InternalError: a failure must never read as success.
template<typename T, typename Error>
class [[nodiscard]] Result
{
public:
    using Status = decltype(Error::status);

    Result(T value) // NOLINT(google-explicit-constructor)
        : m_value(std::move(value))
    { }
    Result(Error error) // NOLINT(google-explicit-constructor)
        : m_error(std::move(error))
    {
        if (m_error.status == Status::Ok)
            m_error.status = Status::InternalError;
    }

    [[nodiscard]] bool hasValue() const { return m_value.has_value(); }
    explicit operator bool() const { return hasValue(); }
    [[nodiscard]] Status status() const { return m_value ? Status::Ok : m_error.status; }
    [[nodiscard]] const Error& error() const { return m_error; }
    [[nodiscard]] const auto& detail() const { return m_error.detail; }
    [[nodiscard]] auto message() const { return m_value ? Error {Status::Ok}.message() : m_error.message(); }

    // Precondition: hasValue().
    [[nodiscard]] T& value() & { return *m_value; }
    [[nodiscard]] const T& value() const& { return *m_value; }
    [[nodiscard]] T&& value() && { return std::move(*m_value); }
    T& operator*() & { return *m_value; }
    const T& operator*() const& { return *m_value; }
    T* operator->() { return &*m_value; }
    const T* operator->() const { return &*m_value; }

private:
    std::optional<T> m_value;
    Error m_error;
};

// Success without a value.
template<typename Error>
class [[nodiscard]] Result<void, Error>
{
public:
    using Status = decltype(Error::status);

    Result() = default;
    Result(Error error) // NOLINT(google-explicit-constructor)
        : m_failed(true)
        , m_error(std::move(error))
    {
        if (m_error.status == Status::Ok)
            m_error.status = Status::InternalError;
    }

    [[nodiscard]] bool hasValue() const { return !m_failed; }
    explicit operator bool() const { return hasValue(); }
    [[nodiscard]] Status status() const { return m_failed ? m_error.status : Status::Ok; }
    [[nodiscard]] const Error& error() const { return m_error; }
    [[nodiscard]] const auto& detail() const { return m_error.detail; }
    [[nodiscard]] auto message() const { return m_failed ? m_error.message() : Error {Status::Ok}.message(); }

private:
    bool m_failed = false;
    Error m_error;
};

} // namespace certdesk
