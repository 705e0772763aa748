// The OCSP responder (RFC 6960) of the real certdesk-server: `openssl ocsp` sees the old RSA certificate
// `good` until the new UKey is confirmed and `revoked` (superseded) afterwards; SM2 responses for the new
// pair are checked by core/pki's OCSP client (SM2-with-SM3 with the default ID, delegated signer, nonce);
// every error is an OCSP response status with HTTP 200.
#include "ServerHarness.h"
#include "TestEnvironment.h"

#include "pki/CertificateInfo.h"
#include "pki/Ocsp.h"
#include "pki/Pem.h"
#include "pki/Sm2Key.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <openssl/ocsp.h>

using namespace certdesk;
using namespace certdesk::servertest;
using certdesk::test::fixEnvironment;

namespace {

QByteArray b64(const QJsonValue& value)
{
    return QByteArray::fromBase64(value.toString().toLatin1());
}

// The responseStatus of a DER OCSPResponse, -1 when it does not parse.
int responseStatus(const QByteArray& der)
{
    const auto* in = reinterpret_cast<const unsigned char*>(der.constData());
    OCSP_RESPONSE* response = d2i_OCSP_RESPONSE(nullptr, &in, der.size());
    if (response == nullptr)
        return -1;
    const int status = OCSP_response_status(response);
    OCSP_RESPONSE_free(response);
    return status;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestServerOcsp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void legacyGoodThenRevoked();
    void errorsAreOcspStatuses();

private:
    [[nodiscard]] QString staff(const QString& user);
    // `openssl ocsp` against the service: its stdout + stderr.
    [[nodiscard]] QString opensslOcsp(const QString& certificatePem, const QStringList& extra = {});
    [[nodiscard]] Reply ocspPost(const QByteArray& request);

    QTemporaryDir m_dir;
    ServerProcess m_server;
    std::unique_ptr<Http> m_http;
    QString m_legacyCaPem;
    QByteArray m_legacyCaDer;
    QByteArray m_issuingDer;
};

void TestServerOcsp::initTestCase()
{
    fixEnvironment();
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(m_dir.filePath(QStringLiteral("data"))), qPrintable(m_server.lastError()));
    m_http = std::make_unique<Http>(m_server.port());
    // The legacy RSA CA the sandbox keeps in its data directory.
    m_legacyCaPem = m_dir.filePath(QStringLiteral("data/ca/legacy-rsa/legacy-rsa-ca.pem"));
    QFile legacy(m_legacyCaPem);
    QVERIFY(legacy.open(QIODevice::ReadOnly));
    const QList<QByteArray> legacyCertificates = pki::certificatesFromPem(legacy.readAll());
    QCOMPARE(legacyCertificates.size(), 1);
    m_legacyCaDer = legacyCertificates.front();
    const Reply chain = m_http->get(QStringLiteral("ca/certificates"));
    QCOMPARE(chain.status, 200);
    const QList<QByteArray> sm2Chain = pki::certificatesFromPem(chain.body);
    QCOMPARE(sm2Chain.size(), 2);
    m_issuingDer = sm2Chain.front();
}

QString TestServerOcsp::staff(const QString& user)
{
    const Reply r = m_http->post(QStringLiteral("staff/sessions"),
        QJsonObject {{QStringLiteral("username"), user},
            {QStringLiteral("password"), QString(QStringLiteral("sandbox-") + user)}});
    return r.json().value(QStringLiteral("token")).toString();
}

QString TestServerOcsp::opensslOcsp(const QString& certificatePem, const QStringList& extra)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
        QStringList {QStringLiteral("ocsp"), QStringLiteral("-issuer"), m_legacyCaPem,
            QStringLiteral("-cert"), certificatePem, QStringLiteral("-url"),
            QStringLiteral("http://127.0.0.1:%1/ocsp").arg(m_server.port())}
            + extra);
    if (!openssl.waitForFinished(30000))
        return QStringLiteral("(openssl ocsp did not finish)");
    return QString::fromUtf8(openssl.readAllStandardOutput() + openssl.readAllStandardError());
}

Reply TestServerOcsp::ocspPost(const QByteArray& request)
{
    return m_http->postRaw(QStringLiteral("/ocsp"), request, QStringLiteral("application/ocsp-request"));
}

void TestServerOcsp::legacyGoodThenRevoked()
{
    // A journey to confirmation (natural person: lookup, application, documents, liveness, payment,
    // approval, issuance, confirmation), asking OCSP about the old certificate on the way.
    const Legacy old = mintLegacy(*m_http, QStringLiteral("natural_person"), QStringLiteral("Li Na"),
        QStringLiteral("310115197806150038"), QDateTime::currentDateTimeUtc().addDays(30));
    QVERIFY(!old.serial.isEmpty());
    const QString oldPem = m_dir.filePath(QStringLiteral("old.pem"));
    QVERIFY(writeFile(oldPem, pki::certificateToPem(old.certificate)));

    // Before anything: good, and the response verifies against the legacy CA.
    QString output = opensslOcsp(oldPem, {QStringLiteral("-CAfile"), m_legacyCaPem});
    QVERIFY2(output.contains(oldPem + QStringLiteral(": good")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("Response verify OK")), qPrintable(output));
    // The command exactly as an operator types it (no trust anchor given) still reports the status.
    output = opensslOcsp(oldPem);
    QVERIFY2(output.contains(oldPem + QStringLiteral(": good")), qPrintable(output));

    const QString name = QStringLiteral("Li Na");
    const QString idNumber = QStringLiteral("310115197806150038");
    QJsonObject body = naturalPersonBody(old.serial, name, idNumber, 1);
    body.insert(QStringLiteral("invoice"), QJsonObject {{QStringLiteral("kind"), QStringLiteral("none")}});
    const Reply created = m_http->post(QStringLiteral("applications"), body);
    QCOMPARE(created.status, 201);
    const QString id = created.json().value(QStringLiteral("id")).toString();
    const QString token = created.json().value(QStringLiteral("access_token")).toString();
    const QString path = QStringLiteral("applications/") + id;
    for (const QString& kind :
        {QStringLiteral("application_form"), QStringLiteral("e_seal_form"), QStringLiteral("id_card")}) {
        QCOMPARE(m_http
                     ->putBytes(path + QStringLiteral("/documents/") + kind, jpegImage(40, 30),
                         QStringLiteral("image/jpeg"), token)
                     .status,
            201);
    }
    const Reply session = m_http->post(path + QStringLiteral("/liveness"), {}, token);
    QCOMPARE(session.status, 200);
    QCOMPARE(m_http
                 ->post(QStringLiteral("sandbox/liveness/")
                         + session.json().value(QStringLiteral("session_id")).toString(),
                     QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("id_number"), idNumber},
                         {QStringLiteral("outcome"), QStringLiteral("pass")}})
                 .status,
        200);
    const Reply pay = m_http->post(path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("alipay")}}, token);
    QCOMPARE(pay.status, 201);
    QCOMPARE(
        m_http
            ->post(QStringLiteral("sandbox/payments/")
                    + pay.json().value(QStringLiteral("payment_id")).toString() + QStringLiteral("/complete"),
                {})
            .status,
        200);
    QCOMPARE(m_http
                 ->post(QStringLiteral("staff/applications/") + id + QStringLiteral("/approve"), {},
                     staff(QStringLiteral("reviewer")))
                 .status,
        200);

    const QString counter = staff(QStringLiteral("counter"));
    const QString issuancePath = QStringLiteral("staff/applications/") + id + QStringLiteral("/issuance");
    auto transport = pki::Sm2Key::generate();
    QVERIFY(transport.hasValue());
    const QJsonObject issueBody {{QStringLiteral("transport_public_key"),
        QString::fromLatin1(transport->subjectPublicKeyInfo().toBase64())}};
    const Reply first = m_http->post(issuancePath, issueBody, counter);
    QCOMPARE(first.status, 201);
    const QByteArray firstSigning = b64(first.json().value(QStringLiteral("signing_certificate")));

    // Issued but not confirmed: the old certificate is still good.
    output = opensslOcsp(oldPem, {QStringLiteral("-CAfile"), m_legacyCaPem});
    QVERIFY2(output.contains(oldPem + QStringLiteral(": good")), qPrintable(output));

    // The new SM2 signing certificate: good, checked by core/pki's client (SM2 signature with the default ID,
    // delegated signer chained to the issuing CA, nonce), for each CertID hash, by POST and by GET.
    for (const pki::OcspHash hash : {pki::OcspHash::Sha1, pki::OcspHash::Sha256, pki::OcspHash::Sm3}) {
        const auto request = pki::makeOcspRequest(firstSigning, m_issuingDer, hash);
        QVERIFY(request.hasValue());
        const Reply reply = ocspPost(request->der);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("Content-Type"), QStringLiteral("application/ocsp-response"));
        const auto answer = pki::verifyOcspResponse(reply.body, firstSigning, m_issuingDer, request->nonce);
        QVERIFY2(answer.hasValue(), qPrintable(answer ? QString() : answer.detail()));
        QCOMPARE(answer->status, pki::OcspCertStatus::Good);
        const auto signer = pki::CertificateInfo::parse(answer->signerCertificate);
        QVERIFY(signer.hasValue());
        QVERIFY(signer->isSm2());
        QVERIFY(answer->signerCertificate != m_issuingDer); // a delegated responder, not the CA key
        // A response is bound to its request's nonce.
        QVERIFY(!pki::verifyOcspResponse(reply.body, firstSigning, m_issuingDer, QByteArray(16, 'x')));
    }
    {
        const auto request = pki::makeOcspRequest(firstSigning, m_issuingDer, pki::OcspHash::Sm3);
        QVERIFY(request.hasValue());
        const QString encoded
            = QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(request->der.toBase64())));
        const Reply reply = m_http->get(QStringLiteral("/ocsp/") + encoded);
        QCOMPARE(reply.status, 200);
        const auto answer = pki::verifyOcspResponse(reply.body, firstSigning, m_issuingDer, request->nonce);
        QVERIFY2(answer.hasValue(), qPrintable(answer ? QString() : answer.detail()));
        QCOMPARE(answer->status, pki::OcspCertStatus::Good);
    }

    // Issuing again before confirmation revokes the first pair (superseded); then confirm the second.
    const Reply second = m_http->post(issuancePath, issueBody, counter);
    QCOMPARE(second.status, 201);
    {
        const auto request = pki::makeOcspRequest(firstSigning, m_issuingDer);
        QVERIFY(request.hasValue());
        const auto answer = pki::verifyOcspResponse(
            ocspPost(request->der).body, firstSigning, m_issuingDer, request->nonce);
        QVERIFY2(answer.hasValue(), qPrintable(answer ? QString() : answer.detail()));
        QCOMPARE(answer->status, pki::OcspCertStatus::Revoked);
        QCOMPARE(answer->reason, 4); // superseded
    }
    QCOMPARE(m_http
                 ->post(issuancePath + QLatin1Char('/')
                         + second.json().value(QStringLiteral("issuance_id")).toString()
                         + QStringLiteral("/confirm"),
                     QJsonObject {{QStringLiteral("token_serial"), QStringLiteral("T1")}}, counter)
                 .status,
        200);

    // Confirmed: the old certificate is revoked, with time and reason.
    output = opensslOcsp(oldPem, {QStringLiteral("-CAfile"), m_legacyCaPem});
    QVERIFY2(output.contains(oldPem + QStringLiteral(": revoked")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("Reason: superseded")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("Revocation Time:")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("Response verify OK")), qPrintable(output));
    output = opensslOcsp(oldPem);
    QVERIFY2(output.contains(oldPem + QStringLiteral(": revoked")), qPrintable(output));
    // And through the core client as well (RSA response).
    const auto request = pki::makeOcspRequest(old.certificate, m_legacyCaDer);
    QVERIFY(request.hasValue());
    const auto answer = pki::verifyOcspResponse(
        ocspPost(request->der).body, old.certificate, m_legacyCaDer, request->nonce);
    QVERIFY2(answer.hasValue(), qPrintable(answer ? QString() : answer.detail()));
    QCOMPARE(answer->status, pki::OcspCertStatus::Revoked);
    QVERIFY(answer->revokedAt.isValid());
}

void TestServerOcsp::errorsAreOcspStatuses()
{
    // Garbage, a wrong content type, bad base64: malformedRequest, as an OCSP response with HTTP 200.
    Reply reply = ocspPost("not DER");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), QStringLiteral("application/ocsp-response"));
    QCOMPARE(responseStatus(reply.body), OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
    const Legacy old = firstRenewable(*m_http, QStringLiteral("institution"));
    const auto request = pki::makeOcspRequest(old.certificate, m_legacyCaDer);
    QVERIFY(request.hasValue());
    reply = m_http->postRaw(QStringLiteral("/ocsp"), request->der, QStringLiteral("application/json"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(responseStatus(reply.body), OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
    reply = m_http->get(QStringLiteral("/ocsp/%%%"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(responseStatus(reply.body), OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);

    // A CertID naming an issuer this service does not run (here the old certificate itself): unauthorized.
    const auto stranger = pki::makeOcspRequest(old.certificate, old.certificate);
    QVERIFY(stranger.hasValue());
    reply = ocspPost(stranger->der);
    QCOMPARE(reply.status, 200);
    QCOMPARE(responseStatus(reply.body), OCSP_RESPONSE_STATUS_UNAUTHORIZED);

    // A certificate of the legacy CA that is not an old customer certificate (its own OCSP responder's) is
    // unknown.
    QFile signerFile(m_dir.filePath(QStringLiteral("data/ca/legacy-rsa/ocsp-signer.pem")));
    QVERIFY(signerFile.open(QIODevice::ReadOnly));
    const QByteArray signer = pki::certificatesFromPem(signerFile.readAll()).value(0);
    const auto unknownSerial = pki::makeOcspRequest(signer, m_legacyCaDer);
    QVERIFY(unknownSerial.hasValue());
    reply = ocspPost(unknownSerial->der);
    QCOMPARE(responseStatus(reply.body), OCSP_RESPONSE_STATUS_SUCCESSFUL);
    const auto answer = pki::verifyOcspResponse(reply.body, signer, m_legacyCaDer, unknownSerial->nonce);
    QVERIFY2(answer.hasValue(), qPrintable(answer ? QString() : answer.detail()));
    QCOMPARE(answer->status, pki::OcspCertStatus::Unknown);
}

QTEST_GUILESS_MAIN(TestServerOcsp)
#include "tst_server_ocsp.moc"
