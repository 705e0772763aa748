#pragma once

// The service's SM2 certificate authority: a self-signed root and one issuing CA below it, issuing the
// signing and encryption certificates of GM/T 0015 dual-certificate pairs and the CRL.
//
// SM2 distinguishing IDs, and why CA objects differ from end-entity certificates (measured on Debian 12,
// OpenSSL 3.0.19):
// - End-entity certificates are signed with the GM/T default ID 1234567812345678. Verifying them needs that
//   ID: `openssl verify -vfyopt distid:1234567812345678 ...` passes, without -vfyopt it fails at depth 0.
// - `openssl verify -vfyopt distid:...` attaches the ID to the LEAF only. Every certificate above it is
// checked
//   with the EMPTY ID, and OpenSSL 3.0 cannot attach an ID to a CRL at all (X509_CRL_verify, `openssl crl
//   -CAfile`, `verify -crl_check` all use the empty ID). An issuing-CA certificate signed with the default ID
//   makes `openssl verify -vfyopt distid:... -CAfile root.pem -untrusted issuing.pem leaf.pem` fail with
//   "certificate signature failure at depth 1".
// So CaSettings::caSignatureId (used for the root's self-signature, the issuing-CA certificate and CRLs) is
// EMPTY by default: the chain and the CRL then verify with stock OpenSSL 3.0 tools. Verifiers that insist on
// the default ID everywhere (GmSSL, BouncyCastle) need caSignatureId = sm2DefaultId(); CertDesk's own
// verifyCertificateChain/verifyCrl accept both.

#include "pki/PkiError.h"
#include "pki/Sm2.h"
#include "pki/Sm2Key.h"
#include "pki/Subject.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace certdesk::pki {

class Sm2Signer;

enum class CertificateProfile
{
    Signing, // keyUsage digitalSignature + nonRepudiation (critical)
    Encryption, // keyUsage keyEncipherment + dataEncipherment (critical)
    // The CA's delegated OCSP responder (RFC 6960 §4.2.2.2): keyUsage digitalSignature (critical),
    // extendedKeyUsage id-kp-OCSPSigning, id-pkix-ocsp-nocheck.
    OcspSigning,
};

struct Validity
{
    QDateTime notBefore; // UTC
    QDateTime notAfter; // UTC
};

// A CA certificate (DER) with its private key.
struct CaCredential
{
    QByteArray certificateDer;
    Sm2Key key;
};

struct EndEntityRequest
{
    CertificateProfile profile = CertificateProfile::Signing;
    // Subject::institution(name, uscc) or Subject::naturalPerson(name).
    Subject subject;
    // Natural persons: the ID number, put into extension 1.2.156.10260.4.1.1 (non-critical, PrintableString).
    // Empty: no extension.
    QString personIdNumber;
    Sm2Key publicKey;
    Validity validity;
    // Big-endian serial, 1..20 octets, positive. Empty: 16 random bytes with the top bit cleared.
    QByteArray serial;
};

struct IssuedCertificate
{
    QByteArray der;
    QString serialHex; // upper-case hex, as CertificateInfo::serialHex reports it
};

struct RevokedCertificate
{
    QString serialHex; // any case; colons and spaces ignored
    QDateTime revokedAt; // UTC
    // RFC 5280 §5.3.1 CRLReason (1 keyCompromise, 4 superseded, 5 cessationOfOperation, ...); -1 = no reason.
    int reason = -1;
};

struct CaSettings
{
    Subject rootSubject = defaultRootSubject();
    Subject issuingSubject = defaultIssuingSubject();
    int rootValidityYears = 20;
    int issuingValidityYears = 10;
    // SM2 ID for the CA's own objects (root self-signature, issuing-CA certificate, CRLs). Empty by default,
    // see the comment at the top of this file. End-entity certificates always use sm2DefaultId().
    QByteArray caSignatureId;

    [[nodiscard]] static Subject defaultRootSubject();
    [[nodiscard]] static Subject defaultIssuingSubject();
};

// Thread-safe: issueEndEntity, makeCrl and verifyChain may run concurrently. Copies share one CA (a handle).
class CertificateAuthority
{
public:
    // A self-signed root: basicConstraints CA:TRUE (critical), keyUsage keyCertSign + cRLSign (critical),
    // SKI and AKI; signed SM2-with-SM3 with `signatureId`.
    [[nodiscard]] static PkiResult<CaCredential> createRoot(
        const Subject& subject, const Validity& validity, QByteArrayView signatureId = {});
    // An issuing CA signed by `root`: as the root plus pathLenConstraint 0.
    [[nodiscard]] static PkiResult<CaCredential> createIssuing(const CaCredential& root,
        const Subject& subject, const Validity& validity, QByteArrayView signatureId = {});

    // An issuing CA certificate for an existing key (one made in an HSM, or a new intermediate's), signed by
    // `root` as createIssuing does. Returns DER.
    [[nodiscard]] static PkiResult<QByteArray> certifyIssuing(const CaCredential& root,
        const Sm2Key& publicKey, const Subject& subject, const Validity& validity,
        QByteArrayView signatureId);

    // A CA from existing credentials (checked: keys match certificates, the issuing CA is issued by the
    // root). Nothing is persisted; CRL numbers start at 1.
    [[nodiscard]] static PkiResult<CertificateAuthority> fromCredentials(
        const CaCredential& root, const CaCredential& issuing, const CaSettings& settings = {});

    // A CA whose issuing key signs through `signer` (an HSM, or a key read from an encrypted file); the root
    // key is not needed (it stays offline). Checked: the signer's key is the issuing certificate's, the root
    // signed the issuing certificate. Nothing is persisted; CRL numbers start at 1.
    [[nodiscard]] static PkiResult<CertificateAuthority> fromSigner(const QByteArray& rootDer,
        const QByteArray& issuingDer, std::shared_ptr<const Sm2Signer> signer,
        const CaSettings& settings = {});

    // The CA kept in `directory`: root-ca.pem, root-ca.key, issuing-ca.pem, issuing-ca.key (PKCS#8 PEM, file
    // mode 0600), crlnumber. Creates root and issuing CA when the directory holds none of them (a partial set
    // is BadInput: never silently replace a CA). The CRL number is persisted there.
    [[nodiscard]] static PkiResult<CertificateAuthority> loadOrCreate(
        const QString& directory, const CaSettings& settings = {});

    // Keeps the cRLNumber in `directory`/crlnumber from now on (read from there if it exists), as
    // loadOrCreate does: for a CA made with fromSigner.
    [[nodiscard]] PkiResult<void> persistCrlNumberIn(const QString& directory);

    // Issues an end-entity certificate: basicConstraints CA:FALSE, the profile's critical keyUsage, SKI, AKI,
    // the identity extension for natural persons; signed SM2-with-SM3 by the issuing CA with the default ID.
    // BadInput for a validity ending after the issuing CA's, a bad serial or subject; Unsupported for a
    // non-SM2 key.
    [[nodiscard]] PkiResult<IssuedCertificate> issueEndEntity(const EndEntityRequest& request) const;

    // A v2 CRL of the issuing CA listing `revoked`, with authorityKeyIdentifier and an increasing cRLNumber.
    // Signed SM2-with-SM3 with CaSettings::caSignatureId. Returns DER.
    [[nodiscard]] PkiResult<QByteArray> makeCrl(const QList<RevokedCertificate>& revoked,
        const QDateTime& thisUpdate, const QDateTime& nextUpdate) const;

    // verifyCertificateChain(leafDer, {issuing}, {root}, at).
    [[nodiscard]] PkiResult<void> verifyChain(const QByteArray& leafDer, const QDateTime& at = {}) const;

    [[nodiscard]] QByteArray rootCertificate() const; // DER
    [[nodiscard]] QByteArray issuingCertificate() const; // DER
    // [issuing, root], DER.
    [[nodiscard]] QList<QByteArray> chain() const;
    // Issuing CA then root, PEM (what GET /ca/certificates serves).
    [[nodiscard]] QByteArray chainPem() const;
    [[nodiscard]] QDateTime issuingNotAfter() const;
    // The cRLNumber of the last CRL made (0 before the first).
    [[nodiscard]] qint64 lastCrlNumber() const;

private:
    struct State;
    explicit CertificateAuthority(std::shared_ptr<State> state);

    std::shared_ptr<State> m_state;
};

} // namespace certdesk::pki
