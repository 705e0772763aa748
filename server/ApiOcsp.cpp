// Api: the OCSP responder (RFC 6960) for the SM2 issuing CA and, when the service holds it, the legacy RSA
// CA.
#include "Api.h"

#include "CertificateServices.h"

#include "pki/Ocsp.h"

#include <QSqlQuery>

#include <openssl/ocsp.h>

namespace certdesk::server {

namespace {

constexpr const char* kOcspResponseType = "application/ocsp-response";

} // namespace

void Api::ocsp(Context& ctx)
{
    // Every answer is an OCSPResponse with HTTP 200 (RFC 6960 Appendix A.1): a client reads the response
    // status, not the HTTP status or a JSON body. Nothing may escape as an ApiError.
    const auto send = [&ctx](const QByteArray& der) {
        ctx.sendBytes(200, der, kOcspResponseType);
        ctx.response.set_header("Cache-Control", "no-store");
    };
    try {
        QByteArray request;
        if (ctx.request.method == "POST") {
            const QString type = ctx.header("Content-Type").section(QLatin1Char(';'), 0, 0).trimmed();
            ctx.bodyConsumed = true;
            bool tooLarge = false;
            if (ctx.reader && requestHasBody(ctx.request)) {
                const bool ok = (*ctx.reader)([&](const char* data, size_t size) {
                    if (request.size() + qint64(size) > kMaxOcspRequestBytes) {
                        tooLarge = true;
                        return false;
                    }
                    request.append(data, qsizetype(size));
                    return true;
                });
                if (!ok)
                    ctx.response.set_header("Connection", "close");
            }
            if (tooLarge
                || type.compare(QLatin1String("application/ocsp-request"), Qt::CaseInsensitive) != 0) {
                send(pki::ocspErrorResponse(OCSP_RESPONSE_STATUS_MALFORMEDREQUEST));
                return;
            }
        } else {
            // GET /ocsp/{url-encoded base64}: httplib has already percent-decoded the path, and the base64
            // alphabet's '/' splits it into segments, so take everything after the prefix.
            const std::string& path = ctx.request.path;
            const std::string prefix = "/ocsp/";
            const QByteArray text = path.size() > prefix.size()
                ? QByteArray::fromStdString(path.substr(prefix.size()))
                : QByteArray();
            const auto decoded = QByteArray::fromBase64Encoding(text);
            if (text.size() > kMaxOcspRequestBytes
                || decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok) {
                send(pki::ocspErrorResponse(OCSP_RESPONSE_STATUS_MALFORMEDREQUEST));
                return;
            }
            request = decoded.decoded;
        }

        const QList<pki::OcspAuthority> authorities = m_certificates->ocspAuthorities();
        const QList<CertificateServices::OcspIssuer> kinds = m_certificates->ocspIssuers();
        const ReadTransaction rt(m_db);
        const auto lookup = [&](int authority, const QString& serial) {
            pki::OcspLookup found;
            const auto revocation = [&](const QString& source) {
                QSqlQuery q = run(rt.db(),
                    QStringLiteral(
                        "SELECT revoked_at, reason FROM revocations WHERE serial = ? AND source = ?"),
                    {serial, source});
                if (q.next()) {
                    found.status = pki::OcspCertStatus::Revoked;
                    found.revokedAt = parseTime(q.value(0).toString());
                    found.reason = q.value(1).toInt();
                }
            };
            if (kinds.value(authority) == CertificateServices::OcspIssuer::Legacy) {
                QSqlQuery q = run(rt.db(),
                    QStringLiteral("SELECT revoked_at FROM legacy_certificates WHERE serial = ?"), {serial});
                if (!q.next())
                    return found;
                const QString revokedAt = q.value(0).toString();
                if (revokedAt.isEmpty()) {
                    found.status = pki::OcspCertStatus::Good;
                    return found;
                }
                revocation(QStringLiteral("legacy"));
                if (found.status != pki::OcspCertStatus::Revoked) {
                    found.status = pki::OcspCertStatus::Revoked;
                    found.revokedAt = parseTime(revokedAt);
                }
                return found;
            }
            QSqlQuery q = run(rt.db(),
                QStringLiteral("SELECT 1 FROM issuances WHERE signing_serial = ? OR encryption_serial = ?"),
                {serial, serial});
            if (!q.next())
                return found;
            found.status = pki::OcspCertStatus::Good;
            revocation(QStringLiteral("issued"));
            return found;
        };
        send(pki::answerOcspRequest(
            request, authorities, lookup, QDateTime::currentDateTimeUtc(), m_options.ocspValiditySeconds));
    } catch (const std::exception&) {
        send(pki::ocspErrorResponse(OCSP_RESPONSE_STATUS_INTERNALERROR));
    }
}

} // namespace certdesk::server
