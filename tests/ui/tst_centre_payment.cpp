// The payment page against the real certdesk-server (sandbox): Alipay for a natural person (no corporate
// transfer offered), corporate transfer for an institution with copyable payee details and the counter's
// confirmation, an expired-looking QR refused by the widget, and the e-invoice status afterwards.
#include "CentreFixture.h"
#include "FindWidget.h"
#include "TestEnvironment.h"
#include "centre/ApplicationCentre.h"
#include "centre/BackoffPoller.h"
#include "centre/PaymentPage.h"
#include "domain/Privacy.h"
#include "widgets/QrWidget.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>

using namespace certdesk;
using namespace certdesk::test;
using ui::ApplicationCentre;
using ui::PaymentPage;

namespace {

constexpr int Timeout = 30000;

} // namespace

class TestCentrePayment : public QObject
{
    Q_OBJECT
private:
    CentreServer m_server;
    QTemporaryDir m_dir;
    FakeFileChooser m_files;
    FakePrintService m_printer;
    FakeNotifier m_notifier;

    std::unique_ptr<ApplicationCentre> openCentre(const CreatedApp& app)
    {
        auto centre = std::make_unique<ApplicationCentre>(m_server.applicant.get(), app.id, app.token,
            fakeServices(&m_files, &m_printer, &m_notifier, nullptr));
        centre->resize(1366, 768);
        centre->show();
        return centre;
    }

private Q_SLOTS:
    void initTestCase()
    {
        fixEnvironment();
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
    }

    void notReadyUntilDocumentsAndLiveness()
    {
        CreatedApp app;
        QString error;
        QVERIFY2(createApplication(m_server, CertificateCategory::NaturalPerson, &app, &error, 1),
            qPrintable(error));
        auto centre = openCentre(app);
        QTRY_VERIFY_WITH_TIMEOUT(centre->session()->isLoaded(), Timeout);
        centre->showPage(ApplicationCentre::PaymentTab);
        PaymentPage* page = centre->paymentPage();
        QCOMPARE(page->state(), PaymentPage::State::NotReady);
        QVERIFY(!findWidget<QPushButton>(page, QStringLiteral("payButton"))->isEnabled());
        const QString why = findWidget<QLabel>(page, QStringLiteral("paymentNotReady"))->text();
        QVERIFY(why.contains(QStringLiteral("upload the documents")));
        QVERIFY(why.contains(QStringLiteral("identity check")));
        // No scanner configured and not a kiosk: files only.
        QVERIFY(!findWidget<QPushButton>(centre.get(), QStringLiteral("documentScan_id_card"))->isVisible());
    }

    void naturalPersonPaysByAlipay()
    {
        CreatedApp app;
        QString error;
        QVERIFY2(createApplication(m_server, CertificateCategory::NaturalPerson, &app, &error, 2),
            qPrintable(error));
        QVERIFY2(prepareForPayment(m_server, app, &error), qPrintable(error));
        auto centre = openCentre(app);
        QTRY_VERIFY_WITH_TIMEOUT(centre->session()->isLoaded(), Timeout);
        // Opened at the step the person is at.
        QCOMPARE(centre->currentPage(), ApplicationCentre::PaymentTab);
        PaymentPage* page = centre->paymentPage();
        QTRY_COMPARE_WITH_TIMEOUT(page->state(), PaymentPage::State::Choosing, Timeout);
        QCOMPARE(findWidget<QLabel>(page, QStringLiteral("orderValue_total"))->text(),
            QStringLiteral("60.00 yuan"));
        QCOMPARE(findWidget<QLabel>(page, QStringLiteral("orderValue_description"))->text(),
            QStringLiteral("1-year %1 algorithm upgrade")
                .arg(categoryDisplayName(CertificateCategory::NaturalPerson)));
        // 对公账号付款 is for institutions only.
        QVERIFY(!findWidget<QRadioButton>(page, QStringLiteral("payTransfer"))->isVisible());

        findWidget<QRadioButton>(page, QStringLiteral("payAlipay"))->click();
        findWidget<QPushButton>(page, QStringLiteral("payButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(page->state(), PaymentPage::State::Waiting, Timeout);
        QVERIFY(findWidget<QLabel>(page, QStringLiteral("paymentQrCaption"))
                    ->text()
                    .contains(QStringLiteral("Alipay")));
        QString zbarError;
        QCOMPARE(decodeQr(page->qrWidget(), m_dir, &zbarError), page->payment().qrContent);
        QVERIFY(page->poller()->isRunning());

        // Leaving the page pauses the polling; coming back resumes it.
        centre->showPage(ApplicationCentre::StatusTab);
        QVERIFY(page->poller()->isPaused());
        centre->showPage(ApplicationCentre::PaymentTab);
        QVERIFY(!page->poller()->isPaused());

        // The sandbox page the QR opens, in the browser (training mode).
        findWidget<QPushButton>(page, QStringLiteral("paymentOpenButton"))->click();
        QCOMPARE(m_notifier.opened.last(), QUrl(page->payment().qrContent));

        QVERIFY(await(m_server.applicant->sandboxCompletePayment(page->payment().paymentId)).ok());
        QTRY_COMPARE_WITH_TIMEOUT(page->state(), PaymentPage::State::Paid, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(
            centre->session()->application().status, ApplicationStatus::InReview, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(page->invoice().has_value(), Timeout);
        const QString invoice = findWidget<QLabel>(page, QStringLiteral("invoiceStatus"))->text();
        QVERIFY2(invoice.contains(maskEmail(app.application.applicant.email).toHtmlEscaped()),
            qPrintable(invoice));
        QVERIFY(!invoice.contains(app.application.applicant.email));
        QVERIFY(findWidget<QLabel>(page, QStringLiteral("paymentNextStep"))
                    ->text()
                    .contains(QStringLiteral("applicant")));
    }

    void institutionPaysByCorporateTransfer()
    {
        CreatedApp app;
        QString error;
        QVERIFY2(createApplication(m_server, CertificateCategory::Institution, &app, &error, 3),
            qPrintable(error));
        QVERIFY2(prepareForPayment(m_server, app, &error), qPrintable(error));
        auto centre = openCentre(app);
        QTRY_VERIFY_WITH_TIMEOUT(centre->session()->isLoaded(), Timeout);
        PaymentPage* page = centre->paymentPage();
        centre->showPage(ApplicationCentre::PaymentTab);
        QTRY_COMPARE_WITH_TIMEOUT(page->state(), PaymentPage::State::Choosing, Timeout);
        auto* transfer = findWidget<QRadioButton>(page, QStringLiteral("payTransfer"));
        QVERIFY(transfer->isVisible());
        transfer->click();
        findWidget<QPushButton>(page, QStringLiteral("payButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(page->state(), PaymentPage::State::Waiting, Timeout);
        QVERIFY(page->payment().transfer.has_value());
        const api::TransferInstructions t = *page->payment().transfer;
        QVERIFY(findWidget<QWidget>(page, QStringLiteral("transferPanel"))->isVisible());
        QCOMPARE(findWidget<QLabel>(page, QStringLiteral("transferValue_payeeName"))->text(), t.payeeName);
        QCOMPARE(findWidget<QLabel>(page, QStringLiteral("transferValue_bank"))->text(), t.bank);
        QCOMPARE(findWidget<QLabel>(page, QStringLiteral("transferValue_reference"))->text(), t.reference);
        QCOMPARE(findWidget<QLabel>(page, QStringLiteral("transferValue_amount"))->text(),
            QStringLiteral("360.00 yuan"));
        // Each value copies with its button; the account number without the reading spaces.
        findWidget<QPushButton>(page, QStringLiteral("transferCopy_reference"))->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), t.reference);
        findWidget<QPushButton>(page, QStringLiteral("transferCopy_accountNumber"))->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), QString(t.accountNumber).remove(QLatin1Char(' ')));
        findWidget<QPushButton>(page, QStringLiteral("transferCopy_payeeName"))->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), t.payeeName);

        // The CA's counter confirms the money arrived; the page notices by polling.
        QVERIFY(await(m_server.counter->confirmPayment(page->payment().paymentId)).ok());
        QTRY_COMPARE_WITH_TIMEOUT(page->state(), PaymentPage::State::Paid, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(
            centre->session()->application().status, ApplicationStatus::InReview, Timeout);
        QVERIFY(!page->poller()->isRunning());
    }
};

QTEST_MAIN(TestCentrePayment)
#include "tst_centre_payment.moc"
