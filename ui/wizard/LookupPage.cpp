#include "wizard/LookupPage.h"

#include "widgets/FormField.h"
#include "wizard/ApplicationWizard.h"

#include <QLabel>
#include <QVBoxLayout>

namespace certdesk::ui {

LookupPage::LookupPage(QWidget* parent)
    : ApplicationPage(parent)
    , m_serial(addField(new FormField(QStringLiteral("serial"), tr("Certificate serial number"),
          tr("Enter the serial number of the certificate to renew"), true, this)))
{
    setObjectName(QStringLiteral("lookupPage"));
    setTitle(tr("Certificate to renew"));
    setSubTitle(tr("Enter the serial number of the certificate on your current UKey."));
    m_serial->setNote(tr("The serial number is shown in the certificate details (hexadecimal, e.g. "
                         "5F:3A:0C:…); colons and spaces may be kept."));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_serial);
    layout->addStretch();
}

int LookupPage::nextId() const
{
    const auto* w = qobject_cast<const ApplicationWizard*>(wizard());
    return w && !isInstitution(w->application().category) ? ApplicationWizard::ApplicantPage
                                                          : ApplicationWizard::OrganizationPage;
}

void LookupPage::loadFrom(const Application& application)
{
    m_serial->setText(application.serial);
}

void LookupPage::saveTo(Application& application) const
{
    // Keep what was typed when it is not hex yet, so the validator can say what is wrong with it.
    const QString normalized = normalizeSerial(m_serial->text());
    application.serial = normalized.isEmpty() ? m_serial->text().trimmed() : normalized;
}

} // namespace certdesk::ui
