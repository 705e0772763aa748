#pragma once

// The service's SM2 certificate authority: a self-signed root and one issuing CA below it, issuing the
// signing and encryption certificates of GM/T 0015 dual-certificate pairs and the CRL. The certificate
// profile, field by field, is written down in docs/pki.md.
//
// Every SM2 signature made here — the root's self-signature, the issuing-CA certificate, end-entity
// certificates, CRLs — uses the GM/T 0009 / GB/T 35276 default user ID 1234567812345678, because that is what
// GmSSL, Tongsuo, the CAs' own clients and the bidding platforms verify with. OpenSSL 3.0's `openssl verify
// -vfyopt distid:...` attaches the ID to the leaf only, so the chain is checked there link by link
// (`-partial_chain -CAfile <issuer>`); `openssl crl` and `openssl verify -crl_check` cannot give a CRL an ID
// at all, which verifyCrl (CertificateChain.h) does (and `openssl pkeyutl -rawin` over the cut-out
// TBSCertList, tools/pki/check-sm2-chain.sh). docs/pki.md shows the commands.

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
    Signing, // keyUsage digitalSignature + nonRepudiation (critical), extendedKeyUsage clientAuth
    Encryption, // keyUsage keyEncipherment + dataEncipherment + keyAgreement (critical), no extendedKeyUsage
    // The CA's delegated OCSP responder (RFC 6960 §4.2.2.2): keyUsage digitalSignature (critical),
    // extendedKeyUsage id-kp-OCSPSigning, id-pkix-ocsp-nocheck (§4.2.2.2.1: clients do not ask for the
    // responder's own status).
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
    // RFC 5280 §4.2.1.13 cRLDistributionPoints (the issuing CA's CRL) and §4.2.2.1 authorityInfoAccess
    // id-ad-ocsp, both URIs; empty: the extension is left out. The service builds them from --public-url.
    QString crlUrl;
    QString ocspUrl;
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
    // certificatePolicies (RFC 5280 §4.2.1.4) of every certificate this CA makes. A CA that deploys the
    // service puts the policy OID of its CPS here; the default is anyPolicy (2.5.29.32.0), because the
    // reference service has no registered OID arc of its own.
    QString policyOid = QStringLiteral("2.5.29.32.0");

    [[nodiscard]] static Subject defaultRootSubject();
    [[nodiscard]] static Subject defaultIssuingSubject();
};

// Thread-safe: issueEndEntity, makeCrl and verifyChain may run concurrently. Copies share one CA (a handle).
class CertificateAuthority
{
public:
    // A self-signed root: basicConstraints CA:TRUE (critical), keyUsage keyCertSign + cRLSign (critical),
    // SKI, AKI and certificatePolicies (anyPolicy); signed SM2-with-SM3 with the default ID.
    // `signatureId` exists for tests that need a CA signed otherwise (as CertDesk before the default ID
    // everywhere did with the empty ID): the product never passes it.
    [[nodiscard]] static PkiResult<CaCredential> createRoot(
        const Subject& subject, const Validity& validity, QByteArrayView signatureId = sm2DefaultId());
    // An issuing CA signed by `root`: as the root plus pathLenConstraint 0.
    [[nodiscard]] static PkiResult<CaCredential> createIssuing(const CaCredential& root,
        const Subject& subject, const Validity& validity, QByteArrayView signatureId = sm2DefaultId());

    // An issuing CA certificate for an existing key (one made in an HSM, or a new intermediate's), signed by
    // `root` as createIssuing does. Returns DER.
    [[nodiscard]] static PkiResult<QByteArray> certifyIssuing(const CaCredential& root,
        const Sm2Key& publicKey, const Subject& subject, const Validity& validity,
        QByteArrayView signatureId);

    // A CA from existing credentials (checked: keys match certificates, the issuing CA is issued by the
    // root, and both the root's self-signature and the issuing CA certificate verify with the default SM2 ID
    // — BadSignature naming the certificate otherwise, see verifyCaCertificates). Nothing is persisted; CRL
    // numbers start at 1.
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
    // Signed SM2-with-SM3 with the default ID. Returns DER.
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

// Checks the SM2 CA pair as loaded from storage: the root's self-signature and the root's signature on the
// issuing CA verify with the default ID 1234567812345678. BadSignature whose detail names the certificate
// ("the root CA certificate (CN=...)" / "the issuing CA certificate (CN=...)") when one was signed with
// another ID — the empty ID of CertDesk versions that signed CA objects for `openssl verify`'s sake — or not
// by that key; BadInput for unreadable DER.
[[nodiscard]] PkiResult<void> verifyCaCertificates(const QByteArray& rootDer, const QByteArray& issuingDer);

} // namespace certdesk::pki
