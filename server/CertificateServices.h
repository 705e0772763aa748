#pragma once

#include "ServiceOptions.h"
#include "domain/Category.h"
#include "pki/Ocsp.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <mutex>
#include <optional>

namespace certdesk::server {

// The service's use of core/pki: the SM2 CA + KMC (the certificate pair, envelopes, CRL) and the legacy RSA
// CA whose "old" certificates are renewed. Only glue lives here; every cryptographic operation is core/pki's.
// Thread-safe.
class CertificateServices
{
public:
    explicit CertificateServices(const QString& directory);
    ~CertificateServices();
    CertificateServices(const CertificateServices&) = delete;
    CertificateServices& operator=(const CertificateServices&) = delete;

    // The CAs as `options` say (CaKeys.h). The sandbox without a configured CA gets the automatic training
    // CA kept in the directory (created on first start; an SM2 CA whose certificates were not signed with
    // the SM2 user ID 1234567812345678, made by an earlier CertDesk, is moved aside and a new one created,
    // `notices` then says so) and a legacy RSA CA created next to it. Otherwise the configured or `ca init`
    // CA with its key in an HSM or an encrypted file; the legacy RSA CA is the one in [legacy_ca] of the
    // config, none without it (the sandbox creates one in the directory instead; outside the sandbox a legacy
    // CA found in the directory is refused, its key being a plain file). Throws ConfigurationError for what
    // the operator must fix; false and *error for other failures.
    [[nodiscard]] bool init(
        const ServiceOptions& options, const QString& dataDir, QString* error, QStringList* notices);

    [[nodiscard]] bool canMintLegacy() const;
    // Whether the service holds the legacy RSA CA (GET /ca/legacy-certificate and /ca/legacy-crl are 404
    // otherwise).
    [[nodiscard]] bool hasLegacyCa() const;
    // Whether it holds the legacy CA's key too (GET /ca/legacy-crl is 404 otherwise).
    [[nodiscard]] bool holdsLegacyCaKey() const;
    [[nodiscard]] QByteArray legacyCertificatePem() const;
    struct LegacyCertificate
    {
        QString serial; // upper-case hex
        QString algorithm; // "RSA-2048"
        QDateTime notBefore;
        QByteArray certificate; // DER
        QByteArray privateKey; // PKCS#8 DER (sandbox test material)
    };
    [[nodiscard]] std::optional<LegacyCertificate> mintLegacy(CertificateCategory category,
        const QString& holder, const QString& credentialNumber, const QDateTime& notAfter) const;
    // The old key's RSA PKCS#1 v1.5 SHA-256 signature over `challenge` verifies with the certificate's key,
    // and the certificate is the legacy CA's.
    [[nodiscard]] bool verifyPossession(
        const QByteArray& certificateDer, const QByteArray& challenge, const QByteArray& signature) const;
    // The serial (upper-case hex) of a DER certificate, empty when it does not parse.
    [[nodiscard]] static QString serialOf(const QByteArray& certificateDer);

    [[nodiscard]] QByteArray chainPem() const;
    [[nodiscard]] QList<QByteArray> chainDer() const;
    [[nodiscard]] QDateTime issuingNotAfter() const;

    struct Revoked
    {
        QString serial;
        QDateTime revokedAt;
        int reason = -1; // RFC 5280 CRLReason
    };
    // The issuing CA's CRL (DER) for `revoked`; nullopt on a CA failure.
    [[nodiscard]] std::optional<QByteArray> crl(const QList<Revoked>& revoked) const;
    // The legacy RSA CA's CRL (DER) for `revoked`; nullopt without a legacy CA or on a failure.
    [[nodiscard]] std::optional<QByteArray> legacyCrl(const QList<Revoked>& revoked) const;

    // The CAs the OCSP responder answers for, each with its delegated OCSP signing certificate and key (made
    // and stored next to the CA: ocsp-signer.pem / ocsp-signer.key), and which CA each one is.
    enum class OcspIssuer
    {
        Sm2,
        Legacy,
    };
    // Reads the CA's last cRLNumber from its crlnumber file again: instances sharing the CA directory take
    // turns making CRLs (Api::sendCrl holds a database-wide lock), each continuing from the last one's
    // number. false when the file is unreadable.
    [[nodiscard]] bool reloadCrlNumber(OcspIssuer which) const;
    [[nodiscard]] QList<pki::OcspAuthority> ocspAuthorities() const;
    [[nodiscard]] QList<OcspIssuer> ocspIssuers() const;

    struct IssueRequest
    {
        CertificateCategory category = CertificateCategory::Institution;
        QString name; // organisation or person
        QString credentialNumber; // USCC or ID number
        QByteArray transportPublicKey; // SubjectPublicKeyInfo DER
        std::optional<QByteArray> csr; // PKCS#10 DER
        QDateTime notBefore;
        QDateTime notAfter;
        // cRLDistributionPoints and the OCSP URL of authorityInfoAccess (from --public-url).
        QString crlUrl;
        QString ocspUrl;
    };
    enum class IssueError
    {
        None,
        BadTransportKey,
        BadCsrSignature,
        BadCsr,
        Internal
    };
    struct IssueResult
    {
        IssueError error = IssueError::None;
        QString detail; // technical, for logs (no personal data)
        QByteArray signingCertificate;
        QString signingSerial;
        QByteArray encryptionCertificate;
        QString encryptionSerial;
        QByteArray signingKeyEnvelope; // empty when the CSR brought the signing key
        QByteArray encryptionKeyEnvelope;
    };
    // The KMC makes the encryption key pair (and the signing key pair when there is no CSR), the CA issues
    // both certificates, and every server-made private key leaves only as an envelope to the transport key.
    [[nodiscard]] IssueResult issue(const IssueRequest& request) const;

private:
    // The sandbox's automatic CA (see init).
    [[nodiscard]] bool initSandbox(QString* error, QStringList* notices);
    // Loads or makes the delegated OCSP signers of the CAs held (key files encrypted with `passphrase` unless
    // it is empty).
    [[nodiscard]] bool initOcsp(
        const pki::SecureBytes& passphrase, const QString& sm2Dir, const QString& legacyDir, QString* error);

    struct State;
    QString m_dir;
    std::unique_ptr<State> m_state;
};

} // namespace certdesk::server
