#include "wizard/KindPage.h"

#include "wizard/ApplicationWizard.h"

#include <QButtonGroup>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

namespace certdesk::ui {

namespace {

constexpr CertificateCategory kCategories[]
    = {CertificateCategory::Institution, CertificateCategory::InstitutionBusiness,
        CertificateCategory::InstitutionPersonal, CertificateCategory::NaturalPerson};

} // namespace

KindPage::KindPage(QWidget* parent)
    : ApplicationPage(parent)
    , m_group(new QButtonGroup(this))
{
    setObjectName(QStringLiteral("kindPage"));
    setTitle(tr("Choose the certificate to renew and upgrade"));
    setSubTitle(tr("Bidding certificates: renewal together with the upgrade from RSA to the SM2 algorithm."));
    auto* layout = new QVBoxLayout(this);
    for (int i = 0; i < 4; ++i) {
        const CertificateCategory c = kCategories[i];
        auto* button = new QRadioButton(categoryDisplayName(c), this);
        button->setObjectName(QStringLiteral("kind_") + categoryToApi(c));
        button->setAccessibleName(categoryDisplayName(c));
        button->setAccessibleDescription(
            isInstitution(c) ? tr(
                "Filled in by the organisation's agent: organisation, agent, bank account, mailing address.")
                             : tr("Filled in by the holder: applicant, mailing address."));
        m_group->addButton(button, i);
        layout->addWidget(button);
        auto* note = new QLabel(
            isInstitution(c) ? tr(
                "Filled in by the organisation's agent: organisation, agent, bank account, mailing address.")
                             : tr("Filled in by the holder: applicant, mailing address."),
            this);
        note->setIndent(24);
        note->setStyleSheet(QStringLiteral("color: palette(mid);"));
        layout->addWidget(note);
    }
    layout->addStretch();
    connect(m_group, &QButtonGroup::idClicked, this, [this](int) { edited(); });
}

int KindPage::nextId() const
{
    return ApplicationWizard::AgreementPage;
}

void KindPage::loadFrom(const Application& application)
{
    for (int i = 0; i < 4; ++i) {
        if (kCategories[i] == application.category)
            m_group->button(i)->setChecked(true);
    }
}

void KindPage::saveTo(Application& application) const
{
    const int id = m_group->checkedId();
    if (id >= 0)
        application.category = kCategories[id];
}

} // namespace certdesk::ui
