#include "pki/OpenSslSupport.h"

#include <openssl/asn1.h>
#include <openssl/core_names.h>
#include <openssl/obj_mac.h>
#include <openssl/rand.h>

#include "pki/KeyUsage.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <ctime>

namespace certdesk::pki::detail {

// The fetched algorithms below are deliberately never freed: they live as long as libcrypto does.

const EVP_MD* sm3Digest()
{
    static EVP_MD* const digest = EVP_MD_fetch(nullptr, "SM3", nullptr);
    return digest;
}

const EVP_MD* sha256Digest()
{
    static EVP_MD* const digest = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return digest;
}

const EVP_CIPHER* sm4EcbCipher()
{
    static EVP_CIPHER* const cipher = EVP_CIPHER_fetch(nullptr, "SM4-ECB", nullptr);
    return cipher;
}

const EC_GROUP* sm2Group()
{
    static EC_GROUP* const group = EC_GROUP_new_by_curve_name(NID_sm2);
    return group;
}

DerElement readDerElement(QByteArrayView der)
{
    DerElement element;
    if (der.isEmpty())
        return element;
    const unsigned char* start = uchars(der);
    const unsigned char* in = start;
    long length = 0;
    int tag = 0;
    int tagClass = 0;
    const int flags = ASN1_get_object(&in, &length, &tag, &tagClass, static_cast<long>(der.size()));
    // 0x80 = error; 0x21 = constructed with indefinite length (BER, never valid DER).
    if ((flags & 0x80) != 0 || flags == 0x21)
        return element;
    const auto header = static_cast<qsizetype>(in - start);
    if (header + length > der.size())
        return element;
    element.tag = tag;
    element.tagClass = tagClass;
    element.constructed = (flags & V_ASN1_CONSTRUCTED) != 0;
    element.whole = der.first(header + length);
    element.content = der.sliced(header, length);
    return element;
}

QDateTime fromAsn1Time(const ASN1_TIME* time)
{
    std::tm tm {};
    if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1)
        return {};
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
        QTime(tm.tm_hour, tm.tm_min, tm.tm_sec), Qt::UTC);
}

Asn1TimePtr toAsn1Time(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    // ASN1_TIME_set picks UTCTime up to 2049 and GeneralizedTime from 2050, as RFC 5280 §4.1.2.5 requires.
    return Asn1TimePtr(ASN1_TIME_set(nullptr, static_cast<time_t>(time.toSecsSinceEpoch())));
}

QString integerToHex(const ASN1_INTEGER* integer)
{
    BignumPtr number(ASN1_INTEGER_to_BN(integer, nullptr));
    if (!number)
        return {};
    OpenSslString hex(BN_bn2hex(number.get()));
    if (!hex)
        return {};
    QString text = QString::fromLatin1(hex.get());
    if (text == QLatin1String("0"))
        text = QStringLiteral("00");
    return text;
}

Asn1IntegerPtr integerFromHex(const QString& hex)
{
    QString digits;
    digits.reserve(hex.size());
    for (const QChar c : hex) {
        if (c == QLatin1Char(':') || c.isSpace())
            continue;
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F')))
            return {};
        digits.append(c);
    }
    if (digits.isEmpty() || digits.size() > 2 * 64)
        return {};
    BIGNUM* raw = nullptr;
    const QByteArray latin = digits.toLatin1();
    if (BN_hex2bn(&raw, latin.constData()) != static_cast<int>(latin.size()))
        return {};
    BignumPtr number(raw);
    return Asn1IntegerPtr(BN_to_ASN1_INTEGER(number.get(), nullptr));
}

namespace {

PkiResult<Sm2DigestContext> sm2DigestContext(EVP_PKEY* key, QByteArrayView id, bool sign)
{
    if (!isSm2(key))
        return pkiError(PkiStatus::Unsupported, QStringLiteral("not an SM2 key"));
    Sm2DigestContext context;
    context.pkeyContext.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    context.mdContext.reset(EVP_MD_CTX_new());
    if (!context.pkeyContext || !context.mdContext)
        return pkiError(PkiStatus::InternalError, QStringLiteral("SM2 context allocation failed"));
    // An empty ID is set explicitly too (length 0): "no ID" must never depend on the library's default.
    // A null view would leave OpenSSL's cached-ID slot unset; an empty string literal sets "ID of length 0".
    const char* idBytes = id.data() != nullptr ? id.data() : "";
    if (EVP_PKEY_CTX_set1_id(context.pkeyContext.get(), idBytes, static_cast<std::size_t>(id.size())) <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("setting the SM2 distinguishing ID failed"));
    EVP_MD_CTX_set_pkey_ctx(context.mdContext.get(), context.pkeyContext.get());
    const int ok = sign ? EVP_DigestSignInit(context.mdContext.get(), nullptr, sm3Digest(), nullptr, key)
                        : EVP_DigestVerifyInit(context.mdContext.get(), nullptr, sm3Digest(), nullptr, key);
    if (ok <= 0)
        return pkiError(PkiStatus::InternalError, QStringLiteral("SM2-with-SM3 initialisation failed"));
    return context;
}

} // namespace

PkiResult<Sm2DigestContext> sm2SignContext(EVP_PKEY* key, QByteArrayView id)
{
    return sm2DigestContext(key, id, true);
}

PkiResult<Sm2DigestContext> sm2VerifyContext(EVP_PKEY* key, QByteArrayView id)
{
    return sm2DigestContext(key, id, false);
}

bool setBitStringBytes(ASN1_BIT_STRING* bits, QByteArrayView bytes)
{
    if (ASN1_BIT_STRING_set(bits, const_cast<unsigned char*>(uchars(bytes)), static_cast<int>(bytes.size()))
        != 1)
        return false;
    bits->flags &= ~(ASN1_STRING_FLAG_BITS_LEFT | 0x07);
    bits->flags |= ASN1_STRING_FLAG_BITS_LEFT;
    return true;
}

Asn1OctetStringPtr makeOctetString(QByteArrayView bytes)
{
    Asn1OctetStringPtr octets(ASN1_OCTET_STRING_new());
    if (octets && ASN1_OCTET_STRING_set(octets.get(), uchars(bytes), static_cast<int>(bytes.size())) != 1)
        octets.reset();
    return octets;
}

namespace {

struct NameField
{
    int nid;
    QString Subject::*field;
};

// X.501 order, most general first (the RDNSequence order in the DER).
constexpr NameField NameFields[] = {
    {NID_countryName, &Subject::country},
    {NID_stateOrProvinceName, &Subject::province},
    {NID_localityName, &Subject::locality},
    {NID_organizationName, &Subject::organization},
    {NID_organizationalUnitName, &Subject::organizationalUnit},
    {NID_serialNumber, &Subject::serialNumber},
    {NID_commonName, &Subject::commonName},
};

QString asn1StringToQString(const ASN1_STRING* string)
{
    unsigned char* utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, string);
    if (length < 0)
        return {};
    const OpenSslBuffer owner(utf8);
    return QString::fromUtf8(reinterpret_cast<const char*>(utf8), length);
}

bool isPrintableString(const QString& text)
{
    // X.680 PrintableString: letters, digits, space and ' ( ) + , - . / : = ?
    static const QString extra = QStringLiteral(" '()+,-./:=?");
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool alnum = (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
        if (!alnum && !extra.contains(c))
            return false;
    }
    return true;
}

} // namespace

PkiResult<X509NamePtr> toX509Name(const Subject& subject)
{
    X509NamePtr name(X509_NAME_new());
    if (!name)
        return pkiError(PkiStatus::InternalError, QStringLiteral("allocation failed"));
    for (const NameField& field : NameFields) {
        const QString& value = subject.*field.field;
        if (value.isEmpty())
            continue;
        if ((field.nid == NID_countryName || field.nid == NID_serialNumber) && !isPrintableString(value))
            return pkiError(PkiStatus::BadInput,
                QStringLiteral("%1 must be printable").arg(QString::fromLatin1(OBJ_nid2sn(field.nid))));
        const QByteArray utf8 = value.toUtf8();
        if (X509_NAME_add_entry_by_NID(
                name.get(), field.nid, MBSTRING_UTF8, uchars(utf8), static_cast<int>(utf8.size()), -1, 0)
            != 1)
            return pkiError(PkiStatus::BadInput,
                QStringLiteral("invalid %1 value").arg(QString::fromLatin1(OBJ_nid2sn(field.nid))));
    }
    return name;
}

Subject fromX509Name(const X509_NAME* name)
{
    Subject subject;
    if (name == nullptr)
        return subject;
    for (const NameField& field : NameFields) {
        const int index = X509_NAME_get_index_by_NID(name, field.nid, -1);
        if (index < 0)
            continue;
        const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, index);
        subject.*field.field = asn1StringToQString(X509_NAME_ENTRY_get_data(entry));
    }
    return subject;
}

const ASN1_OBJECT* personIdentityObject()
{
    // Created once and never freed (an immutable object shared by all threads).
    static ASN1_OBJECT* const object = OBJ_txt2obj(PersonIdentityOid, 1);
    return object;
}

QString personIdentityFrom(const X509* certificate)
{
    const int index = X509_get_ext_by_OBJ(certificate, personIdentityObject(), -1);
    if (index < 0)
        return {};
    const ASN1_OCTET_STRING* value = X509_EXTENSION_get_data(X509_get_ext(certificate, index));
    const DerElement element = readDerElement(QByteArrayView(
        reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)), ASN1_STRING_length(value)));
    if (element.tag < 0 || element.constructed)
        return {};
    const bool universalText = element.tagClass == V_ASN1_UNIVERSAL
        && (element.tag == V_ASN1_PRINTABLESTRING || element.tag == V_ASN1_UTF8STRING);
    const bool choiceZero = element.tagClass == V_ASN1_CONTEXT_SPECIFIC && element.tag == 0;
    if (!universalText && !choiceZero)
        return {};
    return QString::fromUtf8(element.content.data(), element.content.size());
}

bool addPersonIdentity(X509* certificate, const QString& idNumber)
{
    if (idNumber.isEmpty() || !isPrintableString(idNumber))
        return false;
    Asn1StringPtr printable(ASN1_STRING_type_new(V_ASN1_PRINTABLESTRING));
    const QByteArray latin = idNumber.toLatin1();
    if (!printable
        || ASN1_STRING_set(printable.get(), latin.constData(), static_cast<int>(latin.size())) != 1)
        return false;
    const QByteArray der = encodeDer(
        [&printable](unsigned char** out) { return i2d_ASN1_PRINTABLESTRING(printable.get(), out); });
    const Asn1OctetStringPtr value = makeOctetString(der);
    if (der.isEmpty() || !value)
        return false;
    X509ExtensionPtr extension(X509_EXTENSION_create_by_OBJ(nullptr, personIdentityObject(), 0, value.get()));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

Asn1OctetStringPtr subjectKeyIdentifier(const X509_PUBKEY* publicKey)
{
    const unsigned char* bits = nullptr;
    int length = 0;
    if (publicKey == nullptr || X509_PUBKEY_get0_param(nullptr, &bits, &length, nullptr, publicKey) != 1)
        return {};
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLength = 0;
    if (EVP_Digest(bits, static_cast<std::size_t>(length), digest, &digestLength, sm3Digest(), nullptr) != 1
        || digestLength < 20)
        return {};
    return makeOctetString(QByteArrayView(reinterpret_cast<const char*>(digest), 20));
}

Asn1IntegerPtr randomSerial()
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return {};
    bytes[0] &= 0x7F;
    bytes[sizeof bytes - 1] |= 0x01; // never zero
    BignumPtr number(BN_bin2bn(bytes, sizeof bytes, nullptr));
    return number ? Asn1IntegerPtr(BN_to_ASN1_INTEGER(number.get(), nullptr)) : Asn1IntegerPtr();
}

X509ExtensionPtr makeExtension(int nid, void* value, bool critical)
{
    return X509ExtensionPtr(X509V3_EXT_i2d(nid, critical ? 1 : 0, value));
}

X509ExtensionPtr basicConstraintsExtension(bool ca, int pathLength, bool critical)
{
    BasicConstraintsPtr constraints(BASIC_CONSTRAINTS_new());
    if (!constraints)
        return {};
    constraints->ca = ca ? 0xFF : 0;
    if (ca && pathLength >= 0) {
        constraints->pathlen = ASN1_INTEGER_new();
        if (constraints->pathlen == nullptr || ASN1_INTEGER_set(constraints->pathlen, pathLength) != 1)
            return {};
    }
    return makeExtension(NID_basic_constraints, constraints.get(), critical);
}

X509ExtensionPtr keyUsageExtension(quint32 usage)
{
    Asn1BitStringPtr bits(ASN1_BIT_STRING_new());
    if (!bits)
        return {};
    // Bit n of the named bit list is flag 0x80 >> n (digitalSignature = bit 0 = 0x80, cRLSign = bit 6 =
    // 0x02).
    for (int bit = 0; bit < 8; ++bit) {
        if ((usage & (0x80u >> bit)) != 0 && ASN1_BIT_STRING_set_bit(bits.get(), bit, 1) != 1)
            return {};
    }
    return makeExtension(NID_key_usage, bits.get(), true);
}

X509ExtensionPtr authorityKeyIdentifierExtension(X509* issuer)
{
    return authorityKeyIdentifierExtension(X509_get0_subject_key_id(issuer));
}

X509ExtensionPtr authorityKeyIdentifierExtension(const ASN1_OCTET_STRING* issuerKeyId)
{
    if (issuerKeyId == nullptr)
        return {};
    AuthorityKeyIdPtr authorityKeyId(AUTHORITY_KEYID_new());
    if (!authorityKeyId)
        return {};
    authorityKeyId->keyid = ASN1_OCTET_STRING_dup(issuerKeyId);
    if (authorityKeyId->keyid == nullptr)
        return {};
    return makeExtension(NID_authority_key_identifier, authorityKeyId.get(), false);
}

bool addSubjectKeyIdentifier(X509* certificate)
{
    const Asn1OctetStringPtr keyId = subjectKeyIdentifier(X509_get_X509_PUBKEY(certificate));
    return keyId
        && X509_add1_ext_i2d(certificate, NID_subject_key_identifier, keyId.get(), 0, X509V3_ADD_DEFAULT)
        == 1;
}

PkiResult<void> fillCertificate(X509* certificate, const ASN1_INTEGER* serial, const X509_NAME* issuer,
    const X509_NAME* subject, const QDateTime& notBefore, const QDateTime& notAfter, EVP_PKEY* publicKey)
{
    if (!notBefore.isValid() || !notAfter.isValid() || notAfter <= notBefore)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the validity period is empty"));
    const Asn1TimePtr from = toAsn1Time(notBefore);
    const Asn1TimePtr until = toAsn1Time(notAfter);
    if (!from || !until || X509_set_version(certificate, X509_VERSION_3) != 1
        || X509_set_serialNumber(certificate, const_cast<ASN1_INTEGER*>(serial)) != 1
        || X509_set_issuer_name(certificate, issuer) != 1 || X509_set_subject_name(certificate, subject) != 1
        || X509_set1_notBefore(certificate, from.get()) != 1
        || X509_set1_notAfter(certificate, until.get()) != 1 || X509_set_pubkey(certificate, publicKey) != 1)
        return pkiError(PkiStatus::InternalError, QStringLiteral("filling in the certificate failed"));
    return {};
}

bool writePrivateFile(const QString& path, QByteArrayView bytes)
{
    const QString temporary = path + QStringLiteral(".new");
    QFile::remove(temporary);
    QFile file(temporary);
    if (!file.open(
            QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return false;
    const bool written = file.write(bytes.data(), bytes.size()) == bytes.size() && file.flush();
    file.close();
    if (!written || !QFile::rename(temporary, path)) {
        QFile::remove(temporary);
        return false;
    }
    return true;
}

bool writePublicFile(const QString& path, QByteArrayView bytes)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes.data(), bytes.size()) == bytes.size()
        && file.commit();
}

PkiResult<SecureBytes> readPrivateFile(const QString& path)
{
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    if (!file.open(QIODevice::ReadOnly))
        return pkiError(PkiStatus::BadInput, QStringLiteral("cannot read %1").arg(name));
    SecureBytes bytes(file.size());
    if (file.read(reinterpret_cast<char*>(bytes.data()), bytes.size()) != bytes.size())
        return pkiError(PkiStatus::BadInput, QStringLiteral("cannot read %1").arg(name));
    return bytes;
}

} // namespace certdesk::pki::detail
