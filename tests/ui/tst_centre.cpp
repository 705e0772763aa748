// The application centre against the real certdesk-server (sandbox, random loopback port): one institution
// application from "just submitted" to "in review", through the GUI: letter PDF and print, uploads (good and
// bad files, scanner, drag and drop), WeChat liveness by QR code (fail, new code, pass), WeChat payment,
// rejection with links to the field and the document, fix and resubmit; then issuance and shipment show the
// tracking number.
#include "CentreFixture.h"
#include "FindWidget.h"
#include "TestEnvironment.h"
#include "centre/ApplicationCentre.h"
#include "centre/BackoffPoller.h"
#include "centre/DocumentSlot.h"
#include "centre/DocumentsPage.h"
#include "centre/LetterPage.h"
#include "centre/LivenessPage.h"
#include "centre/PaymentPage.h"
#include "centre/StatusPage.h"
#include "documents/DocumentError.h"
#include "domain/Privacy.h"
#include "pki/Sm2Key.h"
#include "widgets/OldCertificateStatusLabel.h"
#include "widgets/QrWidget.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTimeZone>
#include <QTreeWidget>

using namespace certdesk;
using namespace certdesk::test;
using ui::ApplicationCentre;
using ui::DocumentSlot;

namespace {

QString labelText(QWidget* root, const QString& name)
{
    return findWidget<QLabel>(root, name)->text();
}

constexpr int Timeout = 30000;

} // namespace

class TestCentre : public QObject
{
    Q_OBJECT
private:
    CentreServer m_server;
    CreatedApp m_app;
    QTemporaryDir m_dir;
    FakeFileChooser m_files;
    FakePrintService m_printer;
    FakeNotifier m_notifier;
    FakeScanSource m_scanner;
    std::unique_ptr<ApplicationCentre> m_centre;

    QList<api::StoredDocument> storedDocuments()
    {
        auto r = await(m_server.applicant->documents(m_app.id, m_app.token));
        return r.ok() ? r.value() : QList<api::StoredDocument> {};
    }

    Application serverApplication()
    {
        auto r = await(m_server.applicant->getApplication(m_app.id, m_app.token));
        return r.ok() ? r.value() : Application {};
    }

    DocumentSlot* slot(DocumentKind kind) { return m_centre->documentsPage()->slotFor(kind); }

    // Chooses `path` through the fake file chooser for `kind` and waits until the slot is idle again.
    void chooseAndWait(DocumentKind kind, const QString& path)
    {
        m_files.openAnswers = {path};
        DocumentSlot* s = slot(kind);
        QVERIFY(s);
        findWidget<QPushButton>(s, QStringLiteral("documentChoose_") + documentKindToApi(kind))->click();
        QVERIFY(s->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!s->isBusy(), Timeout);
    }

private Q_SLOTS:
    void initTestCase()
    {
        fixEnvironment();
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        QVERIFY2(
            createApplication(m_server, CertificateCategory::Institution, &m_app, &error), qPrintable(error));
        m_centre = std::make_unique<ApplicationCentre>(m_server.applicant.get(), m_app.id, m_app.token,
            fakeServices(&m_files, &m_printer, &m_notifier, &m_scanner));
        m_centre->resize(1366, 768);
        m_centre->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_centre->session()->isLoaded(), Timeout);
    }

    void cleanupTestCase() { m_centre.reset(); }

    void headerShowsOrderStatusAndStep()
    {
        QVERIFY(labelText(m_centre.get(), QStringLiteral("centreTitle")).contains(m_app.orderNo));
        QCOMPARE(labelText(m_centre.get(), QStringLiteral("centreStatus")),
            statusDisplayName(ApplicationStatus::Draft));
        QCOMPARE(m_centre->currentStep(), ui::CentreStep::Letter);
        // Opened where the person is: print the letter.
        QCOMPARE(m_centre->currentPage(), ApplicationCentre::LetterTab);
        QVERIFY(labelText(m_centre.get(), QStringLiteral("centreStep_1"))
                    .contains(ui::centreStepName(ui::CentreStep::Letter)));
        // Every interactive widget has an object name; buttons also an accessible text.
        for (QPushButton* b : m_centre->findChildren<QPushButton*>()) {
            QVERIFY2(!b->objectName().isEmpty(), qPrintable(b->text()));
            QVERIFY2(!b->text().isEmpty() || !b->accessibleName().isEmpty(), qPrintable(b->objectName()));
        }
    }

    void letterPrintPreviewAndPdf()
    {
        findWidget<QPushButton>(m_centre.get(), QStringLiteral("letterPreviewButton"))->click();
        QCOMPARE(m_printer.previews, 1);
        QVERIFY(!m_printer.lastPage.isNull());
        findWidget<QPushButton>(m_centre.get(), QStringLiteral("letterPrintButton"))->click();
        QCOMPARE(m_printer.prints, 1);
        QVERIFY(m_centre->letterPage()->statusText().contains(QStringLiteral("printer")));

        m_files.saveAnswer = m_dir.filePath(QStringLiteral("letter.pdf"));
        findWidget<QPushButton>(m_centre.get(), QStringLiteral("letterSavePdfButton"))->click();
        QVERIFY(QFile::exists(m_files.saveAnswer));
        QVERIFY(m_files.lastSuggestedName.contains(m_app.orderNo));
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {m_files.saveAnswer, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(30000));
        const QString content = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(content.contains(m_app.orderNo), qPrintable(content.left(400)));
        QVERIFY(content.contains(m_app.application.agent.name));

        // 模板下载 of the 电子印章采集表, from the letter page and from the upload slot.
        m_files.saveAnswer = m_dir.filePath(QStringLiteral("eseal.pdf"));
        findWidget<QPushButton>(m_centre.get(), QStringLiteral("eSealTemplateButton"))->click();
        QVERIFY(QFile::exists(m_files.saveAnswer));
        QFile::remove(m_files.saveAnswer);
        findWidget<QPushButton>(m_centre.get(), QStringLiteral("documentTemplate_e_seal_form"))->click();
        QVERIFY(QFile::exists(m_files.saveAnswer));
    }

    void letterPreviewZooms()
    {
        // At 1366×768 the whole sheet is too small to read: the form opens as wide as the pane, and the zoom
        // gives the printed size or larger, scrolling.
        m_centre->showPage(ApplicationCentre::LetterTab);
        ui::LetterPage* letter = m_centre->letterPage();
        auto* scroll = findWidget<QScrollArea>(m_centre.get(), QStringLiteral("letterPreviewScroll"));
        QCOMPARE(letter->zoom(), ui::LetterPage::Zoom::PageWidth);
        QTRY_VERIFY_WITH_TIMEOUT(
            letter->previewSize().width() > scroll->viewport()->width() * 9 / 10, Timeout);
        QVERIFY(letter->previewSize().height() > scroll->viewport()->height());
        letter->setZoom(ui::LetterPage::Zoom::WholePage);
        QTRY_VERIFY_WITH_TIMEOUT(letter->previewSize().height() <= scroll->viewport()->height(), Timeout);
        const int whole = letter->previewSize().height();
        letter->setZoom(ui::LetterPage::Zoom::Large);
        const double a4 = 210.0 / 25.4 * letter->logicalDpiX(); // A4's width at the printed size
        QCOMPARE(letter->previewSize().width(), int(a4 * 1.5));
        QVERIFY(letter->previewSize().height() > whole * 2);
        // The zoom box drives the same setting.
        auto* box = findWidget<QComboBox>(m_centre.get(), QStringLiteral("letterZoom"));
        QCOMPARE(box->currentData().toInt(), int(ui::LetterPage::Zoom::Large));
        box->setCurrentIndex(box->findData(int(ui::LetterPage::Zoom::Actual)));
        Q_EMIT box->activated(box->currentIndex());
        QCOMPARE(letter->previewSize().width(), int(a4));
        letter->setZoom(ui::LetterPage::Zoom::PageWidth);
    }

    void badFilesAreRefusedAndNothingIsUploaded_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QByteArray exe("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", 16);
        exe += QByteArray(4096, 'x');
        QTest::newRow("renamed exe") << QStringLiteral("licence.jpg") << exe
                                     << int(documents::DocumentStatus::UnsupportedType);
        QByteArray corrupt = makeJpeg(QSize(800, 600));
        corrupt.truncate(300); // header and a little data: looks like a JPEG, does not decode
        corrupt += QByteArray(300, '\0');
        QTest::newRow("corrupt jpeg")
            << QStringLiteral("scan.jpg") << corrupt << int(documents::DocumentStatus::CorruptImage);
        QByteArray pdf("%PDF-1.4\n");
        pdf += QByteArray(6 * 1024 * 1024, 'a');
        pdf += "\n%%EOF\n";
        QTest::newRow("oversized pdf")
            << QStringLiteral("form.pdf") << pdf << int(documents::DocumentStatus::PdfTooLarge);
    }

    void badFilesAreRefusedAndNothingIsUploaded()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        m_centre->showPage(ApplicationCentre::DocumentsTab);
        const QString path = writeFile(m_dir, name, bytes);
        QVERIFY(!path.isEmpty());
        chooseAndWait(DocumentKind::BusinessLicense, path);
        DocumentSlot* s = slot(DocumentKind::BusinessLicense);
        const QString expected = documents::documentStatusMessage(
            documents::DocumentStatus(status), m_centre->session()->config().maxDocumentBytes);
        QVERIFY2(
            s->errorText().contains(expected), qPrintable(s->errorText() + QStringLiteral(" / ") + expected));
        QVERIFY(s->errorText().contains(QStringLiteral("Nothing was uploaded")));
        QVERIFY(storedDocuments().isEmpty());
        QCOMPARE(s->statusText(), QStringLiteral("Not uploaded yet."));
    }

    void cancelStopsAScanAndUploadsNothing()
    {
        m_centre->showPage(ApplicationCentre::DocumentsTab);
        DocumentSlot* s = slot(DocumentKind::IdCard);
        m_scanner.holdUntilCancelled = true;
        findWidget<QPushButton>(s, QStringLiteral("documentScan_id_card"))->click();
        QVERIFY(s->isBusy());
        auto* cancel = findWidget<QPushButton>(s, QStringLiteral("documentCancel_id_card"));
        QVERIFY(cancel->isVisible());
        // One scan at a time: the other slots wait for the scanner.
        QVERIFY(!findWidget<QPushButton>(
            slot(DocumentKind::ApplicationForm), QStringLiteral("documentScan_application_form"))
                     ->isEnabled());
        QVERIFY(findWidget<QProgressBar>(s, QStringLiteral("documentProgress_id_card"))->isVisible());
        cancel->click();
        QTRY_VERIFY_WITH_TIMEOUT(!s->isBusy(), Timeout);
        m_scanner.holdUntilCancelled = false;
        QVERIFY(s->errorText().isEmpty()); // cancelling is not an error
        QVERIFY(!cancel->isVisible());
        QVERIFY(findWidget<QPushButton>(
            slot(DocumentKind::ApplicationForm), QStringLiteral("documentScan_application_form"))
                    ->isEnabled());
        QVERIFY(storedDocuments().isEmpty());
        m_scanner.scans = 0;
    }

    void goodJpegScannerAndDropAreUploaded()
    {
        // A 24-megapixel photo is normalised under the limit before it goes out.
        const QString big
            = writeFile(m_dir, QStringLiteral("licence.jpg"), makeJpeg(QSize(6000, 4000), 2, 95));
        QSignalSpy refreshed(m_centre->session(), &ui::CentreSession::applicationChanged);
        chooseAndWait(DocumentKind::BusinessLicense, big);
        DocumentSlot* licence = slot(DocumentKind::BusinessLicense);
        QVERIFY2(licence->errorText().isEmpty(), qPrintable(licence->errorText()));
        QVERIFY(licence->statusText().startsWith(QStringLiteral("Uploaded")));
        QVERIFY(!findWidget<QLabel>(licence, QStringLiteral("documentThumbnail_business_license"))
                     ->pixmap()
                     .isNull());
        QList<api::StoredDocument> stored = storedDocuments();
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().kind, DocumentKind::BusinessLicense);
        QCOMPARE(stored.first().contentType, QStringLiteral("image/jpeg"));
        QVERIFY(stored.first().size <= m_centre->session()->config().maxDocumentBytes);
        QTRY_VERIFY_WITH_TIMEOUT(!refreshed.isEmpty(), Timeout);
        QCOMPARE(m_centre->currentStep(), ui::CentreStep::Documents);

        // The scanner (a fake ScanSource behind the same interface as SANE).
        DocumentSlot* idCard = slot(DocumentKind::IdCard);
        findWidget<QPushButton>(idCard, QStringLiteral("documentScan_id_card"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!idCard->isBusy(), Timeout);
        QCOMPARE(m_scanner.scans, 1);
        QVERIFY2(idCard->errorText().isEmpty(), qPrintable(idCard->errorText()));

        // Drag and drop of a file onto the slot.
        DocumentSlot* form = slot(DocumentKind::ApplicationForm);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(
            writeFile(m_dir, QStringLiteral("form.jpg"), makeJpeg(QSize(1240, 1754), 5)))});
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(form, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(form, &drop);
        QVERIFY(form->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!form->isBusy(), Timeout);
        QVERIFY2(form->errorText().isEmpty(), qPrintable(form->errorText()));

        chooseAndWait(DocumentKind::ESealForm, writeFile(m_dir, QStringLiteral("eseal.png"), [] {
            QImage img(1000, 1400, QImage::Format_RGB32);
            img.fill(Qt::white);
            QByteArray bytes;
            QBuffer b(&bytes);
            b.open(QIODevice::WriteOnly);
            img.save(&b, "PNG");
            return bytes;
        }()));
        QCOMPARE(storedDocuments().size(), 4);
        QTRY_COMPARE_WITH_TIMEOUT(m_centre->currentStep(), ui::CentreStep::Liveness, Timeout);
        auto* next = findWidget<QPushButton>(m_centre.get(), QStringLiteral("documentsNextButton"));
        QVERIFY(next->isEnabled());
        next->click();
        QCOMPARE(m_centre->currentPage(), ApplicationCentre::LivenessTab);
    }

    void livenessFailsThenPassesWithANewCode()
    {
        ui::LivenessPage* page = m_centre->livenessPage();
        m_centre->showPage(ApplicationCentre::LivenessTab);
        QTRY_COMPARE_WITH_TIMEOUT(page->state(), ui::LivenessPage::State::Waiting, Timeout);
        // Who must scan: the agent, masked.
        const QString who = labelText(page, QStringLiteral("livenessPerson"));
        QVERIFY(who.contains(maskName(m_app.application.agent.name)));
        QVERIFY(who.contains(maskIdNumber(m_app.application.agent.idNumber)));
        QVERIFY(!who.contains(m_app.application.agent.idNumber));

        // The QR code on screen is exactly the service's qr_content, crisp enough for a phone.
        ui::QrWidget* qr = page->qrWidget();
        QVERIFY(qr->modulePixels() >= ui::QrWidget::MinModulePixels);
        QString error;
        const QString decoded = decodeQr(qr, m_dir, &error);
        QVERIFY2(!decoded.isEmpty(), qPrintable(error));
        QCOMPARE(decoded, page->qrContent());
        auto status = await(m_server.applicant->livenessStatus(m_app.id, m_app.token));
        QVERIFY(status.ok());
        QCOMPARE(decoded,
            m_server.server.baseUrl().toString() + QStringLiteral("/sandbox/liveness/") + page->sessionId());

        // Someone else's ID number: failed, with the reason and what to do.
        const Person& agent = m_app.application.agent;
        auto failed = await(m_server.applicant->sandboxLiveness(
            page->sessionId(), agent.name, QStringLiteral("11010519491231002X"), true));
        QVERIFY(failed.ok());
        QCOMPARE(failed->status, LivenessState::Failed);
        QTRY_COMPARE_WITH_TIMEOUT(page->state(), ui::LivenessPage::State::Failed, Timeout);
        QVERIFY(labelText(page, QStringLiteral("livenessAdvice")).contains(failed->reason));
        QVERIFY(labelText(page, QStringLiteral("livenessAdvice"))
                    .contains(QStringLiteral("must match the form")));
        auto* newCode = findWidget<QPushButton>(page, QStringLiteral("livenessNewCodeButton"));
        QVERIFY(newCode->isVisible());

        const QString firstSession = page->sessionId();
        newCode->click();
        QTRY_COMPARE_WITH_TIMEOUT(page->state(), ui::LivenessPage::State::Waiting, Timeout);
        QVERIFY(page->sessionId() != firstSession);
        QCOMPARE(decodeQr(qr, m_dir), page->qrContent());

        auto passed
            = await(m_server.applicant->sandboxLiveness(page->sessionId(), agent.name, agent.idNumber, true));
        QVERIFY(passed.ok());
        QTRY_COMPARE_WITH_TIMEOUT(page->state(), ui::LivenessPage::State::Passed, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_centre->session()->application().checklist.liveness, LivenessState::Passed, Timeout);
        QVERIFY(!page->poller()->isRunning());
        QCOMPARE(m_centre->currentStep(), ui::CentreStep::Payment);
        findWidget<QPushButton>(page, QStringLiteral("livenessNextButton"))->click();
        QCOMPARE(m_centre->currentPage(), ApplicationCentre::PaymentTab);
    }

    void payByWeChat()
    {
        ui::PaymentPage* page = m_centre->paymentPage();
        QTRY_COMPARE_WITH_TIMEOUT(page->state(), ui::PaymentPage::State::Choosing, Timeout);
        // The order as the guide shows it.
        QCOMPARE(labelText(page, QStringLiteral("orderValue_orderNo")), m_app.orderNo);
        QCOMPARE(labelText(page, QStringLiteral("orderValue_service")), QStringLiteral("Algorithm upgrade"));
        QCOMPARE(labelText(page, QStringLiteral("orderValue_description")),
            QStringLiteral("1-year %1 algorithm upgrade")
                .arg(categoryDisplayName(CertificateCategory::Institution)));
        QCOMPARE(labelText(page, QStringLiteral("orderValue_years")), QStringLiteral("1 year(s)"));
        QCOMPARE(labelText(page, QStringLiteral("orderValue_certificateFee")), QStringLiteral("360.00 yuan"));
        QCOMPARE(labelText(page, QStringLiteral("orderValue_expressFee")), QStringLiteral("0.00 yuan"));
        QCOMPARE(labelText(page, QStringLiteral("orderValue_total")), QStringLiteral("360.00 yuan"));
        QVERIFY(findWidget<QRadioButton>(page, QStringLiteral("payTransfer"))
                    ->isVisible()); // institutions may transfer

        findWidget<QRadioButton>(page, QStringLiteral("payWeChat"))->click();
        findWidget<QPushButton>(page, QStringLiteral("payButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(page->state(), ui::PaymentPage::State::Waiting, Timeout);
        QCOMPARE(page->payment().amountFen, 36000);
        QVERIFY(page->qrWidget()->modulePixels() >= ui::QrWidget::MinModulePixels);
        QString error;
        const QString decoded = decodeQr(page->qrWidget(), m_dir, &error);
        QVERIFY2(!decoded.isEmpty(), qPrintable(error));
        QCOMPARE(decoded, page->payment().qrContent);
        QCOMPARE(decoded,
            m_server.server.baseUrl().toString() + QStringLiteral("/sandbox/pay/")
                + page->payment().paymentId);

        auto paid = await(m_server.applicant->sandboxCompletePayment(page->payment().paymentId));
        QVERIFY(paid.ok());
        QTRY_COMPARE_WITH_TIMEOUT(page->state(), ui::PaymentPage::State::Paid, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_centre->session()->application().status, ApplicationStatus::InReview, Timeout);
        QCOMPARE(labelText(m_centre.get(), QStringLiteral("centreStatus")),
            statusDisplayName(ApplicationStatus::InReview));
        QCOMPARE(m_centre->currentStep(), ui::CentreStep::Review);
        // The e-invoice went to the agent's phone and e-mail, shown masked.
        QTRY_VERIFY_WITH_TIMEOUT(page->invoice().has_value() && page->invoice()->issued, Timeout);
        const QString invoice = labelText(page, QStringLiteral("invoiceStatus"));
        QVERIFY2(invoice.contains(maskMobile(m_app.application.agent.mobile)), qPrintable(invoice));
        QVERIFY(!invoice.contains(m_app.application.agent.mobile));
        QVERIFY(labelText(page, QStringLiteral("paymentNextStep")).contains(QStringLiteral("review")));
        // Nothing to upload any more.
        QVERIFY(!findWidget<QPushButton>(slot(DocumentKind::IdCard), QStringLiteral("documentChoose_id_card"))
                     ->isEnabled());
    }

    void rejectionLinksToFieldAndDocumentThenResubmit()
    {
        const QList<RejectionReason> reasons {
            {QStringLiteral("field:agent.mobile"), QStringLiteral("The mobile number cannot be reached.")},
            {QStringLiteral("document:business_license"),
                QStringLiteral("The seal on the licence is not legible.")},
        };
        auto rejected = await(m_server.reviewer->reject(m_app.id, reasons));
        QVERIFY(rejected.ok());
        findWidget<QPushButton>(m_centre.get(), QStringLiteral("centreRefreshButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            m_centre->session()->application().status, ApplicationStatus::Rejected, Timeout);
        m_centre->showPage(ApplicationCentre::StatusTab);
        QVERIFY(findWidget<QWidget>(m_centre.get(), QStringLiteral("rejectionBox"))->isVisible());
        QVERIFY(labelText(m_centre.get(), QStringLiteral("rejectionReason_0")).contains(reasons[0].message));
        QVERIFY(labelText(m_centre.get(), QStringLiteral("rejectionReason_1")).contains(reasons[1].message));

        // The field reason opens the wizard at agent.mobile.
        QSignalSpy edit(m_centre.get(), &ApplicationCentre::editRequested);
        findWidget<QPushButton>(m_centre.get(), QStringLiteral("rejectionFix_0"))->click();
        QCOMPARE(edit.size(), 1);
        const auto errors = edit.first().first().value<FieldErrors>();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().field, QStringLiteral("agent.mobile"));
        QCOMPARE(errors.first().message, reasons[0].message);

        // The document reason opens its slot, which shows the reason too.
        findWidget<QPushButton>(m_centre.get(), QStringLiteral("rejectionFix_1"))->click();
        QCOMPARE(m_centre->currentPage(), ApplicationCentre::DocumentsTab);
        QVERIFY(labelText(
            slot(DocumentKind::BusinessLicense), QStringLiteral("documentRejection_business_license"))
                    .contains(reasons[1].message));

        // Resubmitting before fixing anything is refused with a clear message.
        m_centre->showPage(ApplicationCentre::StatusTab);
        auto* resubmit = findWidget<QPushButton>(m_centre.get(), QStringLiteral("resubmitButton"));
        QVERIFY(resubmit->isVisible());
        resubmit->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            m_centre->statusPage()->resultText().contains(QStringLiteral("Not every point")), Timeout);

        // Fix: the form (as the wizard's PUT does) and a new licence scan in its slot.
        Application fixed = m_app.application;
        fixed.agent.mobile = QStringLiteral("13800138099");
        auto updated = await(m_server.applicant->updateApplication(m_app.id, m_app.token, fixed));
        QVERIFY2(updated.ok(), qPrintable(updated.ok() ? QString() : describe(updated.error())));
        m_centre->showPage(ApplicationCentre::DocumentsTab);
        chooseAndWait(DocumentKind::BusinessLicense,
            writeFile(m_dir, QStringLiteral("licence2.jpg"), makeJpeg(QSize(1654, 2339), 9)));
        QVERIFY2(slot(DocumentKind::BusinessLicense)->errorText().isEmpty(),
            qPrintable(slot(DocumentKind::BusinessLicense)->errorText()));

        m_centre->showPage(ApplicationCentre::StatusTab);
        QTRY_VERIFY_WITH_TIMEOUT(resubmit->isEnabled(), Timeout);
        resubmit->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            m_centre->session()->application().status, ApplicationStatus::InReview, Timeout);
        QCOMPARE(serverApplication().checklist.payment, PaymentState::Paid); // no second payment
        QVERIFY(!findWidget<QWidget>(m_centre.get(), QStringLiteral("rejectionBox"))->isVisible());
        // The timeline lists the rejection and the return to review, newest first.
        auto* timeline = findWidget<QTreeWidget>(m_centre.get(), QStringLiteral("timelineList"));
        QVERIFY(timeline->topLevelItemCount() >= 3);
        QCOMPARE(timeline->topLevelItem(0)->text(1), statusDisplayName(ApplicationStatus::InReview));
    }

    void shipmentShowsTheTrackingNumber()
    {
        QVERIFY(await(m_server.reviewer->approve(m_app.id)).ok());
        auto transport = pki::Sm2Key::generate();
        QVERIFY(bool(transport));
        auto issuance = await(m_server.counter->issue(m_app.id, transport->subjectPublicKeyInfo(), {}));
        QVERIFY2(issuance.ok(), qPrintable(issuance.ok() ? QString() : describe(issuance.error())));
        QVERIFY(await(m_server.counter->confirmIssuance(
                          m_app.id, issuance->issuanceId, QStringLiteral("T-1"), QStringLiteral("CertDesk")))
                    .ok());
        QVERIFY(await(m_server.counter->recordShipment(
                          m_app.id, QStringLiteral("SF Express"), QStringLiteral("SF1234567890")))
                    .ok());
        m_centre->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(
            m_centre->session()->application().status, ApplicationStatus::Shipped, Timeout);
        QVERIFY(findWidget<QWidget>(m_centre.get(), QStringLiteral("shipmentBox"))->isVisible());
        QCOMPARE(labelText(m_centre.get(), QStringLiteral("shipmentCarrier")), QStringLiteral("SF Express"));
        QCOMPARE(
            labelText(m_centre.get(), QStringLiteral("shipmentTrackingNo")), QStringLiteral("SF1234567890"));
        // The old certificate's status line: revoked at the confirmation, as the CA's OCSP responder says
        // (the answer verified against the legacy CA before it is shown).
        auto* oldStatus = findWidget<ui::OldCertificateStatusLabel>(
            m_centre.get(), QStringLiteral("oldCertificateStatus"));
        QTRY_VERIFY_WITH_TIMEOUT(oldStatus->lastStatus().has_value(), Timeout);
        QCOMPARE(oldStatus->lastStatus()->outcome, issuance::OldCertificateStatus::Outcome::Checked);
        QCOMPARE(oldStatus->lastStatus()->status, pki::OcspCertStatus::Revoked);
        QCOMPARE(oldStatus->lastStatus()->reason, 4); // superseded
        QVERIFY(oldStatus->isVisible());
        QVERIFY2(oldStatus->text().contains(m_centre->session()->application().serial),
            qPrintable(oldStatus->text()));
        findWidget<QPushButton>(m_centre.get(), QStringLiteral("copyTrackingNoButton"))->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("SF1234567890"));
        QCOMPARE(m_centre->currentStep(), ui::CentreStep::Shipping);
        // Times in the timeline are Asia/Shanghai.
        auto* timeline = findWidget<QTreeWidget>(m_centre.get(), QStringLiteral("timelineList"));
        const TimelineEntry last = m_centre->session()->application().timeline.last();
        QCOMPARE(timeline->topLevelItem(0)->text(0),
            last.at.toTimeZone(QTimeZone("Asia/Shanghai")).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    }
};

QTEST_MAIN(TestCentre)
#include "tst_centre.moc"
