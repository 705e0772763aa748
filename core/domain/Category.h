#pragma once

#include <QString>
#include <optional>

namespace certdesk {

// The certificate kinds of the CA's guide. The three institution kinds share one form (organisation + agent +
// bank); the natural-person kind has an applicant instead.
enum class CertificateCategory
{
    Institution, // 机构证书
    InstitutionBusiness, // 机构业务证书
    InstitutionPersonal, // 机构个人证书
    NaturalPerson, // 自然人证书
};

[[nodiscard]] bool isInstitution(CertificateCategory category);

// API wire value ("institution", "institution_business", ...).
[[nodiscard]] QString categoryToApi(CertificateCategory category);
[[nodiscard]] std::optional<CertificateCategory> categoryFromApi(const QString& value);

// Translated display name (机构证书, ...).
[[nodiscard]] QString categoryDisplayName(CertificateCategory category);

} // namespace certdesk
