#include "token/Pkcs11Sm2Signer.h"

#include "pki/Sm2.h"
#include "token/ModuleLoader.h"
#include "token/TokenSession.h"

#include <mutex>

namespace certdesk::token {

struct Pkcs11Sm2Signer::State
{
    TokenSession session;
    QByteArray keyId;
    pki::Sm2Key publicKey;
    mutable std::mutex mutex;

    explicit State(TokenSession s)
        : session(std::move(s))
    { }
};

Pkcs11Sm2Signer::Pkcs11Sm2Signer(std::unique_ptr<State> state)
    : m_state(std::move(state))
{ }

Pkcs11Sm2Signer::~Pkcs11Sm2Signer() = default;

namespace {

TokenResult<TokenSession> openLoggedIn(const QString& modulePath, const QString& tokenLabel, QString pin)
{
    auto module = ModuleLoader::load(modulePath);
    if (!module)
        return module.error();
    auto session = module->openSession(tokenLabel);
    if (!session)
        return session.error();
    if (auto login = session->login(std::move(pin)); !login)
        return login.error();
    if (!session->profile().canSignOnToken())
        return tokenError(TokenStatus::NotSupported,
            QStringLiteral("the module's vendor profile %1 cannot SM2-sign").arg(session->profile().name));
    return session;
}

TokenResult<std::shared_ptr<Pkcs11Sm2Signer>> finish(TokenSession session, const QByteArray& keyId,
    const std::function<std::shared_ptr<Pkcs11Sm2Signer>(TokenSession, const QByteArray&, pki::Sm2Key)>& make)
{
    auto point = session.sm2PublicPoint(keyId);
    if (!point)
        return point.error();
    auto key = pki::Sm2Key::fromPublicPoint(*point);
    if (!key)
        return tokenError(TokenStatus::InternalError, QStringLiteral("CA public key: ") + key.detail());
    return make(std::move(session), keyId, *key);
}

} // namespace

TokenResult<std::shared_ptr<Pkcs11Sm2Signer>> Pkcs11Sm2Signer::open(
    const QString& modulePath, const QString& tokenLabel, const QByteArray& keyId, QString pin)
{
    auto session = openLoggedIn(modulePath, tokenLabel, std::move(pin));
    if (!session)
        return session.error();
    return finish(std::move(*session), keyId, [](TokenSession s, const QByteArray& id, pki::Sm2Key key) {
        auto state = std::make_unique<State>(std::move(s));
        state->keyId = id;
        state->publicKey = std::move(key);
        return std::shared_ptr<Pkcs11Sm2Signer>(new Pkcs11Sm2Signer(std::move(state)));
    });
}

TokenResult<std::shared_ptr<Pkcs11Sm2Signer>> Pkcs11Sm2Signer::generate(const QString& modulePath,
    const QString& tokenLabel, const QByteArray& keyId, const QString& label, QString pin)
{
    auto session = openLoggedIn(modulePath, tokenLabel, std::move(pin));
    if (!session)
        return session.error();
    auto exists = session->hasObject(ObjectClass::PrivateKey, keyId);
    if (!exists)
        return exists.error();
    if (*exists)
        return tokenError(
            TokenStatus::AlreadyExists, QStringLiteral("the token already holds a key with this CKA_ID"));
    if (auto generated = session->generateSm2KeyPair(keyId, label); !generated)
        return generated.error();
    return finish(std::move(*session), keyId, [](TokenSession s, const QByteArray& id, pki::Sm2Key key) {
        auto state = std::make_unique<State>(std::move(s));
        state->keyId = id;
        state->publicKey = std::move(key);
        return std::shared_ptr<Pkcs11Sm2Signer>(new Pkcs11Sm2Signer(std::move(state)));
    });
}

pki::Sm2Key Pkcs11Sm2Signer::publicKey() const
{
    return m_state->publicKey;
}

pki::PkiResult<QByteArray> Pkcs11Sm2Signer::sign(QByteArrayView data, QByteArrayView id) const
{
    if (id != pki::sm2DefaultId())
        return pki::PkiError {pki::PkiStatus::Unsupported,
            QStringLiteral("the HSM signs SM2 with the default ID 1234567812345678 only")};
    const std::lock_guard lock(m_state->mutex);
    auto signature = m_state->session.signSm2(m_state->keyId, data);
    if (!signature)
        return pki::PkiError {signature.status() == TokenStatus::BadSignature ? pki::PkiStatus::BadSignature
                                                                              : pki::PkiStatus::InternalError,
            QStringLiteral("HSM: ") + tokenStatusName(signature.status()) + QStringLiteral(": ")
                + signature.detail()};
    return *signature;
}

} // namespace certdesk::token
