// End to end on SoftHSM2 (the server-generated-key path of DESIGN.md "Issuance protocol"): an old UKey
// holding a sandbox legacy RSA certificate proves possession through the token, the application is completed
// and approved, and ProgrammingJob programs a blank token. Afterwards pkcs11-tool sees two SM2 key pairs and
// two certificates, each certificate certifies its key object, the signing pair can only sign/verify and the
// encryption pair only decrypt/unwrap/encrypt/wrap (usage attributes read back), both verify link by link
// with `openssl verify -partial_chain -vfyopt distid:1234567812345678` against GET /ca/certificates, and the
// old serial is on GET /ca/legacy-crl. Faults on the same token type: a wrong PIN, a missing module and a
// file that is no PKCS#11 module, cancel mid-write, and the service dying between issuance and confirmation.

#include "IssuanceFixture.h"
#include "TestEnvironment.h"
#include "TokenTestSupport.h"

#include "issuance/ProgrammingJob.h"
#include "issuance/RollbackJournal.h"
#include "pki/CertificateInfo.h"
#include "token/ModuleLoader.h"
#include "token/TokenSession.h"

#include <QFile>
#include <QMap>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace certdesk;
using namespace certdesk::issuance;
using certdesk::token::TokenStatus;
using Step = ProgrammingJob::Step;

namespace {

const QString UserPin = QStringLiteral("12345678");
const QString SoPin = QStringLiteral("87654321");

// SoftHSM scans its token directory at C_Initialize only: every token of this test is made before the first
// module load.
const QString OldLabel = QStringLiteral("OLD UKEY");
const QString NewLabel = QStringLiteral("NEW UKEY 1");
const QString WrongPinLabel = QStringLiteral("WRONG PIN");
const QString CancelLabel = QStringLiteral("CANCELLED");
const QString ServerDownLabel = QStringLiteral("SERVER DOWN");

// CKA_ID (hex) -> 04||X||Y of each public key object in `pkcs11-tool --list-objects` output.
QMap<QString, QByteArray> publicPoints(const QString& listing)
{
    QMap<QString, QByteArray> points;
    bool inPublicKey = false;
    QByteArray point;
    for (const QString& raw : listing.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (!raw.startsWith(QLatin1Char(' '))) {
            inPublicKey = raw.startsWith(QLatin1String("Public Key Object"));
            point.clear();
        } else if (inPublicKey && line.startsWith(QLatin1String("EC_POINT:"))) {
            const QByteArray der = QByteArray::fromHex(line.section(QLatin1Char(' '), -1).toLatin1());
            if (der.size() == 67 && der.at(0) == 0x04 && der.at(1) == 0x41) // OCTET STRING, 65 bytes
                point = der.mid(2);
        } else if (inPublicKey && line.startsWith(QLatin1String("ID:"))) {
            points.insert(line.section(QLatin1Char(' '), -1), point);
        }
    }
    return points;
}

// "Private:<CKA_ID hex>" / "Public:<CKA_ID hex>" -> the usage attributes pkcs11-tool read back with
// C_GetAttributeValue ("Usage:" line: sign, verify, encrypt, decrypt, wrap, unwrap, derive, ...), sorted.
QMap<QString, QStringList> keyUsages(const QString& listing)
{
    QMap<QString, QStringList> usages;
    QString kind;
    QString id;
    QStringList usage;
    const auto flush = [&] {
        if (!kind.isEmpty() && !id.isEmpty())
            usages.insert(kind + QLatin1Char(':') + id, usage);
        kind.clear();
        id.clear();
        usage.clear();
    };
    for (const QString& raw : listing.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (!raw.startsWith(QLatin1Char(' '))) {
            flush();
            if (raw.startsWith(QLatin1String("Private Key Object")))
                kind = QStringLiteral("Private");
            else if (raw.startsWith(QLatin1String("Public Key Object")))
                kind = QStringLiteral("Public");
        } else if (line.startsWith(QLatin1String("Usage:"))) {
            usage = line.mid(6).trimmed().split(QStringLiteral(", "), Qt::SkipEmptyParts);
            usage.sort();
        } else if (line.startsWith(QLatin1String("ID:"))) {
            id = line.section(QLatin1Char(' '), -1);
        }
    }
    flush();
    return usages;
}

} // namespace

class TestProgrammingSoftHsm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void serverGeneratedPathEndToEnd();
    void wrongPinNeverRetries();
    void missingModuleIsAMessage();
    void notAPkcs11ModuleIsAMessage();
    void cancelMidWriteLeavesNothing();
    void serviceDiesBeforeConfirmation();

private:
    [[nodiscard]] ProgrammingRequest request(const QString& applicationId, const QString& label) const;
    [[nodiscard]] int objectCount(const QString& label);

    QTemporaryDir m_dir;
    std::optional<test::SoftHsm> m_softhsm;
    test::IssuanceFixture m_fixture;
};

void TestProgrammingSoftHsm::initTestCase()
{
    test::fixEnvironment();
    if (!QFile::exists(test::SoftHsm::modulePath()))
        QSKIP("SoftHSM2 is not installed");
    QVERIFY(m_dir.isValid());
    m_softhsm.emplace(m_dir.filePath(QStringLiteral("softhsm")));
    for (const QString& label : {OldLabel, NewLabel, WrongPinLabel, CancelLabel, ServerDownLabel})
        QVERIFY(m_softhsm->initToken(label, SoPin, UserPin));
    QVERIFY2(m_fixture.start(), qPrintable(m_fixture.error()));
}

void TestProgrammingSoftHsm::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning("certdesk-server output (tail):\n%s", m_fixture.server().output().right(3000).constData());
}

ProgrammingRequest TestProgrammingSoftHsm::request(const QString& applicationId, const QString& label) const
{
    ProgrammingRequest r;
    r.applicationId = applicationId;
    r.modulePath = test::SoftHsm::modulePath();
    r.tokenLabel = label;
    r.journalPath = m_dir.filePath(QStringLiteral("journal.json"));
    return r;
}

int TestProgrammingSoftHsm::objectCount(const QString& label)
{
    const test::ToolResult listed = m_softhsm->pkcs11Tool(label, UserPin, {QStringLiteral("--list-objects")});
    if (listed.exitCode != 0)
        return -1;
    const test::ListedObjects objects = test::parseListing(listed.output);
    return objects.privateKeys + objects.publicKeys + objects.certificates + objects.data;
}

void TestProgrammingSoftHsm::serverGeneratedPathEndToEnd()
{
    // --- the old UKey: the sandbox's legacy RSA key and certificate on a SoftHSM token ---
    const std::optional<test::LegacyMaterial> legacy = m_fixture.mintLegacy();
    QVERIFY2(legacy, qPrintable(m_fixture.error()));
    const QString oldLabel = OldLabel;
    const QByteArray oldId = QByteArray::fromHex("01a1");
    QVERIFY(
        m_softhsm->importKeyPair(oldLabel, UserPin, legacy->privateKey, oldId, QStringLiteral("old key")));
    auto module = token::ModuleLoader::load(test::SoftHsm::modulePath());
    QVERIFY2(module, qPrintable(module.detail()));
    {
        auto session = module->openSession(oldLabel);
        QVERIFY2(session, qPrintable(session.detail()));
        QVERIFY(session->login(UserPin));
        QVERIFY(session->writeCertificate(legacy->certificate, oldId, QStringLiteral("old certificate")));
    }

    // --- the wizard's side: read the certificate from the token, sign the challenge THROUGH the token ---
    auto opened = module->openSession(oldLabel);
    QVERIFY2(opened, qPrintable(opened.detail()));
    std::optional<token::TokenSession> oldSession;
    oldSession.emplace(std::move(opened).value());
    auto certificates = oldSession->certificates();
    QVERIFY2(certificates, qPrintable(certificates.detail()));
    QCOMPARE(certificates->size(), 1);
    const token::TokenCertificate oldCertificate = certificates->first();
    QCOMPARE(test::normalHex(oldCertificate.info()->serialHex), test::normalHex(legacy->serial));
    QVERIFY(oldSession->login(UserPin));
    int signatures = 0;
    const auto approved = m_fixture.approve(*legacy, [&](const QByteArray& challenge) {
        ++signatures;
        auto signature = oldSession->signRsaSha256(oldCertificate, challenge);
        return signature ? *signature : QByteArray();
    });
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    QCOMPARE(signatures, 1);
    QVERIFY(approved->holderVerified);
    oldSession.reset(); // logs out; the old UKey is never touched again

    // --- the counter programs a blank token ---
    const QString label = NewLabel;
    ProgrammingJob job(&m_fixture.counter(), request(approved->id, label));
    QVERIFY(!job.isRunning());
    const test::JobOutcome outcome = test::runJob(job, UserPin);
    QVERIFY2(outcome.finished, "the job did not finish");
    QVERIFY2(outcome.ok, qPrintable(outcome.message + QStringLiteral(" | ") + job.detail()));
    QCOMPARE(outcome.status, TokenStatus::Ok);
    QVERIFY(!outcome.message.isEmpty());
    QVERIFY(!job.isRunning());
    QCOMPARE(job.failure(), ProgrammingJob::Failure::None);
    QVERIFY(!job.signingKeyGeneratedOnToken()); // SoftHSM stores SM2 keys but cannot SM2-sign
    const QList<Step> allSteps {Step::Connect, Step::Login, Step::PrepareKeys, Step::RequestIssuance,
        Step::OpenEnvelopes, Step::WriteToken, Step::Verify, Step::Confirm, Step::Done};
    QCOMPARE(outcome.steps, allSteps);
    QVERIFY(std::is_sorted(outcome.percents.cbegin(), outcome.percents.cend()));
    QCOMPARE(outcome.percents.last(), 100);
    for (Step step : allSteps)
        QVERIFY(!ProgrammingJob::stepDescription(step).isEmpty());

    // The service: issued, confirmed for this token.
    const auto app = m_fixture.application(*approved);
    QVERIFY2(app, qPrintable(m_fixture.error()));
    QCOMPARE(app->status, ApplicationStatus::Issued);
    const auto view = m_fixture.staffView(approved->id);
    QVERIFY2(view, qPrintable(m_fixture.error()));
    QCOMPARE(view->issuances.size(), 1);
    QCOMPARE(view->issuances.first().issuanceId, job.issuanceId());
    QCOMPARE(view->issuances.first().tokenLabel, label);
    QCOMPARE(view->issuances.first().tokenSerial, job.token().serialNumber);
    QVERIFY(!job.token().serialNumber.isEmpty());

    // --- what pkcs11-tool (OpenSC) sees ---
    const test::ToolResult listed = m_softhsm->pkcs11Tool(label, UserPin, {QStringLiteral("--list-objects")});
    QCOMPARE(listed.exitCode, 0);
    const test::ListedObjects objects = test::parseListing(listed.output);
    QCOMPARE(objects.privateKeys, 2);
    QCOMPARE(objects.publicKeys, 2);
    QCOMPARE(objects.certificates, 2);
    QCOMPARE(objects.data, 0);

    // Each certificate's public key equals its key object's, both read by pkcs11-tool: the certificate by
    // CKA_ID, the public key object's CKA_EC_POINT from the listing (DER OCTET STRING of 04||X||Y).
    const QMap<QString, QByteArray> points = publicPoints(listed.output);
    QCOMPARE(points.size(), 2);
    const QMap<QString, QStringList> usages = keyUsages(listed.output);
    QCOMPARE(usages.size(), 4);
    int signingPairs = 0;
    QList<QByteArray> leaves;
    for (auto it = points.cbegin(); it != points.cend(); ++it) {
        const QString certificateFile = m_dir.filePath(QStringLiteral("cert-%1.der").arg(it.key()));
        const test::ToolResult read = m_softhsm->pkcs11Tool(label, {},
            {QStringLiteral("--read-object"), QStringLiteral("--type"), QStringLiteral("cert"),
                QStringLiteral("--id"), it.key(), QStringLiteral("--output-file"), certificateFile});
        QVERIFY2(read.exitCode == 0, qPrintable(read.output));
        QFile file(certificateFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray der = file.readAll();
        const auto info = pki::CertificateInfo::parse(der);
        QVERIFY(info);
        QVERIFY(info->isSm2());
        QCOMPARE(it.value(), info->publicKeyBits);
        leaves.append(der);

        // Key separation on the token (DESIGN.md): the signing pair only signs/verifies, the encryption pair
        // only decrypts/unwraps and encrypts/wraps — no CKA_UNWRAP on the signing key, no CKA_WRAP on its
        // public key, no CKA_DERIVE anywhere.
        const bool signing = (info->keyUsage & pki::KeyUsage::DigitalSignature) != 0;
        signingPairs += signing ? 1 : 0;
        const QStringList privateUsage = usages.value(QStringLiteral("Private:") + it.key());
        const QStringList publicUsage = usages.value(QStringLiteral("Public:") + it.key());
        const QStringList expectedPrivate = signing
            ? QStringList {QStringLiteral("sign")}
            : QStringList {QStringLiteral("decrypt"), QStringLiteral("unwrap")};
        const QStringList expectedPublic = signing
            ? QStringList {QStringLiteral("verify")}
            : QStringList {QStringLiteral("encrypt"), QStringLiteral("wrap")};
        QCOMPARE(privateUsage, expectedPrivate);
        QCOMPARE(publicUsage, expectedPublic);

        // `openssl verify -partial_chain -vfyopt distid:1234567812345678`, link by link, against the
        // service's chain.
        QString output;
        QVERIFY2(test::opensslVerify(m_dir.path(), m_fixture.rootDer(), m_fixture.issuingDer(), der, &output),
            qPrintable(output));
    }
    QVERIFY(leaves.at(0) != leaves.at(1));
    QCOMPARE(signingPairs, 1);

    // The old certificate is revoked now, on the legacy RSA CA's CRL; the new pair is on no CRL.
    const auto revoked = m_fixture.legacyCrlSerials();
    QVERIFY2(revoked, qPrintable(m_fixture.error()));
    QVERIFY(revoked->contains(approved->oldSerial));
    const auto sm2Revoked = m_fixture.crlSerials();
    QVERIFY2(sm2Revoked, qPrintable(m_fixture.error()));
    QVERIFY(!sm2Revoked->contains(approved->oldSerial));
    for (const QByteArray& der : leaves)
        QVERIFY(!sm2Revoked->contains(test::normalHex(pki::CertificateInfo::parse(der)->serialHex)));

    // Nothing pending for the token.
    const RollbackJournal journal(request(approved->id, label).journalPath);
    QVERIFY(journal.pending(RollbackJournal::tokenKey(job.token())).isEmpty());

    // The job does not run twice for an issued application: the service says it is not approved any more,
    // before the token is touched.
    const test::JobOutcome again = test::runJob(job, UserPin);
    QVERIFY(again.finished);
    QVERIFY(!again.ok);
    QCOMPARE(job.failure(), ProgrammingJob::Failure::Service);
    QCOMPARE(again.steps, QList<Step> {Step::Connect});
    QCOMPARE(objectCount(label), 6);
}

void TestProgrammingSoftHsm::wrongPinNeverRetries()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    const QString label = WrongPinLabel;
    ProgrammingJob job(&m_fixture.counter(), request(approved->id, label));
    // The GUI's tests spy on the job: its signal arguments are usable without registering anything.
    QSignalSpy finished(&job, &ProgrammingJob::finished);
    QVERIFY(finished.isValid());
    const test::JobOutcome outcome = test::runJob(job, QStringLiteral("00000000"));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(2).value<TokenStatus>(), TokenStatus::PinIncorrectCountLow);
    QVERIFY(outcome.finished);
    QVERIFY(!outcome.ok);
    // SoftHSM raises "count low" after a wrong PIN (the vendor module test covers final try and locked).
    QCOMPARE(outcome.status, TokenStatus::PinIncorrectCountLow);
    QCOMPARE(outcome.message, token::tokenStatusMessage(TokenStatus::PinIncorrectCountLow));
    QCOMPARE(job.failure(), ProgrammingJob::Failure::Token);
    QCOMPARE(job.lastStep(), Step::Login);
    QVERIFY(!outcome.steps.contains(Step::RequestIssuance));
    // Nothing was issued; the application waits for the right PIN.
    const auto view = m_fixture.staffView(approved->id);
    QVERIFY(view);
    QVERIFY(view->issuances.isEmpty());
    QCOMPARE(view->application.status, ApplicationStatus::Approved);
    QCOMPARE(objectCount(label), 0);

    // The same job with the right PIN succeeds.
    const test::JobOutcome right = test::runJob(job, UserPin);
    QVERIFY2(right.ok, qPrintable(right.message + QStringLiteral(" | ") + job.detail()));
    QCOMPARE(objectCount(label), 6);
}

void TestProgrammingSoftHsm::missingModuleIsAMessage()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    ProgrammingRequest r = request(approved->id, QStringLiteral("ANY"));
    r.modulePath = m_dir.filePath(QStringLiteral("no-such-pkcs11.so"));
    ProgrammingJob job(&m_fixture.counter(), r);
    const test::JobOutcome outcome = test::runJob(job, UserPin);
    QVERIFY(outcome.finished);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.status, TokenStatus::ModuleMissing);
    QCOMPARE(outcome.message, token::tokenStatusMessage(TokenStatus::ModuleMissing));
    QCOMPARE(job.lastStep(), Step::Connect);
    QCOMPARE(m_fixture.staffView(approved->id)->application.status, ApplicationStatus::Approved);
}

void TestProgrammingSoftHsm::notAPkcs11ModuleIsAMessage()
{
    // A real shared library without C_GetFunctionList.
    QString library;
    for (const char* candidate : {"/usr/lib/x86_64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1",
             "/usr/lib/aarch64-linux-gnu/libz.so.1"})
        if (QFile::exists(QString::fromLatin1(candidate)))
            library = QString::fromLatin1(candidate);
    if (library.isEmpty())
        QSKIP("no libz.so.1 to load");
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    ProgrammingRequest r = request(approved->id, QStringLiteral("ANY"));
    r.modulePath = library;
    ProgrammingJob job(&m_fixture.counter(), r);
    const test::JobOutcome outcome = test::runJob(job, UserPin);
    QVERIFY(outcome.finished);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.status, TokenStatus::ModuleLoadFailed);
    QCOMPARE(outcome.message, token::tokenStatusMessage(TokenStatus::ModuleLoadFailed));

    // A text file named like a module.
    const QString fake = m_dir.filePath(QStringLiteral("fake-pkcs11.so"));
    QFile file(fake);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not an ELF file\n");
    file.close();
    r.modulePath = fake;
    ProgrammingJob second(&m_fixture.counter(), r);
    const test::JobOutcome fakeOutcome = test::runJob(second, UserPin);
    QVERIFY(fakeOutcome.finished);
    QCOMPARE(fakeOutcome.status, TokenStatus::ModuleLoadFailed);
}

void TestProgrammingSoftHsm::cancelMidWriteLeavesNothing()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    const QString label = CancelLabel;
    for (const Step cancelAt : {Step::WriteToken, Step::Verify}) {
        ProgrammingJob job(&m_fixture.counter(), request(approved->id, label));
        connect(&job, &ProgrammingJob::stepChanged, &job, [&job, cancelAt](Step step) {
            if (step == cancelAt)
                job.cancel();
        });
        const test::JobOutcome outcome = test::runJob(job, UserPin);
        QVERIFY(outcome.finished);
        QVERIFY2(
            !outcome.ok, qPrintable(QStringLiteral("cancel at step %1 came too late").arg(int(cancelAt))));
        QCOMPARE(outcome.status, TokenStatus::Cancelled);
        QCOMPARE(job.failure(), ProgrammingJob::Failure::Cancelled);
        QVERIFY(!outcome.steps.contains(Step::Confirm));
        QCOMPARE(objectCount(label), 0);
        QCOMPARE(m_fixture.staffView(approved->id)->application.status, ApplicationStatus::Approved);
    }
    // The application is resumable: a new run issues again and succeeds.
    ProgrammingJob job(&m_fixture.counter(), request(approved->id, label));
    const test::JobOutcome outcome = test::runJob(job, UserPin);
    QVERIFY2(outcome.ok, qPrintable(outcome.message + QStringLiteral(" | ") + job.detail()));
    QCOMPARE(objectCount(label), 6);
    const auto view = m_fixture.staffView(approved->id);
    QCOMPARE(view->issuances.size(), 3); // two cancelled runs (revoked when the third issued), one confirmed
}

void TestProgrammingSoftHsm::serviceDiesBeforeConfirmation()
{
    const auto approved = m_fixture.approvedApplication();
    QVERIFY2(approved, qPrintable(m_fixture.error()));
    const QString label = ServerDownLabel;
    ProgrammingJob job(&m_fixture.counter(), request(approved->id, label));
    bool killed = false;
    int objectsWhenKilled = -1;
    connect(&job, &ProgrammingJob::stepChanged, this, [&](Step step) {
        if (step == Step::Confirm) {
            // The token is written and verified; the service goes away before the confirmation arrives.
            objectsWhenKilled = objectCount(label);
            m_fixture.server().kill();
            killed = true;
        }
    });
    const test::JobOutcome outcome = test::runJob(job, UserPin);
    // Back on the same data before anything is checked, so that a failure here does not take the later
    // tests down with it.
    const bool restarted = m_fixture.server().restart();
    QVERIFY(killed);
    QCOMPARE(objectsWhenKilled, 6);
    QVERIFY(outcome.finished);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.status, TokenStatus::Ok); // the token did nothing wrong
    QCOMPARE(job.failure(), ProgrammingJob::Failure::Service);
    QCOMPARE(job.lastStep(), Step::Confirm);
    // No unconfirmed state on the token.
    QCOMPARE(objectCount(label), 0);

    // The service comes back on the same data: the application is still approved, and a new run issues again.
    QVERIFY2(restarted, qPrintable(m_fixture.server().errorString()));
    const auto view = m_fixture.staffView(approved->id);
    QVERIFY2(view, qPrintable(m_fixture.error()));
    QCOMPARE(view->application.status, ApplicationStatus::Approved);
    disconnect(&job, &ProgrammingJob::stepChanged, this, nullptr);
    const test::JobOutcome again = test::runJob(job, UserPin);
    QVERIFY2(again.ok, qPrintable(again.message + QStringLiteral(" | ") + job.detail()));
    QCOMPARE(objectCount(label), 6);
    QCOMPARE(m_fixture.staffView(approved->id)->application.status, ApplicationStatus::Issued);
}

QTEST_GUILESS_MAIN(TestProgrammingSoftHsm)
#include "tst_programming_softhsm.moc"
