#include "CaCommands.h"

#include "CaKeys.h"

#include "pki/CertificateAuthority.h"
#include "pki/CertificateInfo.h"
#include "pki/KeyFile.h"
#include "pki/Pem.h"
#include "pki/Sm2.h"
#include "platform/Console.h"
#include "token/Pkcs11Sm2Signer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cstddef>
#include <cstdio>

namespace certdesk::server {

namespace {

// Usage or configuration problem: exit code 2.
struct UsageError
{
    QString message;
};
// A failure while doing the work: exit code 1.
struct Failure
{
    QString message;
};

void print(FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

QDateTime nowUtc()
{
    return QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
}

// The root key's passphrase: a file, the environment, or a prompt on the terminal (no echo); never an
// argument. Asked twice when `confirm`.
pki::SecureBytes rootPassphrase(const CaCommandOptions& command, bool confirm)
{
    pki::SecureBytes passphrase;
    try {
        passphrase = cakeys::readSecret(command.rootPassphraseFile, cakeys::RootPassphraseEnv);
    } catch (const ConfigurationError& e) {
        throw UsageError {QString::fromUtf8(e.what())};
    }
    if (!passphrase.isEmpty())
        return passphrase;
    if (platform::stdinIsTerminal()) {
        const auto ask = [](const char* prompt) {
            pki::SecureBytes bytes;
            platform::readHiddenTerminalLine(prompt, [&bytes](const char* line, std::size_t length) {
                bytes = pki::SecureBytes(reinterpret_cast<const unsigned char*>(line), length);
            });
            return bytes;
        };
        passphrase = ask("Root CA key passphrase: ");
        if (confirm && !(ask("Again: ") == passphrase))
            throw UsageError {QStringLiteral("the passphrases differ")};
    }
    if (passphrase.isEmpty())
        throw UsageError {
            QStringLiteral("the root key needs a passphrase: --root-passphrase-file FILE, %1, or type it "
                           "at the prompt")
                .arg(QString::fromLatin1(cakeys::RootPassphraseEnv))};
    return passphrase;
}

void makePrivateDirectory(const QString& path)
{
    if (!QDir().mkpath(path))
        throw Failure {QStringLiteral("cannot create %1").arg(path)};
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

void writePublic(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        throw Failure {QStringLiteral("cannot write %1").arg(path)};
}

QString retiredName(const QString& path)
{
    const QFileInfo info(path);
    return info.absoluteDir().filePath(info.completeBaseName() + QStringLiteral(".retired-")
        + nowUtc().toString(QStringLiteral("yyyyMMddHHmmss")) + QLatin1Char('.') + info.suffix());
}

// A new issuing key where the config says: generated in the HSM, or in software and written encrypted to
// the key file. Returns its public half.
pki::Sm2Key newIssuingKey(const ServiceOptions& options, const QString& caDir, bool replacing)
{
    const KeySource& source = options.caKey;
    if (source.kind == KeySource::Kind::Pkcs11) {
        pki::SecureBytes pinBytes;
        try {
            pinBytes = cakeys::readSecret(source.pinFile, cakeys::CaPinEnv);
        } catch (const ConfigurationError& e) {
            throw UsageError {QString::fromUtf8(e.what())};
        }
        QString pin = QString::fromUtf8(reinterpret_cast<const char*>(pinBytes.constData()), pinBytes.size());
        if (pin.isEmpty())
            throw UsageError {QStringLiteral("give the HSM PIN in [ca] pkcs11_pin_file or %1")
                                  .arg(QString::fromLatin1(cakeys::CaPinEnv))};
        auto signer = token::Pkcs11Sm2Signer::generate(source.module, source.token,
            QByteArray::fromHex(source.keyId.toLatin1()), QStringLiteral("CertDesk issuing CA"),
            std::move(pin));
        if (!signer) {
            if (signer.status() == token::TokenStatus::AlreadyExists)
                throw UsageError {
                    QStringLiteral("the token already holds a key with CKA_ID %1: set a new [ca] "
                                   "pkcs11_key_id for the new issuing CA key")
                        .arg(source.keyId)};
            throw Failure {QStringLiteral("HSM: %1 (%2)").arg(signer.error().message(), signer.detail())};
        }
        return (*signer)->publicKey();
    }
    pki::SecureBytes passphrase;
    try {
        passphrase = cakeys::readSecret(source.passphraseFile, cakeys::CaPassphraseEnv);
    } catch (const ConfigurationError& e) {
        throw UsageError {QString::fromUtf8(e.what())};
    }
    if (passphrase.isEmpty())
        throw UsageError {QStringLiteral("the issuing CA key file is encrypted: give its passphrase in [ca] "
                                         "key_passphrase_file or %1")
                              .arg(QString::fromLatin1(cakeys::CaPassphraseEnv))};
    const QString keyFile = cakeys::issuingKeyFile(options, caDir);
    makePrivateDirectory(QFileInfo(keyFile).absolutePath());
    if (QFileInfo::exists(keyFile)) {
        if (!replacing)
            throw UsageError {QStringLiteral("%1 exists already; refusing to replace a CA key").arg(keyFile)};
        if (!QFile::rename(keyFile, retiredName(keyFile)))
            throw Failure {QStringLiteral("cannot move the old key file %1 aside").arg(keyFile)};
    }
    auto key = pki::Sm2Key::generate();
    if (!key)
        throw Failure {key.detail()};
    if (auto written = pki::writeKeyFile(keyFile, key->evpPkey(), passphrase); !written)
        throw Failure {written.detail()};
    return key->publicKey();
}

int init(const ServiceOptions& options, const CaCommandOptions& command)
{
    const QString caDir = cakeys::caDirectory(options, command.dataDir);
    if (QFileInfo::exists(QDir(caDir).filePath(QStringLiteral("root-ca.pem"))))
        throw UsageError {
            QStringLiteral("%1 already holds a CA; use `ca new-intermediate` to replace the issuing CA")
                .arg(caDir)};
    if (command.rootKeyFile.isEmpty())
        throw UsageError {
            QStringLiteral("ca init needs --root-key FILE: where to write the encrypted root key "
                           "(take it offline afterwards)")};
    if (QFileInfo::exists(command.rootKeyFile))
        throw UsageError {
            QStringLiteral("%1 exists already; refusing to overwrite a key").arg(command.rootKeyFile)};
    const pki::SecureBytes passphrase = rootPassphrase(command, true);
    makePrivateDirectory(caDir);

    const QDateTime now = nowUtc();
    // The root certifies itself here and only here; every CA object is signed with the default ID.
    auto root = pki::CertificateAuthority::createRoot(pki::CaSettings::defaultRootSubject(),
        pki::Validity {now.addDays(-1), now.addYears(20)}, pki::sm2DefaultId());
    if (!root)
        throw Failure {root.detail()};
    const pki::Sm2Key issuingPublic = newIssuingKey(options, caDir, false);
    auto issuing = pki::CertificateAuthority::certifyIssuing(*root, issuingPublic,
        pki::CaSettings::defaultIssuingSubject(), pki::Validity {now.addDays(-1), now.addYears(10)},
        pki::sm2DefaultId());
    if (!issuing)
        throw Failure {issuing.detail()};
    makePrivateDirectory(QFileInfo(command.rootKeyFile).absolutePath());
    if (auto written = pki::writeKeyFile(command.rootKeyFile, root->key.evpPkey(), passphrase); !written)
        throw Failure {written.detail()};
    writePublic(
        QDir(caDir).filePath(QStringLiteral("root-ca.pem")), pki::certificateToPem(root->certificateDer));
    writePublic(QDir(caDir).filePath(QStringLiteral("issuing-ca.pem")), pki::certificateToPem(*issuing));
    print(stdout,
        QStringLiteral(
            "SM2 CA created in %1 (root-ca.pem, issuing-ca.pem).\nIssuing CA key: %2.\nRoot key written "
            "encrypted to %3: move it offline; the running service never needs it.")
            .arg(caDir,
                options.caKey.kind == KeySource::Kind::Pkcs11
                    ? QStringLiteral("in the PKCS#11 module, token \"%1\", CKA_ID %2")
                          .arg(options.caKey.token, options.caKey.keyId)
                    : cakeys::issuingKeyFile(options, caDir) + QStringLiteral(" (encrypted)"),
                command.rootKeyFile));
    return 0;
}

int newIntermediate(const ServiceOptions& options, const CaCommandOptions& command)
{
    const QString caDir = cakeys::caDirectory(options, command.dataDir);
    const QString rootPath = QDir(caDir).filePath(QStringLiteral("root-ca.pem"));
    QFile rootFile(rootPath);
    const QList<QByteArray> roots = rootFile.open(QIODevice::ReadOnly)
        ? pki::certificatesFromPem(rootFile.readAll())
        : QList<QByteArray>();
    if (roots.size() != 1)
        throw UsageError {QStringLiteral("no root certificate in %1: run `ca init` first").arg(rootPath)};
    if (command.rootKeyFile.isEmpty())
        throw UsageError {QStringLiteral("ca new-intermediate needs --root-key FILE (the offline root key)")};
    const pki::SecureBytes passphrase = rootPassphrase(command, false);
    auto rootKey = pki::readKeyFile(command.rootKeyFile, passphrase);
    if (!rootKey)
        throw UsageError {QStringLiteral("root key: %1").arg(rootKey.detail())};
    auto rootSm2 = pki::Sm2Key::fromEvpPkey(std::move(*rootKey));
    const auto rootInfo = pki::CertificateInfo::parse(roots.front());
    if (!rootSm2 || !rootInfo || !rootInfo->certifies(rootSm2->subjectPublicKeyInfo()))
        throw UsageError {QStringLiteral("%1 is not the key of %2").arg(command.rootKeyFile, rootPath)};

    const pki::Sm2Key issuingPublic = newIssuingKey(options, caDir, true);
    const QDateTime now = nowUtc();
    const pki::CaCredential root {roots.front(), *rootSm2};
    auto issuing = pki::CertificateAuthority::certifyIssuing(root, issuingPublic,
        pki::CaSettings::defaultIssuingSubject(),
        pki::Validity {now.addDays(-1), std::min(now.addYears(10), rootInfo->notAfter)}, pki::sm2DefaultId());
    if (!issuing)
        throw Failure {issuing.detail()};
    const QString issuingPath = QDir(caDir).filePath(QStringLiteral("issuing-ca.pem"));
    if (QFileInfo::exists(issuingPath) && !QFile::rename(issuingPath, retiredName(issuingPath)))
        throw Failure {QStringLiteral("cannot move the old issuing certificate aside")};
    writePublic(issuingPath, pki::certificateToPem(*issuing));
    const auto info = pki::CertificateInfo::parse(*issuing);
    print(stdout,
        QStringLiteral(
            "New issuing CA %1 (serial %2) certified by the root in %3. Restart the service; take the root "
            "key offline again.")
            .arg(info ? info->subject.commonName : QString(), info ? info->serialHex : QString(), caDir));
    return 0;
}

} // namespace

int runCaCommand(const QStringList& arguments, const ServiceOptions& options, const CaCommandOptions& command)
{
    try {
        if (arguments.size() == 1 && arguments.front() == QLatin1String("init"))
            return init(options, command);
        if (arguments.size() == 1 && arguments.front() == QLatin1String("new-intermediate"))
            return newIntermediate(options, command);
        throw UsageError {
            QStringLiteral("usage: certdesk-server ca init|new-intermediate --data-dir DIR [--config FILE] "
                           "--root-key FILE [--root-passphrase-file FILE]")};
    } catch (const UsageError& e) {
        print(stderr, QStringLiteral("certdesk-server: ") + e.message);
        return 2;
    } catch (const Failure& e) {
        print(stderr, QStringLiteral("certdesk-server: ") + e.message);
        return 1;
    }
}

} // namespace certdesk::server
