#pragma once

#include "domain/Category.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace certdesk {

class LocalStore;

// An application the service accepted: what the client needs to track it later ("personal centre").
struct Submission
{
    QString applicationId;
    QString orderNo;
    QString accessToken; // bearer token for /applications/{id}; never logged
    CertificateCategory category = CertificateCategory::Institution;
    QString serverUrl;
    QString draftId;
    QDateTime submittedAt;
};

class SubmissionStore
{
public:
    explicit SubmissionStore(LocalStore& store);

    // Inserts or replaces the record for submission.applicationId.
    [[nodiscard]] bool record(const Submission& submission);
    [[nodiscard]] std::optional<Submission> find(const QString& applicationId) const;
    [[nodiscard]] std::optional<Submission> findByOrderNo(const QString& orderNo) const;
    // Newest first.
    [[nodiscard]] QList<Submission> list() const;
    [[nodiscard]] bool remove(const QString& applicationId);
    [[nodiscard]] int removeAll();

private:
    LocalStore& m_store;
};

} // namespace certdesk
