#pragma once

#include "api/ApiError.h"

#include <utility>
#include <variant>

namespace certdesk::api {

// For calls whose success carries no data (approve with an empty body, ...).
struct NoContent
{
    friend bool operator==(const NoContent&, const NoContent&) = default;
};

// The outcome of one call: the typed value or the error. Check ok() before value(); value() on an error (or
// error() on a value) is a programming error and throws std::bad_variant_access.
template<class T>
class [[nodiscard]] ApiResult
{
public:
    ApiResult(T value) // NOLINT(google-explicit-constructor): a value converts to a success
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    ApiResult(ApiError error) // NOLINT(google-explicit-constructor): an error converts to a failure
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    [[nodiscard]] bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] const T& value() const& { return std::get<0>(m_data); }
    [[nodiscard]] T& value() & { return std::get<0>(m_data); }
    [[nodiscard]] T&& value() && { return std::get<0>(std::move(m_data)); }
    [[nodiscard]] const ApiError& error() const { return std::get<1>(m_data); }

    const T* operator->() const { return &value(); }
    const T& operator*() const& { return value(); }

private:
    std::variant<T, ApiError> m_data;
};

} // namespace certdesk::api
