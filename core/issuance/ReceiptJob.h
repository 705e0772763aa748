#pragma once

#include "domain/Application.h"
#include "token/TokenStatus.h"
#include "token/TokenTypes.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace certdesk::api {
class ApiClient;
struct ApiError;
} // namespace certdesk::api

namespace certdesk::issuance {

// 我已收到 UKey: the applicant's side of a mailed UKey (`shipped` -> `completed`).
//
// findToken(): reads the application (its confirmed issuance: the two certificates the counter wrote) and the
// CA chain from the service, then searches every token of the given PKCS#11 modules for one holding both
// certificates byte for byte, whose public key objects are the certificates' keys, and checks both
// certificates up to the CA's root with the SM2 ID 1234567812345678 (pki::verifyCertificateChain).
//
// complete(initialPin, newPin): checks the new PIN against the rule (core/domain/PinRules), asks the service
// for a receipt challenge, changes the user PIN on the token (C_SetPIN: the initial PIN from the SMS, then
// the applicant's own), signs the challenge with the new signing key where the token's vendor profile can
// sign SM2 (verified in software by TokenSession::signSm2), and sends the receipt. Without an SM2-signing
// token (SoftHSM) the receipt carries the token serial only and the service wants the applicant session (SMS
// sign-in) as the bearer. Then the application is `completed`.
//
// Threads: the job lives in the thread that created it (with its ApiClient). Every PKCS#11 call runs on a
// thread of its own per step, never on the creating thread; a module that hangs keeps that thread, not the
// window: a job destroyed meanwhile just drops the late answer (nothing waits for it).
//
// PINs are used for the one C_SetPIN and C_Login, wiped afterwards, never stored, logged or retried.
class ReceiptJob : public QObject
{
    Q_OBJECT

public:
    enum class Step
    {
        Idle,
        FindToken, // service: application and CA chain; token: search and checks
        Found, // waiting for the PINs
        ChangePin,
        ProveReceipt,
        Done,
    };
    Q_ENUM(Step)

    enum class Failure
    {
        None,
        Service, // the service refused or could not be reached (message says which)
        NotShipped, // the application is not `shipped` (already received, or not sent yet)
        NoToken, // no token with certificates in any module
        OtherToken, // tokens found, none holds this order's certificates
        Chain, // the certificates do not chain to the CA with the SM2 ID, or keys do not match
        Token, // the token failed (tokenStatus says which: wrong initial PIN, locked, removed, ...)
        NewPin, // the new PIN breaks the rule or equals the initial one
    };
    Q_ENUM(Failure)

    // `bearer`: the application's access token or the applicant token (个人中心). `modulePaths`: PKCS#11
    // modules to search, most likely first. `api` must outlive the job and live in this thread.
    ReceiptJob(api::ApiClient* api, QString applicationId, QString bearer, QStringList modulePaths,
        QObject* parent = nullptr);
    ~ReceiptJob() override;
    ReceiptJob(const ReceiptJob&) = delete;
    ReceiptJob& operator=(const ReceiptJob&) = delete;

    // DER roots the certificates must chain to. Empty (default): the self-signed certificate of the service's
    // GET /ca/certificates, so trust rests on the connection to the service.
    void setTrustedRoots(const QList<QByteArray>& roots) { m_trustedRoots = roots; }

    void findToken();
    void complete(QString initialPin, QString newPin);

    [[nodiscard]] Step step() const { return m_step; }
    [[nodiscard]] bool isBusy() const { return m_busy; }
    // After found(): the token, and whether it signs the receipt (else the applicant session is needed).
    [[nodiscard]] const token::TokenInfo& token() const { return m_token; }
    [[nodiscard]] bool signsOnToken() const { return m_signsOnToken; }
    [[nodiscard]] const std::optional<ConfirmedIssuance>& issuance() const { return m_issuance; }
    [[nodiscard]] const QString& orderNo() const { return m_orderNo; }
    // Technical English for logs (CKR names, HTTP codes); never a PIN or personal data.
    [[nodiscard]] const QString& detail() const { return m_detail; }
    // Whether the PIN on the token was changed by complete(): after a later failure (the receipt call),
    // the next complete() must be given the new PIN as the initial one.
    [[nodiscard]] bool pinChanged() const { return m_pinChanged; }

Q_SIGNALS:
    void stepChanged(certdesk::issuance::ReceiptJob::Step step);
    // The UKey of this order is inserted and checked.
    void found(const certdesk::token::TokenInfo& token, bool signsOnToken);
    // The application is `completed`.
    void completed(const certdesk::Application& application);
    // `message` is translated and says what to do; `tokenStatus` for Failure::Token.
    void failed(certdesk::issuance::ReceiptJob::Failure failure, const QString& message,
        certdesk::token::TokenStatus tokenStatus);

private:
    struct Search;
    void setStep(Step step);
    void fail(Failure failure, const QString& message, token::TokenStatus status = token::TokenStatus::Ok,
        const QString& detail = {});
    void failService(const api::ApiError& error);
    void searchTokens(const QList<QByteArray>& chain);
    void sendReceipt(const QByteArray& challenge, const QByteArray& signature);
    // Runs `task` on a new detached thread and `done(result)` back on this job's thread if the job still
    // exists then.
    template<class Task, class Done>
    void offThread(Task task, Done done);

    api::ApiClient* m_api;
    QString m_applicationId;
    QString m_bearer;
    QStringList m_modulePaths;
    QList<QByteArray> m_trustedRoots;
    Step m_step = Step::Idle;
    bool m_busy = false;
    bool m_pinChanged = false;
    bool m_signsOnToken = false;
    QString m_orderNo;
    std::optional<ConfirmedIssuance> m_issuance;
    token::TokenInfo m_token;
    QByteArray m_signingId; // CKA_ID of the signing certificate on the token
    QString m_detail;
};

} // namespace certdesk::issuance
