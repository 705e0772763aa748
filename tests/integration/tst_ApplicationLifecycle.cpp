// The whole life of a renewal + algorithm upgrade, driven through core/api against the real certdesk-server
// (random loopback port, temporary data directory, --sandbox): legacy certificate -> lookup -> create ->
// documents
// -> liveness -> payment -> rejection -> fix and resubmit -> approval -> SM2 dual-certificate issuance (with
// and without a CSR) -> envelopes opened with the transport key -> confirmation -> old serial on the CRL ->
// shipment
// -> handover. Certificates are checked with the OpenSSL command line as a bidding platform would.
#include "ResponseRecorder.h"
#include "ServerProcess.h"
#include "TestEnvironment.h"
#include "api/ApiClient.h"
#include "domain/RegionModel.h"
#include "domain/Validators.h"
#include "pki/CertificateChain.h"
#include "pki/CertificateInfo.h"
#include "pki/Csr.h"
#include "pki/Envelope.h"
#include "pki/KeyUsage.h"
#include "pki/Pem.h"
#include "pki/Sm2Key.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

using namespace certdesk;
using namespace certdesk::api;
using namespace std::chrono_literals;

namespace {

template<class T>
ApiResult<T> await(ApiReply<T>* reply)
{
    reply->waitForFinished(120s);
    ApiResult<T> result = reply->result();
    delete reply;
    return result;
}

QString describe(const ApiError& e)
{
    QString text = e.logSummary() + QStringLiteral(" | ") + e.message + QStringLiteral(" | ") + e.detail;
    for (const FieldError& field : e.fields)
        text += QStringLiteral(" | %1 %2: %3").arg(field.field, field.code, field.message);
    return text;
}

template<class T>
QString describe(const ApiResult<T>& result)
{
    return result.ok() ? QString() : describe(result.error());
}

// A call that must succeed; leaves the test function on failure.
#define AWAIT_OK(var, call)                                                                                  \
    auto var = await(call);                                                                                  \
    QVERIFY2(var.ok(), qPrintable(QStringLiteral(#call " failed: ") + describe(var)))

// A call that must fail with this HTTP status (and, when not empty, this machine code).
#define AWAIT_HTTP(call, status, machineCode)                                                                \
    do {                                                                                                     \
        auto failed_ = await(call);                                                                          \
        QVERIFY2(!failed_.ok(), #call " succeeded unexpectedly");                                            \
        QCOMPARE(failed_.error().kind, ApiError::Kind::Http);                                                \
        QCOMPARE(failed_.error().httpStatus, status);                                                        \
        if (!QStringLiteral(machineCode).isEmpty())                                                          \
            QCOMPARE(failed_.error().code, QStringLiteral(machineCode));                                     \
    } while (false)

// Runs a step (a void member function) and leaves the test function when it failed.
#define STEP(call)                                                                                           \
    do {                                                                                                     \
        call;                                                                                                \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

// A small real image (JPEG or PNG), different for each seed, so that re-uploads change the sha256.
QByteArray image(const char* format, int seed)
{
    QImage img(120, 80, QImage::Format_RGB32);
    img.fill(QColor::fromHsv((seed * 47) % 360, 160, 220));
    for (int y = 0; y < img.height(); ++y) {
        for (int x = 0; x < img.width(); x += 4 + seed % 5)
            img.setPixel(x, y, qRgb((x * seed) % 256, (y * 3) % 256, (x + y) % 256));
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    img.save(&buffer, format, 85);
    return bytes;
}

QString normalHex(QString hex)
{
    hex = normalizeSerial(hex);
    while (hex.startsWith(QLatin1Char('0')) && hex.size() > 1)
        hex.remove(0, 1);
    return hex;
}

// The revoked serials of a DER CRL, as upper-case hex without leading zeros (read with OpenSSL itself).
QStringList crlSerials(const QByteArray& der)
{
    QStringList serials;
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    std::unique_ptr<X509_CRL, decltype(&X509_CRL_free)> crl(
        d2i_X509_CRL(nullptr, &p, der.size()), X509_CRL_free);
    if (!crl)
        return serials;
    STACK_OF(X509_REVOKED)* revoked = X509_CRL_get_REVOKED(crl.get());
    for (int i = 0; i < sk_X509_REVOKED_num(revoked); ++i) {
        const ASN1_INTEGER* serial = X509_REVOKED_get0_serialNumber(sk_X509_REVOKED_value(revoked, i));
        std::unique_ptr<BIGNUM, decltype(&BN_free)> bn(ASN1_INTEGER_to_BN(serial, nullptr), BN_free);
        char* hex = BN_bn2hex(bn.get());
        serials.append(normalHex(QString::fromLatin1(hex)));
        OPENSSL_free(hex);
    }
    return serials;
}

// RSA PKCS#1 v1.5 SHA-256 signature with the old certificate's key: the possession proof of API.md.
QByteArray rsaSign(const QByteArray& pkcs8, const QByteArray& data)
{
    const auto* p = reinterpret_cast<const unsigned char*>(pkcs8.constData());
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        d2i_AutoPrivateKey(nullptr, &p, pkcs8.size()), EVP_PKEY_free);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
        return {};
    size_t length = 0;
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.constData());
    if (EVP_DigestSign(ctx.get(), nullptr, &length, bytes, size_t(data.size())) != 1)
        return {};
    QByteArray signature(qsizetype(length), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, bytes,
            size_t(data.size()))
        != 1)
        return {};
    signature.truncate(qsizetype(length));
    return signature;
}

// Everything one application run needs to remember.
struct Flow
{
    CertificateCategory category = CertificateCategory::Institution;
    QString holder;
    QString credential;
    QDateTime oldNotAfter;
    LegacyCertificate legacy;
    OldCertificateInfo old;
    Application application;
    QString idempotencyKey;
    QString id;
    QString token;
    QString paymentId;
    int imageSeed = 1;
    QList<QByteArray> revokedEarlier; // serials (hex) of an unconfirmed pair replaced by a second issuance
};

} // namespace

class tst_ApplicationLifecycle : public QObject
{
    Q_OBJECT

private:
    test::ServerProcess m_server;
    std::unique_ptr<ApiClient> m_applicant;
    std::unique_ptr<ApiClient> m_reviewer;
    std::unique_ptr<ApiClient> m_counter;
    QByteArray m_rootDer;
    QByteArray m_issuingDer;
    QTemporaryDir m_files;

    std::unique_ptr<ApiClient> makeClient() const
    {
        ApiClientOptions options;
        options.baseUrl = m_server.baseUrl();
        options.transferTimeout = 60s;
        auto client = std::make_unique<ApiClient>(options);
        certdesk::test::recordReplies(client.get());
        return client;
    }

    QString writeFile(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_files.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
            return {};
        return path;
    }

    // --- steps ---

    void mintLegacy(Flow& flow)
    {
        AWAIT_OK(legacy,
            m_applicant->sandboxMintLegacy(flow.category, flow.holder, flow.credential, flow.oldNotAfter));
        flow.legacy = legacy.value();
        QVERIFY(!flow.legacy.serial.isEmpty());
        auto info = pki::CertificateInfo::parse(flow.legacy.certificate);
        QVERIFY2(info, qPrintable(info.detail()));
        QCOMPARE(normalHex(info->serialHex), normalHex(flow.legacy.serial));
        QVERIFY(info->keyAlgorithm.startsWith(QLatin1String("RSA")));
    }

    void lookup(Flow& flow)
    {
        // Typed the way people do: lower case with colons.
        QString typed;
        const QString serial = normalizeSerial(flow.legacy.serial);
        for (qsizetype i = 0; i < serial.size(); i += 2)
            typed += (i ? QStringLiteral(":") : QString()) + serial.mid(i, 2).toLower();
        AWAIT_OK(old, m_applicant->lookupCertificate(typed));
        flow.old = old.value();
        QCOMPARE(normalHex(flow.old.serial), normalHex(flow.legacy.serial));
        QCOMPARE(flow.old.category, flow.category);
        QVERIFY2(flow.old.renewable, qPrintable(flow.old.reason));
        QCOMPARE(flow.old.feePerYearFen, isInstitution(flow.category) ? 36000 : 6000);
        QCOMPARE(flow.old.maxYears, 3);
        QCOMPARE(flow.old.challenge.size(), 32);
        QVERIFY(flow.old.holderMasked != flow.holder); // masked until proven
        AWAIT_HTTP(m_applicant->lookupCertificate(QStringLiteral("0DEADBEEF0DEADBEEF")), 404, "not_found");
    }

    void create(Flow& flow)
    {
        flow.application.oldCertificate = flow.old;
        flow.application.serial = normalizeSerial(flow.old.serial);
        flow.application.category = flow.category;
        // The client and the service share the validators: what passes here must pass there.
        const FieldErrors local
            = validators::validateApplication(flow.application, RegionModel::builtin(), flow.old.maxYears);
        QVERIFY2(local.isEmpty(), qPrintable(local.isEmpty() ? QString() : local.first().field));

        flow.idempotencyKey = ApiClient::newIdempotencyKey();
        AWAIT_OK(created, m_applicant->createApplication(flow.application, flow.idempotencyKey));
        flow.id = created->id;
        flow.token = created->accessToken;
        QCOMPARE(created->status, ApplicationStatus::Draft);
        QCOMPARE(created->fees, flow.application.expectedFees());
        QCOMPARE(created->holderVerified, flow.application.proof.has_value());
        QVERIFY(created->checklist.formComplete);
        QVERIFY(!created->checklist.allDocumentsUploaded());

        // Same key, same body: the first answer again (same id), no second application.
        AWAIT_OK(again, m_applicant->createApplication(flow.application, flow.idempotencyKey));
        QCOMPARE(again->id, flow.id);
        QCOMPARE(again->accessToken, flow.token);
        // Same key, different body: 409.
        Application changed = flow.application;
        changed.years = flow.application.years == 1 ? 2 : 1;
        AWAIT_HTTP(m_applicant->createApplication(changed, flow.idempotencyKey), 409, "conflict");

        // A challenge proves possession once: later PUTs go without the proof (the service keeps
        // holder_verified).
        flow.application.proof.reset();

        // Not payable before documents and liveness.
        AWAIT_HTTP(m_applicant->createPayment(flow.id, flow.token, PaymentMethod::WeChat), 409, "conflict");
    }

    void uploadDocuments(Flow& flow)
    {
        const QList<DocumentKind> required = requiredDocuments(flow.category);
        QCOMPARE(required.size(), isInstitution(flow.category) ? 4 : 3);
        for (DocumentKind kind : required) {
            const bool png = flow.imageSeed % 2 == 0;
            const QByteArray bytes = image(png ? "PNG" : "JPEG", flow.imageSeed++);
            QVERIFY(!bytes.isEmpty());
            auto* reply = m_applicant->uploadDocument(flow.id, flow.token, kind, bytes,
                png ? QStringLiteral("image/png") : QStringLiteral("image/jpeg"));
            qint64 reported = 0;
            connect(reply, &ApiReplyBase::uploadProgress, this,
                [&reported](qint64 sent, qint64) { reported = std::max(reported, sent); });
            AWAIT_OK(stored, reply);
            QCOMPARE(stored->kind, kind);
            QCOMPARE(stored->size, bytes.size());
            QCOMPARE(stored->sha256,
                QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
            QCOMPARE(reported, bytes.size());
        }
        // Bytes that are not what the header says: 415.
        AWAIT_HTTP(m_applicant->uploadDocument(
                       flow.id, flow.token, required.first(), image("PNG", 99), QStringLiteral("image/jpeg")),
            415, "unsupported_media_type");

        AWAIT_OK(listed, m_applicant->documents(flow.id, flow.token));
        QCOMPARE(listed->size(), required.size());
        AWAIT_OK(app, m_applicant->getApplication(flow.id, flow.token));
        QVERIFY(app->checklist.allDocumentsUploaded());
        QCOMPARE(app->checklist.liveness, LivenessState::Pending);
    }

    void liveness(Flow& flow, bool failFirst)
    {
        const Person& person = flow.application.responsiblePerson();
        if (failFirst) {
            AWAIT_OK(session, m_applicant->startLiveness(flow.id, flow.token));
            // Someone else's ID number: the check fails, with a reason.
            AWAIT_OK(outcome,
                m_applicant->sandboxLiveness(session->sessionId, person.name,
                    QStringLiteral("110101198808084563") == person.idNumber
                        ? QStringLiteral("440305199007151233")
                        : QStringLiteral("110101198808084563"),
                    true));
            QCOMPARE(outcome->status, LivenessState::Failed);
            QVERIFY(!outcome->reason.isEmpty());
            AWAIT_OK(status, m_applicant->livenessStatus(flow.id, flow.token));
            QCOMPARE(status->status, LivenessState::Failed);
        }
        AWAIT_OK(session, m_applicant->startLiveness(flow.id, flow.token));
        QCOMPARE(session->status, LivenessState::Pending);
        QVERIFY(session->qrContent.contains(session->sessionId));
        AWAIT_OK(
            outcome, m_applicant->sandboxLiveness(session->sessionId, person.name, person.idNumber, true));
        QCOMPARE(outcome->status, LivenessState::Passed);
        AWAIT_OK(status, m_applicant->livenessStatus(flow.id, flow.token));
        QCOMPARE(status->status, LivenessState::Passed);
        AWAIT_OK(app, m_applicant->getApplication(flow.id, flow.token));
        QVERIFY(app->checklist.readyForPayment());
    }

    void payByWeChat(Flow& flow)
    {
        if (!isInstitution(flow.category)) {
            AWAIT_HTTP(m_applicant->createPayment(flow.id, flow.token, PaymentMethod::CorporateTransfer), 422,
                "validation_failed");
        }
        const QString key = ApiClient::newIdempotencyKey();
        AWAIT_OK(payment, m_applicant->createPayment(flow.id, flow.token, PaymentMethod::WeChat, key));
        QCOMPARE(payment->status, PaymentStatus::Pending);
        QCOMPARE(payment->amountFen, flow.application.expectedFees().totalFen);
        QVERIFY(!payment->qrContent.isEmpty());
        QVERIFY(!payment->transfer);
        flow.paymentId = payment->paymentId;
        AWAIT_OK(same, m_applicant->createPayment(flow.id, flow.token, PaymentMethod::WeChat, key));
        QCOMPARE(same->paymentId, flow.paymentId);

        AWAIT_OK(completed, m_applicant->sandboxCompletePayment(flow.paymentId));
        QCOMPARE(completed->status, PaymentStatus::Paid);
        AWAIT_OK(status, m_applicant->paymentStatus(flow.id, flow.token, flow.paymentId));
        QCOMPARE(status->status, PaymentStatus::Paid);
        QVERIFY(status->paidAt.isValid());
        AWAIT_OK(app, m_applicant->getApplication(flow.id, flow.token));
        QCOMPARE(app->status, ApplicationStatus::InReview);
        QCOMPARE(app->checklist.payment, PaymentState::Paid);
    }

    void payByTransfer(Flow& flow)
    {
        AWAIT_OK(payment, m_applicant->createPayment(flow.id, flow.token, PaymentMethod::CorporateTransfer));
        QVERIFY(payment->transfer);
        QVERIFY(!payment->transfer->accountNumber.isEmpty());
        QVERIFY(!payment->transfer->reference.isEmpty());
        QCOMPARE(payment->amountFen, flow.application.expectedFees().totalFen);
        flow.paymentId = payment->paymentId;
        // A reviewer may not confirm money; the counter may.
        AWAIT_HTTP(m_reviewer->confirmPayment(flow.paymentId), 403, "forbidden");
        // The counter finds the payment in the staff view.
        AWAIT_OK(view, m_counter->staffApplication(flow.id));
        QCOMPARE(view->payments.size(), 1);
        QCOMPARE(view->payments.first().paymentId, flow.paymentId);
        QCOMPARE(view->payments.first().method, PaymentMethod::CorporateTransfer);
        AWAIT_OK(confirmed, m_counter->confirmPayment(flow.paymentId));
        QCOMPARE(confirmed->status, PaymentStatus::Paid);
        AWAIT_OK(app, m_applicant->getApplication(flow.id, flow.token));
        QCOMPARE(app->status, ApplicationStatus::InReview);
    }

    // Rejects with `reasons`, checks that an unchanged resubmission is refused, applies `fix` and resubmits.
    void rejectFixResubmit(
        Flow& flow, const QList<RejectionReason>& reasons, const std::function<void(Flow&)>& fix)
    {
        AWAIT_OK(queue, m_reviewer->staffApplications(ApplicationStatus::InReview));
        QVERIFY(std::any_of(
            queue->cbegin(), queue->cend(), [&](const ApplicationSummary& s) { return s.id == flow.id; }));
        AWAIT_OK(document, m_reviewer->staffDocument(flow.id, requiredDocuments(flow.category).first()));
        QVERIFY(document->contentType.startsWith(QLatin1String("image/")));
        QVERIFY(!QImage::fromData(document->bytes).isNull());
        AWAIT_HTTP(m_counter->reject(flow.id, reasons), 403, "forbidden");

        AWAIT_OK(rejected, m_reviewer->reject(flow.id, reasons));
        QCOMPARE(rejected->status, ApplicationStatus::Rejected);
        AWAIT_OK(seen, m_applicant->getApplication(flow.id, flow.token));
        QCOMPARE(seen->status, ApplicationStatus::Rejected);
        QCOMPARE(seen->rejection, reasons);
        AWAIT_HTTP(m_applicant->resubmit(flow.id, flow.token), 409, "conflict");

        STEP(fix(flow));

        AWAIT_OK(resubmitted, m_applicant->resubmit(flow.id, flow.token));
        QCOMPARE(resubmitted->status, ApplicationStatus::InReview);
        AWAIT_OK(after, m_applicant->getApplication(flow.id, flow.token));
        QCOMPARE(after->status, ApplicationStatus::InReview);
        QCOMPARE(after->checklist.payment, PaymentState::Paid); // no second payment
    }

    void updateForm(Flow& flow)
    {
        AWAIT_OK(updated, m_applicant->updateApplication(flow.id, flow.token, flow.application));
        QCOMPARE(updated->status, ApplicationStatus::Rejected);
    }

    void approve(Flow& flow)
    {
        AWAIT_OK(approved, m_reviewer->approve(flow.id));
        QCOMPARE(approved->status, ApplicationStatus::Approved);
        AWAIT_HTTP(m_applicant->updateApplication(flow.id, flow.token, flow.application), 409, "conflict");
    }

    // Issues, opens the envelopes, checks keys, usages and the chain. Returns the issuance through `out`.
    void issue(Flow& flow, bool withCsr, Issuance* out)
    {
        auto transport = pki::Sm2Key::generate();
        QVERIFY2(transport, qPrintable(transport.detail()));
        pki::Sm2Key signingKey;
        QByteArray csr;
        if (withCsr) {
            auto generated = pki::Sm2Key::generate();
            QVERIFY(generated);
            signingKey = generated.value();
            const pki::Subject subject = isInstitution(flow.category)
                ? pki::Subject::institution(
                    flow.application.organization.name, flow.application.organization.credentialNumber)
                : pki::Subject::naturalPerson(flow.application.applicant.name);
            auto made = pki::makeCsr(signingKey, subject, transport->publicKey());
            QVERIFY2(made, qPrintable(made.detail()));
            csr = made.value();
            // A CSR whose signature does not verify is refused (422) and issues nothing.
            QByteArray broken = csr;
            broken[broken.size() - 5] = char(broken.at(broken.size() - 5) ^ 0x55);
            AWAIT_HTTP(m_counter->issue(flow.id, transport->subjectPublicKeyInfo(), broken), 422, "");
        }
        AWAIT_HTTP(m_reviewer->issue(flow.id, transport->subjectPublicKeyInfo(), csr), 403, "forbidden");
        AWAIT_OK(issuance, m_counter->issue(flow.id, transport->subjectPublicKeyInfo(), csr));

        auto signing = pki::CertificateInfo::parse(issuance->signingCertificate);
        auto encryption = pki::CertificateInfo::parse(issuance->encryptionCertificate);
        QVERIFY2(signing && encryption, "certificates do not parse");
        QVERIFY(signing->isSm2());
        QVERIFY(encryption->isSm2());
        QCOMPARE(signing->keyUsage, pki::KeyUsage::DigitalSignature | pki::KeyUsage::NonRepudiation);
        QCOMPARE(encryption->keyUsage,
            pki::KeyUsage::KeyEncipherment | pki::KeyUsage::DataEncipherment | pki::KeyUsage::KeyAgreement);
        QVERIFY(signing->serialHex.size() <= 40); // at most 20 octets
        if (isInstitution(flow.category)) {
            QCOMPARE(signing->subject.serialNumber, flow.application.organization.credentialNumber);
        } else {
            QCOMPARE(signing->subject.commonName, flow.application.applicant.name);
            QCOMPARE(signing->personIdNumber, flow.application.applicant.idNumber);
        }
        // The paid validity starts at the old expiry when renewing early, else at issuance (API.md
        // "Certificates"). certdesk-server makes the pair usable at once (notBefore = issuance, since the old
        // certificate is revoked on confirmation) and ends it `years` after that start, so an early renewal
        // loses no days.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(qAbs(signing->notBefore.secsTo(now)) < 600);
        const QDateTime start = flow.old.notAfter > now ? flow.old.notAfter : signing->notBefore;
        QVERIFY2(qAbs(signing->notAfter.secsTo(start.addYears(flow.application.years))) <= 1,
            qPrintable(
                signing->notAfter.toString(Qt::ISODate) + QLatin1Char(' ') + start.toString(Qt::ISODate)));
        QCOMPARE(encryption->notAfter, signing->notAfter);
        QCOMPARE(issuance->notBefore, signing->notBefore);

        // The encryption key always comes from the KMC, enveloped to the transport key.
        auto openedEncryption = pki::openEnvelope(issuance->encryptionKeyEnvelope, transport.value());
        QVERIFY2(openedEncryption, qPrintable(openedEncryption.detail()));
        auto encryptionKey = pki::Sm2Key::fromPrivateScalar(openedEncryption->privateScalar);
        QVERIFY(encryptionKey);
        QCOMPARE(encryptionKey->publicPoint(), encryption->publicKeyBits);
        // Another transport key cannot open it.
        auto stranger = pki::Sm2Key::generate();
        QVERIFY(stranger);
        QVERIFY(!pki::openEnvelope(issuance->encryptionKeyEnvelope, stranger.value()));

        if (withCsr) {
            QVERIFY(!issuance->signingKeyEnvelope);
            QCOMPARE(signing->publicKeyBits, signingKey.publicPoint());
        } else {
            QVERIFY(issuance->signingKeyEnvelope);
            auto openedSigning = pki::openEnvelope(*issuance->signingKeyEnvelope, transport.value());
            QVERIFY2(openedSigning, qPrintable(openedSigning.detail()));
            auto key = pki::Sm2Key::fromPrivateScalar(openedSigning->privateScalar);
            QVERIFY(key);
            QCOMPARE(key->publicPoint(), signing->publicKeyBits);
            QVERIFY(key->publicPoint() != encryptionKey->publicPoint());
        }

        // The chain: CertDesk's own verifier, then the OpenSSL command line as a bidding platform runs it.
        QVERIFY(!issuance->caChain.isEmpty());
        QVERIFY(issuance->caChain.contains(m_issuingDer));
        const QDateTime at = signing->notBefore.addSecs(60);
        QVERIFY(pki::verifyCertificateChain(issuance->signingCertificate, {m_issuingDer}, {m_rootDer}, at));
        QVERIFY(
            pki::verifyCertificateChain(issuance->encryptionCertificate, {m_issuingDer}, {m_rootDer}, at));
        STEP(opensslVerify(issuance->signingCertificate, signing->notBefore));
        STEP(opensslVerify(issuance->encryptionCertificate, signing->notBefore));
        *out = issuance.value();
    }

    // OpenSSL's command line, link by link (docs/pki.md): `openssl verify -partial_chain -CAfile <issuer>
    // -vfyopt distid:1234567812345678 <child>` for issuing CA <- root and leaf <- issuing CA; with -attime
    // when the certificate is not valid yet (an early renewal starts at the old expiry).
    void opensslVerify(const QByteArray& leafDer, const QDateTime& notBefore)
    {
        const QString root = writeFile(QStringLiteral("root.pem"), pki::certificateToPem(m_rootDer));
        const QString issuing = writeFile(QStringLiteral("issuing.pem"), pki::certificateToPem(m_issuingDer));
        const QString leaf = writeFile(QStringLiteral("leaf.pem"), pki::certificateToPem(leafDer));
        QVERIFY(!root.isEmpty() && !issuing.isEmpty() && !leaf.isEmpty());
        for (const auto& [anchor, child] : {std::pair {root, issuing}, std::pair {issuing, leaf}}) {
            QStringList arguments {QStringLiteral("verify"), QStringLiteral("-vfyopt"),
                QStringLiteral("distid:1234567812345678"), QStringLiteral("-partial_chain"),
                QStringLiteral("-CAfile"), anchor};
            if (notBefore > QDateTime::currentDateTimeUtc())
                arguments << QStringLiteral("-attime") << QString::number(notBefore.toSecsSinceEpoch() + 60);
            arguments << child;
            QProcess openssl;
            openssl.setProcessChannelMode(QProcess::MergedChannels);
            openssl.start(QStringLiteral("openssl"), arguments);
            QVERIFY(openssl.waitForFinished(60000));
            const QByteArray output = openssl.readAll();
            QVERIFY2(openssl.exitCode() == 0, output.constData());
            QVERIFY2(output.contains(": OK"), output.constData());

            // Without the distinguishing ID OpenSSL 3.0 checks with the empty ID and must fail: the
            // certificate really is signed with 1234567812345678.
            arguments.removeAt(1);
            arguments.removeAt(1);
            openssl.start(QStringLiteral("openssl"), arguments);
            QVERIFY(openssl.waitForFinished(60000));
            QVERIFY(openssl.exitCode() != 0);
        }
    }

    void confirm(Flow& flow, const Issuance& issuance)
    {
        AWAIT_OK(crlBefore, m_applicant->legacyCrl());
        QVERIFY(!crlSerials(crlBefore->bytes).contains(normalHex(flow.legacy.serial)));

        AWAIT_OK(confirmed,
            m_counter->confirmIssuance(flow.id, issuance.issuanceId, QStringLiteral("SOFTHSM-0001"),
                QStringLiteral("CertDesk UKey")));
        QCOMPARE(confirmed->status, ApplicationStatus::Issued);

        // The old certificate is revoked now: on its own CA's CRL (the legacy RSA CA's, RFC 5280 §5: a CRL
        // lists its issuer's certificates only).
        AWAIT_OK(legacyCrl, m_applicant->legacyCrl());
        const QStringList legacyRevoked = crlSerials(legacyCrl->bytes);
        QVERIFY2(legacyRevoked.contains(normalHex(flow.legacy.serial)),
            qPrintable(legacyRevoked.join(QLatin1Char(' '))));
        // The SM2 pairs issued earlier and never confirmed are on the SM2 issuing CA's CRL, signed by it.
        AWAIT_OK(crl, m_applicant->crl());
        const QStringList revoked = crlSerials(crl->bytes);
        QVERIFY(!revoked.contains(normalHex(flow.legacy.serial)));
        for (const QByteArray& serial : flow.revokedEarlier)
            QVERIFY2(revoked.contains(normalHex(QString::fromLatin1(serial))), serial.constData());
        auto info = pki::CertificateInfo::parse(issuance.signingCertificate);
        QVERIFY(!revoked.contains(normalHex(info->serialHex)));
        QVERIFY(pki::verifyCrl(crl->bytes, m_issuingDer));
        // The old certificate cannot be renewed a second time.
        AWAIT_OK(old, m_applicant->lookupCertificate(flow.legacy.serial));
        QVERIFY(!old->renewable);
        QCOMPARE(old->status, QStringLiteral("revoked"));
    }

    void shipAndHandOver(Flow& flow)
    {
        AWAIT_HTTP(m_counter->handover(QStringLiteral("no-such-application")), 404, "not_found");
        AWAIT_OK(shipped,
            m_counter->recordShipment(flow.id, QStringLiteral("SF Express"), QStringLiteral("SF1234567890")));
        QCOMPARE(shipped->status, ApplicationStatus::Shipped);
        AWAIT_OK(seen, m_applicant->getApplication(flow.id, flow.token));
        QVERIFY(seen->shipment);
        QCOMPARE(seen->shipment->trackingNo, QStringLiteral("SF1234567890"));
        AWAIT_OK(done, m_counter->handover(flow.id));
        QCOMPARE(done->status, ApplicationStatus::Completed);
        AWAIT_OK(final, m_applicant->getApplication(flow.id, flow.token));
        QCOMPARE(final->status, ApplicationStatus::Completed);
        QList<ApplicationStatus> statuses;
        for (const TimelineEntry& entry : final->timeline)
            statuses.append(entry.status);
        for (auto status : {ApplicationStatus::Draft, ApplicationStatus::InReview,
                 ApplicationStatus::Rejected, ApplicationStatus::Approved, ApplicationStatus::Issued,
                 ApplicationStatus::Shipped, ApplicationStatus::Completed})
            QVERIFY2(statuses.contains(status), qPrintable(statusToApi(status)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::fixEnvironment();
        QVERIFY(m_files.isValid());
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        m_applicant = makeClient();
        m_reviewer = makeClient();
        m_counter = makeClient();

        AWAIT_OK(health, m_applicant->health());
        QCOMPARE(health->apiVersion, 1);
        QVERIFY(health->sandbox);
        AWAIT_OK(config, m_applicant->config());
        QCOMPARE(config->maxDocumentBytes, 5 * 1024 * 1024);

        AWAIT_HTTP(
            m_reviewer->staffLogin(QStringLiteral("reviewer"), QStringLiteral("wrong")), 401, "unauthorized");
        AWAIT_OK(
            reviewer, m_reviewer->staffLogin(QStringLiteral("reviewer"), QStringLiteral("sandbox-reviewer")));
        QVERIFY(reviewer->roles.contains(QStringLiteral("reviewer")));
        AWAIT_OK(
            counter, m_counter->staffLogin(QStringLiteral("counter"), QStringLiteral("sandbox-counter")));
        QVERIFY(counter->roles.contains(QStringLiteral("counter")));

        // The CA chain: root (self-issued) and issuing CA.
        AWAIT_OK(chain, m_applicant->caCertificates());
        QCOMPARE(chain->der.size(), 2);
        for (const QByteArray& der : chain->der) {
            auto info = pki::CertificateInfo::parse(der);
            QVERIFY2(info, qPrintable(info.detail()));
            QVERIFY(info->isCa);
            QVERIFY(info->isSm2());
            (info->subject == info->issuer ? m_rootDer : m_issuingDer) = der;
        }
        QVERIFY(!m_rootDer.isEmpty() && !m_issuingDer.isEmpty());
    }

    void cleanupTestCase()
    {
        m_applicant.reset();
        m_reviewer.reset();
        m_counter.reset();
        QVERIFY2(m_server.stop(), m_server.output().right(2000).constData());
    }

    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning("certdesk-server output (tail):\n%s", m_server.output().right(4000).constData());
    }

    // Institution: early renewal, possession proof, real-name mismatch, corporate transfer confirmed by the
    // counter, rejection of a field and a document, issuance with a CSR signed by a software SM2 key.
    void institutionWithCsrAndCorporateTransfer()
    {
        Flow flow;
        flow.category = CertificateCategory::Institution;
        flow.holder = QStringLiteral("深圳市星河测试科技有限公司");
        flow.credential = QStringLiteral("91440300MA5H00001F");
        flow.oldNotAfter = QDateTime::currentDateTimeUtc().addDays(30);
        flow.oldNotAfter.setTime(QTime(flow.oldNotAfter.time().hour(), flow.oldNotAfter.time().minute(), 0));
        STEP(mintLegacy(flow));
        STEP(lookup(flow));

        AWAIT_OK(banks, m_applicant->banks(QStringLiteral("工商"), 5));
        QVERIFY(!banks->isEmpty());
        QVERIFY(banks->first().name.contains(QStringLiteral("工商")));

        Application& a = flow.application;
        a.years = 2;
        a.acknowledgements.agreement = true;
        a.acknowledgements.oldCertificateRevocation = true;
        a.organization
            = {flow.holder, flow.credential, QStringLiteral("深圳市南山区科技园南区深南大道10000号")};
        a.agent = {QStringLiteral("李明"), QStringLiteral("440305199007151233"),
            QStringLiteral("13800138000"), QStringLiteral("liming@example.com")};
        a.bank
            = {flow.holder, banks->first().code, banks->first().name, QStringLiteral("4000023009200188888")};
        a.mailing = {QStringLiteral("440000"), QStringLiteral("440300"), QStringLiteral("440305"),
            QStringLiteral("深圳市南山区科技园南区深南大道10000号")};
        a.invoice = InvoiceKind::Electronic;
        a.proof = PossessionProof {
            flow.old.challenge, flow.legacy.certificate, rsaSign(flow.legacy.privateKey, flow.old.challenge)};
        QVERIFY(!a.proof->signature.isEmpty());

        // A phone registered to someone else: 422 on the mobile field, code realname_mismatch.
        // The real-name check answers only for the certificate this client looked up: the body names it.
        Application mismatch = a;
        mismatch.serial = normalizeSerial(flow.old.serial);
        mismatch.category = flow.category;
        mismatch.agent.mobile = QStringLiteral("13900000001");
        {
            auto failed = await(m_applicant->createApplication(mismatch));
            QVERIFY(!failed.ok());
            QCOMPARE(failed.error().code, QStringLiteral("validation_failed"));
            QVERIFY2(failed.error().fieldError(QStringLiteral("agent.mobile")), qPrintable(describe(failed)));
            QCOMPARE(failed.error().fieldError(QStringLiteral("agent.mobile"))->code,
                QStringLiteral("realname_mismatch"));
            QVERIFY(!failed.error().userMessage().isEmpty());
        }

        STEP(create(flow));
        STEP(uploadDocuments(flow));
        STEP(liveness(flow, false));
        STEP(payByTransfer(flow));
        STEP(rejectFixResubmit(flow,
            {{QStringLiteral("field:agent.mobile"),
                 QStringLiteral("The agent's mobile number is not reachable.")},
                {QStringLiteral("document:business_license"),
                    QStringLiteral("The licence scan is not stamped.")}},
            [this](Flow& f) {
                f.application.agent.mobile = QStringLiteral("13800138001");
                STEP(updateForm(f));
                // Fixing only the field is not enough: the document must be replaced too.
                AWAIT_HTTP(m_applicant->resubmit(f.id, f.token), 409, "conflict");
                AWAIT_OK(stored,
                    m_applicant->uploadDocument(f.id, f.token, DocumentKind::BusinessLicense,
                        image("JPEG", 1000), QStringLiteral("image/jpeg")));
                QCOMPARE(stored->kind, DocumentKind::BusinessLicense);
            }));
        STEP(approve(flow));
        Issuance issuance;
        STEP(issue(flow, true, &issuance));
        STEP(confirm(flow, issuance));
        STEP(shipAndHandOver(flow));

        AWAIT_OK(invoice, m_applicant->invoice(flow.id, flow.token));
        QVERIFY(invoice->issued);
        QVERIFY(!invoice->url.isEmpty());
        AWAIT_OK(outbox, m_applicant->sandboxOutbox());
        QVERIFY(std::any_of(outbox->cbegin(), outbox->cend(), [](const OutboxMessage& m) {
            return m.to == QLatin1String("13800138001") && m.body.contains(QLatin1String("SF1234567890"));
        }));
    }

    // Natural person: late renewal (expired old certificate), a failed then passed liveness check, WeChat pay
    // via the sandbox, rejection of a field, issuance twice without a CSR (the first, unconfirmed pair is
    // revoked).
    void naturalPersonWithoutCsr()
    {
        Flow flow;
        flow.category = CertificateCategory::NaturalPerson;
        flow.holder = QStringLiteral("赵敏");
        flow.credential = QStringLiteral("110101198808084563");
        flow.oldNotAfter = QDateTime::currentDateTimeUtc().addDays(-10);
        STEP(mintLegacy(flow));
        STEP(lookup(flow));

        Application& a = flow.application;
        a.years = 1;
        a.acknowledgements.agreement = true;
        a.acknowledgements.oldCertificateRevocation = true;
        a.applicant = {
            flow.holder, flow.credential, QStringLiteral("13700137000"), QStringLiteral("zhaomin@example")};
        a.mailing = {QStringLiteral("440000"), QStringLiteral("440300"), QStringLiteral("440305"),
            QStringLiteral("深圳市南山区粤海街道科苑路8号")};
        a.invoice = InvoiceKind::None;
        a.category = flow.category;
        a.serial = normalizeSerial(flow.old.serial);

        // A bad e-mail address is reported on its field, like every other bad field, in one 422.
        {
            auto failed = await(m_applicant->createApplication(a));
            QVERIFY(!failed.ok());
            QCOMPARE(failed.error().httpStatus, 422);
            QVERIFY2(
                failed.error().fieldError(QStringLiteral("applicant.email")), qPrintable(describe(failed)));
        }
        a.applicant.email = QStringLiteral("zhaomin@example.com");

        STEP(create(flow));
        STEP(uploadDocuments(flow));
        STEP(liveness(flow, true));
        STEP(payByWeChat(flow));
        STEP(rejectFixResubmit(flow,
            {{QStringLiteral("field:applicant.email"), QStringLiteral("Use an e-mail address you read.")}},
            [this](Flow& f) {
                f.application.applicant.email = QStringLiteral("zhao.min@example.com");
                STEP(updateForm(f));
            }));
        STEP(approve(flow));

        Issuance first;
        STEP(issue(flow, false, &first));
        for (const QByteArray& der : {first.signingCertificate, first.encryptionCertificate}) {
            auto info = pki::CertificateInfo::parse(der);
            QVERIFY(info);
            flow.revokedEarlier.append(info->serialHex.toLatin1());
        }
        Issuance second;
        STEP(issue(flow, false, &second));
        QVERIFY(second.issuanceId != first.issuanceId);
        AWAIT_OK(view, m_counter->staffApplication(flow.id));
        QCOMPARE(view->issuances.size(), 2);
        STEP(confirm(flow, second));
        STEP(shipAndHandOver(flow));

        AWAIT_OK(invoice, m_applicant->invoice(flow.id, flow.token));
        QVERIFY(!invoice->issued);
    }

    // An upload over max_document_bytes is answered 413 (the service does not read the rest) and reaches the
    // caller as one Http error, not as a connection failure that the client would retry.
    void oversizedUploadIsRefusedOnce()
    {
        Flow flow;
        flow.category = CertificateCategory::NaturalPerson;
        flow.holder = QStringLiteral("周杰");
        flow.credential = QStringLiteral("44030519850312001X");
        flow.oldNotAfter = QDateTime::currentDateTimeUtc().addDays(5);
        STEP(mintLegacy(flow));
        STEP(lookup(flow));
        Application& a = flow.application;
        a.acknowledgements.agreement = true;
        a.acknowledgements.oldCertificateRevocation = true;
        a.applicant = {
            flow.holder, flow.credential, QStringLiteral("13500135000"), QStringLiteral("zhou@example.com")};
        a.mailing = {QStringLiteral("440000"), QStringLiteral("440300"), QStringLiteral("440305"),
            QStringLiteral("深圳市南山区海德三道1号")};
        STEP(create(flow));

        AWAIT_OK(config, m_applicant->config());
        QByteArray big = image("JPEG", 3);
        big.append(QByteArray(config->maxDocumentBytes + 1024 * 1024 - big.size(), '\0'));
        auto* reply = m_applicant->uploadDocument(
            flow.id, flow.token, DocumentKind::IdCard, big, QStringLiteral("image/jpeg"));
        reply->waitForFinished(120s);
        const auto result = reply->result();
        const int attempts = reply->attempts();
        delete reply;
        QVERIFY(!result.ok());
        QVERIFY2(result.error().isHttp(413), qPrintable(describe(result.error())));
        QCOMPARE(result.error().code, QStringLiteral("payload_too_large"));
        QCOMPARE(attempts, 1);
        AWAIT_OK(listed, m_applicant->documents(flow.id, flow.token));
        QVERIFY(listed->isEmpty()); // nothing stored from the refused request
    }

    // Acknowledged data survives kill -9: the flow continues on the same data directory, and the client's
    // idempotent retry of the creation returns the application created before the crash.
    void flowSurvivesKill()
    {
        Flow flow;
        flow.category = CertificateCategory::NaturalPerson;
        flow.holder = QStringLiteral("钱程");
        flow.credential = QStringLiteral("440305197501012344");
        flow.oldNotAfter = QDateTime::currentDateTimeUtc().addDays(10);
        STEP(mintLegacy(flow));
        STEP(lookup(flow));
        Application& a = flow.application;
        a.acknowledgements.agreement = true;
        a.acknowledgements.oldCertificateRevocation = true;
        a.applicant = {
            flow.holder, flow.credential, QStringLiteral("13600136000"), QStringLiteral("qian@example.com")};
        a.mailing = {QStringLiteral("440000"), QStringLiteral("440300"), QStringLiteral("440305"),
            QStringLiteral("深圳市南山区科技中一路1号")};
        STEP(create(flow));

        QVERIFY2(m_server.restart(), qPrintable(m_server.errorString()));
        AWAIT_OK(again, m_applicant->createApplication(flow.application, flow.idempotencyKey));
        QCOMPARE(again->id, flow.id);
        AWAIT_OK(app, m_applicant->getApplication(flow.id, flow.token));
        QCOMPARE(app->applicant, flow.application.applicant);
        STEP(uploadDocuments(flow));
        // Staff sessions survive too.
        AWAIT_OK(queue, m_reviewer->staffApplications());
        QVERIFY(std::any_of(
            queue->cbegin(), queue->cend(), [&](const ApplicationSummary& s) { return s.id == flow.id; }));

        // A token opens its own application only; another application's id answers 404, not 403.
        Flow other;
        other.category = CertificateCategory::NaturalPerson;
        other.holder = QStringLiteral("孙俪");
        other.credential = QStringLiteral("440305199007151233");
        other.oldNotAfter = QDateTime::currentDateTimeUtc().addDays(10);
        STEP(mintLegacy(other));
        STEP(lookup(other));
        other.application = flow.application;
        other.application.applicant = {
            other.holder, other.credential, QStringLiteral("13600136001"), QStringLiteral("sun@example.com")};
        STEP(create(other));
        AWAIT_HTTP(m_applicant->getApplication(other.id, flow.token), 404, "not_found");
        AWAIT_HTTP(m_applicant->uploadDocument(other.id, flow.token, DocumentKind::IdCard, image("PNG", 5),
                       QStringLiteral("image/png")),
            404, "not_found");
        auto wrongToken = await(m_applicant->getApplication(flow.id, QStringLiteral("not-a-token")));
        QVERIFY(!wrongToken.ok());
        QVERIFY2(wrongToken.error().httpStatus == 401 || wrongToken.error().httpStatus == 404,
            qPrintable(describe(wrongToken)));
    }
};

QTEST_GUILESS_MAIN(tst_ApplicationLifecycle)
#include "tst_ApplicationLifecycle.moc"
