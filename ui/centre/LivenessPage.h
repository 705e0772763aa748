#pragma once

#include "api/ApiTypes.h"

#include <QDateTime>
#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;

namespace certdesk::ui {

class BackoffPoller;
class CentreSession;
class QrWidget;

// 身份认证 (guide step 7): who must scan (the agent or the natural-person applicant, name and ID masked), the
// service's WeChat liveness URL as a QR code, polling with backoff while the page is shown, expiry with a
// "new code" button, and the result: passed, or failed with the service's reason and what to do.
class LivenessPage : public QWidget
{
    Q_OBJECT
public:
    enum class State
    {
        Loading, // waiting for the application or a session
        Waiting, // QR code shown, polling
        Expired,
        Failed,
        Passed,
        Locked, // not editable and not passed (nothing to do here)
        Error, // the service could not be reached; retry offered
    };

    explicit LivenessPage(CentreSession* session, QWidget* parent = nullptr);

    [[nodiscard]] State state() const { return m_state; }
    // The qr_content of the current session (empty when none).
    [[nodiscard]] QString qrContent() const { return m_liveSession.qrContent; }
    [[nodiscard]] QString sessionId() const { return m_liveSession.sessionId; }
    [[nodiscard]] QrWidget* qrWidget() const { return m_qr; }
    [[nodiscard]] BackoffPoller* poller() const { return m_poller; }

public Q_SLOTS:
    // Starts a new liveness session (a new QR code).
    void newCode();

Q_SIGNALS:
    void nextRequested();
    void stateChanged(State state);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void updateFromApplication();
    void ensureSession();
    void loadFailure();
    void pollStatus();
    void applyResult(const api::LivenessResult& result);
    void setState(State state, const QString& message = {});

    CentreSession* m_session;
    BackoffPoller* m_poller;
    QTimer* m_expiryTimer;
    api::LivenessSession m_liveSession;
    State m_state = State::Loading;
    bool m_starting = false;

    QLabel* m_intro;
    QLabel* m_person;
    QrWidget* m_qr;
    QLabel* m_expiry;
    QLabel* m_status;
    QLabel* m_advice;
    QPushButton* m_newCode;
    QPushButton* m_openInBrowser;
    QPushButton* m_next;
};

} // namespace certdesk::ui
