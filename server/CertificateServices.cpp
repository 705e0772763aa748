#include "CertificateServices.h"

#include "CaKeys.h"

#include "pki/CertificateAuthority.h"
#include "pki/CertificateInfo.h"
#include "pki/Csr.h"
#include "pki/Envelope.h"
#include "pki/KeyFile.h"
#include "pki/LegacyRsaCa.h"
#include "pki/Pem.h"
#include "pki/Sm2.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <functional>

namespace certdesk::server {

namespace {

const QString OcspSignerCertificateFile = QStringLiteral("ocsp-signer.pem");
const QString OcspSignerKeyFile = QStringLiteral("ocsp-signer.key");
// A delegated responder certificate lives a year (RFC 6960 §4.2.2.2.1: short-lived, since ocsp-nocheck means
// nobody checks its revocation) and is replaced at start when less than 30 days are left.
constexpr int kOcspSignerDays = 365;
constexpr qint64 kOcspSignerMarginSeconds = 30 * 24 * 3600;

struct OcspSignerMade
{
    QByteArray certificateDer;
    std::shared_ptr<EVP_PKEY> key;
};

// The delegated OCSP signer kept in `directory` (ocsp-signer.pem, ocsp-signer.key), or a new one from `make`
// when there is none or it no longer serves `issuerDer`. The key file is encrypted with `passphrase` unless
// it is empty (the sandbox).
std::optional<pki::OcspAuthority> loadOrMakeOcspSigner(const QString& directory, const QByteArray& issuerDer,
    const pki::SecureBytes& passphrase,
    const std::function<std::optional<OcspSignerMade>(const QDateTime&)>& make, QString* error)
{
    const QDir dir(directory);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    pki::OcspAuthority authority;
    authority.issuerDer = issuerDer;
    if (dir.exists(OcspSignerCertificateFile) && dir.exists(OcspSignerKeyFile)) {
        QFile file(dir.filePath(OcspSignerCertificateFile));
        const QList<QByteArray> certificates
            = file.open(QIODevice::ReadOnly) ? pki::certificatesFromPem(file.readAll()) : QList<QByteArray>();
        auto key = pki::readKeyFile(dir.filePath(OcspSignerKeyFile), passphrase);
        if (!key) {
            *error = QStringLiteral("OCSP signer key: ") + key.detail();
            return std::nullopt;
        }
        if (certificates.size() == 1
            && pki::ocspSignerUsable(
                certificates.front(), issuerDer, key->get(), now, kOcspSignerMarginSeconds)) {
            authority.signerCertificateDer = certificates.front();
            authority.signerKey = std::shared_ptr<EVP_PKEY>(key->release(), EVP_PKEY_free);
            return authority;
        }
    }
    auto made = make(now.addDays(kOcspSignerDays));
    if (!made) {
        *error = QStringLiteral("cannot make the OCSP signing certificate");
        return std::nullopt;
    }
    // A replaced signer's key goes: the new one is written under a temporary name and renamed, which does not
    // overwrite.
    QFile::remove(dir.filePath(OcspSignerKeyFile));
    QSaveFile certificateFile(dir.filePath(OcspSignerCertificateFile));
    const QByteArray pem = pki::certificateToPem(made->certificateDer);
    if (!pki::writeKeyFile(dir.filePath(OcspSignerKeyFile), made->key.get(), passphrase)
        || !certificateFile.open(QIODevice::WriteOnly) || certificateFile.write(pem) != pem.size()
        || !certificateFile.commit()) {
        *error = QStringLiteral("cannot write the OCSP signer files in %1").arg(directory);
        return std::nullopt;
    }
    authority.signerCertificateDer = made->certificateDer;
    authority.signerKey = made->key;
    return authority;
}

} // namespace

struct CertificateServices::State
{
    std::optional<pki::CertificateAuthority> ca;
    std::optional<pki::LegacyRsaCa> legacy;
    QList<pki::OcspAuthority> ocsp;
    QList<OcspIssuer> ocspIssuers;
    // Where each CA's crlnumber file is (empty: not kept).
    QString sm2CrlDir;
    QString legacyCrlDir;
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

bool CertificateServices::initSandbox(QString* error, QStringList* notices)
{
    const auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    const QString sm2Dir = m_dir + QStringLiteral("/sm2");
    const QString legacyDir = m_dir + QStringLiteral("/legacy-rsa");
    QString moveError;
    const QString notice = supersedeNonStandardCa(sm2Dir, &moveError);
    if (!moveError.isEmpty())
        return fail(moveError);
    if (!notice.isEmpty() && notices)
        notices->append(notice);
    if (!QDir().mkpath(sm2Dir))
        return fail(QStringLiteral("cannot create %1").arg(m_dir));
    auto ca = pki::CertificateAuthority::loadOrCreate(sm2Dir);
    if (!ca)
        return fail(QStringLiteral("SM2 CA: ") + ca.detail());
    m_state->ca = std::move(ca).value();
    m_state->sm2CrlDir = sm2Dir;
    if (!QDir().mkpath(legacyDir))
        return fail(QStringLiteral("cannot create %1").arg(legacyDir));
    auto legacy = pki::LegacyRsaCa::loadOrCreate(legacyDir);
    if (!legacy)
        return fail(QStringLiteral("legacy RSA CA: ") + legacy.detail());
    m_state->legacy = std::move(legacy).value();
    m_state->legacyCrlDir = legacyDir;
    return initOcsp(pki::SecureBytes(), sm2Dir, legacyDir, error);
}

bool CertificateServices::init(
    const ServiceOptions& options, const QString& dataDir, QString* error, QStringList* notices)
{
    const auto refuse = [](const QString& message) { throw ConfigurationError(message.toStdString()); };
    if (options.sandbox && options.caKey.kind == KeySource::Kind::Default && options.caDirectory.isEmpty()
        && options.legacyCertificate.isEmpty())
        return initSandbox(error, notices);

    const QString caDir = cakeys::caDirectory(options, dataDir);
    const QDir dir(caDir);
    if (!dir.exists(QStringLiteral("root-ca.pem")) || !dir.exists(QStringLiteral("issuing-ca.pem")))
        refuse(QStringLiteral(
            "there is no SM2 CA in %1: make one with `certdesk-server ca init --data-dir %2` (see "
            "docs/api.md), or start with --sandbox for the automatic training CA")
                   .arg(caDir, dataDir));
    const auto readCertificate = [&refuse](const QString& path) {
        QFile file(path);
        QList<QByteArray> certificates;
        if (file.open(QIODevice::ReadOnly)) {
            const QByteArray bytes = file.readAll();
            certificates = pki::certificatesFromPem(bytes);
            if (certificates.isEmpty() && !bytes.isEmpty())
                certificates = {bytes}; // DER
        }
        if (certificates.size() != 1)
            refuse(QStringLiteral("%1 must hold one certificate (PEM or DER)").arg(path));
        return certificates.front();
    };
    const QByteArray root = readCertificate(dir.filePath(QStringLiteral("root-ca.pem")));
    const QByteArray issuing = readCertificate(dir.filePath(QStringLiteral("issuing-ca.pem")));
    // The certificates first: a CA from an earlier CertDesk (signed with the empty SM2 ID) is named as such
    // before anything about its key.
    if (auto verified = pki::verifyCaCertificates(root, issuing); !verified)
        refuse(QStringLiteral("SM2 CA in %1: %2").arg(caDir, verified.detail()));
    const auto signer = cakeys::openIssuingSigner(options, caDir, options.sandbox);
    auto ca = pki::CertificateAuthority::fromSigner(root, issuing, signer);
    if (!ca)
        refuse(QStringLiteral("SM2 CA in %1: %2").arg(caDir, ca.detail()));
    if (auto persisted = ca->persistCrlNumberIn(caDir); !persisted)
        refuse(QStringLiteral("SM2 CA in %1: %2").arg(caDir, persisted.detail()));
    m_state->ca = std::move(ca).value();
    m_state->sm2CrlDir = caDir;

    const QString legacyDir = QDir(m_dir).filePath(QStringLiteral("legacy-rsa"));
    if (!options.legacyCertificate.isEmpty()) {
        const QByteArray legacyDer = readCertificate(options.legacyCertificate);
        pki::EvpPkeyPtr key;
        std::shared_ptr<const pki::RsaSigner> signer;
        switch (options.legacyKey.kind) {
        case KeySource::Kind::File:
            key = cakeys::readCheckedKeyFile(options.legacyKey.keyFile,
                cakeys::readSecret(options.legacyKey.passphraseFile, cakeys::LegacyPassphraseEnv),
                options.sandbox, QStringLiteral("legacy RSA CA key"));
            break;
        case KeySource::Kind::Pkcs11:
            signer = cakeys::openLegacySigner(options, legacyDer);
            break;
        case KeySource::Kind::Default:
        case KeySource::Kind::None:
            break;
        }
        auto legacy = signer ? pki::LegacyRsaCa::fromSigner(legacyDer, std::move(signer))
                             : pki::LegacyRsaCa::fromCertificate(legacyDer, std::move(key));
        if (!legacy)
            refuse(QStringLiteral("legacy RSA CA %1: %2").arg(options.legacyCertificate, legacy.detail()));
        m_state->legacy = std::move(legacy).value();
    } else if (!options.sandbox && pki::LegacyRsaCa::existsIn(legacyDir)) {
        // The configuration decides: outside the sandbox a CA key lies in clear nowhere, and a legacy CA left
        // in the data directory (by a sandbox run, or an earlier CertDesk) is not silently taken up or
        // ignored.
        refuse(QStringLiteral(
            "%1 holds a legacy RSA CA with a plain key file, which is refused outside --sandbox: configure "
            "the legacy CA in [legacy_ca] (certificate, encrypted key_file) and move that directory away "
            "(see docs/server.conf.example)")
                   .arg(legacyDir));
    } else if (options.sandbox) {
        auto legacy = pki::LegacyRsaCa::loadOrCreate(legacyDir);
        if (!legacy) {
            if (error)
                *error = QStringLiteral("legacy RSA CA: ") + legacy.detail();
            return false;
        }
        m_state->legacy = std::move(legacy).value();
    }
    if (m_state->legacy && m_state->legacy->hasKey()) {
        if (!QDir().mkpath(legacyDir))
            refuse(QStringLiteral("cannot create %1").arg(legacyDir));
        if (auto persisted = m_state->legacy->persistCrlNumberIn(legacyDir); !persisted)
            refuse(QStringLiteral("legacy RSA CA in %1: %2").arg(legacyDir, persisted.detail()));
        m_state->legacyCrlDir = legacyDir;
    }

    // The OCSP signers' keys: their own passphrase, else the issuing key file's.
    pki::SecureBytes passphrase
        = cakeys::readSecret(options.ocspKeyPassphraseFile, cakeys::OcspPassphraseEnv);
    if (passphrase.isEmpty() && options.caKey.kind != KeySource::Kind::Pkcs11)
        passphrase = cakeys::readSecret(options.caKey.passphraseFile, cakeys::CaPassphraseEnv);
    if (passphrase.isEmpty() && !options.sandbox)
        refuse(QStringLiteral(
            "the OCSP signing keys are kept encrypted: give a passphrase in [ocsp] key_passphrase_file "
            "or %1")
                   .arg(QString::fromLatin1(cakeys::OcspPassphraseEnv)));
    return initOcsp(passphrase, caDir, legacyDir, error);
}

bool CertificateServices::initOcsp(
    const pki::SecureBytes& passphrase, const QString& sm2Dir, const QString& legacyDir, QString* error)
{
    QString message;
    const pki::CertificateAuthority ca = *m_state->ca;
    const auto sm2 = loadOrMakeOcspSigner(
        sm2Dir, ca.issuingCertificate(), passphrase,
        [&ca](const QDateTime& notAfter) -> std::optional<OcspSignerMade> {
            auto key = pki::Sm2Key::generate();
            if (!key)
                return std::nullopt;
            const auto issuing = pki::CertificateInfo::parse(ca.issuingCertificate());
            if (!issuing)
                return std::nullopt;
            pki::EndEntityRequest request;
            request.profile = pki::CertificateProfile::OcspSigning;
            request.subject = issuing->subject;
            request.subject.serialNumber.clear();
            request.subject.commonName += QStringLiteral(" OCSP Responder");
            request.publicKey = key->publicKey();
            request.validity
                = {QDateTime::currentDateTimeUtc().addSecs(-3600), std::min(notAfter, ca.issuingNotAfter())};
            const auto issued = ca.issueEndEntity(request);
            if (!issued)
                return std::nullopt;
            EVP_PKEY* raw = key->evpPkey();
            EVP_PKEY_up_ref(raw);
            return OcspSignerMade {issued->der, std::shared_ptr<EVP_PKEY>(raw, EVP_PKEY_free)};
        },
        &message);
    if (!sm2) {
        if (error)
            *error = QStringLiteral("SM2 CA: ") + message;
        return false;
    }
    m_state->ocsp = {*sm2};
    m_state->ocspIssuers = {OcspIssuer::Sm2};
    if (m_state->legacy && m_state->legacy->hasKey()) {
        const pki::LegacyRsaCa legacy = *m_state->legacy;
        const auto rsa = loadOrMakeOcspSigner(
            legacyDir, legacy.certificate(), passphrase,
            [&legacy](const QDateTime& notAfter) -> std::optional<OcspSignerMade> {
                auto made = legacy.issueOcspSigner(notAfter);
                if (!made)
                    return std::nullopt;
                return OcspSignerMade {made->certificateDer, made->key};
            },
            &message);
        if (!rsa) {
            if (error)
                *error = QStringLiteral("legacy RSA CA: ") + message;
            return false;
        }
        m_state->ocsp.append(*rsa);
        m_state->ocspIssuers.append(OcspIssuer::Legacy);
    }
    return true;
}

QList<pki::OcspAuthority> CertificateServices::ocspAuthorities() const
{
    return m_state->ocsp;
}

QList<CertificateServices::OcspIssuer> CertificateServices::ocspIssuers() const
{
    return m_state->ocspIssuers;
}

bool CertificateServices::hasLegacyCa() const
{
    return m_state->legacy.has_value();
}

bool CertificateServices::holdsLegacyCaKey() const
{
    return m_state->legacy && m_state->legacy->hasKey();
}

QByteArray CertificateServices::legacyCertificatePem() const
{
    return m_state->legacy ? pki::certificateToPem(m_state->legacy->certificate()) : QByteArray();
}

bool CertificateServices::canMintLegacy() const
{
    // Minting needs the legacy CA's key: a CA configured with its certificate only mints nothing.
    return m_state->legacy && m_state->legacy->hasKey();
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

bool CertificateServices::reloadCrlNumber(OcspIssuer which) const
{
    if (which == OcspIssuer::Sm2)
        return !m_state->ca || m_state->sm2CrlDir.isEmpty()
            || static_cast<bool>(m_state->ca->persistCrlNumberIn(m_state->sm2CrlDir));
    return !m_state->legacy || m_state->legacyCrlDir.isEmpty()
        || static_cast<bool>(m_state->legacy->persistCrlNumberIn(m_state->legacyCrlDir));
}

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
