#pragma once

// The sandbox's legacy RSA CA: it mints the "old" RSA-2048 / SHA-256 certificates that customers come to
// renew, and checks the proof of possession of their keys (POST /certificates/lookup gives a challenge, the
// client signs it with the old key on the old UKey).

#include "domain/Category.h"
#include "pki/CaSigner.h"
#include "pki/CertificateAuthority.h"
#include "pki/OpenSslHandles.h"
#include "pki/PkiError.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <memory>

namespace certdesk::pki {

struct LegacyCertificate
{
    QString serialHex; // upper-case hex
    QByteArray certificateDer;
    SecureBytes privateKeyPkcs8; // DER PKCS#8, unencrypted
};

// Thread-safe; copies share one CA.
class LegacyRsaCa
{
public:
    // The CA kept in `directory` (legacy-rsa-ca.pem, legacy-rsa-ca.key with mode 0600), created on first use
    // (self-signed, RSA-2048, SHA-256, valid 30 years from 10 years ago).
    [[nodiscard]] static PkiResult<LegacyRsaCa> loadOrCreate(const QString& directory);
    // Whether `directory` holds a legacy CA (certificate or key file), i.e. loadOrCreate would load, not
    // create.
    [[nodiscard]] static bool existsIn(const QString& directory);

    // The CA of a real deployment: its certificate (DER) and, when the service holds it, its RSA key (from an
    // encrypted file; null = certificate only: verifyPossession works, mint, makeCrl and issueOcspSigner
    // fail with Unsupported).
    [[nodiscard]] static PkiResult<LegacyRsaCa> fromCertificate(
        const QByteArray& certificateDer, EvpPkeyPtr key);
    // The same with the key in an HSM: every signature of the CA (CRL, OCSP signer certificate, minted
    // certificates) is made by `signer` and the DER assembled around it (CaSigner.h). KeyMismatch when a
    // test signature does not verify with the certificate's key.
    [[nodiscard]] static PkiResult<LegacyRsaCa> fromSigner(
        const QByteArray& certificateDer, std::shared_ptr<const RsaSigner> signer);
    // Whether the service can sign as this CA (a key in memory or an HSM signer).
    [[nodiscard]] bool hasKey() const;
    // Keeps the cRLNumber in `directory`/crlnumber from now on (read from there if it exists), as
    // loadOrCreate does: for a CA made with fromCertificate.
    [[nodiscard]] PkiResult<void> persistCrlNumberIn(const QString& directory) const;

    // A new RSA-2048 key pair and certificate, valid from min(now, notAfter - 1 year) to `notAfter`.
    // Subject as in CertDesk's SM2 certificates: institutions O = CN = holder, serialNumber = credential
    // number (USCC); natural persons CN = holder plus extension 1.2.156.10260.4.1.1 = credential number (ID
    // number). keyUsage digitalSignature + nonRepudiation + keyEncipherment (one certificate did everything
    // then).
    [[nodiscard]] PkiResult<LegacyCertificate> mint(CertificateCategory category, const QString& holder,
        const QString& credentialNumber, const QDateTime& notAfter) const;

    // Ok when `certificateDer` was issued by this CA and `signature` is an RSA PKCS#1 v1.5 SHA-256 signature
    // of `challenge` by the certificate's key. BadSignature otherwise (detail says which check failed);
    // BadInput for unreadable data; Unsupported for a non-RSA certificate key.
    [[nodiscard]] PkiResult<void> verifyPossession(
        const QByteArray& certificateDer, const QByteArray& challenge, const QByteArray& signature) const;

    // Ok when `certificateDer` is one DER certificate issued by this CA: the issuer name and key identifiers
    // match (X509_check_issued) and its signature verifies with this CA's public key. BadInput for
    // unreadable data, BadSignature otherwise (detail says which).
    [[nodiscard]] PkiResult<void> checkIssued(const QByteArray& certificateDer) const;

    // The signature verifyPossession expects, made in software from a PKCS#8 private key (for the sandbox's
    // demo tokens and for tests; a real client signs on the token).
    [[nodiscard]] static PkiResult<QByteArray> signChallenge(
        const SecureBytes& privateKeyPkcs8, const QByteArray& challenge);

    [[nodiscard]] QByteArray certificate() const; // DER

    // The legacy CA's own v2 CRL (RFC 5280 §5): the old certificates it issued that are revoked, with
    // authorityKeyIdentifier and a cRLNumber that strictly increases (persisted as `crlnumber` in the CA
    // directory). sha256WithRSAEncryption, as the CA's certificates. Returns DER; Unsupported without the
    // key.
    [[nodiscard]] PkiResult<QByteArray> makeCrl(const QList<RevokedCertificate>& revoked,
        const QDateTime& thisUpdate, const QDateTime& nextUpdate) const;

    // A delegated OCSP responder for this CA (RFC 6960 §4.2.2.2): a fresh RSA-2048 key and a certificate
    // with keyUsage digitalSignature, extendedKeyUsage id-kp-OCSPSigning and id-pkix-ocsp-nocheck, signed
    // sha256WithRSAEncryption, valid from an hour ago until `notAfter`.
    struct OcspSigner
    {
        QByteArray certificateDer;
        std::shared_ptr<EVP_PKEY> key;
    };
    [[nodiscard]] PkiResult<OcspSigner> issueOcspSigner(const QDateTime& notAfter) const;

private:
    struct State;
    explicit LegacyRsaCa(std::shared_ptr<const State> state);
    // sha256WithRSAEncryption by the key in memory or the HSM signer; returns the DER.
    [[nodiscard]] PkiResult<QByteArray> signCertificate(X509* certificate) const;
    [[nodiscard]] PkiResult<QByteArray> signCrl(X509_CRL* crl) const;

    std::shared_ptr<const State> m_state;
};

} // namespace certdesk::pki
