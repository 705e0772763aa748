#pragma once

#include "domain/Application.h"
#include "domain/FieldError.h"

#include <QWizard>

namespace certdesk {
class DraftStore;
class RegionModel;
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
        KindPage,
        AgreementPage,
        LookupPage,
        OrganizationPage,
        ApplicantPage,
        MailingPage,
        InvoicePage
    };

    // `drafts` may be null (no autosave). `draftId` empty starts a new draft on the first change.
    ApplicationWizard(DraftStore* drafts, const RegionModel& regions, QWidget* parent = nullptr);

    // Continues a saved draft on the page where the person stopped.
    void resumeDraft(const QString& draftId, const Application& application, int step);

    [[nodiscard]] const Application& application() const { return m_application; }
    [[nodiscard]] Application& application() { return m_application; }
    [[nodiscard]] const RegionModel& regions() const { return m_regions; }
    [[nodiscard]] QString draftId() const { return m_draftId; }

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

private:
    void saveDraft();

    DraftStore* m_drafts;
    const RegionModel& m_regions;
    Application m_application;
    QString m_draftId;
};

} // namespace certdesk::ui
