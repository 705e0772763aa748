#include "pki/CertificateAuthority.h"

#include "pki/CaSigner.h"
#include "pki/CertificateChain.h"
#include "pki/CrlBuilder.h"
#include "pki/KeyUsage.h"
#include "pki/Ocsp.h"
#include "pki/OpenSslSupport.h"
#include "pki/Pem.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <QUrl>

#include <openssl/obj_mac.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <mutex>
#include <tuple>

namespace certdesk::pki {

using namespace detail;

namespace {

const QString RootCertificateFile = QStringLiteral("root-ca.pem");
const QString RootKeyFile = QStringLiteral("root-ca.key");
const QString IssuingCertificateFile = QStringLiteral("issuing-ca.pem");
const QString IssuingKeyFile = QStringLiteral("issuing-ca.key");
const QString CrlNumberFile = QStringLiteral("crlnumber");

X509Ptr parseCertificate(QByteArrayView der)
{
    return decodeDer<X509Ptr>(der, d2i_X509);
}

QByteArray certificateDer(X509* certificate)
{
    return encodeDer([certificate](unsigned char** out) { return i2d_X509(certificate, out); });
}

// anyPolicy (RFC 5280 §4.2.1.4): what CA certificates carry, so that any policy of the end-entity
// certificates below them is allowed.
const QString AnyPolicyOid = QStringLiteral("2.5.29.32.0");

// An extension from OpenSSL's configuration syntax ("URI:http://...", "OCSP;URI:...", an OID list). Values
// come from CertDesk's own settings, never from an applicant.
X509ExtensionPtr configExtension(int nid, const QString& value, bool critical)
{
    const QByteArray text = (critical ? QByteArrayLiteral("critical,") : QByteArray()) + value.toLatin1();
    X509V3_CTX context;
    X509V3_set_ctx(&context, nullptr, nullptr, nullptr, nullptr, 0);
    return X509ExtensionPtr(X509V3_EXT_conf_nid(nullptr, &context, nid, text.constData()));
}

// An http(s) URL as an extension value: encoded ASCII, and a comma (the configuration syntax's separator)
// percent-encoded. Empty for anything but an absolute http/https URL.
QString extensionUrl(const QString& url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty()
        || (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https")))
        return {};
    return QString::fromLatin1(parsed.toEncoded()).replace(QLatin1Char(','), QStringLiteral("%2C"));
}

// certificatePolicies { PolicyInformation { policyIdentifier } } (RFC 5280 §4.2.1.4), non-critical, without
// qualifiers. Built from structures: OpenSSL's configuration syntax for it wants a configuration database.
X509ExtensionPtr policiesExtension(const QString& oid)
{
    std::unique_ptr<CERTIFICATEPOLICIES, OpenSslDeleter<&CERTIFICATEPOLICIES_free>> policies(
        sk_POLICYINFO_new_null());
    std::unique_ptr<POLICYINFO, OpenSslDeleter<&POLICYINFO_free>> info(POLICYINFO_new());
    if (!policies || !info)
        return {};
    ASN1_OBJECT_free(info->policyid);
    info->policyid = OBJ_txt2obj(oid.toLatin1().constData(), 1);
    if (info->policyid == nullptr || sk_POLICYINFO_push(policies.get(), info.get()) <= 0)
        return {};
    (void)info.release(); // owned by the stack
    return makeExtension(NID_certificate_policies, policies.get(), false);
}

bool addExtension(X509* certificate, const X509ExtensionPtr& extension)
{
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

PkiResult<QByteArray> signCertificate(X509* certificate, EVP_PKEY* key, QByteArrayView id)
{
    auto context = sm2SignContext(key, id);
    if (!context)
        return context.error();
    if (X509_sign_ctx(certificate, context->mdContext.get()) <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("signing the certificate failed"));
    QByteArray der = certificateDer(certificate);
    if (der.isEmpty())
        return pkiError(PkiStatus::InternalError, QStringLiteral("encoding the certificate failed"));
    return der;
}

// Root (issuer == null: self-signed) or issuing CA certificate.
PkiResult<CaCredential> createCa(const CaCredential* issuer, const Subject& subject, const Validity& validity,
    QByteArrayView signatureId, const Sm2Key* existingKey = nullptr)
{
    ErrorQueueGuard guard;
    auto key = existingKey != nullptr ? PkiResult<Sm2Key>(existingKey->publicKey()) : Sm2Key::generate();
    if (!key)
        return key.error();
    auto name = toX509Name(subject);
    if (!name)
        return name.error();
    X509Ptr issuerCertificate;
    if (issuer != nullptr) {
        issuerCertificate = parseCertificate(issuer->certificateDer);
        if (!issuerCertificate || issuer->key.isNull() || !issuer->key.hasPrivateKey())
            return pkiError(
                PkiStatus::BadInput, QStringLiteral("the issuing CA needs a root certificate and key"));
    }
    const Asn1IntegerPtr serial = randomSerial();
    X509Ptr certificate(X509_new());
    if (!serial || !certificate)
        return pkiError(PkiStatus::InternalError, QStringLiteral("allocation failed"));
    const X509_NAME* issuerName
        = issuerCertificate ? X509_get_subject_name(issuerCertificate.get()) : name->get();
    if (auto filled = fillCertificate(certificate.get(), serial.get(), issuerName, name->get(),
            validity.notBefore, validity.notAfter, key->evpPkey());
        !filled)
        return filled.error();

    // RFC 5280 §4.2.1.9: basicConstraints critical in CA certificates; the issuing CA signs end entities
    // only.
    const X509ExtensionPtr constraints = basicConstraintsExtension(true, issuer != nullptr ? 0 : -1, true);
    const X509ExtensionPtr usage = keyUsageExtension(KeyUsage::KeyCertSign | KeyUsage::CrlSign);
    if (!constraints || !usage || X509_add_ext(certificate.get(), constraints.get(), -1) != 1
        || X509_add_ext(certificate.get(), usage.get(), -1) != 1
        || !addSubjectKeyIdentifier(certificate.get())
        || !addExtension(certificate.get(), policiesExtension(AnyPolicyOid)))
        return pkiError(PkiStatus::InternalError, QStringLiteral("adding CA extensions failed"));
    // A root is its own authority; its key identifier comes from the key, not from the unsigned certificate.
    const Asn1OctetStringPtr ownKeyId = subjectKeyIdentifier(X509_get_X509_PUBKEY(certificate.get()));
    const X509ExtensionPtr authorityKeyId = issuerCertificate
        ? authorityKeyIdentifierExtension(issuerCertificate.get())
        : authorityKeyIdentifierExtension(ownKeyId.get());
    if (!authorityKeyId || X509_add_ext(certificate.get(), authorityKeyId.get(), -1) != 1)
        return pkiError(
            PkiStatus::InternalError, QStringLiteral("adding the authority key identifier failed"));

    EVP_PKEY* signingKey = issuer != nullptr ? issuer->key.evpPkey() : key->evpPkey();
    auto der = signCertificate(certificate.get(), signingKey, signatureId);
    if (!der)
        return der.error();
    return CaCredential {std::move(*der), std::move(*key)};
}

QDateTime nowUtc()
{
    // Whole seconds: certificate times have no fractions, and equal values must compare equal after a round
    // trip.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC);
}

// PEM of a private key, PKCS#8 unencrypted, built in OpenSSL's secure-memory BIO and copied into SecureBytes.
PkiResult<SecureBytes> privateKeyPem(const Sm2Key& key)
{
    BioPtr bio(BIO_new(BIO_s_secmem()));
    if (!bio
        || PEM_write_bio_PKCS8PrivateKey(bio.get(), key.evpPkey(), nullptr, nullptr, 0, nullptr, nullptr)
            != 1)
        return pkiError(PkiStatus::InternalError, QStringLiteral("encoding the CA key failed"));
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    if (length <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("encoding the CA key failed"));
    return SecureBytes(reinterpret_cast<const unsigned char*>(data), static_cast<std::size_t>(length));
}

PkiResult<Sm2Key> privateKeyFromPem(const SecureBytes& pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    EvpPkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the CA key file is unreadable"));
    return Sm2Key::fromEvpPkey(std::move(key));
}

PkiResult<QByteArray> readCertificateFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return pkiError(
            PkiStatus::BadInput, QStringLiteral("cannot read %1").arg(QFileInfo(path).fileName()));
    const QList<QByteArray> certificates = certificatesFromPem(file.readAll());
    if (certificates.size() != 1)
        return pkiError(PkiStatus::BadInput,
            QStringLiteral("%1 must hold one certificate").arg(QFileInfo(path).fileName()));
    return certificates.front();
}

// Whether `issuer`'s key signed `certificate`, checking an SM2 signature with `id`.
bool signedBy(X509* certificate, X509* issuer, QByteArrayView id)
{
    EVP_PKEY* issuerKey = X509_get0_pubkey(issuer);
    if (issuerKey == nullptr)
        return false;
    const bool sm2 = X509_get_signature_nid(certificate) == NID_SM2_with_SM3;
    if (sm2) {
        Asn1OctetStringPtr octets = makeOctetString(id);
        if (!octets)
            return false;
        X509_set0_distinguishing_id(certificate, octets.release());
    }
    const bool verified = X509_verify(certificate, issuerKey) == 1;
    if (sm2)
        X509_set0_distinguishing_id(certificate, nullptr);
    ERR_clear_error();
    return verified;
}

// RFC 5280 §4.2.1.13 cRLDistributionPoints (one fullName URI) and §4.2.2.1 authorityInfoAccess with an
// id-ad-ocsp URI, both non-critical; an empty URL leaves its extension out.
PkiResult<void> addRevocationPointers(X509* certificate, const QString& crlUrl, const QString& ocspUrl)
{
    for (const auto& [url, nid, prefix] : {std::tuple {crlUrl, NID_crl_distribution_points, "URI:"},
             std::tuple {ocspUrl, NID_info_access, "OCSP;URI:"}}) {
        if (url.isEmpty())
            continue;
        const QString value = extensionUrl(url);
        if (value.isEmpty())
            return pkiError(PkiStatus::BadInput, QStringLiteral("not an http(s) URL: %1").arg(url));
        if (!addExtension(certificate, configExtension(nid, QLatin1String(prefix) + value, false)))
            return pkiError(PkiStatus::InternalError, QStringLiteral("adding %1 failed").arg(url));
    }
    return {};
}

// The subject's CN for error messages that name a certificate.
QString describe(const char* what, X509* certificate)
{
    const Subject subject = fromX509Name(X509_get_subject_name(certificate));
    return QStringLiteral("%1 (CN=%2)").arg(QLatin1String(what), subject.commonName);
}

bool serialIsValid(const QByteArray& serial)
{
    // RFC 5280 §4.1.2.2: positive, at most 20 octets.
    return !serial.isEmpty() && serial.size() <= 20
        && (static_cast<unsigned char>(serial.front()) & 0x80) == 0 && serial.count('\0') != serial.size();
}

} // namespace

struct CertificateAuthority::State
{
    CaSettings settings;
    QString directory; // empty: in memory only
    QByteArray rootDer;
    QByteArray issuingDer;
    X509Ptr issuing;
    std::shared_ptr<const Sm2Signer> signer;
    QDateTime issuingNotAfter;
    // Extensions identical in every end-entity certificate, built once (X509_add_ext copies them).
    X509ExtensionPtr endEntityConstraints;
    X509ExtensionPtr signingUsage;
    X509ExtensionPtr encryptionUsage;
    X509ExtensionPtr signingExtendedUsage;
    X509ExtensionPtr ocspUsage;
    X509ExtensionPtr authorityKeyId;
    X509ExtensionPtr policies;

    CrlNumberCounter crlNumber;
};

Subject CaSettings::defaultRootSubject()
{
    Subject subject;
    subject.country = QStringLiteral("CN");
    subject.organization = QStringLiteral("CertDesk");
    subject.commonName = QStringLiteral("CertDesk SM2 Root CA");
    return subject;
}

Subject CaSettings::defaultIssuingSubject()
{
    Subject subject;
    subject.country = QStringLiteral("CN");
    subject.organization = QStringLiteral("CertDesk");
    subject.commonName = QStringLiteral("CertDesk SM2 Issuing CA");
    return subject;
}

CertificateAuthority::CertificateAuthority(std::shared_ptr<State> state)
    : m_state(std::move(state))
{ }

PkiResult<CaCredential> CertificateAuthority::createRoot(
    const Subject& subject, const Validity& validity, QByteArrayView signatureId)
{
    return createCa(nullptr, subject, validity, signatureId);
}

PkiResult<CaCredential> CertificateAuthority::createIssuing(
    const CaCredential& root, const Subject& subject, const Validity& validity, QByteArrayView signatureId)
{
    return createCa(&root, subject, validity, signatureId);
}

PkiResult<QByteArray> CertificateAuthority::certifyIssuing(const CaCredential& root, const Sm2Key& publicKey,
    const Subject& subject, const Validity& validity, QByteArrayView signatureId)
{
    if (publicKey.isNull())
        return pkiError(PkiStatus::BadInput, QStringLiteral("no public key to certify"));
    auto credential = createCa(&root, subject, validity, signatureId, &publicKey);
    if (!credential)
        return credential.error();
    return credential->certificateDer;
}

PkiResult<void> CertificateAuthority::persistCrlNumberIn(const QString& directory)
{
    m_state->directory = directory;
    return m_state->crlNumber.load(QDir(directory).filePath(CrlNumberFile));
}

PkiResult<CertificateAuthority> CertificateAuthority::fromCredentials(
    const CaCredential& root, const CaCredential& issuing, const CaSettings& settings)
{
    ErrorQueueGuard guard;
    X509Ptr rootCertificate = parseCertificate(root.certificateDer);
    X509Ptr issuingCertificate = parseCertificate(issuing.certificateDer);
    if (!rootCertificate || !issuingCertificate)
        return pkiError(PkiStatus::BadInput, QStringLiteral("a CA certificate is not DER X.509"));
    if (issuing.key.isNull() || !issuing.key.hasPrivateKey())
        return pkiError(PkiStatus::BadInput, QStringLiteral("the issuing CA private key is missing"));
    if (X509_check_private_key(issuingCertificate.get(), issuing.key.evpPkey()) != 1
        || (!root.key.isNull() && X509_check_private_key(rootCertificate.get(), root.key.evpPkey()) != 1))
        return pkiError(PkiStatus::KeyMismatch, QStringLiteral("a CA key does not match its certificate"));
    return fromSigner(root.certificateDer, issuing.certificateDer,
        std::make_shared<SoftwareSm2Signer>(issuing.key), settings);
}

PkiResult<CertificateAuthority> CertificateAuthority::fromSigner(const QByteArray& rootDer,
    const QByteArray& issuingDer, std::shared_ptr<const Sm2Signer> signer, const CaSettings& settings)
{
    ErrorQueueGuard guard;
    X509Ptr rootCertificate = parseCertificate(rootDer);
    X509Ptr issuingCertificate = parseCertificate(issuingDer);
    if (!rootCertificate || !issuingCertificate)
        return pkiError(PkiStatus::BadInput, QStringLiteral("a CA certificate is not DER X.509"));
    if (!signer)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the issuing CA has no signing key"));
    EVP_PKEY* certifiedKey = X509_get0_pubkey(issuingCertificate.get());
    if (certifiedKey == nullptr || EVP_PKEY_eq(certifiedKey, signer->publicKey().evpPkey()) != 1)
        return pkiError(
            PkiStatus::KeyMismatch, QStringLiteral("the issuing CA key does not match its certificate"));
    if (X509_check_issued(rootCertificate.get(), issuingCertificate.get()) != X509_V_OK)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the issuing CA was not issued by the root"));
    if (auto verified = verifyCaCertificates(rootDer, issuingDer); !verified)
        return verified.error();

    auto state = std::make_shared<State>();
    state->settings = settings;
    state->rootDer = rootDer;
    state->issuingDer = issuingDer;
    state->signer = std::move(signer);
    state->issuingNotAfter = fromAsn1Time(X509_get0_notAfter(issuingCertificate.get()));
    state->endEntityConstraints = basicConstraintsExtension(false, -1, false);
    state->signingUsage = keyUsageExtension(KeyUsage::DigitalSignature | KeyUsage::NonRepudiation);
    // GM/T 0015-2012 §6 / docs/pki.md: the signing certificate signs (and proves non-repudiation), the
    // encryption certificate carries the KMC-escrowed key used to encrypt bid files to the holder (key and
    // data encipherment, and keyAgreement for SM2 key exchange, GB/T 32918.3).
    state->encryptionUsage
        = keyUsageExtension(KeyUsage::KeyEncipherment | KeyUsage::DataEncipherment | KeyUsage::KeyAgreement);
    // Bidding platforms log in with the signing certificate (TLS client authentication).
    state->signingExtendedUsage = configExtension(NID_ext_key_usage, QStringLiteral("clientAuth"), false);
    state->ocspUsage = keyUsageExtension(KeyUsage::DigitalSignature);
    state->authorityKeyId = authorityKeyIdentifierExtension(issuingCertificate.get());
    state->policies = policiesExtension(settings.policyOid);
    state->issuing = std::move(issuingCertificate);
    if (!state->endEntityConstraints || !state->signingUsage || !state->encryptionUsage
        || !state->signingExtendedUsage || !state->ocspUsage || !state->authorityKeyId || !state->policies)
        return pkiError(
            PkiStatus::InternalError, QStringLiteral("preparing the end-entity extensions failed"));
    return CertificateAuthority(std::move(state));
}

PkiResult<CertificateAuthority> CertificateAuthority::loadOrCreate(
    const QString& directory, const CaSettings& settings)
{
    ErrorQueueGuard guard;
    const QDir dir(directory);
    if (!dir.exists() && !QDir().mkpath(directory))
        return pkiError(PkiStatus::BadInput, QStringLiteral("cannot create the CA directory"));
    const QStringList files {RootCertificateFile, RootKeyFile, IssuingCertificateFile, IssuingKeyFile};
    qsizetype present = 0;
    for (const QString& file : files)
        present += dir.exists(file) ? 1 : 0;
    if (present != 0 && present != files.size())
        return pkiError(
            PkiStatus::BadInput, QStringLiteral("the CA directory is incomplete; refusing to replace it"));

    CaCredential root;
    CaCredential issuing;
    if (present == 0) {
        const QDateTime now = nowUtc();
        // Back-dated one day so that a client whose clock runs a little behind still accepts the chain.
        auto createdRoot = createRoot(
            settings.rootSubject, Validity {now.addDays(-1), now.addYears(settings.rootValidityYears)});
        if (!createdRoot)
            return createdRoot.error();
        auto createdIssuing = createIssuing(*createdRoot, settings.issuingSubject,
            Validity {now.addDays(-1), now.addYears(settings.issuingValidityYears)});
        if (!createdIssuing)
            return createdIssuing.error();
        auto rootKeyPem = privateKeyPem(createdRoot->key);
        auto issuingKeyPem = privateKeyPem(createdIssuing->key);
        if (!rootKeyPem || !issuingKeyPem)
            return rootKeyPem ? issuingKeyPem.error() : rootKeyPem.error();
        // Keys first: a crash in between leaves an incomplete directory, which the check above refuses.
        if (!writePrivateFile(dir.filePath(RootKeyFile), rootKeyPem->view())
            || !writePrivateFile(dir.filePath(IssuingKeyFile), issuingKeyPem->view())
            || !writePublicFile(
                dir.filePath(RootCertificateFile), certificateToPem(createdRoot->certificateDer))
            || !writePublicFile(
                dir.filePath(IssuingCertificateFile), certificateToPem(createdIssuing->certificateDer)))
            return pkiError(PkiStatus::InternalError, QStringLiteral("writing the CA files failed"));
        root = std::move(*createdRoot);
        issuing = std::move(*createdIssuing);
    } else {
        auto rootDer = readCertificateFile(dir.filePath(RootCertificateFile));
        auto issuingDer = readCertificateFile(dir.filePath(IssuingCertificateFile));
        if (!rootDer || !issuingDer)
            return rootDer ? issuingDer.error() : rootDer.error();
        auto rootKeyPem = readPrivateFile(dir.filePath(RootKeyFile));
        auto issuingKeyPem = readPrivateFile(dir.filePath(IssuingKeyFile));
        if (!rootKeyPem || !issuingKeyPem)
            return rootKeyPem ? issuingKeyPem.error() : rootKeyPem.error();
        auto rootKey = privateKeyFromPem(*rootKeyPem);
        auto issuingKey = privateKeyFromPem(*issuingKeyPem);
        if (!rootKey || !issuingKey)
            return rootKey ? issuingKey.error() : rootKey.error();
        root = CaCredential {std::move(*rootDer), std::move(*rootKey)};
        issuing = CaCredential {std::move(*issuingDer), std::move(*issuingKey)};
    }

    auto authority = fromCredentials(root, issuing, settings);
    if (!authority)
        return authority.error();
    authority->m_state->directory = directory;
    if (auto loaded = authority->m_state->crlNumber.load(dir.filePath(CrlNumberFile)); !loaded)
        return loaded.error();
    return authority;
}

PkiResult<IssuedCertificate> CertificateAuthority::issueEndEntity(const EndEntityRequest& request) const
{
    ErrorQueueGuard guard;
    const State& state = *m_state;
    if (request.publicKey.isNull())
        return pkiError(PkiStatus::BadInput, QStringLiteral("no public key to certify"));
    if (request.validity.notAfter > state.issuingNotAfter)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the certificate would outlive the issuing CA"));
    if (request.subject.commonName.isEmpty())
        return pkiError(PkiStatus::BadInput, QStringLiteral("the subject needs a common name"));
    auto subject = toX509Name(request.subject);
    if (!subject)
        return subject.error();

    Asn1IntegerPtr serial;
    if (request.serial.isEmpty()) {
        serial = randomSerial();
    } else {
        if (!serialIsValid(request.serial))
            return pkiError(
                PkiStatus::BadInput, QStringLiteral("a serial number is 1 to 20 octets and positive"));
        BignumPtr number(BN_bin2bn(uchars(request.serial), static_cast<int>(request.serial.size()), nullptr));
        serial.reset(number ? BN_to_ASN1_INTEGER(number.get(), nullptr) : nullptr);
    }
    X509Ptr certificate(X509_new());
    if (!serial || !certificate)
        return pkiError(PkiStatus::InternalError, QStringLiteral("allocation failed"));
    if (auto filled = fillCertificate(certificate.get(), serial.get(),
            X509_get_subject_name(state.issuing.get()), subject->get(), request.validity.notBefore,
            request.validity.notAfter, request.publicKey.evpPkey());
        !filled)
        return filled.error();

    const bool signing = request.profile == CertificateProfile::Signing;
    const X509_EXTENSION* usage = signing                   ? state.signingUsage.get()
        : request.profile == CertificateProfile::Encryption ? state.encryptionUsage.get()
                                                            : state.ocspUsage.get();
    if (X509_add_ext(certificate.get(), state.endEntityConstraints.get(), -1) != 1
        || X509_add_ext(certificate.get(), const_cast<X509_EXTENSION*>(usage), -1) != 1
        || (signing && X509_add_ext(certificate.get(), state.signingExtendedUsage.get(), -1) != 1)
        || !addSubjectKeyIdentifier(certificate.get())
        || X509_add_ext(certificate.get(), state.authorityKeyId.get(), -1) != 1
        || X509_add_ext(certificate.get(), state.policies.get(), -1) != 1)
        return pkiError(PkiStatus::InternalError, QStringLiteral("adding certificate extensions failed"));
    if (auto added = addRevocationPointers(certificate.get(), request.crlUrl, request.ocspUrl); !added)
        return added.error();
    if (request.profile == CertificateProfile::OcspSigning && !addOcspSigningExtensions(certificate.get()))
        return pkiError(
            PkiStatus::InternalError, QStringLiteral("adding the OCSP signing extensions failed"));
    if (!request.personIdNumber.isEmpty() && !addPersonIdentity(certificate.get(), request.personIdNumber))
        return pkiError(PkiStatus::BadInput, QStringLiteral("the ID number is not printable"));

    auto der = signCertificateWith(certificate.get(), *state.signer, sm2DefaultId());
    if (!der)
        return der.error();
    return IssuedCertificate {std::move(*der), integerToHex(X509_get0_serialNumber(certificate.get()))};
}

PkiResult<QByteArray> CertificateAuthority::makeCrl(
    const QList<RevokedCertificate>& revoked, const QDateTime& thisUpdate, const QDateTime& nextUpdate) const
{
    ErrorQueueGuard guard;
    State& state = *m_state;
    auto crl = buildCrl(state.issuing.get(), state.authorityKeyId.get(), revoked, thisUpdate, nextUpdate);
    if (!crl)
        return crl.error();
    if (auto numbered = addCrlNumber(crl->get(), state.crlNumber); !numbered)
        return numbered.error();
    // GM/T 0009: CA objects are signed with the default SM2 user ID, like every other SM2 signature.
    return signCrlWith(crl->get(), *state.signer, sm2DefaultId());
}

PkiResult<void> CertificateAuthority::verifyChain(const QByteArray& leafDer, const QDateTime& at) const
{
    return verifyCertificateChain(leafDer, {m_state->issuingDer}, {m_state->rootDer}, at);
}

QByteArray CertificateAuthority::rootCertificate() const
{
    return m_state->rootDer;
}

QByteArray CertificateAuthority::issuingCertificate() const
{
    return m_state->issuingDer;
}

QList<QByteArray> CertificateAuthority::chain() const
{
    return {m_state->issuingDer, m_state->rootDer};
}

QByteArray CertificateAuthority::chainPem() const
{
    return certificateToPem(m_state->issuingDer) + certificateToPem(m_state->rootDer);
}

QDateTime CertificateAuthority::issuingNotAfter() const
{
    return m_state->issuingNotAfter;
}

qint64 CertificateAuthority::lastCrlNumber() const
{
    return m_state->crlNumber.last();
}

PkiResult<void> verifyCaCertificates(const QByteArray& rootDer, const QByteArray& issuingDer)
{
    ErrorQueueGuard guard;
    const X509Ptr root = parseCertificate(rootDer);
    const X509Ptr issuing = parseCertificate(issuingDer);
    if (!root || !issuing)
        return pkiError(PkiStatus::BadInput, QStringLiteral("a CA certificate is not DER X.509"));
    const QString id = QString::fromLatin1(sm2DefaultId().toByteArray());
    if (!signedBy(root.get(), root.get(), sm2DefaultId()))
        return pkiError(PkiStatus::BadSignature,
            QStringLiteral("%1: the self-signature does not verify with the SM2 user ID %2")
                .arg(describe("the root CA certificate", root.get()), id));
    if (!signedBy(issuing.get(), root.get(), sm2DefaultId()))
        return pkiError(PkiStatus::BadSignature,
            QStringLiteral("%1: the root's signature does not verify with the SM2 user ID %2")
                .arg(describe("the issuing CA certificate", issuing.get()), id));
    return {};
}

} // namespace certdesk::pki
