#include "wizard/ApplicationWizard.h"

#include "api/ApiClient.h"
#include "domain/RegionModel.h"
#include "domain/Validators.h"
#include "idcard/ProcessIdCardReader.h"
#include "storage/DraftStore.h"
#include "wizard/AgreementPage.h"
#include "wizard/BankPage.h"
#include "wizard/ReviewPage.h"
#include "wizard/YearsPage.h"

#include <QAbstractButton>

#include "wizard/ApplicationPage.h"

#include "wizard/LookupPage.h"
#include "wizard/MailingPage.h"
#include "wizard/OrganizationPage.h"

namespace certdesk::ui {

ApplicationWizard::ApplicationWizard(
    DraftStore* drafts, const RegionModel& regions, api::ApiClient* api, QWidget* parent)
    : QWizard(parent)
    , m_drafts(drafts)
    , m_regions(regions)
    , m_api(api)
{
    setObjectName(QStringLiteral("applicationWizard"));
    setWindowTitle(tr("Certificate renewal and SM2 upgrade"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    setOption(QWizard::HaveHelpButton, false);
    setPage(AgreementPage, new certdesk::ui::AgreementPage(this));
    setPage(LookupPage, new certdesk::ui::LookupPage(this));
    setPage(YearsPage, new certdesk::ui::YearsPage(this));
    setPage(OrganizationPage, new certdesk::ui::OrganizationPage(this));
    setPage(ApplicantPage, new certdesk::ui::ApplicantPage(this));
    setPage(BankPage, new certdesk::ui::BankPage(this));
    setPage(MailingPage, new certdesk::ui::MailingPage(this));
    setPage(InvoicePage, new certdesk::ui::InvoicePage(this));
    auto* review = new certdesk::ui::ReviewPage(this);
    setPage(ReviewPage, review);
    connect(review, &ReviewPage::realNameHelpRequested, this,
        [this] { Q_EMIT helpRequested(QStringLiteral("realname")); });
    // No kind is asked up front: the old certificate's lookup decides it (LookupPage shows it), so a person
    // who picked the wrong kind is never silently corrected.
    setStartId(AgreementPage);
    setButtonText(QWizard::NextButton, tr("Next"));
    setButtonText(QWizard::BackButton, tr("Back"));
    setButtonText(QWizard::FinishButton, tr("Finish"));
    setButtonText(QWizard::CancelButton, tr("Close"));
    button(QWizard::NextButton)
        ->setAccessibleDescription(tr("Goes on to the next step once this one is complete"));
    button(QWizard::BackButton)
        ->setAccessibleDescription(tr("Returns to the previous step; nothing is lost"));
    button(QWizard::FinishButton)->setAccessibleDescription(tr("Closes the form after submission"));
    button(QWizard::CancelButton)->setAccessibleDescription(tr("Closes the form; the draft is kept"));
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
    // Drafts saved by earlier versions may stop at the retired kind page: it came just before the agreement.
    if (step == KindPage)
        step = AgreementPage;
    restart();
    // Walk forward through the pages the person had completed so Back works as before.
    while (currentId() != step && currentId() != -1 && nextId() != -1) {
        const int before = currentId();
        next();
        if (currentId() == before)
            break;
    }
}

std::shared_ptr<idcard::IdCardReader> ApplicationWizard::idCardReader()
{
    if (!m_idCardReader)
        m_idCardReader = idcard::ProcessIdCardReader::createDefault();
    return m_idCardReader;
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

void ApplicationWizard::submit(SubmitCallback done)
{
    if (!m_api) {
        done(tr("No certificate service is configured."), {});
        return;
    }
    const auto finish = [this, done](const api::ApiError& e) {
        QString message = e.userMessage();
        done(message.isEmpty() ? tr("The application could not be submitted.") : message, e.fields);
    };
    if (m_application.id.isEmpty()) {
        // The key is stored before sending: if CertDesk dies after the service answered, the retry gets that
        // same answer (and the same application) instead of a second application.
        QString key;
        if (m_drafts && !m_draftId.isEmpty()) {
            if (const auto draft = m_drafts->load(m_draftId))
                key = draft->idempotencyKey;
        }
        if (key.isEmpty()) {
            key = api::ApiClient::newIdempotencyKey();
            if (m_drafts && !m_draftId.isEmpty())
                (void)m_drafts->setIdempotencyKey(m_draftId, key);
        }
        m_api->createApplication(m_application, key)
            ->then(this, [this, done, finish](const api::ApiResult<api::CreatedApplication>& r) {
                if (!r.ok()) {
                    finish(r.error());
                    return;
                }
                const api::CreatedApplication& c = r.value();
                m_application.id = c.id;
                m_application.orderNo = c.orderNo;
                m_application.status = c.status;
                m_application.fees = c.fees;
                m_application.holderVerified = c.holderVerified;
                m_application.checklist = c.checklist;
                m_accessToken = c.accessToken;
                // A challenge proves possession once; sending the old proof again on a later PUT is refused.
                m_application.proof.reset();
                saveDraft();
                Q_EMIT submitted(c.id, c.orderNo, c.accessToken);
                done({}, {});
            });
        return;
    }
    m_api->updateApplication(m_application.id, m_accessToken, m_application)
        ->then(this, [this, done, finish](const api::ApiResult<Application>& r) {
            if (!r.ok()) {
                finish(r.error());
                return;
            }
            m_application.status = r.value().status;
            m_application.checklist = r.value().checklist;
            m_application.fees = r.value().fees;
            saveDraft();
            Q_EMIT submitted(m_application.id, m_application.orderNo, m_accessToken);
            done({}, {});
        });
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
