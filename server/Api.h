#pragma once

#include "AgreementDocument.h"
#include "CertificateServices.h"
#include "Database.h"
#include "DocumentStore.h"
#include "Http.h"
#include "RateLimiter.h"
#include "ReferenceData.h"
#include "Secrets.h"
#include "ServiceOptions.h"
#include "providers/Providers.h"

#include "domain/Application.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace certdesk::server {

// The HTTP API of ../shared/API.md: every route and the rules behind it. One instance per running Service;
// all members are safe to call from the worker threads at once (state lives in the database, the rest is
// immutable or internally locked).
class Api
{
public:
    Api(Database& database, DocumentStore& documents, const ReferenceData& reference,
        const ServiceOptions& options, const QString& dataDir, bool tls);
    ~Api();
    Api(const Api&) = delete;
    Api& operator=(const Api&) = delete;

    // Loads or creates the CA material and, in sandbox mode, seeds the demo data. Throws on failure.
    void prepare();
    void registerRoutes(Router& router);
    // Called after a revocation of an old certificate was queued for the CA's own system (the service does
    // not hold the legacy CA's key): the webhook delivers it.
    void setRevocationQueued(std::function<void()> listener) { m_revocationQueued = std::move(listener); }
    // Whether the service holds the legacy CA's key (then it publishes the legacy CRL itself).
    [[nodiscard]] bool holdsLegacyCaKey() const;

    // An upload's authorization, checked from its head alone (Expect: 100-continue): throws the ApiError the
    // upload would get (401 without a token, 404 for a token that does not open the application).
    void authorizeUpload(const Context& ctx) const;

    // Largest accepted body of a route (JSON or a document upload).
    [[nodiscard]] qint64 bodyLimit(const std::string& method, const std::string& path) const;

    // Thrown when a concurrent request with the same Idempotency-Key committed first: the dispatcher replays.
    struct ReplayNeeded
    {
    };
    // Replays the stored reply of ctx's Idempotency-Key, if any (409 when the key was used with another
    // body).
    bool replay(Context& ctx);

    static constexpr qint64 kMaxJsonBytes = 1024 * 1024;
    // An OCSP request for a handful of certificates is a few hundred bytes.
    static constexpr qint64 kMaxOcspRequestBytes = 64 * 1024;
    // Refused bodies are read and dropped up to this size so the client can read the answer; beyond it the
    // connection is closed.
    static constexpr qint64 kDiscardCap = qint64(1) << 30;

    // Pure functions of what a client sent (no state, no database); public so that fuzz/ reaches them.
    // The wrong JSON types of a POST/PUT /applications body, each with its API field path.
    [[nodiscard]] static FieldErrors typeErrors(const QJsonObject& body);
    // A certificate serial as stored: upper-case hex without separators, or empty when it is not one.
    [[nodiscard]] static QString canonicalSerial(const QString& input);

private:
    // ---- rows ----
    struct LegacyRow
    {
        QString serial;
        CertificateCategory category = CertificateCategory::Institution;
        QString holder;
        QString credentialNumber;
        QString algorithm;
        QDateTime notBefore;
        QDateTime notAfter;
        bool revoked = false;
        QByteArray certificate;
    };
    struct Renewal
    {
        bool renewable = false;
        QString reason;
        QString status; // valid / expired / revoked
        QDateTime newValidityStart;
    };
    struct AppRow
    {
        QString id;
        QString orderNo;
        QString tokenHash;
        QString serial;
        CertificateCategory category = CertificateCategory::Institution;
        ApplicationStatus status = ApplicationStatus::Draft;
        QJsonObject formJson;
        Application form;
        Fen feePerYear = 0;
        Fees fees;
        bool holderVerified = false;
        LivenessState liveness = LivenessState::Pending;
        QString livenessReason;
        bool paid = false;
        QJsonObject rejection; // empty when none
        std::optional<Shipment> shipment;
        QString newValidityStart;
        QString acknowledgedAt;
        QString createdAt;
        QString updatedAt;
    };
    struct StaffPrincipal
    {
        QString username;
        QStringList roles;
    };
    struct PaymentRow
    {
        QString id;
        QString applicationId;
        QString orderNo;
        QString method;
        Fen amountFen = 0;
        QString status;
        QString reference;
        QString createdAt;
        QString expiresAt;
        QString paidAt;
    };

    // ---- handlers ----
    void health(Context& ctx);
    void ready(Context& ctx);
    void config(Context& ctx);
    void banks(Context& ctx);
    void agreement(Context& ctx);
    void lookup(Context& ctx);
    void createApplication(Context& ctx);
    void getApplication(Context& ctx);
    void putApplication(Context& ctx);
    void resubmit(Context& ctx);
    void putDocument(Context& ctx);
    void listDocuments(Context& ctx);
    void startLiveness(Context& ctx);
    void getLiveness(Context& ctx);
    void createPayment(Context& ctx);
    void getPayment(Context& ctx);
    void getInvoice(Context& ctx);
    void invoicePage(Context& ctx);
    void staffLogin(Context& ctx);
    void staffList(Context& ctx);
    void staffGet(Context& ctx);
    void staffDocument(Context& ctx);
    void approve(Context& ctx);
    void reject(Context& ctx);
    void confirmPayment(Context& ctx);
    void ship(Context& ctx);
    void handover(Context& ctx);
    void caCertificates(Context& ctx);
    void caCrl(Context& ctx);
    void caLegacyCrl(Context& ctx);
    void caLegacyCertificate(Context& ctx);
    // POST /ocsp and GET /ocsp/{base64 request} (ApiOcsp.cpp).
    void ocsp(Context& ctx);
    void issue(Context& ctx);
    void confirmIssuance(Context& ctx);
    void sandboxLivenessPage(Context& ctx);
    void sandboxLivenessSubmit(Context& ctx);
    void sandboxPayPage(Context& ctx);
    void sandboxPayComplete(Context& ctx);
    void sandboxOutbox(Context& ctx);
    void sandboxMintLegacy(Context& ctx);
    void sandboxListLegacy(Context& ctx);
    void sandboxIndex(Context& ctx);
    // the applicant's own centre (ApiApplicant.cpp)
    void applicantOtp(Context& ctx);
    void applicantSignIn(Context& ctx);
    void applicantApplications(Context& ctx);
    void applicantSignOut(Context& ctx);
    // provider notifications and the provider-backed steps (ApiProviders.cpp)
    void paymentNotification(Context& ctx);
    void livenessNotification(Context& ctx);
    struct ProviderOrder
    {
        QString paymentId;
        QString applicationId;
        QString method;
        Fen amountFen = 0;
        QString orderNo;
        QDateTime expiresAt;
        bool reused = false; // a pending order of this method that already has its QR
        QStringList toClose; // earlier pending orders of the application at a provider
    };
    struct ProviderLiveness
    {
        QString sessionId;
        QString name;
        QString idNumber;
        QDateTime expiresAt;
    };
    // Inside createPayment's transaction: reuses a pending order of `method` or inserts a new payment row.
    [[nodiscard]] ProviderOrder beginProviderPayment(
        WriteTransaction& tx, const AppRow& app, const QString& method) const;
    // After it: closes the older orders, asks the provider for the QR, stores and sends the reply.
    void finishProviderPayment(Context& ctx, const ProviderOrder& order);
    void finishProviderLiveness(Context& ctx, const ProviderLiveness& started);
    // Asks the provider about a pending order (late notification) or closes an expired one; true when the
    // payment row changed.
    bool refreshProviderPayment(const PaymentRow& payment, const QString& base);
    void refreshProviderLiveness(const Context& ctx);
    // Applies a verified provider result to a payment inside `tx`; false (and an audit row) when the order,
    // method or amount does not match. `source` names the notification or query for the audit trail.
    bool applyProviderPayment(const QSqlDatabase& db, const providers::PaymentProvider& provider,
        const QString& outTradeNo, Fen amountFen, const QString& transactionId, const QString& source,
        const QString& base, QString* reason);
    void applyLivenessResult(const QSqlDatabase& db, const QString& sessionId, const QString& result,
        const QString& providerReason, const QString& actor);
    [[nodiscard]] static QString personHash(const QString& name, const QString& idNumber);
    [[nodiscard]] static QString methodDisplayName(const QString& method);
    // The providers' background work, while any provider is real: sends queued outbox SMS through the SMS
    // provider (with backoff) and closes expired orders at the payment providers nobody polled.
    void providerLoop();
    void sendQueuedSms();
    void closeExpiredOrders();
    // the mailed UKey's receipt (ApiReceipt.cpp)
    void receiptChallenge(Context& ctx);
    void receipt(Context& ctx);

    // ---- helpers ----
    [[nodiscard]] static QString now();
    [[nodiscard]] static QString iso(const QDateTime& time);
    [[nodiscard]] static QDateTime parseTime(const QString& text);
    [[nodiscard]] QString baseUrl(const Context& ctx) const;

    [[nodiscard]] std::optional<LegacyRow> findLegacy(const QSqlDatabase& db, const QString& serial) const;
    [[nodiscard]] Renewal evaluate(const LegacyRow& legacy, const QDateTime& now) const;
    [[nodiscard]] std::optional<AppRow> loadApp(const QSqlDatabase& db, const QString& id) const;
    // The row at the statement's current result, its columns in kAppColumns' order (ApiApplications.cpp).
    // From a StatementLease or NativeRows positioned on a row of kAppColumns (ApiApplications.cpp).
    template<typename Rows>
    [[nodiscard]] static AppRow appRowFrom(const Rows& q);
    // What the applicant's view of an application shows besides its row: the kinds of the uploaded
    // documents and the timeline.
    struct AppExtras
    {
        QStringList documentKinds;
        QJsonArray timeline;
        // The old certificate's holder and credential number (holder_changed); none when it is not listed.
        std::optional<std::pair<QString, QString>> oldHolder;
    };
    struct AppView
    {
        AppRow row;
        AppExtras extras;
    };
    // The row, its document kinds and its timeline in one statement: one snapshot on both engines without a
    // transaction, one round trip to PostgreSQL, down the pipelined connection (Database::read(); GET
    // /applications/{id}, the hottest read).
    [[nodiscard]] std::optional<AppView> loadAppView(const QString& id) const;
    [[nodiscard]] static AppView viewFrom(NativeRows& q);
    // The application of the {id} path parameter opened by the Bearer access token or by an applicant session
    // of its agent's (applicant's) mobile: 401 without a token, 404 when the application does not exist or
    // the token opens other applications only.
    [[nodiscard]] AppRow authorizeApplicant(const Context& ctx, const QSqlDatabase& db) const;
    // The mobile number of a live applicant session (个人中心), empty when the token is none.
    [[nodiscard]] QString applicantMobile(const QSqlDatabase& db, const QString& token) const;
    // Whether `mobile` is the application's agent (institutions) or natural-person applicant mobile.
    [[nodiscard]] static bool belongsTo(const AppRow& app, const QString& mobile);
    [[nodiscard]] QStringList applicationIdsOfMobile(const QSqlDatabase& db, const QString& mobile) const;
    [[nodiscard]] StaffPrincipal requireStaff(const Context& ctx, const QString& role = {}) const;
    [[nodiscard]] AppRow requireApp(const QSqlDatabase& db, const QString& id) const;

    [[nodiscard]] Checklist checklistOf(const QSqlDatabase& db, const AppRow& app) const;
    [[nodiscard]] static Checklist checklistFrom(const AppRow& app, const QStringList& documentKinds);
    // `extras`, when given, were read with `app` (loadAppView) and are not read again.
    [[nodiscard]] QJsonObject applicationJson(
        const QSqlDatabase& db, const AppRow& app, bool staffView, const AppExtras* extras = nullptr) const;
    // Whether the form's holder (organisation or natural person: name, credential number) differs from the
    // old certificate's, so that approving needs accept_holder_change (../shared/API.md, "Operations").
    [[nodiscard]] bool holderChanged(const QSqlDatabase& db, const AppRow& app) const;
    [[nodiscard]] static bool holderDiffers(
        const AppRow& app, const QString& oldHolder, const QString& oldCredentialNumber);
    [[nodiscard]] QJsonArray documentsJson(const QSqlDatabase& db, const QString& appId) const;
    [[nodiscard]] std::optional<PaymentRow> loadPayment(const QSqlDatabase& db, const QString& id) const;
    [[nodiscard]] QJsonObject paymentJson(const PaymentRow& payment) const;

    // Validation of a POST/PUT body: wrong JSON types, the shared validators, then what needs server data.
    struct Validated
    {
        Application app;
        LegacyRow legacy;
        Renewal renewal;
        bool holderVerified = false;
        bool proofGiven = false;
        QString proofChallenge;
    };
    // `clientAddress` and `application` (PUT: the application being changed, else null) decide which lookup
    // the telecom real-name check is answered under (see realnameScope()).
    [[nodiscard]] Validated validateBody(const QSqlDatabase& db, const QJsonObject& body,
        const QString& clientAddress, const AppRow* application = nullptr) const;
    // The telecom real-name check is no free "does this mobile belong to this ID number" oracle: it answers
    // only under a lookup of the certificate by this client — the `lookup_challenge` (or `proof.challenge`)
    // the lookup returned, else this address's latest lookup of the serial within a day — or, for a change of
    // an application, under that application; each allows kRealnamePairs different (mobile, ID number) pairs.
    // Empty when there is no such lookup.
    [[nodiscard]] QString realnameScope(const QSqlDatabase& db, const QString& serial,
        const QJsonObject& body, const QString& clientAddress, const AppRow* application) const;
    // Records the pair under `scope`; false when the scope has had kRealnamePairs other pairs already.
    [[nodiscard]] bool spendRealnameCheck(
        const QString& scope, const QString& mobile, const QString& idNumber) const;
    static constexpr int kRealnamePairs = 5;
    [[nodiscard]] bool verifyProof(
        const QSqlDatabase& db, const Application& app, const LegacyRow& legacy) const;
    [[nodiscard]] static QJsonObject storedForm(const Application& app);

    void changeStatus(const QSqlDatabase& db, const QString& appId, ApplicationStatus to, const QString& note,
        const QString& actor) const;
    void addTimeline(const QSqlDatabase& db, const QString& appId, ApplicationStatus status,
        const QString& note, const QString& actor) const;
    void notify(const QSqlDatabase& db, const QString& appId, const QString& channel, const QString& to,
        const QString& subject, const QString& body) const;
    // An SMS carrying a secret (the initial PIN of a mailed UKey): kept nowhere but the sandbox outbox.
    // Outside the sandbox it goes to the SMS provider at once, from memory (503 when the provider does not
    // take it, 409 when no provider is configured), never through the outbox table (ApiReceipt.cpp).
    void sendSecretSms(const QSqlDatabase& db, const QString& appId, const QString& to, QString body) const;
    // The confirmed issuance of an application for the applicant's view (serials, validity, both
    // certificates), or an empty object when there is none (ApiReceipt.cpp).
    [[nodiscard]] QJsonObject confirmedIssuanceJson(const QSqlDatabase& db, const QString& appId) const;
    void markPaid(
        const QSqlDatabase& db, const PaymentRow& payment, const QString& actor, const QString& base) const;
    // Stores the reply under ctx's Idempotency-Key inside `tx`, commits, and sends it.
    void commitAndSend(WriteTransaction& tx, Context& ctx, int status, const QJsonObject& body);

    [[nodiscard]] QString renderTemplate(const QString& name, const QHash<QString, QString>& values) const;
    void seedSandbox();

    Database& m_db;
    DocumentStore& m_documents;
    const ReferenceData& m_reference;
    ServiceOptions m_options;
    AgreementDocument m_agreement; // loaded by prepare()
    QString m_dataDir;
    bool m_tls = false;
    RateLimiter m_lookupLimiter;
    RateLimiter m_applicationLimiter;
    RateLimiter m_applicationUpdateLimiter;
    secrets::SealingKey m_sealingKey;
    std::unique_ptr<CertificateServices> m_certificates;
    std::function<void()> m_revocationQueued;
    std::unique_ptr<providers::Providers> m_providers;
    std::thread m_smsThread;
    std::mutex m_smsMutex;
    mutable std::condition_variable m_smsWake;
    std::atomic<bool> m_stopping {false};
    // The CRL is remade only when the revocation list changed or it is an hour old, so the cRLNumber does not
    // race ahead with every download.
    std::atomic<qint64> m_lastIdempotencySweep {0};
    struct CrlCache
    {
        std::mutex mutex;
        QByteArray der;
        QString key;
        QDateTime madeAt;
    };
    CrlCache m_crl; // the SM2 issuing CA's (revocations of source "issued")
    CrlCache m_legacyCrl; // the legacy RSA CA's (revocations of source "legacy")
    // Serves the CRL of revocations of `source` from `cache`, made by `make` when stale.
    void sendCrl(Context& ctx, const QString& source, CrlCache& cache,
        const std::function<std::optional<QByteArray>(const QList<CertificateServices::Revoked>&)>& make);
};

} // namespace certdesk::server
