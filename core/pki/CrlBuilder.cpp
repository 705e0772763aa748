#include "pki/CrlBuilder.h"

#include "pki/OpenSslSupport.h"

#include <QFile>

#include <openssl/x509v3.h>

namespace certdesk::pki::detail {

PkiResult<void> CrlNumberCounter::load(const QString& file)
{
    const std::lock_guard lock(m_mutex);
    m_file = file;
    QFile numberFile(file);
    if (!numberFile.open(QIODevice::ReadOnly))
        return {};
    bool ok = false;
    const qint64 number = numberFile.readAll().trimmed().toLongLong(&ok);
    if (!ok || number < 0)
        return pkiError(PkiStatus::BadInput, QStringLiteral("the crlnumber file is unreadable"));
    m_number = number;
    return {};
}

PkiResult<qint64> CrlNumberCounter::next()
{
    const std::lock_guard lock(m_mutex);
    const qint64 number = m_number + 1;
    if (!m_file.isEmpty() && !writePublicFile(m_file, QByteArray(QByteArray::number(number) + '\n')))
        return pkiError(PkiStatus::InternalError, QStringLiteral("saving the CRL number failed"));
    m_number = number;
    return number;
}

qint64 CrlNumberCounter::last() const
{
    const std::lock_guard lock(m_mutex);
    return m_number;
}

PkiResult<X509CrlPtr> buildCrl(X509* issuer, const X509_EXTENSION* authorityKeyId,
    const QList<RevokedCertificate>& revoked, const QDateTime& thisUpdate, const QDateTime& nextUpdate)
{
    if (!thisUpdate.isValid() || !nextUpdate.isValid() || nextUpdate <= thisUpdate)
        return pkiError(PkiStatus::BadInput, QStringLiteral("nextUpdate must come after thisUpdate"));
    const Asn1TimePtr lastUpdateTime = toAsn1Time(thisUpdate);
    const Asn1TimePtr nextUpdateTime = toAsn1Time(nextUpdate);
    X509CrlPtr crl(X509_CRL_new());
    if (!crl || !lastUpdateTime || !nextUpdateTime || X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2) != 1
        || X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(issuer)) != 1
        || X509_CRL_set1_lastUpdate(crl.get(), lastUpdateTime.get()) != 1
        || X509_CRL_set1_nextUpdate(crl.get(), nextUpdateTime.get()) != 1)
        return pkiError(PkiStatus::InternalError, QStringLiteral("building the CRL failed"));

    for (const RevokedCertificate& entry : revoked) {
        const Asn1IntegerPtr serial = integerFromHex(entry.serialHex);
        const Asn1TimePtr when = toAsn1Time(entry.revokedAt);
        if (!serial || !when)
            return pkiError(PkiStatus::BadInput, QStringLiteral("a revoked entry has a bad serial or time"));
        X509RevokedPtr item(X509_REVOKED_new());
        if (!item || X509_REVOKED_set_serialNumber(item.get(), serial.get()) != 1
            || X509_REVOKED_set_revocationDate(item.get(), when.get()) != 1)
            return pkiError(PkiStatus::InternalError, QStringLiteral("building a CRL entry failed"));
        if (entry.reason >= 0) {
            std::unique_ptr<ASN1_ENUMERATED, OpenSslDeleter<&ASN1_ENUMERATED_free>> reason(
                ASN1_ENUMERATED_new());
            if (entry.reason > 10 || entry.reason == 7)
                return pkiError(PkiStatus::BadInput, QStringLiteral("unknown CRL reason code"));
            if (!reason || ASN1_ENUMERATED_set(reason.get(), entry.reason) != 1
                || X509_REVOKED_add1_ext_i2d(item.get(), NID_crl_reason, reason.get(), 0, X509V3_ADD_DEFAULT)
                    != 1)
                return pkiError(PkiStatus::InternalError, QStringLiteral("adding the CRL reason failed"));
        }
        if (X509_CRL_add0_revoked(crl.get(), item.get()) != 1)
            return pkiError(PkiStatus::InternalError, QStringLiteral("adding a CRL entry failed"));
        (void)item.release();
    }
    if (X509_CRL_sort(crl.get()) != 1
        || X509_CRL_add_ext(crl.get(), const_cast<X509_EXTENSION*>(authorityKeyId), -1) != 1)
        return pkiError(PkiStatus::InternalError, QStringLiteral("finishing the CRL failed"));
    return crl;
}

PkiResult<void> addCrlNumber(X509_CRL* crl, CrlNumberCounter& counter)
{
    auto number = counter.next();
    if (!number)
        return number.error();
    const Asn1IntegerPtr crlNumber(ASN1_INTEGER_new());
    if (!crlNumber || ASN1_INTEGER_set_int64(crlNumber.get(), *number) != 1
        || X509_CRL_add1_ext_i2d(crl, NID_crl_number, crlNumber.get(), 0, X509V3_ADD_DEFAULT) != 1)
        return pkiError(PkiStatus::InternalError, QStringLiteral("adding the CRL number failed"));
    return {};
}

} // namespace certdesk::pki::detail
