#pragma once

#include "api/ApiTypes.h"
#include "centre/CentreServices.h"
#include "domain/Application.h"

#include <QObject>
#include <QString>

namespace certdesk::api {
class ApiClient;
}

namespace certdesk::ui {

// The steps of the applicant's journey as the guide's progress bar shows them (录入信息 → 打印申请书 →
// 上传资料 → 身份认证 → 在线支付), followed by the CA's review and the mailing of the new UKey.
enum class CentreStep
{
    Form,
    Letter,
    Documents,
    Liveness,
    Payment,
    Review,
    Shipping,
    Done
};
inline constexpr int CentreStepCount = 7; // Done is "after the last step"
[[nodiscard]] QString centreStepName(CentreStep step);
// The step the applicant is at for `application` as the service reported it. Before any document is uploaded
// that is the letter (print it, stamp it, scan it).
[[nodiscard]] CentreStep currentCentreStep(const Application& application);

// One submitted application seen from the applicant's side: the API client, its id and access token, the
// latest GET /applications/{id} answer and the service's /config. The pages of the ApplicationCentre share
// it; whoever changes something on the service calls refresh() and every page updates on
// applicationChanged().
class CentreSession : public QObject
{
    Q_OBJECT
public:
    CentreSession(api::ApiClient* api, QString applicationId, QString accessToken, CentreServices services,
        QObject* parent = nullptr);

    [[nodiscard]] api::ApiClient* api() const { return m_api; }
    [[nodiscard]] const QString& applicationId() const { return m_id; }
    // Never logged.
    [[nodiscard]] const QString& accessToken() const { return m_token; }
    [[nodiscard]] const CentreServices& services() const { return m_services; }

    // True once the first GET /applications/{id} succeeded.
    [[nodiscard]] bool isLoaded() const { return m_loaded; }
    [[nodiscard]] const Application& application() const { return m_application; }
    // GET /config (defaults until it arrived).
    [[nodiscard]] const api::ServiceConfig& config() const { return m_config; }
    [[nodiscard]] bool isLoading() const { return m_pending > 0; }
    // The last load error (translated), empty after a successful load.
    [[nodiscard]] QString lastError() const { return m_lastError; }

public Q_SLOTS:
    // Reloads the application (and /config the first time). Calls while one is in flight are merged.
    void refresh();

Q_SIGNALS:
    void applicationChanged();
    void loadFailed(const QString& message);
    void loadingChanged(bool loading);

private:
    api::ApiClient* m_api;
    QString m_id;
    QString m_token;
    CentreServices m_services;
    Application m_application;
    api::ServiceConfig m_config;
    QString m_lastError;
    bool m_loaded = false;
    bool m_configLoaded = false;
    bool m_refreshAgain = false;
    int m_pending = 0;
};

} // namespace certdesk::ui
