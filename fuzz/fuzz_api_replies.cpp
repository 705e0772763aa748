// The client's reading of the service's replies (core/api ApiTypes): every parser on the same body.
#include "FuzzSupport.h"

#include "api/ApiTypes.h"

#include <QJsonArray>
#include <QJsonObject>

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    certdesk::fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace certdesk::api;
    const QByteArray body = certdesk::fuzz::bytes(data, size);
    (void)parseArray(body);
    (void)parseApplicationSummaries(body);
    (void)parseStoredDocumentList(body);
    (void)parseBanks(body);
    (void)parseCaCertificates(body);
    (void)parseOutbox(body);
    (void)parseLegacyCertificates(body);
    const ApiResult<QJsonObject> object = parseObject(body);
    if (!object)
        return 0;
    const QJsonObject& json = *object;
    (void)parseHealth(json);
    (void)parseOldCertificate(json);
    (void)parseCreatedApplication(json);
    (void)parseApplication(json);
    (void)parseStaffApplication(json);
    (void)parseStoredDocument(json);
    (void)parseLivenessSession(json);
    (void)parseLivenessResult(json);
    (void)parsePayment(json);
    (void)parsePaymentProgress(json);
    (void)parseInvoice(json);
    (void)parseServiceConfig(json);
    (void)parseStaffSession(json);
    (void)parseIssuance(json);
    (void)parseLegacyCertificate(json);
    return 0;
}
