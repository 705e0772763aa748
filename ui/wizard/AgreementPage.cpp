#include "wizard/AgreementPage.h"

#include "wizard/ApplicationWizard.h"

#include <QCheckBox>
#include <QDateTime>
#include <QFrame>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace certdesk::ui {

namespace {

QLabel* errorLabel(const QString& name, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setStyleSheet(QStringLiteral("color: #c62828;"));
    label->setWordWrap(true);
    label->setVisible(false);
    return label;
}

} // namespace

AgreementPage::AgreementPage(QWidget* parent)
    : ApplicationPage(parent)
    , m_agreement(new QCheckBox(this))
    , m_revocation(new QCheckBox(this))
    , m_agreementError(errorLabel(QStringLiteral("error_acknowledgements_agreement"), this))
    , m_revocationError(errorLabel(QStringLiteral("error_acknowledgements_old_certificate_revocation"), this))
{
    setObjectName(QStringLiteral("agreementPage"));
    setTitle(tr("Service agreement"));
    setSubTitle(tr("Read the agreement and the notice below, then tick both boxes to continue."));

    auto* text = new QTextBrowser(this);
    text->setObjectName(QStringLiteral("agreementText"));
    text->setAccessibleName(tr("Electronic certification service agreement"));
    text->setAccessibleDescription(tr("The full text of the agreement; read it before accepting it below"));
    text->setOpenExternalLinks(false);
    text->setHtml(
        tr("<h3>Electronic certification service agreement</h3>"
           "<p>The applicant confirms that everything filled in and every document submitted is true, "
           "and accepts the provisions of the CA's electronic certification service agreement. "
           "The applicant bears all consequences and legal liability of any violation.</p>"
           "<p>The CA verifies the applicant's identity (telecom real-name check of the mobile number, "
           "online liveness check of the agent or applicant, review of the stamped documents) before "
           "issuing the new certificates.</p>"
           "<p>The new SM2 signing and encryption certificates are written to a new UKey, which is "
           "mailed to the agent (or applicant) after the CA's review.</p>"));

    auto* warning = new QFrame(this);
    warning->setObjectName(QStringLiteral("revocationWarning"));
    warning->setFrameShape(QFrame::StyledPanel);
    warning->setStyleSheet(QStringLiteral(
        "#revocationWarning { background: #fff4e5; border: 1px solid #e65100; border-radius: 4px; }"));
    auto* warningText = new QLabel(
        tr("<b>Note:</b> after the algorithm upgrade the original certificate is revoked. If bid documents "
           "have "
           "already been encrypted with it, they can no longer be decrypted. Make sure the certificate to be "
           "upgraded has not been used to encrypt any bid documents. If it has, apply for this service only "
           "after the bid opening."),
        warning);
    warningText->setObjectName(QStringLiteral("revocationWarningText"));
    warningText->setWordWrap(true);
    auto* warningLayout = new QVBoxLayout(warning);
    warningLayout->addWidget(warningText);

    m_agreement->setObjectName(QStringLiteral("acknowledgeAgreement"));
    m_agreement->setText(tr("I have read and agree to the service agreement"));
    m_agreement->setAccessibleName(m_agreement->text());
    m_agreement->setAccessibleDescription(tr("Required: accepts the service agreement above"));
    m_revocation->setObjectName(QStringLiteral("acknowledgeRevocation"));
    m_revocation->setText(tr("I understand that the old certificate will be revoked and that bid documents "
                             "encrypted to it can no longer be decrypted"));
    m_revocation->setAccessibleName(m_revocation->text());
    m_revocation->setAccessibleDescription(
        tr("Required: upgrade only after bid opening, the old certificate stops working"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text, 1);
    layout->addWidget(warning);
    layout->addWidget(m_agreement);
    layout->addWidget(m_agreementError);
    layout->addWidget(m_revocation);
    layout->addWidget(m_revocationError);
    // The agreement text is read first: the focus order follows the page, not the order of creation.
    setTabOrder(text, m_agreement);
    setTabOrder(m_agreement, m_revocation);

    addPath(QStringLiteral("acknowledgements.agreement"));
    addPath(QStringLiteral("acknowledgements.old_certificate_revocation"));
    connect(m_agreement, &QCheckBox::toggled, this, [this] { edited(); });
    connect(m_revocation, &QCheckBox::toggled, this, [this] { edited(); });
}

int AgreementPage::nextId() const
{
    return ApplicationWizard::LookupPage;
}

void AgreementPage::loadFrom(const Application& application)
{
    m_agreement->setChecked(application.acknowledgements.agreement);
    m_revocation->setChecked(application.acknowledgements.oldCertificateRevocation);
}

void AgreementPage::saveTo(Application& application) const
{
    auto& ack = application.acknowledgements;
    ack.agreement = m_agreement->isChecked();
    ack.oldCertificateRevocation = m_revocation->isChecked();
    if (ack.agreement && ack.oldCertificateRevocation) {
        if (!ack.acknowledgedAt.isValid())
            ack.acknowledgedAt = QDateTime::currentDateTimeUtc();
    } else {
        ack.acknowledgedAt = {};
    }
}

void AgreementPage::showExtraError(const QString& apiPath, const QString& message)
{
    QLabel* label = apiPath.endsWith(QLatin1String("agreement")) ? m_agreementError : m_revocationError;
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

} // namespace certdesk::ui
