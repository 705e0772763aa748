// The QR code check of the upload step against the real certdesk-server (sandbox): a stamped letter printed
// for another application is refused with its order number and nothing is uploaded; this application's e-seal
// form in the letter's place is refused too; the right letter is uploaded with "checked"; a picture whose
// code cannot be read is uploaded with a gentle note; documents without a printed form are not checked.
#include "CentreFixture.h"
#include "TestEnvironment.h"
#include "centre/ApplicationCentre.h"
#include "centre/CentreSession.h"
#include "centre/DocumentSlot.h"
#include "centre/DocumentsPage.h"
#include "print/LetterLayout.h"

#include <QLabel>
#include <QPushButton>

using namespace certdesk;
using namespace certdesk::test;
using ui::ApplicationCentre;
using ui::DocumentSlot;

namespace {

constexpr int Timeout = 30000;

// The form as it comes back from a 200 dpi scanner: painted on white A4 and saved as a JPEG.
QByteArray scannedForm(const print::PrintedForm& form)
{
    QImage page(1654, 2339, QImage::Format_RGB32);
    page.fill(Qt::white);
    QPainter painter(&page);
    painter.setRenderHint(QPainter::Antialiasing);
    form.paintPage(painter, QRectF(0, 0, page.width(), page.height()));
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    page.save(&buffer, "JPEG", 80);
    return bytes;
}

} // namespace

class TestCentreLetterQr : public QObject
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

    [[nodiscard]] bool stored(DocumentKind kind)
    {
        auto r = await(m_server.applicant->documents(m_app.id, m_app.token));
        if (!r.ok())
            qFatal("GET documents failed");
        for (const api::StoredDocument& d : r.value()) {
            if (d.kind == kind)
                return true;
        }
        return false;
    }

    DocumentSlot* slot(DocumentKind kind) { return m_centre->documentsPage()->slotFor(kind); }

    void chooseAndWait(DocumentKind kind, const QString& path)
    {
        QVERIFY(!path.isEmpty());
        m_files.openAnswers = {path};
        DocumentSlot* s = slot(kind);
        QVERIFY(s);
        auto* choose
            = s->findChild<QPushButton*>(QStringLiteral("documentChoose_") + documentKindToApi(kind));
        QVERIFY(choose);
        choose->click();
        QVERIFY(s->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!s->isBusy(), Timeout);
    }

    // This application as the service knows it (with its id and order number, as the letter page prints it).
    [[nodiscard]] Application own() const { return m_centre->session()->application(); }

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
        QCOMPARE(own().id, m_app.id);
        QCOMPARE(own().orderNo, m_app.orderNo);
        m_centre->showPage(ApplicationCentre::DocumentsTab);
    }

    void cleanupTestCase() { m_centre.reset(); }

    void letterOfAnotherApplicationIsRefused()
    {
        Application other = own();
        other.id = QStringLiteral("00000000-0000-4000-8000-00000000beef");
        other.orderNo = QStringLiteral("168002G110399999");
        QVERIFY(other.orderNo != m_app.orderNo);
        const QString path
            = writeFile(m_dir, QStringLiteral("other-letter.jpg"), scannedForm(print::LetterLayout(other)));
        chooseAndWait(DocumentKind::ApplicationForm, path);

        DocumentSlot* s = slot(DocumentKind::ApplicationForm);
        const QString error = s->errorText();
        QVERIFY2(error.contains(QStringLiteral("belongs to another application")), qPrintable(error));
        QVERIFY2(error.contains(other.orderNo), qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("Nothing was uploaded")));
        auto* errorLabel = s->findChild<QLabel*>(QStringLiteral("documentError_application_form"));
        QVERIFY(errorLabel && errorLabel->isVisible());
        QVERIFY(s->letterCheckText().isEmpty());
        QCOMPARE(s->statusText(), QStringLiteral("Not uploaded yet."));
        QVERIFY(!stored(DocumentKind::ApplicationForm));
    }

    void eSealFormInTheLettersPlaceIsRefused()
    {
        const QString path
            = writeFile(m_dir, QStringLiteral("eseal.jpg"), scannedForm(print::ESealFormLayout(own())));
        chooseAndWait(DocumentKind::ApplicationForm, path);
        DocumentSlot* s = slot(DocumentKind::ApplicationForm);
        const QString eSealName = documentDisplayName(DocumentKind::ESealForm, own().category);
        QVERIFY2(
            s->errorText().contains(QStringLiteral("This is the ") + eSealName), qPrintable(s->errorText()));
        QVERIFY(s->errorText().contains(QStringLiteral("Nothing was uploaded")));
        QVERIFY(!stored(DocumentKind::ApplicationForm));
    }

    void ownLetterIsUploadedAndChecked()
    {
        const QString path
            = writeFile(m_dir, QStringLiteral("letter.jpg"), scannedForm(print::LetterLayout(own())));
        chooseAndWait(DocumentKind::ApplicationForm, path);
        DocumentSlot* s = slot(DocumentKind::ApplicationForm);
        QVERIFY2(s->errorText().isEmpty(), qPrintable(s->errorText()));
        QVERIFY2(s->letterCheckText().contains(QStringLiteral("checked: it belongs to this application")),
            qPrintable(s->letterCheckText()));
        auto* note = s->findChild<QLabel*>(QStringLiteral("documentLetterCheck_application_form"));
        QVERIFY(note && note->isVisible());
        QVERIFY(!note->accessibleName().isEmpty());
        QVERIFY(s->statusText().startsWith(QStringLiteral("Uploaded")));
        QVERIFY(stored(DocumentKind::ApplicationForm));
    }

    void unreadableCodeIsUploadedWithANote()
    {
        // A photo of the e-seal form where the code cannot be read (here: there is none).
        chooseAndWait(DocumentKind::ESealForm,
            writeFile(m_dir, QStringLiteral("eseal-photo.jpg"), makeJpeg(QSize(1240, 1754), 4)));
        DocumentSlot* s = slot(DocumentKind::ESealForm);
        QVERIFY2(s->errorText().isEmpty(), qPrintable(s->errorText()));
        QVERIFY2(s->letterCheckText().contains(QStringLiteral("could not be read")),
            qPrintable(s->letterCheckText()));
        QVERIFY(s->letterCheckText().contains(m_app.orderNo));
        QVERIFY(stored(DocumentKind::ESealForm));
    }

    void otherDocumentsAreNotChecked()
    {
        // A letter of another application in the ID card's place is not this check's business (the reviewer
        // sees it): no code is read, nothing is said about one.
        Application other = own();
        other.id = QStringLiteral("00000000-0000-4000-8000-00000000cafe");
        other.orderNo = QStringLiteral("168002G110388888");
        chooseAndWait(DocumentKind::IdCard,
            writeFile(m_dir, QStringLiteral("id.jpg"), scannedForm(print::LetterLayout(other))));
        DocumentSlot* s = slot(DocumentKind::IdCard);
        QVERIFY2(s->errorText().isEmpty(), qPrintable(s->errorText()));
        QVERIFY(s->letterCheckText().isEmpty());
        QVERIFY(stored(DocumentKind::IdCard));
    }
};

QTEST_MAIN(TestCentreLetterQr)
#include "tst_centre_letterqr.moc"
