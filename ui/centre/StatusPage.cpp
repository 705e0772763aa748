#include "centre/StatusPage.h"

#include "api/ApiClient.h"
#include "centre/CentreSession.h"
#include "widgets/OldCertificateStatusLabel.h"

#include <QClipboard>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTimeZone>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace certdesk::ui {

namespace {

QString fieldLabel(const QString& path, bool institution)
{
    const QString person = path.section(QLatin1Char('.'), 0, 0);
    const QString leaf = path.section(QLatin1Char('.'), 1);
    if (person == QLatin1String("agent") || person == QLatin1String("applicant")) {
        const QString who = person == QLatin1String("agent")
            ? QCoreApplication::translate("certdesk::ui::StatusPage", "Agent")
            : QCoreApplication::translate("certdesk::ui::StatusPage", "Applicant");
        QString what;
        if (leaf == QLatin1String("name"))
            what = QCoreApplication::translate("certdesk::ui::StatusPage", "name");
        else if (leaf == QLatin1String("id_number"))
            what = QCoreApplication::translate("certdesk::ui::StatusPage", "ID number");
        else if (leaf == QLatin1String("mobile"))
            what = QCoreApplication::translate("certdesk::ui::StatusPage", "mobile phone");
        else if (leaf == QLatin1String("email"))
            what = QCoreApplication::translate("certdesk::ui::StatusPage", "contact e-mail");
        if (!what.isEmpty())
            return QCoreApplication::translate("certdesk::ui::StatusPage", "%1 %2").arg(who, what);
    }
    if (path == QLatin1String("organization.name"))
        return QCoreApplication::translate("certdesk::ui::StatusPage", "Organisation name");
    if (path == QLatin1String("organization.credential_number"))
        return QCoreApplication::translate("certdesk::ui::StatusPage", "Organisation credential number");
    if (path == QLatin1String("organization.address"))
        return QCoreApplication::translate("certdesk::ui::StatusPage", "Organisation address");
    if (path == QLatin1String("bank.account_name"))
        return QCoreApplication::translate("certdesk::ui::StatusPage", "Basic account name");
    if (path == QLatin1String("bank.bank_code"))
        return QCoreApplication::translate("certdesk::ui::StatusPage", "Basic account bank");
    if (path == QLatin1String("bank.account_number"))
        return QCoreApplication::translate("certdesk::ui::StatusPage", "Basic account number");
    if (path.startsWith(QLatin1String("mailing.")))
        return path == QLatin1String("mailing.address")
            ? QCoreApplication::translate("certdesk::ui::StatusPage", "Delivery address")
            : QCoreApplication::translate("certdesk::ui::StatusPage", "Province / city / county");
    if (path.startsWith(QLatin1String("invoice")))
        return QCoreApplication::translate("certdesk::ui::StatusPage", "Invoice");
    if (path == QLatin1String("years"))
        return QCoreApplication::translate("certdesk::ui::StatusPage", "Renewal years");
    Q_UNUSED(institution);
    return path;
}

} // namespace

QString rejectionTargetLabel(const QString& target, CertificateCategory category)
{
    if (target.startsWith(QLatin1String("field:")))
        return fieldLabel(target.mid(6), isInstitution(category));
    if (target.startsWith(QLatin1String("document:"))) {
        if (const auto kind = documentKindFromApi(target.mid(9)))
            return documentDisplayName(*kind, category);
    }
    return target;
}

std::optional<FieldError> rejectionFieldError(const RejectionReason& reason)
{
    if (!reason.target.startsWith(QLatin1String("field:")) || reason.target.size() <= 6)
        return std::nullopt;
    return FieldError {reason.target.mid(6), QStringLiteral("rejected"), reason.message};
}

StatusPage::StatusPage(CentreSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_explanation(new QLabel(this))
    , m_oldCertificate(new OldCertificateStatusLabel(this))
    , m_rejectionBox(new QGroupBox(tr("Rejection reasons"), this))
    , m_reasonsLayout(new QVBoxLayout)
    , m_rejectionHint(new QLabel(m_rejectionBox))
    , m_edit(new QPushButton(tr("Edit application…"), this))
    , m_resubmit(new QPushButton(tr("Resubmit for review"), this))
    , m_result(new QLabel(this))
    , m_shipmentBox(new QGroupBox(tr("Shipment"), this))
    , m_carrier(new QLabel(m_shipmentBox))
    , m_trackingNo(new QLabel(m_shipmentBox))
    , m_copyTracking(new QPushButton(tr("Copy"), m_shipmentBox))
    , m_timeline(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("statusPage"));
    m_explanation->setObjectName(QStringLiteral("statusExplanation"));
    m_explanation->setWordWrap(true);
    QFont f = m_explanation->font();
    f.setPointSizeF(f.pointSizeF() * 1.1);
    m_explanation->setFont(f);

    m_rejectionBox->setObjectName(QStringLiteral("rejectionBox"));
    m_rejectionBox->setStyleSheet(QStringLiteral(
        "QGroupBox#rejectionBox { border: 1px solid #e57373; margin-top: 1.2em; padding: 8px; }"
        "QGroupBox#rejectionBox::title { color: #b71c1c; subcontrol-origin: margin; left: 8px; }"));
    m_rejectionHint->setObjectName(QStringLiteral("rejectionHint"));
    m_rejectionHint->setWordWrap(true);
    auto* rejectionLayout = new QVBoxLayout(m_rejectionBox);
    rejectionLayout->addLayout(m_reasonsLayout);
    rejectionLayout->addWidget(m_rejectionHint);

    m_edit->setObjectName(QStringLiteral("editApplicationButton"));
    m_edit->setAccessibleDescription(tr("Opens the form to change the application"));
    m_resubmit->setObjectName(QStringLiteral("resubmitButton"));
    m_resubmit->setMinimumHeight(34);
    m_result->setObjectName(QStringLiteral("statusResult"));
    m_result->setWordWrap(true);

    m_shipmentBox->setObjectName(QStringLiteral("shipmentBox"));
    m_carrier->setObjectName(QStringLiteral("shipmentCarrier"));
    m_trackingNo->setObjectName(QStringLiteral("shipmentTrackingNo"));
    m_trackingNo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copyTracking->setObjectName(QStringLiteral("copyTrackingNoButton"));
    m_copyTracking->setAccessibleName(tr("Copy the tracking number"));
    auto* shipment = new QFormLayout(m_shipmentBox);
    auto* trackingRow = new QHBoxLayout;
    trackingRow->addWidget(m_trackingNo);
    trackingRow->addWidget(m_copyTracking);
    trackingRow->addStretch();
    shipment->addRow(tr("Courier:"), m_carrier);
    shipment->addRow(tr("Tracking number:"), trackingRow);

    m_timeline->setObjectName(QStringLiteral("timelineList"));
    m_timeline->setAccessibleName(tr("Timeline"));
    m_timeline->setColumnCount(3);
    m_timeline->setHeaderLabels({tr("Time"), tr("Status"), tr("Note")});
    m_timeline->setRootIsDecorated(false);
    m_timeline->setSelectionMode(QAbstractItemView::NoSelection);
    m_timeline->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_timeline->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_timeline->header()->setStretchLastSection(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_edit);
    buttons->addWidget(m_resubmit);
    buttons->addStretch();

    auto* timelineTitle = new QLabel(tr("Timeline"), this);
    QFont bold = timelineTitle->font();
    bold.setBold(true);
    timelineTitle->setFont(bold);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_explanation);
    layout->addWidget(m_oldCertificate);
    layout->addWidget(m_rejectionBox);
    layout->addLayout(buttons);
    layout->addWidget(m_result);
    layout->addWidget(m_shipmentBox);
    layout->addWidget(timelineTitle);
    layout->addWidget(m_timeline, 1);

    connect(m_edit, &QPushButton::clicked, this, [this] {
        FieldErrors errors;
        if (m_session->application().status == ApplicationStatus::Rejected) {
            for (const RejectionReason& r : m_session->application().rejection)
                if (const auto e = rejectionFieldError(r))
                    errors.append(*e);
        }
        Q_EMIT editRequested(errors);
    });
    connect(m_resubmit, &QPushButton::clicked, this, &StatusPage::resubmit);
    connect(m_copyTracking, &QPushButton::clicked, this,
        [this] { QGuiApplication::clipboard()->setText(m_trackingNo->text()); });
    connect(session, &CentreSession::applicationChanged, this, &StatusPage::updateFromApplication);
    updateFromApplication();
}

QString StatusPage::resultText() const
{
    return m_result->text();
}

void StatusPage::updateFromApplication()
{
    const Application& a = m_session->application();
    const bool loaded = m_session->isLoaded();
    const bool institution = isInstitution(a.category);
    QString text;
    if (loaded) {
        switch (a.status) {
        case ApplicationStatus::Draft: {
            QStringList todo;
            bool anyUploaded = false;
            for (DocumentState s : a.checklist.documents)
                anyUploaded = anyUploaded || s == DocumentState::Uploaded;
            if (!anyUploaded)
                todo << tr("print the application form");
            if (!a.checklist.allDocumentsUploaded())
                todo << tr("upload the stamped documents");
            if (a.checklist.liveness != LivenessState::Passed)
                todo << tr("complete the identity check");
            if (a.checklist.payment != PaymentState::Paid)
                todo << tr("pay online");
            text = tr("The application has been received. Still to do: %1.").arg(todo.join(tr(", ")));
            break;
        }
        case ApplicationStatus::InReview:
            text = institution
                ? tr("Payment received. The CA is reviewing the application; when it is approved, the "
                     "new certificate UKey is mailed to the agent. Please watch for the courier's "
                     "tracking information.")
                : tr("Payment received. The CA is reviewing the application; when it is approved, the "
                     "new certificate UKey is mailed to the applicant. Please watch for the courier's "
                     "tracking information.");
            break;
        case ApplicationStatus::Rejected:
            text = tr("The review rejected the application. Fix each point below, then resubmit it. There is "
                      "nothing "
                      "to pay again.");
            break;
        case ApplicationStatus::Approved:
            text = tr("The review approved the application. The new SM2 certificates are being issued.");
            break;
        case ApplicationStatus::Issued:
            text = tr("The new certificates have been written onto the new UKey; it will be mailed soon.");
            break;
        case ApplicationStatus::Shipped:
            text
                = tr("The new certificate UKey has been mailed. Use the tracking number below to follow it.");
            break;
        case ApplicationStatus::Completed:
            text = tr("Completed. The old certificate has been revoked; use the new UKey from now on.");
            break;
        case ApplicationStatus::Cancelled:
            text = tr("The application was cancelled.");
            break;
        }
    }
    m_explanation->setText(text);
    // Once the new certificates are written the old one is revoked: ask the CA's OCSP responder, once per
    // application (the answer does not change afterwards).
    const bool afterIssuance = loaded
        && (a.status == ApplicationStatus::Issued || a.status == ApplicationStatus::Shipped
            || a.status == ApplicationStatus::Completed);
    if (!afterIssuance || a.serial.isEmpty())
        m_oldCertificate->reset();
    else if (m_oldCertificate->serial() != a.serial)
        m_oldCertificate->check(m_session->api(), a.serial);

    const bool rejected = a.status == ApplicationStatus::Rejected;
    m_rejectionBox->setVisible(rejected && !a.rejection.isEmpty());
    if (a.rejection != m_shownReasons || !rejected)
        rebuildReasons();
    m_rejectionHint->setText(
        tr("After changing the form (Edit application) and uploading new documents where asked, "
           "press Resubmit for review."));
    m_edit->setVisible(loaded && isEditable(a.status));
    m_resubmit->setVisible(rejected);
    m_resubmit->setEnabled(rejected && !m_busy);

    m_shipmentBox->setVisible(a.shipment.has_value());
    if (a.shipment) {
        m_carrier->setText(a.shipment->carrier);
        m_trackingNo->setText(a.shipment->trackingNo);
    }

    m_timeline->clear();
    const QTimeZone shanghai("Asia/Shanghai");
    // Newest first: what happened last is what the person looks for.
    for (auto it = a.timeline.crbegin(); it != a.timeline.crend(); ++it) {
        auto* item = new QTreeWidgetItem(m_timeline);
        item->setText(0, it->at.toTimeZone(shanghai).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        item->setText(1, statusDisplayName(it->status));
        item->setText(2, it->note);
    }
}

void StatusPage::rebuildReasons()
{
    const Application& a = m_session->application();
    while (QLayoutItem* item = m_reasonsLayout->takeAt(0)) {
        if (item->layout()) {
            while (QLayoutItem* inner = item->layout()->takeAt(0)) {
                delete inner->widget();
                delete inner;
            }
        }
        delete item->widget();
        delete item;
    }
    m_shownReasons = a.status == ApplicationStatus::Rejected ? a.rejection : QList<RejectionReason> {};
    int index = 0;
    for (const RejectionReason& r : std::as_const(m_shownReasons)) {
        auto* row = new QHBoxLayout;
        auto* label = new QLabel(
            QStringLiteral("<b>%1</b>: %2")
                .arg(rejectionTargetLabel(r.target, a.category).toHtmlEscaped(), r.message.toHtmlEscaped()),
            m_rejectionBox);
        label->setObjectName(QStringLiteral("rejectionReason_%1").arg(index));
        label->setWordWrap(true);
        row->addWidget(label, 1);
        const std::optional<FieldError> field = rejectionFieldError(r);
        std::optional<DocumentKind> document;
        if (r.target.startsWith(QLatin1String("document:")))
            document = documentKindFromApi(r.target.mid(9));
        if (field || document) {
            auto* fix = new QPushButton(field ? tr("Change this field") : tr("Upload again"), m_rejectionBox);
            fix->setObjectName(QStringLiteral("rejectionFix_%1").arg(index));
            fix->setAccessibleName(tr("Fix: %1").arg(rejectionTargetLabel(r.target, a.category)));
            if (field) {
                const FieldError error = *field;
                connect(fix, &QPushButton::clicked, this, [this, error] { Q_EMIT editRequested({error}); });
            } else {
                const DocumentKind kind = *document;
                connect(fix, &QPushButton::clicked, this, [this, kind] { Q_EMIT documentRequested(kind); });
            }
            row->addWidget(fix);
        }
        m_reasonsLayout->addLayout(row);
        ++index;
    }
}

void StatusPage::resubmit()
{
    if (m_busy || !m_session->api())
        return;
    m_busy = true;
    m_resubmit->setEnabled(false);
    m_result->setText(tr("Resubmitting…"));
    m_result->setStyleSheet(QString());
    m_session->api()
        ->resubmit(m_session->applicationId(), m_session->accessToken())
        ->then(this, [this](const api::ApiResult<Application>& r) {
            m_busy = false;
            if (!r.ok()) {
                // 409: a rejected point has not been changed yet (API.md: every target must change).
                m_result->setText(
                    r.error().isHttp(409) ? tr(
                        "Not every point of the rejection has been changed yet. Fix each point listed above, "
                        "then resubmit.")
                                          : r.error().userMessage());
                m_result->setStyleSheet(QStringLiteral("color: #c62828;"));
                m_resubmit->setEnabled(true);
                return;
            }
            m_result->setText(
                tr("Resubmitted. The CA reviews the application again; there is nothing to pay again."));
            m_result->setStyleSheet(QStringLiteral("color: #2e7d32;"));
            m_session->refresh();
        });
}

} // namespace certdesk::ui
