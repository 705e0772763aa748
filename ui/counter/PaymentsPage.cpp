#include "counter/PaymentsPage.h"

#include "api/ApiClient.h"
#include "centre/CentreServices.h"
#include "counter/CounterSession.h"
#include "domain/Fees.h"
#include "domain/Privacy.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTimeZone>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace certdesk::ui {

PaymentsPage::PaymentsPage(CounterSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_tree(new QTreeWidget(this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_confirm(new QPushButton(tr("Transfer received: confirm"), this))
    , m_status(new QLabel(this))
    , m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("paymentsPage"));
    m_tree->setObjectName(QStringLiteral("pendingPayments"));
    m_tree->setAccessibleName(tr("Corporate transfers waiting for confirmation"));
    m_tree->setColumnCount(7);
    m_tree->setHeaderLabels({tr("Order No."), tr("Payer"), tr("Paying account name"), tr("Paying account"),
        tr("Paying bank"), tr("Amount"), tr("Transfer announced until")});
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setTextElideMode(Qt::ElideNone);
    m_refresh->setObjectName(QStringLiteral("paymentsRefreshButton"));
    m_refresh->setAccessibleName(tr("Refresh the list"));
    m_confirm->setObjectName(QStringLiteral("confirmPaymentButton"));
    m_confirm->setAccessibleName(tr("Confirm that the transfer arrived"));
    m_status->setObjectName(QStringLiteral("paymentsStatus"));
    m_status->setWordWrap(true);
    m_result->setObjectName(QStringLiteral("paymentsResult"));
    m_result->setWordWrap(true);

    auto* hint
        = new QLabel(tr("Confirm a transfer only when the amount with its reference code is on the CA's "
                        "account statement. The application then goes to review."),
            this);
    hint->setWordWrap(true);
    auto* top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_refresh);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_result, 1);
    bottom->addWidget(m_confirm);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addLayout(top);
    layout->addWidget(m_tree, 1);
    layout->addLayout(bottom);

    connect(m_refresh, &QPushButton::clicked, this, &PaymentsPage::refresh);
    connect(m_confirm, &QPushButton::clicked, this, &PaymentsPage::confirmSelected);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &PaymentsPage::updateButtons);
    connect(m_session, &CounterSession::loggedIn, this, &PaymentsPage::updateButtons);
    updateButtons();
}

QString PaymentsPage::resultText() const
{
    return m_result->text();
}

void PaymentsPage::refresh()
{
    if (!m_session->api() || !m_session->isLoggedIn())
        return;
    const int generation = ++m_generation;
    m_refresh->setEnabled(false);
    m_status->setText(tr("Loading…"));
    // A transfer is announced while the application is still a draft (paid moves it to review).
    m_session->api()
        ->staffApplications(ApplicationStatus::Draft)
        ->then(this, [this, generation](const api::ApiResult<QList<api::ApplicationSummary>>& list) {
            if (generation != m_generation)
                return;
            if (!list.ok()) {
                m_refresh->setEnabled(true);
                m_status->setText(CounterSession::errorText(list.error()));
                Q_EMIT refreshed();
                return;
            }
            auto collected = std::make_shared<QList<Row>>();
            auto left = std::make_shared<int>(int(list->size()));
            if (*left == 0) {
                m_rows.clear();
                fill();
                return;
            }
            for (const api::ApplicationSummary& summary : *list) {
                m_session->api()
                    ->staffApplication(summary.id)
                    ->then(this,
                        [this, generation, summary, collected, left](
                            const api::ApiResult<api::StaffApplicationView>& r) {
                            if (r.ok()) {
                                for (const api::PaymentRecord& p : r->payments) {
                                    const BankAccount& bank = r->application.bank;
                                    if (p.method == api::PaymentMethod::CorporateTransfer
                                        && p.status == api::PaymentStatus::Pending)
                                        collected->append({summary.id, summary.orderNo, summary.holder,
                                            bank.accountName, bank.accountNumber,
                                            bank.bankName.isEmpty() ? bank.bankCode : bank.bankName, p});
                                }
                            }
                            if (--*left > 0 || generation != m_generation)
                                return;
                            m_rows = *collected;
                            fill();
                        });
            }
        });
}

void PaymentsPage::fill()
{
    m_refresh->setEnabled(true);
    const QSignalBlocker block(m_tree);
    m_tree->clear();
    const QTimeZone shanghai("Asia/Shanghai");
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row& row = m_rows.at(i);
        auto* item = new QTreeWidgetItem(m_tree,
            {row.orderNo, row.holder, row.accountName, maskAccount(row.accountNumber), row.bank,
                tr("¥%1").arg(formatYuan(row.payment.amountFen)),
                row.payment.expiresAt.toTimeZone(shanghai).toString(QStringLiteral("yyyy-MM-dd HH:mm"))});
        item->setData(0, Qt::UserRole, i);
    }
    m_status->setText(m_rows.isEmpty()
            ? tr("No corporate transfer is waiting for confirmation.")
            : tr("%n transfer(s) waiting for confirmation", nullptr, int(m_rows.size())));
    updateButtons();
    Q_EMIT refreshed();
}

void PaymentsPage::updateButtons()
{
    const bool counter = m_session->hasRole(QStringLiteral("counter"));
    m_confirm->setEnabled(counter && !m_busy && m_tree->currentItem());
    m_confirm->setToolTip(counter ? QString() : tr("Confirming transfers needs the counter clerk role."));
}

void PaymentsPage::confirmSelected()
{
    const QTreeWidgetItem* item = m_tree->currentItem();
    if (!item || m_busy)
        return;
    const int index = item->data(0, Qt::UserRole).toInt();
    if (index < 0 || index >= m_rows.size())
        return;
    const Row row = m_rows.at(index);
    Notifier* notifier = m_session->services().notifier;
    if (notifier
        && !notifier->confirm(window(), tr("Confirm transfer"),
            tr("Has ¥%1 for order %2 from %3 arrived on the CA's account?")
                .arg(formatYuan(row.payment.amountFen), row.orderNo, row.holder)))
        return;
    m_busy = true;
    updateButtons();
    m_session->api()
        ->confirmPayment(row.payment.paymentId)
        ->then(this, [this, row](const api::ApiResult<api::PaymentProgress>& r) {
            m_busy = false;
            if (!r.ok()) {
                m_result->setText(CounterSession::errorText(r.error()));
                m_result->setStyleSheet(QStringLiteral("color: #c62828;"));
                updateButtons();
                return;
            }
            m_result->setText(tr("The transfer for order %1 was confirmed; the application is now in review.")
                                  .arg(row.orderNo));
            m_result->setStyleSheet(QStringLiteral("color: #2e7d32;"));
            m_session->announceChange(row.applicationId);
            refresh();
        });
}

} // namespace certdesk::ui
