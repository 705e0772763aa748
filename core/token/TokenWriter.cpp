#include "token/TokenWriter.h"

#include "pki/CertificateInfo.h"
#include "pki/Sm2.h"
#include "pki/Sm2Key.h"

#include <QElapsedTimer>
#include <QSet>

#include <openssl/rand.h>

namespace certdesk::token {

TokenWriter::TokenWriter(TokenSession& session, WriteOptions options)
    : m_session(session)
    , m_options(options)
{ }

QByteArray TokenWriter::objectId(QByteArrayView publicPoint)
{
    return pki::sm3(publicPoint).left(20);
}

QByteArray TokenWriter::randomObjectId()
{
    QByteArray id(20, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(id.data()), static_cast<int>(id.size())) != 1)
        return {}; // callers get "empty CKA_ID" from the token calls rather than a predictable ID
    return id;
}

QString TokenWriter::defaultLabel(KeyPurpose purpose)
{
    // Labels are stored on the token and read by every vendor tool: plain ASCII, never translated.
    return purpose == KeyPurpose::Signing ? QStringLiteral("CertDesk SM2 signing")
                                          : QStringLiteral("CertDesk SM2 encryption");
}

TokenResult<void> TokenWriter::rollback(TokenSession& session, const QList<ObjectRef>& objects)
{
    if (objects.isEmpty())
        return {};
    TokenResult<int> destroyed = session.destroyObjects(objects);
    if (!destroyed)
        return destroyed.error();
    return {};
}

TokenError TokenWriter::fail(TokenError error, const WriteProgressCallback& progress, int done, int total)
{
    if (m_pending.isEmpty())
        return error;
    if (progress)
        (void)progress(WriteProgress {WriteStep::RollingBack, done, total}); // a rollback is not cancellable
    TokenResult<void> undone = rollback(m_session, m_pending);
    if (undone) {
        m_pending.clear();
        error.detail += QStringLiteral("; rolled back");
    } else {
        error.detail += QStringLiteral("; rollback pending: ") + undone.detail();
    }
    return error;
}

TokenResult<WriteReport> TokenWriter::write(
    const QList<Sm2PairToWrite>& pairs, const WriteProgressCallback& progress)
{
    QElapsedTimer timer;
    timer.start();
    m_pending.clear();
    if (pairs.isEmpty())
        return tokenError(TokenStatus::InternalError, QStringLiteral("nothing to write"));

    // --- checks before anything is written ---
    int total = 1; // the verification
    for (const Sm2PairToWrite& pair : pairs)
        total += pair.privateScalar.isEmpty() ? 1 : 2;
    const bool testSign = m_options.testSignature && m_session.profile().canSignOnToken();
    if (testSign)
        ++total;
    int done = 0;
    const auto step = [&](WriteStep what) {
        return !progress || progress(WriteProgress {what, done, total});
    };
    if (!step(WriteStep::Checking))
        return tokenError(TokenStatus::Cancelled, QStringLiteral("cancelled before writing"));
    if (!m_session.isLoggedIn())
        return tokenError(TokenStatus::NotLoggedIn, QStringLiteral("TokenWriter needs a logged-in session"));

    struct Planned
    {
        const Sm2PairToWrite* pair;
        QByteArray id;
        QString label;
        pki::Sm2Key certificateKey;
    };
    QList<Planned> plan;
    QSet<QByteArray> ids;
    for (const Sm2PairToWrite& pair : pairs) {
        pki::PkiResult<pki::CertificateInfo> info = pki::CertificateInfo::parse(pair.certificateDer);
        if (!info || !info->isSm2())
            return tokenError(TokenStatus::NotSupported, QStringLiteral("not an SM2 certificate"));
        if (info->publicKeyBits != pair.publicPoint)
            return tokenError(
                TokenStatus::KeyMismatch, QStringLiteral("the certificate does not certify the key pair"));
        pki::PkiResult<pki::Sm2Key> certificateKey = pki::Sm2Key::fromPublicPoint(info->publicKeyBits);
        if (!certificateKey)
            return tokenError(
                TokenStatus::KeyMismatch, QStringLiteral("certificate key: ") + certificateKey.detail());
        Planned planned {&pair, pair.id.isEmpty() ? objectId(pair.publicPoint) : pair.id,
            pair.label.isEmpty() ? defaultLabel(pair.purpose) : pair.label, *certificateKey};
        if (ids.contains(planned.id))
            return tokenError(TokenStatus::InternalError, QStringLiteral("two pairs with one CKA_ID"));
        ids.insert(planned.id);
        if (pair.privateScalar.isEmpty()) {
            // An on-token key: it must be there, and be the certificate's key.
            TokenResult<QByteArray> point = m_session.sm2PublicPoint(planned.id);
            if (!point)
                return point.error();
            if (*point != pair.publicPoint)
                return tokenError(
                    TokenStatus::KeyMismatch, QStringLiteral("the on-token key is not the certificate's"));
            TokenResult<bool> hasPrivate = m_session.hasObject(ObjectClass::PrivateKey, planned.id);
            if (!hasPrivate)
                return hasPrivate.error();
            if (!*hasPrivate)
                return tokenError(
                    TokenStatus::NotFound, QStringLiteral("no private key for the on-token pair"));
        } else {
            for (const ObjectClass objectClass : {ObjectClass::PrivateKey, ObjectClass::PublicKey}) {
                TokenResult<bool> exists = m_session.hasObject(objectClass, planned.id);
                if (!exists)
                    return exists.error();
                if (*exists)
                    return tokenError(
                        TokenStatus::AlreadyExists, QStringLiteral("a key with this CKA_ID is on the token"));
            }
        }
        TokenResult<bool> certificateExists = m_session.hasObject(ObjectClass::Certificate, planned.id);
        if (!certificateExists)
            return certificateExists.error();
        if (*certificateExists)
            return tokenError(
                TokenStatus::AlreadyExists, QStringLiteral("a certificate with this CKA_ID is on the token"));
        plan.append(planned);
    }

    // --- writing ---
    WriteReport report;
    for (const Planned& planned : std::as_const(plan)) {
        const Sm2PairToWrite& pair = *planned.pair;
        if (!pair.privateScalar.isEmpty()) {
            if (!step(WriteStep::ImportingKey))
                return fail(
                    tokenError(TokenStatus::Cancelled, QStringLiteral("cancelled")), progress, done, total);
            // Recorded before the call: a token pulled during C_CreateObject may or may not have kept the
            // object.
            const QList<ObjectRef> keyRefs {
                {ObjectClass::PrivateKey, planned.id}, {ObjectClass::PublicKey, planned.id}};
            m_pending.append(keyRefs);
            TokenResult<QList<ObjectRef>> imported = m_session.importSm2KeyPair(
                pair.privateScalar, pair.publicPoint, planned.id, planned.label, pair.purpose);
            if (!imported)
                return fail(imported.error(), progress, done, total);
            report.created.append(*imported);
            ++done;
        }
        if (!step(WriteStep::WritingCertificate))
            return fail(
                tokenError(TokenStatus::Cancelled, QStringLiteral("cancelled")), progress, done, total);
        m_pending.append(ObjectRef {ObjectClass::Certificate, planned.id});
        TokenResult<ObjectRef> written
            = m_session.writeCertificate(pair.certificateDer, planned.id, planned.label);
        if (!written)
            return fail(written.error(), progress, done, total);
        report.created.append(*written);
        report.pairs.append(
            WrittenPair {pair.purpose, planned.id, planned.label, !pair.privateScalar.isEmpty()});
        ++done;
    }

    // --- verification: what the token holds now, not what we meant to write ---
    if (!step(WriteStep::Verifying))
        return fail(tokenError(TokenStatus::Cancelled, QStringLiteral("cancelled")), progress, done, total);
    TokenResult<QList<TokenCertificate>> certificates = m_session.certificates();
    if (!certificates)
        return fail(certificates.error(), progress, done, total);
    for (const Planned& planned : std::as_const(plan)) {
        TokenResult<QByteArray> point = m_session.sm2PublicPoint(planned.id);
        if (!point)
            return fail(point.error(), progress, done, total);
        pki::PkiResult<pki::Sm2Key> tokenKey = pki::Sm2Key::fromPublicPoint(*point);
        if (!tokenKey || !planned.certificateKey.samePublicKey(*tokenKey))
            return fail(
                tokenError(TokenStatus::KeyMismatch, QStringLiteral("token public key != certificate key")),
                progress, done, total);
        TokenResult<bool> hasPrivate = m_session.hasObject(ObjectClass::PrivateKey, planned.id);
        if (!hasPrivate)
            return fail(hasPrivate.error(), progress, done, total);
        if (!*hasPrivate)
            return fail(
                tokenError(TokenStatus::NotFound, QStringLiteral("private key missing after writing")),
                progress, done, total);
        const bool certificateThere
            = std::any_of(certificates->cbegin(), certificates->cend(), [&](const TokenCertificate& c) {
                  return c.id == planned.id && c.der == planned.pair->certificateDer;
              });
        if (!certificateThere)
            return fail(
                tokenError(TokenStatus::NotFound, QStringLiteral("certificate missing after writing")),
                progress, done, total);
    }
    ++done;

    if (testSign) {
        if (!step(WriteStep::TestSigning))
            return fail(
                tokenError(TokenStatus::Cancelled, QStringLiteral("cancelled")), progress, done, total);
        QByteArray challenge(32, Qt::Uninitialized);
        if (RAND_bytes(reinterpret_cast<unsigned char*>(challenge.data()), static_cast<int>(challenge.size()))
            != 1)
            return fail(tokenError(TokenStatus::InternalError, QStringLiteral("RAND_bytes failed")), progress,
                done, total);
        for (const Planned& planned : std::as_const(plan)) {
            if (planned.pair->purpose != KeyPurpose::Signing)
                continue; // encryption keys carry CKA_SIGN false
            TokenResult<QByteArray> signature = m_session.signSm2(planned.id, challenge);
            if (!signature)
                return fail(signature.error(), progress, done, total);
            // signSm2 checked it against the token's public key object; check it against the certificate too.
            if (!pki::sm2Verify(planned.certificateKey, challenge, *signature))
                return fail(
                    tokenError(TokenStatus::BadSignature, QStringLiteral("test signature vs certificate")),
                    progress, done, total);
            report.testSigned = true;
        }
        ++done;
    }

    // libp11 0.4.12 fails PKCS11_enumerate_keys outright (-1, nothing on the error queue) on a token that
    // holds a key of a vendor type such as CKK 0x80000004: nothing CertDesk can change, so the check only
    // runs where libp11 can read the keys at all (SM2 as CKK_EC).
    constexpr quint64 ckkEc = 3;
    if (m_options.libp11Check && m_session.profile().keyType == ckkEc) {
        TokenResult<Libp11Inventory> inventory = m_session.module().libp11Inventory(m_session.token());
        if (!inventory)
            return fail(inventory.error(), progress, done, total);
        report.libp11 = *inventory;
    }

    m_pending.clear();
    report.elapsedMs = timer.elapsed();
    return report;
}

} // namespace certdesk::token
