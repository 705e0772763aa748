#include "wizard/LookupPage.h"

#include "api/ApiClient.h"
#include "domain/Fees.h"
#include "widgets/FormField.h"
#include "wizard/ApplicationWizard.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

namespace certdesk::ui {

LookupPage::LookupPage(QWidget* parent)
    : ApplicationPage(parent)
    , m_serial(addField(new FormField(QStringLiteral("serial"), tr("Certificate serial number"),
          tr("Enter the serial number of the certificate to renew"), true, this)))
    , m_lookup(new QPushButton(tr("Look up"), this))
    , m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("lookupPage"));
    setTitle(tr("Certificate to renew"));
    setSubTitle(tr("Enter the serial number of the certificate on your current UKey."));
    m_serial->setNote(tr("The serial number is shown in the certificate details (hexadecimal, e.g. "
                         "5F:3A:0C:…); colons and spaces may be kept."));
    m_lookup->setObjectName(QStringLiteral("lookupButton"));
    m_result->setObjectName(QStringLiteral("lookupResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_serial->addTrailingWidget(m_lookup);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_serial);
    layout->addWidget(m_result);
    layout->addStretch();

    connect(m_lookup, &QPushButton::clicked, this, &LookupPage::lookup);
    connect(m_serial->lineEdit(), &QLineEdit::returnPressed, this, &LookupPage::lookup);
    connect(m_serial, &FormField::edited, this, [this] { Q_EMIT completeChanged(); });
}

void LookupPage::initializePage()
{
    ApplicationPage::initializePage();
    showResult(appWizard()->application());
}

int LookupPage::nextId() const
{
    return ApplicationWizard::YearsPage;
}

bool LookupPage::isComplete() const
{
    const auto* w = appWizard();
    if (!w || m_busy || !ApplicationPage::isComplete())
        return false;
    const auto& old = w->application().oldCertificate;
    return old && old->renewable && normalizeSerial(m_serial->text()) == normalizeSerial(old->serial);
}

void LookupPage::lookup()
{
    ApplicationWizard* w = appWizard();
    const QString serial = normalizeSerial(m_serial->text());
    if (!w || m_busy || serial.isEmpty() || !ApplicationPage::isComplete())
        return;
    if (!w->api()) {
        m_result->setText(tr("No certificate service is configured: start CertDesk with --server or --sandbox."));
        return;
    }
    m_busy = true;
    m_lookup->setEnabled(false);
    m_result->setText(tr("Looking up the certificate…"));
    Q_EMIT completeChanged();
    w->api()->lookupCertificate(serial)->then(this, [this, serial](const api::ApiResult<OldCertificateInfo>& r) {
        m_busy = false;
        m_lookup->setEnabled(true);
        ApplicationWizard* w = appWizard();
        if (!r.ok()) {
            const api::ApiError& e = r.error();
            m_result->setText(QStringLiteral("<span style='color:#c62828'>%1</span>")
                                  .arg((e.isHttp(404) ? tr("No certificate with this serial number was found. "
                                                           "Check the number and try again.")
                                                      : e.userMessage())
                                           .toHtmlEscaped()));
            Q_EMIT completeChanged();
            return;
        }
        Application& app = w->application();
        OldCertificateInfo info = r.value();
        if (info.serial.isEmpty())
            info.serial = serial;
        const bool kindChanged = app.category != info.category;
        app.oldCertificate = info;
        app.serial = normalizeSerial(info.serial);
        app.category = info.category;
        if (info.maxYears > 0 && app.years > info.maxYears)
            app.years = info.maxYears;
        w->applicationEdited();
        showResult(app);
        if (kindChanged) {
            m_result->setText(m_result->text()
                + QStringLiteral("<p>%1</p>")
                      .arg(tr("The certificate kind was set to %1, as recorded for this certificate.")
                               .arg(categoryDisplayName(info.category))
                               .toHtmlEscaped()));
        }
        Q_EMIT completeChanged();
    });
}

void LookupPage::showResult(const Application& application)
{
    if (!application.oldCertificate) {
        m_result->clear();
        return;
    }
    const OldCertificateInfo& c = *application.oldCertificate;
    const QTimeZone shanghai("Asia/Shanghai");
    QString html = QStringLiteral("<table cellspacing='6'>");
    const auto row = [&html](const QString& label, const QString& value) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    row(tr("Holder"), c.holderMasked);
    row(tr("Certificate kind"), categoryDisplayName(c.category));
    row(tr("Algorithm"), c.algorithm);
    row(tr("Valid until"), c.notAfter.toTimeZone(shanghai).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    row(tr("Fee per year"), tr("¥%1").arg(formatYuan(c.feePerYearFen)));
    if (c.renewable) {
        row(tr("Renewal"), tr("Allowed, 1 to %n year(s)", nullptr, c.maxYears));
        if (c.newValidityStart.isValid())
            row(tr("New validity starts"), c.newValidityStart.toTimeZone(shanghai).toString(QStringLiteral("yyyy-MM-dd")));
    }
    html += QStringLiteral("</table>");
    if (!c.renewable) {
        html += QStringLiteral("<p style='color:#c62828'>%1 %2</p>")
                    .arg(tr("This certificate cannot be renewed now.").toHtmlEscaped(), c.reason.toHtmlEscaped());
    }
    m_result->setText(html);
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
