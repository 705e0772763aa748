#include "issuance/ReceiptJob.h"

#include "api/ApiClient.h"
#include "domain/CaContact.h"
#include "domain/PinRules.h"
#include "pki/CertificateChain.h"
#include "pki/CertificateInfo.h"
#include "token/ModuleLoader.h"
#include "token/TokenSession.h"

#include <QCoreApplication>
#include <QPointer>

#include <thread>

namespace certdesk::issuance {

namespace {

void wipe(QString& secret)
{
    secret.fill(QLatin1Char('\0'));
    secret.clear();
}

struct SearchOutcome
{
    bool found = false;
    int tokensWithCertificates = 0;
    bool keyMismatch = false;
    bool chainFailed = false;
    token::TokenInfo token;
    QByteArray signingId;
    bool signs = false;
    QString detail;
};

struct CompleteOutcome
{
    token::TokenStatus status = token::TokenStatus::Ok;
    bool pinChanged = false;
    QByteArray signature;
    QString detail;
};

// The validity instant to check a certificate at: now, or its notBefore when a renewal made it start later
// (the new validity starts at the old certificate's expiry when renewing early, API.md).
QDateTime checkTime(const pki::CertificateInfo& info)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return info.notBefore > now ? info.notBefore : now;
}

} // namespace

ReceiptJob::ReceiptJob(
    api::ApiClient* api, QString applicationId, QString bearer, QStringList modulePaths, QObject* parent)
    : QObject(parent)
    , m_api(api)
    , m_applicationId(std::move(applicationId))
    , m_bearer(std::move(bearer))
    , m_modulePaths(std::move(modulePaths))
{ }

ReceiptJob::~ReceiptJob() = default;

template<class Task, class Done>
void ReceiptJob::offThread(Task task, Done done)
{
    // The answer is posted to the application object and delivered only if the job still exists: a module
    // that hangs keeps its thread, never the job's owner (nothing joins these threads).
    QPointer<ReceiptJob> self(this);
    std::thread([self, task = std::move(task), done = std::move(done)]() mutable {
        auto result = std::make_shared<std::invoke_result_t<Task&>>(task());
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, result, done = std::move(done)]() mutable {
                if (self)
                    done(std::move(*result));
            },
            Qt::QueuedConnection);
    }).detach();
}

void ReceiptJob::setStep(Step step)
{
    m_step = step;
    Q_EMIT stepChanged(step);
}

void ReceiptJob::fail(
    Failure failure, const QString& message, token::TokenStatus status, const QString& detail)
{
    m_busy = false;
    m_detail = detail;
    // A failed PIN change or proof leaves the checked UKey found: the person corrects the PIN and tries
    // again.
    if (m_step == Step::ChangePin || m_step == Step::ProveReceipt)
        m_step = Step::Found;
    Q_EMIT failed(failure, message, status);
}

void ReceiptJob::failService(const api::ApiError& error)
{
    fail(Failure::Service, error.userMessage(), token::TokenStatus::Ok, error.logSummary());
}

void ReceiptJob::findToken()
{
    if (m_busy)
        return;
    m_busy = true;
    m_issuance.reset();
    m_token = {};
    setStep(Step::FindToken);
    m_api->getApplication(m_applicationId, m_bearer)
        ->then(this, [this](const api::ApiResult<Application>& r) {
            if (!r.ok())
                return failService(r.error());
            m_orderNo = r->orderNo;
            if (r->status != ApplicationStatus::Shipped || !r->issuance)
                return fail(Failure::NotShipped,
                    r->status == ApplicationStatus::Completed
                        ? tr("The UKey of order %1 was already received.").arg(r->orderNo)
                        : tr("The UKey of order %1 has not been sent yet.").arg(r->orderNo));
            m_issuance = r->issuance;
            m_api->caCertificates()->then(this, [this](const api::ApiResult<api::CaCertificates>& ca) {
                if (!ca.ok())
                    return failService(ca.error());
                searchTokens(ca->der);
            });
        });
}

void ReceiptJob::searchTokens(const QList<QByteArray>& chain)
{
    const ConfirmedIssuance issuance = *m_issuance;
    const QStringList modules = m_modulePaths;
    QList<QByteArray> roots = m_trustedRoots;
    QList<QByteArray> intermediates;
    for (const QByteArray& der : chain) {
        const auto info = pki::CertificateInfo::parse(der);
        // The self-signed one is the root (GET /ca/certificates: issuing CA first, then the root).
        if (info && info->subject == info->issuer) {
            if (m_trustedRoots.isEmpty())
                roots.append(der);
        } else {
            intermediates.append(der);
        }
    }
    offThread(
        [issuance, modules, roots, intermediates]() -> SearchOutcome {
            SearchOutcome out;
            const auto signing = pki::CertificateInfo::parse(issuance.signingCertificate);
            const auto encryption = pki::CertificateInfo::parse(issuance.encryptionCertificate);
            if (!signing || !encryption) {
                out.chainFailed = true;
                out.detail = QStringLiteral("issuance certificates unreadable");
                return out;
            }
            for (const QString& path : modules) {
                auto module = token::ModuleLoader::load(path);
                if (!module) {
                    out.detail += module.detail() + QLatin1Char(';');
                    continue;
                }
                auto tokens = module->tokens();
                if (!tokens)
                    continue;
                for (const token::TokenInfo& info : *tokens) {
                    auto session = module->openSession(info);
                    if (!session)
                        continue;
                    auto certificates = session->certificates();
                    if (!certificates || certificates->isEmpty())
                        continue;
                    ++out.tokensWithCertificates;
                    const token::TokenCertificate* signingOnToken = nullptr;
                    const token::TokenCertificate* encryptionOnToken = nullptr;
                    for (const token::TokenCertificate& c : *certificates) {
                        if (c.der == issuance.signingCertificate)
                            signingOnToken = &c;
                        else if (c.der == issuance.encryptionCertificate)
                            encryptionOnToken = &c;
                    }
                    if (!signingOnToken || !encryptionOnToken)
                        continue;
                    // Each certificate's key is the token's key with the same CKA_ID (public objects: no
                    // login).
                    const auto signingPoint = session->sm2PublicPoint(signingOnToken->id);
                    const auto encryptionPoint = session->sm2PublicPoint(encryptionOnToken->id);
                    if (!signingPoint || *signingPoint != signing->publicKeyBits || !encryptionPoint
                        || *encryptionPoint != encryption->publicKeyBits) {
                        out.keyMismatch = true;
                        out.detail += QStringLiteral("token key differs from certificate key;");
                        continue;
                    }
                    for (const pki::CertificateInfo* leaf : {&*signing, &*encryption}) {
                        if (auto checked
                            = pki::verifyCertificateChain(leaf->der, intermediates, roots, checkTime(*leaf));
                            !checked) {
                            out.chainFailed = true;
                            out.detail += checked.detail() + QLatin1Char(';');
                        }
                    }
                    if (out.chainFailed)
                        return out;
                    out.found = true;
                    out.token = info;
                    out.signingId = signingOnToken->id;
                    out.signs = session->profile().canSignOnToken();
                    return out;
                }
            }
            return out;
        },
        [this](SearchOutcome out) {
            if (out.chainFailed || out.keyMismatch)
                return fail(Failure::Chain,
                    tr("The certificates on this UKey do not check out against the CA (signature, SM2 ID or "
                       "key). "
                       "Do not use it; call the CA's hotline %1.")
                        .arg(caHotline()),
                    token::TokenStatus::Ok, out.detail);
            if (!out.found) {
                if (out.tokensWithCertificates == 0)
                    return fail(Failure::NoToken,
                        tr("No UKey with certificates was found. Insert the UKey from the parcel and try "
                           "again."),
                        token::TokenStatus::NoSuchToken, out.detail);
                return fail(Failure::OtherToken,
                    tr("The inserted UKey does not hold the certificates made for order %1. Insert the UKey "
                       "from the parcel of this order (remove other UKeys) and try again.")
                        .arg(m_orderNo),
                    token::TokenStatus::NotFound, out.detail);
            }
            m_token = out.token;
            m_signingId = out.signingId;
            m_signsOnToken = out.signs;
            m_busy = false;
            setStep(Step::Found);
            Q_EMIT found(m_token, m_signsOnToken);
        });
}

void ReceiptJob::complete(QString initialPin, QString newPin)
{
    if (m_busy || m_step != Step::Found) {
        wipe(initialPin);
        wipe(newPin);
        return;
    }
    const bool changeNeeded = !(m_pinChanged && initialPin == newPin);
    if (changeNeeded) {
        if (const auto problem = pins::checkNewPin(newPin)) {
            wipe(initialPin);
            wipe(newPin);
            return fail(Failure::NewPin, problem->message);
        }
        if (initialPin == newPin) {
            wipe(initialPin);
            wipe(newPin);
            return fail(Failure::NewPin, tr("Choose a PIN of your own, not the initial PIN from the SMS."));
        }
    }
    m_busy = true;
    setStep(Step::ChangePin);
    // The challenge first, so that the PIN change and the signature follow each other on the token.
    auto pinsHeld = std::make_shared<std::pair<QString, QString>>(std::move(initialPin), std::move(newPin));
    m_api->receiptChallenge(m_applicationId, m_bearer)
        ->then(this, [this, pinsHeld, changeNeeded](const api::ApiResult<api::ReceiptChallenge>& challenge) {
            if (!challenge.ok()) {
                wipe(pinsHeld->first);
                wipe(pinsHeld->second);
                return failService(challenge.error());
            }
            const token::TokenInfo target = m_token;
            const QByteArray signingId = m_signingId;
            const bool signs = m_signsOnToken;
            const QByteArray bytes = challenge->challenge;
            offThread(
                [target, signingId, signs, bytes, pinsHeld, changeNeeded]() -> CompleteOutcome {
                    CompleteOutcome out;
                    QString initial = std::exchange(pinsHeld->first, {});
                    QString chosen = std::exchange(pinsHeld->second, {});
                    const auto result = [&](token::TokenStatus status, const QString& detail) {
                        wipe(initial);
                        wipe(chosen);
                        out.status = status;
                        out.detail = detail;
                        return out;
                    };
                    auto module = token::ModuleLoader::load(target.modulePath);
                    if (!module)
                        return result(module.status(), module.detail());
                    auto found = module->findToken(target.label, target.serialNumber);
                    if (!found)
                        return result(found.status(), found.detail());
                    auto session = module->openSession(*found);
                    if (!session)
                        return result(session.status(), session.detail());
                    if (changeNeeded) {
                        QString loginPin = chosen;
                        if (auto changed = session->changePin(std::move(initial), std::move(loginPin));
                            !changed)
                            return result(changed.status(), changed.detail());
                        out.pinChanged = true;
                    }
                    if (signs) {
                        if (auto login = session->login(std::move(chosen)); !login)
                            return result(login.status(), login.detail());
                        auto signature = session->signSm2(signingId, bytes);
                        if (!signature)
                            return result(signature.status(), signature.detail());
                        out.signature = *signature;
                    }
                    return result(token::TokenStatus::Ok, {});
                },
                [this, bytes](CompleteOutcome out) {
                    m_pinChanged = m_pinChanged || out.pinChanged;
                    if (out.status != token::TokenStatus::Ok) {
                        QString message = token::tokenStatusMessage(out.status);
                        if (!m_pinChanged
                            && (out.status == token::TokenStatus::PinIncorrect
                                || out.status == token::TokenStatus::PinIncorrectCountLow
                                || out.status == token::TokenStatus::PinIncorrectFinalTry))
                            message = tr(
                                "The initial PIN is not right: type the PIN from the SMS about order %1. "
                                "%2")
                                          .arg(m_orderNo, message);
                        else if (m_pinChanged)
                            message
                                = tr("Your new PIN is set on the UKey, but the receipt was not proven: %1 "
                                     "Try again with your new PIN.")
                                      .arg(message);
                        return fail(Failure::Token, message, out.status, out.detail);
                    }
                    setStep(Step::ProveReceipt);
                    sendReceipt(bytes, out.signature);
                });
        });
}

void ReceiptJob::sendReceipt(const QByteArray& challenge, const QByteArray& signature)
{
    m_api->confirmReceipt(m_applicationId, m_bearer, m_token.serialNumber, challenge, signature)
        ->then(this, [this](const api::ApiResult<Application>& r) {
            if (!r.ok()) {
                if (r.error().isHttp(403))
                    return fail(Failure::Service,
                        tr("This UKey cannot sign here, so the receipt needs your sign-in to the applicant "
                           "centre with an SMS code. Sign in there and try again."),
                        token::TokenStatus::Ok, r.error().logSummary());
                return failService(r.error());
            }
            m_busy = false;
            setStep(Step::Done);
            Q_EMIT completed(*r);
        });
}

} // namespace certdesk::issuance
