// The application centre's small parts without a service: the QR widget (crisp, quiet zone, decodes with
// zbarimg), the polling backoff, the current step of an application, and the rejection targets.
#include "TestEnvironment.h"
#include "centre/BackoffPoller.h"
#include "centre/CentreSession.h"
#include "centre/StatusPage.h"
#include "widgets/QrWidget.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk;
using namespace certdesk::ui;

Q_DECLARE_METATYPE(certdesk::ui::CentreStep)

namespace {

QString decode(const QImage& image, const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("qr.png"));
    if (!image.save(path, "PNG"))
        return {};
    QProcess zbar;
    zbar.start(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"), path});
    if (!zbar.waitForFinished(30000))
        return {};
    return QString::fromUtf8(zbar.readAllStandardOutput()).trimmed();
}

Application withChecklist(
    ApplicationStatus status, int uploaded, LivenessState liveness, PaymentState payment)
{
    Application a;
    a.category = CertificateCategory::Institution;
    a.status = status;
    a.checklist.formComplete = true;
    const QList<DocumentKind> kinds = requiredDocuments(a.category);
    for (int i = 0; i < kinds.size(); ++i)
        a.checklist.documents.insert(
            kinds[i], i < uploaded ? DocumentState::Uploaded : DocumentState::Missing);
    a.checklist.liveness = liveness;
    a.checklist.payment = payment;
    return a;
}

} // namespace

class TestCentreUnits : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { test::fixEnvironment(); }

    void qrWidgetIsCrispAndDecodes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("side");
        const QString url
            = QStringLiteral("http://127.0.0.1:45123/sandbox/liveness/0123456789abcdef0123456789abcdef");
        QTest::newRow("minimum size") << url << 0;
        QTest::newRow("odd size") << url << 333;
        QTest::newRow("large") << QStringLiteral("weixin://wxpay/bizpayurl?pr=AbCdEfG12345") << 600;
        QTest::newRow("chinese") << QStringLiteral("证书算法升级 订单 168002G110386213") << 0;
    }

    void qrWidgetIsCrispAndDecodes()
    {
        QFETCH(QString, text);
        QFETCH(int, side);
        QrWidget qr;
        qr.setText(text);
        QVERIFY(!qr.code().isNull());
        QVERIFY(qr.isScannable());
        const int minimum = qr.code().sizeWithQuietZone() * QrWidget::MinModulePixels;
        QCOMPARE(qr.minimumSizeHint(), QSize(minimum, minimum));
        qr.resize(side == 0 ? qr.minimumSizeHint() : QSize(side, side));
        qr.show();
        QVERIFY(qr.width() >= minimum);
        QVERIFY(qr.modulePixels() >= QrWidget::MinModulePixels);

        const QImage image = qr.grab().toImage();
        // Whole pixels per module: every pixel is pure black or pure white, no grey antialiasing at the
        // edges.
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3) {
                const QRgb p = image.pixel(x, y);
                QVERIFY2(p == qRgb(0, 0, 0) || p == qRgb(255, 255, 255),
                    qPrintable(QStringLiteral("%1,%2").arg(x).arg(y)));
            }
        // The quiet zone: the 4-module border of the symbol is white.
        const int module = qr.modulePixels();
        const int symbol = module * qr.code().sizeWithQuietZone();
        const int left = (qr.width() - symbol) / 2;
        const int top = (qr.height() - symbol) / 2;
        for (int i = 0; i < symbol; i += 2) {
            QCOMPARE(image.pixel(left + i, top + module), qRgb(255, 255, 255));
            QCOMPARE(image.pixel(left + module, top + i), qRgb(255, 255, 255));
        }
        QCOMPARE(decode(image, m_dir), text);
    }

    void qrOverlayAndPlaceholder()
    {
        QrWidget qr;
        qr.setPlaceholderText(QStringLiteral("Loading"));
        QVERIFY(!qr.isScannable());
        QCOMPARE(qr.modulePixels(), 0);
        qr.setText(QStringLiteral("https://example.cn/x"));
        qr.setOverlayText(QStringLiteral("Expired"));
        QVERIFY(!qr.isScannable());
        qr.setOverlayText({});
        QVERIFY(qr.isScannable());
        qr.setText({});
        QVERIFY(qr.code().isNull());
    }

    void pollerBacksOff()
    {
        BackoffPoller poller({10, 40, 2.0});
        QSignalSpy polls(&poller, &BackoffPoller::poll);
        poller.start();
        QCOMPARE(poller.interval(), 10);
        QList<int> intervals;
        for (int i = 0; i < 4; ++i) {
            QVERIFY(polls.wait(2000));
            poller.pollFinished();
            intervals << poller.interval();
        }
        QCOMPARE(intervals, (QList<int> {20, 40, 40, 40}));

        // No poll while paused; resume starts over with the short interval.
        QVERIFY(polls.wait(2000));
        poller.pause();
        poller.pollFinished();
        polls.clear();
        QVERIFY(!polls.wait(150));
        poller.resume();
        QCOMPARE(poller.interval(), 10);
        QVERIFY(polls.wait(2000));
        poller.stop();
        poller.pollFinished();
        polls.clear();
        QVERIFY(!polls.wait(150));
        QVERIFY(!poller.isRunning());
    }

    void defaultScheduleIsTwoToTenSeconds()
    {
        const PollSchedule s;
        QCOMPARE(s.firstMs, 2000);
        QCOMPARE(s.maxMs, 10000);
    }

    void currentStep_data()
    {
        QTest::addColumn<Application>("application");
        QTest::addColumn<CentreStep>("step");
        Application incomplete
            = withChecklist(ApplicationStatus::Draft, 0, LivenessState::Pending, PaymentState::Unpaid);
        incomplete.checklist.formComplete = false;
        QTest::newRow("form incomplete") << incomplete << CentreStep::Form;
        QTest::newRow("nothing uploaded")
            << withChecklist(ApplicationStatus::Draft, 0, LivenessState::Pending, PaymentState::Unpaid)
            << CentreStep::Letter;
        QTest::newRow("some uploaded") << withChecklist(ApplicationStatus::Draft, 2, LivenessState::Pending,
            PaymentState::Unpaid) << CentreStep::Documents;
        QTest::newRow("liveness failed") << withChecklist(ApplicationStatus::Draft, 4, LivenessState::Failed,
            PaymentState::Unpaid) << CentreStep::Liveness;
        QTest::newRow("to pay") << withChecklist(
            ApplicationStatus::Draft, 4, LivenessState::Passed, PaymentState::Unpaid)
                                << CentreStep::Payment;
        QTest::newRow("in review") << withChecklist(ApplicationStatus::InReview, 4, LivenessState::Passed,
            PaymentState::Paid) << CentreStep::Review;
        QTest::newRow("rejected") << withChecklist(ApplicationStatus::Rejected, 4, LivenessState::Passed,
            PaymentState::Paid) << CentreStep::Review;
        QTest::newRow("approved") << withChecklist(ApplicationStatus::Approved, 4, LivenessState::Passed,
            PaymentState::Paid) << CentreStep::Shipping;
        QTest::newRow("shipped") << withChecklist(ApplicationStatus::Shipped, 4, LivenessState::Passed,
            PaymentState::Paid) << CentreStep::Shipping;
        QTest::newRow("completed") << withChecklist(ApplicationStatus::Completed, 4, LivenessState::Passed,
            PaymentState::Paid) << CentreStep::Done;
    }

    void currentStep()
    {
        QFETCH(Application, application);
        QFETCH(CentreStep, step);
        QCOMPARE(currentCentreStep(application), step);
    }

    void rejectionTargets()
    {
        const auto field
            = rejectionFieldError({QStringLiteral("field:agent.mobile"), QStringLiteral("unreachable")});
        QVERIFY(field);
        QCOMPARE(field->field, QStringLiteral("agent.mobile"));
        QCOMPARE(field->code, QStringLiteral("rejected"));
        QCOMPARE(field->message, QStringLiteral("unreachable"));
        QVERIFY(!rejectionFieldError({QStringLiteral("document:id_card"), QStringLiteral("x")}));
        QVERIFY(!rejectionFieldError({QStringLiteral("field:"), QStringLiteral("x")}));
        QCOMPARE(rejectionTargetLabel(
                     QStringLiteral("document:business_license"), CertificateCategory::Institution),
            documentDisplayName(DocumentKind::BusinessLicense, CertificateCategory::Institution));
        QCOMPARE(rejectionTargetLabel(QStringLiteral("field:agent.mobile"), CertificateCategory::Institution),
            QStringLiteral("Agent mobile phone"));
        QCOMPARE(rejectionTargetLabel(QStringLiteral("field:organization.credential_number"),
                     CertificateCategory::Institution),
            QStringLiteral("Organisation credential number"));
        QCOMPARE(rejectionTargetLabel(QStringLiteral("something:else"), CertificateCategory::Institution),
            QStringLiteral("something:else"));
    }
};

QTEST_MAIN(TestCentreUnits)
#include "tst_centre_units.moc"
