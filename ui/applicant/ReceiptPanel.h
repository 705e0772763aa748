#pragma once

#include "issuance/ReceiptJob.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace certdesk::api {
class ApiClient;
}

namespace certdesk::ui {

// 我已收到 UKey: the three steps after a mailed UKey arrives, for one `shipped` application. (1) Check: the
// ReceiptJob finds the UKey among the tokens (off the GUI thread) and checks that its two certificates are
// this order's and chain to the CA. (2) PINs: the initial PIN from the SMS and a new PIN of the applicant's
// own (the rule of core/domain/PinRules, shown next to the fields). (3) Receipt: the PIN is changed on the
// UKey and the receipt proven; the application is `completed` and the panel says what that means for bids.
// PINs live in the line edits only until they are handed to the job, which wipes its copies.
class ReceiptPanel : public QWidget
{
    Q_OBJECT
public:
    ReceiptPanel(api::ApiClient* api, QWidget* parent = nullptr);
    ~ReceiptPanel() override;

    // Starts over for an application; `bearer` is the applicant token. Checks for the UKey at once.
    void start(const QString& applicationId, const QString& orderNo, const QString& bearer,
        const QStringList& modulePaths);
    // Drops the job and clears every field (sign-out, leaving the panel).
    void reset();

    [[nodiscard]] issuance::ReceiptJob* job() const { return m_job; }
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] bool isCompleted() const { return m_completed; }

Q_SIGNALS:
    void backRequested();
    // The application is `completed` (the list is refreshed by the page).
    void completed(const QString& applicationId);
    // The job reported: found, failed or completed (tests wait on it).
    void jobAnswered();

private:
    void findToken();
    void confirm();
    void updateButtons();
    void setStatus(const QString& text, const QString& role);
    void markStep(int current, bool failed = false);

    api::ApiClient* m_api;
    QPointer<issuance::ReceiptJob> m_job;
    QString m_applicationId;
    QLabel* m_title;
    QLabel* m_intro;
    QList<QLabel*> m_stepLabels;
    QLabel* m_tokenDetails;
    QPushButton* m_find;
    QWidget* m_pinBox;
    QLineEdit* m_initialPin;
    QLineEdit* m_newPin;
    QLineEdit* m_repeatPin;
    QLabel* m_pinHint;
    QPushButton* m_confirm;
    QLabel* m_status;
    QLabel* m_done;
    QPushButton* m_back;
    bool m_completed = false;
};

} // namespace certdesk::ui
