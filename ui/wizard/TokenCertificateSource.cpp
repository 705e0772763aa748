#include "wizard/TokenCertificateSource.h"

#include "token/ModuleLoader.h"
#include "token/TokenSession.h"

#include <QSettings>

namespace certdesk::ui {

namespace {

const QString kModulesKey = QStringLiteral("token/modules");

} // namespace

Pkcs11CertificateSource::Pkcs11CertificateSource(QStringList modulePaths)
    : m_modulePaths(std::move(modulePaths))
{ }

token::TokenResult<QList<TokenCertificateEntry>> Pkcs11CertificateSource::certificates()
{
    QList<TokenCertificateEntry> out;
    std::optional<token::TokenError> lastError;
    bool anyRead = false;
    for (const QString& path : std::as_const(m_modulePaths)) {
        auto module = token::ModuleLoader::load(path);
        if (!module) {
            lastError = module.error();
            continue;
        }
        auto tokens = module->tokens();
        if (!tokens) {
            lastError = tokens.error();
            continue;
        }
        anyRead = true;
        for (const token::TokenInfo& info : std::as_const(*tokens)) {
            if (!info.initialized)
                continue;
            auto session = module->openSession(info);
            if (!session) {
                lastError = session.error();
                continue;
            }
            auto certificates = session->certificates();
            if (!certificates) {
                lastError = certificates.error();
                continue;
            }
            for (const token::TokenCertificate& certificate : std::as_const(*certificates)) {
                auto parsed = certificate.info();
                if (!parsed)
                    continue; // not an X.509 certificate CertDesk can read: not the old certificate either
                out.append({info, certificate, *parsed});
            }
        }
    }
    if (!anyRead && lastError)
        return *lastError;
    if (!anyRead)
        return token::tokenError(
            token::TokenStatus::ModuleMissing, QStringLiteral("no PKCS#11 module configured"));
    return out;
}

token::TokenResult<token::PinInfo> Pkcs11CertificateSource::pinInfo(const token::TokenInfo& token)
{
    auto module = token::ModuleLoader::load(token.modulePath);
    if (!module)
        return module.error();
    auto found = module->findToken(token.label, token.serialNumber);
    if (!found)
        return found.error();
    return found->pin;
}

token::TokenResult<QByteArray> Pkcs11CertificateSource::signRsaSha256(
    const TokenCertificateEntry& entry, QString pin, const QByteArray& data)
{
    auto module = token::ModuleLoader::load(entry.token.modulePath);
    if (!module)
        return module.error();
    // Found again by label and serial: slot numbers change when readers come and go.
    auto found = module->findToken(entry.token.label, entry.token.serialNumber);
    if (!found)
        return found.error();
    auto session = module->openSession(*found);
    if (!session)
        return session.error();
    if (auto login = session->login(std::move(pin)); !login)
        return login.error();
    auto signature = session->signRsaSha256(entry.certificate, data);
    (void)session->logout();
    return signature;
}

QStringList configuredModulePaths()
{
    QStringList paths = token::ModuleLoader::installedModulePaths();
    const QStringList added = QSettings().value(kModulesKey).toStringList();
    for (const QString& path : added) {
        if (!path.isEmpty() && !paths.contains(path))
            paths.append(path);
    }
    return paths;
}

void addConfiguredModulePath(const QString& path)
{
    QSettings settings;
    QStringList added = settings.value(kModulesKey).toStringList();
    if (!added.contains(path)) {
        added.append(path);
        settings.setValue(kModulesKey, added);
    }
}

} // namespace certdesk::ui
