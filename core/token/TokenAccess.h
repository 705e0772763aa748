#pragma once

#include "pki/CertificateInfo.h"
#include "token/TokenStatus.h"
#include "token/TokenTypes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

namespace certdesk::token {

// The sequence for one token named by module path, label and serial (TokenInfo): load the module
// (ModuleLoader, probed first), find the token again (slot numbers change as readers come and go), open a
// session, log in, do the one thing, log out. Every call runs the whole sequence and holds nothing between
// calls. The calls block (token I/O, a PIN-pad reader waiting for the person): windows run them through
// runOnModule (token/ModuleWorker.h). PINs are moved in, used once, wiped by the token layer; never stored,
// logged or retried.
class TokenAccess
{
public:
    explicit TokenAccess(TokenInfo token);

    [[nodiscard]] const TokenInfo& token() const { return m_token; }

    // The token as it is now (PIN flags, initialized, read-only): the state to decide on, not a poll's.
    [[nodiscard]] TokenResult<TokenInfo> refresh() const;
    // The PIN state read from the token now.
    [[nodiscard]] TokenResult<PinInfo> pinInfo() const;
    // Logs in with `pin` (empty on a PIN-pad reader), has the certificate's key sign `data` (RSA PKCS#1 v1.5
    // SHA-256, verified in software against the certificate), logs out. Nothing is written to the token.
    [[nodiscard]] TokenResult<QByteArray> signRsaSha256(
        const TokenCertificate& certificate, QString pin, QByteArrayView data) const;
    // C_SetPIN of the user PIN (no login before): the old PIN, then the new one.
    [[nodiscard]] TokenResult<void> changePin(QString oldPin, QString newPin) const;

private:
    TokenInfo m_token;
};

// One certificate found on an inserted token.
struct TokenCertificateEntry
{
    TokenInfo token;
    TokenCertificate certificate;
    pki::CertificateInfo info; // parsed; holds personal data, never log it
};

// Every X.509 certificate CertDesk can read on the initialized tokens of the module at `modulePath` (public
// objects: no login). A token that cannot be read is skipped; its error comes back only when the module
// itself could not be read (load or slot list).
[[nodiscard]] TokenResult<QList<TokenCertificateEntry>> readCertificates(const QString& modulePath);

// The certificates of several modules read one by one (readCertificates per module, in the modules' order):
// every certificate found. A module that could not be read is skipped; when none could be, the error of the
// last one, or ModuleMissing when there was no module to read.
[[nodiscard]] TokenResult<QList<TokenCertificateEntry>> mergeCertificateReads(
    const QList<TokenResult<QList<TokenCertificateEntry>>>& reads);

// The old UKey as the lookup page sees it (DESIGN.md step 3): the certificates on the inserted tokens, the
// PIN state, and one RSA signature with a certificate's key. Nothing is ever written to the token. Each call
// concerns one module (certificates: the module named; the others: the entry's token's), so a window runs it
// on that module's thread. Tests use Pkcs11CertificateSource on SoftHSM tokens, or a fake.
class TokenCertificateSource
{
public:
    virtual ~TokenCertificateSource() = default;
    // The modules to read, most likely first.
    [[nodiscard]] virtual QStringList modulePaths() const = 0;
    // readCertificates() of one of modulePaths().
    [[nodiscard]] virtual TokenResult<QList<TokenCertificateEntry>> certificates(const QString& modulePath)
        = 0;
    // The PIN state read from the token now.
    [[nodiscard]] virtual TokenResult<PinInfo> pinInfo(const TokenInfo& token) = 0;
    // TokenAccess::signRsaSha256 with the entry's certificate. Never retries.
    [[nodiscard]] virtual TokenResult<QByteArray> signRsaSha256(
        const TokenCertificateEntry& entry, QString pin, const QByteArray& data)
        = 0;
};

// TokenCertificateSource on PKCS#11 modules loaded by path.
class Pkcs11CertificateSource final : public TokenCertificateSource
{
public:
    explicit Pkcs11CertificateSource(QStringList modulePaths);

    [[nodiscard]] QStringList modulePaths() const override { return m_modulePaths; }
    [[nodiscard]] TokenResult<QList<TokenCertificateEntry>> certificates(const QString& modulePath) override;
    [[nodiscard]] TokenResult<PinInfo> pinInfo(const TokenInfo& token) override;
    [[nodiscard]] TokenResult<QByteArray> signRsaSha256(
        const TokenCertificateEntry& entry, QString pin, const QByteArray& data) override;

private:
    QStringList m_modulePaths;
};

} // namespace certdesk::token
