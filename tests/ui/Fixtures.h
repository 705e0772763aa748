#pragma once

#include "domain/Application.h"

#include <QTimeZone>

namespace certdesk::test {

// An application as it stands right after a successful lookup (agreement acknowledged, renewable old
// certificate): the starting point for the form pages when no service is involved.
inline Application afterLookup(CertificateCategory category)
{
    Application a;
    a.category = category;
    a.serial = QStringLiteral("5F3A0C");
    a.acknowledgements.agreement = true;
    a.acknowledgements.oldCertificateRevocation = true;
    a.acknowledgements.acknowledgedAt = QDateTime(QDate(2026, 11, 20), QTime(9, 0), QTimeZone::utc());
    OldCertificateInfo old;
    old.serial = a.serial;
    old.category = category;
    old.holderMasked = QStringLiteral("深圳市**科技有限公司");
    old.algorithm = QStringLiteral("RSA-2048");
    old.notAfter = QDateTime(QDate(2026, 12, 31), QTime(16, 0), QTimeZone::utc());
    old.status = QStringLiteral("valid");
    old.renewable = true;
    old.feePerYearFen = isInstitution(category) ? 36000 : 6000;
    old.maxYears = 3;
    a.oldCertificate = old;
    return a;
}

} // namespace certdesk::test
