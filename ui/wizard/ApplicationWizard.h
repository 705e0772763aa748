#pragma once

#include "domain/Application.h"
#include "domain/FieldError.h"

#include <QWizard>
#include <functional>
#include <memory>

namespace certdesk {
class DraftStore;
namespace idcard {
class IdCardReader;
}
class RegionModel;
namespace api {
class ApiClient;
}
} // namespace certdesk

namespace certdesk::ui {

// The application wizard. It edits exactly one typed Application value: pages load from it and save into it;
// every change is saved to the draft store at once, so a killed client loses nothing typed. Validation comes
// from core's validators (the same ones the service runs); the pages only show the results.
class ApplicationWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId
    {
        KindPage, // retired (the lookup decides the kind); kept so that saved drafts' step numbers hold
        AgreementPage,
        LookupPage,
        YearsPage,
        OrganizationPage,
        ApplicantPage,
        BankPage,
        MailingPage,
        InvoicePage,
        ReviewPage
    };

    // `drafts` may be null (no autosave); `api` may be null (no service: lookup and submit say so).
    ApplicationWizard(
        DraftStore* drafts, const RegionModel& regions, api::ApiClient* api, QWidget* parent = nullptr);

    // Continues a saved draft on the page where the person stopped.
    void resumeDraft(const QString& draftId, const Application& application, int step);

    [[nodiscard]] const Application& application() const { return m_application; }
    [[nodiscard]] Application& application() { return m_application; }
    [[nodiscard]] const RegionModel& regions() const { return m_regions; }
    [[nodiscard]] QString draftId() const { return m_draftId; }
    [[nodiscard]] api::ApiClient* api() const { return m_api; }
    // Training mode: the lookup page offers the sandbox's demo certificates.
    void setSandbox(bool sandbox) { m_sandbox = sandbox; }
    [[nodiscard]] bool isSandbox() const { return m_sandbox; }
    // The ID card reader behind the 读取身份证 buttons. Default: idcard::ProcessIdCardReader::createDefault()
    // (the SDT-style reader library in the certdesk-idcard helper process, or in this process without it).
    [[nodiscard]] std::shared_ptr<idcard::IdCardReader> idCardReader();
    void setIdCardReader(std::shared_ptr<idcard::IdCardReader> reader) { m_idCardReader = std::move(reader); }

    // Sends the application to the service: POST /applications the first time (with an Idempotency-Key kept
    // in the draft before sending, so a retry after a crash gets the same answer), PUT afterwards. Calls
    // `done` with an empty error on success (application() then has id, order no and status), else the
    // translated message and the service's field errors.
    using SubmitCallback = std::function<void(const QString& error, const FieldErrors& fields)>;
    void submit(SubmitCallback done);
    // The access token of the submitted application (empty before submission). Never logged.
    [[nodiscard]] QString accessToken() const { return m_accessToken; }
    void setAccessToken(const QString& token) { m_accessToken = token; }

    // Every problem of the whole application as core's validators see it now.
    [[nodiscard]] FieldErrors currentErrors() const;
    // Shows errors from anywhere (e.g. the service's 422 `fields`) at their fields: jumps to the first page
    // that has one, shows each next to its field and focuses the first. Returns false if no page knows any
    // path.
    bool showErrors(const FieldErrors& errors);

    // Pages call this after writing into application(): saves the draft and tells listeners.
    void applicationEdited();

Q_SIGNALS:
    void draftSaved(const QString& draftId);
    void draftSaveFailed();
    // The service accepted the application (first submission or a change).
    void submitted(const QString& applicationId, const QString& orderNo, const QString& accessToken);
    // A page offers help on a topic ("realname": the telecom real-name FAQ).
    void helpRequested(const QString& topic);

private:
    void saveDraft();

    DraftStore* m_drafts;
    const RegionModel& m_regions;
    api::ApiClient* m_api;
    bool m_sandbox = false;
    std::shared_ptr<idcard::IdCardReader> m_idCardReader;
    QString m_accessToken;
    Application m_application;
    QString m_draftId;
};

} // namespace certdesk::ui
