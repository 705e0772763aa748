#pragma once

#include "token/TokenStatus.h"
#include "token/TokenTypes.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QThread;

namespace certdesk::api {
class ApiClient;
class ApiReplyBase;
struct Issuance;
} // namespace certdesk::api

namespace certdesk::issuance {

struct ProgrammingRequest
{
    QString applicationId;
    QString modulePath; // PKCS#11 module file
    QString tokenLabel; // the NEW (blank) UKey, looked up by label (and serial when given)
    QString tokenSerial; // optional

    // --- optional ---
    // DER root certificates the issued chain must end in. Empty: the self-signed certificate of the service's
    // ca_chain is taken as the root (the chain is still checked for signatures, CA flags, validity and the
    // SM2 ID, but trust then rests on the TLS connection to the service).
    QList<QByteArray> trustedRoots;
    // The rollback journal file (RollbackJournal); empty: RollbackJournal::defaultPath().
    QString journalPath;
    // Vendor profile name to use instead of the matched one (settings override); empty: matched and probed.
    QString profileName;
};

namespace detail {
struct TokenSide;
struct RunState;
} // namespace detail

// The UKey programming job of the counter (DESIGN.md "Issuance protocol"): for an `approved`
// application, writes the new SM2 signing and encryption pairs with their certificates to a blank token and
// confirms to the service, after which the application is `issued` and the old certificate revoked.
//
// Steps: Connect (the application is approved; module loaded, token found, session opened) -> Login (one
// C_Login; leftovers of an earlier interrupted run on this token are removed) -> PrepareKeys (transport SM2
// key in memory; where the token's vendor profile can SM2-sign, the signing key is generated on the token and
// a PKCS#10 request is signed by the token, carrying the transport public key) -> RequestIssuance (POST
// /staff/applications/{id}/issuance) -> OpenEnvelopes (GM/T 0009 envelopes opened with the transport key,
// which is then wiped) -> WriteToken (token::TokenWriter: key objects and certificates) -> Verify (token
// public keys = certificate keys, a test signature where the token can sign, the chain with the SM2 ID)
// -> Confirm (POST .../confirm with the token's serial and label) -> Done.
//
// All or nothing: a failure or cancel at any step removes what this run put on the token (imported and
// on-token keys, certificates), and the application stays `approved`, so running the job again issues again
// (the service revokes the unconfirmed pair). When the token is pulled mid-write the objects that could not
// be removed are kept in the RollbackJournal and removed by the next run on that token after its login. If
// the service fails after the token was written but before the confirmation succeeded, the written objects
// are removed too: a token never holds an unconfirmed pair. (A confirmation whose answer was lost is checked
// with the service first: if it went through, the run succeeds.)
//
// Threads: the job lives in the thread that created it, like the ApiClient it calls. All token work
// (PKCS#11, which may block — a PIN-pad reader waits for the person) runs on one worker thread of the job,
// the session never leaving it. Key material lives in wiped buffers only as long as a step needs it.
class ProgrammingJob : public QObject
{
    Q_OBJECT

public:
    enum class Step
    {
        Connect,
        Login,
        PrepareKeys,
        RequestIssuance,
        OpenEnvelopes,
        WriteToken,
        Verify,
        Confirm,
        Done
    };
    Q_ENUM(Step)

    // What ended a run that did not succeed (for exit codes and logs; the message says it for people).
    enum class Failure
    {
        None, // succeeded, or not run yet
        Token, // the module or the token (finished()'s tokenStatus says which)
        Service, // the service refused or could not be reached (also: application not approved, no staff
                 // login)
        Certificates, // the service's answer did not pass the checks (envelope, key, chain)
        Local, // this PC: the rollback journal cannot be written
        Cancelled, // cancel()
    };
    Q_ENUM(Failure)

    // `api` must already hold a staff token with the counter role (ApiClient::staffLogin / setStaffToken),
    // live in this thread and outlive the job.
    ProgrammingJob(api::ApiClient* api, ProgrammingRequest request, QObject* parent = nullptr);
    // Cancels a running job and waits for the token thread to roll back and finish.
    ~ProgrammingJob() override;
    ProgrammingJob(const ProgrammingJob&) = delete;
    ProgrammingJob& operator=(const ProgrammingJob&) = delete;

    [[nodiscard]] const ProgrammingRequest& request() const { return m_request; }

    // Runs the whole protocol asynchronously; the PIN is used for C_Login once, then wiped; never stored,
    // logged or retried. Empty PIN on a PIN-pad token lets the reader ask. Ignored while running. May be
    // called again after finished() (a new run: it issues again).
    void start(const QString& pin);
    // Safe at any time; rolls back what this run wrote. Token work in progress finishes its current PKCS#11
    // call first. Once the confirmation has been sent it is no longer cancelled (the service may already have
    // revoked the old certificate); finished() then reports what happened.
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] static QString stepDescription(Step step); // translated, for the GUI step list

    // --- after finished() ---
    // The step that failed (Done after success).
    [[nodiscard]] Step lastStep() const { return m_step; }
    [[nodiscard]] Failure failure() const { return m_failure; }
    // Whether this run generated the signing key on the token and sent a CSR the token signed (vendor
    // profiles that can SM2-sign), rather than importing a key the service generated.
    [[nodiscard]] bool signingKeyGeneratedOnToken() const { return m_onTokenKey; }
    // Technical English for logs and support (which call failed, the CKR / HTTP code); never a PIN, key
    // material or personal data.
    [[nodiscard]] const QString& detail() const { return m_detail; }
    // The programmed token (serial, label), and the issuance confirmed for it; empty before success.
    [[nodiscard]] const token::TokenInfo& token() const { return m_token; }
    [[nodiscard]] const QString& issuanceId() const { return m_issuanceId; }
    // Milliseconds of token work in this run (module load to the end of verification), without the service
    // calls: what the 300 ms programming budget measures.
    [[nodiscard]] qint64 tokenMilliseconds() const { return m_tokenMs; }

Q_SIGNALS:
    void stepChanged(certdesk::issuance::ProgrammingJob::Step step);
    void progress(int percent);
    // ok: the token holds both pairs + certs, verified, and the service confirmed (application `issued`).
    // Otherwise `message` (translated) says what happened and what to do; `tokenStatus` when the token failed
    // (Cancelled after cancel(), Ok when the service or the certificates failed).
    void finished(bool ok, const QString& message, certdesk::token::TokenStatus tokenStatus);

private:
    void setStep(Step step, int percent);
    // Announces `step`; false when the job was cancelled meanwhile (the caller returns).
    [[nodiscard]] bool enterStep(Step step);
    void connectService();
    void connectToken();
    void login();
    void prepareKeys();
    void requestIssuance();
    void openEnvelopes(const api::Issuance& issuance);
    void writeToken();
    void confirm();
    void checkConfirmation(const QString& confirmDetail);
    void succeed();

    // Every failure ends here: rolls back on the token thread, updates the journal, closes the session, then
    // emits finished(false, ...).
    void fail(Failure kind, const QString& message, token::TokenStatus status, const QString& detail);
    void finish(bool ok, const QString& message, token::TokenStatus status);
    [[nodiscard]] bool cancelledNow();
    void wipePin();

    // Runs `task` on the token thread; `done` back on this thread unless this job is gone.
    template<class Task, class Done>
    void onTokenThread(Task task, Done done);

    api::ApiClient* m_api;
    ProgrammingRequest m_request;
    QThread* m_thread = nullptr;
    QObject* m_threadContext = nullptr; // lives in m_thread
    std::shared_ptr<detail::TokenSide> m_side; // touched on m_thread only (after creation)
    std::unique_ptr<detail::RunState> m_run;
    QPointer<api::ApiReplyBase> m_reply;
    QString m_pin;
    bool m_running = false;
    bool m_cancelRequested = false;
    bool m_confirmSent = false;
    Step m_step = Step::Connect;
    Failure m_failure = Failure::None;
    bool m_onTokenKey = false;
    QString m_detail;
    token::TokenInfo m_token;
    QString m_issuanceId;
    qint64 m_tokenMs = 0;
};

} // namespace certdesk::issuance
