#include "CaKeys.h"

#include "pki/KeyFile.h"
#include "pki/Sm2Key.h"
#include "platform/FileAccess.h"
#include "token/Pkcs11RsaSigner.h"
#include "token/Pkcs11Sm2Signer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdlib>
#include <cstring>

namespace certdesk::server::cakeys {

namespace {

[[noreturn]] void refuse(const QString& message)
{
    throw ConfigurationError(message.toStdString());
}

} // namespace

pki::SecureBytes readSecret(const QString& file, const char* environmentVariable)
{
    if (!file.isEmpty()) {
        const platform::FileAccess access = platform::fileAccess(file);
        if (!access.exists)
            refuse(QStringLiteral("the secret file %1 does not exist").arg(file));
        if (access.openToOthers)
            refuse(QStringLiteral("the secret file %1 can be read by other users; chmod 600 it").arg(file));
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly))
            refuse(QStringLiteral("cannot read the secret file %1").arg(file));
        pki::SecureBytes bytes(in.size());
        if (in.read(reinterpret_cast<char*>(bytes.data()), bytes.size()) != bytes.size())
            refuse(QStringLiteral("cannot read the secret file %1").arg(file));
        qsizetype length = 0;
        while (length < bytes.size() && bytes.data()[length] != '\n' && bytes.data()[length] != '\r')
            ++length;
        return pki::SecureBytes(bytes.constData(), static_cast<std::size_t>(length));
    }
    const char* value = std::getenv(environmentVariable);
    if (value == nullptr)
        return {};
    return pki::SecureBytes(reinterpret_cast<const unsigned char*>(value), std::strlen(value));
}

QString caDirectory(const ServiceOptions& options, const QString& dataDir)
{
    return options.caDirectory.isEmpty() ? QDir(dataDir).filePath(QStringLiteral("ca/sm2"))
                                         : options.caDirectory;
}

QString issuingKeyFile(const ServiceOptions& options, const QString& caDir)
{
    return options.caKey.keyFile.isEmpty() ? QDir(caDir).filePath(QStringLiteral("issuing-ca.key"))
                                           : options.caKey.keyFile;
}

pki::EvpPkeyPtr readCheckedKeyFile(
    const QString& path, const pki::SecureBytes& passphrase, bool sandbox, const QString& what)
{
    if (!QFileInfo::exists(path))
        refuse(QStringLiteral("%1: the key file %2 does not exist").arg(what, path));
    if (auto permissions = pki::checkKeyFilePermissions(path); !permissions)
        refuse(QStringLiteral("%1: %2").arg(what, permissions.detail()));
    const auto protection = pki::keyFileProtection(path);
    if (!protection)
        refuse(QStringLiteral("%1: %2").arg(what, protection.detail()));
    if (*protection == pki::KeyFileProtection::Plain && !sandbox)
        refuse(QStringLiteral(
            "%1: the key file %2 is not encrypted. Outside --sandbox a CA key must be an encrypted "
            "PKCS#8 file (certdesk-server ca init writes one) or live in a PKCS#11 module.")
                   .arg(what, path));
    auto key = pki::readKeyFile(path, passphrase);
    if (!key)
        refuse(QStringLiteral("%1: %2").arg(what, key.detail()));
    return std::move(*key);
}

std::shared_ptr<const pki::Sm2Signer> openIssuingSigner(
    const ServiceOptions& options, const QString& caDir, bool sandbox)
{
    const KeySource& source = options.caKey;
    if (source.kind == KeySource::Kind::Pkcs11) {
        const pki::SecureBytes pinBytes = readSecret(source.pinFile, CaPinEnv);
        QString pin = QString::fromUtf8(reinterpret_cast<const char*>(pinBytes.constData()), pinBytes.size());
        if (pin.isEmpty())
            refuse(QStringLiteral(
                "the issuing CA key is in a PKCS#11 module: give its PIN in [ca] pkcs11_pin_file or %1")
                       .arg(QString::fromLatin1(CaPinEnv)));
        auto signer = token::Pkcs11Sm2Signer::open(
            source.module, source.token, QByteArray::fromHex(source.keyId.toLatin1()), std::move(pin));
        if (!signer)
            refuse(QStringLiteral("issuing CA key in %1, token \"%2\": %3 (%4)")
                       .arg(source.module, source.token, signer.error().message(), signer.detail()));
        return *signer;
    }
    const QString path = issuingKeyFile(options, caDir);
    const pki::SecureBytes passphrase = readSecret(source.passphraseFile, CaPassphraseEnv);
    pki::EvpPkeyPtr key = readCheckedKeyFile(path, passphrase, sandbox, QStringLiteral("issuing CA key"));
    auto sm2 = pki::Sm2Key::fromEvpPkey(std::move(key));
    if (!sm2)
        refuse(QStringLiteral("issuing CA key %1: not an SM2 key").arg(path));
    return std::make_shared<pki::SoftwareSm2Signer>(*sm2);
}

std::shared_ptr<const pki::RsaSigner> openLegacySigner(
    const ServiceOptions& options, const QByteArray& certificateDer)
{
    const KeySource& source = options.legacyKey;
    const pki::SecureBytes pinBytes = readSecret(source.pinFile, LegacyPinEnv);
    QString pin = QString::fromUtf8(reinterpret_cast<const char*>(pinBytes.constData()), pinBytes.size());
    if (pin.isEmpty())
        refuse(QStringLiteral(
            "the legacy RSA CA key is in a PKCS#11 module: give its PIN in [legacy_ca] pkcs11_pin_file or %1")
                   .arg(QString::fromLatin1(LegacyPinEnv)));
    auto signer = token::Pkcs11RsaSigner::open(source.module, source.token,
        QByteArray::fromHex(source.keyId.toLatin1()), certificateDer, std::move(pin));
    if (!signer) {
        // The operator reads this in a service log: the English status name and the PKCS#11 detail, and
        // for a refused PIN where it came from (the token's own message is written for UKey holders).
        const token::TokenStatus status = signer.status();
        const bool pin = status == token::TokenStatus::PinIncorrect
            || status == token::TokenStatus::PinIncorrectCountLow
            || status == token::TokenStatus::PinIncorrectFinalTry || status == token::TokenStatus::PinLocked;
        refuse(QStringLiteral("legacy RSA CA key in %1, token \"%2\": %3 (%4)%5")
                   .arg(source.module, source.token, token::tokenStatusName(status), signer.detail(),
                       pin ? QStringLiteral("; the PIN from %1 was refused by the module")
                                 .arg(source.pinFile.isEmpty() ? QString::fromLatin1(LegacyPinEnv)
                                                               : source.pinFile)
                           : QString()));
    }
    return *signer;
}

} // namespace certdesk::server::cakeys
