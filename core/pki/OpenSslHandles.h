#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/params.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstddef>
#include <memory>

namespace certdesk::pki {

// RAII for OpenSSL's C handles: one std::unique_ptr alias per type, each freeing with the matching *_free.
template<auto FreeFunction>
struct OpenSslDeleter
{
    template<typename T>
    void operator()(T* handle) const noexcept
    {
        FreeFunction(handle);
    }
};

// OPENSSL_free is a macro; buffers returned by i2d_*/BN_bn2hex/... are freed through this.
struct OpenSslBufferDeleter
{
    void operator()(void* buffer) const noexcept { OPENSSL_free(buffer); }
};

struct X509StackDeleter
{
    void operator()(STACK_OF(X509) * stack) const noexcept { sk_X509_pop_free(stack, X509_free); }
};

using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<&EVP_PKEY_free>>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<&EVP_PKEY_CTX_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<&EVP_MD_CTX_free>>;
using EvpMdPtr = std::unique_ptr<EVP_MD, OpenSslDeleter<&EVP_MD_free>>;
using EvpCipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, OpenSslDeleter<&EVP_CIPHER_CTX_free>>;
using EvpCipherPtr = std::unique_ptr<EVP_CIPHER, OpenSslDeleter<&EVP_CIPHER_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<&X509_free>>;
using X509ReqPtr = std::unique_ptr<X509_REQ, OpenSslDeleter<&X509_REQ_free>>;
using X509CrlPtr = std::unique_ptr<X509_CRL, OpenSslDeleter<&X509_CRL_free>>;
using X509RevokedPtr = std::unique_ptr<X509_REVOKED, OpenSslDeleter<&X509_REVOKED_free>>;
using X509NamePtr = std::unique_ptr<X509_NAME, OpenSslDeleter<&X509_NAME_free>>;
using X509ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpenSslDeleter<&X509_EXTENSION_free>>;
using X509AlgorPtr = std::unique_ptr<X509_ALGOR, OpenSslDeleter<&X509_ALGOR_free>>;
using X509StorePtr = std::unique_ptr<X509_STORE, OpenSslDeleter<&X509_STORE_free>>;
using X509StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, OpenSslDeleter<&X509_STORE_CTX_free>>;
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackDeleter>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<&BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<&BN_free>>;
// For BIGNUMs that held private scalars: BN_clear_free wipes the limbs.
using SecretBignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<&BN_clear_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, OpenSslDeleter<&BN_CTX_free>>;
using EcGroupPtr = std::unique_ptr<EC_GROUP, OpenSslDeleter<&EC_GROUP_free>>;
using EcPointPtr = std::unique_ptr<EC_POINT, OpenSslDeleter<&EC_POINT_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, OpenSslDeleter<&ECDSA_SIG_free>>;
using Asn1IntegerPtr = std::unique_ptr<ASN1_INTEGER, OpenSslDeleter<&ASN1_INTEGER_free>>;
using Asn1TimePtr = std::unique_ptr<ASN1_TIME, OpenSslDeleter<&ASN1_TIME_free>>;
using Asn1ObjectPtr = std::unique_ptr<ASN1_OBJECT, OpenSslDeleter<&ASN1_OBJECT_free>>;
using Asn1OctetStringPtr = std::unique_ptr<ASN1_OCTET_STRING, OpenSslDeleter<&ASN1_OCTET_STRING_free>>;
using Asn1BitStringPtr = std::unique_ptr<ASN1_BIT_STRING, OpenSslDeleter<&ASN1_BIT_STRING_free>>;
using Asn1StringPtr = std::unique_ptr<ASN1_STRING, OpenSslDeleter<&ASN1_STRING_free>>;
using Asn1TypePtr = std::unique_ptr<ASN1_TYPE, OpenSslDeleter<&ASN1_TYPE_free>>;
using BasicConstraintsPtr = std::unique_ptr<BASIC_CONSTRAINTS, OpenSslDeleter<&BASIC_CONSTRAINTS_free>>;
using AuthorityKeyIdPtr = std::unique_ptr<AUTHORITY_KEYID, OpenSslDeleter<&AUTHORITY_KEYID_free>>;
using OsslParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, OpenSslDeleter<&OSSL_PARAM_BLD_free>>;
// OSSL_PARAM_BLD_to_param keeps BIGNUMs flagged BN_FLG_SECURE in a block that OSSL_PARAM_free clears.
using OsslParamPtr = std::unique_ptr<OSSL_PARAM, OpenSslDeleter<&OSSL_PARAM_free>>;
using OpenSslBuffer = std::unique_ptr<unsigned char, OpenSslBufferDeleter>;
using OpenSslString = std::unique_ptr<char, OpenSslBufferDeleter>;

// A byte buffer for secrets (private scalars, SM4 keys, PKCS#8 DER). Unlike QByteArray it is never implicitly
// shared and never reallocated behind the caller's back, so no uncleansed copy is left on the heap: every
// copy is deep, and the bytes are wiped with OPENSSL_cleanse on destruction, on assignment and on clear().
class SecureBytes
{
public:
    SecureBytes() = default;
    // `size` zero bytes.
    explicit SecureBytes(qsizetype size);
    explicit SecureBytes(QByteArrayView bytes);
    SecureBytes(const unsigned char* data, std::size_t size);
    SecureBytes(const SecureBytes& other);
    SecureBytes(SecureBytes&& other) noexcept;
    SecureBytes& operator=(const SecureBytes& other);
    SecureBytes& operator=(SecureBytes&& other) noexcept;
    ~SecureBytes();

    [[nodiscard]] qsizetype size() const { return m_size; }
    [[nodiscard]] bool isEmpty() const { return m_size == 0; }
    [[nodiscard]] unsigned char* data() { return m_data; }
    [[nodiscard]] const unsigned char* data() const { return m_data; }
    [[nodiscard]] const unsigned char* constData() const { return m_data; }
    [[nodiscard]] QByteArrayView view() const;

    // Wipes and frees the bytes.
    void clear();

    // A plain QByteArray copy: for callers that must hand the bytes to an API taking QByteArray (a token's
    // C_CreateObject template, a test). The caller owns wiping it.
    [[nodiscard]] QByteArray toByteArray() const;

    // Constant-time comparison (CRYPTO_memcmp) for equal sizes.
    friend bool operator==(const SecureBytes& a, const SecureBytes& b);

private:
    unsigned char* m_data = nullptr;
    qsizetype m_size = 0;
};

} // namespace certdesk::pki
