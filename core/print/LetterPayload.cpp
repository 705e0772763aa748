#include "print/LetterPayload.h"

#include <QUrl>
#include <QUrlQuery>

namespace certdesk::print {

namespace {

const QLatin1String kScheme("certdesk");
const QLatin1String kPath("application");

QString encodeValue(const QString& value)
{
    // Everything outside RFC 3986 unreserved is escaped, so '&', '=' and '#' in a value cannot split the
    // query.
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

} // namespace

QString LetterPayload::toString() const
{
    return kScheme + QLatin1Char(':') + kPath + QStringLiteral("?id=") + encodeValue(applicationId)
        + QStringLiteral("&order=") + encodeValue(orderNo) + QStringLiteral("&doc=")
        + encodeValue(documentKindToApi(document));
}

std::optional<LetterPayload> LetterPayload::parse(const QString& text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != kScheme || url.path() != kPath || !url.host().isEmpty())
        return std::nullopt;
    const QUrlQuery query(url);
    LetterPayload payload;
    payload.applicationId = query.queryItemValue(QStringLiteral("id"), QUrl::FullyDecoded);
    payload.orderNo = query.queryItemValue(QStringLiteral("order"), QUrl::FullyDecoded);
    const std::optional<DocumentKind> kind
        = documentKindFromApi(query.queryItemValue(QStringLiteral("doc"), QUrl::FullyDecoded));
    if (payload.applicationId.isEmpty() || payload.orderNo.isEmpty() || !kind)
        return std::nullopt;
    payload.document = *kind;
    return payload;
}

} // namespace certdesk::print
