#include "wizard/MailingPage.h"

#include "domain/RegionModel.h"
#include "kiosk/KioskLook.h"
#include "widgets/FormField.h"
#include "wizard/ApplicationWizard.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

namespace certdesk::ui {

MailingPage::MailingPage(QWidget* parent)
    : ApplicationPage(parent)
    , m_province(new QComboBox(this))
    , m_city(new QComboBox(this))
    , m_county(new QComboBox(this))
    , m_regionError(new QLabel(this))
    , m_address(addField(new FormField(QStringLiteral("mailing.address"), tr("Delivery address"),
          tr("Street, building and room for the certificate UKey"), true, this)))
{
    setObjectName(QStringLiteral("mailingPage"));
    setTitle(tr("Mailing information"));
    setSubTitle(tr("The new UKey is mailed to this address. The invoice is only electronic: its link comes "
                   "by SMS and e-mail."));
    m_address->setNote(tr("Detailed address for receiving the mailed UKey."));

    const struct
    {
        QComboBox* box;
        const char* name;
        QString accessible;
    } boxes[] = {
        {m_province, "combo_mailing_province_code", tr("Province")},
        {m_city, "combo_mailing_city_code", tr("City")},
        {m_county, "combo_mailing_county_code", tr("County or district")},
    };
    // A kiosk stacks the cascade in one column.
    auto* row = new QBoxLayout(kioskLook() ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight);
    for (const auto& b : boxes) {
        b.box->setObjectName(QLatin1String(b.name));
        b.box->setAccessibleName(b.accessible);
        b.box->setAccessibleDescription(tr("Part of the mailing address: province, then city, then county"));
        b.box->setMinimumContentsLength(8);
        // Side by side they share the width; stacked, a stretch factor would make the group grow in height.
        row->addWidget(b.box, kioskLook() ? 0 : 1);
    }
    m_regionError->setObjectName(QStringLiteral("error_mailing_region"));
    m_regionError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_regionError->setVisible(false);

    auto* regionLabel = new QLabel(QStringLiteral("<span style='color:#c62828'>*</span> %1")
                                       .arg(tr("Province / city / county").toHtmlEscaped()),
        this);
    auto* group = new QGroupBox(tr("Mailing information"), this);
    auto* groupLayout = new QVBoxLayout(group);
    groupLayout->addWidget(regionLabel);
    groupLayout->addLayout(row);
    groupLayout->addWidget(m_regionError);
    groupLayout->addWidget(m_address);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(group);
    layout->addStretch();

    addPath(QStringLiteral("mailing.province_code"));
    addPath(QStringLiteral("mailing.city_code"));
    addPath(QStringLiteral("mailing.county_code"));

    connect(m_province, &QComboBox::activated, this, [this] {
        fill(m_city, m_province->currentData().toString(), {});
        fill(m_county, {}, {});
        edited();
    });
    connect(m_city, &QComboBox::activated, this, [this] {
        fill(m_county, m_city->currentData().toString(), {});
        edited();
    });
    connect(m_county, &QComboBox::activated, this, [this] { edited(); });
}

void MailingPage::fill(QComboBox* box, const QString& parentCode, const QString& current)
{
    const RegionModel& regions = appWizard()->regions();
    box->clear();
    box->addItem(box == m_province ? tr("Select province")
            : box == m_city        ? tr("Select city")
                                   : tr("Select county"),
        QString());
    const QList<Region> items = box == m_province
        ? regions.provinces()
        : (parentCode.isEmpty() ? QList<Region>() : regions.children(parentCode));
    for (const Region& r : items)
        box->addItem(r.name, r.code);
    const int index = box->findData(current);
    box->setCurrentIndex(index < 0 ? 0 : index);
    box->setEnabled(box->count() > 1);
}

int MailingPage::nextId() const
{
    return ApplicationWizard::InvoicePage;
}

void MailingPage::loadFrom(const Application& application)
{
    const Mailing& m = application.mailing;
    fill(m_province, {}, m.provinceCode);
    fill(m_city, m.provinceCode, m.cityCode);
    fill(m_county, m.cityCode, m.countyCode);
    m_address->setText(m.address);
}

void MailingPage::saveTo(Application& application) const
{
    Mailing& m = application.mailing;
    m.provinceCode = m_province->currentData().toString();
    m.cityCode = m_city->currentData().toString();
    m.countyCode = m_county->currentData().toString();
    m.address = m_address->text().trimmed();
}

void MailingPage::showExtraError(const QString& apiPath, const QString& message)
{
    // One line under the cascade for the three codes: show the first problem (province before city before
    // county).
    static const QStringList order = {QStringLiteral("mailing.province_code"),
        QStringLiteral("mailing.city_code"), QStringLiteral("mailing.county_code")};
    const int rank = order.indexOf(apiPath);
    const int shownRank = m_regionError->property("rank").toInt();
    if (message.isEmpty()) {
        if (rank == shownRank || !m_regionError->isVisible()) {
            m_regionError->clear();
            m_regionError->setVisible(false);
            m_regionError->setProperty("rank", 99);
        }
        return;
    }
    if (m_regionError->isVisible() && shownRank < rank)
        return;
    m_regionError->setText(message);
    m_regionError->setVisible(true);
    m_regionError->setProperty("rank", rank);
}

InvoicePage::InvoicePage(QWidget* parent)
    : ApplicationPage(parent)
    , m_none(new QRadioButton(tr("No invoice needed"), this))
    , m_electronic(new QRadioButton(tr("Electronic invoice"), this))
{
    setObjectName(QStringLiteral("invoicePage"));
    setTitle(tr("Invoice information"));
    setSubTitle(tr("Choose whether an invoice is needed."));
    m_none->setObjectName(QStringLiteral("invoice_none"));
    m_electronic->setObjectName(QStringLiteral("invoice_electronic"));
    m_none->setAccessibleDescription(tr("No invoice is issued for this application"));
    m_electronic->setAccessibleDescription(tr(
        "After payment the electronic invoice link is sent to the agent's (or applicant's) mobile phone and "
        "e-mail."));
    auto* note
        = new QLabel(tr("After payment the electronic invoice link is sent to the agent's (or applicant's) "
                        "mobile phone and e-mail."),
            this);
    note->setWordWrap(true);
    auto* group = new QGroupBox(tr("How to receive the invoice"), this);
    auto* row = new QHBoxLayout(group);
    row->addWidget(m_none);
    row->addWidget(m_electronic);
    row->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(group);
    layout->addWidget(note);
    layout->addStretch();
    connect(m_none, &QRadioButton::toggled, this, [this] { edited(); });
    connect(m_electronic, &QRadioButton::toggled, this, [this] { edited(); });
}

int InvoicePage::nextId() const
{
    return ApplicationWizard::ReviewPage;
}

void InvoicePage::loadFrom(const Application& application)
{
    (application.invoice == InvoiceKind::Electronic ? m_electronic : m_none)->setChecked(true);
}

void InvoicePage::saveTo(Application& application) const
{
    application.invoice = m_electronic->isChecked() ? InvoiceKind::Electronic : InvoiceKind::None;
}

} // namespace certdesk::ui
