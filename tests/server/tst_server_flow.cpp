// The whole life of an application against the real certdesk-server, for both kinds: lookup, create,
// documents, liveness, payment and invoice, rejection and resubmission, approval, issuance with and without a
// CSR (the certificates verify with `openssl verify`, the envelopes open to the certified keys), confirmation
// (the old serial goes on the CRL), shipment, handover; and a kill -9 in the middle of a flow.
#include "ServerHarness.h"
#include "TestEnvironment.h"

#include "pki/CertificateChain.h"
#include "pki/CertificateInfo.h"
#include "pki/Csr.h"
#include "pki/Envelope.h"
#include "pki/Ocsp.h"
#include "pki/Pem.h"
#include "pki/Sm2Key.h"
#include "pki/Subject.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/ocsp.h>

using namespace certdesk;
using namespace certdesk::servertest;
using certdesk::test::fixEnvironment;

namespace {

struct App
{
    QString id;
    QString token;
    QString path;
};

QStringList statuses(const QJsonObject& application)
{
    QStringList list;
    for (const QJsonValue& v : application.value(QStringLiteral("timeline")).toArray())
        list.append(v.toObject().value(QStringLiteral("status")).toString());
    return list;
}

QByteArray b64(const QJsonValue& value)
{
    return QByteArray::fromBase64(value.toString().toLatin1());
}

} // namespace

class TestServerFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void institutionLifecycle();
    void naturalPersonLifecycle();
    void killAndRestart();

private:
    [[nodiscard]] QString staff(const QString& user);
    [[nodiscard]] App create(Http& http, const QJsonObject& body);
    void uploadAll(Http& http, const App& app, const QStringList& kinds);
    void passLiveness(Http& http, const App& app, const QString& name, const QString& idNumber);
    // openssl verify with the SM2 default ID against GET /ca/certificates, link by link (docs/pki.md).
    void verifyWithOpenSsl(const QByteArray& certificateDer);
    // `openssl crl -text` of GET /ca/crl (SM2 issuing CA) or /ca/legacy-crl (legacy RSA CA).
    [[nodiscard]] QString crlText(const QString& path = QStringLiteral("ca/crl"));
    // The exit code of tests/support/sm2-verifier/sm2-verify.js (npm sm-crypto, not OpenSSL) on `objectDer`
    // signed by `signerCertificateDer` (empty: by its own key) with SM2 user ID `id`: 0 verified, 1 not.
    [[nodiscard]] int crossCheck(const QByteArray& objectDer, const QByteArray& signerCertificateDer = {},
        const QString& id = QStringLiteral("1234567812345678"));
    // Every SM2 signature of an issuance checked with sm-crypto: root self-signature, issuing CA, both
    // end-entity certificates, the issuing CA's CRL, the CSR when there is one.
    void crossCheckIssuance(
        const QByteArray& signingDer, const QByteArray& encryptionDer, const QByteArray& csr);

    QTemporaryDir m_dir;
    ServerProcess m_server;
    std::unique_ptr<Http> m_http;
};

void TestServerFlow::initTestCase()
{
    fixEnvironment();
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(m_dir.filePath(QStringLiteral("data"))), qPrintable(m_server.lastError()));
    m_http = std::make_unique<Http>(m_server.port());
}

QString TestServerFlow::staff(const QString& user)
{
    const Reply r = m_http->post(QStringLiteral("staff/sessions"),
        QJsonObject {{QStringLiteral("username"), user},
            {QStringLiteral("password"), QString(QStringLiteral("sandbox-") + user)}});
    return r.json().value(QStringLiteral("token")).toString();
}

App TestServerFlow::create(Http& http, const QJsonObject& body)
{
    const Reply r = http.post(QStringLiteral("applications"), body);
    App app;
    if (r.status != 201)
        return app;
    app.id = r.json().value(QStringLiteral("id")).toString();
    app.token = r.json().value(QStringLiteral("access_token")).toString();
    app.path = QStringLiteral("applications/") + app.id;
    return app;
}

void TestServerFlow::uploadAll(Http& http, const App& app, const QStringList& kinds)
{
    for (const QString& kind : kinds) {
        const Reply r = http.putBytes(app.path + QStringLiteral("/documents/") + kind, jpegImage(40, 30),
            QStringLiteral("image/jpeg"), app.token);
        QCOMPARE(r.status, 201);
    }
}

void TestServerFlow::passLiveness(Http& http, const App& app, const QString& name, const QString& idNumber)
{
    const Reply session = http.post(app.path + QStringLiteral("/liveness"), {}, app.token);
    QCOMPARE(session.status, 200);
    const QString id = session.json().value(QStringLiteral("session_id")).toString();
    const Reply done = http.post(QStringLiteral("sandbox/liveness/") + id,
        QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("id_number"), idNumber},
            {QStringLiteral("outcome"), QStringLiteral("pass")}});
    QCOMPARE(done.status, 200);
    QCOMPARE(done.json().value(QStringLiteral("status")).toString(), QStringLiteral("passed"));
}

void TestServerFlow::verifyWithOpenSsl(const QByteArray& certificateDer)
{
    QTemporaryDir dir;
    const Reply pem = m_http->get(QStringLiteral("ca/certificates"));
    QCOMPARE(pem.status, 200);
    const QList<QByteArray> chain = pki::certificatesFromPem(pem.body);
    QCOMPARE(chain.size(), 2); // issuing CA, root
    const auto write = [&dir](const QString& name, const QByteArray& bytes) {
        QFile file(dir.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() ? file.fileName()
                                                                                    : QString();
    };
    const QString root = write(QStringLiteral("root.pem"), pki::certificateToPem(chain[1]));
    const QString issuing = write(QStringLiteral("issuing.pem"), pki::certificateToPem(chain[0]));
    const QString leaf = write(QStringLiteral("leaf.pem"), pki::certificateToPem(certificateDer));
    QVERIFY(!root.isEmpty() && !issuing.isEmpty() && !leaf.isEmpty());
    // `openssl verify -vfyopt distid:` gives the ID to the leaf only: each link is checked on its own, the
    // issuer made the trust anchor with -partial_chain.
    for (const auto& [anchor, child] : {std::pair {root, issuing}, std::pair {issuing, leaf}}) {
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"),
            {QStringLiteral("verify"), QStringLiteral("-partial_chain"), QStringLiteral("-CAfile"), anchor,
                QStringLiteral("-vfyopt"), QStringLiteral("distid:1234567812345678"), child});
        QVERIFY(openssl.waitForFinished(20000));
        const QByteArray output = openssl.readAll();
        QVERIFY2(openssl.exitCode() == 0 && output.trimmed().endsWith(": OK"), output.constData());
    }
}

QString TestServerFlow::crlText(const QString& path)
{
    QTemporaryDir dir;
    const Reply crl = m_http->get(path);
    if (crl.status != 200)
        return {};
    QFile file(dir.filePath(QStringLiteral("crl.der")));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(crl.body);
    file.close();
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
        {QStringLiteral("crl"), QStringLiteral("-inform"), QStringLiteral("DER"), QStringLiteral("-in"),
            file.fileName(), QStringLiteral("-noout"), QStringLiteral("-text")});
    openssl.waitForFinished(20000);
    return QString::fromUtf8(openssl.readAllStandardOutput());
}

// The first certificate in a DER OCSPResponse's BasicOCSPResponse (the delegated responder's); empty when
// there is none.
static QByteArray firstResponderCertificate(const QByteArray& responseDer)
{
    const auto* in = reinterpret_cast<const unsigned char*>(responseDer.constData());
    OCSP_RESPONSE* response = d2i_OCSP_RESPONSE(nullptr, &in, responseDer.size());
    OCSP_BASICRESP* basic = response != nullptr ? OCSP_response_get1_basic(response) : nullptr;
    QByteArray der;
    if (basic != nullptr) {
        const STACK_OF(X509)* certificates = OCSP_resp_get0_certs(basic);
        if (sk_X509_num(certificates) > 0) {
            X509* first = sk_X509_value(certificates, 0);
            const int length = i2d_X509(first, nullptr);
            if (length > 0) {
                der.resize(length);
                auto* out = reinterpret_cast<unsigned char*>(der.data());
                i2d_X509(first, &out);
            }
        }
        OCSP_BASICRESP_free(basic);
    }
    OCSP_RESPONSE_free(response);
    return der;
}

int TestServerFlow::crossCheck(
    const QByteArray& objectDer, const QByteArray& signerCertificateDer, const QString& id)
{
    const QString verifier = qEnvironmentVariable("CERTDESK_SM2_VERIFIER");
    if (verifier.isEmpty()) {
        qWarning("CERTDESK_SM2_VERIFIER is not set (ctest sets it after its sm2_verifier_install fixture)");
        return -1;
    }
    QTemporaryDir dir;
    QStringList arguments {verifier, QStringLiteral("--id"), id};
    for (const QByteArray& der : {objectDer, signerCertificateDer}) {
        if (der.isEmpty())
            continue;
        QFile file(dir.filePath(QStringLiteral("object-%1.der").arg(arguments.size())));
        if (!file.open(QIODevice::WriteOnly) || file.write(der) != der.size())
            return -1;
        arguments.append(file.fileName());
    }
    QProcess node;
    node.setProcessChannelMode(QProcess::MergedChannels);
    node.start(QStringLiteral("node"), arguments);
    if (!node.waitForFinished(30000) || node.exitStatus() != QProcess::NormalExit)
        return -1;
    const QByteArray output = node.readAll();
    if (node.exitCode() > 1)
        qWarning("sm2-verify.js: %s", output.constData());
    return node.exitCode();
}

void TestServerFlow::crossCheckIssuance(
    const QByteArray& signingDer, const QByteArray& encryptionDer, const QByteArray& csr)
{
    const Reply pem = m_http->get(QStringLiteral("ca/certificates"));
    QCOMPARE(pem.status, 200);
    const QList<QByteArray> chain = pki::certificatesFromPem(pem.body);
    QCOMPARE(chain.size(), 2);
    const QByteArray& issuing = chain[0];
    const QByteArray& root = chain[1];
    const Reply crl = m_http->get(QStringLiteral("ca/crl"));
    QCOMPARE(crl.status, 200);
    QCOMPARE(crossCheck(root), 0); // the root's self-signature
    QCOMPARE(crossCheck(issuing, root), 0);
    QCOMPARE(crossCheck(signingDer, issuing), 0);
    QCOMPARE(crossCheck(encryptionDer, issuing), 0);
    QCOMPARE(crossCheck(crl.body, issuing), 0);
    if (!csr.isEmpty())
        QCOMPARE(crossCheck(csr), 0);
    // An OCSP response about the signing certificate, signed by the SM2 CA's delegated OCSP signer, whose
    // certificate travels in the response and was signed by the issuing CA.
    const auto request = pki::makeOcspRequest(signingDer, issuing);
    QVERIFY(request);
    const Reply ocsp
        = m_http->postRaw(QStringLiteral("/ocsp"), request->der, QStringLiteral("application/ocsp-request"));
    QCOMPARE(ocsp.status, 200);
    const QByteArray ocspSigner = firstResponderCertificate(ocsp.body);
    QVERIFY(!ocspSigner.isEmpty());
    QCOMPARE(crossCheck(ocspSigner, issuing), 0);
    QCOMPARE(crossCheck(ocsp.body, ocspSigner), 0);
    // The verifier tells IDs apart: every one of them fails with the empty ID.
    for (const auto& [object, signer] : {std::pair {root, QByteArray()}, std::pair {issuing, root},
             std::pair {signingDer, issuing}, std::pair {crl.body, issuing}, std::pair {ocspSigner, issuing},
             std::pair {ocsp.body, ocspSigner}})
        QCOMPARE(crossCheck(object, signer, QString()), 1);
    // ... and a signature by another key fails.
    QCOMPARE(crossCheck(signingDer, root), 1);
}

void TestServerFlow::institutionLifecycle()
{
    const Legacy old = firstRenewable(*m_http, QStringLiteral("institution"));
    QVERIFY(!old.serial.isEmpty());
    const Reply lookup = m_http->post(
        QStringLiteral("certificates/lookup"), QJsonObject {{QStringLiteral("serial"), old.serial}});
    QCOMPARE(lookup.status, 200);
    QVERIFY(lookup.json().value(QStringLiteral("renewable")).toBool());
    const QJsonObject body = institutionBody(old.serial, old.holder, old.credentialNumber);
    const App app = create(*m_http, body);
    QVERIFY(!app.id.isEmpty());
    uploadAll(*m_http, app,
        {QStringLiteral("application_form"), QStringLiteral("business_license"),
            QStringLiteral("e_seal_form"), QStringLiteral("id_card")});

    // Liveness: only the agent passes.
    const Reply session = m_http->post(app.path + QStringLiteral("/liveness"), {}, app.token);
    QCOMPARE(session.status, 200);
    QCOMPARE(session.json().value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    const QString qr = session.json().value(QStringLiteral("qr_content")).toString();
    QVERIFY(qr.contains(QStringLiteral("/sandbox/liveness/")));
    const Reply page = m_http->get(qr.mid(qr.indexOf(QStringLiteral("/sandbox/"))));
    QCOMPARE(page.status, 200);
    QVERIFY(page.header("Content-Type").startsWith(QStringLiteral("text/html")));
    const Reply wrongPerson = m_http->post(
        QStringLiteral("sandbox/liveness/") + session.json().value(QStringLiteral("session_id")).toString(),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("Someone Else")},
            {QStringLiteral("id_number"), QString::fromLatin1(kAgentId)},
            {QStringLiteral("outcome"), QStringLiteral("pass")}});
    QCOMPARE(wrongPerson.json().value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    const Reply failed = m_http->get(app.path + QStringLiteral("/liveness"), app.token);
    QCOMPARE(failed.json().value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QVERIFY(!failed.json().value(QStringLiteral("reason")).toString().isEmpty());
    // Paying is refused until liveness passed.
    QCOMPARE(m_http
                 ->post(app.path + QStringLiteral("/payments"),
                     QJsonObject {{QStringLiteral("method"), QStringLiteral("wechat")}}, app.token)
                 .status,
        409);
    passLiveness(*m_http, app, QString::fromLatin1(kAgentName), QString::fromLatin1(kAgentId));
    QCOMPARE(m_http->get(app.path + QStringLiteral("/liveness"), app.token)
                 .json()
                 .value(QStringLiteral("status"))
                 .toString(),
        QStringLiteral("passed"));

    // Payment by WeChat QR, completed on the sandbox page.
    const Reply pay = m_http->post(app.path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("wechat")}}, app.token,
        QStringLiteral("pay-1"));
    QCOMPARE(pay.status, 201);
    QCOMPARE(pay.json().value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QCOMPARE(pay.json().value(QStringLiteral("amount_fen")).toInteger(), 36000);
    const QString payQr = pay.json().value(QStringLiteral("qr_content")).toString();
    QVERIFY(payQr.contains(QStringLiteral("/sandbox/pay/")));
    QCOMPARE(m_http->get(payQr.mid(payQr.indexOf(QStringLiteral("/sandbox/")))).status, 200);
    const QString paymentId = pay.json().value(QStringLiteral("payment_id")).toString();
    QCOMPARE(m_http->post(QStringLiteral("sandbox/payments/") + paymentId + QStringLiteral("/complete"), {})
                 .status,
        200);
    const Reply paid = m_http->get(app.path + QStringLiteral("/payments/") + paymentId, app.token);
    QCOMPARE(paid.json().value(QStringLiteral("status")).toString(), QStringLiteral("paid"));
    QVERIFY(!paid.json().value(QStringLiteral("paid_at")).toString().isEmpty());
    QCOMPARE(m_http->post(QStringLiteral("sandbox/payments/") + paymentId + QStringLiteral("/complete"), {})
                 .status,
        409);
    QCOMPARE(m_http->get(app.path, app.token).json().value(QStringLiteral("status")).toString(),
        QStringLiteral("in_review"));

    // The e-invoice went to the agent's phone and mailbox.
    const Reply invoice = m_http->get(app.path + QStringLiteral("/invoice"), app.token);
    QCOMPARE(invoice.json().value(QStringLiteral("status")).toString(), QStringLiteral("issued"));
    const QString url = invoice.json().value(QStringLiteral("url")).toString();
    QVERIFY(!url.isEmpty());
    QCOMPARE(
        invoice.json().value(QStringLiteral("sent_to")).toObject().value(QStringLiteral("mobile")).toString(),
        QString::fromLatin1(kAgentMobile));
    bool sms = false;
    bool mail = false;
    for (const QJsonValue& v :
        m_http->get(QStringLiteral("sandbox/outbox?application_id=") + app.id).array()) {
        const QJsonObject m = v.toObject();
        if (!m.value(QStringLiteral("body")).toString().contains(url))
            continue;
        sms = sms || m.value(QStringLiteral("channel")).toString() == QLatin1String("sms");
        mail = mail || m.value(QStringLiteral("channel")).toString() == QLatin1String("email");
    }
    QVERIFY(sms && mail);
    QCOMPARE(m_http->get(url.mid(url.indexOf(QStringLiteral("/api/")))).status, 200);

    // In review: no more changes by the applicant.
    QCOMPARE(m_http->put(app.path, body, app.token).status, 409);
    QCOMPARE(m_http
                 ->putBytes(app.path + QStringLiteral("/documents/id_card"), pngImage(),
                     QStringLiteral("image/png"), app.token)
                 .status,
        409);

    // Reject with reasons pointing at a field and a document.
    const QString reviewer = staff(QStringLiteral("reviewer"));
    const QString counter = staff(QStringLiteral("counter"));
    bool listed = false;
    for (const QJsonValue& v :
        m_http->get(QStringLiteral("staff/applications?status=in_review"), reviewer).array())
        listed = listed || v.toObject().value(QStringLiteral("id")).toString() == app.id;
    QVERIFY(listed);
    const Reply badReject
        = m_http->post(QStringLiteral("staff/applications/") + app.id + QStringLiteral("/reject"),
            QJsonObject {{QStringLiteral("reasons"),
                QJsonArray {QJsonObject {{QStringLiteral("target"), QStringLiteral("field:nope")},
                    {QStringLiteral("message"), QStringLiteral("x")}}}}},
            reviewer);
    QCOMPARE(badReject.status, 422);
    const QJsonArray reasons {QJsonObject {{QStringLiteral("target"), QStringLiteral("field:agent.email")},
                                  {QStringLiteral("message"), QStringLiteral("Use the agent's own mailbox")}},
        QJsonObject {{QStringLiteral("target"), QStringLiteral("document:id_card")},
            {QStringLiteral("message"), QStringLiteral("The ID card scan is not stamped")}}};
    const Reply rejected
        = m_http->post(QStringLiteral("staff/applications/") + app.id + QStringLiteral("/reject"),
            QJsonObject {{QStringLiteral("reasons"), reasons}}, reviewer);
    QCOMPARE(rejected.status, 200);
    const QJsonObject afterReject = m_http->get(app.path, app.token).json();
    QCOMPARE(afterReject.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    QCOMPARE(
        afterReject.value(QStringLiteral("rejection")).toObject().value(QStringLiteral("reasons")).toArray(),
        reasons);

    // Resubmission needs every target changed.
    QCOMPARE(m_http->post(app.path + QStringLiteral("/resubmit"), {}, app.token).status, 409);
    QJsonObject fixed = body;
    QJsonObject agent = fixed.value(QStringLiteral("agent")).toObject();
    agent.insert(QStringLiteral("email"), QStringLiteral("zhang.wei@example.com"));
    fixed.insert(QStringLiteral("agent"), agent);
    QCOMPARE(m_http->put(app.path, fixed, app.token).status, 200);
    QCOMPARE(m_http->post(app.path + QStringLiteral("/resubmit"), {}, app.token).status,
        409); // document unchanged
    QCOMPARE(m_http
                 ->putBytes(app.path + QStringLiteral("/documents/id_card"), pngImage(30, 20),
                     QStringLiteral("image/png"), app.token)
                 .status,
        201);
    const Reply resubmitted = m_http->post(app.path + QStringLiteral("/resubmit"), {}, app.token);
    QCOMPARE(resubmitted.status, 200);
    QCOMPARE(resubmitted.json().value(QStringLiteral("status")).toString(), QStringLiteral("in_review"));
    QVERIFY(resubmitted.json().value(QStringLiteral("rejection")).isNull());

    // Approve; issuance is for counters, and only once approved.
    const QString issuancePath = QStringLiteral("staff/applications/") + app.id + QStringLiteral("/issuance");
    auto transport = pki::Sm2Key::generate();
    QVERIFY(transport.hasValue());
    const QJsonObject noCsr {{QStringLiteral("transport_public_key"),
                                 QString::fromLatin1(transport->subjectPublicKeyInfo().toBase64())},
        {QStringLiteral("csr"), QJsonValue()}};
    QCOMPARE(m_http->post(issuancePath, noCsr, counter).status, 409);
    QCOMPARE(
        m_http->post(
                  QStringLiteral("staff/applications/") + app.id + QStringLiteral("/approve"), {}, reviewer)
            .status,
        200);
    QCOMPARE(
        m_http->post(
                  QStringLiteral("staff/applications/") + app.id + QStringLiteral("/approve"), {}, reviewer)
            .status,
        409);
    QCOMPARE(m_http->post(issuancePath, noCsr, reviewer).status, 403);

    // Issuance with a CSR signed by a software SM2 key: only the encryption key comes back enveloped.
    auto signingKey = pki::Sm2Key::generate();
    QVERIFY(signingKey.hasValue());
    const auto csr = pki::makeCsr(
        *signingKey, pki::Subject::institution(old.holder, old.credentialNumber), transport->publicKey());
    QVERIFY(csr.hasValue());
    const Reply first = m_http->post(issuancePath,
        QJsonObject {{QStringLiteral("transport_public_key"),
                         QString::fromLatin1(transport->subjectPublicKeyInfo().toBase64())},
            {QStringLiteral("csr"), QString::fromLatin1(csr->toBase64())}},
        counter);
    QCOMPARE(first.status, 201);
    QVERIFY(first.json().value(QStringLiteral("signing_key_envelope")).isNull());
    const auto signingInfo
        = pki::CertificateInfo::parse(b64(first.json().value(QStringLiteral("signing_certificate"))));
    QVERIFY(signingInfo.hasValue());
    QCOMPARE(signingInfo->publicKeyBits, signingKey->publicPoint());
    QVERIFY(signingInfo->keyUsage & pki::KeyUsage::DigitalSignature);
    const auto encryptionInfo
        = pki::CertificateInfo::parse(b64(first.json().value(QStringLiteral("encryption_certificate"))));
    QVERIFY(encryptionInfo.hasValue());
    QVERIFY(encryptionInfo->keyUsage & pki::KeyUsage::KeyEncipherment);
    const auto opened
        = pki::openEnvelope(b64(first.json().value(QStringLiteral("encryption_key_envelope"))), *transport);
    QVERIFY2(opened.hasValue(), qPrintable(opened.detail()));
    QCOMPARE(opened->publicPoint, encryptionInfo->publicKeyBits);
    QCOMPARE(first.json().value(QStringLiteral("ca_chain")).toArray().size(), 2);
    verifyWithOpenSsl(signingInfo->der);
    verifyWithOpenSsl(encryptionInfo->der);
    QVERIFY(QDateTime::fromString(first.json().value(QStringLiteral("not_after")).toString(), Qt::ISODate)
        > QDateTime::currentDateTimeUtc().addDays(360));

    // Issuing again before confirmation revokes the first pair.
    const Reply second = m_http->post(issuancePath, noCsr, counter);
    QCOMPARE(second.status, 201);
    QVERIFY(!second.json().value(QStringLiteral("signing_key_envelope")).isNull());
    // The SM2 issuing CA's CRL lists the superseded pair, never the old RSA certificate (another issuer).
    const QString crlBefore = crlText();
    QVERIFY(crlBefore.contains(signingInfo->serialHex));
    QVERIFY(crlBefore.contains(encryptionInfo->serialHex));
    QVERIFY(!crlBefore.contains(old.serial));
    QVERIFY(!crlText(QStringLiteral("ca/legacy-crl")).contains(old.serial));
    // Every SM2 signature, checked by an implementation that is not OpenSSL (npm sm-crypto).
    crossCheckIssuance(signingInfo->der, encryptionInfo->der, *csr);
    // Where relying parties find the CRL and the OCSP responder: the service's own base URL in the sandbox.
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(m_server.port());
    for (const QByteArray& der : {signingInfo->der, encryptionInfo->der}) {
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
            {QStringLiteral("x509"), QStringLiteral("-inform"), QStringLiteral("DER"),
                QStringLiteral("-noout"), QStringLiteral("-ext"),
                QStringLiteral("crlDistributionPoints,authorityInfoAccess")});
        openssl.write(der);
        openssl.closeWriteChannel();
        QVERIFY(openssl.waitForFinished(20000));
        const QString text = QString::fromUtf8(openssl.readAllStandardOutput());
        QVERIFY2(text.contains(QStringLiteral("URI:") + base + QStringLiteral("/api/v1/ca/crl")),
            qPrintable(text));
        QVERIFY2(
            text.contains(QStringLiteral("OCSP - URI:") + base + QStringLiteral("/ocsp")), qPrintable(text));
    }
    const QString confirmBase = issuancePath + QLatin1Char('/');
    QCOMPARE(m_http
                 ->post(confirmBase + first.json().value(QStringLiteral("issuance_id")).toString()
                         + QStringLiteral("/confirm"),
                     QJsonObject {{QStringLiteral("token_serial"), QStringLiteral("T1")}}, counter)
                 .status,
        409);
    const Reply confirmed = m_http->post(confirmBase
            + second.json().value(QStringLiteral("issuance_id")).toString() + QStringLiteral("/confirm"),
        QJsonObject {{QStringLiteral("token_serial"), QStringLiteral("SOFTHSM-0001")},
            {QStringLiteral("token_label"), QStringLiteral("CertDesk")}},
        counter);
    QCOMPARE(confirmed.status, 200);
    QCOMPARE(confirmed.json().value(QStringLiteral("status")).toString(), QStringLiteral("issued"));
    // The old certificate is revoked now, on its own CA's CRL (RSA, verified against GET
    // /ca/legacy-certificate), not on the SM2 CA's.
    QVERIFY(crlText(QStringLiteral("ca/legacy-crl")).contains(old.serial));
    QVERIFY(!crlText().contains(old.serial));
    {
        const Reply legacyCa = m_http->get(QStringLiteral("ca/legacy-certificate"));
        QCOMPARE(legacyCa.status, 200);
        const Reply legacyCrl = m_http->get(QStringLiteral("ca/legacy-crl"));
        QCOMPARE(legacyCrl.status, 200);
        QVERIFY(pki::verifyCrl(legacyCrl.body, pki::certificatesFromPem(legacyCa.body).value(0)));
        QTemporaryDir dir;
        QFile caFile(dir.filePath(QStringLiteral("legacy.pem")));
        QVERIFY(caFile.open(QIODevice::WriteOnly) && caFile.write(legacyCa.body) == legacyCa.body.size());
        caFile.close();
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"),
            {QStringLiteral("crl"), QStringLiteral("-inform"), QStringLiteral("DER"),
                QStringLiteral("-CAfile"), caFile.fileName(), QStringLiteral("-noout")});
        openssl.write(legacyCrl.body);
        openssl.closeWriteChannel();
        QVERIFY(openssl.waitForFinished(20000));
        QVERIFY2(openssl.readAll().contains("verify OK"), "openssl crl -CAfile legacy CA");
    }
    const Reply oldLookup = m_http->post(
        QStringLiteral("certificates/lookup"), QJsonObject {{QStringLiteral("serial"), old.serial}});
    QCOMPARE(oldLookup.json().value(QStringLiteral("status")).toString(), QStringLiteral("revoked"));
    QCOMPARE(oldLookup.json().value(QStringLiteral("renewable")).toBool(), false);

    // Shipment, then delivery.
    QCOMPARE(m_http
                 ->post(QStringLiteral("staff/applications/") + app.id + QStringLiteral("/shipment"),
                     QJsonObject {}, counter)
                 .status,
        422);
    const Reply shipped
        = m_http->post(QStringLiteral("staff/applications/") + app.id + QStringLiteral("/shipment"),
            QJsonObject {{QStringLiteral("carrier"), QStringLiteral("SF Express")},
                {QStringLiteral("tracking_no"), QStringLiteral("SF1234567890")}},
            counter);
    QCOMPARE(shipped.status, 200);
    const QJsonObject shippedApp = m_http->get(app.path, app.token).json();
    QCOMPARE(shippedApp.value(QStringLiteral("status")).toString(), QStringLiteral("shipped"));
    QCOMPARE(shippedApp.value(QStringLiteral("shipment"))
                 .toObject()
                 .value(QStringLiteral("tracking_no"))
                 .toString(),
        QStringLiteral("SF1234567890"));
    QCOMPARE(
        m_http->post(
                  QStringLiteral("staff/applications/") + app.id + QStringLiteral("/handover"), {}, counter)
            .status,
        200);
    const QJsonObject done = m_http->get(app.path, app.token).json();
    QCOMPARE(done.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(statuses(done),
        (QStringList {QStringLiteral("draft"), QStringLiteral("in_review"), QStringLiteral("rejected"),
            QStringLiteral("in_review"), QStringLiteral("approved"), QStringLiteral("issued"),
            QStringLiteral("shipped"), QStringLiteral("completed")}));
    QCOMPARE(
        m_http->post(
                  QStringLiteral("staff/applications/") + app.id + QStringLiteral("/handover"), {}, counter)
            .status,
        409);
}

void TestServerFlow::naturalPersonLifecycle()
{
    const Legacy old = firstRenewable(*m_http, QStringLiteral("natural_person"));
    const QString name = QStringLiteral("Wang Fang");
    const QString idNumber = QStringLiteral("310115197806150038");
    QJsonObject body = naturalPersonBody(old.serial, name, idNumber, 2);
    body.insert(QStringLiteral("invoice"), QJsonObject {{QStringLiteral("kind"), QStringLiteral("none")}});
    const App app = create(*m_http, body);
    QVERIFY(!app.id.isEmpty());
    // The seeded old certificate names another person: the applicant adds the proof of the change.
    uploadAll(*m_http, app,
        {QStringLiteral("application_form"), QStringLiteral("e_seal_form"), QStringLiteral("id_card"),
            QStringLiteral("holder_change_proof")});
    passLiveness(*m_http, app, name, idNumber);
    const Reply transfer = m_http->post(app.path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("corporate_transfer")}}, app.token);
    QCOMPARE(transfer.status, 422);
    QCOMPARE(transfer.fieldCodes(), QStringList {QStringLiteral("method:not_allowed")});
    const Reply pay = m_http->post(app.path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("alipay")}}, app.token);
    QCOMPARE(pay.status, 201);
    QCOMPARE(pay.json().value(QStringLiteral("amount_fen")).toInteger(), 12000);
    QCOMPARE(
        m_http
            ->post(QStringLiteral("sandbox/payments/")
                    + pay.json().value(QStringLiteral("payment_id")).toString() + QStringLiteral("/complete"),
                {})
            .status,
        200);
    QCOMPARE(m_http->get(app.path + QStringLiteral("/invoice"), app.token)
                 .json()
                 .value(QStringLiteral("status"))
                 .toString(),
        QStringLiteral("none"));
    // The form names another holder than the seeded old certificate: the reviewer accepts the change
    // explicitly (API.md "Operations"; without it 409).
    QCOMPARE(m_http
                 ->post(QStringLiteral("staff/applications/") + app.id + QStringLiteral("/approve"),
                     QJsonObject {{QStringLiteral("accept_holder_change"), true}},
                     staff(QStringLiteral("reviewer")))
                 .status,
        200);

    const QString counter = staff(QStringLiteral("counter"));
    const QString issuancePath = QStringLiteral("staff/applications/") + app.id + QStringLiteral("/issuance");
    auto transport = pki::Sm2Key::generate();
    QVERIFY(transport.hasValue());
    const QString transportB64 = QString::fromLatin1(transport->subjectPublicKeyInfo().toBase64());
    // A CSR signed with another SM2 ID (here the empty one OpenSSL uses by default) does not verify: 422.
    auto signingKey = pki::Sm2Key::generate();
    const auto wrongId = pki::makeCsr(
        *signingKey, pki::Subject::naturalPerson(name), transport->publicKey(), QByteArrayView());
    QVERIFY(wrongId.hasValue());
    const Reply badCsr = m_http->post(issuancePath,
        QJsonObject {{QStringLiteral("transport_public_key"), transportB64},
            {QStringLiteral("csr"), QString::fromLatin1(wrongId->toBase64())}},
        counter);
    QCOMPARE(badCsr.status, 422);
    QCOMPARE(badCsr.fieldCodes(), QStringList {QStringLiteral("csr:bad_signature")});
    // sm-crypto agrees: not a signature with the default ID, a signature with the empty one.
    QCOMPARE(crossCheck(*wrongId), 1);
    QCOMPARE(crossCheck(*wrongId, {}, QString()), 0);
    const Reply badKey = m_http->post(issuancePath,
        QJsonObject {{QStringLiteral("transport_public_key"), QStringLiteral("AAAA")}}, counter);
    QCOMPARE(badKey.status, 422);

    // Without a CSR the service makes the signing key too; both envelopes open to the certified keys.
    const Reply issued
        = m_http->post(issuancePath, QJsonObject {{QStringLiteral("transport_public_key"), transportB64}},
            counter, QStringLiteral("issue-1"));
    QCOMPARE(issued.status, 201);
    const Reply replay
        = m_http->post(issuancePath, QJsonObject {{QStringLiteral("transport_public_key"), transportB64}},
            counter, QStringLiteral("issue-1"));
    QCOMPARE(replay.json(), issued.json()); // the same pair, not a new one
    const auto signing
        = pki::CertificateInfo::parse(b64(issued.json().value(QStringLiteral("signing_certificate"))));
    const auto encryption
        = pki::CertificateInfo::parse(b64(issued.json().value(QStringLiteral("encryption_certificate"))));
    QVERIFY(signing.hasValue() && encryption.hasValue());
    QCOMPARE(signing->personIdNumber, idNumber);
    const auto signingOpened
        = pki::openEnvelope(b64(issued.json().value(QStringLiteral("signing_key_envelope"))), *transport);
    const auto encryptionOpened
        = pki::openEnvelope(b64(issued.json().value(QStringLiteral("encryption_key_envelope"))), *transport);
    QVERIFY(signingOpened.hasValue() && encryptionOpened.hasValue());
    QCOMPARE(signingOpened->publicPoint, signing->publicKeyBits);
    QCOMPARE(encryptionOpened->publicPoint, encryption->publicKeyBits);
    verifyWithOpenSsl(signing->der);
    const QString confirm = issuancePath + QLatin1Char('/')
        + issued.json().value(QStringLiteral("issuance_id")).toString() + QStringLiteral("/confirm");
    QCOMPARE(
        m_http->post(confirm, QJsonObject {{QStringLiteral("token_serial"), QStringLiteral("T2")}}, counter)
            .status,
        200);
    QVERIFY(crlText(QStringLiteral("ca/legacy-crl")).contains(old.serial));
    // Handed over at the counter: issued -> completed without shipment.
    QCOMPARE(
        m_http->post(
                  QStringLiteral("staff/applications/") + app.id + QStringLiteral("/handover"), {}, counter)
            .status,
        200);
    QCOMPARE(m_http->get(app.path, app.token).json().value(QStringLiteral("status")).toString(),
        QStringLiteral("completed"));
}

void TestServerFlow::killAndRestart()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    ServerProcess server;
    QVERIFY2(server.start(data), qPrintable(server.lastError()));
    auto http = std::make_unique<Http>(server.port());
    const Legacy old = firstRenewable(*http, QStringLiteral("institution_business"));
    const QJsonObject body = institutionBody(
        old.serial, old.holder, old.credentialNumber, QStringLiteral("institution_business"));
    const Reply created = http->post(QStringLiteral("applications"), body, {}, QStringLiteral("create-once"));
    QCOMPARE(created.status, 201);
    App app {created.json().value(QStringLiteral("id")).toString(),
        created.json().value(QStringLiteral("access_token")).toString(), {}};
    app.path = QStringLiteral("applications/") + app.id;
    uploadAll(*http, app, {QStringLiteral("application_form"), QStringLiteral("business_license")});

    server.kill(); // right after the responses: nothing acknowledged may be lost
    QVERIFY2(server.start(data), qPrintable(server.lastError()));
    http = std::make_unique<Http>(server.port());
    const Reply after = http->get(app.path, app.token);
    QCOMPARE(after.status, 200);
    const QJsonObject docs = after.json()
                                 .value(QStringLiteral("checklist"))
                                 .toObject()
                                 .value(QStringLiteral("documents"))
                                 .toObject();
    QCOMPARE(docs.value(QStringLiteral("business_license")).toString(), QStringLiteral("uploaded"));
    QCOMPARE(docs.value(QStringLiteral("application_form")).toString(), QStringLiteral("uploaded"));
    // The Idempotency-Key survived too: the same application, the same token.
    const Reply again = http->post(QStringLiteral("applications"), body, {}, QStringLiteral("create-once"));
    QCOMPARE(again.json(), created.json());

    // Continue the flow: corporate transfer, confirmed by the counter after another crash.
    uploadAll(*http, app, {QStringLiteral("e_seal_form"), QStringLiteral("id_card")});
    passLiveness(*http, app, QString::fromLatin1(kAgentName), QString::fromLatin1(kAgentId));
    const Reply pay = http->post(app.path + QStringLiteral("/payments"),
        QJsonObject {{QStringLiteral("method"), QStringLiteral("corporate_transfer")}}, app.token);
    QCOMPARE(pay.status, 201);
    const QJsonObject transfer = pay.json().value(QStringLiteral("transfer")).toObject();
    QVERIFY(!transfer.value(QStringLiteral("account_number")).toString().isEmpty());
    QCOMPARE(transfer.value(QStringLiteral("reference")).toString(),
        pay.json().value(QStringLiteral("order_no")).toString());
    server.kill();
    QVERIFY2(server.start(data), qPrintable(server.lastError()));
    http = std::make_unique<Http>(server.port());
    const QString counter = http->post(QStringLiteral("staff/sessions"),
                                    QJsonObject {{QStringLiteral("username"), QStringLiteral("counter")},
                                        {QStringLiteral("password"), QStringLiteral("sandbox-counter")}})
                                .json()
                                .value(QStringLiteral("token"))
                                .toString();
    const Reply confirmed = http->post(QStringLiteral("staff/payments/")
            + pay.json().value(QStringLiteral("payment_id")).toString() + QStringLiteral("/confirm"),
        {}, counter);
    QCOMPARE(confirmed.status, 200);
    QCOMPARE(confirmed.json().value(QStringLiteral("status")).toString(), QStringLiteral("paid"));
    QCOMPARE(http->get(app.path, app.token).json().value(QStringLiteral("status")).toString(),
        QStringLiteral("in_review"));
    QCOMPARE(server.terminate(), 0);
}

QTEST_GUILESS_MAIN(TestServerFlow)
#include "tst_server_flow.moc"
