#pragma once

#include <QList>
#include <QString>

namespace certdesk {

// One problem with one field of an application. `field` is the API path ("agent.id_number"), `code` the
// machine code ("required", "checksum", "format", "date", "region", "length", "range", "realname_mismatch",
// "nesting", ...), `message` the translated human text shown next to the field.
struct FieldError
{
    QString field;
    QString code;
    QString message;

    friend bool operator==(const FieldError&, const FieldError&) = default;
};

using FieldErrors = QList<FieldError>;

} // namespace certdesk
