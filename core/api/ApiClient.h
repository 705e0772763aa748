#pragma once

#include "api/ApiReply.h"
#include "api/ApiTypes.h"
#include "domain/Application.h"
#include "domain/Checklist.h"

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QUrl>
#include <chrono>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace certdesk::api {

// Settings of one client. The defaults suit the applicant's PC; tests replace the retry scheduler and clock.
struct ApiClientOptions
{
    // The service root, e.g. "https://counter.example.cn" or "http://127.0.0.1:8443"; "/api/v1" is appended.
    QUrl baseUrl;
    // A transfer that moves no data for this long fails with Kind::Timeout
    // (QNetworkRequest::setTransferTimeout: it measures inactivity, so a slow but moving upload is not cut
    // off).
    std::chrono::milliseconds transferTimeout {30000};
    // When not empty, TLS peers are verified against these CA certificates only (not the system store).
    QList<QSslCertificate> pinnedCaCertificates;
    RetryPolicy retry;
    // nullptr: a QTimer-based scheduler.
    std::shared_ptr<RetryScheduler> scheduler;
    // Used for HTTP-date Retry-After values; nullptr: the system clock.
    std::function<QDateTime()> clock;
};

// The one way CertDesk talks to the counter service (../shared/API.md). Asynchronous: every call returns an
// ApiReply<T>* at once (see ApiReplyBase for ownership); nothing blocks. Calls that are safe to repeat are
// retried on transient failures as RetryPolicy says; creating POSTs carry an Idempotency-Key, the same on
// each attempt. Lives in one thread (the one it was created in). Never logs URLs, bodies, tokens or personal
// data.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    explicit ApiClient(ApiClientOptions options, QObject* parent = nullptr);
    ~ApiClient() override;

    [[nodiscard]] const ApiClientOptions& options() const { return m_options; }
    void setOptions(ApiClientOptions options);

    // A new random Idempotency-Key (UUID). The wizard stores it with the draft before sending, so that a
    // client killed mid-request retries with the same key and the service answers with the first result.
    [[nodiscard]] static QString newIdempotencyKey();

    // URL of a sandbox HTML page ("/sandbox/liveness/{id}") on this service, for showing or opening.
    [[nodiscard]] QUrl serviceUrl(const QString& path) const;

    // --- health and reference data ---
    ApiReply<Health>* health();
    ApiReply<ServiceConfig>* config();
    // Banks whose name matches `keyword` (type 工商 to find 中国工商银行); at most `limit` (0: service
    // default).
    ApiReply<QList<Bank>>* banks(const QString& keyword, int limit = 20);
    // GET /agreement: the service agreement to show before the applicant accepts it.
    ApiReply<AgreementText>* agreement();
    ApiReply<CaCertificates>* caCertificates();
    // The SM2 issuing CA's CRL (the SM2 certificates it revoked).
    ApiReply<BinaryContent>* crl();
    // The legacy RSA CA's CRL (the old certificates revoked when their renewal was confirmed); the reply
    // fails with 404 when the service holds no legacy CA.
    ApiReply<BinaryContent>* legacyCrl();
    // GET /ca/legacy-certificate: the RSA CA that issued the old certificates, as DER (the service sends
    // PEM); fails with 404 when the service has no legacy CA.
    ApiReply<BinaryContent>* legacyCaCertificate();
    // POST /ocsp (outside /api/v1): a DER OCSPRequest in, the DER OCSPResponse out, unchecked; check it with
    // pki::verifyOcspResponse (core/pki/Ocsp.h).
    ApiReply<BinaryContent>* ocsp(const QByteArray& requestDer);

    // --- the old certificate ---
    // `serial` as typed: hex, case and colons/spaces do not matter.
    ApiReply<OldCertificateInfo>* lookupCertificate(const QString& serial);

    // --- applications (applicant) ---
    // An empty idempotencyKey gets a new one (see ApiReplyBase::idempotencyKey()). The body carries the
    // challenge of the application's lookup (Application::lookupChallenge()): the service's telecom real-name
    // check answers only under it (else 422 `serial: lookup_required`; look the certificate up again).
    ApiReply<CreatedApplication>* createApplication(
        const Application& application, const QString& idempotencyKey = {});
    ApiReply<Application>* getApplication(const QString& id, const QString& accessToken);
    // PUT: the same body as create; allowed in draft and rejected (409 otherwise). A lookup challenge proves
    // possession once: send `proof` only when freshly signed over a new challenge, else leave it empty (a
    // stale proof is a 422 on field "proof").
    ApiReply<Application>* updateApplication(
        const QString& id, const QString& accessToken, const Application& application);
    ApiReply<Application>* resubmit(const QString& id, const QString& accessToken);

    // --- documents ---
    // Raw bytes; `contentType` is one of API.md's accepted types. Progress through uploadProgress().
    ApiReply<StoredDocument>* uploadDocument(const QString& id, const QString& accessToken, DocumentKind kind,
        const QByteArray& bytes, const QString& contentType);
    ApiReply<QList<StoredDocument>>* documents(const QString& id, const QString& accessToken);

    // --- liveness ---
    // Creates a session: carries an Idempotency-Key (empty: a new one) so that a retry returns the same
    // session.
    ApiReply<LivenessSession>* startLiveness(
        const QString& id, const QString& accessToken, const QString& idempotencyKey = {});
    ApiReply<LivenessResult>* livenessStatus(const QString& id, const QString& accessToken);

    // --- payment and invoice ---
    ApiReply<Payment>* createPayment(const QString& id, const QString& accessToken, PaymentMethod method,
        const QString& idempotencyKey = {});
    ApiReply<PaymentProgress>* paymentStatus(
        const QString& id, const QString& accessToken, const QString& paymentId);
    ApiReply<Invoice>* invoice(const QString& id, const QString& accessToken);

    // --- the mailed UKey's receipt (`shipped` -> `completed`) ---
    // `bearer`: the access token, or the applicant token (needed when there is no signature).
    ApiReply<ReceiptChallenge>* receiptChallenge(const QString& id, const QString& bearer);
    // `signatureDer` empty: the token cannot sign SM2 here; the service then checks the applicant session and
    // the token serial. Otherwise the new signing key's SM2 signature (ID 1234567812345678) of the challenge.
    ApiReply<Application>* confirmReceipt(const QString& id, const QString& bearer,
        const QString& tokenSerial, const QByteArray& challenge, const QByteArray& signatureDer);

    // --- the applicant's own centre (个人中心) ---
    // Sends a 6-digit code by SMS to `mobile` (202 whether or not it has applications). 429 before
    // resendAfter or when too many were asked for: ApiError::retryAfter says how long to wait.
    ApiReply<ApplicantCode>* requestApplicantCode(const QString& mobile);
    // The code from the SMS → an applicant token (401 when wrong, expired or burnt after 5 wrong tries).
    ApiReply<ApplicantSession>* applicantSignIn(const QString& mobile, const QString& code);
    // The applications whose agent (natural-person applicant) mobile is the signed-in number.
    ApiReply<QList<ApplicationSummary>>* applicantApplications(const QString& applicantToken);
    // Ends the session on the service (204): the token is dead afterwards.
    ApiReply<NoContent>* applicantSignOut(const QString& applicantToken);

    // --- staff ---
    // On success the client keeps the token for the staff calls below (replacing any earlier one).
    ApiReply<StaffSession>* staffLogin(const QString& username, const QString& password);
    void setStaffToken(const QString& token) { m_staffToken = token; }
    void clearStaffToken() { m_staffToken.clear(); }
    [[nodiscard]] bool hasStaffToken() const { return !m_staffToken.isEmpty(); }

    // `status` filters ("in_review"); nullopt lists all.
    ApiReply<QList<ApplicationSummary>>* staffApplications(
        std::optional<ApplicationStatus> status = std::nullopt);
    // A walk-in's applications by order number or by the agent's (applicant's) mobile
    // (GET /staff/applications?q=, a certdesk-server addition).
    ApiReply<QList<ApplicationSummary>>* staffSearchApplications(const QString& orderNoOrMobile);
    ApiReply<StaffApplicationView>* staffApplication(const QString& id);
    ApiReply<BinaryContent>* staffDocument(const QString& id, DocumentKind kind);
    // acceptHolderChange: the reviewer checked the proof of a changed holder (`accept_holder_change`).
    ApiReply<Application>* approve(const QString& id, bool acceptHolderChange = false);
    ApiReply<Application>* reject(const QString& id, const QList<RejectionReason>& reasons);
    ApiReply<PaymentProgress>* confirmPayment(const QString& paymentId);
    // `csrDer` empty: the service generates the signing key too (and returns its envelope).
    ApiReply<Issuance>* issue(const QString& id, const QByteArray& transportPublicKeyDer,
        const QByteArray& csrDer, const QString& idempotencyKey = {});
    ApiReply<Application>* confirmIssuance(
        const QString& id, const QString& issuanceId, const QString& tokenSerial, const QString& tokenLabel);
    // `initialPin` (6–16 digits, may be empty): the mailed UKey's initial user PIN, which the service sends
    // to the applicant by SMS and keeps nowhere. The request is not retried (RequestSpec::repeatable false)
    // so the PIN crosses the network once per attempt the person makes.
    ApiReply<Application>* recordShipment(
        const QString& id, const QString& carrier, const QString& trackingNo, const QString& initialPin = {});
    ApiReply<Application>* handover(const QString& id);

    // --- sandbox (404 unless the service runs with --sandbox) ---
    ApiReply<LivenessResult>* sandboxLiveness(
        const QString& sessionId, const QString& name, const QString& idNumber, bool pass);
    ApiReply<PaymentProgress>* sandboxCompletePayment(const QString& paymentId);
    ApiReply<QList<OutboxMessage>>* sandboxOutbox();
    // The sandbox's old certificates (seeded and minted), for the training-mode serial picker.
    ApiReply<QList<LegacyCertificate>>* sandboxLegacyCertificates();
    ApiReply<LegacyCertificate>* sandboxMintLegacy(CertificateCategory category, const QString& holder,
        const QString& credentialNumber, const QDateTime& notAfter);

Q_SIGNALS:
    // A staff call was answered 401: the session expired; the GUI asks for the login again.
    void staffSessionExpired();

private:
    ApiReply<BinaryContent>* fetchCrl(const char* name, const QString& path);
    template<class T>
    ApiReply<T>* send(detail::RequestSpec spec, typename ApiReply<T>::Parser parser);
    template<class T>
    ApiReply<T>* sendJson(detail::RequestSpec spec, ApiResult<T> (*parse)(const QJsonObject&));
    [[nodiscard]] detail::RequestSpec staffRequest(
        const char* operation, const QByteArray& verb, const QString& path) const;
    void rebuildTransport();

    ApiClientOptions m_options;
    QNetworkAccessManager* m_manager = nullptr;
    std::shared_ptr<const detail::Transport> m_transport;
    QString m_staffToken;
};

} // namespace certdesk::api
