#include "wizard/ReviewPage.h"

#include "api/ApiClient.h"
#include "domain/RegionModel.h"
#include "widgets/Announce.h"
#include "wizard/ApplicationWizard.h"

#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace certdesk::ui {

ReviewPage::ReviewPage(QWidget* parent)
    : ApplicationPage(parent)
    , m_summary(new QTextBrowser(this))
    , m_submit(new QPushButton(tr("Submit application"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("reviewPage"));
    setTitle(tr("Check and submit"));
    setSubTitle(tr("Check everything once more. After submission you print the application form, upload the "
                   "stamped documents, pass the identity check and pay."));
    setFinalPage(true);
    m_summary->setObjectName(QStringLiteral("reviewSummary"));
    m_submit->setObjectName(QStringLiteral("submitButton"));
    m_submit->setAccessibleDescription(
        tr("Sends the application to the CA; you can still change it afterwards"));
    m_summary->setAccessibleName(tr("Summary of the application"));
    m_summary->setAccessibleDescription(tr("Everything entered, to check before submitting"));
    m_submit->setMinimumHeight(40);
    m_status->setObjectName(QStringLiteral("submitStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    connect(m_status, &QLabel::linkActivated, this, [this] { Q_EMIT realNameHelpRequested(); });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_submit, 0, Qt::AlignRight);
    connect(m_submit, &QPushButton::clicked, this, &ReviewPage::submit);
}

void ReviewPage::initializePage()
{
    ApplicationPage::initializePage();
    m_status->clear();
}

bool ReviewPage::isComplete() const
{
    // Finish (完成) only once the service has the application.
    const auto* w = appWizard();
    return w && !w->application().id.isEmpty() && !m_busy;
}

void ReviewPage::loadFrom(const Application& a)
{
    const RegionModel& regions = appWizard()->regions();
    QString html;
    const auto section = [&html](const QString& title) {
        html += QStringLiteral("<h3>%1</h3><table cellspacing='4'>").arg(title.toHtmlEscaped());
    };
    const auto row = [&html](const QString& label, const QString& value) {
        html += QStringLiteral("<tr><td><b>%1</b>&nbsp;&nbsp;</td><td>%2</td></tr>")
                    .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    const auto end = [&html] { html += QStringLiteral("</table>"); };
    section(tr("Certificate information"));
    row(tr("Business type"), tr("Renewal + certificate algorithm upgrade"));
    row(tr("Certificate kind"), categoryDisplayName(a.category));
    row(tr("Certificate serial number"), a.serial);
    row(tr("Renewal years"), tr("%n year(s)", nullptr, a.years));
    const Fees f = a.expectedFees();
    row(tr("Certificate fee"), tr("¥%1").arg(formatYuan(f.certificateFen)));
    row(tr("Express fee"), tr("¥%1").arg(formatYuan(f.expressFen)));
    row(tr("Total"), tr("¥%1").arg(formatYuan(f.totalFen)));
    end();
    const auto person = [&](const QString& title, const Person& p) {
        section(title);
        row(tr("Name"), p.name);
        row(tr("ID card number"), p.idNumber);
        row(tr("Mobile phone"), p.mobile);
        row(tr("Contact e-mail"), p.email);
        end();
    };
    if (isInstitution(a.category)) {
        section(tr("Organisation information"));
        row(tr("Organisation name"), a.organization.name);
        row(tr("Organisation credential number"), a.organization.credentialNumber);
        row(tr("Organisation address"), a.organization.address);
        end();
        person(tr("Agent information"), a.agent);
        section(tr("Financial authentication information"));
        row(tr("Basic account name"), a.bank.accountName);
        row(tr("Basic account bank"), a.bank.bankName);
        row(tr("Basic account number"), a.bank.accountNumber);
        end();
    } else {
        person(tr("Applicant information"), a.applicant);
    }
    section(tr("Mailing information"));
    row(tr("Province / city / county"), regions.fullName(a.mailing.countyCode));
    row(tr("Delivery address"), a.mailing.address);
    end();
    section(tr("Invoice information"));
    row(tr("Invoice"),
        a.invoice == InvoiceKind::Electronic ? tr("Electronic invoice") : tr("No invoice needed"));
    end();
    m_summary->setHtml(html);
    m_submit->setText(a.id.isEmpty() ? tr("Submit application") : tr("Save changes"));
}

void ReviewPage::submit()
{
    ApplicationWizard* w = appWizard();
    if (!w || m_busy)
        return;
    if (!w->currentErrors().isEmpty()) {
        w->showErrors(w->currentErrors());
        return;
    }
    if (!w->api()) {
        m_status->setText(
            tr("No certificate service is configured: start CertDesk with --server or --sandbox."));
        return;
    }
    m_busy = true;
    m_submit->setEnabled(false);
    m_status->setText(tr("Submitting…"));
    w->submit([this](const QString& error, const FieldErrors& fields) {
        m_busy = false;
        m_submit->setEnabled(true);
        if (error.isEmpty()) {
            m_status->setText(tr("Submitted. Order number: %1").arg(appWizard()->application().orderNo));
            announceAlert(m_status);
            m_submit->setEnabled(false);
            Q_EMIT completeChanged();
            return;
        }
        bool realName = false;
        for (const FieldError& f : fields)
            realName = realName || f.code == QLatin1String("realname_mismatch");
        QString html = QStringLiteral("<span style='color:#c62828'>%1</span>").arg(error.toHtmlEscaped());
        if (realName) {
            html += QStringLiteral(" <a href='faq:realname'>%1</a>")
                        .arg(tr("What to do when the telecom real-name check fails").toHtmlEscaped());
        }
        m_status->setText(html);
        announceAlert(m_status);
        if (!fields.isEmpty())
            appWizard()->showErrors(fields);
        Q_EMIT completeChanged();
    });
}

} // namespace certdesk::ui
