#pragma once

#include "pki/CertificateInfo.h"
#include "token/TokenStatus.h"
#include "token/TokenTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace certdesk::ui {

// One certificate found on an inserted token.
struct TokenCertificateEntry
{
    token::TokenInfo token;
    token::TokenCertificate certificate;
    pki::CertificateInfo info; // parsed; holds personal data, never log it
};

// The old UKey as the lookup page sees it: the certificates on the inserted tokens, the PIN state, and one
// RSA signature (SHA-256, PKCS#1 v1.5) with a certificate's key. Nothing is ever written to the token. The
// calls block (token I/O, a PIN-pad reader waiting for the person), so the page runs them on a worker thread,
// one at a time. Tests use the PKCS#11 implementation below on SoftHSM tokens, or a fake.
class TokenCertificateSource
{
public:
    virtual ~TokenCertificateSource() = default;
    // Every certificate on every inserted token. A module or token that cannot be read is skipped; the error
    // of the last failure comes back only when nothing could be read at all.
    [[nodiscard]] virtual token::TokenResult<QList<TokenCertificateEntry>> certificates() = 0;
    // The PIN state read from the token now.
    [[nodiscard]] virtual token::TokenResult<token::PinInfo> pinInfo(const token::TokenInfo& token) = 0;
    // Logs in with `pin` (moved in and wiped by the token layer; empty on a PIN-pad reader), signs `data`
    // with the certificate's key (verified in software against the certificate), logs out. Never retries.
    [[nodiscard]] virtual token::TokenResult<QByteArray> signRsaSha256(
        const TokenCertificateEntry& entry, QString pin, const QByteArray& data)
        = 0;
};

// TokenCertificateSource on PKCS#11 modules loaded by path (core/token). Modules that fail to load are
// skipped.
class Pkcs11CertificateSource final : public TokenCertificateSource
{
public:
    explicit Pkcs11CertificateSource(QStringList modulePaths);

    [[nodiscard]] token::TokenResult<QList<TokenCertificateEntry>> certificates() override;
    [[nodiscard]] token::TokenResult<token::PinInfo> pinInfo(const token::TokenInfo& token) override;
    [[nodiscard]] token::TokenResult<QByteArray> signRsaSha256(
        const TokenCertificateEntry& entry, QString pin, const QByteArray& data) override;

private:
    QStringList m_modulePaths;
};

// The PKCS#11 modules CertDesk uses on this PC: the platform defaults that are installed
// (ModuleLoader::installedModulePaths) and the ones added in the settings (key "token/modules", a path list;
// the counter desk's "add module" writes it), without duplicates.
[[nodiscard]] QStringList configuredModulePaths();
// Adds a module path to the settings.
void addConfiguredModulePath(const QString& path);

} // namespace certdesk::ui
