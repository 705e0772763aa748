#include "pki/Envelope.h"

#include "pki/OpenSslSupport.h"
#include "pki/Sm2.h"

#include <openssl/asn1.h>
#include <openssl/obj_mac.h>
#include <openssl/rand.h>

#include <algorithm>

namespace certdesk::pki {

using namespace detail;

namespace {

constexpr int Sm4KeySize = 16;
constexpr int ScalarSize = 32;
constexpr int PointSize = 65;

struct TypeStackDeleter
{
    void operator()(ASN1_SEQUENCE_ANY* stack) const noexcept { sk_ASN1_TYPE_pop_free(stack, ASN1_TYPE_free); }
};
using SequenceAnyPtr = std::unique_ptr<ASN1_SEQUENCE_ANY, TypeStackDeleter>;

// Appends a SEQUENCE given as complete DER (OpenSSL keeps the whole TLV for V_ASN1_SEQUENCE members of ANY).
bool appendSequence(ASN1_SEQUENCE_ANY* sequence, QByteArrayView der)
{
    Asn1TypePtr type(ASN1_TYPE_new());
    Asn1StringPtr value(ASN1_STRING_type_new(V_ASN1_SEQUENCE));
    if (!type || !value || ASN1_STRING_set(value.get(), der.data(), static_cast<int>(der.size())) != 1)
        return false;
    ASN1_TYPE_set(type.get(), V_ASN1_SEQUENCE, value.release());
    if (sk_ASN1_TYPE_push(sequence, type.get()) <= 0)
        return false;
    (void)type.release();
    return true;
}

bool appendBitString(ASN1_SEQUENCE_ANY* sequence, QByteArrayView bytes)
{
    Asn1TypePtr type(ASN1_TYPE_new());
    Asn1BitStringPtr bits(ASN1_BIT_STRING_new());
    if (!type || !bits || !setBitStringBytes(bits.get(), bytes))
        return false;
    ASN1_TYPE_set(type.get(), V_ASN1_BIT_STRING, bits.release());
    if (sk_ASN1_TYPE_push(sequence, type.get()) <= 0)
        return false;
    (void)type.release();
    return true;
}

QByteArrayView stringBytes(const ASN1_STRING* string)
{
    return QByteArrayView(
        reinterpret_cast<const char*>(ASN1_STRING_get0_data(string)), ASN1_STRING_length(string));
}

// A BIT STRING member of whole octets (0 unused bits), or an empty view.
QByteArrayView octetAlignedBits(const ASN1_TYPE* type)
{
    if (ASN1_TYPE_get(type) != V_ASN1_BIT_STRING)
        return {};
    const ASN1_BIT_STRING* bits = type->value.bit_string;
    if ((bits->flags & ASN1_STRING_FLAG_BITS_LEFT) != 0 && (bits->flags & 0x07) != 0)
        return {};
    return stringBytes(bits);
}

} // namespace

PkiResult<QByteArray> makeEnvelope(const Sm2Key& keyToWrap, const Sm2Key& transportPublicKey)
{
    ErrorQueueGuard guard;
    if (keyToWrap.isNull() || !keyToWrap.hasPrivateKey() || transportPublicKey.isNull())
        return pkiError(
            PkiStatus::BadInput, QStringLiteral("an envelope needs a key pair and a transport key"));
    auto scalar = keyToWrap.privateScalar();
    if (!scalar)
        return scalar.error();
    const QByteArray point = keyToWrap.publicPoint();
    if (point.size() != PointSize)
        return pkiError(PkiStatus::InternalError, QStringLiteral("reading the public point failed"));

    SecureBytes sm4Key(Sm4KeySize);
    if (RAND_priv_bytes(sm4Key.data(), Sm4KeySize) != 1)
        return pkiError(PkiStatus::InternalError, QStringLiteral("the random generator failed"));
    auto encryptedKey = sm2Encrypt(transportPublicKey, sm4Key.view());
    if (!encryptedKey)
        return encryptedKey.error();
    auto encryptedScalar = sm4EcbEncrypt(sm4Key, scalar->view());
    sm4Key.clear();
    scalar->clear();
    if (!encryptedScalar)
        return encryptedScalar.error();

    X509AlgorPtr algorithm(X509_ALGOR_new());
    if (!algorithm || X509_ALGOR_set0(algorithm.get(), OBJ_nid2obj(NID_sm4_ecb), V_ASN1_UNDEF, nullptr) != 1)
        return pkiError(
            PkiStatus::InternalError, QStringLiteral("building the SM4 AlgorithmIdentifier failed"));
    const QByteArray algorithmDer
        = encodeDer([&algorithm](unsigned char** out) { return i2d_X509_ALGOR(algorithm.get(), out); });

    SequenceAnyPtr envelope(sk_ASN1_TYPE_new_null());
    if (!envelope || algorithmDer.isEmpty() || !appendSequence(envelope.get(), algorithmDer)
        || !appendSequence(envelope.get(), *encryptedKey) || !appendBitString(envelope.get(), point)
        || !appendBitString(envelope.get(), *encryptedScalar))
        return pkiError(PkiStatus::InternalError, QStringLiteral("building the SM2EnvelopedKey failed"));
    QByteArray der
        = encodeDer([&envelope](unsigned char** out) { return i2d_ASN1_SEQUENCE_ANY(envelope.get(), out); });
    if (der.isEmpty())
        return pkiError(PkiStatus::InternalError, QStringLiteral("encoding the SM2EnvelopedKey failed"));
    return der;
}

PkiResult<OpenedEnvelope> openEnvelope(QByteArrayView envelopeDer, const Sm2Key& transportPrivateKey)
{
    ErrorQueueGuard guard;
    if (transportPrivateKey.isNull() || !transportPrivateKey.hasPrivateKey())
        return pkiError(
            PkiStatus::BadInput, QStringLiteral("opening an envelope needs the transport private key"));
    const auto malformed
        = [] { return pkiError(PkiStatus::BadInput, QStringLiteral("not an SM2EnvelopedKey")); };

    const SequenceAnyPtr envelope = decodeDer<SequenceAnyPtr>(envelopeDer, d2i_ASN1_SEQUENCE_ANY);
    if (!envelope || sk_ASN1_TYPE_num(envelope.get()) != 4)
        return malformed();
    // DER only: the re-encoding must reproduce the input byte for byte.
    const QByteArray reencoded
        = encodeDer([&envelope](unsigned char** out) { return i2d_ASN1_SEQUENCE_ANY(envelope.get(), out); });
    if (reencoded != envelopeDer)
        return malformed();

    const ASN1_TYPE* algorithmType = sk_ASN1_TYPE_value(envelope.get(), 0);
    const ASN1_TYPE* cipherType = sk_ASN1_TYPE_value(envelope.get(), 1);
    if (ASN1_TYPE_get(algorithmType) != V_ASN1_SEQUENCE || ASN1_TYPE_get(cipherType) != V_ASN1_SEQUENCE)
        return malformed();
    const X509AlgorPtr algorithm
        = decodeDer<X509AlgorPtr>(stringBytes(algorithmType->value.sequence), d2i_X509_ALGOR);
    if (!algorithm)
        return malformed();
    const ASN1_OBJECT* algorithmOid = nullptr;
    int parameterType = V_ASN1_UNDEF;
    X509_ALGOR_get0(&algorithmOid, &parameterType, nullptr, algorithm.get());
    if (OBJ_obj2nid(algorithmOid) != NID_sm4_ecb)
        return pkiError(
            PkiStatus::Unsupported, QStringLiteral("the envelope's symmetric algorithm is not SM4-ECB"));
    if (parameterType != V_ASN1_UNDEF && parameterType != V_ASN1_NULL)
        return malformed();

    const QByteArrayView point = octetAlignedBits(sk_ASN1_TYPE_value(envelope.get(), 2));
    QByteArrayView encryptedScalar = octetAlignedBits(sk_ASN1_TYPE_value(envelope.get(), 3));
    if (point.size() != PointSize || static_cast<unsigned char>(point.front()) != 0x04)
        return malformed();
    if (encryptedScalar.size() != ScalarSize && encryptedScalar.size() != 2 * ScalarSize)
        return malformed();

    auto sm4Key = sm2Decrypt(transportPrivateKey, stringBytes(cipherType->value.sequence));
    if (!sm4Key)
        return sm4Key.status() == PkiStatus::BadInput ? malformed() : sm4Key.error();
    if (sm4Key->size() != Sm4KeySize)
        return pkiError(
            PkiStatus::DecryptFailed, QStringLiteral("the enveloped SM4 key has the wrong length"));
    auto plain = sm4EcbDecrypt(*sm4Key, encryptedScalar);
    sm4Key->clear();
    if (!plain)
        return plain.error();

    OpenedEnvelope opened;
    if (plain->size() == 2 * ScalarSize) {
        const unsigned char* bytes = plain->constData();
        if (!std::all_of(bytes, bytes + ScalarSize, [](unsigned char b) { return b == 0; }))
            return pkiError(
                PkiStatus::KeyMismatch, QStringLiteral("the enveloped 64-byte private key is not padded"));
        opened.privateScalar = SecureBytes(bytes + ScalarSize, ScalarSize);
    } else {
        opened.privateScalar = std::move(*plain);
    }

    // GM/T 0009 gives the public key next to the encrypted private key; recompute d·G and insist they agree,
    // so a corrupted or substituted envelope never ends up as a key pair on a token.
    auto key = Sm2Key::fromPrivateScalar(opened.privateScalar);
    if (!key || key->publicPoint() != point)
        return pkiError(
            PkiStatus::KeyMismatch, QStringLiteral("the enveloped private key does not match sm2PublicKey"));
    opened.publicPoint = point.toByteArray();
    return opened;
}

} // namespace certdesk::pki
