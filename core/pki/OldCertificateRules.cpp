#include "pki/OldCertificateRules.h"

namespace certdesk::pki {

bool isRenewableOldCertificate(const CertificateInfo& info)
{
    return info.keyAlgorithm.startsWith(QLatin1String("RSA")) && !info.isCa;
}

bool possessionProofExpired(const Application& application, const QDateTime& now)
{
    const auto& old = application.oldCertificate;
    return application.proof && old && old->challenge == application.proof->challenge
        && old->challengeExpiresAt.isValid() && old->challengeExpiresAt < now;
}

bool challengeStillUsable(
    const Application& application, const QString& serialHex, const QDateTime& now, int marginSeconds)
{
    const auto& old = application.oldCertificate;
    return old && normalizeSerial(old->serial) == serialHex && !old->challenge.isEmpty()
        && old->challengeExpiresAt > now.addSecs(marginSeconds)
        && !(application.proof && application.proof->challenge == old->challenge);
}

void prefillFromOldCertificate(Application& application, const CertificateInfo& info)
{
    const Subject& s = info.subject;
    if (isInstitution(application.category)) {
        const QString name = s.organization.isEmpty() ? s.commonName : s.organization;
        if (application.organization.name.trimmed().isEmpty())
            application.organization.name = name;
        if (application.organization.credentialNumber.trimmed().isEmpty())
            application.organization.credentialNumber = s.serialNumber;
    } else {
        if (application.applicant.name.trimmed().isEmpty())
            application.applicant.name = s.commonName;
        if (application.applicant.idNumber.trimmed().isEmpty())
            application.applicant.idNumber = info.personIdNumber;
    }
}

} // namespace certdesk::pki
