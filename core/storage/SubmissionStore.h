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

    enum class Recorded
    {
        Yes,
        NotKept, // made in 个人中心 with the applicant session's token: nothing is kept
        Failed,
    };
    // What a submission from the form leaves on this PC. Made with `applicantSessionToken` (个人中心: the
    // token ends with the session, and a shared PC keeps nothing of it), nothing. Otherwise the record, with
    // the first submission's time when the application was submitted before: a change after a rejection is
    // not a new submission. `submission.submittedAt` is the time of this one.
    [[nodiscard]] Recorded recordSubmission(Submission submission, const QString& applicantSessionToken);
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
