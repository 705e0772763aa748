#include "wizard/AgreementPage.h"

#include "api/ApiClient.h"
#include "wizard/ApplicationWizard.h"

#include <QCheckBox>
#include <QDateTime>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
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
    , m_text(new QTextBrowser(this))
    , m_versionLabel(new QLabel(this))
    , m_sample(new QLabel(this))
    , m_retry(new QPushButton(tr("Try again"), this))
    , m_agreement(new QCheckBox(this))
    , m_revocation(new QCheckBox(this))
    , m_agreementError(errorLabel(QStringLiteral("error_acknowledgements_agreement"), this))
    , m_revocationError(errorLabel(QStringLiteral("error_acknowledgements_old_certificate_revocation"), this))
{
    setObjectName(QStringLiteral("agreementPage"));
    setTitle(tr("Service agreement"));
    setSubTitle(tr("Read the agreement and the notice below, then tick both boxes to continue."));

    QTextBrowser* text = m_text;
    text->setObjectName(QStringLiteral("agreementText"));
    text->setAccessibleName(tr("Electronic certification service agreement"));
    text->setAccessibleDescription(tr("The full text of the agreement; read it before accepting it below"));
    text->setOpenExternalLinks(false);
    m_versionLabel->setObjectName(QStringLiteral("agreementVersion"));
    m_versionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sample->setObjectName(QStringLiteral("agreementSampleNotice"));
    m_sample->setWordWrap(true);
    m_sample->setStyleSheet(QStringLiteral(
        "background: #ffebee; color: #b71c1c; border: 1px solid #b71c1c; border-radius: 4px; padding: 4px;"));
    m_sample->setText(tr("Sample agreement: this certificate service has not published its own agreement "
                         "yet. The text below is for training and testing only and has no legal effect."));
    m_sample->setVisible(false);
    m_retry->setObjectName(QStringLiteral("agreementRetryButton"));
    m_retry->setAccessibleDescription(tr("Fetches the agreement from the certificate service again"));
    m_retry->setVisible(false);
    connect(m_retry, &QPushButton::clicked, this, &AgreementPage::fetch);

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

    auto* versionRow = new QHBoxLayout;
    versionRow->addWidget(m_versionLabel, 1);
    versionRow->addWidget(m_retry);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_sample);
    layout->addWidget(text, 1);
    layout->addLayout(versionRow);
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
    addPath(QStringLiteral("acknowledgements.agreement_version"));
    connect(m_agreement, &QCheckBox::toggled, this, [this] { edited(); });
    connect(m_revocation, &QCheckBox::toggled, this, [this] { edited(); });
}

int AgreementPage::nextId() const
{
    return ApplicationWizard::LookupPage;
}

void AgreementPage::initializePage()
{
    ApplicationPage::initializePage();
    if (m_version.isEmpty() && !m_fetching)
        fetch();
    updateEnabled();
}

void AgreementPage::fetch()
{
    ApplicationWizard* w = appWizard();
    if (!w || !w->api()) {
        // Nothing can be submitted without a service either; the boxes stay usable so that a draft can be
        // filled in, and the service records no version for it.
        m_text->setPlainText(tr("No certificate service is configured, so the agreement cannot be shown. It "
                                "is shown here once CertDesk is connected to the CA's service."));
        updateEnabled();
        return;
    }
    m_fetching = true;
    m_retry->setVisible(false);
    m_versionLabel->setText(tr("Fetching the agreement from the certificate service…"));
    updateEnabled();
    w->api()->agreement()->then(this, [this](const api::ApiResult<api::AgreementText>& r) {
        m_fetching = false;
        if (!r.ok()) {
            m_versionLabel->setText(
                tr("The agreement could not be fetched: %1").arg(r.error().userMessage()));
            m_retry->setVisible(true);
            updateEnabled();
            Q_EMIT agreementLoaded();
            return;
        }
        m_version = r->version;
        m_text->setHtml(r->html);
        m_sample->setVisible(r->sample);
        m_versionLabel->setText(r->sample ? tr("Agreement version: %1 (sample)").arg(r->version)
                                          : tr("Agreement version: %1").arg(r->version));
        // An acceptance counts for the text it was given to: on this page, a draft accepted under another
        // version (or before versions were recorded) accepts the text shown now.
        ApplicationWizard* w = appWizard();
        if (w && w->currentPage() == this && m_agreement->isChecked()
            && w->application().acknowledgements.agreementVersion != m_version) {
            m_agreement->setChecked(false);
            m_agreementError->setText(tr("The agreement has a new version: read it and accept it again."));
            m_agreementError->setVisible(true);
        }
        updateEnabled();
        Q_EMIT completeChanged();
        Q_EMIT agreementLoaded();
    });
}

void AgreementPage::updateEnabled()
{
    ApplicationWizard* w = appWizard();
    const bool usable = !m_version.isEmpty() || !w || !w->api();
    // A box ticked in a draft stays changeable; an unticked one waits for the text.
    m_agreement->setEnabled(usable || m_agreement->isChecked());
}

bool AgreementPage::isComplete() const
{
    if (!ApplicationPage::isComplete())
        return false;
    // Once the text is on show, the acceptance must be of this version.
    const ApplicationWizard* w = appWizard();
    return m_version.isEmpty() || !w || w->application().acknowledgements.agreementVersion == m_version;
}

void AgreementPage::loadFrom(const Application& application)
{
    m_agreement->setChecked(application.acknowledgements.agreement);
    m_revocation->setChecked(application.acknowledgements.oldCertificateRevocation);
    updateEnabled();
}

void AgreementPage::saveTo(Application& application) const
{
    auto& ack = application.acknowledgements;
    ack.agreement = m_agreement->isChecked();
    ack.oldCertificateRevocation = m_revocation->isChecked();
    // The version is the text on show when the box is ticked; a draft's earlier version stays until then.
    if (!ack.agreement)
        ack.agreementVersion.clear();
    else if (!m_version.isEmpty())
        ack.agreementVersion = m_version;
    if (ack.agreement && ack.oldCertificateRevocation) {
        if (!ack.acknowledgedAt.isValid())
            ack.acknowledgedAt = QDateTime::currentDateTimeUtc();
    } else {
        ack.acknowledgedAt = {};
    }
}

void AgreementPage::showExtraError(const QString& apiPath, const QString& message)
{
    // The version's error shares the agreement's label: it adds to it, the agreement's own path clears it.
    if (apiPath == QLatin1String("acknowledgements.agreement_version") && message.isEmpty())
        return;
    QLabel* label = apiPath.startsWith(QLatin1String("acknowledgements.agreement")) ? m_agreementError
                                                                                    : m_revocationError;
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

} // namespace certdesk::ui
