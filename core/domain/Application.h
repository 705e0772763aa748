#pragma once

#include "domain/Category.h"
#include "domain/Checklist.h"
#include "domain/Fees.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace certdesk {

// A person on the form: the agent (经办人) of an institution or the natural-person applicant (申请人).
struct Person
{
    QString name; // 姓名
    QString idNumber; // 身份证号码 (GB 11643)
    QString mobile; // 移动电话, real-name registered to idNumber
    QString email; // 常用联系邮箱
    friend bool operator==(const Person&, const Person&) = default;
};

struct Organization
{
    QString name; // 机构名称
    QString credentialNumber; // 机构证件号码: unified social credit code (GB 32100)
    QString address; // 单位地址
    friend bool operator==(const Organization&, const Organization&) = default;
};

// 金融认证信息: the organisation's basic account.
struct BankAccount
{
    QString accountName; // 基本户名称
    QString bankCode; // 基本户开户行, code from GET /banks
    QString bankName; // display name of bankCode (client side only, not sent)
    QString accountNumber; // 基本户账号
    friend bool operator==(const BankAccount&, const BankAccount&) = default;
};

// 邮寄信息: GB/T 2260 codes that must nest, and the street address.
struct Mailing
{
    QString provinceCode;
    QString cityCode;
    QString countyCode;
    QString address; // 收件地址
    friend bool operator==(const Mailing&, const Mailing&) = default;
};

enum class InvoiceKind
{
    None,
    Electronic
}; // 无需发票 / 电子发票

// Proof of possession of the old certificate: the old key's RSA PKCS#1 v1.5 SHA-256 signature over the lookup
// challenge bytes.
struct PossessionProof
{
    QByteArray challenge; // decoded bytes
    QByteArray certificate; // old certificate DER
    QByteArray signature;
    friend bool operator==(const PossessionProof&, const PossessionProof&) = default;
};

struct Acknowledgements
{
    bool agreement = false; // 服务协议
    bool oldCertificateRevocation = false; // 原证书将注销, 标书无法解密
    QDateTime acknowledgedAt; // when both were ticked (UTC), stored with the application
    // The version of the agreement text that was shown and accepted (GET /agreement); empty when the client
    // did not say.
    QString agreementVersion;
    friend bool operator==(const Acknowledgements&, const Acknowledgements&) = default;
};

// What the service said about the old certificate (POST /certificates/lookup).
struct OldCertificateInfo
{
    QString serial;
    CertificateCategory category = CertificateCategory::Institution;
    QString holderMasked;
    QString algorithm;
    QDateTime notAfter;
    QString status; // valid / expired / revoked
    bool renewable = false;
    QString reason; // why not renewable
    Fen feePerYearFen = 0;
    Fen expressFen = 0;
    int maxYears = 0;
    QDateTime newValidityStart;
    QByteArray challenge;
    QDateTime challengeExpiresAt;

    [[nodiscard]] static OldCertificateInfo fromJson(const QJsonObject& json);
    [[nodiscard]] QJsonObject toJson() const;
    friend bool operator==(const OldCertificateInfo&, const OldCertificateInfo&) = default;
};

// The one typed value the wizard edits, the draft store persists and the API client sends. Fields that only
// apply to one category are kept (not cleared) when the category changes, so switching back loses nothing;
// the API body includes only the ones that apply.
struct Application
{
    // --- form (the API request body) ---
    QString serial; // 证书序列号, normalised upper-case hex
    CertificateCategory category = CertificateCategory::Institution;
    int years = 1; // 续期年限
    Acknowledgements acknowledgements;
    Organization organization;
    Person agent;
    Person applicant;
    BankAccount bank;
    Mailing mailing;
    InvoiceKind invoice = InvoiceKind::None;
    std::optional<PossessionProof> proof;

    // --- known from the service ---
    std::optional<OldCertificateInfo> oldCertificate;
    QString id;
    QString orderNo;
    ApplicationStatus status = ApplicationStatus::Draft;
    Fees fees;
    bool holderVerified = false;
    // The holder on the form (name, credential number) differs from the old certificate's (`holder_changed`):
    // the CA then needs the document holder_change_proof before approving.
    bool holderChanged = false;
    Checklist checklist;
    QList<RejectionReason> rejection;
    std::optional<Shipment> shipment;
    std::optional<ConfirmedIssuance> issuance;
    QList<TimelineEntry> timeline;

    // The person who must pass liveness and whose name goes on the letter: agent or applicant.
    [[nodiscard]] const Person& responsiblePerson() const;
    [[nodiscard]] Person& responsiblePerson();

    // Fees for the current years from the looked-up old certificate (zero before lookup).
    [[nodiscard]] Fees expectedFees() const;

    // API request body of POST/PUT /applications. Carries `lookup_challenge` (lookupChallenge()) when there
    // is one.
    [[nodiscard]] QJsonObject toApiBody() const;
    // The challenge of the lookup of this application's serial (oldCertificate), which the service's telecom
    // real-name check is answered under; empty when the serial was not looked up or was changed since.
    [[nodiscard]] QByteArray lookupChallenge() const;
    // Reads a request body (server side) or a GET /applications/{id} answer (client side). Unknown keys are
    // ignored; wrong JSON types leave the field empty (validation then reports it).
    [[nodiscard]] static Application fromApiJson(const QJsonObject& json);

    // Everything, for the local draft store (includes client-only fields such as bank name and lookup
    // result).
    [[nodiscard]] QJsonObject toDraftJson() const;
    [[nodiscard]] static Application fromDraftJson(const QJsonObject& json);

    friend bool operator==(const Application&, const Application&) = default;
};

[[nodiscard]] QString invoiceKindToApi(InvoiceKind kind);
[[nodiscard]] std::optional<InvoiceKind> invoiceKindFromApi(const QString& value);

// Upper-case hex without separators; empty when the input has anything but hex digits, colons and spaces.
[[nodiscard]] QString normalizeSerial(const QString& input);

} // namespace certdesk
