#include "print/PrintedForm.h"

#include "print/FormPainter.h"
#include "print/QrCode.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QPageLayout>
#include <QPageSize>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QTimeZone>

namespace certdesk::print {

namespace {

QDate todayInShanghai()
{
    // The form is dated in China's civil time whatever the PC's zone (a kiosk may run on UTC).
    QTimeZone zone(QByteArrayLiteral("Asia/Shanghai"));
    if (!zone.isValid())
        zone = QTimeZone(8 * 3600); // no tz database (some Windows builds): China has had no DST since 1991
    return QDateTime::currentDateTimeUtc().toTimeZone(zone).date();
}

constexpr qreal kQrSideMm = 26.0;
constexpr qreal kQrTopMm = 9.0;
constexpr qreal kBodyTopMm = 44.0;

} // namespace

PrintedForm::PrintedForm(const Application& application, DocumentKind kind, FormOptions options)
    : m_application(application)
    , m_kind(kind)
    , m_options(std::move(options))
    , m_date(m_options.date.isValid() ? m_options.date : todayInShanghai())
{ }

PrintResult PrintedForm::validate() const
{
    if (m_application.id.isEmpty() || m_application.orderNo.isEmpty())
        return {PrintStatus::NotSubmitted, QStringLiteral("application id or order number missing")};
    return {};
}

LetterPayload PrintedForm::payload() const
{
    return {m_application.id, m_application.orderNo, m_kind};
}

PrintResult PrintedForm::print(QPagedPaintDevice& device) const
{
    if (PrintResult valid = validate(); !valid)
        return valid;
    device.setPageSize(QPageSize(QPageSize::A4));
    device.setPageOrientation(QPageLayout::Portrait);
    // A printer may refuse zero margins (its unprintable edge); the layout keeps its own 15 mm margins and is
    // placed relative to the sheet below, so that refusal changes nothing.
    (void)device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);

    QPainter painter;
    if (!painter.begin(&device))
        return {PrintStatus::PaintFailed, QStringLiteral("QPainter::begin failed on the paged device")};
    // The painter's origin is the top-left of the printable area; put the sheet's origin where it belongs.
    const QPageLayout layout = device.pageLayout();
    const int dpi = device.logicalDpiX();
    const QRectF full = layout.fullRectPixels(dpi);
    const QRectF printable = layout.paintRectPixels(dpi);
    paintPage(painter, QRectF(full.topLeft() - printable.topLeft(), full.size()));
    if (!painter.end())
        return {PrintStatus::PaintFailed, QStringLiteral("QPainter::end failed on the paged device")};
    return {};
}

void PrintedForm::paintPage(QPainter& painter, const QRectF& page) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    painter.fillRect(page, Qt::white);
    FormPainter form(painter, page);
    paintHeader(form);
    form.setY(kBodyTopMm);
    paintBody(form);
    paintFooter(form);
    painter.restore();
}

QString PrintedForm::caName() const
{
    if (!m_options.caName.isEmpty())
        return m_options.caName;
    return QCoreApplication::translate(
        "certdesk::Print", "Shenzhen Electronic Commerce Security Certificate Management Co., Ltd.");
}

QString PrintedForm::formattedDate() const
{
    return QCoreApplication::translate("certdesk::Print", "%2/%3/%1", "date: %1 year, %2 month, %3 day")
        .arg(m_date.year())
        .arg(m_date.month())
        .arg(m_date.day());
}

void PrintedForm::paintHeader(FormPainter& form) const
{
    const qreal right = FormPainter::PageWidthMm - FormPainter::MarginMm;

    // 订单编号 at the top left, as on the guide's sample.
    if (!m_application.orderNo.isEmpty()) {
        form.text(QRectF(FormPainter::MarginMm, 10.0, 80.0, 6.0),
            QCoreApplication::translate("certdesk::Print", "%1:", "a label followed by a colon")
                    .arg(QCoreApplication::translate("certdesk::Print", "Order No."))
                + m_application.orderNo,
            form.font(9.5), Qt::AlignLeft | Qt::AlignVCenter);
    }

    // QR code at the top right: a scan of the stamped form leads back to this application.
    if (validate()) {
        const QrCode qr = QrCode::encode(payload().toString(), QrCode::ErrorCorrection::Medium);
        qr.paint(form.painter(), form.toDevice(QRectF(right - kQrSideMm, kQrTopMm, kQrSideMm, kQrSideMm)));
    }

    // The CA's name line and the title, centred between the order number and the QR code.
    const qreal centreWidth = FormPainter::ContentWidthMm - 2 * (kQrSideMm + 4.0);
    const qreal centreLeft = (FormPainter::PageWidthMm - centreWidth) / 2;
    const QFont nameFont = form.font(13.0);
    const qreal nameHeight = form.textHeight(caName(), nameFont, centreWidth);
    form.text(QRectF(centreLeft, 18.0, centreWidth, nameHeight), caName(), nameFont,
        Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap);
    const QFont titleFont = form.font(18.0, true);
    form.text(QRectF(centreLeft, 18.0 + nameHeight + 2.0, centreWidth, 12.0), title(), titleFont,
        Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap);
}

void PrintedForm::paintFooter(FormPainter& form) const
{
    const qreal top = FormPainter::PageHeightMm - FormPainter::MarginMm + 3.0;
    form.text(QRectF(FormPainter::MarginMm, top, FormPainter::ContentWidthMm, 8.0),
        QCoreApplication::translate("certdesk::Print",
            "Print on A4 paper. The QR code identifies this application for the CA's review; do not cover "
            "it."),
        form.font(8.0), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, QColor(0x60, 0x60, 0x60));
}

void PrintedForm::paintOrganization(FormPainter& form) const
{
    using Cell = FormPainter::Cell;
    using Style = FormPainter::CellStyle;
    const Organization& org = m_application.organization;
    constexpr qreal label = 34.0;
    constexpr qreal value = FormPainter::ContentWidthMm - label;
    form.section(QCoreApplication::translate("certdesk::Print", "%1 (fields marked * are required)")
                     .arg(QCoreApplication::translate("certdesk::Print", "Organisation information")));
    // The guide's sample marks only the credential number with "*"; the form follows the sample.
    form.row({Cell {QCoreApplication::translate("certdesk::Print", "Organisation name"), label, Style::Label},
        Cell {org.name, value}});
    form.row({Cell {QCoreApplication::translate("certdesk::Print", "Organisation credential number"), label,
                  Style::Label, true},
        Cell {org.credentialNumber, value}});
    form.row(
        {Cell {QCoreApplication::translate("certdesk::Print", "Organisation address"), label, Style::Label},
            Cell {org.address, value}});
}

void PrintedForm::paintPerson(FormPainter& form, const Person& person, bool agent) const
{
    using Cell = FormPainter::Cell;
    using Style = FormPainter::CellStyle;
    constexpr qreal label = 30.0;
    constexpr qreal value = FormPainter::ContentWidthMm / 2 - label;
    if (agent) {
        form.section(QCoreApplication::translate("certdesk::Print", "%1 (fields marked * are required)")
                         .arg(QCoreApplication::translate("certdesk::Print", "Agent information")));
        form.row({Cell {QCoreApplication::translate("certdesk::Print", "Agent name"), label, Style::Label,
                      true},
            Cell {person.name, value},
            Cell {QCoreApplication::translate("certdesk::Print", "Contact phone"), label, Style::Label, true},
            Cell {person.mobile, value}});
        form.row({Cell {QCoreApplication::translate("certdesk::Print", "ID card number"), label, Style::Label,
                      true},
            Cell {person.idNumber, value},
            Cell {
                QCoreApplication::translate("certdesk::Print", "Contact e-mail"), label, Style::Label, true},
            Cell {person.email, value}});
    } else {
        form.section(QCoreApplication::translate("certdesk::Print", "%1 (fields marked * are required)")
                         .arg(QCoreApplication::translate("certdesk::Print", "Applicant information")));
        form.row({Cell {QCoreApplication::translate("certdesk::Print", "Applicant name"), label, Style::Label,
                      true},
            Cell {person.name, value},
            Cell {
                QCoreApplication::translate("certdesk::Print", "ID card number"), label, Style::Label, true},
            Cell {person.idNumber, value}});
        form.row({Cell {QCoreApplication::translate("certdesk::Print", "Contact phone"), label, Style::Label,
                      true},
            Cell {person.mobile, value},
            Cell {
                QCoreApplication::translate("certdesk::Print", "Contact e-mail"), label, Style::Label, true},
            Cell {person.email, value}});
    }
}

void PrintedForm::paintDeclaration(FormPainter& form, const QString& heading, const QString& text) const
{
    form.section(heading);
    form.paragraph(text);
}

void PrintedForm::paintSignatureRow(FormPainter& form) const
{
    constexpr qreal height = 42.0;
    const qreal top = form.y();
    const QString colon
        = QCoreApplication::translate("certdesk::Print", "%1:", "a label followed by a colon");
    const QString dateCaption
        = colon.arg(QCoreApplication::translate("certdesk::Print", "Date of application"));
    if (isInstitution(m_application.category)) {
        const qreal w = FormPainter::ContentWidthMm / 3;
        form.box(QRectF(FormPainter::MarginMm, top, w, height), dateCaption, formattedDate());
        form.box(QRectF(FormPainter::MarginMm + w, top, w, height),
            colon.arg(QCoreApplication::translate("certdesk::Print", "Official seal of the organisation")));
        form.box(QRectF(FormPainter::MarginMm + 2 * w, top, w, height),
            colon.arg(QCoreApplication::translate("certdesk::Print", "Signature of the agent")));
    } else {
        const qreal w = FormPainter::ContentWidthMm / 2;
        form.box(QRectF(FormPainter::MarginMm, top, w, height), dateCaption, formattedDate());
        form.box(QRectF(FormPainter::MarginMm + w, top, w, height),
            colon.arg(QCoreApplication::translate("certdesk::Print", "Signature of the applicant")));
    }
    form.setY(top + height);
}

} // namespace certdesk::print
