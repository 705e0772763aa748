#pragma once

#include "api/ApiTypes.h"
#include "issuance/ProgrammingJob.h"
#include "token/TokenStatus.h"
#include "token/TokenTypes.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace certdesk::ui {

class ApplicationQueue;
class CounterSession;
class TokenCalls;
class TokenPicker;

// 制证: the approved applications waiting for their new UKey. The clerk chooses the application and the new
// (blank) UKey, types its PIN once in the PIN dialog, and the programming job (core/issuance) writes the SM2
// signing and encryption pairs with their certificates, verifies them and confirms to the service: the step
// list and the progress bar follow it, Cancel rolls back. After success, a UKey still on its factory default
// PIN is offered a PIN change for the applicant. Needs the counter role.
//
// The UKey's state before programming, the PIN change and the initial PIN are read and written on the
// module's thread (TokenCalls), never on the GUI thread; the job has its own. While an answer is awaited,
// Cancel stops waiting, and a module that does not answer within services().tokenTimeoutMs is named as such.
class IssuancePage : public QWidget
{
    Q_OBJECT
public:
    explicit IssuancePage(CounterSession* session, QWidget* parent = nullptr);
    ~IssuancePage() override;

    [[nodiscard]] ApplicationQueue* queue() const { return m_queue; }
    [[nodiscard]] TokenPicker* picker() const { return m_picker; }
    // Programming, or waiting for the UKey before or after it.
    [[nodiscard]] bool isProgramming() const { return !m_job.isNull() || m_waiting != Waiting::None; }
    [[nodiscard]] QString resultText() const;
    [[nodiscard]] QString pinChangeText() const;
    [[nodiscard]] QListWidget* steps() const { return m_steps; }
    [[nodiscard]] QCheckBox* mailCheck() const { return m_mail; }

public Q_SLOTS:
    void refresh();
    // Programs the selected UKey for the selected application (the Program button).
    void program();
    void cancel();

Q_SIGNALS:
    // A programming run ended (tests wait on it).
    void programmingFinished(bool ok);
    // The PIN change after programming ended (or was declined).
    void pinChangeFinished(bool changed);
    // A UKey to be mailed got its random initial PIN (held by the session for the shipment), or not.
    void initialPinFinished(bool set);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    // What the page waits for from the UKey's module (TokenCalls), if anything.
    enum class Waiting
    {
        None,
        Preparing, // the UKey's state before programming
        PinState, // the UKey's state before offering the PIN change
        PinChange,
        InitialPin,
    };

    void updateButtons();
    void startProgramming(const api::ApplicationSummary& application, const token::TokenInfo& chosen,
        const token::TokenResult<token::TokenInfo>& fresh);
    void askPinChange(const token::TokenResult<token::TokenInfo>& fresh);
    void notAnswering();
    void updateSummary();
    void resetSteps();
    void markStep(issuance::ProgrammingJob::Step step);
    void finished(bool ok, const QString& message, token::TokenStatus status);
    void offerPinChange();
    // For a mailed UKey: replaces the PIN typed for programming by a random initial PIN (core/domain/
    // PinRules) on a worker thread, and hands it to the session for the shipment's SMS. Nobody sees it.
    void setInitialPin();
    void setResult(const QString& text, const QString& color);

    CounterSession* m_session;
    ApplicationQueue* m_queue;
    QLabel* m_summary;
    TokenPicker* m_picker;
    QPushButton* m_program;
    QPushButton* m_cancel;
    QListWidget* m_steps;
    QProgressBar* m_progress;
    QLabel* m_result;
    QLabel* m_pinChange;
    QLabel* m_roleNote;
    QCheckBox* m_mail;
    QPointer<issuance::ProgrammingJob> m_job;
    TokenCalls* m_calls;
    Waiting m_waiting = Waiting::None;
    issuance::ProgrammingJob::Step m_currentStep = issuance::ProgrammingJob::Step::Connect;
    QString m_orderNo;
    token::TokenInfo m_token;
    // The programmed UKey's factory default PINs (its vendor profile), and the index of the PIN typed among
    // them (-1 when it was none): such a UKey is offered a PIN change.
    QStringList m_factoryPins;
    int m_defaultPin = -1;
    QString m_applicationId;
    QString m_programmingPin; // kept only while a UKey to be mailed is programmed; wiped after the change
};

} // namespace certdesk::ui
