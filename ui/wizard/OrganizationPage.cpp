#include "wizard/OrganizationPage.h"

#include "kiosk/KioskLook.h"
#include "widgets/FormField.h"
#include "widgets/IdCardButton.h"
#include "wizard/ApplicationWizard.h"

#include <QCoreApplication>
#include <QGridLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QVBoxLayout>

namespace certdesk::ui {

namespace {

// Builds the person fields of `prefix` on `page` into a two-column grid.
PersonFields makePersonFields(const QString& prefix, const QString& who, ApplicationPage* page)
{
    const auto add = [](ApplicationPage* p, FormField* f) { return p->addField(f); };
    PersonFields p;
    // Created first: it stands above the fields it fills, and the focus order follows the page.
    p.idCard = new IdCardButton(who, prefix, page);
    const auto path
        = [&](const char* leaf) -> QString { return prefix + QLatin1Char('.') + QLatin1String(leaf); };
    p.name = add(page,
        new FormField(path("name"),
            QCoreApplication::translate("certdesk::ui::PersonFields", "%1 name").arg(who),
            QCoreApplication::translate("certdesk::ui::PersonFields", "Full name as on the ID card"), true,
            page));
    p.idNumber = add(page,
        new FormField(path("id_number"),
            QCoreApplication::translate("certdesk::ui::PersonFields", "ID card number"),
            QCoreApplication::translate("certdesk::ui::PersonFields", "18-character resident ID card number"),
            true, page));
    p.idNumber->lineEdit()->setMaxLength(18);
    p.idNumber->lineEdit()->setProperty("certdeskKeyboard", QStringLiteral("id"));
    p.mobile = add(page,
        new FormField(path("mobile"),
            QCoreApplication::translate("certdesk::ui::PersonFields", "Mobile phone"),
            QCoreApplication::translate(
                "certdesk::ui::PersonFields", "Mobile number registered under this ID (real name)"),
            true, page));
    p.mobile->lineEdit()->setMaxLength(11);
    p.mobile->lineEdit()->setInputMethodHints(Qt::ImhDialableCharactersOnly);
    p.email = add(page,
        new FormField(path("email"),
            QCoreApplication::translate("certdesk::ui::PersonFields", "Contact e-mail"),
            QCoreApplication::translate(
                "certdesk::ui::PersonFields", "E-mail address for notices and the e-invoice"),
            true, page));
    p.email->lineEdit()->setInputMethodHints(Qt::ImhEmailCharactersOnly);
    p.connectIdCard();
    return p;
}

QGroupBox* personGroup(const QString& title, const PersonFields& p, QWidget* parent)
{
    auto* group = new QGroupBox(title, parent);
    auto* grid = new QGridLayout(group);
    grid->addWidget(p.idCard, 0, 0, 1, 2);
    if (kioskLook()) {
        // One column on a kiosk: large fields, read top to bottom.
        int row = 1;
        for (FormField* f : {p.name, p.idNumber, p.mobile, p.email})
            grid->addWidget(f, row++, 0, Qt::AlignTop);
        return group;
    }
    grid->addWidget(p.name, 1, 0, Qt::AlignTop);
    grid->addWidget(p.idNumber, 1, 1, Qt::AlignTop);
    grid->addWidget(p.mobile, 2, 0, Qt::AlignTop);
    grid->addWidget(p.email, 2, 1, Qt::AlignTop);
    return group;
}

} // namespace

OrganizationPage::OrganizationPage(QWidget* parent)
    : ApplicationPage(parent)
    , m_name(addField(new FormField(QStringLiteral("organization.name"), tr("Organisation name"),
          tr("Full registered name of the organisation"), true, this)))
    , m_credential(addField(new FormField(QStringLiteral("organization.credential_number"),
          tr("Organisation credential number"), tr("18-character unified social credit code"), true, this)))
    , m_address(addField(new FormField(QStringLiteral("organization.address"), tr("Organisation address"),
          tr("Registered address of the organisation"), true, this)))
    , m_agent(makePersonFields(QStringLiteral("agent"), tr("Agent"), this))
{
    setObjectName(QStringLiteral("organizationPage"));
    setTitle(tr("Organisation and agent"));
    setSubTitle(tr("Fill in the organisation and the agent who handles this application (fields marked * are "
                   "required)."));
    m_credential->lineEdit()->setMaxLength(18);
    m_credential->lineEdit()->setProperty("certdeskKeyboard", QStringLiteral("latin"));

    auto* org = new QGroupBox(tr("Organisation information"), this);
    auto* orgGrid = new QGridLayout(org);
    orgGrid->addWidget(m_name, 0, 0, 1, 2, Qt::AlignTop);
    if (kioskLook()) {
        orgGrid->addWidget(m_credential, 1, 0, 1, 2, Qt::AlignTop);
        orgGrid->addWidget(m_address, 2, 0, 1, 2, Qt::AlignTop);
    } else {
        orgGrid->addWidget(m_credential, 1, 0, Qt::AlignTop);
        orgGrid->addWidget(m_address, 1, 1, Qt::AlignTop);
    }

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(org);
    layout->addWidget(personGroup(tr("Agent information"), m_agent, this));
    layout->addStretch();
}

int OrganizationPage::nextId() const
{
    return ApplicationWizard::BankPage;
}

void OrganizationPage::loadFrom(const Application& application)
{
    m_agent.idCard->setReader(appWizard()->idCardReader());
    m_name->setText(application.organization.name);
    m_credential->setText(application.organization.credentialNumber);
    m_address->setText(application.organization.address);
    m_agent.load(application.agent);
}

void OrganizationPage::saveTo(Application& application) const
{
    application.organization.name = m_name->text().trimmed();
    application.organization.credentialNumber = m_credential->text().trimmed();
    application.organization.address = m_address->text().trimmed();
    m_agent.save(application.agent);
}

ApplicantPage::ApplicantPage(QWidget* parent)
    : ApplicationPage(parent)
    , m_applicant(makePersonFields(QStringLiteral("applicant"), tr("Applicant"), this))
{
    setObjectName(QStringLiteral("applicantPage"));
    setTitle(tr("Applicant"));
    setSubTitle(tr("Fill in the certificate holder's details (fields marked * are required)."));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(personGroup(tr("Applicant information"), m_applicant, this));
    layout->addStretch();
}

int ApplicantPage::nextId() const
{
    return ApplicationWizard::MailingPage;
}

void ApplicantPage::loadFrom(const Application& application)
{
    m_applicant.idCard->setReader(appWizard()->idCardReader());
    m_applicant.load(application.applicant);
}

void ApplicantPage::saveTo(Application& application) const
{
    m_applicant.save(application.applicant);
}

} // namespace certdesk::ui
