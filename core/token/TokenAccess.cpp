#include "token/TokenAccess.h"

#include "token/ModuleLoader.h"
#include "token/TokenSession.h"

#include <optional>

namespace certdesk::token {

namespace {

// The module loaded, the token found again by label and serial (slot numbers change when readers come and
// go), a session opened on it.
TokenResult<TokenSession> sessionOn(const TokenInfo& token)
{
    auto module = ModuleLoader::load(token.modulePath);
    if (!module)
        return module.error();
    auto found = module->findToken(token.label, token.serialNumber);
    if (!found)
        return found.error();
    return module->openSession(*found);
}

} // namespace

TokenAccess::TokenAccess(TokenInfo token)
    : m_token(std::move(token))
{ }

TokenResult<TokenInfo> TokenAccess::refresh() const
{
    auto module = ModuleLoader::load(m_token.modulePath);
    if (!module)
        return module.error();
    return module->findToken(m_token.label, m_token.serialNumber);
}

TokenResult<PinInfo> TokenAccess::pinInfo() const
{
    auto found = refresh();
    if (!found)
        return found.error();
    return found->pin;
}

TokenResult<QByteArray> TokenAccess::signRsaSha256(
    const TokenCertificate& certificate, QString pin, QByteArrayView data) const
{
    auto session = sessionOn(m_token);
    if (!session)
        return session.error();
    if (auto login = session->login(std::move(pin)); !login)
        return login.error();
    auto signature = session->signRsaSha256(certificate, data);
    (void)session->logout();
    return signature;
}

TokenResult<void> TokenAccess::changePin(QString oldPin, QString newPin) const
{
    auto session = sessionOn(m_token);
    if (!session)
        return session.error();
    return session->changePin(std::move(oldPin), std::move(newPin));
}

TokenResult<QList<TokenCertificateEntry>> readCertificates(const QString& modulePath)
{
    auto module = ModuleLoader::load(modulePath);
    if (!module)
        return module.error();
    auto tokens = module->tokens();
    if (!tokens)
        return tokens.error();
    QList<TokenCertificateEntry> out;
    for (const TokenInfo& info : std::as_const(*tokens)) {
        if (!info.initialized)
            continue;
        auto session = module->openSession(info);
        if (!session)
            continue;
        auto certificates = session->certificates();
        if (!certificates)
            continue;
        for (const TokenCertificate& certificate : std::as_const(*certificates)) {
            auto parsed = certificate.info();
            if (!parsed)
                continue; // not an X.509 certificate CertDesk can read: not the old certificate either
            out.append({info, certificate, *parsed});
        }
    }
    return out;
}

TokenResult<QList<TokenCertificateEntry>> mergeCertificateReads(
    const QList<TokenResult<QList<TokenCertificateEntry>>>& reads)
{
    QList<TokenCertificateEntry> out;
    std::optional<TokenError> lastError;
    bool anyRead = false;
    for (const auto& read : reads) {
        if (!read) {
            lastError = read.error();
            continue;
        }
        anyRead = true;
        out.append(*read);
    }
    if (!anyRead && lastError)
        return *lastError;
    if (!anyRead)
        return tokenError(TokenStatus::ModuleMissing, QStringLiteral("no PKCS#11 module configured"));
    return out;
}

Pkcs11CertificateSource::Pkcs11CertificateSource(QStringList modulePaths)
    : m_modulePaths(std::move(modulePaths))
{ }

TokenResult<QList<TokenCertificateEntry>> Pkcs11CertificateSource::certificates(const QString& modulePath)
{
    return readCertificates(modulePath);
}

TokenResult<PinInfo> Pkcs11CertificateSource::pinInfo(const TokenInfo& token)
{
    return TokenAccess(token).pinInfo();
}

TokenResult<QByteArray> Pkcs11CertificateSource::signRsaSha256(
    const TokenCertificateEntry& entry, QString pin, const QByteArray& data)
{
    return TokenAccess(entry.token).signRsaSha256(entry.certificate, std::move(pin), data);
}

} // namespace certdesk::token
