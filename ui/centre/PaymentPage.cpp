#include "centre/PaymentPage.h"
#include "api/UrlPolicy.h"

#include "api/ApiClient.h"
#include "centre/BackoffPoller.h"
#include "centre/CentreSession.h"
#include "domain/Fees.h"
#include "domain/Privacy.h"
#include "widgets/QrWidget.h"

#include <QButtonGroup>
#include <QClipboard>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace certdesk::ui {

namespace {

QString yuan(Fen fen)
{
    return QCoreApplication::translate("certdesk::ui::PaymentPage", "%1 yuan").arg(formatYuan(fen));
}

// The keys of the order rows, in the guide's order.
const char* const OrderKeys[]
    = {"orderNo", "service", "description", "years", "certificateFee", "expressFee", "total"};
// The keys of the corporate transfer rows.
const char* const TransferKeys[] = {"payeeName", "bank", "accountNumber", "reference", "amount"};

} // namespace

PaymentPage::PaymentPage(CentreSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_poller(new BackoffPoller(session->services().poll, this))
    , m_expiryTimer(new QTimer(this))
    , m_methodBox(new QGroupBox(tr("Please choose a payment method"), this))
    , m_wechat(new QRadioButton(tr("WeChat Pay"), m_methodBox))
    , m_alipay(new QRadioButton(tr("Alipay"), m_methodBox))
    , m_transfer(new QRadioButton(tr("Corporate account transfer"), m_methodBox))
    , m_methods(new QButtonGroup(this))
    , m_payButton(new QPushButton(tr("Pay now"), this))
    , m_notReady(new QLabel(this))
    , m_panels(new QStackedWidget(this))
    , m_qrPanel(new QWidget(m_panels))
    , m_qr(new QrWidget(m_qrPanel))
    , m_qrCaption(new QLabel(m_qrPanel))
    , m_openInBrowser(new QPushButton(tr("Open the payment page in the browser (training mode)"), m_qrPanel))
    , m_transferPanel(nullptr)
    , m_status(new QLabel(this))
    , m_invoiceLabel(new QLabel(this))
    , m_nextStep(new QLabel(this))
    , m_newPayment(new QPushButton(tr("Choose another payment method"), this))
{
    setObjectName(QStringLiteral("paymentPage"));
    m_expiryTimer->setSingleShot(true);

    // --- 订单信息 ---
    auto* order = new QGroupBox(tr("Order information"), this);
    order->setObjectName(QStringLiteral("orderBox"));
    auto* orderForm = new QFormLayout(order);
    const QString orderLabels[] = {tr("Order number:"), tr("Business service:"), tr("Business description:"),
        tr("Years:"), tr("Certificate fee:"), tr("Express fee:"), tr("Total fee:")};
    for (int i = 0; i < 7; ++i) {
        auto* value = new QLabel(order);
        const QString key = QLatin1String(OrderKeys[i]);
        value->setObjectName(QStringLiteral("orderValue_") + key);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto* label = new QLabel(orderLabels[i], order);
        label->setBuddy(value);
        value->setAccessibleName(orderLabels[i]);
        orderForm->addRow(label, value);
        m_orderValues.insert(key, value);
    }
    QFont totalFont = m_orderValues.value(QStringLiteral("total"))->font();
    totalFont.setBold(true);
    m_orderValues.value(QStringLiteral("total"))->setFont(totalFont);

    // --- 支付方式 ---
    m_methodBox->setObjectName(QStringLiteral("paymentMethodBox"));
    m_wechat->setObjectName(QStringLiteral("payWeChat"));
    m_alipay->setObjectName(QStringLiteral("payAlipay"));
    m_transfer->setObjectName(QStringLiteral("payTransfer"));
    m_methods->addButton(m_wechat, int(api::PaymentMethod::WeChat));
    m_methods->addButton(m_alipay, int(api::PaymentMethod::Alipay));
    m_methods->addButton(m_transfer, int(api::PaymentMethod::CorporateTransfer));
    m_wechat->setChecked(true);
    auto* platform = new QLabel(tr("Payment platform:"), m_methodBox);
    auto* methodLayout = new QGridLayout(m_methodBox);
    methodLayout->addWidget(platform, 0, 0);
    methodLayout->addWidget(m_wechat, 0, 1);
    methodLayout->addWidget(m_alipay, 0, 2);
    methodLayout->addWidget(m_transfer, 1, 1, 1, 2);
    methodLayout->setColumnStretch(3, 1);
    m_payButton->setObjectName(QStringLiteral("payButton"));
    m_payButton->setAccessibleDescription(tr("Creates the payment with the method chosen above"));
    m_wechat->setAccessibleDescription(tr("Pay by scanning a QR code with WeChat"));
    m_alipay->setAccessibleDescription(tr("Pay by scanning a QR code with Alipay"));
    m_transfer->setAccessibleDescription(tr("Pay by bank transfer from the organisation's account"));
    m_payButton->setMinimumHeight(36);
    m_notReady->setObjectName(QStringLiteral("paymentNotReady"));
    m_notReady->setWordWrap(true);
    m_notReady->setStyleSheet(QStringLiteral("color: #ef6c00;"));

    // --- QR panel ---
    m_qr->setObjectName(QStringLiteral("paymentQr"));
    m_qr->setAccessibleName(tr("Payment QR code"));
    m_qrCaption->setObjectName(QStringLiteral("paymentQrCaption"));
    m_qrCaption->setWordWrap(true);
    m_openInBrowser->setObjectName(QStringLiteral("paymentOpenButton"));
    auto* qrLayout = new QHBoxLayout(m_qrPanel);
    qrLayout->setContentsMargins(0, 0, 0, 0);
    qrLayout->addWidget(m_qr, 0, Qt::AlignTop);
    auto* qrSide = new QVBoxLayout;
    qrSide->addWidget(m_qrCaption);
    qrSide->addWidget(m_openInBrowser, 0, Qt::AlignLeft);
    qrSide->addStretch();
    qrLayout->addLayout(qrSide, 1);

    m_transferPanel = buildTransferPanel();
    m_panels->setObjectName(QStringLiteral("paymentPanels"));
    m_panels->addWidget(new QWidget(m_panels)); // nothing shown
    m_panels->addWidget(m_qrPanel);
    m_panels->addWidget(m_transferPanel);

    m_status->setObjectName(QStringLiteral("paymentStatus"));
    m_status->setWordWrap(true);
    QFont f = m_status->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_status->setFont(f);
    m_invoiceLabel->setObjectName(QStringLiteral("invoiceStatus"));
    m_invoiceLabel->setWordWrap(true);
    m_invoiceLabel->setTextFormat(Qt::RichText);
    m_nextStep->setObjectName(QStringLiteral("paymentNextStep"));
    m_nextStep->setWordWrap(true);
    m_newPayment->setObjectName(QStringLiteral("paymentChangeMethodButton"));

    auto* left = new QVBoxLayout;
    left->addWidget(order);
    left->addStretch();
    auto* right = new QVBoxLayout;
    right->addWidget(m_methodBox);
    right->addWidget(m_notReady);
    right->addWidget(m_payButton, 0, Qt::AlignLeft);
    right->addWidget(m_status);
    right->addWidget(m_panels);
    right->addWidget(m_newPayment, 0, Qt::AlignLeft);
    right->addWidget(m_invoiceLabel);
    right->addWidget(m_nextStep);
    right->addStretch();
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 2);
    layout->addSpacing(16);
    layout->addLayout(right, 3);

    connect(m_payButton, &QPushButton::clicked, this, &PaymentPage::pay);
    connect(m_newPayment, &QPushButton::clicked, this, [this] {
        m_poller->stop();
        m_expiryTimer->stop();
        setState(State::Choosing);
    });
    // What the service hands out is opened only as https (http on loopback, the sandbox): a QR code's
    // weixin:// or alipays:// content is for the phone that scans it, never for this machine.
    connect(m_openInBrowser, &QPushButton::clicked, this, [this] {
        const QUrl url(m_payment.qrContent);
        if (api::mayOpenInBrowser(url))
            m_session->services().notifier->openUrl(url);
    });
    connect(m_invoiceLabel, &QLabel::linkActivated, this, [this](const QString& link) {
        if (api::mayOpenInBrowser(QUrl(link)))
            m_session->services().notifier->openUrl(QUrl(link));
    });
    connect(m_poller, &BackoffPoller::poll, this, &PaymentPage::pollStatus);
    connect(m_expiryTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::Waiting) {
            m_poller->stop();
            setState(State::Expired);
        }
    });
    connect(session, &CentreSession::applicationChanged, this, &PaymentPage::updateFromApplication);
    setState(State::NotReady);
    updateFromApplication();
}

QWidget* PaymentPage::buildTransferPanel()
{
    auto* panel = new QWidget(m_panels);
    panel->setObjectName(QStringLiteral("transferPanel"));
    auto* grid = new QGridLayout(panel);
    grid->setContentsMargins(0, 0, 0, 0);
    const QString labels[]
        = {tr("Payee:"), tr("Bank:"), tr("Account number:"), tr("Reference to quote:"), tr("Amount:")};
    for (int i = 0; i < 5; ++i) {
        const QString key = QLatin1String(TransferKeys[i]);
        auto* label = new QLabel(labels[i], panel);
        auto* value = new QLabel(panel);
        value->setObjectName(QStringLiteral("transferValue_") + key);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setAccessibleName(labels[i]);
        label->setBuddy(value);
        auto* copy = new QPushButton(tr("Copy"), panel);
        copy->setObjectName(QStringLiteral("transferCopy_") + key);
        copy->setAccessibleName(tr("Copy %1").arg(labels[i]));
        grid->addWidget(label, i, 0);
        grid->addWidget(value, i, 1);
        grid->addWidget(copy, i, 2);
        m_transferValues.insert(key, value);
        connect(copy, &QPushButton::clicked, this, [this, key] { copyValue(key); });
    }
    auto* note
        = new QLabel(tr("Transfer the amount from the organisation's basic account and quote the reference "
                        "above in the transfer note. When the CA has confirmed the payment, the application "
                        "goes to review by itself; this page updates when that happens."),
            panel);
    note->setObjectName(QStringLiteral("transferNote"));
    note->setWordWrap(true);
    grid->addWidget(note, 5, 0, 1, 3);
    grid->setColumnStretch(1, 1);
    return panel;
}

void PaymentPage::copyValue(const QString& key)
{
    const QLabel* value = m_transferValues.value(key);
    if (!value)
        return;
    QString text = value->text();
    // Account numbers are shown in groups of four for reading; the bank's form wants the digits only.
    if (key == QLatin1String("accountNumber"))
        text.remove(QLatin1Char(' '));
    QGuiApplication::clipboard()->setText(text);
    m_status->setText(tr("Copied: %1").arg(value->accessibleName()));
}

api::PaymentMethod PaymentPage::chosenMethod() const
{
    return api::PaymentMethod(m_methods->checkedId());
}

void PaymentPage::updateFromApplication()
{
    const Application& a = m_session->application();
    if (!m_session->isLoaded())
        return;
    const bool institution = isInstitution(a.category);
    m_orderValues.value(QStringLiteral("orderNo"))->setText(a.orderNo);
    m_orderValues.value(QStringLiteral("service"))->setText(tr("Algorithm upgrade"));
    m_orderValues.value(QStringLiteral("description"))
        ->setText(tr("%1-year %2 algorithm upgrade").arg(a.years).arg(categoryDisplayName(a.category)));
    m_orderValues.value(QStringLiteral("years"))->setText(tr("%1 year(s)").arg(a.years));
    m_orderValues.value(QStringLiteral("certificateFee"))->setText(yuan(a.fees.certificateFen));
    m_orderValues.value(QStringLiteral("expressFee"))->setText(yuan(a.fees.expressFen));
    m_orderValues.value(QStringLiteral("total"))->setText(yuan(a.fees.totalFen));
    m_transfer->setVisible(institution);
    if (!institution && m_transfer->isChecked())
        m_wechat->setChecked(true);

    if (a.checklist.payment == PaymentState::Paid) {
        m_poller->stop();
        m_expiryTimer->stop();
        if (m_state != State::Paid)
            setState(State::Paid);
        loadInvoice();
        return;
    }
    if (!isEditable(a.status) || !a.checklist.readyForPayment()) {
        QStringList missing;
        if (!a.checklist.allDocumentsUploaded())
            missing << tr("upload the documents");
        if (a.checklist.liveness != LivenessState::Passed)
            missing << tr("complete the identity check");
        m_notReady->setText(missing.isEmpty()
                ? tr("Payment is not possible in the current state of the application.")
                : tr("Before paying, please %1.").arg(missing.join(tr(" and "))));
        if (m_state != State::Waiting)
            setState(State::NotReady);
        return;
    }
    if (m_state == State::NotReady)
        setState(State::Choosing);
}

void PaymentPage::setState(State state, const QString& message)
{
    m_state = state;
    const Application& a = m_session->application();
    const bool choosing = state == State::Choosing || state == State::Expired || state == State::Error;
    m_methodBox->setVisible(state != State::Paid);
    m_methodBox->setEnabled(choosing);
    m_payButton->setVisible(choosing || state == State::Creating || state == State::NotReady);
    m_payButton->setEnabled(choosing);
    m_notReady->setVisible(state == State::NotReady);
    m_newPayment->setVisible(state == State::Waiting || state == State::Expired);
    m_invoiceLabel->setVisible(state == State::Paid);
    m_nextStep->setVisible(state == State::Paid);

    QString status;
    switch (state) {
    case State::NotReady:
    case State::Choosing:
        m_panels->setCurrentIndex(0);
        break;
    case State::Creating:
        status = tr("Creating the payment…");
        break;
    case State::Waiting:
        if (m_payment.transfer) {
            m_panels->setCurrentWidget(m_transferPanel);
            status = tr("Waiting for the transfer to arrive…");
        } else {
            m_panels->setCurrentWidget(m_qrPanel);
            m_qr->setOverlayText({});
            status = tr("Waiting for the payment…");
        }
        break;
    case State::Expired:
        status = tr("The payment has expired. Choose the method again to get a new one.");
        if (m_panels->currentWidget() == m_qrPanel)
            m_qr->setOverlayText(tr("Expired"));
        break;
    case State::Paid:
        m_panels->setCurrentIndex(0);
        status = tr("Payment successful.");
        m_nextStep->setText(isInstitution(a.category)
                ? tr("Next: wait for the CA's review. When it is approved, the new certificate UKey is "
                     "mailed to "
                     "the agent; please watch for the courier's tracking information.")
                : tr("Next: wait for the CA's review. When it is approved, the new certificate UKey is "
                     "mailed to "
                     "the applicant; please watch for the courier's tracking information."));
        break;
    case State::Error:
        status = message;
        break;
    }
    m_status->setText(status);
    m_status->setStyleSheet(state == State::Paid               ? QStringLiteral("color: #2e7d32;")
            : state == State::Error || state == State::Expired ? QStringLiteral("color: #c62828;")
                                                               : QString());
    m_status->setVisible(!status.isEmpty());
    m_panels->setVisible(state == State::Waiting || state == State::Expired);
    setAccessibleDescription(status);
    Q_EMIT stateChanged(state);
}

void PaymentPage::pay()
{
    if (m_state != State::Choosing && m_state != State::Expired && m_state != State::Error)
        return;
    const api::PaymentMethod method = chosenMethod();
    // The same key for the same method on this page: a retry after a lost answer returns the same payment
    // instead of a second one. An expired payment needs a new key (the old one would return it again).
    QString& key = m_idempotencyKeys[int(method)];
    if (key.isEmpty() || m_state == State::Expired)
        key = api::ApiClient::newIdempotencyKey();
    setState(State::Creating);
    m_session->api()
        ->createPayment(m_session->applicationId(), m_session->accessToken(), method, key)
        ->then(this, [this](const api::ApiResult<api::Payment>& r) {
            if (!r.ok()) {
                if (r.error().isHttp(409)) {
                    // Not payable (yet, or any more): the application tells why.
                    m_session->refresh();
                }
                setState(State::Error, r.error().userMessage());
                return;
            }
            m_payment = r.value();
            if (m_payment.status == api::PaymentStatus::Paid) {
                setState(State::Paid);
                m_session->refresh();
                return;
            }
            const QString amount = yuan(m_payment.amountFen);
            if (m_payment.transfer) {
                const api::TransferInstructions& t = *m_payment.transfer;
                m_transferValues.value(QStringLiteral("payeeName"))->setText(t.payeeName);
                m_transferValues.value(QStringLiteral("bank"))->setText(t.bank);
                m_transferValues.value(QStringLiteral("accountNumber"))->setText(t.accountNumber);
                m_transferValues.value(QStringLiteral("reference"))->setText(t.reference);
                m_transferValues.value(QStringLiteral("amount"))->setText(amount);
                m_expiryTimer->stop();
            } else {
                m_qr->setText(m_payment.qrContent);
                const bool wechat = chosenMethod() == api::PaymentMethod::WeChat;
                QString caption = wechat ? tr("Scan the QR code with WeChat to pay %1.").arg(amount)
                                         : tr("Scan the QR code with Alipay to pay %1.").arg(amount);
                if (m_payment.expiresAt.isValid()) {
                    caption += QLatin1Char(' ')
                        + tr("The code is valid until %1.")
                              .arg(m_payment.expiresAt.toTimeZone(QTimeZone("Asia/Shanghai"))
                                       .toString(QStringLiteral("HH:mm")));
                    const qint64 ms
                        = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(m_payment.expiresAt));
                    m_expiryTimer->start(int(std::min<qint64>(ms, std::numeric_limits<int>::max())));
                }
                m_qrCaption->setText(caption);
                m_openInBrowser->setVisible(
                    m_session->services().sandbox && api::mayOpenInBrowser(QUrl(m_payment.qrContent)));
            }
            setState(State::Waiting);
            m_poller->start();
            if (!isVisible())
                m_poller->pause();
        });
}

void PaymentPage::pollStatus()
{
    const QString paymentId = m_payment.paymentId;
    m_session->api()
        ->paymentStatus(m_session->applicationId(), m_session->accessToken(), paymentId)
        ->then(this, [this, paymentId](const api::ApiResult<api::PaymentProgress>& r) {
            m_poller->pollFinished();
            if (!r.ok() || m_state != State::Waiting || paymentId != m_payment.paymentId)
                return;
            switch (r.value().status) {
            case api::PaymentStatus::Pending:
                return;
            case api::PaymentStatus::Paid:
                m_poller->stop();
                m_expiryTimer->stop();
                setState(State::Paid);
                m_session->refresh();
                return;
            case api::PaymentStatus::Expired:
                m_poller->stop();
                setState(State::Expired);
                return;
            }
        });
}

void PaymentPage::loadInvoice()
{
    const Application& a = m_session->application();
    if (a.invoice == InvoiceKind::None) {
        m_invoice.reset();
        m_invoiceLabel->setText(tr("You chose not to receive an invoice."));
        return;
    }
    m_invoiceLabel->setText(tr("Electronic invoice: checking…"));
    m_session->api()
        ->invoice(m_session->applicationId(), m_session->accessToken())
        ->then(this, [this](const api::ApiResult<api::Invoice>& r) {
            if (!r.ok()) {
                m_invoiceLabel->setText(tr("Electronic invoice: the status could not be loaded (%1).")
                                            .arg(r.error().userMessage()));
                return;
            }
            m_invoice = r.value();
            const Person& p = m_session->application().responsiblePerson();
            // The service may send the contact unmasked; what is shown on screen is always masked.
            const QString mobile
                = maskMobile(r.value().sentToMobile.isEmpty() ? p.mobile : r.value().sentToMobile);
            const QString email
                = maskEmail(r.value().sentToEmail.isEmpty() ? p.email : r.value().sentToEmail);
            if (!r.value().issued) {
                m_invoiceLabel->setText(
                    tr("Electronic invoice: being issued. The link will be sent to the phone %1 "
                       "and the e-mail %2.")
                        .arg(mobile, email)
                        .toHtmlEscaped());
                return;
            }
            QString text
                = tr("Electronic invoice %1 has been issued; the link was sent to the phone %2 and the "
                     "e-mail %3.")
                      .arg(r.value().number, mobile, email)
                      .toHtmlEscaped();
            if (!m_session->services().kiosk && !r.value().url.isEmpty()) {
                text += QStringLiteral(" <a href=\"%1\">%2</a>")
                            .arg(r.value().url.toHtmlEscaped(), tr("Open the invoice").toHtmlEscaped());
            }
            m_invoiceLabel->setText(text);
        });
}

void PaymentPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_poller->resume();
}

void PaymentPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_poller->pause();
}

} // namespace certdesk::ui
