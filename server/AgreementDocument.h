#pragma once

#include "ServiceOptions.h"

#include <QJsonObject>
#include <QString>

namespace certdesk::server {

// The service agreement applicants accept before they apply (DESIGN.md step 2), served by GET /agreement.
// The CA configures its own text and a version label ([agreement] file, version); without one the service
// serves the built-in sample (data/agreement-sample.html), which says on its first line that it is a sample,
// and answers sample: true so that clients mark it too. The version an applicant accepted is stored with the
// acknowledgement (docs/api.md).
struct AgreementDocument
{
    QString version;
    QString title;
    QString html;
    bool sample = false;

    // Throws ConfigurationError for a file that cannot be read, is empty or not UTF-8, or a missing or
    // over-long version.
    [[nodiscard]] static AgreementDocument load(const ServiceOptions& options);
    // GET /agreement: {version, title, html, sha256, sample}.
    [[nodiscard]] QJsonObject toJson() const;
};

} // namespace certdesk::server
