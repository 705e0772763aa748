#pragma once

// Shared by the token tests: SoftHSM2 tokens in a temporary directory, pkcs11-tool runs, and an in-memory SM2
// CA that issues certificates for test keys.

#include "pki/CertificateAuthority.h"
#include "pki/Sm2Key.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace certdesk::test {

struct ToolResult
{
    int exitCode = -1;
    QString output; // stdout and stderr
};

// Runs a program to completion (60 s at most).
[[nodiscard]] ToolResult runTool(const QString& program, const QStringList& arguments);

// A SoftHSM2 configuration of its own: <directory>/softhsm2.conf with directories.tokendir =
// <directory>/tokens, exported as SOFTHSM2_CONF for this process and its children. Tokens are found by label,
// never by slot.
class SoftHsm
{
public:
    [[nodiscard]] static QString modulePath();

    explicit SoftHsm(const QString& directory);

    [[nodiscard]] bool initToken(const QString& label, const QString& soPin, const QString& userPin) const;
    // softhsm2-util --import of an unencrypted PKCS#8 key pair (private and public key objects).
    [[nodiscard]] bool importKeyPair(const QString& tokenLabel, const QString& userPin,
        const QByteArray& pkcs8Der, const QByteArray& id, const QString& label) const;
    // pkcs11-tool on the token with this label (logged in when `pin` is given).
    [[nodiscard]] ToolResult pkcs11Tool(
        const QString& tokenLabel, const QString& pin, const QStringList& arguments) const;

private:
    QString m_directory;
};

// Object counts in `pkcs11-tool --list-objects` output.
struct ListedObjects
{
    int privateKeys = 0;
    int publicKeys = 0;
    int certificates = 0;
    int data = 0;
};
[[nodiscard]] ListedObjects parseListing(const QString& output);

// An SM2 CA in memory (root + issuing), created once per process.
class TestCa
{
public:
    [[nodiscard]] static const pki::CertificateAuthority& instance();
    // An end-entity certificate (DER) for `key`; empty on failure.
    [[nodiscard]] static QByteArray issue(
        const pki::Sm2Key& key, pki::CertificateProfile profile, const QString& name);
};

// A fresh SM2 key pair and its certificate.
struct Sm2Pair
{
    pki::Sm2Key key;
    QByteArray certificate;
};
[[nodiscard]] Sm2Pair makeSm2Pair(pki::CertificateProfile profile, const QString& name);

// DER PKCS#8 -> PEM "PRIVATE KEY".
[[nodiscard]] QByteArray pkcs8ToPem(const QByteArray& der);

} // namespace certdesk::test
