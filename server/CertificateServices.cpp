#include "CertificateServices.h"

#include "pki/CertificateAuthority.h"
#include "pki/CertificateInfo.h"
#include "pki/Csr.h"
#include "pki/Envelope.h"
#include "pki/LegacyRsaCa.h"
#include "pki/Pem.h"

#include <QDir>
#include <QFile>

namespace certdesk::server {

struct CertificateServices::State
{
    std::optional<pki::CertificateAuthority> ca;
    std::optional<pki::LegacyRsaCa> legacy;
};

CertificateServices::CertificateServices(const QString& directory)
    : m_dir(directory)
    , m_state(std::make_unique<State>())
{ }

CertificateServices::~CertificateServices() = default;

namespace {

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The sandbox's answer to an SM2 CA directory from a CertDesk version that signed the root and issuing CA
// with the empty SM2 ID: moved aside whole (keys included, nothing is deleted) so that loadOrCreate makes a
// new, standard CA. Returns the notice to log; empty when the directory is absent or standard.
QString supersedeNonStandardCa(const QString& sm2Dir, QString* error)
{
    const QList<QByteArray> root
        = pki::certificatesFromPem(readFile(sm2Dir + QStringLiteral("/root-ca.pem")));
    const QList<QByteArray> issuing
        = pki::certificatesFromPem(readFile(sm2Dir + QStringLiteral("/issuing-ca.pem")));
    if (root.size() != 1 || issuing.size() != 1)
        return {}; // nothing there, or damaged: loadOrCreate reports it
    const auto verified = pki::verifyCaCertificates(root.front(), issuing.front());
    if (verified || verified.status() != pki::PkiStatus::BadSignature)
        return {};
    const QString aside = sm2Dir + QStringLiteral(".superseded-")
        + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddTHHmmssZ"));
    if (!QDir().rename(sm2Dir, aside)) {
        if (error)
            *error = QStringLiteral("cannot move the non-standard SM2 CA to %1").arg(aside);
        return {};
    }
    return QStringLiteral(
        "sandbox: the SM2 CA in %1 was made by an earlier CertDesk and is not signed with the SM2 user ID "
        "1234567812345678 (%2). It was moved to %3 and a new SM2 CA was created; certificates issued by the "
        "old CA do not chain to the new one.")
        .arg(sm2Dir, verified.detail(), aside);
}

} // namespace

bool CertificateServices::init(bool sandbox, QString* error, QStringList* notices)
{
    const auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    const QString sm2Dir = m_dir + QStringLiteral("/sm2");
    const QString legacyDir = m_dir + QStringLiteral("/legacy-rsa");
    if (sandbox) {
        QString moveError;
        const QString notice = supersedeNonStandardCa(sm2Dir, &moveError);
        if (!moveError.isEmpty())
            return fail(moveError);
        if (!notice.isEmpty() && notices)
            notices->append(notice);
    }
    if (!QDir().mkpath(sm2Dir))
        return fail(QStringLiteral("cannot create %1").arg(m_dir));
    auto ca = pki::CertificateAuthority::loadOrCreate(sm2Dir);
    if (!ca)
        return fail(QStringLiteral("SM2 CA: ") + ca.detail());
    m_state->ca = std::move(ca).value();
    // Outside the sandbox no certificate of a freshly made legacy CA could exist: it is the CA's existing RSA
    // CA or none.
    if (sandbox || pki::LegacyRsaCa::existsIn(legacyDir)) {
        if (!QDir().mkpath(legacyDir))
            return fail(QStringLiteral("cannot create %1").arg(legacyDir));
        auto legacy = pki::LegacyRsaCa::loadOrCreate(legacyDir);
        if (!legacy)
            return fail(QStringLiteral("legacy RSA CA: ") + legacy.detail());
        m_state->legacy = std::move(legacy).value();
    }
    return true;
}

bool CertificateServices::hasLegacyCa() const
{
    return m_state->legacy.has_value();
}

QByteArray CertificateServices::legacyCertificatePem() const
{
    return m_state->legacy ? pki::certificateToPem(m_state->legacy->certificate()) : QByteArray();
}

bool CertificateServices::canMintLegacy() const
{
    return m_state->legacy.has_value();
}

std::optional<CertificateServices::LegacyCertificate> CertificateServices::mintLegacy(
    CertificateCategory category, const QString& holder, const QString& credentialNumber,
    const QDateTime& notAfter) const
{
    if (!m_state->legacy)
        return std::nullopt;
    auto minted = m_state->legacy->mint(category, holder, credentialNumber, notAfter);
    if (!minted)
        return std::nullopt;
    const auto info = pki::CertificateInfo::parse(minted->certificateDer);
    if (!info)
        return std::nullopt;
    LegacyCertificate out;
    out.serial = minted->serialHex;
    out.algorithm = info->keyAlgorithm;
    out.notBefore = info->notBefore;
    out.certificate = minted->certificateDer;
    out.privateKey = minted->privateKeyPkcs8.toByteArray();
    return out;
}

bool CertificateServices::verifyPossession(
    const QByteArray& certificateDer, const QByteArray& challenge, const QByteArray& signature) const
{
    return m_state->legacy
        && m_state->legacy->verifyPossession(certificateDer, challenge, signature).hasValue();
}

QString CertificateServices::serialOf(const QByteArray& certificateDer)
{
    const auto info = pki::CertificateInfo::parse(certificateDer);
    return info ? info->serialHex : QString();
}

QByteArray CertificateServices::chainPem() const
{
    return m_state->ca ? m_state->ca->chainPem() : QByteArray();
}

QList<QByteArray> CertificateServices::chainDer() const
{
    return m_state->ca ? m_state->ca->chain() : QList<QByteArray>();
}

QDateTime CertificateServices::issuingNotAfter() const
{
    return m_state->ca ? m_state->ca->issuingNotAfter() : QDateTime();
}

namespace {

template<typename Ca>
std::optional<QByteArray> makeCrl(const Ca& ca, const QList<CertificateServices::Revoked>& revoked)
{
    QList<pki::RevokedCertificate> list;
    list.reserve(revoked.size());
    for (const CertificateServices::Revoked& r : revoked)
        list.append({r.serial, r.revokedAt, r.reason});
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto der = ca.makeCrl(list, now, now.addDays(1));
    if (!der)
        return std::nullopt;
    return std::move(der).value();
}

} // namespace

std::optional<QByteArray> CertificateServices::crl(const QList<Revoked>& revoked) const
{
    return m_state->ca ? makeCrl(*m_state->ca, revoked) : std::nullopt;
}

std::optional<QByteArray> CertificateServices::legacyCrl(const QList<Revoked>& revoked) const
{
    return m_state->legacy ? makeCrl(*m_state->legacy, revoked) : std::nullopt;
}

CertificateServices::IssueResult CertificateServices::issue(const IssueRequest& request) const
{
    IssueResult result;
    const auto fail = [&result](IssueError error, const QString& detail) {
        result.error = error;
        result.detail = detail;
        return result;
    };
    if (!m_state->ca)
        return fail(IssueError::Internal, QStringLiteral("no CA"));
    const auto transport = pki::Sm2Key::fromSubjectPublicKeyInfo(request.transportPublicKey);
    if (!transport)
        return fail(IssueError::BadTransportKey, transport.detail());

    pki::Sm2Key signingPublic;
    std::optional<pki::Sm2Key> signingPair;
    if (request.csr) {
        // The CSR proves that the token holds the signing key: SM2 with the default ID 1234567812345678.
        const auto contents = pki::verifyCsr(*request.csr);
        if (!contents) {
            return fail(contents.status() == pki::PkiStatus::BadSignature ? IssueError::BadCsrSignature
                                                                          : IssueError::BadCsr,
                contents.detail());
        }
        signingPublic = contents->publicKey;
    } else {
        auto generated = pki::Sm2Key::generate();
        if (!generated)
            return fail(IssueError::Internal, generated.detail());
        signingPair = generated.value();
        signingPublic = signingPair->publicKey();
    }
    auto encryptionPair = pki::Sm2Key::generate();
    if (!encryptionPair)
        return fail(IssueError::Internal, encryptionPair.detail());

    const bool person = request.category == CertificateCategory::NaturalPerson;
    const pki::Subject subject = person ? pki::Subject::naturalPerson(request.name)
                                        : pki::Subject::institution(request.name, request.credentialNumber);
    pki::EndEntityRequest ee;
    ee.subject = subject;
    ee.personIdNumber = person ? request.credentialNumber : QString();
    ee.validity = {request.notBefore, request.notAfter};
    ee.crlUrl = request.crlUrl;
    ee.ocspUrl = request.ocspUrl;

    ee.profile = pki::CertificateProfile::Signing;
    ee.publicKey = signingPublic;
    const auto signing = m_state->ca->issueEndEntity(ee);
    if (!signing)
        return fail(IssueError::Internal, signing.detail());
    ee.profile = pki::CertificateProfile::Encryption;
    ee.publicKey = encryptionPair->publicKey();
    const auto encryption = m_state->ca->issueEndEntity(ee);
    if (!encryption)
        return fail(IssueError::Internal, encryption.detail());

    const auto encryptionEnvelope = pki::makeEnvelope(*encryptionPair, *transport);
    if (!encryptionEnvelope)
        return fail(IssueError::Internal, encryptionEnvelope.detail());
    if (signingPair) {
        const auto signingEnvelope = pki::makeEnvelope(*signingPair, *transport);
        if (!signingEnvelope)
            return fail(IssueError::Internal, signingEnvelope.detail());
        result.signingKeyEnvelope = *signingEnvelope;
    }
    result.signingCertificate = signing->der;
    result.signingSerial = signing->serialHex;
    result.encryptionCertificate = encryption->der;
    result.encryptionSerial = encryption->serialHex;
    result.encryptionKeyEnvelope = *encryptionEnvelope;
    return result;
}

} // namespace certdesk::server
