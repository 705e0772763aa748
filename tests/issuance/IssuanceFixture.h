#pragma once

// Shared by the end-to-end UKey programming tests and bench_programming: the real certdesk-server
// (ServerProcess, --sandbox), staff clients, and an application driven to `approved` through the API the way
// the wizard and the counter do (legacy certificate, lookup, possession proof, documents, liveness, payment,
// approval).

#include "ServerProcess.h"
#include "api/ApiClient.h"
#include "issuance/ProgrammingJob.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace certdesk::test {

// Waits for a reply (command-line style: a local event loop) and takes its result.
template<class T>
api::ApiResult<T> await(api::ApiReply<T>* reply)
{
    reply->waitForFinished(std::chrono::minutes(2));
    api::ApiResult<T> result = reply->result();
    delete reply;
    return result;
}

// "http 422 validation_failed | message | field codes": for failure messages (test data only).
[[nodiscard]] QString describe(const api::ApiError& error);

// Signs a lookup challenge with the old certificate's key: RSA PKCS#1 v1.5 SHA-256 over the challenge bytes.
// Empty on failure.
using ProofSigner = std::function<QByteArray(const QByteArray& challenge)>;

// The old RSA certificate minted by the sandbox for one application.
struct LegacyMaterial
{
    QString serial;
    QByteArray certificate; // DER
    QByteArray privateKey; // PKCS#8 DER
};

struct ApprovedApplication
{
    QString id;
    QString accessToken;
    QString orderNo;
    QString oldSerial; // normalised hex
    bool holderVerified = false;
};

class IssuanceFixture
{
public:
    IssuanceFixture();
    ~IssuanceFixture();

    // Starts the service (lookups not rate-limited, plus `extraArguments`) and signs in the reviewer and
    // counter. False with error().
    [[nodiscard]] bool start(const QStringList& extraArguments = {});
    [[nodiscard]] ServerProcess& server() { return m_server; }
    [[nodiscard]] const ServerProcess& server() const { return m_server; }
    [[nodiscard]] const QString& error() const { return m_error; }

    [[nodiscard]] std::unique_ptr<api::ApiClient> makeClient() const;
    [[nodiscard]] api::ApiClient& applicant() { return *m_applicant; }
    [[nodiscard]] api::ApiClient& reviewer() { return *m_reviewer; }
    // Signed in as `counter` (role counter): what the programming job needs.
    [[nodiscard]] api::ApiClient& counter() { return *m_counter; }
    // Signs the counter in again (after a server restart the session survives, but a new client needs one).
    [[nodiscard]] bool signInCounter(api::ApiClient& client);

    // GET /ca/certificates, split into root and issuing CA (DER).
    [[nodiscard]] const QByteArray& rootDer() const { return m_rootDer; }
    [[nodiscard]] const QByteArray& issuingDer() const { return m_issuingDer; }

    // A natural-person legacy RSA certificate from the sandbox's legacy CA.
    [[nodiscard]] std::optional<LegacyMaterial> mintLegacy();
    // Lookup, create (with a proof made by `signer` when given), documents, liveness, payment and approval.
    [[nodiscard]] std::optional<ApprovedApplication> approve(
        const LegacyMaterial& legacy, const ProofSigner& signer = {});
    // mintLegacy + approve with a software proof.
    [[nodiscard]] std::optional<ApprovedApplication> approvedApplication();

    [[nodiscard]] std::optional<Application> application(const ApprovedApplication& approved);
    [[nodiscard]] std::optional<api::StaffApplicationView> staffView(const QString& id);
    // Revoked serials of GET /ca/crl (the SM2 issuing CA's) or GET /ca/legacy-crl (the legacy RSA CA's: the
    // old certificates), upper-case hex without leading zeros; nullopt when unreadable.
    [[nodiscard]] std::optional<QStringList> crlSerials();
    [[nodiscard]] std::optional<QStringList> legacyCrlSerials();

private:
    bool fail(const QString& what);
    [[nodiscard]] std::optional<QStringList> serialsOf(api::ApiReply<api::BinaryContent>* reply);

    ServerProcess m_server;
    std::unique_ptr<api::ApiClient> m_applicant;
    std::unique_ptr<api::ApiClient> m_reviewer;
    std::unique_ptr<api::ApiClient> m_counter;
    QByteArray m_rootDer;
    QByteArray m_issuingDer;
    QString m_error;
    int m_seed = 1;
};

// One run of a ProgrammingJob, waited for with a local event loop.
struct JobOutcome
{
    bool finished = false; // false: timed out
    bool ok = false;
    QString message;
    token::TokenStatus status = token::TokenStatus::InternalError;
    QList<issuance::ProgrammingJob::Step> steps; // stepChanged, in order
    QList<int> percents; // progress, in order
};
[[nodiscard]] JobOutcome runJob(issuance::ProgrammingJob& job, const QString& pin,
    std::chrono::milliseconds timeout = std::chrono::minutes(3));

// Upper-case hex without separators and leading zeros, for comparing serials.
[[nodiscard]] QString normalHex(const QString& hex);
// RSA PKCS#1 v1.5 SHA-256 in software with a PKCS#8 key (the legacy key of the sandbox).
[[nodiscard]] QByteArray rsaSign(const QByteArray& pkcs8, const QByteArray& data);
// The chain checked with OpenSSL's command line link by link, as docs/pki.md says (`-vfyopt distid:` reaches
// the leaf only): `openssl verify -partial_chain -CAfile root -vfyopt distid:1234567812345678 issuing`, then
// the same with `-CAfile issuing` for the leaf. The output, and whether both said OK. Files go to
// `directory`.
[[nodiscard]] bool opensslVerify(const QString& directory, const QByteArray& rootDer,
    const QByteArray& issuingDer, const QByteArray& leafDer, QString* output);

} // namespace certdesk::test
