#include "centre/CentreSession.h"

#include "api/ApiClient.h"

#include <QCoreApplication>

namespace certdesk::ui {

QString centreStepName(CentreStep step)
{
    switch (step) {
    case CentreStep::Form:
        return QCoreApplication::translate("certdesk::Centre", "Enter information");
    case CentreStep::Letter:
        return QCoreApplication::translate("certdesk::Centre", "Print application form");
    case CentreStep::Documents:
        return QCoreApplication::translate("certdesk::Centre", "Upload documents");
    case CentreStep::Liveness:
        return QCoreApplication::translate("certdesk::Centre", "Identity check");
    case CentreStep::Payment:
        return QCoreApplication::translate("certdesk::Centre", "Online payment");
    case CentreStep::Review:
        return QCoreApplication::translate("certdesk::Centre", "CA review");
    case CentreStep::Shipping:
        return QCoreApplication::translate("certdesk::Centre", "Mailing");
    case CentreStep::Done:
        return QCoreApplication::translate("certdesk::Centre", "Done");
    }
    return {};
}

CentreStep currentCentreStep(const Application& application)
{
    switch (application.status) {
    case ApplicationStatus::Completed:
    case ApplicationStatus::Cancelled:
        return CentreStep::Done;
    case ApplicationStatus::Approved:
    case ApplicationStatus::Issued:
    case ApplicationStatus::Shipped:
        return CentreStep::Shipping;
    case ApplicationStatus::InReview:
    case ApplicationStatus::Rejected:
        return CentreStep::Review;
    case ApplicationStatus::Draft:
        break;
    }
    const Checklist& c = application.checklist;
    if (!c.formComplete)
        return CentreStep::Form;
    bool anyUploaded = false;
    for (DocumentState state : c.documents)
        anyUploaded = anyUploaded || state == DocumentState::Uploaded;
    if (!anyUploaded)
        return CentreStep::Letter;
    if (!c.allDocumentsUploaded())
        return CentreStep::Documents;
    if (c.liveness != LivenessState::Passed)
        return CentreStep::Liveness;
    if (c.payment != PaymentState::Paid)
        return CentreStep::Payment;
    return CentreStep::Review;
}

CentreSession::CentreSession(
    api::ApiClient* api, QString applicationId, QString accessToken, CentreServices services, QObject* parent)
    : QObject(parent)
    , m_api(api)
    , m_id(std::move(applicationId))
    , m_token(std::move(accessToken))
    , m_services(services)
{ }

void CentreSession::refresh()
{
    if (!m_api) {
        m_lastError = tr("No certificate service is configured: start CertDesk with --server or --sandbox.");
        Q_EMIT loadFailed(m_lastError);
        return;
    }
    if (m_pending > 0) {
        // A change happened while a load was in flight: load once more afterwards, so the last answer wins.
        m_refreshAgain = true;
        return;
    }
    const auto started = [this] {
        if (m_pending++ == 0)
            Q_EMIT loadingChanged(true);
    };
    const auto done = [this] {
        if (--m_pending == 0) {
            Q_EMIT loadingChanged(false);
            if (m_refreshAgain) {
                m_refreshAgain = false;
                refresh();
            }
        }
    };
    if (!m_configLoaded) {
        started();
        m_api->config()->then(this, [this, done](const api::ApiResult<api::ServiceConfig>& r) {
            // Without /config the defaults of API.md stand (5 MiB, the listed types); the upload still works.
            if (r.ok()) {
                m_config = r.value();
                m_configLoaded = true;
            }
            if (m_loaded)
                Q_EMIT applicationChanged();
            done();
        });
    }
    started();
    m_api->getApplication(m_id, m_token)->then(this, [this, done](const api::ApiResult<Application>& r) {
        if (r.ok()) {
            m_application = r.value();
            m_loaded = true;
            m_lastError.clear();
            Q_EMIT applicationChanged();
        } else {
            const api::ApiError& e = r.error();
            // A token that does not open the application gets 404 (API.md), never 403.
            m_lastError = e.isHttp(404)
                ? tr(
                    "The service does not know this application, or the access code kept on this computer is "
                    "no longer valid.")
                : e.userMessage();
            Q_EMIT loadFailed(m_lastError);
        }
        done();
    });
}

} // namespace certdesk::ui
