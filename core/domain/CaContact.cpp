#include "domain/CaContact.h"

#include <QCoreApplication>

namespace certdesk {

QString caHotline()
{
    return QStringLiteral("400-112-3838");
}

QString caWebsite()
{
    return QStringLiteral("www.szca.com");
}

QString caWeChatAccount()
{
    return QStringLiteral("SZCA6688");
}

QString caContactText()
{
    return QCoreApplication::translate("certdesk::CaContact",
        "Questions? Call the hotline %1, or use the online service: on %2 click \"Online service\" at the "
        "top right, or in the WeChat official account %3 choose \"Contact us\" → \"Online service\".")
        .arg(caHotline(), caWebsite(), caWeChatAccount());
}

} // namespace certdesk
