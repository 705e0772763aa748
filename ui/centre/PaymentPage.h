#pragma once

#include "api/ApiTypes.h"

#include <QMap>
#include <QWidget>

class QButtonGroup;
class QGroupBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QTimer;

namespace certdesk::ui {

class BackoffPoller;
class CentreSession;
class QrWidget;

// 在线支付 (guide step 8): the order exactly as the guide shows it (订单编号, 业务服务, 业务描述, 办理年限,
// 证书费用, 快递费用, 总费用), the method (微信支付 / 支付宝 by QR code; 对公账号付款 for institutions, with
// the payee, bank, account and the reference to quote, each copyable), polling with backoff until paid, and
// then the e-invoice status (sent to the agent's phone and e-mail, masked) and the next step: the CA's
// review.
class PaymentPage : public QWidget
{
    Q_OBJECT
public:
    enum class State
    {
        NotReady, // documents or liveness missing: the service would answer 409
        Choosing,
        Creating,
        Waiting, // QR code or transfer details shown, polling
        Expired,
        Paid,
        Error,
    };

    explicit PaymentPage(CentreSession* session, QWidget* parent = nullptr);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const api::Payment& payment() const { return m_payment; }
    [[nodiscard]] QrWidget* qrWidget() const { return m_qr; }
    [[nodiscard]] BackoffPoller* poller() const { return m_poller; }
    [[nodiscard]] std::optional<api::Invoice> invoice() const { return m_invoice; }

public Q_SLOTS:
    // Creates the payment with the chosen method (the "pay" button).
    void pay();

Q_SIGNALS:
    void stateChanged(State state);
    void nextRequested();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void updateFromApplication();
    void pollStatus();
    void loadInvoice();
    void setState(State state, const QString& message = {});
    [[nodiscard]] api::PaymentMethod chosenMethod() const;
    QWidget* buildTransferPanel();
    void copyValue(const QString& key);

    CentreSession* m_session;
    BackoffPoller* m_poller;
    QTimer* m_expiryTimer;
    api::Payment m_payment;
    std::optional<api::Invoice> m_invoice;
    QMap<int, QString> m_idempotencyKeys; // per method, until that payment is done with
    State m_state = State::NotReady;

    QMap<QString, QLabel*> m_orderValues; // objectName suffix -> value label
    QGroupBox* m_methodBox;
    QRadioButton* m_wechat;
    QRadioButton* m_alipay;
    QRadioButton* m_transfer;
    QButtonGroup* m_methods;
    QPushButton* m_payButton;
    QLabel* m_notReady;
    QStackedWidget* m_panels;
    QWidget* m_qrPanel;
    QrWidget* m_qr;
    QLabel* m_qrCaption;
    QPushButton* m_openInBrowser;
    QWidget* m_transferPanel;
    QMap<QString, QLabel*> m_transferValues;
    QLabel* m_status;
    QLabel* m_invoiceLabel;
    QLabel* m_nextStep;
    QPushButton* m_newPayment;
};

} // namespace certdesk::ui
