#pragma once

#include "domain/Application.h"
#include "print/LetterPayload.h"
#include "print/PrintResult.h"

#include <QDate>
#include <QRectF>
#include <QString>

class QPagedPaintDevice;
class QPainter;

namespace certdesk::print {

class FormPainter;

// What a printed form needs besides the application.
struct FormOptions
{
    // 申请日期. Invalid (the default) means today in Asia/Shanghai, whatever the machine's time zone.
    QDate date;
    // The CA's name for the header line and the service agreement title; empty means the translated default
    // (深圳市电子商务安全证书管理有限公司, as in the guide).
    QString caName;
};

// A one-page A4 form filled from an Application and painted with QPainter on any paged device: QPdfWriter for
// "save as PDF", QPrinter for print and print preview (the GUI passes its QPrinter as a QPagedPaintDevice).
// Labels are translated at paint time (QCoreApplication::translate, context "certdesk::Print"), so the form
// comes out in the UI language. The form shows full ID numbers and phone numbers: it is the document the
// person signs. A printed item of another size (the counter's mailing label) overrides print() and
// paintPage(), so that the same PrintService prints it.
class PrintedForm
{
public:
    PrintedForm(const Application& application, DocumentKind kind, FormOptions options);
    virtual ~PrintedForm() = default;
    PrintedForm(const PrintedForm&) = delete;
    PrintedForm& operator=(const PrintedForm&) = delete;

    // Translated title (证书算法升级申请表, 电子印章采集表): PDF title, print job
    // name.
    [[nodiscard]] virtual QString title() const = 0;
    // NotSubmitted when the application has no id or order number (the form must carry both).
    [[nodiscard]] PrintResult validate() const;
    // What the form's QR code carries.
    [[nodiscard]] LetterPayload payload() const;
    [[nodiscard]] const Application& application() const { return m_application; }
    // The date printed as 申请日期 (FormOptions::date, or today in Asia/Shanghai).
    [[nodiscard]] QDate date() const { return m_date; }

    // Sets `device` to A4 portrait and paints the form on one page. Checks validate() first.
    [[nodiscard]] virtual PrintResult print(QPagedPaintDevice& device) const;
    // Paints the form on `page`, the whole A4 sheet in `painter`'s logical coordinates (any scale: a PDF
    // page, a printer page or a thumbnail). Does not validate: a form without an order number has no QR code.
    virtual void paintPage(QPainter& painter, const QRectF& page) const;

protected:
    // The body below the common header (order number, QR code, CA name, title).
    virtual void paintBody(FormPainter& form) const = 0;
    // Shared blocks of the bodies.
    [[nodiscard]] QString caName() const;
    [[nodiscard]] QString formattedDate() const;
    void paintOrganization(FormPainter& form) const;
    void paintPerson(FormPainter& form, const Person& person, bool agent) const;
    void paintDeclaration(FormPainter& form, const QString& heading, const QString& text) const;
    // 申请日期 | 单位公章 | 经办人签字 (institution), or 申请日期 | 申请人签名 (natural person).
    void paintSignatureRow(FormPainter& form) const;

private:
    void paintHeader(FormPainter& form) const;
    void paintFooter(FormPainter& form) const;

    Application m_application;
    DocumentKind m_kind;
    FormOptions m_options;
    QDate m_date;
};

} // namespace certdesk::print
