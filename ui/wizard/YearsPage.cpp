#include "wizard/YearsPage.h"

#include "wizard/ApplicationWizard.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace certdesk::ui {

YearsPage::YearsPage(QWidget* parent)
    : ApplicationPage(parent)
    , m_years(new QComboBox(this))
    , m_fees(new QLabel(this))
{
    setObjectName(QStringLiteral("yearsPage"));
    setTitle(tr("Renewal period and fees"));
    setSubTitle(tr("Choose how many years to renew. The fees are those of the certificate service."));
    m_years->setObjectName(QStringLiteral("combo_years"));
    m_years->setAccessibleName(tr("Renewal years"));
    m_years->setAccessibleDescription(tr("How many years the new certificate is valid; the fee follows"));
    m_fees->setObjectName(QStringLiteral("feeSummary"));
    m_fees->setTextFormat(Qt::RichText);
    auto* form = new QFormLayout;
    form->addRow(tr("Business type"), new QLabel(tr("Renewal + certificate algorithm upgrade"), this));
    form->addRow(tr("Renewal years"), m_years);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_fees);
    layout->addStretch();
    addPath(QStringLiteral("years"));
    connect(m_years, &QComboBox::activated, this, [this] {
        edited();
        showFees();
    });
}

int YearsPage::nextId() const
{
    const auto* w = qobject_cast<const ApplicationWizard*>(wizard());
    return w && !isInstitution(w->application().category) ? ApplicationWizard::ApplicantPage
                                                          : ApplicationWizard::OrganizationPage;
}

void YearsPage::loadFrom(const Application& application)
{
    m_years->clear();
    const int max = application.oldCertificate ? qMax(1, application.oldCertificate->maxYears) : 1;
    for (int y = 1; y <= max; ++y)
        m_years->addItem(tr("%n year(s)", nullptr, y), y);
    m_years->setCurrentIndex(qBound(0, application.years - 1, max - 1));
    showFees();
}

void YearsPage::saveTo(Application& application) const
{
    application.years = m_years->currentData().toInt();
    application.fees = application.expectedFees();
}

void YearsPage::showFees()
{
    const ApplicationWizard* w = appWizard();
    if (!w)
        return;
    Application preview = w->application();
    preview.years = m_years->currentData().toInt();
    const Fees f = preview.expectedFees();
    m_fees->setText(QStringLiteral("<table cellspacing='8'>"
                                   "<tr><td>%1</td><td align='right'>¥%2</td></tr>"
                                   "<tr><td>%3</td><td align='right'>¥%4</td></tr>"
                                   "<tr><td><b>%5</b></td><td align='right'><b>¥%6</b></td></tr></table>")
                        .arg(tr("Certificate fee"), formatYuan(f.certificateFen), tr("Express fee"),
                            formatYuan(f.expressFen), tr("Total"), formatYuan(f.totalFen)));
}

} // namespace certdesk::ui
