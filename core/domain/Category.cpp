#include "domain/Category.h"

#include <QCoreApplication>

namespace certdesk {

bool isInstitution(CertificateCategory category)
{
    return category != CertificateCategory::NaturalPerson;
}

QString categoryToApi(CertificateCategory category)
{
    switch (category) {
    case CertificateCategory::Institution:
        return QStringLiteral("institution");
    case CertificateCategory::InstitutionBusiness:
        return QStringLiteral("institution_business");
    case CertificateCategory::InstitutionPersonal:
        return QStringLiteral("institution_personal");
    case CertificateCategory::NaturalPerson:
        return QStringLiteral("natural_person");
    }
    return {};
}

std::optional<CertificateCategory> categoryFromApi(const QString& value)
{
    for (auto c : {CertificateCategory::Institution, CertificateCategory::InstitutionBusiness,
             CertificateCategory::InstitutionPersonal, CertificateCategory::NaturalPerson}) {
        if (categoryToApi(c) == value)
            return c;
    }
    return std::nullopt;
}

QString categoryDisplayName(CertificateCategory category)
{
    switch (category) {
    case CertificateCategory::Institution:
        return QCoreApplication::translate("certdesk::Category", "Institution certificate");
    case CertificateCategory::InstitutionBusiness:
        return QCoreApplication::translate("certdesk::Category", "Institution business certificate");
    case CertificateCategory::InstitutionPersonal:
        return QCoreApplication::translate("certdesk::Category", "Institution personal certificate");
    case CertificateCategory::NaturalPerson:
        return QCoreApplication::translate("certdesk::Category", "Natural person certificate");
    }
    return {};
}

} // namespace certdesk
