#pragma once

#include "api/ApiResult.h"
#include "domain/Application.h"
#include "domain/Checklist.h"
#include "domain/Fees.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>

// Typed answers of the counter service (../shared/API.md). The request side uses the domain types
// (Application::toApiBody()); these are the answers that have no domain type. Each parse*() function checks
// the fields the client relies on and returns a Parse error naming the first one that is missing or of the
// wrong type; unknown keys are ignored so that the service may add fields.
namespace certdesk::api {

// GET /health
struct Health
{
    QString status;
    int apiVersion = 0;
    bool sandbox = false;
    friend bool operator==(const Health&, const Health&) = default;
};

// 201 of POST /applications
struct CreatedApplication
{
    QString id;
    QString orderNo;
    QString accessToken; // secret: never logged; the wizard keeps it with the draft
    ApplicationStatus status = ApplicationStatus::Draft;
    Fees fees;
    bool holderVerified = false;
    Checklist checklist;
    friend bool operator==(const CreatedApplication&, const CreatedApplication&) = default;
};

// 201 of PUT /applications/{id}/documents/{kind}, and the items of GET .../documents
struct StoredDocument
{
    DocumentKind kind = DocumentKind::ApplicationForm;
    QString sha256; // hex
    qint64 size = 0;
    QString contentType;
    friend bool operator==(const StoredDocument&, const StoredDocument&) = default;
};

// POST /applications/{id}/liveness
struct LivenessSession
{
    QString sessionId;
    QString qrContent; // the URL to show as a QR code
    QDateTime expiresAt;
    LivenessState status = LivenessState::Pending;
    friend bool operator==(const LivenessSession&, const LivenessSession&) = default;
};

// GET /applications/{id}/liveness (and the sandbox's answer to a submitted check)
struct LivenessResult
{
    LivenessState status = LivenessState::Pending;
    QString reason; // why it failed; empty otherwise
    friend bool operator==(const LivenessResult&, const LivenessResult&) = default;
};

enum class PaymentMethod
{
    WeChat,
    Alipay,
    CorporateTransfer
}; // 微信 / 支付宝 / 对公账号付款
[[nodiscard]] QString paymentMethodToApi(PaymentMethod method);
[[nodiscard]] std::optional<PaymentMethod> paymentMethodFromApi(const QString& value);

enum class PaymentStatus
{
    Pending,
    Paid,
    Expired
};
[[nodiscard]] std::optional<PaymentStatus> paymentStatusFromApi(const QString& value);

// 对公账号付款: where to transfer to and the reference to quote.
struct TransferInstructions
{
    QString payeeName;
    QString bank;
    QString accountNumber;
    QString reference;
    friend bool operator==(const TransferInstructions&, const TransferInstructions&) = default;
};

// 201 of POST /applications/{id}/payments
struct Payment
{
    QString paymentId;
    QString orderNo;
    Fen amountFen = 0;
    PaymentStatus status = PaymentStatus::Pending;
    QDateTime expiresAt;
    QString qrContent; // wechat / alipay
    std::optional<TransferInstructions> transfer; // corporate_transfer
    friend bool operator==(const Payment&, const Payment&) = default;
};

// GET /applications/{id}/payments/{payment_id}; also the answer of the staff confirmation and the sandbox
// completion (only `status` is required there).
struct PaymentProgress
{
    PaymentStatus status = PaymentStatus::Pending;
    QDateTime paidAt; // invalid unless paid
    friend bool operator==(const PaymentProgress&, const PaymentProgress&) = default;
};

// GET /applications/{id}/invoice
struct Invoice
{
    bool issued = false; // "status": "issued" | "none"
    QString number;
    QString url;
    QString sentToMobile; // masked or not, as the service sends it; never logged
    QString sentToEmail;
    friend bool operator==(const Invoice&, const Invoice&) = default;
};

// GET /config
struct ServiceConfig
{
    qint64 maxDocumentBytes = 5 * 1024 * 1024;
    QStringList acceptedTypes;
    QJsonObject fees; // as sent; its keys are not part of the contract
    QJsonObject contact;
    friend bool operator==(const ServiceConfig&, const ServiceConfig&) = default;
};

// GET /agreement: the service agreement as the CA publishes it; `sample` when the service serves its built-in
// sample text (to be marked as such).
struct AgreementText
{
    QString version;
    QString title;
    QString html;
    QString sha256;
    bool sample = false;
    friend bool operator==(const AgreementText&, const AgreementText&) = default;
};

// GET /banks
struct Bank
{
    QString code;
    QString name;
    friend bool operator==(const Bank&, const Bank&) = default;
};

// GET /ca/certificates: the PEM chain as sent, and each certificate as DER (root last or first, as sent).
struct CaCertificates
{
    QByteArray pem;
    QList<QByteArray> der;
    friend bool operator==(const CaCertificates&, const CaCertificates&) = default;
};

// Raw bytes with their type: GET /ca/crl (DER), GET /staff/applications/{id}/documents/{kind}.
struct BinaryContent
{
    QByteArray bytes;
    QString contentType;
    friend bool operator==(const BinaryContent&, const BinaryContent&) = default;
};

// POST /staff/sessions
struct StaffSession
{
    QString token; // secret: never logged
    QStringList roles; // "counter", "reviewer"
    QDateTime expiresAt;
    friend bool operator==(const StaffSession&, const StaffSession&) = default;
};

// POST /applicant/otp: when the SMS code stops working and when another may be asked for.
struct ApplicantCode
{
    QDateTime expiresAt;
    QDateTime resendAfter;
    friend bool operator==(const ApplicantCode&, const ApplicantCode&) = default;
};

// POST /applications/{id}/receipt/challenge: 32 random bytes the new UKey's signing key signs to prove that
// the mailed UKey arrived.
struct ReceiptChallenge
{
    QByteArray challenge;
    QDateTime expiresAt;
    friend bool operator==(const ReceiptChallenge&, const ReceiptChallenge&) = default;
};

// POST /applicant/sessions: the applicant token (个人中心). It opens /applications/{id}/... of the
// applications of that mobile like their access tokens, so it is passed wherever an access token is.
struct ApplicantSession
{
    QString token; // secret: never logged or stored on disk
    QDateTime expiresAt;
    friend bool operator==(const ApplicantSession&, const ApplicantSession&) = default;
};

// One item of GET /staff/applications (the review queue) or GET /applicant/applications.
struct ApplicationSummary
{
    QString id;
    QString orderNo;
    ApplicationStatus status = ApplicationStatus::Draft;
    CertificateCategory category = CertificateCategory::Institution;
    QString holder; // organisation or person name (staff see it unmasked)
    QString serial;
    int years = 0;
    Fen totalFen = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    QString mobile; // the agent's (applicant's) mobile; staff answers only (a certdesk-server addition)
    friend bool operator==(const ApplicationSummary&, const ApplicationSummary&) = default;
};

// A payment as listed in the staff view (its id is what POST /staff/payments/{id}/confirm needs).
struct PaymentRecord
{
    QString paymentId;
    QString orderNo;
    std::optional<PaymentMethod> method;
    Fen amountFen = 0;
    PaymentStatus status = PaymentStatus::Pending;
    QDateTime expiresAt;
    QDateTime paidAt;
    friend bool operator==(const PaymentRecord&, const PaymentRecord&) = default;
};

// An issuance as listed in the staff view.
struct IssuanceRecord
{
    QString issuanceId;
    QString status; // as the service says ("issued", "confirmed", "revoked", ...)
    QString signingSerial;
    QString encryptionSerial;
    QDateTime notBefore;
    QDateTime notAfter;
    QDateTime confirmedAt;
    QString tokenSerial;
    QString tokenLabel;
    friend bool operator==(const IssuanceRecord&, const IssuanceRecord&) = default;
};

// GET /staff/applications/{id}: the application as the applicant sees it, plus what the counter needs. The
// lists are extensions of certdesk-server (docs/api.md); a service without them gives empty lists.
struct StaffApplicationView
{
    Application application;
    QList<StoredDocument> documents;
    QList<PaymentRecord> payments;
    QList<IssuanceRecord> issuances;
    // The old certificate's holder, unmasked for staff (`old_certificate`), and whether the form names
    // another holder (`holder_changed`): then approving needs accept_holder_change and the uploaded
    // holder_change_proof. Empty / false from a service without them.
    QString oldHolder;
    QString oldCredentialNumber;
    bool holderChanged = false;
    friend bool operator==(const StaffApplicationView&, const StaffApplicationView&) = default;
};

// 201 of POST /staff/applications/{id}/issuance
struct Issuance
{
    QString issuanceId;
    QByteArray signingCertificate; // DER
    QByteArray encryptionCertificate; // DER
    std::optional<QByteArray>
        signingKeyEnvelope; // GM/T 0009 SM2EnvelopedKey DER; nullopt when a CSR was sent
    QByteArray encryptionKeyEnvelope; // GM/T 0009 SM2EnvelopedKey DER
    QList<QByteArray> caChain; // DER
    QDateTime notBefore;
    QDateTime notAfter;
    friend bool operator==(const Issuance&, const Issuance&) = default;
};

// GET /api/v1/sandbox/outbox: one SMS or e-mail the sandbox "sent". The contract does not fix the item shape;
// the common keys are read and the whole object is kept.
struct OutboxMessage
{
    QString channel; // "sms" / "email"
    QString to;
    QString subject;
    QString body;
    QDateTime sentAt;
    QJsonObject raw;
    friend bool operator==(const OutboxMessage&, const OutboxMessage&) = default;
};

// POST /api/v1/sandbox/legacy-certificates; the listing (GET, a certdesk-server addition) also fills the
// descriptive fields.
struct LegacyCertificate
{
    QString serial;
    QByteArray certificate; // RSA certificate DER
    QByteArray privateKey; // PKCS#8 DER (sandbox test material only)
    std::optional<CertificateCategory> category;
    QString holder;
    QDateTime notAfter;
    bool renewable = false;
    QString note;
    friend bool operator==(const LegacyCertificate&, const LegacyCertificate&) = default;
};

// --- parsers (also used by the unit tests) ---

// The body as a JSON object / array, or a Parse error.
[[nodiscard]] ApiResult<QJsonObject> parseObject(const QByteArray& body);
[[nodiscard]] ApiResult<QJsonArray> parseArray(const QByteArray& body);

[[nodiscard]] ApiResult<Health> parseHealth(const QJsonObject& json);
[[nodiscard]] ApiResult<OldCertificateInfo> parseOldCertificate(const QJsonObject& json);
[[nodiscard]] ApiResult<CreatedApplication> parseCreatedApplication(const QJsonObject& json);
// GET /applications/{id} and the staff views: needs "id" and a known "status".
[[nodiscard]] ApiResult<Application> parseApplication(const QJsonObject& json);
// The review queue: a JSON array, or an object holding one under "applications" or "items".
[[nodiscard]] ApiResult<QList<ApplicationSummary>> parseApplicationSummaries(const QByteArray& body);
[[nodiscard]] ApiResult<StaffApplicationView> parseStaffApplication(const QJsonObject& json);
[[nodiscard]] ApiResult<StoredDocument> parseStoredDocument(const QJsonObject& json);
// A JSON array, or an object holding one under "documents" or "items".
[[nodiscard]] ApiResult<QList<StoredDocument>> parseStoredDocumentList(const QByteArray& body);
[[nodiscard]] ApiResult<LivenessSession> parseLivenessSession(const QJsonObject& json);
[[nodiscard]] ApiResult<LivenessResult> parseLivenessResult(const QJsonObject& json);
[[nodiscard]] ApiResult<Payment> parsePayment(const QJsonObject& json);
[[nodiscard]] ApiResult<PaymentProgress> parsePaymentProgress(const QJsonObject& json);
[[nodiscard]] ApiResult<Invoice> parseInvoice(const QJsonObject& json);
[[nodiscard]] ApiResult<ServiceConfig> parseServiceConfig(const QJsonObject& json);
[[nodiscard]] ApiResult<QList<Bank>> parseBanks(const QByteArray& body);
[[nodiscard]] ApiResult<AgreementText> parseAgreement(const QJsonObject& json);
// Splits a PEM bundle into DER certificates; a Parse error when there is none or a block is not base64.
[[nodiscard]] ApiResult<CaCertificates> parseCaCertificates(const QByteArray& pem);
[[nodiscard]] ApiResult<StaffSession> parseStaffSession(const QJsonObject& json);
[[nodiscard]] ApiResult<ApplicantCode> parseApplicantCode(const QJsonObject& json);
[[nodiscard]] ApiResult<ApplicantSession> parseApplicantSession(const QJsonObject& json);
[[nodiscard]] ApiResult<ReceiptChallenge> parseReceiptChallenge(const QJsonObject& json);
[[nodiscard]] ApiResult<Issuance> parseIssuance(const QJsonObject& json);
[[nodiscard]] ApiResult<QList<OutboxMessage>> parseOutbox(const QByteArray& body);
[[nodiscard]] ApiResult<LegacyCertificate> parseLegacyCertificate(const QJsonObject& json);
[[nodiscard]] ApiResult<QList<LegacyCertificate>> parseLegacyCertificates(const QByteArray& body);

} // namespace certdesk::api
