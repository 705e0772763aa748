#include "pki/Pem.h"

#include "pki/OpenSslSupport.h"

#include <openssl/pem.h>

namespace certdesk::pki {

using namespace detail;

namespace {

QByteArray bioContents(BIO* bio)
{
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return length > 0 ? QByteArray(data, length) : QByteArray();
}

} // namespace

QList<QByteArray> certificatesFromPem(QByteArrayView pem)
{
    ErrorQueueGuard guard;
    QList<QByteArray> certificates;
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio)
        return certificates;
    while (X509Ptr certificate {PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)}) {
        QByteArray der
            = encodeDer([&certificate](unsigned char** out) { return i2d_X509(certificate.get(), out); });
        if (der.isEmpty())
            break;
        certificates.append(der);
    }
    return certificates;
}

QByteArray certificateToPem(const QByteArray& der)
{
    ErrorQueueGuard guard;
    const X509Ptr certificate = decodeDer<X509Ptr>(der, d2i_X509);
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!certificate || !bio || PEM_write_bio_X509(bio.get(), certificate.get()) != 1)
        return {};
    return bioContents(bio.get());
}

QByteArray crlToPem(const QByteArray& der)
{
    ErrorQueueGuard guard;
    const X509CrlPtr crl = decodeDer<X509CrlPtr>(der, d2i_X509_CRL);
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!crl || !bio || PEM_write_bio_X509_CRL(bio.get(), crl.get()) != 1)
        return {};
    return bioContents(bio.get());
}

} // namespace certdesk::pki
