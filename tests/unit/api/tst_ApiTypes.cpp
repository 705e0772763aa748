// Parsers of the service's answers: required fields, wrong types, base64, lists, PEM.
// JSON in raw strings writes "\/" for "/" in URLs: moc 6.4 reads "//" inside a raw string as a comment.
#include "TestEnvironment.h"
#include "api/ApiTypes.h"

#include <QJsonDocument>
#include <QTest>

using namespace certdesk;
using namespace certdesk::api;

namespace {

QJsonObject object(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class tst_ApiTypes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::fixEnvironment(); }

    void parseObjectRejectsNonObjects_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("ok");
        QTest::newRow("object") << QByteArray("{}") << true;
        QTest::newRow("array") << QByteArray("[]") << false;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("truncated") << QByteArray("{\"a\":") << false;
        QTest::newRow("scalar") << QByteArray("7") << false;
    }

    void parseObjectRejectsNonObjects()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, ok);
        const auto result = parseObject(body);
        QCOMPARE(result.ok(), ok);
        if (!ok)
            QCOMPARE(result.error().kind, ApiError::Kind::Parse);
    }

    void oldCertificate()
    {
        const auto result = parseOldCertificate(object(R"({"serial":"0A1B","category":"institution",
            "holder":"深圳市**科技有限公司","algorithm":"RSA-2048","not_after":"2025-03-01T00:00:00Z","status":"valid",
            "renewable":true,"reason":null,"fee_per_year_fen":36000,"express_fen":0,"max_years":3,
            "new_validity_start":"2025-03-01T00:00:00Z","challenge":"AAECAw==","challenge_expires_at":"2025-01-01T00:05:00Z"})"));
        QVERIFY(result.ok());
        QCOMPARE(result->category, CertificateCategory::Institution);
        QCOMPARE(result->holderMasked, QStringLiteral("深圳市**科技有限公司"));
        QCOMPARE(result->feePerYearFen, 36000);
        QCOMPARE(result->maxYears, 3);
        QCOMPARE(result->challenge, QByteArray("\x00\x01\x02\x03", 4));
        QCOMPARE(result->notAfter, QDateTime(QDate(2025, 3, 1), QTime(0, 0), Qt::UTC));
    }

    void oldCertificateErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("no serial") << QByteArray(R"({"category":"institution","renewable":true})")
                                   << QStringLiteral("serial");
        QTest::newRow("bad category") << QByteArray(R"({"serial":"1","category":"robot","renewable":true})")
                                      << QStringLiteral("category");
        QTest::newRow("renewable as string")
            << QByteArray(R"({"serial":"1","category":"institution","renewable":"yes"})")
            << QStringLiteral("renewable");
        QTest::newRow("fee fraction") << QByteArray(
            R"({"serial":"1","category":"institution","renewable":true,"fee_per_year_fen":1.5})")
                                      << QStringLiteral("fee_per_year_fen");
        QTest::newRow("bad challenge")
            << QByteArray(R"({"serial":"1","category":"institution","renewable":true,"challenge":"**"})")
            << QStringLiteral("challenge");
        QTest::newRow("bad date") << QByteArray(
            R"({"serial":"1","category":"institution","renewable":true,"not_after":"tomorrow"})")
                                  << QStringLiteral("not_after");
    }

    void oldCertificateErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        const auto result = parseOldCertificate(object(json));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ApiError::Kind::Parse);
        QVERIFY2(result.error().detail.endsWith(field), qPrintable(result.error().detail));
    }

    void application()
    {
        const auto result = parseApplication(object(R"({"id":"a1","order_no":"o1","status":"rejected",
            "serial":"0A","category":"natural_person","years":2,
            "applicant":{"name":"张三","id_number":"11010519491231002X","mobile":"13800138000","email":"a@b.cn"},
            "checklist":{"form":"complete","documents":{"application_form":"uploaded","e_seal_form":"missing","id_card":"uploaded"},
                         "liveness":"passed","payment":"paid"},
            "rejection":{"reasons":[{"target":"field:applicant.mobile","message":"wrong"}]},
            "shipment":null,"timeline":[{"status":"draft","at":"2025-01-01T00:00:00Z"}]})"));
        QVERIFY(result.ok());
        QCOMPARE(result->id, QStringLiteral("a1"));
        QCOMPARE(result->status, ApplicationStatus::Rejected);
        QCOMPARE(result->category, CertificateCategory::NaturalPerson);
        QCOMPARE(result->applicant.name, QStringLiteral("张三"));
        QCOMPARE(result->checklist.liveness, LivenessState::Passed);
        QCOMPARE(result->checklist.documents.value(DocumentKind::ESealForm), DocumentState::Missing);
        QCOMPARE(result->rejection.size(), 1);
        QCOMPARE(result->rejection.first().target, QStringLiteral("field:applicant.mobile"));
        QVERIFY(!result->shipment);
        QCOMPARE(result->timeline.size(), 1);

        QVERIFY(!parseApplication(object(R"({"id":"a1","status":"flying"})")).ok());
        QVERIFY(!parseApplication(object(R"({"status":"draft"})")).ok());
        QVERIFY(!parseApplication(object(R"({"id":"a1","status":"draft","checklist":[]})")).ok());
    }

    void lists_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("count"); // -1: parse error
        QTest::newRow("bare array") << QByteArray(
            R"([{"id":"a","status":"draft"},{"id":"b","status":"approved"}])")
                                    << 2;
        QTest::newRow("wrapped") << QByteArray(R"({"applications":[{"id":"a","status":"draft"}]})") << 1;
        QTest::newRow("items") << QByteArray(R"({"items":[]})") << 0;
        QTest::newRow("object without list") << QByteArray(R"({"x":[]})") << -1;
        QTest::newRow("item not object") << QByteArray(R"([1])") << -1;
        QTest::newRow("bad item") << QByteArray(R"([{"id":"a"}])") << -1;
        QTest::newRow("not json") << QByteArray("nope") << -1;
    }

    void lists()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, count);
        const auto result = parseApplicationSummaries(body);
        QCOMPARE(result.ok(), count >= 0);
        if (count >= 0)
            QCOMPARE(result->size(), count);
    }

    void summariesAndStaffView()
    {
        const auto summaries = parseApplicationSummaries(R"([{"id":"a","order_no":"o","status":"in_review",
            "category":"institution","holder":"深圳市某某科技有限公司","serial":"0A","years":2,"total_fen":72000,
            "created_at":"2025-01-01T00:00:00Z","updated_at":"2025-01-02T00:00:00Z"}])");
        QVERIFY(summaries.ok());
        QCOMPARE(summaries->first().holder, QStringLiteral("深圳市某某科技有限公司"));
        QCOMPARE(summaries->first().totalFen, 72000);
        QCOMPARE(summaries->first().status, ApplicationStatus::InReview);
        QVERIFY(!parseApplicationSummaries(R"([{"id":"a","status":"in_review","category":"alien"}])").ok());

        const auto view
            = parseStaffApplication(object(R"({"id":"a","status":"approved","category":"institution",
            "documents":[{"kind":"id_card","sha256":"ab","size":3,"content_type":"image/png"}],
            "payments":[{"payment_id":"p1","method":"corporate_transfer","amount_fen":36000,"status":"paid",
                         "expires_at":"2030-01-01T00:00:00Z","paid_at":"2025-01-01T00:00:00Z"}],
            "issuances":[{"issuance_id":"i1","status":"issued","not_before":"","confirmed_at":""}]})"));
        QVERIFY2(view.ok(), qPrintable(view.ok() ? QString() : view.error().detail));
        QCOMPARE(view->application.status, ApplicationStatus::Approved);
        QCOMPARE(view->documents.size(), 1);
        QCOMPARE(view->payments.first().method, PaymentMethod::CorporateTransfer);
        QCOMPARE(view->payments.first().status, PaymentStatus::Paid);
        QCOMPARE(view->issuances.first().issuanceId, QStringLiteral("i1"));
        QVERIFY(!view->issuances.first().confirmedAt.isValid());
        // Without the extension lists: still a view.
        QVERIFY(parseStaffApplication(object(R"({"id":"a","status":"approved"})")).ok());
        QVERIFY(
            !parseStaffApplication(object(R"({"id":"a","status":"approved","payments":[{"status":"paid"}]})"))
                 .ok());
    }

    void payment()
    {
        const auto wechat = parsePayment(object(R"({"payment_id":"p","order_no":"o","amount_fen":36000,
            "status":"pending","expires_at":"2030-01-01T00:00:00Z","qr_content":"http:\/\/x/sandbox/pay/p"})"));
        QVERIFY(wechat.ok());
        QCOMPARE(wechat->qrContent, QStringLiteral("http://x/sandbox/pay/p"));
        QVERIFY(!wechat->transfer);

        const auto transfer = parsePayment(object(R"({"payment_id":"p","order_no":"o","amount_fen":108000,
            "status":"pending","transfer":{"payee_name":"CA","bank":"工行","account_number":"4000","reference":"R1"}})"));
        QVERIFY(transfer.ok());
        QVERIFY(transfer->transfer);
        QCOMPARE(transfer->transfer->reference, QStringLiteral("R1"));
        QCOMPARE(transfer->amountFen, 108000);

        QVERIFY(!parsePayment(object(R"({"payment_id":"p","amount_fen":1,"status":"pending"})")).ok());
        const auto badTransfer = parsePayment(object(R"({"payment_id":"p","amount_fen":1,"status":"pending",
            "transfer":{"payee_name":"CA"}})"));
        QVERIFY(!badTransfer.ok());
        QVERIFY(badTransfer.error().detail.contains(QStringLiteral("transfer.bank")));
        QVERIFY(!parsePayment(
            object(R"({"payment_id":"p","amount_fen":"1","status":"pending","qr_content":"x"})"))
                     .ok());
        QVERIFY(!parsePayment(object(R"({"payment_id":"p","amount_fen":1,"status":"done","qr_content":"x"})"))
                     .ok());
    }

    void issuance()
    {
        const auto withEnvelope = parseIssuance(object(R"({"issuance_id":"i1","signing_certificate":"MAEC",
            "encryption_certificate":"MAED","signing_key_envelope":"MAEE","encryption_key_envelope":"MAEF",
            "ca_chain":["MAEG","MAEH"],"not_before":"2025-01-01T00:00:00Z","not_after":"2026-01-01T00:00:00Z"})"));
        QVERIFY(withEnvelope.ok());
        QCOMPARE(withEnvelope->signingCertificate, QByteArray("\x30\x01\x02", 3));
        QVERIFY(withEnvelope->signingKeyEnvelope);
        QCOMPARE(*withEnvelope->signingKeyEnvelope, QByteArray("\x30\x01\x04", 3));
        QCOMPARE(withEnvelope->caChain.size(), 2);
        QCOMPARE(withEnvelope->caChain.at(1), QByteArray("\x30\x01\x07", 3));

        const auto withCsr = parseIssuance(object(R"({"issuance_id":"i1","signing_certificate":"MAEC",
            "encryption_certificate":"MAED","signing_key_envelope":null,"encryption_key_envelope":"MAEF","ca_chain":[]})"));
        QVERIFY(withCsr.ok());
        QVERIFY(!withCsr->signingKeyEnvelope);

        QVERIFY(!parseIssuance(object(R"({"issuance_id":"i1","signing_certificate":"M@@C",
            "encryption_certificate":"MAED","encryption_key_envelope":"MAEF","ca_chain":[]})"))
                     .ok());
        QVERIFY(!parseIssuance(object(R"({"issuance_id":"i1","signing_certificate":"MAEC",
            "encryption_certificate":"MAED","encryption_key_envelope":"MAEF","ca_chain":[7]})"))
                     .ok());
        QVERIFY(!parseIssuance(object(R"({"issuance_id":"i1","signing_certificate":"",
            "encryption_certificate":"MAED","encryption_key_envelope":"MAEF","ca_chain":[]})"))
                     .ok());
    }

    void smallObjects()
    {
        QVERIFY(parseHealth(object(R"({"status":"ok","api_version":1,"sandbox":false})")).ok());
        QVERIFY(!parseHealth(object(R"({"status":"ok"})")).ok());

        const auto session = parseLivenessSession(object(R"({"session_id":"s","qr_content":"http:\/\/q",
            "expires_at":"2030-01-01T00:00:00Z","status":"pending"})"));
        QVERIFY(session.ok());
        QCOMPARE(session->sessionId, QStringLiteral("s"));
        const auto failed
            = parseLivenessResult(object(R"({"status":"failed","reason":"name does not match"})"));
        QVERIFY(failed.ok());
        QCOMPARE(failed->status, LivenessState::Failed);
        QCOMPARE(failed->reason, QStringLiteral("name does not match"));
        QVERIFY(parseLivenessResult(object(R"({"status":"passed","reason":null})")).ok());
        QVERIFY(!parseLivenessResult(object(R"({"status":"maybe"})")).ok());

        const auto invoice = parseInvoice(object(R"({"status":"issued","number":"N1","url":"http:\/\/i",
            "sent_to":{"mobile":"138****8000","email":"a@b.cn"}})"));
        QVERIFY(invoice.ok());
        QVERIFY(invoice->issued);
        QCOMPARE(invoice->sentToEmail, QStringLiteral("a@b.cn"));
        QVERIFY(parseInvoice(object(R"({"status":"none","number":null,"url":null,"sent_to":null})")).ok());
        QVERIFY(!parseInvoice(object(R"({"status":"lost"})")).ok());

        const auto config = parseServiceConfig(object(R"({"max_document_bytes":5242880,
            "accepted_types":["image/jpeg","application/pdf"],"fees":{},"contact":{"phone":"400"}})"));
        QVERIFY(config.ok());
        QCOMPARE(config->maxDocumentBytes, 5242880);
        QCOMPARE(config->acceptedTypes.size(), 2);
        QVERIFY(!parseServiceConfig(object(R"({"max_document_bytes":0})")).ok());

        QVERIFY(parseStaffSession(
            object(R"({"token":"t","roles":["counter"],"expires_at":"2030-01-01T00:00:00Z"})"))
                    .ok());
        QVERIFY(!parseStaffSession(object(R"({"token":"","roles":[]})")).ok());
        QVERIFY(!parseStaffSession(object(R"({"token":"t","roles":[1]})")).ok());

        const auto document
            = parseStoredDocument(object(R"({"kind":"business_license","sha256":"ab","size":10,
            "content_type":"image/png"})"));
        QVERIFY(document.ok());
        QCOMPARE(document->kind, DocumentKind::BusinessLicense);
        QVERIFY(
            !parseStoredDocument(object(R"({"kind":"passport","sha256":"ab","size":10,"content_type":"x"})"))
                 .ok());

        const auto legacy
            = parseLegacyCertificate(object(R"({"serial":"0A","certificate":"MAEC","private_key":"MAED"})"));
        QVERIFY(legacy.ok());
        QCOMPARE(legacy->certificate, QByteArray("\x30\x01\x02", 3));

        const auto banks
            = parseBanks(R"([{"code":"102","name":"中国工商银行"},{"code":"105","name":"中国建设银行"}])");
        QVERIFY(banks.ok());
        QCOMPARE(banks->size(), 2);
        QVERIFY(!parseBanks(R"([{"code":102,"name":"x"}])").ok());

        const auto outbox = parseOutbox(
            R"([{"channel":"sms","to":"13800138000","body":"发票 http:\/\/x","sent_at":"2030-01-01T00:00:00Z"},
            {"kind":"email","recipient":"a@b.cn","subject":"s","text":"t"}])");
        QVERIFY(outbox.ok());
        QCOMPARE(outbox->size(), 2);
        QCOMPARE(outbox->at(1).channel, QStringLiteral("email"));
        QCOMPARE(outbox->at(1).body, QStringLiteral("t"));
    }

    void pemChain()
    {
        const QByteArray pem = "junk\n-----BEGIN CERTIFICATE-----\nMAEC\n-----END CERTIFICATE-----\n"
                               "-----BEGIN CERTIFICATE-----\r\nMAED\r\n-----END CERTIFICATE-----\r\n";
        const auto chain = parseCaCertificates(pem);
        QVERIFY(chain.ok());
        QCOMPARE(chain->der.size(), 2);
        QCOMPARE(chain->der.at(1), QByteArray("\x30\x01\x03", 3));
        QCOMPARE(chain->pem, pem);
        QVERIFY(!parseCaCertificates("").ok());
        QVERIFY(!parseCaCertificates("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").ok());
    }

    void paymentMethods()
    {
        for (auto method : {PaymentMethod::WeChat, PaymentMethod::Alipay, PaymentMethod::CorporateTransfer})
            QCOMPARE(paymentMethodFromApi(paymentMethodToApi(method)), method);
        QCOMPARE(paymentMethodToApi(PaymentMethod::CorporateTransfer), QStringLiteral("corporate_transfer"));
        QVERIFY(!paymentMethodFromApi(QStringLiteral("cash")));
    }
};

QTEST_GUILESS_MAIN(tst_ApiTypes)
#include "tst_ApiTypes.moc"
