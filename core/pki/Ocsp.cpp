#include "pki/Ocsp.h"

#include "pki/OpenSslSupport.h"
#include "pki/Sm2.h"

#include <openssl/ocsp.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <array>
#include <optional>

namespace certdesk::pki {

using namespace detail;

namespace {

using OcspRequestPtr = std::unique_ptr<OCSP_REQUEST, OpenSslDeleter<&OCSP_REQUEST_free>>;
using OcspResponsePtr = std::unique_ptr<OCSP_RESPONSE, OpenSslDeleter<&OCSP_RESPONSE_free>>;
using OcspBasicPtr = std::unique_ptr<OCSP_BASICRESP, OpenSslDeleter<&OCSP_BASICRESP_free>>;
using OcspCertIdPtr = std::unique_ptr<OCSP_CERTID, OpenSslDeleter<&OCSP_CERTID_free>>;

// Clock skew tolerated on thisUpdate / nextUpdate (RFC 6960 §4.2.2.1 leaves it to local policy; five minutes
// is what OpenSSL's `ocsp -validity_period` and most clients use).
constexpr qint64 kSkewSeconds = 300;

const EVP_MD* digestFor(OcspHash hash)
{
    switch (hash) {
    case OcspHash::Sha1:
        return EVP_sha1();
    case OcspHash::Sha256:
        return sha256Digest();
    case OcspHash::Sm3:
        return sm3Digest();
    }
    return nullptr;
}

// The CertID hashes the responder accepts, by algorithm NID.
std::optional<OcspHash> hashFromNid(int nid)
{
    switch (nid) {
    case NID_sha1:
        return OcspHash::Sha1;
    case NID_sha256:
        return OcspHash::Sha256;
    case NID_sm3:
        return OcspHash::Sm3;
    default:
        return std::nullopt;
    }
}

QByteArrayView octets(const ASN1_STRING* string)
{
    if (string == nullptr)
        return {};
    return QByteArrayView(
        reinterpret_cast<const char*>(ASN1_STRING_get0_data(string)), ASN1_STRING_length(string));
}

// The value inside the nonce extension of a request or a response: RFC 6960 §4.4.1 wraps it in an OCTET
// STRING inside extnValue (OpenSSL's OCSP_request_add1_nonce does; so does `openssl ocsp`).
QByteArray nonceOf(const X509_EXTENSION* extension)
{
    if (extension == nullptr)
        return {};
    const DerElement inner
        = readDerElement(octets(X509_EXTENSION_get_data(const_cast<X509_EXTENSION*>(extension))));
    if (inner.tag != V_ASN1_OCTET_STRING || inner.tagClass != V_ASN1_UNIVERSAL)
        return {};
    return inner.content.toByteArray();
}

// The n-th element of a DER SEQUENCE's content (0-based); tag < 0 when missing.
DerElement nthElement(QByteArrayView content, int n)
{
    DerElement element;
    for (int i = 0; i <= n; ++i) {
        element = readDerElement(content);
        if (element.tag < 0)
            return element;
        content = content.sliced(element.whole.size());
    }
    return element;
}

// tbsResponseData exactly as received: OCSPResponse { status, [0] EXPLICIT ResponseBytes { type, OCTET
// STRING { BasicOCSPResponse { tbsResponseData, ... } } } } (RFC 6960 §4.2.1). Re-encoding a parsed
// structure could differ from the signed bytes.
QByteArrayView receivedTbsResponseData(QByteArrayView responseDer)
{
    const DerElement outer = readDerElement(responseDer);
    if (outer.tag != V_ASN1_SEQUENCE)
        return {};
    const DerElement explicitBytes = nthElement(outer.content, 1);
    if (explicitBytes.tag != 0 || explicitBytes.tagClass != V_ASN1_CONTEXT_SPECIFIC)
        return {};
    const DerElement responseBytes = readDerElement(explicitBytes.content);
    if (responseBytes.tag != V_ASN1_SEQUENCE)
        return {};
    const DerElement response = nthElement(responseBytes.content, 1);
    if (response.tag != V_ASN1_OCTET_STRING)
        return {};
    const DerElement basic = readDerElement(response.content);
    if (basic.tag != V_ASN1_SEQUENCE)
        return {};
    const DerElement tbs = readDerElement(basic.content);
    return tbs.tag == V_ASN1_SEQUENCE ? tbs.whole : QByteArrayView();
}

// Whether `key` signed `data` with `signature` under the signature algorithm `algorithmNid`. SM2 keys only
// with SM2-with-SM3 and the default ID; others with the digest the algorithm names (RSA PKCS#1 v1.5, ECDSA).
bool verifyWithKey(EVP_PKEY* key, int algorithmNid, QByteArrayView data, QByteArrayView signature)
{
    if (key == nullptr)
        return false;
    if (isSm2(key)) {
        if (algorithmNid != NID_SM2_with_SM3)
            return false;
        EVP_PKEY_up_ref(key);
        auto sm2 = Sm2Key::fromEvpPkey(EvpPkeyPtr(key));
        return sm2 && sm2Verify(*sm2, data, signature, sm2DefaultId()).hasValue();
    }
    int digestNid = NID_undef;
    int keyNid = NID_undef;
    if (OBJ_find_sigid_algs(algorithmNid, &digestNid, &keyNid) != 1 || digestNid == NID_undef)
        return false;
    const EVP_MD* digest = EVP_get_digestbynid(digestNid);
    EvpMdCtxPtr context(EVP_MD_CTX_new());
    return digest != nullptr && context
        && EVP_DigestVerifyInit(context.get(), nullptr, digest, nullptr, key) == 1
        && EVP_DigestVerify(context.get(), uchars(signature), static_cast<std::size_t>(signature.size()),
               uchars(data), static_cast<std::size_t>(data.size()))
        == 1;
}

// The issuer's signature on a certificate (SM2: default ID).
bool issuedBy(X509* certificate, X509* issuer)
{
    if (X509_check_issued(issuer, certificate) != X509_V_OK)
        return false;
    const QByteArray der
        = encodeDer([certificate](unsigned char** out) { return i2d_X509(certificate, out); });
    const DerElement outer = readDerElement(der);
    const DerElement tbs = readDerElement(outer.content);
    const ASN1_BIT_STRING* signature = nullptr;
    X509_get0_signature(&signature, nullptr, certificate);
    return tbs.tag == V_ASN1_SEQUENCE && signature != nullptr
        && verifyWithKey(
            X509_get0_pubkey(issuer), X509_get_signature_nid(certificate), tbs.whole, octets(signature));
}

bool validAt(const X509* certificate, const QDateTime& at)
{
    time_t t = static_cast<time_t>(at.toSecsSinceEpoch());
    return X509_cmp_time(X509_get0_notBefore(certificate), &t) <= 0
        && X509_cmp_time(X509_get0_notAfter(certificate), &t) >= 0;
}

QByteArray digestOf(const EVP_MD* md, QByteArrayView data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), static_cast<std::size_t>(data.size()), out, &length, md, nullptr) != 1)
        return {};
    return toByteArray(out, length);
}

// issuerNameHash and issuerKeyHash of one CA for one hash (RFC 6960 §4.1.1: the hash of the DER issuer name,
// and of the subjectPublicKey BIT STRING value without tag, length and unused-bits octet).
struct IssuerHashes
{
    QByteArray name;
    QByteArray key;
};

IssuerHashes issuerHashes(X509* issuer, const EVP_MD* md)
{
    IssuerHashes hashes;
    const QByteArray name = encodeDer(
        [issuer](unsigned char** out) { return i2d_X509_NAME(X509_get_subject_name(issuer), out); });
    const unsigned char* bits = nullptr;
    int length = 0;
    if (name.isEmpty()
        || X509_PUBKEY_get0_param(nullptr, &bits, &length, nullptr, X509_get_X509_PUBKEY(issuer)) != 1)
        return hashes;
    hashes.name = digestOf(md, name);
    hashes.key = digestOf(md, QByteArrayView(reinterpret_cast<const char*>(bits), length));
    return hashes;
}

} // namespace

// --- client ---------------------------------------------------------------------------------------------

namespace {

// A CertID for `serial` issued by `issuer` (RFC 6960 §4.1.1).
OcspCertIdPtr certIdFor(OcspHash hash, const ASN1_INTEGER* serial, X509* issuer)
{
    return OcspCertIdPtr(OCSP_cert_id_new(digestFor(hash), X509_get_subject_name(issuer),
        X509_get0_pubkey_bitstr(issuer), const_cast<ASN1_INTEGER*>(serial)));
}

PkiResult<OcspRequest> requestFor(const ASN1_INTEGER* serial, X509* issuer, OcspHash hash)
{
    OcspCertIdPtr id = certIdFor(hash, serial, issuer);
    OcspRequestPtr request(OCSP_REQUEST_new());
    if (!id || !request || OCSP_request_add0_id(request.get(), id.get()) == nullptr)
        return pkiError(PkiStatus::InternalError, QStringLiteral("building the OCSP request failed"));
    (void)id.release();
    OcspRequest out;
    out.nonce = QByteArray(16, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.nonce.data()), static_cast<int>(out.nonce.size()))
            != 1
        || OCSP_request_add1_nonce(request.get(), reinterpret_cast<unsigned char*>(out.nonce.data()),
               static_cast<int>(out.nonce.size()))
            != 1)
        return pkiError(PkiStatus::InternalError, QStringLiteral("adding the OCSP nonce failed"));
    out.der = encodeDer([&request](unsigned char** p) { return i2d_OCSP_REQUEST(request.get(), p); });
    if (out.der.isEmpty())
        return pkiError(PkiStatus::InternalError, QStringLiteral("encoding the OCSP request failed"));
    return out;
}

PkiResult<OcspAnswer> verifyFor(const QByteArray& responseDer, const ASN1_INTEGER* serial, X509* issuer,
    QByteArrayView nonce, const QDateTime& atTime);

} // namespace

PkiResult<OcspRequest> makeOcspRequest(
    const QByteArray& certificateDer, const QByteArray& issuerDer, OcspHash hash)
{
    ErrorQueueGuard guard;
    const X509Ptr certificate = decodeDer<X509Ptr>(certificateDer, d2i_X509);
    const X509Ptr issuer = decodeDer<X509Ptr>(issuerDer, d2i_X509);
    if (!certificate || !issuer)
        return pkiError(
            PkiStatus::BadInput, QStringLiteral("the certificate or its issuer is not DER X.509"));
    return requestFor(X509_get0_serialNumber(certificate.get()), issuer.get(), hash);
}

PkiResult<OcspRequest> makeOcspRequestForSerial(
    const QString& serialHex, const QByteArray& issuerDer, OcspHash hash)
{
    ErrorQueueGuard guard;
    const Asn1IntegerPtr serial = integerFromHex(serialHex);
    const X509Ptr issuer = decodeDer<X509Ptr>(issuerDer, d2i_X509);
    if (!serial || !issuer)
        return pkiError(
            PkiStatus::BadInput, QStringLiteral("a bad serial or an issuer that is not DER X.509"));
    return requestFor(serial.get(), issuer.get(), hash);
}

PkiResult<OcspAnswer> verifyOcspResponse(const QByteArray& responseDer, const QByteArray& certificateDer,
    const QByteArray& issuerDer, QByteArrayView nonce, const QDateTime& at)
{
    ErrorQueueGuard guard;
    const X509Ptr certificate = decodeDer<X509Ptr>(certificateDer, d2i_X509);
    const X509Ptr issuer = decodeDer<X509Ptr>(issuerDer, d2i_X509);
    if (!certificate || !issuer)
        return pkiError(
            PkiStatus::BadInput, QStringLiteral("the certificate or its issuer is not DER X.509"));
    return verifyFor(responseDer, X509_get0_serialNumber(certificate.get()), issuer.get(), nonce, at);
}

PkiResult<OcspAnswer> verifyOcspResponseForSerial(const QByteArray& responseDer, const QString& serialHex,
    const QByteArray& issuerDer, QByteArrayView nonce, const QDateTime& at)
{
    ErrorQueueGuard guard;
    const Asn1IntegerPtr serial = integerFromHex(serialHex);
    const X509Ptr issuer = decodeDer<X509Ptr>(issuerDer, d2i_X509);
    if (!serial || !issuer)
        return pkiError(
            PkiStatus::BadInput, QStringLiteral("a bad serial or an issuer that is not DER X.509"));
    return verifyFor(responseDer, serial.get(), issuer.get(), nonce, at);
}

namespace {

PkiResult<OcspAnswer> verifyFor(const QByteArray& responseDer, const ASN1_INTEGER* serial,
    X509* issuerBorrowed, QByteArrayView nonce, const QDateTime& atTime)
{
    const QDateTime at = atTime.isValid() ? atTime.toUTC() : QDateTime::currentDateTimeUtc();
    X509_up_ref(issuerBorrowed);
    const X509Ptr issuer(issuerBorrowed);
    const OcspResponsePtr response = decodeDer<OcspResponsePtr>(responseDer, d2i_OCSP_RESPONSE);
    if (!response)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the OCSP response is not DER"));
    const int responseStatus = OCSP_response_status(response.get());
    if (responseStatus != OCSP_RESPONSE_STATUS_SUCCESSFUL)
        return pkiError(PkiStatus::BadInput,
            QStringLiteral("the responder answered %1")
                .arg(QString::fromLatin1(OCSP_response_status_str(responseStatus))));
    const OcspBasicPtr basic(OCSP_response_get1_basic(response.get()));
    if (!basic)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the OCSP response is not a BasicOCSPResponse"));

    // The signer: the issuer itself, or a delegated responder certificate in the response (RFC 6960
    // §4.2.2.2).
    X509StackPtr extra(sk_X509_new_null());
    if (!extra || sk_X509_push(extra.get(), issuer.get()) <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("allocation failed"));
    X509_up_ref(issuer.get());
    X509* signer = nullptr;
    if (OCSP_resp_get0_signer(basic.get(), &signer, extra.get()) != 1 || signer == nullptr)
        return pkiError(
            PkiStatus::BadSignature, QStringLiteral("the OCSP response names no signer it carries"));
    if (X509_cmp(signer, issuer.get()) != 0) {
        if (!issuedBy(signer, issuer.get()))
            return pkiError(PkiStatus::BadSignature,
                QStringLiteral("the OCSP signer certificate was not issued by the certificate's CA"));
        if ((X509_get_extension_flags(signer) & EXFLAG_XKUSAGE) == 0
            || (X509_get_extended_key_usage(signer) & XKU_OCSP_SIGN) == 0)
            return pkiError(
                PkiStatus::BadSignature, QStringLiteral("the OCSP signer lacks id-kp-OCSPSigning"));
        if (!validAt(signer, at))
            return pkiError(
                PkiStatus::BadSignature, QStringLiteral("the OCSP signer certificate is not valid now"));
    }

    const QByteArrayView tbs = receivedTbsResponseData(responseDer);
    const X509_ALGOR* algorithm = OCSP_resp_get0_tbs_sigalg(basic.get());
    const ASN1_OBJECT* algorithmObject = nullptr;
    if (algorithm != nullptr)
        X509_ALGOR_get0(&algorithmObject, nullptr, nullptr, algorithm);
    if (tbs.isEmpty() || algorithmObject == nullptr)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the OCSP response structure is unreadable"));
    if (!verifyWithKey(X509_get0_pubkey(signer), OBJ_obj2nid(algorithmObject), tbs,
            octets(OCSP_resp_get0_signature(basic.get()))))
        return pkiError(
            PkiStatus::BadSignature, QStringLiteral("the OCSP response signature does not verify"));

    if (!nonce.isEmpty()) {
        const int index = OCSP_BASICRESP_get_ext_by_NID(basic.get(), NID_id_pkix_OCSP_Nonce, -1);
        if (index < 0 || nonceOf(OCSP_BASICRESP_get_ext(basic.get(), index)) != nonce)
            return pkiError(PkiStatus::BadInput, QStringLiteral("the OCSP response does not echo the nonce"));
    }

    for (int i = 0; i < OCSP_resp_count(basic.get()); ++i) {
        OCSP_SINGLERESP* single = OCSP_resp_get0(basic.get(), i);
        const OCSP_CERTID* id = OCSP_SINGLERESP_get0_id(single);
        ASN1_OBJECT* hashObject = nullptr;
        if (OCSP_id_get0_info(nullptr, &hashObject, nullptr, nullptr, const_cast<OCSP_CERTID*>(id)) != 1)
            continue;
        const auto hash = hashFromNid(OBJ_obj2nid(hashObject));
        if (!hash)
            continue;
        const OcspCertIdPtr expected = certIdFor(*hash, serial, issuer.get());
        if (!expected || OCSP_id_cmp(expected.get(), id) != 0)
            continue;
        int reason = -1;
        ASN1_GENERALIZEDTIME* revokedAt = nullptr;
        ASN1_GENERALIZEDTIME* thisUpdate = nullptr;
        ASN1_GENERALIZEDTIME* nextUpdate = nullptr;
        const int status = OCSP_single_get0_status(single, &reason, &revokedAt, &thisUpdate, &nextUpdate);
        OcspAnswer answer;
        answer.thisUpdate = fromAsn1Time(thisUpdate);
        answer.nextUpdate = fromAsn1Time(nextUpdate);
        answer.producedAt = fromAsn1Time(OCSP_resp_get0_produced_at(basic.get()));
        if (!answer.thisUpdate.isValid() || answer.thisUpdate.secsTo(at) < -kSkewSeconds)
            return pkiError(
                PkiStatus::BadInput, QStringLiteral("the OCSP response's thisUpdate is in the future"));
        if (nextUpdate != nullptr
            && (!answer.nextUpdate.isValid() || answer.nextUpdate < answer.thisUpdate
                || at.secsTo(answer.nextUpdate) < -kSkewSeconds))
            return pkiError(
                PkiStatus::BadInput, QStringLiteral("the OCSP response is out of date (nextUpdate)"));
        switch (status) {
        case V_OCSP_CERTSTATUS_GOOD:
            answer.status = OcspCertStatus::Good;
            break;
        case V_OCSP_CERTSTATUS_REVOKED:
            answer.status = OcspCertStatus::Revoked;
            answer.revokedAt = fromAsn1Time(revokedAt);
            answer.reason = reason;
            break;
        default:
            answer.status = OcspCertStatus::Unknown;
            break;
        }
        answer.signerCertificate = encodeDer([signer](unsigned char** out) { return i2d_X509(signer, out); });
        return answer;
    }
    return pkiError(
        PkiStatus::BadInput, QStringLiteral("the OCSP response does not answer for this certificate"));
}

} // namespace

// --- responder ------------------------------------------------------------------------------------------

QByteArray ocspErrorResponse(int responseStatus)
{
    ErrorQueueGuard guard;
    const OcspResponsePtr response(OCSP_response_create(responseStatus, nullptr));
    return response
        ? encodeDer([&response](unsigned char** out) { return i2d_OCSP_RESPONSE(response.get(), out); })
        : QByteArray();
}

QByteArray answerOcspRequest(QByteArrayView requestDer, const QList<OcspAuthority>& authorities,
    const OcspStatusLookup& lookup, const QDateTime& now, qint64 validitySeconds)
{
    ErrorQueueGuard guard;
    const OcspRequestPtr request = decodeDer<OcspRequestPtr>(requestDer, d2i_OCSP_REQUEST);
    const int count = request ? OCSP_request_onereq_count(request.get()) : 0;
    if (count <= 0)
        return ocspErrorResponse(OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);

    struct Known
    {
        X509Ptr issuer;
        X509Ptr signer;
        std::array<IssuerHashes, 3> hashes; // by OcspHash
    };
    std::vector<Known> known;
    for (const OcspAuthority& authority : authorities) {
        Known k;
        k.issuer = decodeDer<X509Ptr>(authority.issuerDer, d2i_X509);
        k.signer = decodeDer<X509Ptr>(authority.signerCertificateDer, d2i_X509);
        if (!k.issuer || !k.signer || !authority.signerKey)
            return ocspErrorResponse(OCSP_RESPONSE_STATUS_INTERNALERROR);
        for (OcspHash hash : {OcspHash::Sha1, OcspHash::Sha256, OcspHash::Sm3})
            k.hashes[static_cast<std::size_t>(hash)] = issuerHashes(k.issuer.get(), digestFor(hash));
        known.push_back(std::move(k));
    }

    struct Item
    {
        OCSP_CERTID* id = nullptr; // borrowed from the request
        int authority = -1;
        QString serial;
    };
    QList<Item> items;
    int chosen = -1;
    for (int i = 0; i < count; ++i) {
        Item item;
        item.id = OCSP_onereq_get0_id(OCSP_request_onereq_get0(request.get(), i));
        ASN1_OCTET_STRING* nameHash = nullptr;
        ASN1_OBJECT* hashObject = nullptr;
        ASN1_OCTET_STRING* keyHash = nullptr;
        ASN1_INTEGER* serial = nullptr;
        if (item.id == nullptr || OCSP_id_get0_info(&nameHash, &hashObject, &keyHash, &serial, item.id) != 1)
            return ocspErrorResponse(OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
        item.serial = integerToHex(serial);
        if (const auto hash = hashFromNid(OBJ_obj2nid(hashObject))) {
            for (std::size_t a = 0; a < known.size(); ++a) {
                const IssuerHashes& h = known[a].hashes[static_cast<std::size_t>(*hash)];
                if (!h.name.isEmpty() && octets(nameHash) == h.name && octets(keyHash) == h.key) {
                    item.authority = static_cast<int>(a);
                    break;
                }
            }
        }
        if (chosen < 0)
            chosen = item.authority;
        items.append(item);
    }
    // RFC 6960 §2.3: "unauthorized" when the responder is not authoritative for the request.
    if (chosen < 0)
        return ocspErrorResponse(OCSP_RESPONSE_STATUS_UNAUTHORIZED);

    const Asn1TimePtr thisUpdate(
        ASN1_GENERALIZEDTIME_set(nullptr, static_cast<time_t>(now.toSecsSinceEpoch())));
    const Asn1TimePtr nextUpdate(
        ASN1_GENERALIZEDTIME_set(nullptr, static_cast<time_t>(now.toSecsSinceEpoch() + validitySeconds)));
    OcspBasicPtr basic(OCSP_BASICRESP_new());
    if (!basic || !thisUpdate || !nextUpdate)
        return ocspErrorResponse(OCSP_RESPONSE_STATUS_INTERNALERROR);
    for (const Item& item : items) {
        const OcspLookup found = item.authority == chosen && !item.serial.isEmpty()
            ? lookup(chosen, item.serial)
            : OcspLookup {};
        int status = V_OCSP_CERTSTATUS_UNKNOWN;
        int reason = OCSP_REVOKED_STATUS_NOSTATUS;
        Asn1TimePtr revokedAt;
        if (found.status == OcspCertStatus::Good) {
            status = V_OCSP_CERTSTATUS_GOOD;
        } else if (found.status == OcspCertStatus::Revoked) {
            status = V_OCSP_CERTSTATUS_REVOKED;
            reason = found.reason >= 0 ? found.reason : OCSP_REVOKED_STATUS_NOSTATUS;
            revokedAt.reset(
                ASN1_GENERALIZEDTIME_set(nullptr, static_cast<time_t>(found.revokedAt.toSecsSinceEpoch())));
            if (!revokedAt)
                return ocspErrorResponse(OCSP_RESPONSE_STATUS_INTERNALERROR);
        }
        if (OCSP_basic_add1_status(
                basic.get(), item.id, status, reason, revokedAt.get(), thisUpdate.get(), nextUpdate.get())
            == nullptr)
            return ocspErrorResponse(OCSP_RESPONSE_STATUS_INTERNALERROR);
    }
    if (OCSP_copy_nonce(basic.get(), request.get()) <= 0)
        return ocspErrorResponse(OCSP_RESPONSE_STATUS_INTERNALERROR);

    // ResponderID byKey (RFC 6960 §4.2.2.3); the signer's certificate travels in `certs` so that a client
    // holding only the CA certificate can check the delegation.
    const Known& authority = known[static_cast<std::size_t>(chosen)];
    EVP_PKEY* key = authorities[chosen].signerKey.get();
    int signed_ = 0;
    if (isSm2(key)) {
        // OCSP_basic_sign() would sign with OpenSSL's EMPTY SM2 ID; the _ctx variant signs tbsResponseData
        // with a digest context on which the default ID is set (sm2SignContext), the same way X509_sign_ctx
        // signs the CA's certificates.
        auto context = sm2SignContext(key, sm2DefaultId());
        if (!context)
            return ocspErrorResponse(OCSP_RESPONSE_STATUS_INTERNALERROR);
        signed_ = OCSP_basic_sign_ctx(
            basic.get(), authority.signer.get(), context->mdContext.get(), nullptr, OCSP_RESPID_KEY);
    } else {
        signed_ = OCSP_basic_sign(
            basic.get(), authority.signer.get(), key, sha256Digest(), nullptr, OCSP_RESPID_KEY);
    }
    if (signed_ != 1)
        return ocspErrorResponse(OCSP_RESPONSE_STATUS_INTERNALERROR);
    const OcspResponsePtr response(OCSP_response_create(OCSP_RESPONSE_STATUS_SUCCESSFUL, basic.get()));
    const QByteArray der = response
        ? encodeDer([&response](unsigned char** out) { return i2d_OCSP_RESPONSE(response.get(), out); })
        : QByteArray();
    return der.isEmpty() ? ocspErrorResponse(OCSP_RESPONSE_STATUS_INTERNALERROR) : der;
}

bool ocspSignerUsable(const QByteArray& signerDer, const QByteArray& issuerDer, EVP_PKEY* key,
    const QDateTime& at, qint64 marginSeconds)
{
    ErrorQueueGuard guard;
    const X509Ptr signer = decodeDer<X509Ptr>(signerDer, d2i_X509);
    const X509Ptr issuer = decodeDer<X509Ptr>(issuerDer, d2i_X509);
    return signer && issuer && key != nullptr && X509_check_issued(issuer.get(), signer.get()) == X509_V_OK
        && (X509_get_extension_flags(signer.get()) & EXFLAG_XKUSAGE) != 0
        && (X509_get_extended_key_usage(signer.get()) & XKU_OCSP_SIGN) != 0
        && X509_check_private_key(signer.get(), key) == 1 && validAt(signer.get(), at)
        && validAt(signer.get(), at.addSecs(marginSeconds));
}

namespace detail {

bool addOcspSigningExtensions(X509* certificate)
{
    std::unique_ptr<EXTENDED_KEY_USAGE, OpenSslDeleter<&EXTENDED_KEY_USAGE_free>> usage(
        EXTENDED_KEY_USAGE_new());
    if (!usage || sk_ASN1_OBJECT_push(usage.get(), OBJ_nid2obj(NID_OCSP_sign)) <= 0)
        return false;
    const X509ExtensionPtr eku = makeExtension(NID_ext_key_usage, usage.get(), false);
    // id-pkix-ocsp-nocheck: extnValue is NULL (RFC 6960 §4.2.2.2.1).
    std::unique_ptr<ASN1_NULL, OpenSslDeleter<&ASN1_NULL_free>> null(ASN1_NULL_new());
    const X509ExtensionPtr noCheck
        = null ? makeExtension(NID_id_pkix_OCSP_noCheck, null.get(), false) : X509ExtensionPtr();
    return eku && noCheck && X509_add_ext(certificate, eku.get(), -1) == 1
        && X509_add_ext(certificate, noCheck.get(), -1) == 1;
}

} // namespace detail

} // namespace certdesk::pki
