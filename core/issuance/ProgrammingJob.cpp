#include "issuance/ProgrammingJob.h"

#include "api/ApiClient.h"
#include "domain/CaContact.h"
#include "issuance/RollbackJournal.h"
#include "pki/CertificateChain.h"
#include "pki/CertificateInfo.h"
#include "pki/Csr.h"
#include "pki/Envelope.h"
#include "pki/Sm2Key.h"
#include "pki/Subject.h"
#include "token/ModuleLoader.h"
#include "token/TokenSession.h"
#include "token/TokenWriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <openssl/crypto.h>
#include <openssl/err.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <type_traits>

namespace certdesk::issuance {

using token::KeyPurpose;
using token::ObjectClass;
using token::ObjectRef;
using token::TokenStatus;

namespace {

// Percent shown when a step starts; WriteToken moves on to Verify as the writer reports progress.
int stepPercent(ProgrammingJob::Step step)
{
    switch (step) {
    case ProgrammingJob::Step::Connect:
        return 2;
    case ProgrammingJob::Step::Login:
        return 10;
    case ProgrammingJob::Step::PrepareKeys:
        return 20;
    case ProgrammingJob::Step::RequestIssuance:
        return 35;
    case ProgrammingJob::Step::OpenEnvelopes:
        return 50;
    case ProgrammingJob::Step::WriteToken:
        return 55;
    case ProgrammingJob::Step::Verify:
        return 85;
    case ProgrammingJob::Step::Confirm:
        return 92;
    case ProgrammingJob::Step::Done:
        return 100;
    }
    return 0;
}

// Overwrites a QString's characters in place (it must hold the only reference: QString::data() would
// otherwise detach and wipe a copy), then empties it.
void wipe(QString& text)
{
    if (!text.isEmpty() && !text.isDetached())
        text = QString(); // shared: the other owner keeps its copy; ours goes
    if (!text.isEmpty())
        std::fill(text.data(), text.data() + text.size(), QChar(u'\0'));
    text.clear();
}

QList<ObjectRef> keyRefs(const QByteArray& id)
{
    return {{ObjectClass::PrivateKey, id}, {ObjectClass::PublicKey, id}};
}

} // namespace

namespace detail {

// The token half of a job: owned jointly by the job and the tasks in flight, but its members other than
// `cancel` are touched on the token thread only (the job reads nothing from it until the thread has ended).
struct TokenSide
{
    std::atomic<bool> cancel {false};
    token::Pkcs11Module module;
    std::optional<token::TokenSession> session;
    QString pin; // handed over from the job right before the login task; wiped by TokenSession::login
    // Everything this run created, or may have created (recorded before each call: a token pulled during
    // C_CreateObject may or may not have kept the object). Rolled back on failure.
    QList<ObjectRef> written;
};

// One run's state on the job's thread.
struct RunState
{
    explicit RunState(const QString& journalPath)
        : journal(journalPath)
    { }

    RollbackJournal journal;
    QString journalKey; // known after Connect
    QList<ObjectRef> journaled; // what this run added to the journal
    pki::Subject subject;
    pki::Sm2Key transport; // private half until the envelopes are open
    bool onTokenKey = false; // the profile can generate and SM2-sign on the token
    QByteArray onTokenId;
    QByteArray onTokenPoint;
    QByteArray csr;
    QString idempotencyKey;
    QByteArray signingCertificate;
    QByteArray encryptionCertificate;
    QList<QByteArray> caChain;
    QList<token::Sm2PairToWrite> pairs; // key material between OpenEnvelopes and WriteToken only
    QElapsedTimer wall;
    qint64 serviceMs = 0;
    QElapsedTimer serviceTimer;
    bool finishing = false;
};

} // namespace detail

namespace {

// What a token task hands back to the job.
struct TokenOutcome
{
    TokenStatus status = TokenStatus::Ok;
    QString detail;
    QString message; // for non-token failures found on the token thread (certificate chain); empty otherwise
    token::TokenInfo info;
    bool onTokenKey = false;
    QByteArray point;
    QByteArray csr;
    bool rollbackPending = false;

    [[nodiscard]] bool ok() const { return status == TokenStatus::Ok && message.isEmpty(); }
    static TokenOutcome from(const token::TokenError& error)
    {
        TokenOutcome outcome;
        outcome.status = error.status;
        outcome.detail = error.detail;
        return outcome;
    }
};

// Root(s) and intermediates of a chain check: the pinned roots when the request names some, else the
// self-issued certificate(s) of the service's chain.
void splitChain(const QList<QByteArray>& chain, const QList<QByteArray>& pinnedRoots,
    QList<QByteArray>* roots, QList<QByteArray>* intermediates)
{
    for (const QByteArray& der : chain) {
        pki::PkiResult<pki::CertificateInfo> info = pki::CertificateInfo::parse(der);
        const bool selfIssued = info && info->subject == info->issuer;
        if (selfIssued && pinnedRoots.isEmpty())
            roots->append(der);
        else if (!selfIssued)
            intermediates->append(der);
    }
    if (!pinnedRoots.isEmpty())
        *roots = pinnedRoots;
}

} // namespace

ProgrammingJob::ProgrammingJob(api::ApiClient* api, ProgrammingRequest request, QObject* parent)
    : QObject(parent)
    , m_api(api)
    , m_request(std::move(request))
{ }

ProgrammingJob::~ProgrammingJob()
{
    if (m_reply) {
        // Its answer must not reach a job that is going away.
        QObject::disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
    }
    wipePin();
    if (!m_thread)
        return;
    // Last task on the token thread: roll back what a run cut short left, close the session (logout) there,
    // then end the thread. Waiting is bounded by the PKCS#11 call in progress.
    m_side->cancel = true;
    auto side = m_side;
    const bool running = m_running;
    QMetaObject::invokeMethod(
        m_threadContext,
        [side, running] {
            if (running && side->session && !side->written.isEmpty()
                && token::TokenWriter::rollback(*side->session, side->written))
                side->written.clear();
            side->session.reset();
            wipe(side->pin);
            // OpenSSL keeps per-thread state (the error queue that SoftHSM and libp11 fill); free it now
            // rather than in a thread-exit handler that may run after the process has started to exit.
            ERR_clear_error();
            OPENSSL_thread_stop();
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_thread->wait();
    if (running && m_run && !m_run->journalKey.isEmpty() && side->written.isEmpty())
        (void)m_run->journal.remove(m_run->journalKey, m_run->journaled);
    delete m_threadContext;
    delete m_thread;
}

QString ProgrammingJob::stepDescription(Step step)
{
    switch (step) {
    case Step::Connect:
        return QCoreApplication::translate("certdesk::Issuance", "Connect to the service and the UKey");
    case Step::Login:
        return QCoreApplication::translate("certdesk::Issuance", "Log in to the UKey with its PIN");
    case Step::PrepareKeys:
        return QCoreApplication::translate("certdesk::Issuance", "Prepare the keys");
    case Step::RequestIssuance:
        return QCoreApplication::translate("certdesk::Issuance", "Request the certificates from the CA");
    case Step::OpenEnvelopes:
        return QCoreApplication::translate("certdesk::Issuance", "Unpack the keys sent by the CA");
    case Step::WriteToken:
        return QCoreApplication::translate(
            "certdesk::Issuance", "Write the keys and certificates to the UKey");
    case Step::Verify:
        return QCoreApplication::translate("certdesk::Issuance", "Verify the UKey and the certificates");
    case Step::Confirm:
        return QCoreApplication::translate("certdesk::Issuance", "Confirm the issuance to the CA");
    case Step::Done:
        return QCoreApplication::translate("certdesk::Issuance", "Done");
    }
    return {};
}

template<class Task, class Done>
void ProgrammingJob::onTokenThread(Task task, Done done)
{
    using Result = std::invoke_result_t<Task&, detail::TokenSide&>;
    auto side = m_side;
    auto sharedTask = std::make_shared<Task>(std::move(task));
    auto sharedDone = std::make_shared<Done>(std::move(done));
    ProgrammingJob* job = this;
    // Posting to `job` is safe even if it is being destroyed: its destructor waits for this thread before
    // QObject's destructor discards the events still posted to it.
    QMetaObject::invokeMethod(
        m_threadContext,
        [side, sharedTask, sharedDone, job] {
            auto result = std::make_shared<Result>((*sharedTask)(*side));
            QMetaObject::invokeMethod(
                job, [result, sharedDone] { (*sharedDone)(std::move(*result)); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void ProgrammingJob::start(const QString& pin)
{
    if (m_running)
        return;
    m_running = true;
    m_cancelRequested = false;
    m_confirmSent = false;
    m_detail.clear();
    m_failure = Failure::None;
    m_onTokenKey = false;
    m_token = {};
    m_issuanceId.clear();
    m_tokenMs = 0;
    // A private copy that nothing else shares, so that it can be wiped (the caller owns its own).
    m_pin = QString(pin.constData(), pin.size());
    m_run = std::make_unique<detail::RunState>(m_request.journalPath);
    m_run->wall.start();
    if (!m_thread) {
        m_side = std::make_shared<detail::TokenSide>();
        m_thread = new QThread;
        m_thread->setObjectName(QStringLiteral("certdesk-token"));
        m_threadContext = new QObject;
        m_threadContext->moveToThread(m_thread);
        m_thread->start();
    }
    m_side->cancel = false;
    connectService();
}

void ProgrammingJob::cancel()
{
    if (!m_running || m_cancelRequested || m_confirmSent)
        return;
    m_cancelRequested = true;
    m_side->cancel = true;
    if (m_reply)
        m_reply->abort(); // its handler sees the cancel and rolls back
}

void ProgrammingJob::setStep(Step step, int percent)
{
    m_step = step;
    Q_EMIT stepChanged(step);
    Q_EMIT progress(percent);
}

bool ProgrammingJob::enterStep(Step step)
{
    setStep(step, stepPercent(step));
    return !cancelledNow(); // a slot connected to stepChanged may have cancelled
}

bool ProgrammingJob::cancelledNow()
{
    if (!m_cancelRequested)
        return false;
    fail(Failure::Cancelled, token::tokenStatusMessage(TokenStatus::Cancelled), TokenStatus::Cancelled,
        QStringLiteral("cancelled at step %1").arg(int(m_step)));
    return true;
}

void ProgrammingJob::wipePin()
{
    wipe(m_pin);
}

// --- Connect ---------------------------------------------------------------------------------------------

void ProgrammingJob::connectService()
{
    setStep(Step::Connect, stepPercent(Step::Connect));
    if (!m_api || !m_api->hasStaffToken()) {
        fail(Failure::Service,
            QCoreApplication::translate("certdesk::Issuance", "Sign in as counter staff first."),
            TokenStatus::Ok, QStringLiteral("no staff token"));
        return;
    }
    // The application first: a request that cannot succeed never touches the token or spends a PIN try.
    auto* reply = m_api->staffApplication(m_request.applicationId);
    m_reply = reply;
    m_run->serviceTimer.start();
    reply->then(this, [this](const api::ApiResult<api::StaffApplicationView>& result) {
        m_run->serviceMs += m_run->serviceTimer.elapsed();
        m_reply.clear();
        if (cancelledNow())
            return;
        if (!result.ok()) {
            fail(Failure::Service,
                QCoreApplication::translate(
                    "certdesk::Issuance", "The application could not be read from the service: %1")
                    .arg(result.error().userMessage()),
                TokenStatus::Ok, QStringLiteral("staffApplication: ") + result.error().logSummary());
            return;
        }
        const Application& application = result.value().application;
        if (application.status != ApplicationStatus::Approved) {
            fail(Failure::Service,
                QCoreApplication::translate("certdesk::Issuance",
                    "This application is \"%1\": only an approved application that has not been issued yet "
                    "can "
                    "be programmed onto a UKey.")
                    .arg(statusDisplayName(application.status)),
                TokenStatus::Ok, QStringLiteral("application status ") + statusToApi(application.status));
            return;
        }
        // The CA takes the names from the application, not from the CSR; the CSR says the same for the
        // record.
        m_run->subject = isInstitution(application.category)
            ? pki::Subject::institution(
                application.organization.name, application.organization.credentialNumber)
            : pki::Subject::naturalPerson(application.applicant.name);
        connectToken();
    });
}

void ProgrammingJob::connectToken()
{
    const ProgrammingRequest request = m_request;
    onTokenThread(
        [request](detail::TokenSide& side) -> TokenOutcome {
            side.session.reset();
            side.written.clear();
            token::TokenResult<token::Pkcs11Module> module = token::ModuleLoader::load(request.modulePath);
            if (!module)
                return TokenOutcome::from(module.error());
            side.module = *module;
            token::TokenResult<token::TokenInfo> info
                = side.module.findToken(request.tokenLabel, request.tokenSerial);
            if (!info)
                return TokenOutcome::from(info.error());
            if (!info->initialized)
                return TokenOutcome::from(token::tokenError(
                    TokenStatus::TokenNotInitialized, QStringLiteral("token not initialized")));
            if (info->readOnly)
                return TokenOutcome::from(
                    token::tokenError(TokenStatus::ReadOnly, QStringLiteral("token is write-protected")));
            token::TokenResult<token::TokenSession> session = side.module.openSession(*info);
            if (!session)
                return TokenOutcome::from(session.error());
            if (!request.profileName.isEmpty()) {
                const std::optional<token::VendorProfile> profile
                    = token::VendorProfiles::builtIn().byName(request.profileName);
                if (!profile)
                    return TokenOutcome::from(token::tokenError(TokenStatus::NotSupported,
                        QStringLiteral("no vendor profile named ") + request.profileName));
                session->setProfile(*profile);
            }
            side.session.emplace(std::move(session).value());
            TokenOutcome outcome;
            outcome.info = side.session->token();
            const token::VendorProfile& profile = side.session->profile();
            outcome.onTokenKey = profile.canGenerateOnToken() && profile.canSignOnToken();
            return outcome;
        },
        [this](TokenOutcome outcome) {
            if (cancelledNow())
                return;
            if (!outcome.ok()) {
                fail(Failure::Token, token::tokenStatusMessage(outcome.status), outcome.status,
                    QStringLiteral("connect: ") + outcome.detail);
                return;
            }
            m_token = outcome.info;
            m_run->onTokenKey = outcome.onTokenKey;
            m_onTokenKey = outcome.onTokenKey;
            m_run->journalKey = RollbackJournal::tokenKey(m_token);
            login();
        });
}

// --- Login -----------------------------------------------------------------------------------------------

void ProgrammingJob::login()
{
    if (!enterStep(Step::Login))
        return;
    // Objects an earlier run on this token could not remove (token pulled, client killed): removed right
    // after the login, before anything new is written.
    const QList<ObjectRef> leftovers = m_run->journal.pending(m_run->journalKey);
    m_side->pin = std::move(m_pin); // handed over; the task below wipes it
    m_pin = QString();
    onTokenThread(
        [leftovers](detail::TokenSide& side) -> TokenOutcome {
            token::TokenSession& session = *side.session;
            // A locked PIN is reported without a C_Login that could only fail.
            token::TokenResult<token::PinInfo> pin = session.pinInfo();
            if (!pin) {
                wipe(side.pin);
                return TokenOutcome::from(pin.error());
            }
            if (pin->locked) {
                wipe(side.pin);
                return TokenOutcome::from(
                    token::tokenError(TokenStatus::PinLocked, QStringLiteral("PIN locked before login")));
            }
            // Exactly one C_Login with the PIN as given; never retried.
            token::TokenResult<void> login = session.login(std::move(side.pin));
            wipe(side.pin);
            if (!login)
                return TokenOutcome::from(login.error());
            if (!leftovers.isEmpty()) {
                token::TokenResult<void> removed = token::TokenWriter::rollback(session, leftovers);
                if (!removed) {
                    TokenOutcome outcome = TokenOutcome::from(removed.error());
                    outcome.detail
                        = QStringLiteral("removing leftovers of an earlier run: ") + outcome.detail;
                    return outcome;
                }
            }
            return {};
        },
        [this, leftovers](TokenOutcome outcome) {
            // The leftovers are gone from the token: forget them first, whatever happens next.
            const bool forgotten
                = !outcome.ok() || leftovers.isEmpty() || m_run->journal.remove(m_run->journalKey, leftovers);
            if (cancelledNow())
                return;
            if (!outcome.ok()) {
                fail(Failure::Token, token::tokenStatusMessage(outcome.status), outcome.status,
                    QStringLiteral("login: ") + outcome.detail);
                return;
            }
            if (!forgotten) {
                fail(Failure::Local, {}, TokenStatus::Ok, QStringLiteral("journal not writable"));
                return;
            }
            prepareKeys();
        });
}

// --- PrepareKeys -----------------------------------------------------------------------------------------

void ProgrammingJob::prepareKeys()
{
    if (!enterStep(Step::PrepareKeys))
        return;
    pki::PkiResult<pki::Sm2Key> transport = pki::Sm2Key::generate();
    if (!transport) {
        fail(Failure::Certificates, transport.message(), TokenStatus::Ok,
            QStringLiteral("transport key: ") + transport.detail());
        return;
    }
    m_run->transport = *transport;
    if (!m_run->onTokenKey) {
        // SoftHSM and other "store only" tokens: the service generates the signing key too.
        requestIssuance();
        return;
    }

    m_run->onTokenId = token::TokenWriter::randomObjectId();
    if (m_run->onTokenId.isEmpty()) {
        fail(Failure::Certificates, pki::pkiStatusMessage(pki::PkiStatus::InternalError), TokenStatus::Ok,
            QStringLiteral("no random CKA_ID"));
        return;
    }
    // Journaled before C_GenerateKeyPair, like every object this run creates.
    if (!m_run->journal.add(m_run->journalKey, keyRefs(m_run->onTokenId))) {
        fail(Failure::Local, {}, TokenStatus::Ok, QStringLiteral("journal not writable"));
        return;
    }
    m_run->journaled.append(keyRefs(m_run->onTokenId));

    const QByteArray id = m_run->onTokenId;
    const pki::Subject subject = m_run->subject;
    const pki::Sm2Key transportPublic = m_run->transport.publicKey();
    onTokenThread(
        [id, subject, transportPublic](detail::TokenSide& side) -> TokenOutcome {
            token::TokenSession& session = *side.session;
            side.written.append(keyRefs(id));
            token::TokenResult<QByteArray> point
                = session.generateSm2KeyPair(id, token::TokenWriter::defaultLabel(KeyPurpose::Signing));
            if (!point)
                return TokenOutcome::from(point.error());
            pki::PkiResult<pki::Sm2Key> publicKey = pki::Sm2Key::fromPublicPoint(*point);
            if (!publicKey)
                return TokenOutcome::from(token::tokenError(
                    TokenStatus::BadSignature, QStringLiteral("on-token key: ") + publicKey.detail()));
            // The token signs the CertificationRequestInfo (SM2-with-SM3, default ID); signSm2 and
            // makeCsrWithSigner both verify the signature in software before the CSR leaves this thread.
            std::optional<token::TokenError> tokenFailure;
            pki::PkiResult<QByteArray> csr = pki::makeCsrWithSigner(*publicKey, subject, transportPublic,
                [&](const QByteArray& info) -> pki::PkiResult<QByteArray> {
                    token::TokenResult<QByteArray> signature = session.signSm2(id, info);
                    if (!signature) {
                        tokenFailure = signature.error();
                        return pki::pkiError(pki::PkiStatus::BadSignature, signature.detail());
                    }
                    return *signature;
                });
            if (!csr)
                return TokenOutcome::from(tokenFailure ? *tokenFailure
                                                       : token::tokenError(TokenStatus::BadSignature,
                                                           QStringLiteral("CSR: ") + csr.detail()));
            TokenOutcome outcome;
            outcome.point = *point;
            outcome.csr = *csr;
            return outcome;
        },
        [this](TokenOutcome outcome) {
            if (cancelledNow())
                return;
            if (!outcome.ok()) {
                fail(Failure::Token, token::tokenStatusMessage(outcome.status), outcome.status,
                    QStringLiteral("on-token key and CSR: ") + outcome.detail);
                return;
            }
            m_run->onTokenPoint = outcome.point;
            m_run->csr = outcome.csr;
            requestIssuance();
        });
}

// --- RequestIssuance -------------------------------------------------------------------------------------

void ProgrammingJob::requestIssuance()
{
    if (!enterStep(Step::RequestIssuance))
        return;
    // One key per run: a retry after a lost answer returns the same pair instead of issuing another.
    m_run->idempotencyKey = api::ApiClient::newIdempotencyKey();
    auto* reply = m_api->issue(
        m_request.applicationId, m_run->transport.subjectPublicKeyInfo(), m_run->csr, m_run->idempotencyKey);
    m_reply = reply;
    m_run->serviceTimer.start();
    reply->then(this, [this](const api::ApiResult<api::Issuance>& result) {
        m_run->serviceMs += m_run->serviceTimer.elapsed();
        m_reply.clear();
        if (cancelledNow())
            return;
        if (!result.ok()) {
            fail(Failure::Service,
                QCoreApplication::translate("certdesk::Issuance", "The CA did not issue the certificates: %1")
                    .arg(result.error().userMessage()),
                TokenStatus::Ok, QStringLiteral("issue: ") + result.error().logSummary());
            return;
        }
        m_issuanceId = result.value().issuanceId;
        openEnvelopes(result.value());
    });
}

// --- OpenEnvelopes ---------------------------------------------------------------------------------------

void ProgrammingJob::openEnvelopes(const api::Issuance& issuance)
{
    setStep(Step::OpenEnvelopes, stepPercent(Step::OpenEnvelopes));
    const auto badAnswer = [this](const QString& detail) {
        fail(Failure::Certificates, pki::pkiStatusMessage(pki::PkiStatus::BadInput), TokenStatus::Ok,
            QStringLiteral("issuance answer: ") + detail);
    };
    // The answer must fit the path this run asked for.
    if (m_run->onTokenKey == issuance.signingKeyEnvelope.has_value()) {
        badAnswer(m_run->onTokenKey ? QStringLiteral("a signing key envelope although a CSR was sent")
                                    : QStringLiteral("no signing key envelope"));
        return;
    }
    m_run->signingCertificate = issuance.signingCertificate;
    m_run->encryptionCertificate = issuance.encryptionCertificate;
    m_run->caChain = issuance.caChain;

    QList<token::Sm2PairToWrite> pairs;
    const auto certificateKey = [](const QByteArray& der) {
        pki::PkiResult<pki::CertificateInfo> info = pki::CertificateInfo::parse(der);
        return info && info->isSm2() ? info->publicKeyBits : QByteArray();
    };
    for (const KeyPurpose purpose : {KeyPurpose::Signing, KeyPurpose::Encryption}) {
        token::Sm2PairToWrite pair;
        pair.purpose = purpose;
        pair.certificateDer
            = purpose == KeyPurpose::Signing ? issuance.signingCertificate : issuance.encryptionCertificate;
        const std::optional<QByteArray> envelope
            = purpose == KeyPurpose::Signing ? issuance.signingKeyEnvelope : issuance.encryptionKeyEnvelope;
        if (envelope) {
            // GM/T 0009 §7.4: the SM4 key is SM2-encrypted to our transport key; d·G is checked against the
            // enclosed public key.
            pki::PkiResult<pki::OpenedEnvelope> opened = pki::openEnvelope(*envelope, m_run->transport);
            if (!opened) {
                fail(Failure::Certificates, opened.message(), TokenStatus::Ok,
                    QStringLiteral("envelope: ") + opened.detail());
                return;
            }
            pair.privateScalar = std::move(opened->privateScalar);
            pair.publicPoint = opened->publicPoint;
            pair.id = token::TokenWriter::objectId(pair.publicPoint);
        } else {
            pair.publicPoint = m_run->onTokenPoint;
            pair.id = m_run->onTokenId;
        }
        if (certificateKey(pair.certificateDer) != pair.publicPoint) {
            badAnswer(QStringLiteral("certificate does not certify its key (purpose %1)").arg(int(purpose)));
            return;
        }
        pairs.append(std::move(pair));
    }
    // The transport key has done its job: its private half goes now.
    m_run->transport = pki::Sm2Key();

    // Write-ahead: every object the writer may create is in the journal before the first C_CreateObject.
    QList<ObjectRef> planned;
    for (const token::Sm2PairToWrite& pair : std::as_const(pairs)) {
        if (!pair.privateScalar.isEmpty())
            planned.append(keyRefs(pair.id));
        planned.append(ObjectRef {ObjectClass::Certificate, pair.id});
    }
    if (!m_run->journal.add(m_run->journalKey, planned)) {
        fail(Failure::Local, {}, TokenStatus::Ok, QStringLiteral("journal not writable"));
        return;
    }
    m_run->journaled.append(planned);
    m_run->pairs = std::move(pairs);
    if (cancelledNow())
        return;
    writeToken();
}

// --- WriteToken and Verify -------------------------------------------------------------------------------

void ProgrammingJob::writeToken()
{
    if (!enterStep(Step::WriteToken))
        return;
    auto pairs = std::make_shared<QList<token::Sm2PairToWrite>>(std::move(m_run->pairs));
    m_run->pairs.clear();
    QList<ObjectRef> planned;
    for (const token::Sm2PairToWrite& pair : std::as_const(*pairs)) {
        if (!pair.privateScalar.isEmpty())
            planned.append(keyRefs(pair.id));
        planned.append(ObjectRef {ObjectClass::Certificate, pair.id});
    }
    QList<QByteArray> roots;
    QList<QByteArray> intermediates;
    splitChain(m_run->caChain, m_request.trustedRoots, &roots, &intermediates);
    const QList<QByteArray> certificates {m_run->signingCertificate, m_run->encryptionCertificate};
    ProgrammingJob* job = this;

    onTokenThread(
        [pairs, planned, roots, intermediates, certificates, job](detail::TokenSide& side) -> TokenOutcome {
            token::TokenSession& session = *side.session;
            for (const ObjectRef& ref : planned)
                if (!side.written.contains(ref))
                    side.written.append(ref);
            bool verifying = false;
            token::TokenWriter writer(session);
            token::TokenResult<token::WriteReport> report
                = writer.write(*pairs, [&side, &verifying, job](const token::WriteProgress& progress) {
                      if (side.cancel)
                          return false;
                      const bool verifyNow = progress.step == token::WriteStep::Verifying
                          || progress.step == token::WriteStep::TestSigning;
                      const int total = std::max(progress.total, 1);
                      const int percent = verifyNow ? stepPercent(Step::Verify)
                                                    : stepPercent(Step::WriteToken)
                              + (stepPercent(Step::Verify) - stepPercent(Step::WriteToken)) * progress.done
                                  / total;
                      const bool enterVerify = verifyNow && !verifying;
                      verifying = verifying || verifyNow;
                      QMetaObject::invokeMethod(
                          job,
                          [job, enterVerify, percent] {
                              if (enterVerify)
                                  job->setStep(Step::Verify, percent);
                              else
                                  Q_EMIT job->progress(percent);
                          },
                          Qt::QueuedConnection);
                      return true;
                  });
            // Key material: the scalars were copied into PKCS#11 templates that are wiped; ours go now.
            for (token::Sm2PairToWrite& pair : *pairs)
                pair.privateScalar.clear();
            pairs->clear();
            if (!report) {
                // The writer removed what it created unless the token went away; what it could not remove
                // stays listed (and journaled) for the rollback below or the next run.
                // What is still to remove: the writer's leftovers plus what the writer does not own (the
                // on-token signing key).
                const QList<ObjectRef> left = writer.pendingRollback();
                QList<ObjectRef> still;
                for (const ObjectRef& ref : std::as_const(side.written))
                    if (!planned.contains(ref) || left.contains(ref))
                        still.append(ref);
                side.written = still;
                return TokenOutcome::from(report.error());
            }

            // The chain, with the SM2 distinguishing ID on each leaf, at the leaf's notBefore (a renewal may
            // start in the future).
            for (const QByteArray& der : certificates) {
                pki::PkiResult<pki::CertificateInfo> info = pki::CertificateInfo::parse(der);
                pki::PkiResult<void> chain = info
                    ? pki::verifyCertificateChain(der, intermediates, roots, info->notBefore)
                    : pki::PkiResult<void>(info.error());
                if (!chain) {
                    TokenOutcome outcome;
                    outcome.message = chain.message();
                    outcome.detail = QStringLiteral("chain: ") + chain.detail();
                    return outcome;
                }
            }
            return {};
        },
        [this](TokenOutcome outcome) {
            if (!outcome.message.isEmpty()) {
                fail(Failure::Certificates, outcome.message, TokenStatus::Ok, outcome.detail);
                return;
            }
            if (!outcome.ok()) {
                fail(outcome.status == TokenStatus::Cancelled ? Failure::Cancelled : Failure::Token,
                    token::tokenStatusMessage(outcome.status), outcome.status,
                    QStringLiteral("write: ") + outcome.detail);
                return;
            }
            if (cancelledNow())
                return;
            confirm();
        });
}

// --- Confirm ---------------------------------------------------------------------------------------------

void ProgrammingJob::confirm()
{
    setStep(Step::Confirm, stepPercent(Step::Confirm));
    // From here on a cancel is not honoured: the service may revoke the old certificate the moment the
    // request arrives, and only its answer says whether it did.
    m_confirmSent = true;
    auto* reply
        = m_api->confirmIssuance(m_request.applicationId, m_issuanceId, m_token.serialNumber, m_token.label);
    m_reply = reply;
    m_run->serviceTimer.start();
    reply->then(this, [this](const api::ApiResult<Application>& result) {
        m_run->serviceMs += m_run->serviceTimer.elapsed();
        m_reply.clear();
        if (result.ok() && result.value().status == ApplicationStatus::Issued) {
            succeed();
            return;
        }
        if (result.ok()) {
            checkConfirmation(
                QStringLiteral("confirm answered status ") + statusToApi(result.value().status));
            return;
        }
        const api::ApiError& error = result.error();
        // A lost answer (connection dropped, timeout, a 5xx from a proxy) does not say whether the service
        // recorded the confirmation: ask it before removing anything. A 4xx says it did not.
        if (error.kind == api::ApiError::Kind::Network || error.kind == api::ApiError::Kind::Timeout
            || (error.kind == api::ApiError::Kind::Http && error.httpStatus >= 500)) {
            checkConfirmation(QStringLiteral("confirm: ") + error.logSummary());
            return;
        }
        fail(Failure::Service,
            QCoreApplication::translate("certdesk::Issuance", "The CA did not confirm the issuance: %1")
                .arg(error.userMessage()),
            TokenStatus::Ok, QStringLiteral("confirm: ") + error.logSummary());
    });
}

void ProgrammingJob::checkConfirmation(const QString& confirmDetail)
{
    auto* reply = m_api->staffApplication(m_request.applicationId);
    m_reply = reply;
    m_run->serviceTimer.start();
    reply->then(this, [this, confirmDetail](const api::ApiResult<api::StaffApplicationView>& result) {
        m_run->serviceMs += m_run->serviceTimer.elapsed();
        m_reply.clear();
        if (result.ok()) {
            const api::StaffApplicationView& view = result.value();
            const bool confirmed = std::any_of(
                view.issuances.cbegin(), view.issuances.cend(), [this](const api::IssuanceRecord& record) {
                    return record.issuanceId == m_issuanceId
                        && (record.confirmedAt.isValid() || record.status == QLatin1String("confirmed"));
                });
            if (confirmed && view.application.status != ApplicationStatus::Approved) {
                succeed();
                return;
            }
        }
        fail(Failure::Service,
            QCoreApplication::translate("certdesk::Issuance",
                "The CA could not be reached to confirm the issuance, so the new keys and certificates were "
                "removed from the UKey again."),
            TokenStatus::Ok,
            confirmDetail
                + (result.ok() ? QStringLiteral("; not confirmed")
                               : QStringLiteral("; check: ") + result.error().logSummary()));
    });
}

void ProgrammingJob::succeed()
{
    // Confirmed: what is on the token is the applicant's now, not a pending write.
    (void)m_run->journal.remove(m_run->journalKey, m_run->journaled);
    m_run->journaled.clear();
    m_tokenMs = m_run->wall.elapsed() - m_run->serviceMs;
    m_detail.clear();
    onTokenThread(
        [](detail::TokenSide& side) {
            side.written.clear();
            side.session.reset(); // logs out
            return true;
        },
        [this](bool) {
            setStep(Step::Done, stepPercent(Step::Done));
            finish(true,
                QCoreApplication::translate("certdesk::Issuance",
                    "The UKey is programmed: the signing and encryption certificates were written, verified "
                    "and "
                    "confirmed by the CA."),
                TokenStatus::Ok);
        });
}

// --- failure ---------------------------------------------------------------------------------------------

void ProgrammingJob::fail(Failure kind, const QString& message, TokenStatus status, const QString& detail)
{
    if (!m_running || !m_run || m_run->finishing)
        return;
    m_run->finishing = true;
    m_failure = kind;
    wipePin();
    for (token::Sm2PairToWrite& pair : m_run->pairs)
        pair.privateScalar.clear();
    m_run->pairs.clear();
    m_run->transport = pki::Sm2Key();
    m_detail = detail;
    m_tokenMs = m_run->wall.elapsed() - m_run->serviceMs;
    const Step failedAt = m_step;

    QString text = message;
    if (kind == Failure::Certificates)
        text = QCoreApplication::translate("certdesk::Issuance",
            "The certificates or keys sent by the CA did not pass the check: %1 Call the CA's hotline %2 "
            "before trying again.")
                   .arg(message, caHotline());
    if (kind == Failure::Local)
        text = QCoreApplication::translate("certdesk::Issuance",
            "CertDesk cannot save its progress file, so nothing was written to the UKey. Check the free "
            "disk space and try again.");

    if (!m_thread) {
        finish(false, text, status);
        return;
    }
    // Roll back on the token thread whatever this run created (or may have created), then close the
    // session; the journal follows what really happened.
    onTokenThread(
        [](detail::TokenSide& side) -> TokenOutcome {
            TokenOutcome outcome;
            if (side.session && !side.written.isEmpty()) {
                token::TokenResult<void> undone = token::TokenWriter::rollback(*side.session, side.written);
                if (undone)
                    side.written.clear();
                else
                    outcome.detail = undone.detail();
            }
            // What could not be removed stays in `written` (and in the journal) until the next run starts.
            outcome.rollbackPending = !side.written.isEmpty();
            side.session.reset();
            wipe(side.pin);
            return outcome;
        },
        [this, text, status, failedAt, detail](TokenOutcome outcome) {
            QString message = text;
            if (outcome.rollbackPending) {
                m_detail = detail + QStringLiteral("; rollback pending: ") + outcome.detail;
                message += QLatin1Char(' ')
                    + QCoreApplication::translate("certdesk::Issuance",
                        "Part of this attempt may still be on the UKey: plug it in again and program it "
                        "again; "
                        "CertDesk removes those parts first.");
            } else {
                if (!m_run->journaled.isEmpty())
                    (void)m_run->journal.remove(m_run->journalKey, m_run->journaled);
                if (failedAt >= Step::PrepareKeys)
                    message += QLatin1Char(' ')
                        + QCoreApplication::translate("certdesk::Issuance",
                            "Nothing was left on the new UKey and the application is still approved: fix the "
                            "problem and program the UKey again.");
            }
            finish(false, message, status);
        });
}

void ProgrammingJob::finish(bool ok, const QString& message, TokenStatus status)
{
    m_running = false;
    m_cancelRequested = false;
    m_confirmSent = false;
    m_reply.clear();
    if (!ok)
        m_issuanceId.clear();
    Q_EMIT finished(ok, message, status);
}

} // namespace certdesk::issuance
