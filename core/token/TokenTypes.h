#pragma once

// Plain values the token layer hands out. No PKCS#11 types: pkcs11.h and libp11.h stay inside core/token's
// .cpp files, so the GUI, the CLI and tests see only these.

#include "pki/CertificateInfo.h"
#include "pki/PkiError.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

namespace certdesk::token {

// The user PIN's state as the token reports it in CK_TOKEN_INFO.flags (PKCS#11 v2.40 §5.5). PKCS#11 has no
// number of remaining tries: "count low" (a wrong PIN since the last success), "final try" and "locked" are
// all a token can say.
struct PinInfo
{
    bool initialized = false; // CKF_USER_PIN_INITIALIZED
    bool countLow = false; // CKF_USER_PIN_COUNT_LOW
    bool finalTry = false; // CKF_USER_PIN_FINAL_TRY
    bool locked = false; // CKF_USER_PIN_LOCKED
    bool toBeChanged = false; // CKF_USER_PIN_TO_BE_CHANGED
    // CKF_PROTECTED_AUTHENTICATION_PATH: a PIN-pad reader; log in without a PIN and the person types it
    // there.
    bool protectedAuthenticationPath = false;
    int minLength = 0; // 0 when the token does not say
    int maxLength = 0;

    friend bool operator==(const PinInfo&, const PinInfo&) = default;
};

// A token in a slot of a loaded module. Slot numbers change when readers come and go: find a token again by
// its label (and serial), never by slot number.
struct TokenInfo
{
    QString modulePath;
    quint64 slotId = 0;
    QString slotDescription;
    QString label;
    QString serialNumber;
    QString manufacturer; // the token's manufacturerID
    QString model;
    bool removable = false;
    bool initialized = false;
    bool loginRequired = false;
    bool readOnly = false;
    PinInfo pin; // as of discovery; TokenSession::pinInfo() reads it afresh

    // Identity for hot-plug comparisons: module, slot, serial and label.
    [[nodiscard]] QString identity() const;

    friend bool operator==(const TokenInfo&, const TokenInfo&) = default;
};

enum class KeyPurpose
{
    Signing, // CKA_SIGN / CKA_VERIFY: the signing certificate's key
    Encryption, // CKA_DECRYPT / CKA_ENCRYPT: the encryption certificate's key (KMC-generated, GM/T 0014)
};

enum class ObjectClass
{
    Certificate,
    PrivateKey,
    PublicKey,
    Data,
    Other
};

enum class KeyAlgorithm
{
    Rsa,
    Sm2, // the profile's vendor key type, or CKK_EC on the SM2 curve
    Ec, // CKK_EC on another curve
    Other,
};

// An object named by class and CKA_ID: what a rollback removes. Object handles do not survive a token being
// pulled and reinserted; class + CKA_ID do.
struct ObjectRef
{
    ObjectClass objectClass = ObjectClass::Other;
    QByteArray id;

    friend bool operator==(const ObjectRef&, const ObjectRef&) = default;
};

struct TokenCertificate
{
    QByteArray der;
    QString label; // CKA_LABEL
    QByteArray id; // CKA_ID (links the certificate to its key objects)

    // Serial, subject, validity, key: what the lookup page pre-fills. Holds personal data: never log it.
    [[nodiscard]] pki::PkiResult<pki::CertificateInfo> info() const
    {
        return pki::CertificateInfo::parse(der);
    }
};

struct TokenKey
{
    ObjectClass objectClass = ObjectClass::PrivateKey; // PrivateKey or PublicKey
    KeyAlgorithm algorithm = KeyAlgorithm::Other;
    quint64 keyType = 0; // CKK_* exactly as the token reports it (vendor codes included)
    QByteArray id;
    QString label;
    bool canSign = false; // CKA_SIGN (private) / CKA_VERIFY (public)
    bool canDecrypt = false; // CKA_DECRYPT (private) / CKA_ENCRYPT (public)
    QByteArray publicPoint; // public EC/SM2 keys: 04‖X‖Y; empty otherwise
};

// What libp11 (the library bidding-platform engines and OpenSSL's pkcs11 engine are built on) sees on a
// token.
struct Libp11Inventory
{
    int privateKeys = 0;
    int publicKeys = 0;
    int certificates = 0;
};

} // namespace certdesk::token

Q_DECLARE_METATYPE(certdesk::token::TokenInfo)
