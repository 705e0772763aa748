#include "pki/LegacyRsaCa.h"

#include "pki/CrlBuilder.h"
#include "pki/KeyUsage.h"
#include "pki/Ocsp.h"
#include "pki/OpenSslSupport.h"
#include "pki/Pem.h"

#include <QDir>
#include <QFile>

#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace certdesk::pki {

using namespace detail;

namespace {

const QString CertificateFile = QStringLiteral("legacy-rsa-ca.pem");
const QString KeyFile = QStringLiteral("legacy-rsa-ca.key");
const QString CrlNumberFile = QStringLiteral("crlnumber");
constexpr std::size_t RsaBits = 2048;

EvpPkeyPtr generateRsaKey()
{
    EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY* key = nullptr;
    if (!context || EVP_PKEY_keygen_init(context.get()) <= 0
        || EVP_PKEY_CTX_set_rsa_keygen_bits(context.get(), static_cast<int>(RsaBits)) <= 0
        || EVP_PKEY_generate(context.get(), &key) <= 0)
        return {};
    return EvpPkeyPtr(key);
}

PkiResult<QByteArray> signSha256(X509* certificate, EVP_PKEY* key)
{
    EvpMdCtxPtr context(EVP_MD_CTX_new());
    if (!context || EVP_DigestSignInit(context.get(), nullptr, sha256Digest(), nullptr, key) <= 0
        || X509_sign_ctx(certificate, context.get()) <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("signing the RSA certificate failed"));
    QByteArray der = encodeDer([certificate](unsigned char** out) { return i2d_X509(certificate, out); });
    if (der.isEmpty())
        return pkiError(PkiStatus::InternalError, QStringLiteral("encoding the RSA certificate failed"));
    return der;
}

// A throwaway RSA key whose only use is to make OpenSSL fill in sha256WithRSAEncryption (with its NULL
// parameters, RFC 4055 §5) when an HSM signs; its signature is replaced before anything leaves this file.
EVP_PKEY* placeholderRsaKey()
{
    static const EvpPkeyPtr key = generateRsaKey();
    return key.get();
}

QDateTime nowUtc()
{
    return QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
}

} // namespace

struct LegacyRsaCa::State
{
    QByteArray certificateDer;
    X509Ptr certificate;
    EvpPkeyPtr key;
    // The key in an HSM instead of `key`.
    std::shared_ptr<const RsaSigner> signer;
    X509ExtensionPtr authorityKeyId;
    X509ExtensionPtr endEntityConstraints;
    X509ExtensionPtr endEntityUsage;
    // The only mutable part of a shared, otherwise immutable state; CrlNumberCounter locks itself.
    mutable CrlNumberCounter crlNumber;
};

LegacyRsaCa::LegacyRsaCa(std::shared_ptr<const State> state)
    : m_state(std::move(state))
{ }

PkiResult<QByteArray> LegacyRsaCa::signCertificate(X509* certificate) const
{
    if (m_state->key)
        return signSha256(certificate, m_state->key.get());
    EvpMdCtxPtr context(EVP_MD_CTX_new());
    EVP_PKEY* placeholder = placeholderRsaKey();
    if (!m_state->signer || !context || placeholder == nullptr
        || EVP_DigestSignInit(context.get(), nullptr, sha256Digest(), nullptr, placeholder) <= 0)
        return pkiError(
            PkiStatus::Unsupported, QStringLiteral("the service does not hold the legacy CA key"));
    const RsaSigner& signer = *m_state->signer;
    return signCertificateExternally(
        certificate, context.get(), [&signer](QByteArrayView tbs) { return signer.signSha256(tbs); });
}

PkiResult<QByteArray> LegacyRsaCa::signCrl(X509_CRL* crl) const
{
    EvpMdCtxPtr context(EVP_MD_CTX_new());
    EVP_PKEY* key = m_state->key ? m_state->key.get() : placeholderRsaKey();
    if (!context || key == nullptr || (!m_state->key && !m_state->signer)
        || EVP_DigestSignInit(context.get(), nullptr, sha256Digest(), nullptr, key) <= 0)
        return pkiError(
            PkiStatus::Unsupported, QStringLiteral("the service does not hold the legacy CA key"));
    if (!m_state->key) {
        const RsaSigner& signer = *m_state->signer;
        return signCrlExternally(
            crl, context.get(), [&signer](QByteArrayView tbs) { return signer.signSha256(tbs); });
    }
    if (X509_CRL_sign_ctx(crl, context.get()) <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("signing the legacy CRL failed"));
    QByteArray der = encodeDer([crl](unsigned char** out) { return i2d_X509_CRL(crl, out); });
    if (der.isEmpty())
        return pkiError(PkiStatus::InternalError, QStringLiteral("encoding the legacy CRL failed"));
    return der;
}

PkiResult<LegacyRsaCa> LegacyRsaCa::loadOrCreate(const QString& directory)
{
    ErrorQueueGuard guard;
    const QDir dir(directory);
    if (!dir.exists() && !QDir().mkpath(directory))
        return pkiError(PkiStatus::BadInput, QStringLiteral("cannot create the legacy CA directory"));
    const bool hasCertificate = dir.exists(CertificateFile);
    if (hasCertificate != dir.exists(KeyFile))
        return pkiError(PkiStatus::BadInput, QStringLiteral("the legacy CA directory is incomplete"));

    auto state = std::make_shared<State>();
    if (!hasCertificate) {
        state->key = generateRsaKey();
        Subject subject;
        subject.country = QStringLiteral("CN");
        subject.organization = QStringLiteral("CertDesk Sandbox");
        subject.commonName = QStringLiteral("CertDesk Legacy RSA CA");
        auto name = toX509Name(subject);
        const Asn1IntegerPtr serial = randomSerial();
        state->certificate.reset(X509_new());
        if (!state->key || !name || !serial || !state->certificate)
            return pkiError(PkiStatus::InternalError, QStringLiteral("creating the legacy CA failed"));
        const QDateTime now = nowUtc();
        if (auto filled = fillCertificate(state->certificate.get(), serial.get(), name->get(), name->get(),
                now.addYears(-10), now.addYears(20), state->key.get());
            !filled)
            return filled.error();
        const X509ExtensionPtr constraints = basicConstraintsExtension(true, 0, true);
        const X509ExtensionPtr usage = keyUsageExtension(KeyUsage::KeyCertSign | KeyUsage::CrlSign);
        if (!constraints || !usage || X509_add_ext(state->certificate.get(), constraints.get(), -1) != 1
            || X509_add_ext(state->certificate.get(), usage.get(), -1) != 1
            || !addSubjectKeyIdentifier(state->certificate.get()))
            return pkiError(PkiStatus::InternalError, QStringLiteral("adding legacy CA extensions failed"));
        auto der = signSha256(state->certificate.get(), state->key.get());
        if (!der)
            return der.error();
        state->certificateDer = *der;

        BioPtr bio(BIO_new(BIO_s_secmem()));
        char* pem = nullptr;
        if (!bio
            || PEM_write_bio_PKCS8PrivateKey(
                   bio.get(), state->key.get(), nullptr, nullptr, 0, nullptr, nullptr)
                != 1)
            return pkiError(PkiStatus::InternalError, QStringLiteral("encoding the legacy CA key failed"));
        const long pemLength = BIO_get_mem_data(bio.get(), &pem);
        if (pemLength <= 0 || !writePrivateFile(dir.filePath(KeyFile), QByteArrayView(pem, pemLength))
            || !writePublicFile(dir.filePath(CertificateFile), certificateToPem(state->certificateDer)))
            return pkiError(PkiStatus::InternalError, QStringLiteral("writing the legacy CA files failed"));
    } else {
        QFile certificateFile(dir.filePath(CertificateFile));
        if (!certificateFile.open(QIODevice::ReadOnly))
            return pkiError(PkiStatus::BadInput, QStringLiteral("cannot read the legacy CA certificate"));
        const QList<QByteArray> certificates = certificatesFromPem(certificateFile.readAll());
        auto keyPem = readPrivateFile(dir.filePath(KeyFile));
        if (!keyPem)
            return keyPem.error();
        if (certificates.size() != 1)
            return pkiError(PkiStatus::BadInput, QStringLiteral("the legacy CA certificate is unreadable"));
        state->certificateDer = certificates.front();
        state->certificate = decodeDer<X509Ptr>(state->certificateDer, d2i_X509);
        BioPtr bio(BIO_new_mem_buf(keyPem->constData(), static_cast<int>(keyPem->size())));
        state->key.reset(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
        if (!state->certificate || !state->key || EVP_PKEY_is_a(state->key.get(), "RSA") != 1)
            return pkiError(PkiStatus::BadInput, QStringLiteral("the legacy CA files are unreadable"));
        if (X509_check_private_key(state->certificate.get(), state->key.get()) != 1)
            return pkiError(
                PkiStatus::KeyMismatch, QStringLiteral("the legacy CA key does not match its certificate"));
    }
    state->authorityKeyId = authorityKeyIdentifierExtension(state->certificate.get());
    state->endEntityConstraints = basicConstraintsExtension(false, -1, false);
    state->endEntityUsage = keyUsageExtension(
        KeyUsage::DigitalSignature | KeyUsage::NonRepudiation | KeyUsage::KeyEncipherment);
    if (!state->authorityKeyId || !state->endEntityConstraints || !state->endEntityUsage)
        return pkiError(PkiStatus::InternalError, QStringLiteral("preparing legacy extensions failed"));
    if (auto loaded = state->crlNumber.load(dir.filePath(CrlNumberFile)); !loaded)
        return loaded.error();
    return LegacyRsaCa(std::move(state));
}

bool LegacyRsaCa::existsIn(const QString& directory)
{
    const QDir dir(directory);
    return dir.exists(CertificateFile) || dir.exists(KeyFile);
}

PkiResult<LegacyRsaCa> LegacyRsaCa::fromCertificate(const QByteArray& certificateDer, EvpPkeyPtr key)
{
    ErrorQueueGuard guard;
    auto state = std::make_shared<State>();
    state->certificateDer = certificateDer;
    state->certificate = decodeDer<X509Ptr>(certificateDer, d2i_X509);
    if (!state->certificate)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the legacy CA certificate is not DER X.509"));
    if (key
        && (EVP_PKEY_is_a(key.get(), "RSA") != 1
            || X509_check_private_key(state->certificate.get(), key.get()) != 1))
        return pkiError(
            PkiStatus::KeyMismatch, QStringLiteral("the legacy CA key does not match its certificate"));
    state->key = std::move(key);
    state->authorityKeyId = authorityKeyIdentifierExtension(state->certificate.get());
    state->endEntityConstraints = basicConstraintsExtension(false, -1, false);
    state->endEntityUsage = keyUsageExtension(
        KeyUsage::DigitalSignature | KeyUsage::NonRepudiation | KeyUsage::KeyEncipherment);
    if (!state->endEntityConstraints || !state->endEntityUsage)
        return pkiError(PkiStatus::InternalError, QStringLiteral("preparing legacy extensions failed"));
    return LegacyRsaCa(std::move(state));
}

PkiResult<LegacyRsaCa> LegacyRsaCa::fromSigner(
    const QByteArray& certificateDer, std::shared_ptr<const RsaSigner> signer)
{
    if (!signer)
        return pkiError(PkiStatus::BadInput, QStringLiteral("no signer for the legacy CA"));
    auto ca = fromCertificate(certificateDer, {});
    if (!ca)
        return ca.error();
    // A test signature first: a key that does not belong to the certificate is found at start, not at the
    // first CRL.
    ErrorQueueGuard guard;
    const QByteArray probe = QByteArrayLiteral("CertDesk legacy CA key check");
    auto signature = signer->signSha256(probe);
    if (!signature)
        return signature.error();
    EVP_PKEY* publicKey = X509_get0_pubkey(ca->m_state->certificate.get());
    EvpMdCtxPtr context(EVP_MD_CTX_new());
    if (publicKey == nullptr || EVP_PKEY_is_a(publicKey, "RSA") != 1 || !context
        || EVP_DigestVerifyInit(context.get(), nullptr, sha256Digest(), nullptr, publicKey) <= 0
        || EVP_DigestVerify(context.get(), uchars(*signature), static_cast<std::size_t>(signature->size()),
               uchars(probe), static_cast<std::size_t>(probe.size()))
            != 1)
        return pkiError(
            PkiStatus::KeyMismatch, QStringLiteral("the HSM's key does not match the legacy CA certificate"));
    auto state = std::const_pointer_cast<State>(ca->m_state);
    state->signer = std::move(signer);
    return LegacyRsaCa(std::move(state));
}

bool LegacyRsaCa::hasKey() const
{
    return m_state->key || m_state->signer;
}

PkiResult<void> LegacyRsaCa::checkIssued(const QByteArray& certificateDer) const
{
    ErrorQueueGuard guard;
    const X509Ptr certificate = decodeDer<X509Ptr>(certificateDer, d2i_X509);
    if (!certificate)
        return pkiError(PkiStatus::BadInput, QStringLiteral("not a DER X.509 certificate"));
    if (X509_check_issued(m_state->certificate.get(), certificate.get()) != X509_V_OK)
        return pkiError(PkiStatus::BadSignature,
            QStringLiteral("its issuer is not the legacy CA (name or key identifier differs)"));
    if (X509_verify(certificate.get(), X509_get0_pubkey(m_state->certificate.get())) != 1)
        return pkiError(PkiStatus::BadSignature,
            QStringLiteral("its signature does not verify with the legacy CA's key (same issuer name, "
                           "another key)"));
    return {};
}

PkiResult<void> LegacyRsaCa::persistCrlNumberIn(const QString& directory) const
{
    return m_state->crlNumber.load(QDir(directory).filePath(CrlNumberFile));
}

PkiResult<LegacyCertificate> LegacyRsaCa::mint(CertificateCategory category, const QString& holder,
    const QString& credentialNumber, const QDateTime& notAfter) const
{
    ErrorQueueGuard guard;
    if (!hasKey() || !m_state->authorityKeyId)
        return pkiError(
            PkiStatus::Unsupported, QStringLiteral("the service does not hold the legacy CA key"));
    if (holder.isEmpty() || credentialNumber.isEmpty() || !notAfter.isValid())
        return pkiError(
            PkiStatus::BadInput, QStringLiteral("a legacy certificate needs holder, number and expiry"));
    const bool person = category == CertificateCategory::NaturalPerson;
    auto name = toX509Name(
        person ? Subject::naturalPerson(holder) : Subject::institution(holder, credentialNumber));
    if (!name)
        return name.error();
    EvpPkeyPtr key = generateRsaKey();
    const Asn1IntegerPtr serial = randomSerial();
    X509Ptr certificate(X509_new());
    if (!key || !serial || !certificate)
        return pkiError(PkiStatus::InternalError, QStringLiteral("creating the legacy key failed"));
    const QDateTime notBefore = std::min(nowUtc(), notAfter.toUTC().addYears(-1));
    if (auto filled
        = fillCertificate(certificate.get(), serial.get(), X509_get_subject_name(m_state->certificate.get()),
            name->get(), notBefore, notAfter.toUTC(), key.get());
        !filled)
        return filled.error();
    if (X509_add_ext(certificate.get(), m_state->endEntityConstraints.get(), -1) != 1
        || X509_add_ext(certificate.get(), m_state->endEntityUsage.get(), -1) != 1
        || !addSubjectKeyIdentifier(certificate.get())
        || X509_add_ext(certificate.get(), m_state->authorityKeyId.get(), -1) != 1
        || (person && !addPersonIdentity(certificate.get(), credentialNumber)))
        return pkiError(PkiStatus::BadInput, QStringLiteral("adding legacy certificate extensions failed"));
    auto der = signCertificate(certificate.get());
    if (!der)
        return der.error();

    std::unique_ptr<PKCS8_PRIV_KEY_INFO, OpenSslDeleter<&PKCS8_PRIV_KEY_INFO_free>> info(
        EVP_PKEY2PKCS8(key.get()));
    unsigned char* raw = nullptr;
    const int length = info ? i2d_PKCS8_PRIV_KEY_INFO(info.get(), &raw) : -1;
    if (length <= 0 || raw == nullptr)
        return pkiError(PkiStatus::InternalError, QStringLiteral("encoding the legacy private key failed"));
    SecureBytes pkcs8(raw, static_cast<std::size_t>(length));
    OPENSSL_clear_free(raw, static_cast<std::size_t>(length));
    return LegacyCertificate {
        integerToHex(X509_get0_serialNumber(certificate.get())), std::move(*der), std::move(pkcs8)};
}

PkiResult<void> LegacyRsaCa::verifyPossession(
    const QByteArray& certificateDer, const QByteArray& challenge, const QByteArray& signature) const
{
    ErrorQueueGuard guard;
    const X509Ptr certificate = decodeDer<X509Ptr>(certificateDer, d2i_X509);
    if (!certificate)
        return pkiError(PkiStatus::BadInput, QStringLiteral("not a DER certificate"));
    if (X509_check_issued(m_state->certificate.get(), certificate.get()) != X509_V_OK
        || X509_verify(certificate.get(), X509_get0_pubkey(m_state->certificate.get())) != 1)
        return pkiError(
            PkiStatus::BadSignature, QStringLiteral("the certificate was not issued by the legacy CA"));
    EVP_PKEY* publicKey = X509_get0_pubkey(certificate.get());
    if (publicKey == nullptr || EVP_PKEY_is_a(publicKey, "RSA") != 1)
        return pkiError(PkiStatus::Unsupported, QStringLiteral("the certificate key is not RSA"));
    EvpMdCtxPtr context(EVP_MD_CTX_new());
    if (!context || EVP_DigestVerifyInit(context.get(), nullptr, sha256Digest(), nullptr, publicKey) <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("RSA verification could not start"));
    // The default RSA padding of a digest-verify context is PKCS#1 v1.5.
    if (EVP_DigestVerify(context.get(), uchars(signature), static_cast<std::size_t>(signature.size()),
            uchars(challenge), static_cast<std::size_t>(challenge.size()))
        != 1)
        return pkiError(PkiStatus::BadSignature, QStringLiteral("the possession signature does not verify"));
    return {};
}

PkiResult<QByteArray> LegacyRsaCa::signChallenge(
    const SecureBytes& privateKeyPkcs8, const QByteArray& challenge)
{
    ErrorQueueGuard guard;
    using Pkcs8Ptr = std::unique_ptr<PKCS8_PRIV_KEY_INFO, OpenSslDeleter<&PKCS8_PRIV_KEY_INFO_free>>;
    const Pkcs8Ptr info = decodeDer<Pkcs8Ptr>(privateKeyPkcs8.view(), d2i_PKCS8_PRIV_KEY_INFO);
    const EvpPkeyPtr key(info ? EVP_PKCS82PKEY(info.get()) : nullptr);
    if (!key || EVP_PKEY_is_a(key.get(), "RSA") != 1)
        return pkiError(PkiStatus::BadInput, QStringLiteral("not a PKCS#8 RSA private key"));
    EvpMdCtxPtr context(EVP_MD_CTX_new());
    std::size_t length = 0;
    if (!context || EVP_DigestSignInit(context.get(), nullptr, sha256Digest(), nullptr, key.get()) <= 0
        || EVP_DigestSign(
               context.get(), nullptr, &length, uchars(challenge), static_cast<std::size_t>(challenge.size()))
            <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("RSA signing failed"));
    QByteArray signature(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
            uchars(challenge), static_cast<std::size_t>(challenge.size()))
        <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("RSA signing failed"));
    signature.truncate(static_cast<qsizetype>(length));
    return signature;
}

QByteArray LegacyRsaCa::certificate() const
{
    return m_state->certificateDer;
}

PkiResult<QByteArray> LegacyRsaCa::makeCrl(
    const QList<RevokedCertificate>& revoked, const QDateTime& thisUpdate, const QDateTime& nextUpdate) const
{
    ErrorQueueGuard guard;
    if (!hasKey())
        return pkiError(
            PkiStatus::Unsupported, QStringLiteral("the service does not hold the legacy CA key"));
    auto crl = buildCrl(
        m_state->certificate.get(), m_state->authorityKeyId.get(), revoked, thisUpdate, nextUpdate);
    if (!crl)
        return crl.error();
    if (auto numbered = addCrlNumber(crl->get(), m_state->crlNumber); !numbered)
        return numbered.error();
    return signCrl(crl->get());
}

PkiResult<LegacyRsaCa::OcspSigner> LegacyRsaCa::issueOcspSigner(const QDateTime& notAfter) const
{
    ErrorQueueGuard guard;
    if (!hasKey() || !m_state->authorityKeyId)
        return pkiError(
            PkiStatus::Unsupported, QStringLiteral("the service does not hold the legacy CA key"));
    Subject subject = fromX509Name(X509_get_subject_name(m_state->certificate.get()));
    subject.commonName += QStringLiteral(" OCSP Responder");
    auto name = toX509Name(subject);
    if (!name)
        return name.error();
    EvpPkeyPtr key = generateRsaKey();
    const Asn1IntegerPtr serial = randomSerial();
    X509Ptr certificate(X509_new());
    const X509ExtensionPtr usage = keyUsageExtension(KeyUsage::DigitalSignature);
    if (!key || !serial || !certificate || !usage)
        return pkiError(PkiStatus::InternalError, QStringLiteral("creating the OCSP signer failed"));
    if (auto filled
        = fillCertificate(certificate.get(), serial.get(), X509_get_subject_name(m_state->certificate.get()),
            name->get(), nowUtc().addSecs(-3600), notAfter.toUTC(), key.get());
        !filled)
        return filled.error();
    if (X509_add_ext(certificate.get(), m_state->endEntityConstraints.get(), -1) != 1
        || X509_add_ext(certificate.get(), usage.get(), -1) != 1
        || !addSubjectKeyIdentifier(certificate.get())
        || X509_add_ext(certificate.get(), m_state->authorityKeyId.get(), -1) != 1
        || !addOcspSigningExtensions(certificate.get()))
        return pkiError(PkiStatus::InternalError, QStringLiteral("adding OCSP signer extensions failed"));
    auto der = signCertificate(certificate.get());
    if (!der)
        return der.error();
    return OcspSigner {std::move(*der), std::shared_ptr<EVP_PKEY>(key.release(), EVP_PKEY_free)};
}

} // namespace certdesk::pki
