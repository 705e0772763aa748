#include "issuance/OldCertificateCheck.h"

#include "api/ApiClient.h"

#include <QPointer>

#include <memory>

namespace certdesk::issuance {

void checkOldCertificate(api::ApiClient* api, const QString& serialHex, QObject* context,
    std::function<void(const OldCertificateStatus&)> done)
{
    auto finish = std::make_shared<std::function<void(const OldCertificateStatus&)>>(std::move(done));
    api->legacyCaCertificate()->then(
        context, [api, serialHex, context, finish](const api::ApiResult<api::BinaryContent>& issuer) {
            OldCertificateStatus status;
            if (!issuer.ok()) {
                status.error = issuer.error();
                (*finish)(status);
                return;
            }
            const QByteArray issuerDer = issuer.value().bytes;
            const auto request = pki::makeOcspRequestForSerial(serialHex, issuerDer);
            if (!request) {
                status.outcome = OldCertificateStatus::Outcome::InvalidResponse;
                status.detail = request.detail();
                (*finish)(status);
                return;
            }
            const QByteArray nonce = request->nonce;
            api->ocsp(request->der)
                ->then(context,
                    [serialHex, issuerDer, nonce, finish](const api::ApiResult<api::BinaryContent>& reply) {
                        OldCertificateStatus status;
                        if (!reply.ok()) {
                            status.error = reply.error();
                            (*finish)(status);
                            return;
                        }
                        const auto answer = pki::verifyOcspResponseForSerial(
                            reply.value().bytes, serialHex, issuerDer, nonce);
                        if (!answer) {
                            status.outcome = OldCertificateStatus::Outcome::InvalidResponse;
                            status.detail = answer.detail();
                        } else {
                            status.outcome = OldCertificateStatus::Outcome::Checked;
                            status.status = answer->status;
                            status.revokedAt = answer->revokedAt;
                            status.reason = answer->reason;
                        }
                        (*finish)(status);
                    });
        });
}

} // namespace certdesk::issuance
