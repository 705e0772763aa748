#pragma once

#include "domain/Category.h"
#include "print/LetterPayload.h"

#include <QList>
#include <QString>

#include <optional>

namespace certdesk::documents {

// Whether a document kind is one of the forms CertDesk prints with a LetterPayload QR code
// (print::LetterLayout: the application form; ESealFormLayout: the e-seal form), so that the stamped scan
// that comes back can be matched to its application.
[[nodiscard]] bool carriesLetterCode(DocumentKind kind);

// What the QR codes read on a stamped form's scan say about it (LetterQrReader::readLetterPayloads).
struct StampedFormVerdict
{
    enum class Outcome
    {
        NotChecked, // the kind carries no code, or the codes were not read (PDF, reading off)
        Ours, // a code of this application and this form: any other code on the page does not matter
        OtherApplication, // the form of another application: refused
        OtherForm, // this application's other form (e-seal form where the application form goes): refused
        Unreadable, // no usable code (blurred, cut off): accepted, the reviewer checks the order number
    };
    Outcome outcome = Outcome::NotChecked;
    // The code that decided OtherApplication (its order number is shown) or OtherForm (its kind).
    std::optional<print::LetterPayload> payload;

    // Whether the upload is refused.
    [[nodiscard]] bool refused() const
    {
        return outcome == Outcome::OtherApplication || outcome == Outcome::OtherForm;
    }
};

// The verdict for an upload into the place of `kind` of application `applicationId`. `read` says whether the
// codes were looked for at all; `payloads` are the codes found, in reading order. This application's own form
// wins over any other code on the page (a neighbouring sheet in the photo); otherwise another application's
// code wins over this application's other form.
[[nodiscard]] StampedFormVerdict judgeStampedForm(
    DocumentKind kind, const QString& applicationId, bool read, const QList<print::LetterPayload>& payloads);

} // namespace certdesk::documents
