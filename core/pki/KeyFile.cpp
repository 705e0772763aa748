#include "pki/KeyFile.h"

#include "pki/OpenSslSupport.h"
#include "platform/FileAccess.h"

#include <QFile>
#include <QFileInfo>

#include <openssl/pem.h>

#include <cstring>

namespace certdesk::pki {

using namespace detail;

namespace {

struct PassphraseSource
{
    const SecureBytes* passphrase = nullptr;
    bool asked = false;
};

// pem_password_cb: copies the passphrase into OpenSSL's buffer (never a NUL-terminated copy of our own).
int passphraseCallback(char* buffer, int size, int, void* user)
{
    auto* source = static_cast<PassphraseSource*>(user);
    source->asked = true;
    if (source->passphrase == nullptr || source->passphrase->isEmpty()
        || source->passphrase->size() > static_cast<qsizetype>(size))
        return -1;
    std::memcpy(
        buffer, source->passphrase->constData(), static_cast<std::size_t>(source->passphrase->size()));
    return static_cast<int>(source->passphrase->size());
}

} // namespace

PkiResult<KeyFileProtection> keyFileProtection(const QString& path)
{
    auto bytes = readPrivateFile(path);
    if (!bytes)
        return bytes.error();
    const QByteArrayView text = bytes->view();
    if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
        || (text.contains("PRIVATE KEY-----") && text.contains("Proc-Type: 4,ENCRYPTED")))
        return KeyFileProtection::Encrypted;
    if (text.contains("PRIVATE KEY-----"))
        return KeyFileProtection::Plain;
    return pkiError(
        PkiStatus::BadInput, QStringLiteral("%1 holds no PEM private key").arg(QFileInfo(path).fileName()));
}

PkiResult<EvpPkeyPtr> readKeyFile(const QString& path, const SecureBytes& passphrase)
{
    ErrorQueueGuard guard;
    auto bytes = readPrivateFile(path);
    if (!bytes)
        return bytes.error();
    const auto protection = keyFileProtection(path);
    if (!protection)
        return protection.error();
    const QString name = QFileInfo(path).fileName();
    if (*protection == KeyFileProtection::Encrypted && passphrase.isEmpty())
        return pkiError(
            PkiStatus::BadInput, QStringLiteral("%1 is encrypted and no passphrase was given").arg(name));
    BioPtr bio(BIO_new_mem_buf(bytes->constData(), static_cast<int>(bytes->size())));
    PassphraseSource source {&passphrase};
    EvpPkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, passphraseCallback, &source) : nullptr);
    if (!key) {
        if (*protection == KeyFileProtection::Encrypted)
            return pkiError(PkiStatus::DecryptFailed, QStringLiteral("%1: wrong passphrase").arg(name));
        return pkiError(PkiStatus::BadInput, QStringLiteral("%1 is unreadable").arg(name));
    }
    return key;
}

PkiResult<void> writeKeyFile(const QString& path, EVP_PKEY* key, const SecureBytes& passphrase)
{
    ErrorQueueGuard guard;
    BioPtr bio(BIO_new(BIO_s_secmem()));
    PassphraseSource source {&passphrase};
    const EVP_CIPHER* cipher = passphrase.isEmpty() ? nullptr : EVP_aes_256_cbc();
    if (!bio
        || PEM_write_bio_PKCS8PrivateKey(bio.get(), key, cipher, nullptr, 0,
               cipher != nullptr ? passphraseCallback : nullptr, cipher != nullptr ? &source : nullptr)
            != 1)
        return pkiError(PkiStatus::InternalError, QStringLiteral("encoding the key file failed"));
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    if (length <= 0 || !writePrivateFile(path, QByteArrayView(data, length)))
        return pkiError(
            PkiStatus::InternalError, QStringLiteral("writing %1 failed").arg(QFileInfo(path).fileName()));
    return {};
}

PkiResult<void> checkKeyFilePermissions(const QString& path)
{
    // Mode bits and owner on POSIX systems; on Windows the inherited ACL applies (platform/FileAccess.h).
    const QFileInfo info(path);
    const platform::FileAccess file = platform::fileAccess(info.absoluteFilePath());
    const platform::FileAccess directory = platform::fileAccess(info.absolutePath());
    if (!file.exists)
        return pkiError(PkiStatus::BadInput,
            QStringLiteral("the key file %1 does not exist").arg(info.absoluteFilePath()));
    if (!directory.exists)
        return pkiError(
            PkiStatus::BadInput, QStringLiteral("cannot read the directory %1").arg(info.absolutePath()));
    if (file.openToOthers || !file.ownedByMe)
        return pkiError(PkiStatus::BadInput,
            QStringLiteral(
                "the key file %1 has mode %2; it must be 0600 and owned by the service's user (chmod 600)")
                .arg(info.absoluteFilePath(), file.modeText()));
    if (directory.openToOthers || !directory.ownedByMe)
        return pkiError(PkiStatus::BadInput,
            QStringLiteral("the key directory %1 has mode %2; it must be 0700 and owned by the service's "
                           "user (chmod 700)")
                .arg(info.absolutePath(), directory.modeText()));
    return {};
}

} // namespace certdesk::pki
