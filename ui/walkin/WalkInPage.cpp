#include "walkin/WalkInPage.h"

#include "api/ApiClient.h"
#include "domain/Category.h"
#include "domain/Checklist.h"
#include "domain/Privacy.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace certdesk::ui {

WalkInPage::WalkInPage(api::ApiClient* api, QWidget* parent)
    : QWidget(parent)
    , m_api(api)
    , m_query(new QLineEdit(this))
    , m_search(new QPushButton(tr("Find"), this))
    , m_list(new QTreeWidget(this))
    , m_continue(new QPushButton(tr("Send the applicant the SMS code and continue"), this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("walkInPage"));
    auto* intro = new QLabel(tr("Find the applicant's application by order number or by the agent's "
                                "(applicant's) mobile number. To open it, the applicant receives an SMS code "
                                "and tells it to you: that is their consent."),
        this);
    intro->setWordWrap(true);
    m_query->setObjectName(QStringLiteral("walkInQueryEdit"));
    m_query->setAccessibleName(tr("Order number or mobile number"));
    m_query->setPlaceholderText(tr("Order number or mobile number"));
    m_search->setObjectName(QStringLiteral("walkInSearchButton"));
    m_list->setObjectName(QStringLiteral("walkInResultList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels(
        {tr("Order number"), tr("Holder"), tr("Certificate kind"), tr("Status"), tr("Mobile")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_continue->setObjectName(QStringLiteral("walkInContinueButton"));
    m_message->setObjectName(QStringLiteral("walkInMessage"));
    m_message->setWordWrap(true);

    auto* searchRow = new QHBoxLayout;
    searchRow->addWidget(m_query, 1);
    searchRow->addWidget(m_search);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_continue);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(searchRow);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    connect(m_search, &QPushButton::clicked, this, &WalkInPage::search);
    connect(m_query, &QLineEdit::returnPressed, this, &WalkInPage::search);
    connect(m_query, &QLineEdit::textChanged, this, &WalkInPage::updateButtons);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &WalkInPage::updateButtons);
    connect(m_continue, &QPushButton::clicked, this, [this] {
        if (QTreeWidgetItem* item = m_list->currentItem())
            Q_EMIT continueWithCode(item->data(0, Qt::UserRole).toString());
    });
    updateButtons();
}

int WalkInPage::resultCount() const
{
    return m_list->topLevelItemCount();
}

void WalkInPage::updateButtons()
{
    m_search->setEnabled(!m_busy && !m_query->text().trimmed().isEmpty());
    m_continue->setEnabled(!m_busy && m_list->currentItem() != nullptr);
}

void WalkInPage::search()
{
    const QString query = m_query->text().trimmed();
    if (query.isEmpty() || m_busy || !m_api)
        return;
    m_busy = true;
    m_list->clear();
    m_message->setText(tr("Searching…"));
    updateButtons();
    m_api->staffSearchApplications(query)->then(
        this, [this](const api::ApiResult<QList<api::ApplicationSummary>>& r) {
            m_busy = false;
            if (!r.ok()) {
                m_message->setText(r.error().userMessage());
                updateButtons();
                return;
            }
            for (const api::ApplicationSummary& app : r.value()) {
                auto* item = new QTreeWidgetItem(m_list,
                    {app.orderNo, app.holder, categoryDisplayName(app.category),
                        statusDisplayName(app.status), maskMobile(app.mobile)});
                item->setData(0, Qt::UserRole, app.mobile);
            }
            if (m_list->topLevelItemCount() > 0)
                m_list->setCurrentItem(m_list->topLevelItem(0));
            m_message->setText(r.value().isEmpty()
                    ? tr("No application has this order number or mobile number.")
                    : tr("Ask the applicant whether they agree, then send the code to their mobile."));
            updateButtons();
        });
}

} // namespace certdesk::ui
