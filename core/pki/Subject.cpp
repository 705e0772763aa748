#include "pki/Subject.h"

#include <QStringList>

namespace certdesk::pki {

Subject Subject::institution(const QString& name, const QString& unifiedSocialCreditCode)
{
    Subject subject;
    subject.country = QStringLiteral("CN");
    subject.organization = name;
    subject.commonName = name;
    subject.serialNumber = unifiedSocialCreditCode;
    return subject;
}

Subject Subject::naturalPerson(const QString& name)
{
    Subject subject;
    subject.country = QStringLiteral("CN");
    subject.commonName = name;
    return subject;
}

bool Subject::isEmpty() const
{
    return *this == Subject();
}

QString Subject::toString() const
{
    // RFC 2253 order: most specific first.
    QStringList parts;
    const auto add = [&parts](const QString& key, const QString& value) {
        if (!value.isEmpty())
            parts.append(key + QLatin1Char('=') + value);
    };
    add(QStringLiteral("CN"), commonName);
    add(QStringLiteral("serialNumber"), serialNumber);
    add(QStringLiteral("OU"), organizationalUnit);
    add(QStringLiteral("O"), organization);
    add(QStringLiteral("L"), locality);
    add(QStringLiteral("ST"), province);
    add(QStringLiteral("C"), country);
    return parts.join(QLatin1Char(','));
}

} // namespace certdesk::pki
