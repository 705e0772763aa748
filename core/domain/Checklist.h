#pragma once

#include "domain/Category.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <optional>

namespace certdesk {

// Application status values of the API ("draft", "in_review", ...).
enum class ApplicationStatus
{
    Draft,
    InReview,
    Rejected,
    Approved,
    Issued,
    Shipped,
    Completed,
    Cancelled
};

[[nodiscard]] QString statusToApi(ApplicationStatus status);
[[nodiscard]] std::optional<ApplicationStatus> statusFromApi(const QString& value);
[[nodiscard]] QString statusDisplayName(ApplicationStatus status);
// PUT and document uploads are allowed only while the applicant may still change the application.
[[nodiscard]] bool isEditable(ApplicationStatus status);

// Document kinds of the API. Which are required depends on the category (requiredDocuments()).
enum class DocumentKind
{
    ApplicationForm,
    BusinessLicense,
    ESealForm,
    IdCard,
    // Not required by default: the document that proves the holder's change of name or credential number
    // when the form differs from the old certificate (the reviewer checks it before accepting the change).
    HolderChangeProof
};

[[nodiscard]] QString documentKindToApi(DocumentKind kind);
[[nodiscard]] std::optional<DocumentKind> documentKindFromApi(const QString& value);
// 申请表 / 营业执照扫描件 / 电子印章采集表 / 身份证扫描件 (one paper name, 申请表, for both kinds).
[[nodiscard]] QString documentDisplayName(DocumentKind kind, CertificateCategory category);
// The guide's rule for the document: what must be stamped or signed.
[[nodiscard]] QString documentRequirement(DocumentKind kind, CertificateCategory category);
[[nodiscard]] QList<DocumentKind> requiredDocuments(CertificateCategory category);

enum class DocumentState
{
    Missing,
    Uploaded
};
enum class LivenessState
{
    Pending,
    Passed,
    Failed,
    Expired
};
enum class PaymentState
{
    Unpaid,
    Paid
};

[[nodiscard]] QString livenessToApi(LivenessState state);
[[nodiscard]] std::optional<LivenessState> livenessFromApi(const QString& value);

// What is done and what is left before the application can be paid and reviewed (API "checklist").
struct Checklist
{
    bool formComplete = false;
    QMap<DocumentKind, DocumentState> documents;
    LivenessState liveness = LivenessState::Pending;
    PaymentState payment = PaymentState::Unpaid;

    [[nodiscard]] bool allDocumentsUploaded() const;
    [[nodiscard]] bool readyForPayment() const;
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Checklist fromJson(const QJsonObject& json);
    friend bool operator==(const Checklist&, const Checklist&) = default;
};

struct RejectionReason
{
    QString target; // "field:agent.mobile" or "document:business_license"
    QString message;
    friend bool operator==(const RejectionReason&, const RejectionReason&) = default;
};

struct Shipment
{
    QString carrier;
    QString trackingNo;
    friend bool operator==(const Shipment&, const Shipment&) = default;
};

// The certificate pair the counter wrote to the UKey and confirmed (GET /applications/{id} "issuance", from
// `issued` on): what the applicant's CertDesk compares the received UKey with.
struct ConfirmedIssuance
{
    QString signingSerial; // upper-case hex
    QString encryptionSerial;
    QByteArray signingCertificate; // DER
    QByteArray encryptionCertificate; // DER
    QDateTime notBefore;
    QDateTime notAfter;
    friend bool operator==(const ConfirmedIssuance&, const ConfirmedIssuance&) = default;
};

struct TimelineEntry
{
    ApplicationStatus status = ApplicationStatus::Draft;
    QDateTime at; // UTC
    QString note;
    friend bool operator==(const TimelineEntry&, const TimelineEntry&) = default;
};

} // namespace certdesk
