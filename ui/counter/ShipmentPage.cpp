#include "counter/ShipmentPage.h"

#include "api/ApiClient.h"
#include "centre/CentreServices.h"
#include "counter/ApplicationQueue.h"
#include "counter/CounterSession.h"
#include "domain/RegionModel.h"
#include "print/MailingLabel.h"
#include "widgets/OldCertificateStatusLabel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace certdesk::ui {

ShipmentPage::ShipmentPage(CounterSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_queue(new ApplicationQueue(
          session, {ApplicationStatus::Issued, ApplicationStatus::Shipped}, QStringLiteral("shipment"), this))
    , m_recipient(new QLabel(this))
    , m_oldCertificate(new OldCertificateStatusLabel(this))
    , m_carrier(new QComboBox(this))
    , m_tracking(new QLineEdit(this))
    , m_ship(new QPushButton(tr("Record shipment"), this))
    , m_handover(new QPushButton(tr("Handed over"), this))
    , m_print(new QPushButton(tr("Print mailing label…"), this))
    , m_roleNote(new QLabel(this))
    , m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("shipmentPage"));
    m_recipient->setObjectName(QStringLiteral("recipientDetails"));
    m_recipient->setWordWrap(true);
    m_recipient->setTextFormat(Qt::PlainText);
    m_recipient->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_carrier->setObjectName(QStringLiteral("carrierCombo"));
    m_carrier->setAccessibleName(tr("Carrier"));
    m_carrier->setEditable(true);
    m_carrier->addItems(
        {tr("SF Express"), tr("EMS"), tr("JD Logistics"), tr("ZTO Express"), tr("YTO Express")});
    m_tracking->setObjectName(QStringLiteral("trackingNumberEdit"));
    m_tracking->setAccessibleName(tr("Tracking number"));
    m_tracking->setMaxLength(100);
    m_ship->setObjectName(QStringLiteral("recordShipmentButton"));
    m_ship->setAccessibleName(tr("Record the shipment"));
    m_handover->setObjectName(QStringLiteral("handoverButton"));
    m_handover->setAccessibleName(tr("Record that the UKey was handed over"));
    m_print->setObjectName(QStringLiteral("printLabelButton"));
    m_print->setAccessibleName(tr("Print the mailing label"));
    m_roleNote->setObjectName(QStringLiteral("shipmentRoleNote"));
    m_roleNote->setWordWrap(true);
    m_roleNote->setStyleSheet(QStringLiteral("color: #8a4b00;"));
    m_result->setObjectName(QStringLiteral("shipmentResult"));
    m_result->setWordWrap(true);

    auto* recipientBox = new QGroupBox(tr("Recipient"), this);
    auto* recipientLayout = new QVBoxLayout(recipientBox);
    recipientLayout->addWidget(m_recipient);
    recipientLayout->addWidget(m_oldCertificate);
    recipientLayout->addWidget(m_print, 0, Qt::AlignRight);

    auto* shipBox = new QGroupBox(tr("Send by courier"), this);
    auto* form = new QFormLayout(shipBox);
    form->addRow(tr("Carrier:"), m_carrier);
    form->addRow(tr("Tracking number:"), m_tracking);
    form->addRow(QString(), m_ship);

    auto* handoverBox = new QGroupBox(tr("Hand over"), this);
    auto* handoverLayout = new QHBoxLayout(handoverBox);
    auto* handoverHint = new QLabel(
        tr("The applicant collected the UKey at the counter, or the courier delivered it."), handoverBox);
    handoverHint->setWordWrap(true);
    handoverLayout->addWidget(handoverHint, 1);
    handoverLayout->addWidget(m_handover);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(recipientBox);
    rightLayout->addWidget(shipBox);
    rightLayout->addWidget(handoverBox);
    rightLayout->addWidget(m_roleNote);
    rightLayout->addStretch();
    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_queue);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({560, 806});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_result);

    connect(m_queue, &ApplicationQueue::currentChanged, this, &ShipmentPage::load);
    connect(m_ship, &QPushButton::clicked, this, &ShipmentPage::recordShipment);
    connect(m_tracking, &QLineEdit::returnPressed, this, &ShipmentPage::recordShipment);
    connect(m_handover, &QPushButton::clicked, this, &ShipmentPage::recordHandover);
    connect(m_print, &QPushButton::clicked, this, &ShipmentPage::printLabel);
    connect(m_tracking, &QLineEdit::textChanged, this, &ShipmentPage::updateButtons);
    connect(m_carrier, &QComboBox::currentTextChanged, this, &ShipmentPage::updateButtons);
    connect(m_session, &CounterSession::loggedIn, this, &ShipmentPage::updateButtons);
    load({});
}

QString ShipmentPage::resultText() const
{
    return m_result->text();
}

QString ShipmentPage::recipientText() const
{
    return m_recipient->text();
}

void ShipmentPage::setResult(const QString& text, bool error)
{
    m_result->setText(text);
    m_result->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QStringLiteral("color: #2e7d32;"));
}

void ShipmentPage::refresh()
{
    m_queue->refresh();
}

void ShipmentPage::load(const QString& id)
{
    const int generation = ++m_generation;
    m_view.reset();
    m_oldCertificate->reset();
    m_recipient->setText(
        id.isEmpty() ? tr("Choose a programmed UKey's application in the list.") : tr("Loading…"));
    updateButtons();
    if (id.isEmpty() || !m_session->api())
        return;
    m_session->api()->staffApplication(id)->then(
        this, [this, generation, id](const api::ApiResult<api::StaffApplicationView>& r) {
            if (generation != m_generation)
                return;
            if (!r.ok()) {
                m_recipient->clear();
                setResult(CounterSession::errorText(r.error()), true);
                return;
            }
            m_view = r.value();
            if (!m_view->application.serial.isEmpty())
                m_oldCertificate->check(m_session->api(), m_view->application.serial);
            const print::MailingLabel label(
                m_view->application, m_session->regions(), m_session->services().sender);
            QStringList lines;
            lines << tr("Order %1 · %2")
                         .arg(m_view->application.orderNo, statusDisplayName(m_view->application.status));
            lines << label.recipientName();
            if (!label.recipientOrganization().isEmpty())
                lines << label.recipientOrganization();
            lines << tr("Phone: %1").arg(label.recipientPhone());
            lines << tr("Address: %1").arg(label.recipientAddress());
            if (m_view->application.status == ApplicationStatus::Issued) {
                lines << (m_session->hasInitialPin(id) ? tr("The UKey's random initial PIN goes to the "
                                                            "applicant by SMS with the shipment; it "
                                                            "is not shown here.")
                                                       : tr("No initial PIN for mailing is held on this PC "
                                                            "for this UKey: if it is mailed, the "
                                                            "applicant needs its PIN another way."));
            }
            if (m_view->application.shipment) {
                lines << tr("Sent by %1, tracking number %2")
                             .arg(m_view->application.shipment->carrier,
                                 m_view->application.shipment->trackingNo);
            }
            m_recipient->setText(lines.join(QLatin1Char('\n')));
            updateButtons();
            Q_EMIT applicationLoaded(id);
        });
}

void ShipmentPage::updateButtons()
{
    const bool counter = m_session->hasRole(QStringLiteral("counter"));
    const bool issued = m_view && m_view->application.status == ApplicationStatus::Issued;
    const bool shipped = m_view && m_view->application.status == ApplicationStatus::Shipped;
    m_ship->setEnabled(counter && issued && !m_busy && !m_carrier->currentText().trimmed().isEmpty()
        && !m_tracking->text().trimmed().isEmpty());
    m_handover->setEnabled(counter && (issued || shipped) && !m_busy);
    m_handover->setText(shipped ? tr("Delivered") : tr("Handed over"));
    m_print->setEnabled(m_view.has_value() && m_session->services().printer);
    m_roleNote->setText(
        counter ? QString() : tr("Recording shipments and handovers needs the counter clerk role."));
    m_roleNote->setVisible(!counter);
}

void ShipmentPage::recordShipment()
{
    if (!m_view || m_busy || !m_ship->isEnabled())
        return;
    const Application a = m_view->application;
    const QString carrier = m_carrier->currentText().trimmed();
    const QString tracking = m_tracking->text().trimmed();
    m_busy = true;
    updateButtons();
    // The mailed UKey's initial PIN goes with the request (the service sends it by SMS); it is given back to
    // the session if the request fails, and wiped once the service has it.
    auto initialPin = std::make_shared<QString>(m_session->takeInitialPin(a.id));
    m_session->api()
        ->recordShipment(a.id, carrier, tracking, *initialPin)
        ->then(this, [this, a, carrier, tracking, initialPin](const api::ApiResult<Application>& r) {
            m_busy = false;
            if (!r.ok()) {
                if (!initialPin->isEmpty())
                    m_session->holdInitialPin(a.id, std::move(*initialPin));
                setResult(CounterSession::errorText(r.error()), true);
                updateButtons();
                return;
            }
            const bool pinSent = !initialPin->isEmpty();
            initialPin->fill(QLatin1Char('\0'));
            initialPin->clear();
            setResult(pinSent
                    ? tr("Order %1 was sent by %2, tracking number %3; the applicant is told, and the "
                         "UKey's initial PIN goes to the applicant by SMS.")
                          .arg(a.orderNo, carrier, tracking)
                    : tr("Order %1 was sent by %2, tracking number %3; the applicant is told.")
                          .arg(a.orderNo, carrier, tracking));
            m_tracking->clear();
            m_session->announceChange(a.id);
            m_queue->refresh();
            load(a.id);
        });
}

void ShipmentPage::recordHandover()
{
    if (!m_view || m_busy)
        return;
    const Application a = m_view->application;
    Notifier* notifier = m_session->services().notifier;
    const bool shipped = a.status == ApplicationStatus::Shipped;
    if (notifier
        && !notifier->confirm(window(), shipped ? tr("Delivered") : tr("Handed over"),
            shipped ? tr("Record that the UKey of order %1 was delivered? The application is then completed.")
                          .arg(a.orderNo)
                    : tr("Record that the applicant collected the UKey of order %1? The application is then "
                         "completed.")
                          .arg(a.orderNo)))
        return;
    m_busy = true;
    updateButtons();
    m_session->api()->handover(a.id)->then(this, [this, a](const api::ApiResult<Application>& r) {
        m_busy = false;
        if (!r.ok()) {
            setResult(CounterSession::errorText(r.error()), true);
            updateButtons();
            return;
        }
        setResult(tr("Order %1 is completed.").arg(a.orderNo));
        m_session->announceChange(a.id);
        m_queue->refresh();
    });
}

void ShipmentPage::printLabel()
{
    PrintService* printer = m_session->services().printer;
    if (!m_view || !printer)
        return;
    const print::MailingLabel label(m_view->application, m_session->regions(), m_session->services().sender);
    const PrintService::Outcome outcome = printer->preview(window(), label);
    if (!outcome.result.ok())
        setResult(outcome.result.message(), true);
    else if (outcome.printed)
        setResult(tr("The mailing label of order %1 was printed.").arg(m_view->application.orderNo));
}

} // namespace certdesk::ui
