// The counter desk's parts without a service: the mailing label (its page size, its text layer read back
// with pdftotext, its QR code decoded with zbarimg, long addresses), the rows and rejection targets of an
// application per category, the PIN dialog (masked, OK only with matching new PINs, nothing kept after
// closing) and the PIN state warnings.
#include "Fixtures.h"
#include "TestEnvironment.h"
#include "counter/ApplicationDetails.h"
#include "domain/RegionModel.h"
#include "print/MailingLabel.h"
#include "print/PdfExport.h"
#include "widgets/PinDialog.h"

#include <QDialogButtonBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk;

namespace {

QString run(const QString& program, const QStringList& arguments)
{
    QProcess p;
    p.start(program, arguments);
    if (!p.waitForFinished(30000))
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString squash(QString text)
{
    return text.remove(QRegularExpression(QStringLiteral("\\s+")));
}

Application submitted(CertificateCategory category)
{
    Application a = test::afterLookup(category);
    a.id = QStringLiteral("0123456789abcdef0123456789abcdef");
    a.orderNo = QStringLiteral("CD202611200007");
    a.mailing = {QStringLiteral("440000"), QStringLiteral("440300"), QStringLiteral("440305"),
        QStringLiteral("科技园南区深南大道10000号腾讯大厦")};
    const Person person {QStringLiteral("李明"), QStringLiteral("440305199007151233"),
        QStringLiteral("13800138000"), QStringLiteral("liming@example.com")};
    if (isInstitution(category)) {
        a.organization = {QStringLiteral("深圳市星河测试科技有限公司"), QStringLiteral("91440300MA5H00001F"),
            QStringLiteral("深圳市南山区")};
        a.agent = person;
        a.bank = {QStringLiteral("深圳市星河测试科技有限公司"), QStringLiteral("102584000011"),
            QStringLiteral("中国工商银行股份有限公司深圳分行"), QStringLiteral("4000023009200188888")};
    } else {
        a.applicant = person;
    }
    return a;
}

} // namespace

class TestCounterUnits : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        test::fixEnvironment();
        QVERIFY(m_dir.isValid());
    }

    void mailingLabelPdf_data()
    {
        QTest::addColumn<int>("category");
        QTest::newRow("institution") << int(CertificateCategory::Institution);
        QTest::newRow("natural person") << int(CertificateCategory::NaturalPerson);
    }

    void mailingLabelPdf()
    {
        QFETCH(int, category);
        const Application a = submitted(CertificateCategory(category));
        const print::MailingLabel label(a, RegionModel::builtin(),
            {QStringLiteral("CertDesk Counter"), QStringLiteral("0755-12345678"), {}});
        QCOMPARE(label.recipientPhone(), QStringLiteral("13800138000")); // in full: the courier calls it
        QCOMPARE(label.recipientName(), QStringLiteral("李明"));
        QCOMPARE(
            label.recipientAddress(), QStringLiteral("广东省深圳市南山区科技园南区深南大道10000号腾讯大厦"));
        QCOMPARE(label.recipientOrganization().isEmpty(), !isInstitution(a.category));
        QCOMPARE(label.qrContent(), a.orderNo);

        const QString pdf = m_dir.filePath(QStringLiteral("label-%1.pdf").arg(category));
        // Through the same PDF export as the forms (whose text layer repair maps CJK radicals back).
        const print::PrintResult result = print::renderPdf(label, pdf);
        QVERIFY2(result.ok(), qPrintable(result.detail));
        const QString info = run(QStringLiteral("pdfinfo"), {pdf});
        // 100 x 150 mm = 283.46 x 425.2 pt, one page.
        QVERIFY2(info.contains(
                     QRegularExpression(QStringLiteral("Page size:\\s+283(\\.\\d+)? x 425(\\.\\d+)? pts"))),
            qPrintable(info));
        QVERIFY2(info.contains(QRegularExpression(QStringLiteral("Pages:\\s+1\\n"))), qPrintable(info));
        const QString text = squash(run(QStringLiteral("pdftotext"),
            {QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-")}));
        QStringList expected {a.orderNo, QStringLiteral("13800138000"), QStringLiteral("李明"),
            QStringLiteral("广东省深圳市南山区"), QStringLiteral("深南大道10000号"),
            QStringLiteral("CertDesk"), QStringLiteral("0755-12345678")};
        if (isInstitution(a.category))
            expected << a.organization.name;
        for (const QString& value : std::as_const(expected))
            QVERIFY2(text.contains(squash(value)),
                qPrintable(QStringLiteral("missing: %1 in %2").arg(value, text)));
        // Never the ID number: a label is not an identity document.
        QVERIFY(!text.contains(a.responsiblePerson().idNumber));

        // The QR code is the order number.
        QImage image(1000, 1500, QImage::Format_RGB32);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            label.paintPage(painter, QRectF(0, 0, 1000, 1500));
        }
        const QString path = m_dir.filePath(QStringLiteral("label-%1.png").arg(category));
        QVERIFY(image.save(path));
        QCOMPARE(
            run(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"), path}).trimmed(),
            a.orderNo);
    }

    void mailingLabelNamesEachRegionLevelOnce_data()
    {
        QTest::addColumn<QString>("street");
        QTest::addColumn<QString>("expected");
        QTest::newRow("street only") << QStringLiteral("科技园一路1号")
                                     << QStringLiteral("广东省深圳市南山区科技园一路1号");
        QTest::newRow("city and county typed") << QStringLiteral("深圳市南山区科技园一路1号")
                                               << QStringLiteral("广东省深圳市南山区科技园一路1号");
        QTest::newRow("county typed")
            << QStringLiteral("南山区科技园一路1号") << QStringLiteral("广东省深圳市南山区科技园一路1号");
        QTest::newRow("everything typed") << QStringLiteral("广东省深圳市南山区科技园一路1号")
                                          << QStringLiteral("广东省深圳市南山区科技园一路1号");
    }

    void mailingLabelNamesEachRegionLevelOnce()
    {
        QFETCH(QString, street);
        QFETCH(QString, expected);
        Application a = submitted(CertificateCategory::NaturalPerson);
        a.mailing.address = street;
        QCOMPARE(print::MailingLabel(a, RegionModel::builtin()).recipientAddress(), expected);
    }

    void mailingLabelWithALongAddressKeepsItsQrCode()
    {
        Application a = submitted(CertificateCategory::Institution);
        a.mailing.address = QString(QStringLiteral("很长的地址")).repeated(12);
        a.organization.name = QString(QStringLiteral("非常长的机构名称")).repeated(5);
        const print::MailingLabel label(a, RegionModel::builtin());
        QImage image(1000, 1500, QImage::Format_RGB32);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            label.paintPage(painter, QRectF(0, 0, 1000, 1500));
        }
        const QString path = m_dir.filePath(QStringLiteral("label-long.png"));
        QVERIFY(image.save(path));
        QCOMPARE(
            run(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"), path}).trimmed(),
            a.orderNo);
    }

    void mailingLabelNeedsAnOrder()
    {
        Application a = submitted(CertificateCategory::NaturalPerson);
        a.orderNo.clear();
        const print::MailingLabel label(a, RegionModel::builtin());
        QPdfWriter writer(m_dir.filePath(QStringLiteral("none.pdf")));
        QCOMPARE(label.print(writer).status, print::PrintStatus::NotSubmitted);
    }

    void fieldRowsPerCategory()
    {
        const Application institution = submitted(CertificateCategory::Institution);
        const auto rows = ui::applicationFieldRows(institution, RegionModel::builtin());
        QStringList targets;
        for (const auto& r : rows) {
            targets << r.target;
            QVERIFY2(
                !r.label.isEmpty() && r.label != r.target.mid(6), qPrintable(r.target)); // every field named
        }
        for (const char* path : {"organization.name", "organization.credential_number", "agent.mobile",
                 "agent.id_number", "bank.account_number", "bank.bank_code", "mailing.county_code",
                 "mailing.address", "invoice.kind", "years"})
            QVERIFY2(targets.contains(QStringLiteral("field:") + QLatin1String(path)), path);
        QVERIFY(!targets.contains(QStringLiteral("field:applicant.mobile")));
        // Unmasked for staff.
        const auto mobile = std::find_if(rows.cbegin(), rows.cend(),
            [](const auto& r) { return r.target == QLatin1String("field:agent.mobile"); });
        QCOMPARE(mobile->value, QStringLiteral("13800138000"));
        // The branch by its name (the code only when the service gave no name).
        Application named = institution;
        named.bank.bankCode = QStringLiteral("102584000022");
        named.bank.bankName = QStringLiteral("中国工商银行股份有限公司深圳南山支行");
        const auto bankRow = [](const Application& a) {
            const auto rows = ui::applicationFieldRows(a, RegionModel::builtin());
            return std::find_if(rows.cbegin(), rows.cend(), [](const auto& r) {
                return r.target == QLatin1String("field:bank.bank_code");
            })->value;
        };
        QCOMPARE(bankRow(named), named.bank.bankName);
        named.bank.bankName.clear();
        QCOMPARE(bankRow(named), QStringLiteral("102584000022"));

        const Application person = submitted(CertificateCategory::NaturalPerson);
        const auto personTargets = ui::rejectionTargets(person, RegionModel::builtin());
        QStringList names;
        for (const auto& t : personTargets)
            names << t.target;
        QVERIFY(names.contains(QStringLiteral("field:applicant.id_number")));
        QVERIFY(!names.contains(QStringLiteral("field:organization.name")));
        QVERIFY(!names.contains(QStringLiteral("document:business_license")));
        for (DocumentKind kind : requiredDocuments(CertificateCategory::NaturalPerson))
            QVERIFY(names.contains(QStringLiteral("document:") + documentKindToApi(kind)));
    }

    void detailsNameTheAcceptedAgreement()
    {
        // Staff see which text of the service agreement was accepted, and when (Asia/Shanghai).
        ui::ApplicationDetails details(RegionModel::builtin());
        Application a = submitted(CertificateCategory::Institution);
        a.acknowledgements.agreement = true;
        a.acknowledgements.agreementVersion = QStringLiteral("ca-2026-03");
        a.acknowledgements.acknowledgedAt = QDateTime(QDate(2026, 11, 20), QTime(2, 30), QTimeZone::utc());
        details.setApplication(a);
        QString summary = details.summaryText();
        QVERIFY2(summary.contains(ui::ApplicationDetails::tr("Service agreement: version %1 accepted")
                                      .arg(QStringLiteral("ca-2026-03"))),
            qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("2026-11-20 10:30")), qPrintable(summary));
        // A client that did not say which text it showed: said so, not left out.
        a.acknowledgements.agreementVersion.clear();
        details.setApplication(a);
        summary = details.summaryText();
        QVERIFY(!summary.contains(QStringLiteral("ca-2026-03")));
        QVERIFY2(
            summary.contains(ui::ApplicationDetails::tr("Service agreement: accepted, version not recorded")),
            qPrintable(summary));
        a.acknowledgements.agreement = false;
        details.setApplication(a);
        QVERIFY(
            details.summaryText().contains(ui::ApplicationDetails::tr("Service agreement: not accepted")));
    }

    void pinDialogChange()
    {
        ui::PinRequest request;
        request.tokenLabel = QStringLiteral("NEW UKEY");
        request.pin.minLength = 6;
        request.pin.maxLength = 16;
        ui::PinDialog dialog(ui::PinDialog::Mode::ChangeFromKnown, request);
        QVERIFY(!dialog.findChild<QLineEdit*>(QStringLiteral("oldPinEdit")));
        auto* newPin = dialog.findChild<QLineEdit*>(QStringLiteral("newPinEdit"));
        auto* repeat = dialog.findChild<QLineEdit*>(QStringLiteral("repeatPinEdit"));
        auto* ok = dialog.findChild<QPushButton*>(QStringLiteral("pinOkButton"));
        QVERIFY(newPin && repeat && ok);
        QCOMPARE(newPin->echoMode(), QLineEdit::Password);
        QCOMPARE(newPin->maxLength(), 16);
        QVERIFY(!ok->isEnabled());
        newPin->setText(QStringLiteral("1234"));
        repeat->setText(QStringLiteral("1234"));
        QVERIFY(!ok->isEnabled()); // shorter than the token's minimum
        newPin->setText(QStringLiteral("24681357"));
        repeat->setText(QStringLiteral("24681350"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(!dialog.findChild<QLabel*>(QStringLiteral("pinProblem"))->text().isEmpty());
        repeat->setText(QStringLiteral("24681357"));
        QVERIFY(ok->isEnabled());
        const ui::PinChange change = dialog.takeChange();
        QCOMPARE(change.newPin, QStringLiteral("24681357"));
        QVERIFY(change.oldPin.isEmpty());
        QVERIFY(newPin->text().isEmpty() && repeat->text().isEmpty()); // nothing left in the dialog
    }

    void pinDialogEnterShowsTheState()
    {
        ui::PinRequest request;
        request.tokenLabel = QStringLiteral("OLD UKEY");
        request.purpose = QStringLiteral("sign");
        request.pin.finalTry = true;
        ui::PinDialog dialog(ui::PinDialog::Mode::Enter, request);
        auto* state = dialog.findChild<QLabel*>(QStringLiteral("pinStateWarning"));
        QVERIFY(state);
        QCOMPARE(state->text(), ui::pinStateWarning(request.pin));
        auto* edit = dialog.findChild<QLineEdit*>(QStringLiteral("pinEdit"));
        QVERIFY(!edit->accessibleName().isEmpty());
        edit->setText(QStringLiteral("123456"));
        dialog.reject();
        QVERIFY(edit->text().isEmpty()); // cancelled: the typed PIN is gone too
    }

    void pinStateWarnings()
    {
        token::PinInfo pin;
        QVERIFY(ui::pinStateWarning(pin).isEmpty());
        pin.countLow = true;
        const QString low = ui::pinStateWarning(pin);
        pin.finalTry = true;
        const QString final = ui::pinStateWarning(pin);
        pin.locked = true;
        const QString locked = ui::pinStateWarning(pin);
        QVERIFY(!low.isEmpty() && !final.isEmpty() && !locked.isEmpty());
        QVERIFY(low != final && final != locked && low != locked);
    }
};

QTEST_MAIN(TestCounterUnits)
#include "tst_counter_units.moc"
