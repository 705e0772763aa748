#pragma once

#include "domain/Application.h"
#include "print/PrintedForm.h"

#include <QString>

namespace certdesk {
class RegionModel;
}

namespace certdesk::print {

// Who sends the parcel (the CA's counter). Empty fields are left off the label; an empty name prints the
// translated default CA name.
struct LabelSender
{
    QString name;
    QString phone;
    QString address;
};

// The courier label for the new UKey's parcel: 100 × 150 mm portrait, the size of the thermal labels Chinese
// couriers' printers take (A6 paper, 105 × 148 mm, holds it too). It carries the recipient's name (and the
// organisation), the FULL phone number (the courier calls it; unlike a screen, the label is for the courier),
// the address from the GB/T 2260 region names plus the street, the order number and a QR code of the order
// number, which the counter scans when the parcel comes back.
class MailingLabel final : public PrintedForm
{
public:
    static constexpr qreal WidthMm = 100.0;
    static constexpr qreal HeightMm = 150.0;

    MailingLabel(const Application& application, const RegionModel& regions, LabelSender sender = {});

    [[nodiscard]] QString title() const override;
    // Sets `device` to 100 × 150 mm portrait and paints the label on one page. Checks validate() first.
    [[nodiscard]] PrintResult print(QPagedPaintDevice& device) const override;
    // Paints the label with its top-left at `page`'s top-left, 100 mm wide = page.width(). On a taller
    // rectangle (an A4 preview image) the rest stays white.
    void paintPage(QPainter& painter, const QRectF& page) const override;

    // What the label says (also for the screen next to the print button).
    [[nodiscard]] QString recipientName() const;
    [[nodiscard]] QString recipientOrganization() const; // empty for natural persons
    [[nodiscard]] QString recipientPhone() const;
    [[nodiscard]] QString recipientAddress() const;
    // The QR code's content: the order number alone (couriers' and counters' scanners read it as is).
    [[nodiscard]] QString qrContent() const;

protected:
    void paintBody(FormPainter& form) const override;

private:
    QString m_regionName;
    LabelSender m_sender;
};

} // namespace certdesk::print
