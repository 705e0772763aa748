#include "domain/Application.h"
#include "domain/Checklist.h"
#include "domain/Fees.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace certdesk;

class TestApplication : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fees_data()
    {
        QTest::addColumn<qint64>("perYear");
        QTest::addColumn<int>("years");
        QTest::addColumn<qint64>("express");
        QTest::addColumn<qint64>("total");
        QTest::newRow("institution 1 year") << qint64(36000) << 1 << qint64(0) << qint64(36000);
        QTest::newRow("institution 3 years") << qint64(36000) << 3 << qint64(0) << qint64(108000);
        QTest::newRow("natural person 2 years + express")
            << qint64(6000) << 2 << qint64(1500) << qint64(13500);
        QTest::newRow("zero years") << qint64(36000) << 0 << qint64(0) << qint64(0);
        QTest::newRow("negative fee") << qint64(-1) << 1 << qint64(0) << qint64(0);
    }
    void fees()
    {
        QFETCH(qint64, perYear);
        QFETCH(int, years);
        QFETCH(qint64, express);
        QFETCH(qint64, total);
        const Fees f = computeFees(perYear, years, express);
        QCOMPARE(f.totalFen, total);
        QCOMPARE(f.certificateFen + f.expressFen, f.totalFen);
    }

    void formatYuan_data()
    {
        QTest::addColumn<qint64>("fen");
        QTest::addColumn<QString>("text");
        QTest::newRow("360") << qint64(36000) << QStringLiteral("360.00");
        QTest::newRow("cents") << qint64(6005) << QStringLiteral("60.05");
        QTest::newRow("zero") << qint64(0) << QStringLiteral("0.00");
        QTest::newRow("negative") << qint64(-150) << QStringLiteral("-1.50");
    }
    void formatYuan()
    {
        QFETCH(qint64, fen);
        QFETCH(QString, text);
        QCOMPARE(certdesk::formatYuan(fen), text);
    }

    void normalizeSerial_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("colons") << QStringLiteral("5f:3a:0c") << QStringLiteral("5F3A0C");
        QTest::newRow("spaces") << QStringLiteral(" 5f 3a 0c ") << QStringLiteral("5F3A0C");
        QTest::newRow("not hex") << QStringLiteral("5G") << QString();
        QTest::newRow("fullwidth digit") << QStringLiteral("５") << QString();
    }
    void normalizeSerial()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(certdesk::normalizeSerial(input), expected);
    }

    void apiBodyInstitution()
    {
        Application a;
        a.serial = QStringLiteral("0A1B");
        a.category = CertificateCategory::InstitutionPersonal;
        a.years = 2;
        a.acknowledgements.agreement = true;
        a.acknowledgements.oldCertificateRevocation = true;
        a.organization.name = QStringLiteral("示例单位");
        a.agent.idNumber = QStringLiteral("11010519491231002X");
        a.applicant.name = QStringLiteral("not sent for institutions");
        a.bank.bankName = QStringLiteral("client-only");
        a.invoice = InvoiceKind::Electronic;
        const QJsonObject body = a.toApiBody();
        QCOMPARE(body.value(QStringLiteral("category")).toString(), QStringLiteral("institution_personal"));
        QCOMPARE(body.value(QStringLiteral("years")).toInt(), 2);
        QVERIFY(body.contains(QStringLiteral("organization")));
        QVERIFY(body.contains(QStringLiteral("bank")));
        QVERIFY(!body.contains(QStringLiteral("applicant")));
        QVERIFY(!body.value(QStringLiteral("bank")).toObject().contains(QStringLiteral("bank_name")));
        QVERIFY(!body.contains(QStringLiteral("proof")));
        QCOMPARE(body.value(QStringLiteral("invoice")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("electronic"));
        QCOMPARE(body.value(QStringLiteral("acknowledgements"))
                     .toObject()
                     .value(QStringLiteral("old_certificate_revocation"))
                     .toBool(),
            true);
        QCOMPARE(body.value(QStringLiteral("agent")).toObject().value(QStringLiteral("id_number")).toString(),
            QStringLiteral("11010519491231002X"));

        // The server reads the same body back into the same form fields.
        const Application back = Application::fromApiJson(body);
        QCOMPARE(back.category, a.category);
        QCOMPARE(back.organization, a.organization);
        QCOMPARE(back.agent, a.agent);
        QCOMPARE(back.invoice, a.invoice);
        QVERIFY(back.applicant.name.isEmpty());
    }

    void apiBodyNaturalPersonWithProof()
    {
        Application a;
        a.category = CertificateCategory::NaturalPerson;
        a.applicant.name = QStringLiteral("李四");
        a.organization.name = QStringLiteral("kept in the draft, not sent");
        a.proof = PossessionProof {QByteArray(32, 'c'), QByteArray("\x30\x82", 2), QByteArray(256, 's')};
        const QJsonObject body = a.toApiBody();
        QVERIFY(!body.contains(QStringLiteral("organization")));
        QVERIFY(!body.contains(QStringLiteral("agent")));
        QVERIFY(!body.contains(QStringLiteral("bank")));
        const QJsonObject proof = body.value(QStringLiteral("proof")).toObject();
        QCOMPARE(QByteArray::fromBase64(proof.value(QStringLiteral("challenge")).toString().toLatin1()),
            QByteArray(32, 'c'));
        QCOMPARE(Application::fromApiJson(body).proof, a.proof);
    }

    void apiBodyCarriesTheLookupChallenge()
    {
        Application a;
        a.category = CertificateCategory::NaturalPerson;
        a.serial = QStringLiteral("5F3A0C");
        // Not looked up: nothing to name.
        QVERIFY(!a.toApiBody().contains(QStringLiteral("lookup_challenge")));
        OldCertificateInfo info;
        info.serial = QStringLiteral("5f:3a:0c");
        info.challenge = QByteArray(32, 'k');
        a.oldCertificate = info;
        QCOMPARE(a.lookupChallenge(), QByteArray(32, 'k'));
        QCOMPARE(QByteArray::fromBase64(
                     a.toApiBody().value(QStringLiteral("lookup_challenge")).toString().toLatin1()),
            QByteArray(32, 'k'));
        // A lookup of another serial is no lookup of this one.
        a.serial = QStringLiteral("5F3A0D");
        QVERIFY(a.lookupChallenge().isEmpty());
        QVERIFY(!a.toApiBody().contains(QStringLiteral("lookup_challenge")));
        // The draft keeps it (with the lookup), so a resumed draft still sends it.
        a.serial = QStringLiteral("5F3A0C");
        QCOMPARE(Application::fromDraftJson(a.toDraftJson()).lookupChallenge(), QByteArray(32, 'k'));
    }

    void wrongJsonTypesLeaveFieldsEmpty()
    {
        const QJsonObject body = QJsonDocument::fromJson(
            R"({"serial": 12, "category": "spaceship", "years": "3", "agent": "x", "mailing": {"province_code": 440000}})")
                                     .object();
        const Application a = Application::fromApiJson(body);
        QVERIFY(a.serial.isEmpty());
        QCOMPARE(a.years, 0);
        QVERIFY(a.agent.name.isEmpty());
        QVERIFY(a.mailing.provinceCode.isEmpty());
    }

    void getResponse()
    {
        const QJsonObject json = QJsonDocument::fromJson(R"({
            "id": "app1", "order_no": "168020110386213", "status": "rejected", "category": "institution",
            "fees": {"certificate_fen": 36000, "express_fen": 0, "total_fen": 36000}, "holder_verified": true,
            "checklist": {"form": "complete", "documents": {"application_form": "uploaded", "id_card": "missing"},
                          "liveness": "passed", "payment": "paid"},
            "rejection": {"reasons": [{"target": "field:agent.mobile", "message": "m"},
                                      {"target": "document:business_license", "message": "n"}]},
            "shipment": null,
            "timeline": [{"status": "draft", "at": "2026-11-01T08:00:00Z"}, {"status": "in_review", "at": "2026-11-02T08:00:00.250Z"}]
        })")
                                     .object();
        const Application a = Application::fromApiJson(json);
        QCOMPARE(a.status, ApplicationStatus::Rejected);
        QCOMPARE(a.fees.totalFen, 36000);
        QVERIFY(a.holderVerified);
        QVERIFY(a.checklist.formComplete);
        QCOMPARE(a.checklist.documents.value(DocumentKind::ApplicationForm), DocumentState::Uploaded);
        QCOMPARE(a.checklist.documents.value(DocumentKind::IdCard), DocumentState::Missing);
        QVERIFY(!a.checklist.allDocumentsUploaded());
        QCOMPARE(a.checklist.liveness, LivenessState::Passed);
        QCOMPARE(a.checklist.payment, PaymentState::Paid);
        QCOMPARE(a.rejection.size(), 2);
        QCOMPARE(a.rejection.at(1).target, QStringLiteral("document:business_license"));
        QVERIFY(!a.shipment);
        QCOMPARE(a.timeline.size(), 2);
        QCOMPARE(a.timeline.at(1).status, ApplicationStatus::InReview);
        QCOMPARE(a.timeline.at(1).at.time().msec(), 250);
        // The checklist writes back what it read.
        QCOMPARE(Checklist::fromJson(a.checklist.toJson()), a.checklist);
    }

    void statusAndDocumentNames()
    {
        for (auto s : {ApplicationStatus::Draft, ApplicationStatus::InReview, ApplicationStatus::Rejected,
                 ApplicationStatus::Approved, ApplicationStatus::Issued, ApplicationStatus::Shipped,
                 ApplicationStatus::Completed, ApplicationStatus::Cancelled}) {
            QCOMPARE(statusFromApi(statusToApi(s)), s);
            QVERIFY(!statusDisplayName(s).isEmpty());
        }
        QCOMPARE(statusToApi(ApplicationStatus::InReview), QStringLiteral("in_review"));
        QVERIFY(!statusFromApi(QStringLiteral("IN_REVIEW")));
        QVERIFY(isEditable(ApplicationStatus::Rejected));
        QVERIFY(!isEditable(ApplicationStatus::InReview));
        QCOMPARE(requiredDocuments(CertificateCategory::Institution).size(), 4);
        QCOMPARE(requiredDocuments(CertificateCategory::NaturalPerson).size(), 3);
        QVERIFY(
            !requiredDocuments(CertificateCategory::NaturalPerson).contains(DocumentKind::BusinessLicense));
        QCOMPARE(documentKindToApi(DocumentKind::ESealForm), QStringLiteral("e_seal_form"));
        QCOMPARE(categoryFromApi(QStringLiteral("institution_business")),
            CertificateCategory::InstitutionBusiness);
    }

    void draftJsonKeepsEverything()
    {
        Application a;
        a.category = CertificateCategory::NaturalPerson;
        a.organization.name = QStringLiteral("kept while the person switches kinds");
        a.bank.bankName = QStringLiteral("中国工商银行");
        OldCertificateInfo old;
        old.serial = QStringLiteral("AB");
        old.maxYears = 3;
        old.feePerYearFen = 6000;
        old.challenge = QByteArray(32, 'x');
        a.oldCertificate = old;
        a.years = 2;
        QCOMPARE(Application::fromDraftJson(a.toDraftJson()), a);
        QCOMPARE(a.expectedFees().totalFen, 12000);
    }
};

QTEST_GUILESS_MAIN(TestApplication)
#include "tst_application.moc"
