#include "documents/StampedFormCheck.h"

namespace certdesk::documents {

bool carriesLetterCode(DocumentKind kind)
{
    return kind == DocumentKind::ApplicationForm || kind == DocumentKind::ESealForm;
}

StampedFormVerdict judgeStampedForm(
    DocumentKind kind, const QString& applicationId, bool read, const QList<print::LetterPayload>& payloads)
{
    StampedFormVerdict verdict;
    if (!read || !carriesLetterCode(kind))
        return verdict;
    std::optional<print::LetterPayload> foreign;
    std::optional<print::LetterPayload> otherForm;
    for (const print::LetterPayload& payload : payloads) {
        if (payload.applicationId != applicationId) {
            if (!foreign)
                foreign = payload;
        } else if (payload.document != kind) {
            if (!otherForm)
                otherForm = payload;
        } else {
            verdict.outcome = StampedFormVerdict::Outcome::Ours;
            return verdict;
        }
    }
    if (foreign) {
        verdict.outcome = StampedFormVerdict::Outcome::OtherApplication;
        verdict.payload = foreign;
    } else if (otherForm) {
        verdict.outcome = StampedFormVerdict::Outcome::OtherForm;
        verdict.payload = otherForm;
    } else {
        verdict.outcome = StampedFormVerdict::Outcome::Unreadable;
    }
    return verdict;
}

} // namespace certdesk::documents
