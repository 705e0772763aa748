#pragma once

// Where the service's CA keys come from, outside the sandbox's automatic CA: the issuing SM2 CA key and the
// legacy RSA CA key, each in an HSM (PKCS#11) or an encrypted PKCS#8 file, the OCSP signers' keys
// encrypted next to each CA. Secrets (passphrases, PINs) come from a file named in the config or from the
// environment, never from the command line. Every problem is a ConfigurationError with a message that says
// what to change.

#include "ServiceOptions.h"

#include "pki/CaSigner.h"
#include "pki/OpenSslHandles.h"

#include <QString>

#include <memory>

namespace certdesk::server::cakeys {

// Environment variables read when the config names no file.
inline constexpr const char* CaPassphraseEnv = "CERTDESK_CA_KEY_PASSPHRASE";
inline constexpr const char* CaPinEnv = "CERTDESK_CA_PIN";
inline constexpr const char* LegacyPassphraseEnv = "CERTDESK_LEGACY_CA_KEY_PASSPHRASE";
inline constexpr const char* LegacyPinEnv = "CERTDESK_LEGACY_CA_PIN";
inline constexpr const char* OcspPassphraseEnv = "CERTDESK_OCSP_KEY_PASSPHRASE";
inline constexpr const char* RootPassphraseEnv = "CERTDESK_ROOT_KEY_PASSPHRASE";

// The first line of `file` (its mode must give no access to group or others), else the environment
// variable, else empty. Throws ConfigurationError for an unreadable or too open file.
[[nodiscard]] pki::SecureBytes readSecret(const QString& file, const char* environmentVariable);

// The SM2 CA directory: [ca] directory, or <data dir>/ca/sm2.
[[nodiscard]] QString caDirectory(const ServiceOptions& options, const QString& dataDir);
// The issuing key file: [ca] key_file, or <ca directory>/issuing-ca.key.
[[nodiscard]] QString issuingKeyFile(const ServiceOptions& options, const QString& caDir);

// Opens the issuing CA's signer as configured. A key file is checked first (0600 in a 0700 directory;
// encrypted unless `sandbox`); an HSM key through core/token. Throws ConfigurationError.
[[nodiscard]] std::shared_ptr<const pki::Sm2Signer> openIssuingSigner(
    const ServiceOptions& options, const QString& caDir, bool sandbox);

// Opens the legacy RSA CA's key in a PKCS#11 module ([legacy_ca] key_source = pkcs11) for the CA certificate
// `certificateDer`; the PIN from pkcs11_pin_file or CERTDESK_LEGACY_CA_PIN. Throws ConfigurationError (a
// wrong PIN, no such token or key, a key that does not match the certificate).
[[nodiscard]] std::shared_ptr<const pki::RsaSigner> openLegacySigner(
    const ServiceOptions& options, const QByteArray& certificateDer);

// Reads a private key file the service is about to use: permissions, then encryption (refused plain outside
// the sandbox), then the passphrase. Throws ConfigurationError.
[[nodiscard]] pki::EvpPkeyPtr readCheckedKeyFile(
    const QString& path, const pki::SecureBytes& passphrase, bool sandbox, const QString& what);

} // namespace certdesk::server::cakeys
