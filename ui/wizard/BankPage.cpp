#include "wizard/BankPage.h"

#include "api/ApiClient.h"
#include "widgets/FormField.h"
#include "wizard/ApplicationWizard.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QGroupBox>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QTimer>
#include <QVBoxLayout>

namespace certdesk::ui {

namespace {
constexpr int kCodeRole = Qt::UserRole + 1;
}

BankPage::BankPage(QWidget* parent)
    : ApplicationPage(parent)
    , m_accountName(addField(new FormField(QStringLiteral("bank.account_name"), tr("Basic account name"),
          tr("Name of the organisation's corporate account"), true, this)))
    , m_bank(new FormField(QStringLiteral("bank.bank_code"), tr("Basic account bank"),
          tr("Type a keyword of the bank to search"), true, this))
    , m_accountNumber(addField(new FormField(QStringLiteral("bank.account_number"),
          tr("Basic account number"), tr("The organisation's bank account number"), true, this)))
    , m_matches(new QStandardItemModel(this))
    , m_completer(new QCompleter(m_matches, this))
    , m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("bankPage"));
    setTitle(tr("Financial authentication information"));
    setSubTitle(tr("The organisation's basic account (fields marked * are required)."));
    m_bank->setNote(
        tr("Tip: choose the bank correctly from the drop-down list of search results; type part of the "
           "bank's Chinese name, for example the two characters for Industrial and Commercial Bank."));
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->popup()->setObjectName(QStringLiteral("bankSuggestions"));
    m_bank->lineEdit()->setCompleter(m_completer);
    m_accountNumber->lineEdit()->setInputMethodHints(Qt::ImhDigitsOnly);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    addPath(QStringLiteral("bank.bank_code"));

    auto* group = new QGroupBox(tr("Financial authentication information"), this);
    auto* groupLayout = new QVBoxLayout(group);
    groupLayout->addWidget(m_accountName);
    groupLayout->addWidget(m_bank);
    groupLayout->addWidget(m_accountNumber);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(group);
    layout->addStretch();

    connect(m_bank, &FormField::edited, this, [this] {
        // Typing again after a pick means the pick no longer holds.
        m_bankCode.clear();
        m_bankName.clear();
        edited();
        m_debounce->start();
    });
    connect(m_debounce, &QTimer::timeout, this, &BankPage::search);
    connect(m_completer, qOverload<const QModelIndex&>(&QCompleter::activated), this,
        [this](
            const QModelIndex& index) { pick(index.data(kCodeRole).toString(), index.data().toString()); });
}

int BankPage::nextId() const
{
    return ApplicationWizard::MailingPage;
}

void BankPage::search()
{
    ApplicationWizard* w = appWizard();
    const QString keyword = m_bank->text().trimmed();
    if (!w || !w->api() || keyword.isEmpty())
        return;
    const quint64 serial = ++m_searchSerial;
    w->api()->banks(keyword, 20)->then(this, [this, serial](const api::ApiResult<QList<api::Bank>>& r) {
        if (serial != m_searchSerial)
            return; // an answer to an older keyword
        if (!r.ok()) {
            m_bank->setError(r.error().userMessage());
            return;
        }
        m_matches->clear();
        for (const api::Bank& b : r.value()) {
            auto* item = new QStandardItem(b.name);
            item->setData(b.code, kCodeRole);
            m_matches->appendRow(item);
        }
        if (m_matches->rowCount() == 0) {
            m_bank->setError(tr("No bank matches this keyword: try a shorter part of the bank's name."));
            return;
        }
        m_bank->clearError();
        if (m_bank->lineEdit()->hasFocus())
            m_completer->complete();
    });
}

void BankPage::pick(const QString& code, const QString& name)
{
    m_bankCode = code;
    m_bankName = name;
    m_bank->setText(name);
    m_bank->clearError();
    edited();
}

void BankPage::loadFrom(const Application& application)
{
    m_accountName->setText(application.bank.accountName);
    m_bankCode = application.bank.bankCode;
    m_bankName = application.bank.bankName;
    m_bank->setText(application.bank.bankName);
    m_accountNumber->setText(application.bank.accountNumber);
}

void BankPage::saveTo(Application& application) const
{
    application.bank.accountName = m_accountName->text().trimmed();
    application.bank.bankCode = m_bankCode;
    application.bank.bankName = m_bankName;
    // Spaces help reading long account numbers; the service wants digits only.
    application.bank.accountNumber = m_accountNumber->text().remove(QLatin1Char(' '));
}

void BankPage::showExtraError(const QString& apiPath, const QString& message)
{
    if (apiPath == QLatin1String("bank.bank_code"))
        m_bank->setError(message);
}

} // namespace certdesk::ui
