// The old UKey on the wizard's lookup page, against the real certdesk-server (sandbox) and
// SoftHSM2 tokens holding sandbox legacy RSA certificates and keys: "Read from UKey" lists the certificates,
// fills the serial from the chosen one and pre-fills the organisation or person from its subject, looks it
// up, asks for the PIN once and signs the challenge through the token; the submitted application is
// holder_verified. A wrong PIN is shown and never retried; a proof the service refuses (its challenge was
// used) or whose challenge expired is dropped and the page says so; nothing is written to the old UKey.
#include "CounterFixture.h"
#include "FindWidget.h"
#include "TestEnvironment.h"
#include "TokenTestSupport.h"
#include "domain/RegionModel.h"
#include "token/ModuleLoader.h"
#include "token/TokenAccess.h"
#include "token/TokenSession.h"
#include "wizard/ApplicationWizard.h"
#include "wizard/LookupPage.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>

using namespace certdesk;
using namespace certdesk::test;
using ui::ApplicationWizard;

namespace {

constexpr int Timeout = 30000;
const QString UserPin = QStringLiteral("11223344");
const QString SoPin = QStringLiteral("87654321");
const QString InstitutionLabel = QStringLiteral("OLD INSTITUTION");
const QString PersonLabel = QStringLiteral("OLD PERSON");
const QString InstitutionHolder = QStringLiteral("深圳市旧钥测试科技有限公司");
const QString InstitutionCode = QStringLiteral("91440300MA5H00001F");
const QString PersonName = QStringLiteral("王芳");
const QString PersonId = QStringLiteral("11010519491231002X");

// A token source that finds nothing, or fails as told.
class EmptySource final : public token::TokenCertificateSource
{
public:
    QStringList modulePaths() const override { return {QStringLiteral("empty-source")}; }
    token::TokenResult<QList<token::TokenCertificateEntry>> certificates(const QString&) override
    {
        return QList<token::TokenCertificateEntry> {};
    }
    token::TokenResult<token::PinInfo> pinInfo(const token::TokenInfo&) override { return token::PinInfo {}; }
    token::TokenResult<QByteArray> signRsaSha256(
        const token::TokenCertificateEntry&, QString, const QByteArray&) override
    {
        return token::tokenError(token::TokenStatus::NotFound, QStringLiteral("fake"));
    }
};

} // namespace

class TestCounterOldUKey : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::optional<SoftHsm> m_softhsm;
    CentreServer m_server;
    FakePinPrompt m_pins;
    api::LegacyCertificate m_institution;
    api::LegacyCertificate m_person;
    Application m_submitted; // the institution application as submitted, with its (now used) proof

    // A wizard on the lookup page (the lookup decides the kind), reading tokens from SoftHSM with the fake
    // PIN prompt.
    std::unique_ptr<ApplicationWizard> wizardAtLookup(api::ApiClient* api)
    {
        auto w = std::make_unique<ApplicationWizard>(nullptr, RegionModel::builtin(), api);
        w->resize(1366, 768);
        w->show();
        // The agreement can be accepted once the service's text is on show.
        auto* accept = findWidget<QCheckBox>(w.get(), QStringLiteral("acknowledgeAgreement"));
        if (!QTest::qWaitFor([accept] { return accept->isEnabled(); }, 15000))
            qWarning("the agreement's text did not arrive");
        findWidget<QCheckBox>(w.get(), QStringLiteral("acknowledgeAgreement"))->click();
        findWidget<QCheckBox>(w.get(), QStringLiteral("acknowledgeRevocation"))->click();
        w->next();
        auto* page = lookupPage(*w);
        page->setTokenSource(
            std::make_shared<token::Pkcs11CertificateSource>(QStringList {SoftHsm::modulePath()}));
        page->setPinPrompt(&m_pins);
        return w;
    }

    static ui::LookupPage* lookupPage(ApplicationWizard& w)
    {
        return qobject_cast<ui::LookupPage*>(w.page(ApplicationWizard::LookupPage));
    }

    // Clicks "Read from UKey" and chooses the certificate with this serial among those found.
    static void readAndChoose(ApplicationWizard& w, const QString& serial)
    {
        findWidget<QPushButton>(&w, QStringLiteral("readFromTokenButton"))->click();
        auto* combo = findWidget<QComboBox>(&w, QStringLiteral("tokenCertificateCombo"));
        QTRY_COMPARE_WITH_TIMEOUT(combo->count(), 2, Timeout); // both old UKeys are inserted
        QVERIFY(combo->isVisibleTo(&w));
        int index = -1;
        for (int i = 0; i < combo->count(); ++i) {
            if (combo->itemText(i).contains(normalizeSerial(serial)))
                index = i;
        }
        QVERIFY2(index >= 0, qPrintable(combo->itemText(0)));
        combo->setCurrentIndex(index);
        findWidget<QPushButton>(&w, QStringLiteral("useTokenCertificateButton"))->click();
    }

    ListedObjects oldTokenObjects(const QString& label)
    {
        const ToolResult listing = m_softhsm->pkcs11Tool(label, UserPin, {QStringLiteral("--list-objects")});
        return parseListing(listing.output);
    }

    bool submit(ApplicationWizard& w, QString* error)
    {
        bool done = false;
        w.submit([&](const QString& e, const FieldErrors& fields) {
            *error = e;
            for (const FieldError& f : fields)
                *error += QStringLiteral(" | %1 %2").arg(f.field, f.code);
            done = true;
        });
        (void)QTest::qWaitFor([&done] { return done; }, Timeout);
        if (!done)
            *error = QStringLiteral("the submission did not finish");
        return done && error->isEmpty();
    }

private Q_SLOTS:
    void initTestCase()
    {
        fixEnvironment();
        QVERIFY(m_dir.isValid());
        if (!QFile::exists(SoftHsm::modulePath()))
            QSKIP("SoftHSM2 is not installed");
        // Every token before the first module load (SoftHSM reads its token directory at C_Initialize).
        m_softhsm.emplace(m_dir.filePath(QStringLiteral("softhsm")));
        QVERIFY(m_softhsm->initToken(InstitutionLabel, SoPin, UserPin));
        QVERIFY(m_softhsm->initToken(PersonLabel, SoPin, UserPin));
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        const QDateTime notAfter = QDateTime::currentDateTimeUtc().addDays(30);
        CENTRE_AWAIT_OK(institution,
            m_server.applicant->sandboxMintLegacy(
                CertificateCategory::Institution, InstitutionHolder, InstitutionCode, notAfter));
        CENTRE_AWAIT_OK(person,
            m_server.applicant->sandboxMintLegacy(
                CertificateCategory::NaturalPerson, PersonName, PersonId, notAfter));
        m_institution = institution.value();
        m_person = person.value();
        // The old UKeys: the legacy key pair and certificate under one CKA_ID, as a CA client writes them.
        const QByteArray id = QByteArray::fromHex("0a01");
        QVERIFY(m_softhsm->importKeyPair(
            InstitutionLabel, UserPin, m_institution.privateKey, id, QStringLiteral("old key")));
        QVERIFY(m_softhsm->importKeyPair(
            PersonLabel, UserPin, m_person.privateKey, id, QStringLiteral("old key")));
        auto module = token::ModuleLoader::load(SoftHsm::modulePath());
        QVERIFY2(module, qPrintable(module.detail()));
        for (const auto& [label, der] : {std::pair {InstitutionLabel, m_institution.certificate},
                 std::pair {PersonLabel, m_person.certificate}}) {
            auto session = module->openSession(label);
            QVERIFY2(session, qPrintable(session.detail()));
            QVERIFY(session->login(UserPin));
            QVERIFY(session->writeCertificate(der, id, QStringLiteral("old certificate")));
        }
    }

    void init() { m_pins = FakePinPrompt {}; }

    void institutionProofMakesTheApplicationHolderVerified()
    {
        auto api = m_server.makeClient();
        auto w = wizardAtLookup(api.get());
        QCOMPARE(w->currentId(), int(ApplicationWizard::LookupPage));
        const ListedObjects before = oldTokenObjects(InstitutionLabel);
        m_pins.pins = {UserPin};
        readAndChoose(*w, m_institution.serial);
        QTRY_VERIFY_WITH_TIMEOUT(w->application().proof.has_value(), Timeout);

        const Application& a = w->application();
        QCOMPARE(findWidget<QLineEdit>(w.get(), QStringLiteral("edit_serial"))->text(),
            normalizeSerial(m_institution.serial));
        QVERIFY(a.oldCertificate);
        QCOMPARE(a.oldCertificate->category, CertificateCategory::Institution);
        // Pre-filled from the certificate's subject (O, serialNumber).
        QCOMPARE(a.organization.name, InstitutionHolder);
        QCOMPARE(a.organization.credentialNumber, InstitutionCode);
        // One PIN prompt, for the old UKey; the proof is its signature over this lookup's challenge.
        QCOMPARE(m_pins.requests.size(), 1);
        QCOMPARE(m_pins.requests.constFirst().tokenLabel, InstitutionLabel);
        QCOMPARE(a.proof->certificate, m_institution.certificate);
        QCOMPARE(a.proof->challenge, a.oldCertificate->challenge);
        QVERIFY(!a.proof->signature.isEmpty());
        QVERIFY(w->button(QWizard::NextButton)->isEnabled());
        QVERIFY(!lookupPage(*w)->tokenStatusText().isEmpty());

        // The rest of the form, then the wizard's own submission.
        Application& edit = w->application();
        edit.organization.address = QStringLiteral("深圳市南山区科技园南区深南大道10000号");
        edit.agent = {QStringLiteral("李明"), QStringLiteral("440305199007151233"),
            QStringLiteral("13800138009"), QStringLiteral("liming@example.com")};
        CENTRE_AWAIT_OK(banks, api->banks(QStringLiteral("工商"), 5));
        QVERIFY(!banks->isEmpty());
        edit.bank = {InstitutionHolder, banks->first().code, banks->first().name,
            QStringLiteral("4000023009200188888")};
        edit.mailing = {QStringLiteral("440000"), QStringLiteral("440300"), QStringLiteral("440305"),
            QStringLiteral("深圳市南山区科技园南区深南大道10000号")};
        edit.invoice = InvoiceKind::Electronic;
        m_submitted = w->application();
        QString error;
        QVERIFY2(submit(*w, &error), qPrintable(error));
        QVERIFY(w->application().holderVerified);
        CENTRE_AWAIT_OK(fetched, api->getApplication(w->application().id, w->accessToken()));
        QVERIFY(fetched->holderVerified);

        // The old UKey was only read and signed once: nothing was written to it.
        const ListedObjects after = oldTokenObjects(InstitutionLabel);
        QCOMPARE(after.certificates, before.certificates);
        QCOMPARE(after.privateKeys, before.privateKeys);
        QCOMPARE(after.publicKeys, before.publicKeys);
        QCOMPARE(after.data, before.data);
    }

    void wrongPinIsShownAndNotRetried()
    {
        auto api = m_server.makeClient();
        auto w = wizardAtLookup(api.get());
        m_pins.pins = {QStringLiteral("00000000")};
        readAndChoose(*w, m_person.serial);
        auto* sign = findWidget<QPushButton>(w.get(), QStringLiteral("signWithTokenButton"));
        QTRY_VERIFY_WITH_TIMEOUT(sign->isVisible() && sign->isEnabled(), Timeout);
        QVERIFY(!w->application().proof);
        QCOMPARE(m_pins.requests.size(), 1); // asked once, never retried by itself
        const QString status = lookupPage(*w)->tokenStatusText();
        QVERIFY2(status == token::tokenStatusMessage(token::TokenStatus::PinIncorrect)
                || status == token::tokenStatusMessage(token::TokenStatus::PinIncorrectCountLow)
                || status == token::tokenStatusMessage(token::TokenStatus::PinIncorrectFinalTry),
            qPrintable(status));
        // The person's data came from the certificate (CN and the ID extension).
        QCOMPARE(w->application().category, CertificateCategory::NaturalPerson);
        QCOMPARE(w->application().applicant.name, PersonName);
        QCOMPARE(w->application().applicant.idNumber, PersonId);
        // The lookup worked: the page can be left without a proof too.
        QVERIFY(w->button(QWizard::NextButton)->isEnabled());

        // The person tries again with the right PIN.
        m_pins.pins = {UserPin};
        sign->click();
        QTRY_VERIFY_WITH_TIMEOUT(w->application().proof.has_value(), Timeout);
        QCOMPARE(m_pins.requests.size(), 2);
        QVERIFY(!sign->isVisible());
        QCOMPARE(w->application().proof->certificate, m_person.certificate);
    }

    void cancelledPinLeavesTheSerialWithoutProof()
    {
        auto api = m_server.makeClient();
        auto w = wizardAtLookup(api.get());
        readAndChoose(*w, m_person.serial); // no PIN queued: the person cancels the dialog
        auto* sign = findWidget<QPushButton>(w.get(), QStringLiteral("signWithTokenButton"));
        QTRY_VERIFY_WITH_TIMEOUT(sign->isVisible(), Timeout);
        QCOMPARE(m_pins.requests.size(), 1);
        QVERIFY(!w->application().proof);
        QCOMPARE(w->application().serial, normalizeSerial(m_person.serial));
        QVERIFY(w->button(QWizard::NextButton)->isEnabled());
    }

    void refusedProofIsDroppedAndShown()
    {
        // The same proof again: its challenge was used by the first submission, so the service refuses it
        // (422 on "proof") and the wizard goes back to the lookup page, which says why and drops it.
        QVERIFY2(m_submitted.proof, "run institutionProofMakesTheApplicationHolderVerified first");
        auto api = m_server.makeClient();
        ApplicationWizard w(nullptr, RegionModel::builtin(), api.get());
        w.resize(1366, 768);
        w.show();
        w.resumeDraft({}, m_submitted, ApplicationWizard::ReviewPage);
        QCOMPARE(w.currentId(), int(ApplicationWizard::ReviewPage));
        findWidget<QPushButton>(&w, QStringLiteral("submitButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(w.currentId(), int(ApplicationWizard::LookupPage), Timeout);
        QVERIFY(!w.application().proof);
        QVERIFY(w.application().id.isEmpty());
        QVERIFY2(lookupPage(w)->tokenStatusText().contains(
                     ui::LookupPage::tr("Sign again with the old UKey").section(QLatin1Char(' '), 0, 1)),
            qPrintable(lookupPage(w)->tokenStatusText()));
        // Without the proof it goes through, not holder-verified.
        QString error;
        QVERIFY2(submit(w, &error), qPrintable(error));
        QVERIFY(!w.application().holderVerified);
    }

    void expiredChallengeIsShownOnReturn()
    {
        Application a = m_submitted;
        QVERIFY(a.proof && a.oldCertificate);
        a.oldCertificate->challengeExpiresAt = QDateTime::currentDateTimeUtc().addSecs(-60);
        auto api = m_server.makeClient();
        ApplicationWizard w(nullptr, RegionModel::builtin(), api.get());
        w.show();
        w.resumeDraft({}, a, ApplicationWizard::LookupPage);
        QCOMPARE(w.currentId(), int(ApplicationWizard::LookupPage));
        QVERIFY(!w.application().proof);
        QVERIFY(!lookupPage(w)->tokenStatusText().isEmpty());
    }

    void nothingFoundIsSaid()
    {
        auto api = m_server.makeClient();
        auto w = wizardAtLookup(api.get());
        lookupPage(*w)->setTokenSource(std::make_shared<EmptySource>());
        findWidget<QPushButton>(w.get(), QStringLiteral("readFromTokenButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!lookupPage(*w)->tokenStatusText().isEmpty()
                && findWidget<QPushButton>(w.get(), QStringLiteral("readFromTokenButton"))->isEnabled(),
            Timeout);
        QVERIFY(findWidget<QLineEdit>(w.get(), QStringLiteral("edit_serial"))->text().isEmpty());

        lookupPage(*w)->setTokenSource(std::make_shared<token::Pkcs11CertificateSource>(
            QStringList {m_dir.filePath(QStringLiteral("missing.so"))}));
        findWidget<QPushButton>(w.get(), QStringLiteral("readFromTokenButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(lookupPage(*w)->tokenStatusText(),
            token::tokenStatusMessage(token::TokenStatus::ModuleMissing), Timeout);
        QVERIFY(m_pins.requests.isEmpty());
    }
};

QTEST_MAIN(TestCounterOldUKey)
#include "tst_counter_oldukey.moc"
