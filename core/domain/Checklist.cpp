#include "domain/Checklist.h"

#include <QCoreApplication>

namespace certdesk {

namespace {

struct StatusName
{
    ApplicationStatus status;
    const char* api;
};

constexpr StatusName kStatuses[] = {
    {ApplicationStatus::Draft, "draft"},
    {ApplicationStatus::InReview, "in_review"},
    {ApplicationStatus::Rejected, "rejected"},
    {ApplicationStatus::Approved, "approved"},
    {ApplicationStatus::Issued, "issued"},
    {ApplicationStatus::Shipped, "shipped"},
    {ApplicationStatus::Completed, "completed"},
    {ApplicationStatus::Cancelled, "cancelled"},
};

struct DocumentName
{
    DocumentKind kind;
    const char* api;
};

constexpr DocumentName kDocuments[] = {
    {DocumentKind::ApplicationForm, "application_form"},
    {DocumentKind::BusinessLicense, "business_license"},
    {DocumentKind::ESealForm, "e_seal_form"},
    {DocumentKind::IdCard, "id_card"},
    {DocumentKind::HolderChangeProof, "holder_change_proof"},
};

} // namespace

QString statusToApi(ApplicationStatus status)
{
    for (const auto& s : kStatuses) {
        if (s.status == status)
            return QString::fromLatin1(s.api);
    }
    return {};
}

std::optional<ApplicationStatus> statusFromApi(const QString& value)
{
    for (const auto& s : kStatuses) {
        if (value == QLatin1String(s.api))
            return s.status;
    }
    return std::nullopt;
}

QString statusDisplayName(ApplicationStatus status)
{
    switch (status) {
    case ApplicationStatus::Draft:
        // The service's "draft" is an application already submitted (提交申请) whose documents, identity
        // check or payment are still to come; the client's own unsent drafts never carry a service status.
        return QCoreApplication::translate(
            "certdesk::Checklist", "Submitted: documents, identity check and payment to complete");
    case ApplicationStatus::InReview:
        return QCoreApplication::translate("certdesk::Checklist", "Awaiting CA review");
    case ApplicationStatus::Rejected:
        return QCoreApplication::translate("certdesk::Checklist", "Rejected: changes needed");
    case ApplicationStatus::Approved:
        return QCoreApplication::translate("certdesk::Checklist", "Approved: certificate being issued");
    case ApplicationStatus::Issued:
        return QCoreApplication::translate("certdesk::Checklist", "Issued: new UKey written");
    case ApplicationStatus::Shipped:
        return QCoreApplication::translate("certdesk::Checklist", "Shipped: UKey on its way");
    case ApplicationStatus::Completed:
        return QCoreApplication::translate("certdesk::Checklist", "Completed");
    case ApplicationStatus::Cancelled:
        return QCoreApplication::translate("certdesk::Checklist", "Cancelled");
    }
    return {};
}

bool isEditable(ApplicationStatus status)
{
    return status == ApplicationStatus::Draft || status == ApplicationStatus::Rejected;
}

QString documentKindToApi(DocumentKind kind)
{
    for (const auto& d : kDocuments) {
        if (d.kind == kind)
            return QString::fromLatin1(d.api);
    }
    return {};
}

std::optional<DocumentKind> documentKindFromApi(const QString& value)
{
    for (const auto& d : kDocuments) {
        if (value == QLatin1String(d.api))
            return d.kind;
    }
    return std::nullopt;
}

QString documentDisplayName(DocumentKind kind, CertificateCategory category)
{
    const bool institution = isInstitution(category);
    switch (kind) {
    case DocumentKind::ApplicationForm:
        return institution
            ? QCoreApplication::translate("certdesk::Checklist", "Organisation application form")
            : QCoreApplication::translate("certdesk::Checklist", "Application form");
    case DocumentKind::BusinessLicense:
        return QCoreApplication::translate("certdesk::Checklist", "Business licence scan");
    case DocumentKind::ESealForm:
        return QCoreApplication::translate("certdesk::Checklist", "Electronic seal collection form");
    case DocumentKind::IdCard:
        return QCoreApplication::translate("certdesk::Checklist", "ID card scan");
    case DocumentKind::HolderChangeProof:
        return QCoreApplication::translate("certdesk::Checklist", "Proof of the holder's change");
    }
    return {};
}

QString documentRequirement(DocumentKind kind, CertificateCategory category)
{
    const bool institution = isInstitution(category);
    switch (kind) {
    case DocumentKind::ApplicationForm:
        return institution ? QCoreApplication::translate("certdesk::Checklist",
                   "Print the application form, stamp it with the organisation's official seal and have the "
                   "agent "
                   "sign it by hand.")
                           : QCoreApplication::translate(
                               "certdesk::Checklist", "Print the application form and sign it by hand.");
    case DocumentKind::BusinessLicense:
        return QCoreApplication::translate("certdesk::Checklist",
            "Scan or photograph the original business licence (or its copy stamped with the official seal). "
            "It must be complete and clearly legible and must not be edited in any way.");
    case DocumentKind::ESealForm:
        return institution
            ? QCoreApplication::translate("certdesk::Checklist",
                "Download the electronic seal collection form template, stamp it and upload the scan.")
            : QCoreApplication::translate("certdesk::Checklist",
                "Download the electronic seal collection form template, sign it and upload the scan.");
    case DocumentKind::IdCard:
        return institution
            ? QCoreApplication::translate(
                "certdesk::Checklist", "Both sides of the agent's ID card, stamped with the official seal.")
            : QCoreApplication::translate("certdesk::Checklist", "Both sides of the applicant's ID card.");
    case DocumentKind::HolderChangeProof:
        // What a registration authority accepts as proof that the holder is the same party under a new name
        // or number: the market regulator's change notice for organisations, the public security bureau's
        // certificate of a changed name or citizen ID number for persons.
        return institution ? QCoreApplication::translate("certdesk::Checklist",
                   "Only when the organisation's name or credential number differs from the old certificate: "
                   "the market regulator's change registration notice, stamped with the official seal.")
                           : QCoreApplication::translate("certdesk::Checklist",
                               "Only when the name or ID number differs from the old certificate: the public "
                               "security bureau's certificate of the change.");
    }
    return {};
}

QList<DocumentKind> requiredDocuments(CertificateCategory category)
{
    if (isInstitution(category))
        return {DocumentKind::ApplicationForm, DocumentKind::BusinessLicense, DocumentKind::ESealForm,
            DocumentKind::IdCard};
    return {DocumentKind::ApplicationForm, DocumentKind::ESealForm, DocumentKind::IdCard};
}

QString livenessToApi(LivenessState state)
{
    switch (state) {
    case LivenessState::Pending:
        return QStringLiteral("pending");
    case LivenessState::Passed:
        return QStringLiteral("passed");
    case LivenessState::Failed:
        return QStringLiteral("failed");
    case LivenessState::Expired:
        return QStringLiteral("expired");
    }
    return {};
}

std::optional<LivenessState> livenessFromApi(const QString& value)
{
    for (auto s :
        {LivenessState::Pending, LivenessState::Passed, LivenessState::Failed, LivenessState::Expired}) {
        if (livenessToApi(s) == value)
            return s;
    }
    return std::nullopt;
}

bool Checklist::allDocumentsUploaded() const
{
    if (documents.isEmpty())
        return false;
    for (auto state : documents) {
        if (state != DocumentState::Uploaded)
            return false;
    }
    return true;
}

bool Checklist::readyForPayment() const
{
    return formComplete && allDocumentsUploaded() && liveness == LivenessState::Passed;
}

QJsonObject Checklist::toJson() const
{
    QJsonObject docs;
    for (auto it = documents.cbegin(); it != documents.cend(); ++it) {
        docs.insert(documentKindToApi(it.key()),
            it.value() == DocumentState::Uploaded ? QStringLiteral("uploaded") : QStringLiteral("missing"));
    }
    return QJsonObject {
        {QStringLiteral("form"), formComplete ? QStringLiteral("complete") : QStringLiteral("incomplete")},
        {QStringLiteral("documents"), docs},
        {QStringLiteral("liveness"), livenessToApi(liveness)},
        {QStringLiteral("payment"),
            payment == PaymentState::Paid ? QStringLiteral("paid") : QStringLiteral("unpaid")},
    };
}

Checklist Checklist::fromJson(const QJsonObject& json)
{
    Checklist c;
    c.formComplete = json.value(QStringLiteral("form")).toString() == QLatin1String("complete");
    const QJsonObject docs = json.value(QStringLiteral("documents")).toObject();
    for (auto it = docs.constBegin(); it != docs.constEnd(); ++it) {
        if (const auto kind = documentKindFromApi(it.key())) {
            c.documents.insert(*kind,
                it.value().toString() == QLatin1String("uploaded") ? DocumentState::Uploaded
                                                                   : DocumentState::Missing);
        }
    }
    c.liveness
        = livenessFromApi(json.value(QStringLiteral("liveness")).toString()).value_or(LivenessState::Pending);
    c.payment = json.value(QStringLiteral("payment")).toString() == QLatin1String("paid")
        ? PaymentState::Paid
        : PaymentState::Unpaid;
    return c;
}

} // namespace certdesk
