// The lookup page's rules about the old certificate, moved from ui/wizard/LookupPage into core: which UKey
// certificates are candidates, when the stored proof of possession has expired, when the lookup's challenge
// can still be signed, and how the subject fills the form (only empty fields).
#include "pki/OldCertificateRules.h"

#include "TestEnvironment.h"

#include <QTest>

using namespace certdesk;
using namespace certdesk::pki;

namespace {

const QDateTime Now = QDateTime(QDate(2026, 12, 2), QTime(6, 0), Qt::UTC);

Application looked(const QDateTime& expires, bool proofOverIt)
{
    Application a;
    OldCertificateInfo old;
    old.serial = QStringLiteral("0a:1b:2c");
    old.challenge = QByteArray(32, '\x11');
    old.challengeExpiresAt = expires;
    a.oldCertificate = old;
    if (proofOverIt)
        a.proof = PossessionProof {old.challenge, QByteArray("cert"), QByteArray("sig")};
    return a;
}

} // namespace

class TestOldCertificateRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::fixEnvironment(); }
    void candidates_data();
    void candidates();
    void proofExpiry();
    void challengeUsable_data();
    void challengeUsable();
    void prefillInstitution();
    void prefillNaturalPerson();
};

void TestOldCertificateRules::candidates_data()
{
    QTest::addColumn<QString>("algorithm");
    QTest::addColumn<bool>("ca");
    QTest::addColumn<bool>("candidate");
    QTest::newRow("RSA end entity") << QStringLiteral("RSA-2048") << false << true;
    QTest::newRow("RSA CA") << QStringLiteral("RSA-2048") << true << false;
    QTest::newRow("SM2 end entity") << QStringLiteral("SM2") << false << false;
    QTest::newRow("EC") << QStringLiteral("EC-prime256v1") << false << false;
}

void TestOldCertificateRules::candidates()
{
    QFETCH(QString, algorithm);
    QFETCH(bool, ca);
    QFETCH(bool, candidate);
    CertificateInfo info;
    info.keyAlgorithm = algorithm;
    info.isCa = ca;
    QCOMPARE(isRenewableOldCertificate(info), candidate);
}

void TestOldCertificateRules::proofExpiry()
{
    QVERIFY(possessionProofExpired(looked(Now.addSecs(-1), true), Now));
    QVERIFY(!possessionProofExpired(looked(Now.addSecs(60), true), Now));
    QVERIFY(!possessionProofExpired(looked(Now.addSecs(-1), false), Now)); // no proof: nothing expired
    Application other = looked(Now.addSecs(-1), true);
    other.proof->challenge = QByteArray(32, '\x22'); // a proof over another (newer) challenge
    QVERIFY(!possessionProofExpired(other, Now));
    QVERIFY(!possessionProofExpired(looked(QDateTime(), true), Now)); // expiry unknown
}

void TestOldCertificateRules::challengeUsable_data()
{
    QTest::addColumn<QDateTime>("expires");
    QTest::addColumn<bool>("used");
    QTest::addColumn<QString>("serial");
    QTest::addColumn<bool>("usable");
    QTest::newRow("fresh") << Now.addSecs(120) << false << QStringLiteral("0A1B2C") << true;
    QTest::newRow("within the margin") << Now.addSecs(20) << false << QStringLiteral("0A1B2C") << false;
    QTest::newRow("expired") << Now.addSecs(-5) << false << QStringLiteral("0A1B2C") << false;
    QTest::newRow("used by a proof") << Now.addSecs(120) << true << QStringLiteral("0A1B2C") << false;
    QTest::newRow("another certificate") << Now.addSecs(120) << false << QStringLiteral("0A1B2D") << false;
}

void TestOldCertificateRules::challengeUsable()
{
    QFETCH(QDateTime, expires);
    QFETCH(bool, used);
    QFETCH(QString, serial);
    QFETCH(bool, usable);
    QCOMPARE(challengeStillUsable(looked(expires, used), serial, Now), usable);
    QVERIFY(!challengeStillUsable(Application {}, serial, Now)); // no lookup yet
}

void TestOldCertificateRules::prefillInstitution()
{
    CertificateInfo info;
    info.subject.organization = QStringLiteral("Shenzhen Example Co");
    info.subject.commonName = QStringLiteral("Zhang Wei");
    info.subject.serialNumber = QStringLiteral("91440300MA5G567848");
    Application a;
    a.category = CertificateCategory::InstitutionBusiness;
    prefillFromOldCertificate(a, info);
    QCOMPARE(a.organization.name, info.subject.organization);
    QCOMPARE(a.organization.credentialNumber, info.subject.serialNumber);
    QVERIFY(a.applicant.name.isEmpty());
    // What the person typed stays.
    Application typed;
    typed.organization.name = QStringLiteral("Typed Co");
    prefillFromOldCertificate(typed, info);
    QCOMPARE(typed.organization.name, QStringLiteral("Typed Co"));
    QCOMPARE(typed.organization.credentialNumber, info.subject.serialNumber);
    // No O: the CN names the organisation.
    info.subject.organization.clear();
    Application cnOnly;
    prefillFromOldCertificate(cnOnly, info);
    QCOMPARE(cnOnly.organization.name, QStringLiteral("Zhang Wei"));
}

void TestOldCertificateRules::prefillNaturalPerson()
{
    CertificateInfo info;
    info.subject.commonName = QStringLiteral("Wang Fang");
    info.personIdNumber = QStringLiteral("310115197806150038");
    Application a;
    a.category = CertificateCategory::NaturalPerson;
    a.applicant.idNumber = QStringLiteral("  ");
    prefillFromOldCertificate(a, info);
    QCOMPARE(a.applicant.name, info.subject.commonName);
    QCOMPARE(a.applicant.idNumber, info.personIdNumber); // blank counts as empty
    QVERIFY(a.organization.name.isEmpty());
}

QTEST_GUILESS_MAIN(TestOldCertificateRules)
#include "tst_oldcertificaterules.moc"
