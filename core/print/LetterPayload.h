#pragma once

#include "domain/Checklist.h"

#include <QString>
#include <optional>

namespace certdesk::print {

// What the QR code on a printed form carries, so that a scan of the stamped form can be matched to its
// application (the upload page warns when it belongs to another one).
//
// Format (a URI, ASCII only; every value percent-encoded as a URL query value):
//     certdesk:application?id=<application id>&order=<order no>&doc=<document kind>
// e.g. "certdesk:application?id=6f1c...&order=168002G110386213&doc=application_form". `doc` is the API name
// of the document kind ("application_form" for the 申请表, "e_seal_form" for the
// 电子印章采集表). Readers ignore unknown query items, so later versions may add some; the scheme and the
// path never change.
struct LetterPayload
{
    QString applicationId;
    QString orderNo;
    DocumentKind document = DocumentKind::ApplicationForm;

    [[nodiscard]] QString toString() const;
    // Parses a decoded QR text. nullopt unless the scheme is "certdesk", the path "application" and id, order
    // and a known doc are all present and non-empty.
    [[nodiscard]] static std::optional<LetterPayload> parse(const QString& text);

    friend bool operator==(const LetterPayload&, const LetterPayload&) = default;
};

} // namespace certdesk::print
