#include "counter/ApplicationDetails.h"

#include "centre/StatusPage.h"
#include "domain/Fees.h"
#include "domain/RegionModel.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLabel>
#include <QTimeZone>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace certdesk::ui {

QList<ApplicationFieldRow> applicationFieldRows(const Application& a, const RegionModel& regions)
{
    QList<ApplicationFieldRow> rows;
    const auto add = [&rows, &a](const QString& path, const QString& value) {
        const QString target = QStringLiteral("field:") + path;
        rows.append({target, rejectionTargetLabel(target, a.category), value});
    };
    const auto person = [&add](const QString& prefix, const Person& p) {
        add(prefix + QStringLiteral(".name"), p.name);
        add(prefix + QStringLiteral(".id_number"), p.idNumber);
        add(prefix + QStringLiteral(".mobile"), p.mobile);
        add(prefix + QStringLiteral(".email"), p.email);
    };
    if (isInstitution(a.category)) {
        add(QStringLiteral("organization.name"), a.organization.name);
        add(QStringLiteral("organization.credential_number"), a.organization.credentialNumber);
        add(QStringLiteral("organization.address"), a.organization.address);
        person(QStringLiteral("agent"), a.agent);
        add(QStringLiteral("bank.account_name"), a.bank.accountName);
        // Clerks compare the branch with the stamped papers, which name it: the code only when the service
        // no longer lists it.
        add(QStringLiteral("bank.bank_code"), a.bank.bankName.isEmpty() ? a.bank.bankCode : a.bank.bankName);
        add(QStringLiteral("bank.account_number"), a.bank.accountNumber);
    } else {
        person(QStringLiteral("applicant"), a.applicant);
    }
    add(QStringLiteral("mailing.county_code"), regions.fullName(a.mailing.countyCode));
    add(QStringLiteral("mailing.address"), a.mailing.address);
    add(QStringLiteral("invoice.kind"),
        a.invoice == InvoiceKind::Electronic
            ? QCoreApplication::translate("certdesk::ui::ApplicationDetails", "Electronic invoice")
            : QCoreApplication::translate("certdesk::ui::ApplicationDetails", "No invoice needed"));
    add(QStringLiteral("years"),
        QCoreApplication::translate("certdesk::ui::ApplicationDetails", "%n year(s)", nullptr, a.years));
    return rows;
}

QList<ApplicationFieldRow> rejectionTargets(const Application& a, const RegionModel& regions)
{
    QList<ApplicationFieldRow> targets = applicationFieldRows(a, regions);
    for (DocumentKind kind : requiredDocuments(a.category)) {
        const QString target = QStringLiteral("document:") + documentKindToApi(kind);
        targets.append({target, documentDisplayName(kind, a.category), {}});
    }
    return targets;
}

ApplicationDetails::ApplicationDetails(const RegionModel& regions, QWidget* parent)
    : QWidget(parent)
    , m_regions(regions)
    , m_summary(new QLabel(this))
    , m_fields(new QTreeWidget(this))
{
    m_summary->setObjectName(QStringLiteral("applicationSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fields->setObjectName(QStringLiteral("applicationFields"));
    m_fields->setAccessibleName(tr("Application fields"));
    m_fields->setColumnCount(2);
    m_fields->setHeaderLabels({tr("Field"), tr("Value")});
    m_fields->setRootIsDecorated(false);
    m_fields->setAlternatingRowColors(true);
    m_fields->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_fields->header()->setStretchLastSection(true);
    m_fields->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_fields, 1);
}

void ApplicationDetails::clear()
{
    m_summary->clear();
    m_fields->clear();
}

QString ApplicationDetails::summaryText() const
{
    return m_summary->text();
}

void ApplicationDetails::setApplication(const Application& a)
{
    const auto yes = [](bool v) { return v ? tr("yes") : tr("no"); };
    QString liveness;
    switch (a.checklist.liveness) {
    case LivenessState::Passed:
        liveness = tr("passed");
        break;
    case LivenessState::Failed:
        liveness = tr("failed");
        break;
    case LivenessState::Expired:
        liveness = tr("expired");
        break;
    case LivenessState::Pending:
        liveness = tr("pending");
        break;
    }
    QString html = QStringLiteral("<b>%1</b> &nbsp; %2 &nbsp; <b>%3</b>")
                       .arg(tr("Order No. %1").arg(a.orderNo).toHtmlEscaped(),
                           categoryDisplayName(a.category).toHtmlEscaped(),
                           statusDisplayName(a.status).toHtmlEscaped());
    html += QStringLiteral("<br>%1").arg(
        tr("Old certificate %1 · holder proven with the old UKey: %2 · liveness: %3 · paid: %4 · total ¥%5")
            .arg(a.serial, yes(a.holderVerified), liveness, yes(a.checklist.payment == PaymentState::Paid),
                formatYuan(a.fees.totalFen))
            .toHtmlEscaped());
    // Which text of the service agreement the applicant accepted, and when (stored with the acknowledgement,
    // docs/api.md "acknowledgements.agreement_version").
    QString agreement;
    if (!a.acknowledgements.agreement)
        agreement = tr("Service agreement: not accepted");
    else if (a.acknowledgements.agreementVersion.isEmpty())
        agreement = tr("Service agreement: accepted, version not recorded");
    else
        agreement = tr("Service agreement: version %1 accepted").arg(a.acknowledgements.agreementVersion);
    if (a.acknowledgements.acknowledgedAt.isValid()) {
        agreement += QStringLiteral(" · ")
            + tr("acknowledged %1")
                  .arg(a.acknowledgements.acknowledgedAt.toTimeZone(QTimeZone("Asia/Shanghai"))
                           .toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    }
    html += QStringLiteral("<br>%1").arg(agreement.toHtmlEscaped());
    if (!a.holderVerified) {
        html
            += QStringLiteral("<br><span style='color:#8a4b00'>%1</span>")
                   .arg(tr(
                       "The serial number was typed: check the holder against the documents with extra care.")
                            .toHtmlEscaped());
    }
    m_summary->setText(html);
    m_fields->clear();
    for (const ApplicationFieldRow& row : applicationFieldRows(a, m_regions)) {
        auto* item = new QTreeWidgetItem(m_fields, {row.label, row.value});
        item->setData(0, Qt::UserRole, row.target);
        item->setFlags(item->flags() | Qt::ItemIsSelectable);
    }
}

} // namespace certdesk::ui
