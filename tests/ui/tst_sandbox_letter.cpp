// The client in training mode the way `certdesk --sandbox` starts it (app/certdesk/main.cpp): the reference
// service inside this process on a free loopback port, the main window over a local store. An application
// recorded in that store is opened from the home page's track list and its letter page saves the
// authorization letter as a PDF.
//
// Built for Windows too: scripts/windows-smoke runs it under Wine with CERTDESK_LETTER_PDF pointing at a
// file the Linux side then reads with pdftotext (a program under Wine gets no output from a Linux program).
// Here, where pdftotext runs, the test reads the PDF itself.
#include "CentreFixture.h"
#include "FindWidget.h"
#include "HomePage.h"
#include "MainWindow.h"
#include "TestEnvironment.h"
#include "centre/ApplicationCentre.h"
#include "centre/LetterPage.h"
#include "domain/Translations.h"
#include "print/LetterLayout.h"
#include "server/Service.h"
#include "storage/LocalStore.h"

#include <QFileInfo>
#include <QListWidget>
#include <QPushButton>

using namespace certdesk;
using namespace certdesk::test;

namespace {

constexpr int Timeout = 60000;

} // namespace

class TestSandboxLetter : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    server::Service m_service;
    QString m_serverUrl;
    std::unique_ptr<api::ApiClient> m_applicant;
    CentreFakes m_fakes;

private Q_SLOTS:
    void initTestCase()
    {
        fixEnvironment();
        QVERIFY(m_dir.isValid());
        QVERIFY(installTranslations(*qApp)); // certdesk's default language, Chinese
        // What main.cpp does for --sandbox: the service's data next to the local store.
        QString error;
        m_serverUrl
            = m_service.startEmbeddedSandbox(m_dir.filePath(QStringLiteral("sandbox-service")), &error);
        QVERIFY2(!m_serverUrl.isEmpty(), qPrintable(error));
        m_applicant = makeApiClient(QUrl(m_serverUrl));
    }

    void cleanupTestCase()
    {
        m_applicant.reset();
        m_service.stop();
    }

    void trackedApplicationSavesItsLetterPdf()
    {
        CreatedApp app;
        QString error;
        QVERIFY2(createApplication(*m_applicant, CertificateCategory::Institution, &app, &error),
            qPrintable(error));

        LocalStore store(m_dir.filePath(QStringLiteral("certdesk.sqlite")));
        QVERIFY(store.isOpen());
        QVERIFY(recordSubmission(store, app, m_serverUrl));

        ui::AppMode mode;
        mode.sandbox = true;
        mode.serverUrl = m_serverUrl;
        ui::MainWindow window(mode, &store);
        window.setCentreServices(m_fakes.services());
        window.resize(1366, 768);
        window.show();

        auto* list = findWidget<QListWidget>(&window, QStringLiteral("submissionList"));
        QCOMPARE(list->count(), 1);
        QVERIFY(list->item(0)->text().contains(app.orderNo));
        findWidget<QPushButton>(&window, QStringLiteral("trackButton"))->click();
        ui::ApplicationCentre* centre = window.centre();
        QVERIFY(centre);
        QTRY_VERIFY_WITH_TIMEOUT(centre->session()->isLoaded(), Timeout);
        // A new application opens where the applicant is: its letter.
        QCOMPARE(centre->currentPage(), ui::ApplicationCentre::LetterTab);

        const QString path = qEnvironmentVariableIsEmpty("CERTDESK_LETTER_PDF")
            ? m_dir.filePath(QStringLiteral("letter.pdf"))
            : qEnvironmentVariable("CERTDESK_LETTER_PDF");
        QFile::remove(path);
        m_fakes.files.saveAnswer = path;
        findWidget<QPushButton>(centre, QStringLiteral("letterSavePdfButton"))->click();
        QCOMPARE(m_fakes.files.saveCalls, 1);
        QVERIFY(m_fakes.files.lastSuggestedName.contains(app.orderNo));
        QVERIFY2(centre->letterPage()->statusText().contains(QDir::toNativeSeparators(path)),
            qPrintable(centre->letterPage()->statusText()));
        QFile pdf(path);
        QVERIFY2(pdf.open(QIODevice::ReadOnly), qPrintable(path));
        QVERIFY(pdf.read(5) == "%PDF-");
        QVERIFY(pdf.size() > 10000); // the letter's text in embedded fonts and its QR code

#ifndef Q_OS_WIN
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
        QVERIFY2(text.waitForFinished(30000), qPrintable(text.errorString()));
        const QString content = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(
            content.contains(print::LetterLayout(app.application).title()), qPrintable(content.left(400)));
        QVERIFY(content.contains(app.orderNo));
        QVERIFY(content.contains(app.application.organization.name));
        QVERIFY(content.contains(app.application.agent.name));
#endif
        window.allowClose();
    }
};

QTEST_MAIN(TestSandboxLetter)
#include "tst_sandbox_letter.moc"
