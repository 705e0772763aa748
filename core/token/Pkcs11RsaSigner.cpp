#include "token/Pkcs11RsaSigner.h"

#include "token/ModuleLoader.h"
#include "token/TokenSession.h"

#include <mutex>

namespace certdesk::token {

struct Pkcs11RsaSigner::State
{
    TokenSession session;
    TokenCertificate certificate; // the CA certificate, with the key's CKA_ID
    mutable std::mutex mutex;

    explicit State(TokenSession s)
        : session(std::move(s))
    { }
};

Pkcs11RsaSigner::Pkcs11RsaSigner(std::unique_ptr<State> state)
    : m_state(std::move(state))
{ }

Pkcs11RsaSigner::~Pkcs11RsaSigner() = default;

TokenResult<std::shared_ptr<Pkcs11RsaSigner>> Pkcs11RsaSigner::open(const QString& modulePath,
    const QString& tokenLabel, const QByteArray& keyId, const QByteArray& certificateDer, QString pin)
{
    auto module = ModuleLoader::load(modulePath);
    if (!module)
        return module.error();
    auto session = module->openSession(tokenLabel);
    if (!session)
        return session.error();
    if (auto login = session->login(std::move(pin)); !login)
        return login.error();
    // The key named in the configuration, and no other: TokenSession would also find a key by its modulus,
    // which would hide a wrong pkcs11_key_id.
    auto keys = session->keys();
    if (!keys)
        return keys.error();
    const bool found = std::any_of(keys->cbegin(), keys->cend(), [&keyId](const TokenKey& key) {
        return key.objectClass == ObjectClass::PrivateKey && key.algorithm == KeyAlgorithm::Rsa
            && key.id == keyId;
    });
    if (!found)
        return tokenError(TokenStatus::NotFound,
            QStringLiteral("no RSA private key with CKA_ID %1 on the token")
                .arg(QString::fromLatin1(keyId.toHex())));
    auto state = std::make_unique<State>(std::move(*session));
    state->certificate.der = certificateDer;
    state->certificate.id = keyId;
    return std::shared_ptr<Pkcs11RsaSigner>(new Pkcs11RsaSigner(std::move(state)));
}

pki::PkiResult<QByteArray> Pkcs11RsaSigner::signSha256(QByteArrayView data) const
{
    const std::lock_guard lock(m_state->mutex);
    // TokenSession checks the signature against the certificate's key before returning it.
    auto signature = m_state->session.signRsaSha256(m_state->certificate, data);
    if (!signature) {
        // TokenSession checked the signature with the certificate's key: a failure there means the key
        // under this CKA_ID is not the certificate's.
        if (signature.status() == TokenStatus::BadSignature)
            return pki::PkiError {pki::PkiStatus::KeyMismatch,
                QStringLiteral("HSM: the key with CKA_ID %1 does not match the legacy CA certificate (its "
                               "signature does not verify with the certificate's key)")
                    .arg(QString::fromLatin1(m_state->certificate.id.toHex()))};
        return pki::PkiError {pki::PkiStatus::InternalError,
            QStringLiteral("HSM: ") + tokenStatusName(signature.status()) + QStringLiteral(": ")
                + signature.detail()};
    }
    return *signature;
}

} // namespace certdesk::token
