#include "IssuanceFixture.h"

#include "ResponseRecorder.h"

#include "pki/CertificateInfo.h"
#include "pki/Pem.h"

#include <QBuffer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTimer>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

namespace certdesk::test {

using namespace certdesk::api;

namespace {

// The applicant of every test application (a valid GB 11643 number; liveness matches name + number).
const QString PersonName = QStringLiteral("赵敏");
const QString PersonId = QStringLiteral("110101198808084563");

QByteArray image(int seed)
{
    QImage img(96, 64, QImage::Format_RGB32);
    img.fill(QColor::fromHsv((seed * 47) % 360, 160, 220));
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); x += 3 + seed % 5)
            img.setPixel(x, y, qRgb((x * seed) % 256, (y * 3) % 256, (x + y) % 256));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    img.save(&buffer, "PNG");
    return bytes;
}

QString writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

} // namespace

QString describe(const ApiError& error)
{
    QString text = error.logSummary() + QStringLiteral(" | ") + error.message;
    for (const FieldError& field : error.fields)
        text += QStringLiteral(" | %1 %2").arg(field.field, field.code);
    return text;
}

JobOutcome runJob(issuance::ProgrammingJob& job, const QString& pin, std::chrono::milliseconds timeout)
{
    JobOutcome outcome;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    const QMetaObject::Connection steps = QObject::connect(&job, &issuance::ProgrammingJob::stepChanged,
        &loop, [&](issuance::ProgrammingJob::Step step) { outcome.steps.append(step); });
    const QMetaObject::Connection percents = QObject::connect(&job, &issuance::ProgrammingJob::progress,
        &loop, [&](int percent) { outcome.percents.append(percent); });
    const QMetaObject::Connection finished = QObject::connect(&job, &issuance::ProgrammingJob::finished,
        &loop, [&](bool ok, const QString& message, token::TokenStatus status) {
            outcome.finished = true;
            outcome.ok = ok;
            outcome.message = message;
            outcome.status = status;
            loop.quit();
        });
    timer.start(timeout);
    job.start(pin);
    if (!outcome.finished)
        loop.exec();
    QObject::disconnect(steps);
    QObject::disconnect(percents);
    QObject::disconnect(finished);
    return outcome;
}

QString normalHex(const QString& hex)
{
    QString normal = normalizeSerial(hex);
    while (normal.startsWith(QLatin1Char('0')) && normal.size() > 1)
        normal.remove(0, 1);
    return normal;
}

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

bool opensslVerify(const QString& directory, const QByteArray& rootDer, const QByteArray& issuingDer,
    const QByteArray& leafDer, QString* output)
{
    const QString root = writeFile(directory + QStringLiteral("/root.pem"), pki::certificateToPem(rootDer));
    const QString issuing
        = writeFile(directory + QStringLiteral("/issuing.pem"), pki::certificateToPem(issuingDer));
    const QString leaf = writeFile(directory + QStringLiteral("/leaf.pem"), pki::certificateToPem(leafDer));
    if (root.isEmpty() || issuing.isEmpty() || leaf.isEmpty())
        return false;
    output->clear();
    for (const auto& [anchor, child] : {std::pair {root, issuing}, std::pair {issuing, leaf}}) {
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"),
            {QStringLiteral("verify"), QStringLiteral("-partial_chain"), QStringLiteral("-CAfile"), anchor,
                QStringLiteral("-vfyopt"), QStringLiteral("distid:1234567812345678"), child});
        if (!openssl.waitForFinished(60000))
            return false;
        const QString said = QString::fromLocal8Bit(openssl.readAll());
        *output += said;
        if (openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0
            || !said.trimmed().endsWith(QLatin1String(": OK")))
            return false;
    }
    return true;
}

IssuanceFixture::IssuanceFixture() = default;

IssuanceFixture::~IssuanceFixture()
{
    m_applicant.reset();
    m_reviewer.reset();
    m_counter.reset();
}

bool IssuanceFixture::fail(const QString& what)
{
    m_error = what;
    return false;
}

std::unique_ptr<ApiClient> IssuanceFixture::makeClient() const
{
    ApiClientOptions options;
    options.baseUrl = m_server.baseUrl();
    options.transferTimeout = std::chrono::seconds(60);
    // Quick retries: a test that kills the service should not wait for the full backoff.
    options.retry.initialDelay = std::chrono::milliseconds(50);
    options.retry.maxDelay = std::chrono::milliseconds(200);
    auto client = std::make_unique<ApiClient>(options);
    certdesk::test::recordReplies(client.get());
    return client;
}

bool IssuanceFixture::signInCounter(ApiClient& client)
{
    auto counter = await(client.staffLogin(QStringLiteral("counter"), QStringLiteral("sandbox-counter")));
    if (!counter.ok())
        return fail(QStringLiteral("counter login: ") + describe(counter.error()));
    return true;
}

bool IssuanceFixture::start(const QStringList& extraArguments)
{
    if (!m_server.start(
            QStringList {QStringLiteral("--lookup-rate-limit"), QStringLiteral("0")} + extraArguments))
        return fail(QStringLiteral("server: ") + m_server.errorString());
    m_applicant = makeClient();
    m_reviewer = makeClient();
    m_counter = makeClient();
    auto reviewer
        = await(m_reviewer->staffLogin(QStringLiteral("reviewer"), QStringLiteral("sandbox-reviewer")));
    if (!reviewer.ok())
        return fail(QStringLiteral("reviewer login: ") + describe(reviewer.error()));
    if (!signInCounter(*m_counter))
        return false;
    auto chain = await(m_applicant->caCertificates());
    if (!chain.ok())
        return fail(QStringLiteral("ca certificates: ") + describe(chain.error()));
    for (const QByteArray& der : chain.value().der) {
        auto info = pki::CertificateInfo::parse(der);
        if (!info)
            return fail(QStringLiteral("ca certificate does not parse"));
        (info->subject == info->issuer ? m_rootDer : m_issuingDer) = der;
    }
    if (m_rootDer.isEmpty() || m_issuingDer.isEmpty())
        return fail(QStringLiteral("no root and issuing CA in GET /ca/certificates"));
    return true;
}

std::optional<LegacyMaterial> IssuanceFixture::mintLegacy()
{
    auto legacy = await(m_applicant->sandboxMintLegacy(CertificateCategory::NaturalPerson, PersonName,
        PersonId, QDateTime::currentDateTimeUtc().addDays(20)));
    if (!legacy.ok()) {
        fail(QStringLiteral("mint legacy: ") + describe(legacy.error()));
        return std::nullopt;
    }
    return LegacyMaterial {legacy->serial, legacy->certificate, legacy->privateKey};
}

std::optional<ApprovedApplication> IssuanceFixture::approve(
    const LegacyMaterial& legacy, const ProofSigner& signer)
{
    const auto failed = [this](const QString& what, const ApiError& error) {
        fail(what + QStringLiteral(": ") + describe(error));
        return std::nullopt;
    };
    auto old = await(m_applicant->lookupCertificate(legacy.serial));
    if (!old.ok())
        return failed(QStringLiteral("lookup"), old.error());

    Application a;
    a.oldCertificate = old.value();
    a.serial = normalizeSerial(old->serial);
    a.category = CertificateCategory::NaturalPerson;
    a.years = 1;
    a.acknowledgements.agreement = true;
    a.acknowledgements.oldCertificateRevocation = true;
    a.applicant
        = {PersonName, PersonId, QStringLiteral("13700137000"), QStringLiteral("zhaomin@example.com")};
    a.mailing = {QStringLiteral("440000"), QStringLiteral("440300"), QStringLiteral("440305"),
        QStringLiteral("深圳市南山区粤海街道科苑路8号")};
    a.invoice = InvoiceKind::None;
    if (signer) {
        const QByteArray signature = signer(old->challenge);
        if (signature.isEmpty()) {
            fail(QStringLiteral("the proof signer failed"));
            return std::nullopt;
        }
        a.proof = PossessionProof {old->challenge, legacy.certificate, signature};
    }

    auto created = await(m_applicant->createApplication(a));
    if (!created.ok())
        return failed(QStringLiteral("create"), created.error());
    ApprovedApplication approved;
    approved.id = created->id;
    approved.accessToken = created->accessToken;
    approved.orderNo = created->orderNo;
    approved.oldSerial = normalHex(legacy.serial);
    approved.holderVerified = created->holderVerified;

    for (DocumentKind kind : requiredDocuments(a.category)) {
        auto stored = await(m_applicant->uploadDocument(
            approved.id, approved.accessToken, kind, image(m_seed++), QStringLiteral("image/png")));
        if (!stored.ok())
            return failed(QStringLiteral("upload"), stored.error());
    }
    auto session = await(m_applicant->startLiveness(approved.id, approved.accessToken));
    if (!session.ok())
        return failed(QStringLiteral("liveness"), session.error());
    auto passed = await(m_applicant->sandboxLiveness(session->sessionId, PersonName, PersonId, true));
    if (!passed.ok())
        return failed(QStringLiteral("sandbox liveness"), passed.error());
    auto payment
        = await(m_applicant->createPayment(approved.id, approved.accessToken, PaymentMethod::WeChat));
    if (!payment.ok())
        return failed(QStringLiteral("payment"), payment.error());
    auto paid = await(m_applicant->sandboxCompletePayment(payment->paymentId));
    if (!paid.ok())
        return failed(QStringLiteral("sandbox payment"), paid.error());
    auto done = await(m_reviewer->approve(approved.id));
    if (!done.ok())
        return failed(QStringLiteral("approve"), done.error());
    if (done->status != ApplicationStatus::Approved) {
        fail(QStringLiteral("not approved: ") + statusToApi(done->status));
        return std::nullopt;
    }
    return approved;
}

std::optional<ApprovedApplication> IssuanceFixture::approvedApplication()
{
    const std::optional<LegacyMaterial> legacy = mintLegacy();
    if (!legacy)
        return std::nullopt;
    const QByteArray key = legacy->privateKey;
    return approve(*legacy, [key](const QByteArray& challenge) { return rsaSign(key, challenge); });
}

std::optional<Application> IssuanceFixture::application(const ApprovedApplication& approved)
{
    auto app = await(m_applicant->getApplication(approved.id, approved.accessToken));
    if (!app.ok()) {
        fail(QStringLiteral("get application: ") + describe(app.error()));
        return std::nullopt;
    }
    return app.value();
}

std::optional<StaffApplicationView> IssuanceFixture::staffView(const QString& id)
{
    auto view = await(m_counter->staffApplication(id));
    if (!view.ok()) {
        fail(QStringLiteral("staff view: ") + describe(view.error()));
        return std::nullopt;
    }
    return view.value();
}

std::optional<QStringList> IssuanceFixture::crlSerials()
{
    return serialsOf(m_applicant->crl());
}

std::optional<QStringList> IssuanceFixture::legacyCrlSerials()
{
    return serialsOf(m_applicant->legacyCrl());
}

std::optional<QStringList> IssuanceFixture::serialsOf(api::ApiReply<api::BinaryContent>* reply)
{
    auto crl = await(reply);
    if (!crl.ok()) {
        fail(QStringLiteral("crl: ") + describe(crl.error()));
        return std::nullopt;
    }
    const QByteArray& der = crl->bytes;
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    std::unique_ptr<X509_CRL, decltype(&X509_CRL_free)> parsed(
        d2i_X509_CRL(nullptr, &p, der.size()), X509_CRL_free);
    if (!parsed)
        return std::nullopt;
    QStringList serials;
    STACK_OF(X509_REVOKED)* revoked = X509_CRL_get_REVOKED(parsed.get());
    for (int i = 0; i < sk_X509_REVOKED_num(revoked); ++i) {
        const ASN1_INTEGER* serial = X509_REVOKED_get0_serialNumber(sk_X509_REVOKED_value(revoked, i));
        std::unique_ptr<BIGNUM, decltype(&BN_free)> bn(ASN1_INTEGER_to_BN(serial, nullptr), BN_free);
        char* hex = BN_bn2hex(bn.get());
        serials.append(normalHex(QString::fromLatin1(hex)));
        OPENSSL_free(hex);
    }
    return serials;
}

} // namespace certdesk::test
