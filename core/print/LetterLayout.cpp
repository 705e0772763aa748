#include "print/LetterLayout.h"

#include "print/FormPainter.h"

#include <QCoreApplication>

namespace certdesk::print {

namespace {

constexpr qreal kGapMm = 4.0;

Fees feesToPrint(const Application& application)
{
    // The service's fees once submitted; before that (or from an old draft) what the lookup said.
    const Fees& fees = application.fees;
    if (fees.certificateFen != 0 || fees.expressFen != 0 || fees.totalFen != 0)
        return fees;
    return application.expectedFees();
}

QString money(Fen fen)
{
    return QCoreApplication::translate("certdesk::Print", "CNY %1", "an amount in yuan").arg(formatYuan(fen));
}

} // namespace

LetterLayout::LetterLayout(const Application& application, FormOptions options)
    : PrintedForm(application, DocumentKind::ApplicationForm, std::move(options))
{ }

QString LetterLayout::title() const
{
    if (isInstitution(application().category)) {
        return QCoreApplication::translate(
            "certdesk::Print", "Authorization Letter for Certificate Algorithm Upgrade");
    }
    return QCoreApplication::translate(
        "certdesk::Print", "Application Form for Certificate Algorithm Upgrade");
}

void LetterLayout::paintBody(FormPainter& form) const
{
    using Cell = FormPainter::Cell;
    using Style = FormPainter::CellStyle;
    const Application& app = application();
    const Fees fees = feesToPrint(app);
    const bool institution = isInstitution(app.category);

    // 证书信息: 业务类型 | 续期年限 | 证书费用 | 快递费用, one row as on the guide's sample.
    form.section(QCoreApplication::translate("certdesk::Print", "%1 (fields marked * are required)")
                     .arg(QCoreApplication::translate("certdesk::Print", "Certificate information")));
    constexpr qreal label = 21.0;
    form.row({
        Cell {QCoreApplication::translate("certdesk::Print", "Business type"), label, Style::Label, true},
        Cell {
            QCoreApplication::translate("certdesk::Print", "Renewal + certificate algorithm upgrade"), 36.0},
        Cell {QCoreApplication::translate("certdesk::Print", "Renewal period"), label, Style::Label, true},
        Cell {QCoreApplication::translate("certdesk::Print", "%n year(s)", nullptr, app.years), 16.0},
        Cell {QCoreApplication::translate("certdesk::Print", "Certificate fee"), label, Style::Label, true},
        Cell {money(fees.certificateFen), 22.0},
        Cell {QCoreApplication::translate("certdesk::Print", "Express fee"), label, Style::Label, true},
        Cell {money(fees.expressFen), FormPainter::ContentWidthMm - 4 * label - 36.0 - 16.0 - 22.0},
    });
    form.skip(kGapMm);

    if (institution) {
        paintOrganization(form);
        form.skip(kGapMm);
        paintPerson(form, app.agent, true);
        form.skip(kGapMm);
        paintDeclaration(form,
            QCoreApplication::translate("certdesk::Print", "Declaration of the applying organisation"),
            QCoreApplication::translate("certdesk::Print",
                "This organisation authorises the agent named above to apply for and use the digital "
                "certificate, "
                "promises that the information filled in and the supporting documents submitted are true, "
                "and has "
                "carefully read and agrees to all provisions of the %1 Electronic Certification Service "
                "Agreement; "
                "in case of any violation, it accepts all consequences and bears the related legal "
                "liability.")
                .arg(caName()));
    } else {
        paintPerson(form, app.applicant, false);
        form.skip(kGapMm);
        paintDeclaration(form, QCoreApplication::translate("certdesk::Print", "Declaration of the applicant"),
            QCoreApplication::translate("certdesk::Print",
                "I promise that the information filled in and the supporting documents submitted are true, "
                "and I "
                "have carefully read and agree to all provisions of the %1 Electronic Certification Service "
                "Agreement; in case of any violation, I accept all consequences and bear the related legal "
                "liability.")
                .arg(caName()));
    }
    form.skip(kGapMm);
    paintSignatureRow(form);
}

ESealFormLayout::ESealFormLayout(const Application& application, FormOptions options)
    : PrintedForm(application, DocumentKind::ESealForm, std::move(options))
{ }

QString ESealFormLayout::title() const
{
    return QCoreApplication::translate("certdesk::Print", "Electronic Seal Collection Form");
}

void ESealFormLayout::paintBody(FormPainter& form) const
{
    const Application& app = application();
    const bool institution = isInstitution(app.category);
    if (institution) {
        paintOrganization(form);
        form.skip(kGapMm);
        paintPerson(form, app.agent, true);
    } else {
        paintPerson(form, app.applicant, false);
    }
    form.skip(kGapMm);

    // Two impressions, so the CA can pick the cleaner one for the electronic seal.
    if (institution) {
        form.section(QCoreApplication::translate("certdesk::Print", "Seal impressions"));
        form.paragraph(
            QCoreApplication::translate("certdesk::Print",
                "Stamp the organisation's official seal inside each box below: complete, clear, within "
                "the box and not retouched."),
            10.0);
    } else {
        form.section(QCoreApplication::translate("certdesk::Print", "Signature samples"));
        form.paragraph(
            QCoreApplication::translate("certdesk::Print",
                "Sign your full name inside each box below with a black pen: clear, complete and within "
                "the box."),
            10.0);
    }
    constexpr qreal boxHeight = 52.0;
    const qreal half = FormPainter::ContentWidthMm / 2;
    const qreal top = form.y();
    const QString colon
        = QCoreApplication::translate("certdesk::Print", "%1:", "a label followed by a colon");
    form.box(QRectF(FormPainter::MarginMm, top, half, boxHeight),
        colon.arg(institution ? QCoreApplication::translate("certdesk::Print", "Seal impression 1")
                              : QCoreApplication::translate("certdesk::Print", "Signature 1")));
    form.box(QRectF(FormPainter::MarginMm + half, top, half, boxHeight),
        colon.arg(institution ? QCoreApplication::translate("certdesk::Print", "Seal impression 2")
                              : QCoreApplication::translate("certdesk::Print", "Signature 2")));
    form.setY(top + boxHeight);
    form.skip(kGapMm);

    if (institution) {
        paintDeclaration(form,
            QCoreApplication::translate("certdesk::Print", "Declaration of the applying organisation"),
            QCoreApplication::translate("certdesk::Print",
                "This organisation confirms that the impressions above were made with its genuine official "
                "seal, "
                "agrees that %1 makes its electronic seal from them, and bears the related legal liability.")
                .arg(caName()));
    } else {
        paintDeclaration(form, QCoreApplication::translate("certdesk::Print", "Declaration of the applicant"),
            QCoreApplication::translate("certdesk::Print",
                "I confirm that the signatures above are in my own hand, agree that %1 makes my electronic "
                "signature from them, and bear the related legal liability.")
                .arg(caName()));
    }
    form.skip(kGapMm);
    paintSignatureRow(form);
}

} // namespace certdesk::print
