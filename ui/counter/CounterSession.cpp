#include "counter/CounterSession.h"

#include "api/ApiClient.h"
#include "widgets/ModulePaths.h"

#include <QTemporaryDir>

namespace certdesk::ui {

CounterSession::CounterSession(api::ApiClient* api, const RegionModel& regions, QObject* parent)
    : QObject(parent)
    , m_api(api)
    , m_regions(regions)
{
    if (m_api) {
        connect(m_api, &api::ApiClient::staffSessionExpired, this, [this] {
            if (!m_loggedIn)
                return;
            m_loggedIn = false;
            m_api->clearStaffToken();
            Q_EMIT sessionExpired();
        });
    }
}

CounterSession::~CounterSession() = default;

QStringList CounterSession::modulePaths() const
{
    return m_services.modulePaths.isEmpty() ? configuredModulePaths() : m_services.modulePaths;
}

void CounterSession::login(
    const QString& username, QString password, std::function<void(const QString&)> done)
{
    if (!m_api) {
        done(tr("No certificate service is configured: start CertDesk with --server or --sandbox."));
        return;
    }
    const QString user = username.trimmed();
    if (user.isEmpty() || password.isEmpty()) {
        done(tr("Enter the user name and the password."));
        return;
    }
    auto* reply = m_api->staffLogin(user, password);
    password.fill(QLatin1Char('\0'));
    password.clear();
    reply->then(this, [this, user, done](const api::ApiResult<api::StaffSession>& r) {
        if (!r.ok()) {
            done(r.error().isHttp(401) ? tr("Wrong user name or password.") : errorText(r.error()));
            return;
        }
        m_loggedIn = true;
        m_username = user;
        m_roles = r->roles;
        m_expiresAt = r->expiresAt;
        done({});
        Q_EMIT loggedIn();
    });
}

void CounterSession::logout()
{
    const bool was = m_loggedIn;
    m_loggedIn = false;
    m_roles.clear();
    m_expiresAt = {};
    if (m_api)
        m_api->clearStaffToken();
    m_tempDir.reset(); // the documents opened in the viewer go with it
    for (QString& pin : m_initialPins)
        pin.fill(QLatin1Char('\0'));
    m_initialPins.clear();
    if (was)
        Q_EMIT loggedOut();
}

void CounterSession::holdInitialPin(const QString& applicationId, QString pin)
{
    QString& held = m_initialPins[applicationId];
    held.fill(QLatin1Char('\0'));
    held = std::move(pin);
}

bool CounterSession::hasInitialPin(const QString& applicationId) const
{
    return m_initialPins.contains(applicationId);
}

QString CounterSession::takeInitialPin(const QString& applicationId)
{
    return m_initialPins.take(applicationId);
}

QString CounterSession::temporaryDirectory()
{
    if (!m_tempDir) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        if (!m_tempDir->isValid()) {
            m_tempDir.reset();
            return {};
        }
    }
    return m_tempDir->path();
}

QString CounterSession::errorText(const api::ApiError& error)
{
    QString text = error.userMessage();
    if (error.kind == api::ApiError::Kind::Http && !error.message.isEmpty()
        && (error.httpStatus == 403 || error.httpStatus == 409 || error.httpStatus == 422)) {
        text += QLatin1Char(' ') + error.message;
        for (const FieldError& field : error.fields) {
            if (!field.message.isEmpty() && !text.contains(field.message))
                text += QLatin1Char(' ') + field.message;
        }
    }
    return text;
}

QString CounterSession::roleDisplayName(const QString& role)
{
    if (role == QLatin1String("counter"))
        return tr("Counter clerk");
    if (role == QLatin1String("reviewer"))
        return tr("Reviewer");
    return role;
}

} // namespace certdesk::ui
