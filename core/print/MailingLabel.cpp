#include "print/MailingLabel.h"

#include "domain/RegionModel.h"
#include "print/FormPainter.h"
#include "print/QrCode.h"

#include <QCoreApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPagedPaintDevice>
#include <QPainter>

#include <algorithm>

namespace certdesk::print {

namespace {

constexpr qreal kMarginMm = 4.0;
constexpr qreal kInnerWidthMm = MailingLabel::WidthMm - 2 * kMarginMm;
constexpr qreal kQrSideMm = 32.0;

} // namespace

MailingLabel::MailingLabel(const Application& application, const RegionModel& regions, LabelSender sender)
    // The kind only names the form's QR payload, which the label does not print (its QR is the order number).
    : PrintedForm(application, DocumentKind::ApplicationForm, FormOptions {})
    , m_sender(std::move(sender))
{
    const Mailing& m = application.mailing;
    for (const QString& code : {m.countyCode, m.cityCode, m.provinceCode}) {
        if (!code.isEmpty() && regions.contains(code)) {
            m_regionName = regions.fullName(code);
            break;
        }
    }
}

QString MailingLabel::title() const
{
    return QCoreApplication::translate("certdesk::Print", "Mailing label");
}

QString MailingLabel::recipientName() const
{
    return application().responsiblePerson().name.trimmed();
}

QString MailingLabel::recipientOrganization() const
{
    return isInstitution(application().category) ? application().organization.name.trimmed() : QString();
}

QString MailingLabel::recipientPhone() const
{
    return application().responsiblePerson().mobile.trimmed();
}

QString MailingLabel::recipientAddress() const
{
    const QString street = application().mailing.address.trimmed();
    if (m_regionName.isEmpty())
        return street;
    // People often start the street address with the city and district already chosen above
    // ("深圳市南山区科技园
    // ..."): the region is put in front only as far as the street does not repeat it, so the courier reads
    // each level once. fullName() separates the levels with spaces ("广东省 深圳市 南山区").
    const QStringList levels = m_regionName.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (qsizetype first = 0; first < levels.size(); ++first) {
        if (street.startsWith(levels.mid(first).join(QString())))
            return levels.mid(0, first).join(QString()) + street;
    }
    return levels.join(QString()) + street;
}

QString MailingLabel::qrContent() const
{
    return application().orderNo;
}

PrintResult MailingLabel::print(QPagedPaintDevice& device) const
{
    if (PrintResult valid = validate(); !valid)
        return valid;
    device.setPageSize(QPageSize(QSizeF(WidthMm, HeightMm), QPageSize::Millimeter,
        QStringLiteral("Label 100x150"), QPageSize::ExactMatch));
    device.setPageOrientation(QPageLayout::Portrait);
    (void)device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    QPainter painter;
    if (!painter.begin(&device))
        return {PrintStatus::PaintFailed, QStringLiteral("QPainter::begin failed on the paged device")};
    const QPageLayout layout = device.pageLayout();
    const int dpi = device.logicalDpiX();
    const QRectF full = layout.fullRectPixels(dpi);
    const QRectF printable = layout.paintRectPixels(dpi);
    paintPage(painter, QRectF(full.topLeft() - printable.topLeft(), full.size()));
    if (!painter.end())
        return {PrintStatus::PaintFailed, QStringLiteral("QPainter::end failed on the paged device")};
    return {};
}

void MailingLabel::paintBody(FormPainter&) const { }

void MailingLabel::paintPage(QPainter& painter, const QRectF& page) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    const qreal unit = page.width() / WidthMm;
    painter.fillRect(QRectF(page.topLeft(), QSizeF(page.width(), HeightMm * unit)), Qt::white);
    // FormPainter measures in mm on an A4-wide sheet; a sheet 2.1 times the label's width gives it the
    // label's scale, so its text, font and box helpers work in label millimetres from the label's top-left
    // corner.
    FormPainter form(painter,
        QRectF(page.topLeft(), QSizeF(unit * FormPainter::PageWidthMm, unit * FormPainter::PageHeightMm)));
    const QColor grey(0x50, 0x50, 0x50);
    const auto label = [](const QString& text) {
        return QCoreApplication::translate("certdesk::Print", "%1:", "a label followed by a colon").arg(text);
    };

    // Header: what it is and the order number, large enough to read across a counter.
    form.text(QRectF(kMarginMm, 4.0, kInnerWidthMm, 8.0), title(), form.font(13.0, true),
        Qt::AlignLeft | Qt::AlignVCenter);
    form.text(QRectF(kMarginMm, 4.0, kInnerWidthMm, 8.0), application().orderNo, form.font(11.0, true),
        Qt::AlignRight | Qt::AlignVCenter);

    // Recipient: name (and organisation), full phone, address.
    qreal y = 14.0;
    const qreal textLeft = kMarginMm + 3.0;
    const qreal textWidth = kInnerWidthMm - 6.0;
    QString recipient = recipientName();
    const QFont nameFont = form.font(16.0, true);
    const QFont orgFont = form.font(11.0);
    const QFont phoneFont = form.font(15.0, true);
    const QFont addressFont = form.font(12.0);
    const qreal captionHeight = 6.0;
    const qreal orgHeight = recipientOrganization().isEmpty()
        ? 0.0
        : form.textHeight(recipientOrganization(), orgFont, textWidth) + 1.0;
    const qreal addressHeight = form.textHeight(
        label(QCoreApplication::translate("certdesk::Print", "Address")) + recipientAddress(), addressFont,
        textWidth);
    const qreal recipientHeight = captionHeight + 9.0 + orgHeight + 9.0 + addressHeight + 4.0;
    form.box(QRectF(kMarginMm, y, kInnerWidthMm, recipientHeight),
        QCoreApplication::translate("certdesk::Print", "Recipient"));
    qreal ty = y + captionHeight;
    form.text(QRectF(textLeft, ty, textWidth, 9.0), recipient, nameFont, Qt::AlignLeft | Qt::AlignVCenter);
    ty += 9.0;
    if (orgHeight > 0) {
        form.text(QRectF(textLeft, ty, textWidth, orgHeight), recipientOrganization(), orgFont,
            Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap);
        ty += orgHeight;
    }
    form.text(QRectF(textLeft, ty, textWidth, 9.0),
        label(QCoreApplication::translate("certdesk::Print", "Phone")) + recipientPhone(), phoneFont,
        Qt::AlignLeft | Qt::AlignVCenter);
    ty += 9.0;
    form.text(QRectF(textLeft, ty, textWidth, addressHeight),
        label(QCoreApplication::translate("certdesk::Print", "Address")) + recipientAddress(), addressFont,
        Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap);
    y += recipientHeight + 3.0;

    // Sender: the CA's counter.
    const QString senderName = m_sender.name.isEmpty() ? QCoreApplication::translate("certdesk::Print",
                                   "Shenzhen Electronic Commerce Security Certificate Management Co., Ltd.")
                                                       : m_sender.name;
    QStringList senderLines {senderName};
    if (!m_sender.phone.isEmpty())
        senderLines << label(QCoreApplication::translate("certdesk::Print", "Phone")) + m_sender.phone;
    if (!m_sender.address.isEmpty())
        senderLines << label(QCoreApplication::translate("certdesk::Print", "Address")) + m_sender.address;
    const QString senderText = senderLines.join(QLatin1Char('\n'));
    const QFont senderFont = form.font(9.0);
    const qreal senderHeight = captionHeight + form.textHeight(senderText, senderFont, textWidth) + 3.0;
    form.box(QRectF(kMarginMm, y, kInnerWidthMm, senderHeight),
        QCoreApplication::translate("certdesk::Print", "Sender"));
    form.text(QRectF(textLeft, y + captionHeight, textWidth, senderHeight - captionHeight), senderText,
        senderFont, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, grey);
    y += senderHeight + 3.0;

    // The order number as a QR code (what the counter scans), with the contents next to it, right below the
    // sender; smaller when a long address left less room, never cut off.
    const qreal qrTop = y;
    const qreal qrSide = std::clamp(HeightMm - kMarginMm - qrTop, 18.0, kQrSideMm);
    if (!application().orderNo.isEmpty()) {
        const QrCode qr = QrCode::encode(qrContent(), QrCode::ErrorCorrection::Medium);
        qr.paint(painter, form.toDevice(QRectF(kMarginMm, qrTop, qrSide, qrSide)));
    }
    const qreal infoLeft = kMarginMm + qrSide + 3.0;
    const qreal infoWidth = WidthMm - kMarginMm - infoLeft;
    const QString contents = label(QCoreApplication::translate("certdesk::Print", "Contents"))
        + QCoreApplication::translate("certdesk::Print", "certificate UKey × 1") + QLatin1Char('\n')
        + label(QCoreApplication::translate("certdesk::Print", "Order No.")) + application().orderNo;
    form.text(QRectF(infoLeft, qrTop + 2.0, infoWidth, qrSide - 4.0), contents, form.font(9.5),
        Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap);
    painter.restore();
}

} // namespace certdesk::print
