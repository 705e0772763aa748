// The telecom real-name check outside the sandbox, through the wizard: certdesk-server WITHOUT --sandbox, its
// real-name provider the loopback simulator (tests/support/ProviderWorld), the service behind a trusted
// proxy. The service answers the check only under a lookup of the certificate by this client (docs/api.md,
// "Applications"); the wizard sends the lookup's challenge with the application, so the check holds when the
// lookup left from another address than the application (a draft looked up at the office, finished at home):
// a mobile registered to another ID number is `realname_mismatch` at the mobile field with the FAQ link, the
// right one goes through. Without the challenge, or with a challenge of another certificate's lookup, the
// service refuses with 422 `validation_failed`, `serial: lookup_required`, asks the provider nothing, and the
// wizard takes the person back to the lookup.
#include "CentreFixture.h"
#include "FindWidget.h"
#include "ProviderWorld.h"
#include "TestEnvironment.h"
#include "api/ApiClient.h"
#include "domain/RegionModel.h"
#include "wizard/ApplicationWizard.h"

#include <QDir>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <httplib.h>

#include <chrono>
#include <memory>

using namespace certdesk;
using namespace certdesk::test;
using ui::ApplicationWizard;
using namespace std::chrono_literals;

namespace {

constexpr int Timeout = 60000;
const QString Holder = QStringLiteral("王芳");
const QString IdNumber = QStringLiteral("11010519491231002X");
// In the simulated telecom registry this number belongs to another ID number (ProviderWorld).
const QString OthersMobile = QStringLiteral("13900139000");
const QString OwnMobile = QStringLiteral("13800138000");

// "field:code" of each field error.
QStringList fieldCodes(const FieldErrors& errors)
{
    QStringList out;
    for (const FieldError& e : errors)
        out << e.field + QLatin1Char(':') + e.code;
    return out;
}

} // namespace

class TestWizardRealname : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void challengeCarriesTheCheckAcrossAddresses();
    void missingOrForeignChallengeIsRefused();
    void wizardSendsThePersonBackToTheLookup();

private:
    // A renewable old certificate of a natural person in the service's store.
    [[nodiscard]] QString oldCertificate();
    // POST /certificates/lookup as seen from `clientAddress` (X-Forwarded-For through the trusted proxy).
    [[nodiscard]] std::optional<OldCertificateInfo> lookupFrom(
        const QString& serial, const char* clientAddress) const;
    // A complete natural-person application for the looked-up certificate, as the wizard holds it.
    [[nodiscard]] static Application form(const OldCertificateInfo& looked, const QString& mobile);
    [[nodiscard]] int realnameRequests() const;
    // Clicks 提交申请 on the review page and waits for the answer; the error text (empty on success).
    QString submit(ApplicationWizard& w);

    QTemporaryDir m_dir;
    std::unique_ptr<ProviderWorld> m_world;
    std::unique_ptr<api::ApiClient> m_api;
};

void TestWizardRealname::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("world"))));
    m_world = std::make_unique<ProviderWorld>(m_dir.filePath(QStringLiteral("world")));
    // This test is the proxy: X-Forwarded-For from it names the client; without the header the client is
    // the proxy's own address (the wizard's requests).
    QVERIFY2(m_world->start(QStringLiteral("[server]\ntrusted_proxies = 127.0.0.1\n")),
        qPrintable(m_world->error()));
    api::ApiClientOptions options;
    options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_world->serverPort()));
    options.transferTimeout = 60s;
    m_api = std::make_unique<api::ApiClient>(options);
    auto health = await(m_api->health());
    QVERIFY(health.ok());
    QVERIFY(!health->sandbox);
}

void TestWizardRealname::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning("certdesk-server output (tail):\n%s", m_world->serverOutput().right(8000).constData());
}

QString TestWizardRealname::oldCertificate()
{
    return m_world->addLegacyCertificate(
        QStringLiteral("natural_person"), Holder, IdNumber, QDateTime::currentDateTimeUtc().addDays(40));
}

std::optional<OldCertificateInfo> TestWizardRealname::lookupFrom(
    const QString& serial, const char* clientAddress) const
{
    httplib::Client client("127.0.0.1", m_world->serverPort());
    client.set_read_timeout(60, 0);
    const httplib::Headers headers {{"X-Forwarded-For", clientAddress}};
    const auto result = client.Post("/api/v1/certificates/lookup", headers,
        QJsonDocument(QJsonObject {{QStringLiteral("serial"), serial}}).toJson().toStdString(),
        "application/json");
    if (!result || result->status != 200)
        return std::nullopt;
    return OldCertificateInfo::fromJson(
        QJsonDocument::fromJson(QByteArray::fromStdString(result->body)).object());
}

Application TestWizardRealname::form(const OldCertificateInfo& looked, const QString& mobile)
{
    Application a;
    a.oldCertificate = looked;
    a.serial = normalizeSerial(looked.serial);
    a.category = CertificateCategory::NaturalPerson;
    a.years = 1;
    a.acknowledgements.agreement = true;
    a.acknowledgements.oldCertificateRevocation = true;
    a.acknowledgements.acknowledgedAt = QDateTime::currentDateTimeUtc();
    a.applicant = {Holder, IdNumber, mobile, QStringLiteral("wangfang@example.com")};
    a.mailing = {QStringLiteral("440000"), QStringLiteral("440300"), QStringLiteral("440305"),
        QStringLiteral("深圳市南山区科技园南区深南大道10000号")};
    a.invoice = InvoiceKind::Electronic;
    return a;
}

int TestWizardRealname::realnameRequests() const
{
    return m_world->simulator(QStringLiteral("requests"))
        .value(QStringLiteral("shim /realname/verify"))
        .toInt();
}

QString TestWizardRealname::submit(ApplicationWizard& w)
{
    auto* status = findWidget<QLabel>(&w, QStringLiteral("submitStatus"));
    auto* button = findWidget<QPushButton>(&w, QStringLiteral("submitButton"));
    if (w.currentId() != ApplicationWizard::ReviewPage || !button->isEnabled())
        return QStringLiteral("not on the review page");
    button->click();
    // The button is enabled again when the service has answered with an error; the order number is shown
    // on success.
    if (!QTest::qWaitFor([&] { return !w.application().id.isEmpty() || button->isEnabled(); }, Timeout))
        return QStringLiteral("no answer");
    return w.application().id.isEmpty() ? status->text() : QString();
}

void TestWizardRealname::challengeCarriesTheCheckAcrossAddresses()
{
    const QString serial = oldCertificate();
    QVERIFY2(!serial.isEmpty(), qPrintable(m_world->error()));
    // Looked up at the office; finished and sent from elsewhere (this test's own address).
    const auto looked = lookupFrom(serial, "203.0.113.20");
    QVERIFY(looked && looked->renewable && !looked->challenge.isEmpty());

    ApplicationWizard w(nullptr, RegionModel::builtin(), m_api.get());
    w.resize(1366, 768);
    w.show();
    w.resumeDraft({}, form(*looked, OthersMobile), ApplicationWizard::ReviewPage);
    QCOMPARE(w.currentId(), int(ApplicationWizard::ReviewPage));
    const int before = realnameRequests();
    QString error = submit(w);
    // The provider was asked, under the lookup the challenge names, and said the number is someone else's.
    QVERIFY2(error.contains(QStringLiteral("faq:realname")), qPrintable(error));
    QCOMPARE(realnameRequests(), before + 1);
    QCOMPARE(w.currentId(), int(ApplicationWizard::ApplicantPage));
    QVERIFY(!findWidget<QLabel>(&w, QStringLiteral("error_applicant_mobile"))->text().isEmpty());
    QVERIFY(w.application().id.isEmpty());

    // The person's own number goes through.
    Application fixed = w.application();
    fixed.applicant.mobile = OwnMobile;
    w.resumeDraft({}, fixed, ApplicationWizard::ReviewPage);
    error = submit(w);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!w.application().orderNo.isEmpty());
    QCOMPARE(realnameRequests(), before + 2);
}

void TestWizardRealname::missingOrForeignChallengeIsRefused()
{
    const QString serial = oldCertificate();
    const QString other = oldCertificate();
    QVERIFY2(!serial.isEmpty() && !other.isEmpty(), qPrintable(m_world->error()));
    const auto looked = lookupFrom(serial, "203.0.113.21");
    const auto otherLooked = lookupFrom(other, "203.0.113.22");
    QVERIFY(looked && otherLooked);
    const int before = realnameRequests();

    // No challenge (a client that does not send it): this address never looked the serial up.
    Application a = form(*looked, OwnMobile);
    a.oldCertificate->challenge.clear();
    QVERIFY(!a.toApiBody().contains(QStringLiteral("lookup_challenge")));
    auto r = await(m_api->createApplication(a));
    QVERIFY(!r.ok());
    QVERIFY(r.error().isHttp(422));
    QCOMPARE(r.error().code, QStringLiteral("validation_failed"));
    QCOMPARE(fieldCodes(r.error().fields), QStringList {QStringLiteral("serial:lookup_required")});

    // A challenge of another certificate's lookup is no lookup of this one.
    a.oldCertificate->challenge = otherLooked->challenge;
    QCOMPARE(a.lookupChallenge(), otherLooked->challenge);
    r = await(m_api->createApplication(a));
    QVERIFY(!r.ok());
    QVERIFY(r.error().isHttp(422));
    QCOMPARE(fieldCodes(r.error().fields), QStringList {QStringLiteral("serial:lookup_required")});

    // Nor is a made-up one.
    a.oldCertificate->challenge = QByteArray(32, '\x5a');
    r = await(m_api->createApplication(a));
    QVERIFY(!r.ok());
    QCOMPARE(fieldCodes(r.error().fields), QStringList {QStringLiteral("serial:lookup_required")});
    // Refused before the provider: no "whose mobile is this" answer without a lookup.
    QCOMPARE(realnameRequests(), before);

    // The lookup's own challenge: accepted, the provider asked once.
    a.oldCertificate->challenge = looked->challenge;
    const auto created = await(m_api->createApplication(a));
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : describe(created.error())));
    QCOMPARE(realnameRequests(), before + 1);
}

void TestWizardRealname::wizardSendsThePersonBackToTheLookup()
{
    // A draft whose lookup the service no longer knows (here: one that never named it): the wizard goes back
    // to the lookup step and says why; a new lookup there makes the application go through.
    const QString serial = oldCertificate();
    QVERIFY2(!serial.isEmpty(), qPrintable(m_world->error()));
    const auto looked = lookupFrom(serial, "203.0.113.23");
    QVERIFY(looked);
    Application a = form(*looked, OwnMobile);
    a.oldCertificate->challenge.clear();

    ApplicationWizard w(nullptr, RegionModel::builtin(), m_api.get());
    w.resize(1366, 768);
    w.show();
    w.resumeDraft({}, a, ApplicationWizard::ReviewPage);
    const QString error = submit(w);
    QVERIFY(!error.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(w.currentId(), int(ApplicationWizard::LookupPage), Timeout);
    QVERIFY(!findWidget<QLabel>(&w, QStringLiteral("error_serial"))->text().isEmpty());

    // 查询 again, in the wizard: a new challenge for the application to carry.
    QCOMPARE(normalizeSerial(findWidget<QLineEdit>(&w, QStringLiteral("edit_serial"))->text()),
        normalizeSerial(serial));
    findWidget<QPushButton>(&w, QStringLiteral("lookupButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!w.application().lookupChallenge().isEmpty(), Timeout);
    w.resumeDraft({}, w.application(), ApplicationWizard::ReviewPage);
    const QString second = submit(w);
    QVERIFY2(second.isEmpty(), qPrintable(second));
}

QTEST_MAIN(TestWizardRealname)
#include "tst_wizard_realname.moc"
