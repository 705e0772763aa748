#pragma once

#include "counter/CounterServices.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QTemporaryDir;

namespace certdesk {
class RegionModel;
namespace api {
class ApiClient;
struct ApiError;
} // namespace api
} // namespace certdesk

namespace certdesk::ui {

// The signed-in clerk of the counter desk, shared by its pages: the API client holding the staff token, the
// roles, the services, and a private temporary folder for documents opened in the system viewer (removed at
// sign-out). The password goes to the service once and is not kept. A 401 on any staff call
// (ApiClient::staffSessionExpired) ends the session: sessionExpired() asks for the sign-in again.
class CounterSession : public QObject
{
    Q_OBJECT
public:
    // `api` may be null (no service configured: sign-in says so).
    CounterSession(api::ApiClient* api, const RegionModel& regions, QObject* parent = nullptr);
    ~CounterSession() override;

    [[nodiscard]] api::ApiClient* api() const { return m_api; }
    [[nodiscard]] const RegionModel& regions() const { return m_regions; }
    [[nodiscard]] const CounterServices& services() const { return m_services; }
    void setServices(const CounterServices& services) { m_services = services; }
    // services().modulePaths, or configuredModulePaths() when empty.
    [[nodiscard]] QStringList modulePaths() const;

    [[nodiscard]] bool isLoggedIn() const { return m_loggedIn; }
    [[nodiscard]] QString username() const { return m_username; }
    [[nodiscard]] QStringList roles() const { return m_roles; }
    [[nodiscard]] bool hasRole(const QString& role) const { return m_roles.contains(role); }
    [[nodiscard]] QDateTime expiresAt() const { return m_expiresAt; }

    // POST /staff/sessions. `done` gets an empty string on success, else the translated reason. The password
    // is moved in and cleared after the request is built.
    void login(const QString& username, QString password, std::function<void(const QString& error)> done);
    // Forgets the staff token and the session's temporary files.
    void logout();

    // A folder for this session's temporary files (documents opened in the system viewer); empty when none
    // could be made.
    [[nodiscard]] QString temporaryDirectory();

    // What to show for a failed staff call: the translated kind message, plus the service's own sentence for
    // refusals that explain themselves (403 role, 409 state, 422 fields).
    [[nodiscard]] static QString errorText(const api::ApiError& error);
    // "counter" -> 柜员, "reviewer" -> 审核员.
    [[nodiscard]] static QString roleDisplayName(const QString& role);

    // A page changed an application (approved, rejected, issued, shipped...): the other queues refresh.
    void announceChange(const QString& applicationId) { Q_EMIT applicationChanged(applicationId); }

    // The random initial PIN set on a UKey that will be mailed, held in memory only until the shipment is
    // recorded (the service sends it by SMS and keeps it nowhere). Wiped on logout and when taken.
    void holdInitialPin(const QString& applicationId, QString pin);
    [[nodiscard]] bool hasInitialPin(const QString& applicationId) const;
    // Removes and returns it (empty when none): the caller wipes it after use or gives it back.
    [[nodiscard]] QString takeInitialPin(const QString& applicationId);

Q_SIGNALS:
    void loggedIn();
    void loggedOut();
    void sessionExpired();
    void applicationChanged(const QString& applicationId);

private:
    api::ApiClient* m_api;
    const RegionModel& m_regions;
    CounterServices m_services;
    bool m_loggedIn = false;
    QString m_username;
    QStringList m_roles;
    QDateTime m_expiresAt;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QHash<QString, QString> m_initialPins;
};

} // namespace certdesk::ui
