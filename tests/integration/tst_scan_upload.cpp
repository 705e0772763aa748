// A page scanned as CertDesk scans (ProcessScanSource: SANE in certdesk-scan-helper, its virtual "test"
// backend: real libsane, real frames, no hardware) is normalised and uploaded to the real certdesk-server,
// which accepts it; the service then lists it.
#include "ResponseRecorder.h"
#include "SaneTestScanners.h"
#include "ServerProcess.h"
#include "api/ApiClient.h"
#include "documents/ImageNormalizer.h"
#include "documents/ProcessScanSource.h"

#include <QFile>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk;

class TestScanUpload : public QObject
{
    Q_OBJECT
private:
    test::ServerProcess m_server;
    test::SaneTestScanners m_scanners {CERTDESK_SCAN_HELPER_EXECUTABLE};

    template<class T>
    api::ApiResult<T> await(api::ApiReply<T>* reply)
    {
        reply->waitForFinished();
        auto r = reply->result();
        reply->deleteLater();
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_scanners.setBackends("test\n"), qPrintable(m_scanners.errorString()));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    }

    void scannedPageIsAccepted()
    {
        api::ApiClientOptions options;
        options.baseUrl = m_server.baseUrl();
        api::ApiClient client(options);
        certdesk::test::recordReplies(&client);

        const auto minted
            = await(client.sandboxMintLegacy(CertificateCategory::NaturalPerson, QStringLiteral("李四"),
                QStringLiteral("11010519491231002X"), QDateTime::currentDateTimeUtc().addDays(30)));
        QVERIFY(minted.ok());
        // The service checks the applicant's mobile only for a certificate this client looked up.
        QVERIFY(await(client.lookupCertificate(minted.value().serial)).ok());
        Application a;
        a.category = CertificateCategory::NaturalPerson;
        a.serial = minted.value().serial;
        a.years = 1;
        a.acknowledgements.agreement = a.acknowledgements.oldCertificateRevocation = true;
        a.applicant = {QStringLiteral("李四"), QStringLiteral("11010519491231002X"),
            QStringLiteral("13800138001"), QStringLiteral("lisi@example.com")};
        a.mailing = {QStringLiteral("110000"), QStringLiteral("110100"), QStringLiteral("110105"),
            QStringLiteral("朝阳区建国路1号")};
        const auto created = await(client.createApplication(a));
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().logSummary()));

        const std::unique_ptr<documents::ProcessScanSource> scanner
            = documents::ProcessScanSource::createDefault();
        QVERIFY(scanner);
        documents::ScanOptions scan;
        scan.device = QStringLiteral("test:0");
        scan.resolutionDpi = 100;
        scan.deviceOptions = {{QStringLiteral("test-picture"), QStringLiteral("Color pattern")}};
        const auto image = scanner->scan(scan);
        QVERIFY2(image.ok(), qPrintable(image.ok() ? QString() : image.error().detail));
        QVERIFY(image.value().width() > 300);

        const auto normalized = documents::ImageNormalizer().normalizeImage(image.value());
        QVERIFY(normalized.ok());
        const auto stored = await(client.uploadDocument(created.value().id, created.value().accessToken,
            DocumentKind::IdCard, normalized.value().bytes, normalized.value().contentType));
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().logSummary()));
        QCOMPARE(stored.value().sha256.toLatin1(), normalized.value().sha256);
        QCOMPARE(stored.value().contentType, QStringLiteral("image/jpeg"));

        const auto listed = await(client.documents(created.value().id, created.value().accessToken));
        QVERIFY(listed.ok());
        QCOMPARE(listed.value().size(), 1);
        QCOMPARE(listed.value().first().kind, DocumentKind::IdCard);
    }
};

QTEST_MAIN(TestScanUpload)
#include "tst_scan_upload.moc"
