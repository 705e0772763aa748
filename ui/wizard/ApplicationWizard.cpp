#include "wizard/ApplicationWizard.h"

#include "domain/RegionModel.h"
#include "domain/Validators.h"
#include "storage/DraftStore.h"
#include "wizard/AgreementPage.h"

#include "wizard/ApplicationPage.h"

#include "wizard/KindPage.h"
#include "wizard/LookupPage.h"
#include "wizard/MailingPage.h"
#include "wizard/OrganizationPage.h"

namespace certdesk::ui {

ApplicationWizard::ApplicationWizard(DraftStore* drafts, const RegionModel& regions, QWidget* parent)
    : QWizard(parent)
    , m_drafts(drafts)
    , m_regions(regions)
{
    setObjectName(QStringLiteral("applicationWizard"));
    setWindowTitle(tr("Certificate renewal and SM2 upgrade"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    setOption(QWizard::HaveHelpButton, false);
    setPage(KindPage, new certdesk::ui::KindPage(this));
    setPage(AgreementPage, new certdesk::ui::AgreementPage(this));
    setPage(LookupPage, new certdesk::ui::LookupPage(this));
    setPage(OrganizationPage, new certdesk::ui::OrganizationPage(this));
    setPage(ApplicantPage, new certdesk::ui::ApplicantPage(this));
    setPage(MailingPage, new certdesk::ui::MailingPage(this));
    setPage(InvoicePage, new certdesk::ui::InvoicePage(this));
    setStartId(KindPage);
    setButtonText(QWizard::NextButton, tr("Next"));
    setButtonText(QWizard::BackButton, tr("Back"));
    setButtonText(QWizard::FinishButton, tr("Finish"));
    setButtonText(QWizard::CancelButton, tr("Close"));
    // Moving between pages saves the page as well: the draft remembers where the person stopped.
    connect(this, &QWizard::currentIdChanged, this, [this](int) {
        if (!m_draftId.isEmpty())
            saveDraft();
    });
}

void ApplicationWizard::resumeDraft(const QString& draftId, const Application& application, int step)
{
    m_draftId = draftId;
    m_application = application;
    restart();
    // Walk forward through the pages the person had completed so Back works as before.
    while (currentId() != step && currentId() != -1 && nextId() != -1) {
        const int before = currentId();
        next();
        if (currentId() == before)
            break;
    }
}

FieldErrors ApplicationWizard::currentErrors() const
{
    const int maxYears = m_application.oldCertificate ? m_application.oldCertificate->maxYears : 0;
    return validators::validateApplication(m_application, m_regions, maxYears);
}

bool ApplicationWizard::showErrors(const FieldErrors& errors)
{
    for (int id : pageIds()) {
        auto* p = qobject_cast<ApplicationPage*>(page(id));
        if (!p)
            continue;
        bool owns = false;
        for (const FieldError& e : errors)
            owns = owns || p->hasField(e.field);
        if (!owns)
            continue;
        // Go back (never skip forward past unchecked pages) to the first page that has a bad field.
        while (currentId() != id && visitedIds().contains(id))
            back();
        if (currentId() == id)
            p->showErrors(errors);
        return true;
    }
    return false;
}

void ApplicationWizard::applicationEdited()
{
    saveDraft();
}

void ApplicationWizard::saveDraft()
{
    if (!m_drafts)
        return;
    const int step = currentId() < 0 ? 0 : currentId();
    if (m_draftId.isEmpty()) {
        m_draftId = m_drafts->create(m_application, step);
        if (m_draftId.isEmpty()) {
            Q_EMIT draftSaveFailed();
            return;
        }
    } else if (!m_drafts->save(m_draftId, m_application, step)) {
        Q_EMIT draftSaveFailed();
        return;
    }
    Q_EMIT draftSaved(m_draftId);
}

} // namespace certdesk::ui
