#include "UrlPolicy.h"

#include <QCoreApplication>
#include <QHostAddress>

namespace certdesk::api {

bool isLoopback(const QUrl& url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString serverUrlProblem(const QUrl& url)
{
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return QCoreApplication::translate(
            "certdesk::UrlPolicy", "The counter service address %1 is not an https:// web address.")
            .arg(url.toDisplayString());
    if (scheme == QLatin1String("http") && !isLoopback(url))
        return QCoreApplication::translate("certdesk::UrlPolicy",
            "The counter service address %1 is not encrypted: personal data and passwords would travel in "
            "clear text. Use its https:// address (plain http is only for a service on this computer).")
            .arg(url.toDisplayString());
    return {};
}

bool mayOpenInBrowser(const QUrl& url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    const QString scheme = url.scheme().toLower();
    return scheme == QLatin1String("https") || (scheme == QLatin1String("http") && isLoopback(url));
}

} // namespace certdesk::api
