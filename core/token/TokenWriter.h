#pragma once

#include "pki/OpenSslHandles.h"
#include "token/TokenSession.h"
#include "token/TokenStatus.h"
#include "token/TokenTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace certdesk::token {

// One SM2 key pair and its certificate, to be put on a token.
struct Sm2PairToWrite
{
    KeyPurpose purpose = KeyPurpose::Signing;
    // The private scalar (32 bytes) of a server-generated key, opened from its GM/T 0009 envelope. Empty: the
    // key pair was generated on this token before (TokenSession::generateSm2KeyPair with `id`); only the
    // certificate is written then, and the key stays the caller's to remove on failure.
    pki::SecureBytes privateScalar;
    QByteArray publicPoint; // 04‖X‖Y; must equal the certificate's key
    QByteArray certificateDer;
    QByteArray id; // CKA_ID; empty: TokenWriter::objectId(publicPoint)
    QString label; // CKA_LABEL of the key objects and the certificate; empty: defaultLabel(purpose)
};

enum class WriteStep
{
    Checking,
    ImportingKey,
    WritingCertificate,
    Verifying,
    TestSigning,
    RollingBack
};

struct WriteProgress
{
    WriteStep step = WriteStep::Checking;
    int done = 0; // steps finished before this one
    int total = 0;
};

// Called before each step; returning false cancels (what was written is rolled back, status Cancelled). It
// must not wait on a person.
using WriteProgressCallback = std::function<bool(const WriteProgress&)>;

struct WriteOptions
{
    // Sign a random challenge with each imported or on-token signing key where the profile can SM2-sign.
    bool testSignature = true;
    // Enumerate the result through libp11, as libp11-based software will (see Pkcs11Module::libp11Inventory).
    // Only for profiles that store SM2 as CKK_EC: libp11 0.4.12 cannot enumerate keys of vendor key types.
    bool libp11Check = true;
};

struct WrittenPair
{
    KeyPurpose purpose = KeyPurpose::Signing;
    QByteArray id;
    QString label;
    bool keyImported = false; // false: the key was generated on the token before
};

struct WriteReport
{
    QList<WrittenPair> pairs;
    QList<ObjectRef> created; // every object this run created
    bool testSigned = false; // a token signature was made and verified
    std::optional<Libp11Inventory> libp11; // when WriteOptions::libp11Check applied
    qint64 elapsedMs = 0;
};

// Writes SM2 key pairs and their certificates to a logged-in token, all or nothing: the token-side half of
// the programming job (DESIGN.md "Issuance protocol" step 4).
//
// write(): checks every certificate's key against its pair (before touching the token) and that no object
// with the pairs' CKA_IDs exists; per pair imports the private + public key objects
// (TokenSession::importSm2KeyPair) and writes the certificate with the same CKA_ID; then verifies: the public
// key object read back equals the certificate's key for every pair, each private key and certificate is
// there, a test signature where the profile can sign, and (optionally) libp11 enumerates the token without
// crashing. On any failure, or a cancel, it destroys every object this run created (by class and CKA_ID,
// which survive a re-plug), then returns the failure. If the rollback itself cannot run (the token was
// pulled), pendingRollback() lists what is left: after reinsertion and login, pass it to rollback() on the
// new session (persist the list: it holds only IDs).
//
// Key material: the scalars are only copied into PKCS#11 templates that are wiped after each call; callers
// keep them in SecureBytes, which wipe themselves.
class TokenWriter
{
public:
    explicit TokenWriter(TokenSession& session, WriteOptions options = {});

    [[nodiscard]] TokenResult<WriteReport> write(
        const QList<Sm2PairToWrite>& pairs, const WriteProgressCallback& progress = {});

    // Objects a failed write() may have created and could not remove (empty after success or a clean
    // rollback).
    [[nodiscard]] const QList<ObjectRef>& pendingRollback() const { return m_pending; }

    // Destroys the objects (by class and CKA_ID); objects already gone are fine.
    [[nodiscard]] static TokenResult<void> rollback(TokenSession& session, const QList<ObjectRef>& objects);

    // CKA_ID for a key pair: the leftmost 160 bits of SM3 over 04‖X‖Y, i.e. the subjectKeyIdentifier
    // CertDesk's CA puts into the certificate (core/pki, RFC 7093 §2 style with SM3), so software matching
    // keys to certificates by SKI or by CKA_ID both find the pair.
    [[nodiscard]] static QByteArray objectId(QByteArrayView publicPoint);
    // 20 random bytes: the CKA_ID for a key generated on the token (its point, and so objectId(), is not
    // known before C_GenerateKeyPair). Pass the same value as Sm2PairToWrite::id when writing its
    // certificate.
    [[nodiscard]] static QByteArray randomObjectId();
    [[nodiscard]] static QString defaultLabel(KeyPurpose purpose);

private:
    [[nodiscard]] TokenError fail(
        TokenError error, const WriteProgressCallback& progress, int done, int total);

    TokenSession& m_session;
    WriteOptions m_options;
    QList<ObjectRef> m_pending;
};

} // namespace certdesk::token
