#pragma once

#include "api/ApiTypes.h"

#include <QDateTime>
#include <QList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTimer;
class QTreeWidget;

namespace certdesk::api {
class ApiClient;
}

namespace certdesk::ui {

// 个人中心: the applicant signs in with their mobile number and an SMS code (../shared/API.md, "The
// applicant's own centre"), sees every application whose agent (natural-person applicant) has that number and
// opens any of them in the application centre with the applicant token — from any PC or kiosk, without the
// local record of the PC that submitted it. The token lives only in memory; signOut() ends it on the service.
// For a `shipped` application it offers 我已收到 UKey (ReceiptPanel): check the mailed UKey, set its PIN and
// confirm receipt.
class ReceiptPanel;

class ApplicantCentrePage : public QWidget
{
    Q_OBJECT
public:
    explicit ApplicantCentrePage(api::ApiClient* api, QWidget* parent = nullptr);
    ~ApplicantCentrePage() override;

    [[nodiscard]] bool isSignedIn() const { return !m_token.isEmpty(); }
    // The applicant token (secret: never logged or written to disk).
    [[nodiscard]] QString token() const { return m_token; }
    [[nodiscard]] QList<api::ApplicationSummary> applications() const { return m_applications; }
    // Seconds until another code may be asked for (0: now).
    [[nodiscard]] int resendRemaining() const { return m_resendRemaining; }
    [[nodiscard]] bool isBusy() const { return m_busy; }
    [[nodiscard]] ReceiptPanel* receiptPanel() const { return m_receipt; }
    // PKCS#11 modules searched for a received UKey; empty (default): configuredModulePaths().
    void setModulePaths(const QStringList& paths) { m_modulePaths = paths; }

public Q_SLOTS:
    // Ends the session on the service (DELETE, not waited for) and forgets the number, the code, the token
    // and the list; back to the sign-in form.
    void signOut();
    void refreshApplications();
    // At the counter: starts afresh for `mobile` and has the code sent to it; the applicant tells the clerk
    // the code.
    void startFor(const QString& mobile);

Q_SIGNALS:
    void openRequested(const QString& applicationId, const QString& orderNo);
    void backRequested();
    void signedIn();
    void signedOut();

private:
    void sendCode();
    void signIn();
    void openSelected();
    void receiveSelected();
    void startCountdown(int seconds);
    void tick();
    void setBusy(bool busy);
    void setMessage(const QString& text, bool error);
    void updateButtons();
    void showApplications(const QList<api::ApplicationSummary>& list);

    api::ApiClient* m_api;
    QStackedWidget* m_steps;
    QLineEdit* m_mobile;
    QPushButton* m_sendCode;
    QLineEdit* m_code;
    QPushButton* m_signIn;
    QLabel* m_message;
    QLabel* m_signedInAs;
    QTreeWidget* m_list;
    QPushButton* m_open;
    QPushButton* m_received;
    ReceiptPanel* m_receipt;
    QStringList m_modulePaths;
    QPushButton* m_refresh;
    QPushButton* m_signOut;
    QLabel* m_listMessage;
    QTimer* m_countdown;
    int m_resendRemaining = 0;
    bool m_codeSent = false;
    bool m_busy = false;
    QString m_token;
    QString m_signedInMobile;
    QList<api::ApplicationSummary> m_applications;
    int m_generation = 0; // answers of an earlier session are dropped
};

} // namespace certdesk::ui
