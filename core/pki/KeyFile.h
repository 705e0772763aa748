#pragma once

// Private key files of the service's CAs and OCSP responders: PKCS#8 PEM, either encrypted (PBES2 with
// PBKDF2-HMAC-SHA256 and AES-256-CBC, what OpenSSL 3.0 writes for PEM_write_bio_PKCS8PrivateKey with a
// cipher) or plain. Outside the sandbox only encrypted files are accepted (the service decides; this file
// only reports which kind a file is).

#include "pki/OpenSslHandles.h"
#include "pki/PkiError.h"

#include <QString>

namespace certdesk::pki {

enum class KeyFileProtection
{
    Plain, // "BEGIN PRIVATE KEY" (or a traditional unencrypted PEM key)
    Encrypted, // "BEGIN ENCRYPTED PRIVATE KEY" (or a traditional PEM key with Proc-Type: 4,ENCRYPTED)
};

// What kind of key file `path` is. BadInput when it cannot be read or holds no PEM private key.
[[nodiscard]] PkiResult<KeyFileProtection> keyFileProtection(const QString& path);

// Reads a key file. An encrypted file needs `passphrase` (DecryptFailed when it is wrong); a plain file is
// read as is. BadInput for anything that is not a PEM private key.
[[nodiscard]] PkiResult<EvpPkeyPtr> readKeyFile(const QString& path, const SecureBytes& passphrase);

// Writes `key` as PKCS#8 PEM, encrypted with `passphrase` unless it is empty, mode 0600 from the first byte
// (written under a temporary name and renamed).
[[nodiscard]] PkiResult<void> writeKeyFile(const QString& path, EVP_PKEY* key, const SecureBytes& passphrase);

// The key file is mode 0600 (no group or other bits) and its directory 0700, both owned by this user: the
// check the service makes at start for every key file it opens. BadInput with a message naming the file or
// directory and the mode found.
[[nodiscard]] PkiResult<void> checkKeyFilePermissions(const QString& path);

} // namespace certdesk::pki
