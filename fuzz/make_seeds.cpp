// Writes the seed corpora of fuzz/corpus/ and the fixed CA of fuzz/data/ with the product's own code, so the
// seeds are well-formed inputs of each parser. Run by hand (scripts/fuzz --seeds) when a format changes; the
// output is committed. Usage: certdesk-fuzz-seeds FUZZ_DIR
#include "FuzzSupport.h"

#include "api/ApiTypes.h"
#include "documents/ScanHelperReader.h"
#include "domain/Application.h"
#include "pki/CertificateAuthority.h"
#include "pki/Csr.h"
#include "pki/Envelope.h"
#include "pki/Pem.h"
#include "pki/Sm2Key.h"
#include "print/LetterPayload.h"
#include "print/QrCode.h"
#include "server/ReferenceData.h"
#include "tests/support/idcard-testreader/TestIdCard.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
#include <QTimeZone>

#include <cstdio>
#include <cstdlib>

using namespace certdesk;

namespace {

QString g_dir;

template<typename T>
T need(pki::PkiResult<T> result)
{
    if (!result) {
        std::fprintf(stderr, "seed generation failed\n");
        std::exit(1);
    }
    return std::move(*result);
}

void write(const QString& relative, const QByteArray& bytes)
{
    const QString path = g_dir + QLatin1Char('/') + relative;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        std::exit(1);
}

QByteArray encoded(const QImage& image, const char* format, int quality = -1)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, quality);
    return bytes;
}

QByteArray prefixed(char first, const QByteArray& rest)
{
    return QByteArray(1, first) + rest;
}

QImage qrImage(const QString& text, int scale)
{
    const print::QrCode code = print::QrCode::encode(text);
    const int side = code.sizeWithQuietZone() * scale;
    QImage image(side, side, QImage::Format_Grayscale8);
    image.fill(Qt::white);
    QPainter painter(&image);
    for (int y = 0; y < code.size(); ++y)
        for (int x = 0; x < code.size(); ++x)
            if (code.isDark(x, y))
                painter.fillRect((x + print::QrCode::QuietZoneModules) * scale,
                    (y + print::QrCode::QuietZoneModules) * scale, scale, scale, Qt::black);
    return image;
}

Application sampleApplication()
{
    Application app;
    app.serial = QStringLiteral("0A1B2C3D4E5F");
    app.years = 2;
    app.organization.name = QStringLiteral("北京示例科技有限公司");
    app.organization.credentialNumber = QStringLiteral("91110108MA01234567");
    app.organization.address = QStringLiteral("北京市海淀区中关村大街1号");
    app.bank.accountName = QStringLiteral("北京示例科技有限公司");
    app.bank.bankCode = QStringLiteral("102100099996");
    app.bank.accountNumber = QStringLiteral("0200001234567890123");
    app.agent.name = QStringLiteral("张三");
    app.agent.idNumber = QStringLiteral("11010519491231002X");
    app.agent.mobile = QStringLiteral("13800138000");
    app.agent.email = QStringLiteral("zhang@example.com");
    app.mailing.provinceCode = QStringLiteral("110000");
    app.mailing.cityCode = QStringLiteral("110100");
    app.mailing.countyCode = QStringLiteral("110108");
    app.mailing.address = QStringLiteral("中关村大街1号");
    app.acknowledgements.agreement = true;
    return app;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: certdesk-fuzz-seeds FUZZ_DIR\n");
        return 2;
    }
    fuzz::initQt();
    g_dir = QString::fromLocal8Bit(argv[1]);
    const QDateTime now(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc());

    // --- PKI: a fixed root + issuing CA (fuzz/data), an end-entity certificate, a CSR, an envelope, CRLs.
    const pki::Validity caValidity {now, now.addYears(20)};
    const pki::CaCredential root
        = need(pki::CertificateAuthority::createRoot(pki::CaSettings::defaultRootSubject(), caValidity));
    const pki::CaCredential issuing = need(
        pki::CertificateAuthority::createIssuing(root, pki::CaSettings::defaultIssuingSubject(), caValidity));
    write(QStringLiteral("data/root.der"), root.certificateDer);
    write(QStringLiteral("data/issuing.der"), issuing.certificateDer);
    const pki::CertificateAuthority ca = need(pki::CertificateAuthority::fromCredentials(root, issuing));
    const pki::Sm2Key userKey = need(pki::Sm2Key::generate());
    pki::EndEntityRequest request;
    request.subject = pki::Subject::institution(
        QStringLiteral("北京示例科技有限公司"), QStringLiteral("91110108MA01234567"));
    request.personIdNumber = QStringLiteral("11010519491231002X");
    request.publicKey = userKey;
    request.validity = {now, now.addYears(1)};
    request.serial = QByteArray::fromHex("0A1B2C3D4E5F");
    request.crlUrl = QStringLiteral("http://127.0.0.1/ca/crl");
    request.ocspUrl = QStringLiteral("http://127.0.0.1/ocsp");
    const pki::IssuedCertificate leaf = need(ca.issueEndEntity(request));
    write(QStringLiteral("corpus/pki_certificate/leaf.der"), leaf.der);
    write(QStringLiteral("corpus/pki_certificate/issuing.der"), issuing.certificateDer);
    write(QStringLiteral("corpus/pki_certificate/bundle.pem"),
        pki::certificateToPem(issuing.certificateDer) + pki::certificateToPem(root.certificateDer));
    write(QStringLiteral("corpus/token_attributes/certificate.der"), leaf.der);

    const pki::Sm2Key transport
        = need(pki::Sm2Key::fromPrivateScalar(pki::SecureBytes(QByteArrayView(fuzz::transportScalar()))));
    write(QStringLiteral("corpus/pki_csr/csr.der"), need(pki::makeCsr(userKey, request.subject)));
    write(QStringLiteral("corpus/pki_csr/csr-transport.der"),
        need(pki::makeCsr(userKey, request.subject, transport)));
    const pki::Sm2Key wrapped = need(pki::Sm2Key::generate());
    write(QStringLiteral("corpus/pki_envelope/envelope.der"), need(pki::makeEnvelope(wrapped, transport)));
    write(QStringLiteral("corpus/pki_crl/empty.der"), need(ca.makeCrl({}, now, now.addDays(7))));
    write(QStringLiteral("corpus/pki_crl/two.der"),
        need(ca.makeCrl(
            {{QStringLiteral("0A1B2C"), now, 1}, {QStringLiteral("FF01"), now, -1}}, now, now.addDays(7))));

    // --- token attributes: CKA_EC_POINT in its three forms, a CK_ULONG, a CK_BBOOL, a label.
    const QByteArray point = userKey.publicPoint();
    write(QStringLiteral("corpus/token_attributes/ec-point-der"), QByteArray("\x04\x41", 2) + point);
    write(QStringLiteral("corpus/token_attributes/ec-point-bare"), point);
    write(QStringLiteral("corpus/token_attributes/ec-point-xy"), point.mid(1));
    write(QStringLiteral("corpus/token_attributes/ulong"), QByteArray("\x03\0\0\0\0\0\0\0", 8));
    write(QStringLiteral("corpus/token_attributes/bool"), QByteArray("\x01", 1));
    write(QStringLiteral("corpus/token_attributes/label"), QStringLiteral("签名证书").toUtf8());

    // --- the service's request bodies and the client's reading of replies.
    const Application app = sampleApplication();
    const QByteArray body = QJsonDocument(app.toApiBody()).toJson(QJsonDocument::Compact);
    write(QStringLiteral("corpus/server_request/application.json"), body);
    Application person = app;
    person.category = CertificateCategory::NaturalPerson;
    person.applicant = app.agent;
    write(QStringLiteral("corpus/server_request/person.json"),
        QJsonDocument(person.toApiBody()).toJson(QJsonDocument::Compact));
    QJsonObject reply = app.toApiBody();
    reply.insert(QStringLiteral("id"), QStringLiteral("6f1c2d3e"));
    reply.insert(QStringLiteral("status"), QStringLiteral("submitted"));
    reply.insert(QStringLiteral("order_no"), QStringLiteral("168002G110386213"));
    write(QStringLiteral("corpus/api_replies/application.json"),
        QJsonDocument(reply).toJson(QJsonDocument::Compact));
    write(QStringLiteral("corpus/api_replies/list.json"),
        QJsonDocument(QJsonArray {reply}).toJson(QJsonDocument::Compact));
    write(QStringLiteral("corpus/api_replies/ca.pem"),
        pki::certificateToPem(issuing.certificateDer) + pki::certificateToPem(root.certificateDer));
    write(QStringLiteral("corpus/api_replies/health.json"),
        QByteArray(R"({"status":"ok","version":"0.1.0","time":"2026-01-01T00:00:00Z"})"));
    write(QStringLiteral("corpus/api_replies/error.json"),
        QByteArray(
            R"({"error":{"code":"validation_failed","message":"x","fields":[{"field":"agent.mobile","code":"format","message":"m"}]}})"));

    // --- documents: one small picture in every accepted format, and a minimal PDF.
    QImage page(64, 48, QImage::Format_RGB32);
    page.fill(Qt::white);
    {
        QPainter painter(&page);
        painter.fillRect(8, 8, 30, 10, Qt::black);
        painter.fillRect(20, 25, 30, 10, Qt::red);
    }
    write(QStringLiteral("corpus/documents_image/page.jpg"), encoded(page, "JPEG", 50));
    write(QStringLiteral("corpus/documents_image/page.png"), encoded(page, "PNG"));
    write(QStringLiteral("corpus/documents_image/page.bmp"), encoded(page.scaled(16, 12), "BMP"));
    // Qt has no GIF writer: the smallest GIF89a (1 x 1, one colour), as browsers' tracking pixels are.
    write(QStringLiteral("corpus/documents_image/page.gif"),
        QByteArray::fromBase64("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="));
    write(QStringLiteral("corpus/documents_image/page.pdf"),
        QByteArray("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"));

    // --- the stamped form's QR code: payload texts (first byte 0) and small pictures of it.
    const print::LetterPayload payload {
        QStringLiteral("6f1c2d3e"), QStringLiteral("168002G110386213"), DocumentKind::ApplicationForm};
    write(QStringLiteral("corpus/letter_qr/payload.txt"), prefixed('\0', payload.toString().toUtf8()));
    write(QStringLiteral("corpus/letter_qr/other.txt"),
        prefixed('\0', QByteArray("https://example.com/?id=1")));
    write(QStringLiteral("corpus/letter_qr/qr.png"),
        prefixed('\1', encoded(qrImage(payload.toString(), 2), "PNG")));
    write(QStringLiteral("corpus/letter_qr/qr.jpg"),
        prefixed('\1', encoded(qrImage(payload.toString(), 3), "JPEG", 60)));

    // --- the scan helper's protocol: progress + image (through the pipe, and through the shared page),
    // devices, error, and requests.
    QImage scan(8, 6, QImage::Format_RGB888);
    scan.fill(Qt::gray);
    write(QStringLiteral("corpus/scan_protocol/image"),
        prefixed(
            '\7', documents::scanhelper::progressMessage(50) + documents::scanhelper::imageMessage(scan)));
    const QByteArray piped = documents::scanhelper::imageMessage(scan);
    write(QStringLiteral("corpus/scan_protocol/image-shared"),
        prefixed('\207',
            piped.left(piped.indexOf('\n') + 1) + documents::scanhelper::sharedMessage(100)
                + documents::scanhelper::sharedMessage(44) + documents::scanhelper::endMessage(7874)));
    write(QStringLiteral("corpus/scan_protocol/devices"),
        prefixed('\100',
            documents::scanhelper::devicesMessage({{QStringLiteral("test:0"), QStringLiteral("Noname"),
                QStringLiteral("frontend-tester"), QStringLiteral("virtual device")}})));
    write(QStringLiteral("corpus/scan_protocol/error"),
        prefixed('\3',
            documents::scanhelper::errorMessage(
                documents::DocumentError {documents::DocumentStatus::ScannerJammed, QStringLiteral("jam")})));
    documents::ScanOptions options;
    options.device = QStringLiteral("test:0");
    write(QStringLiteral("corpus/scan_protocol/requests"),
        prefixed(
            '\1', documents::scanhelper::devicesRequest() + documents::scanhelper::scanRequest(options)));

    // --- ID card base messages: a resident card, one valid for life with a minority name, a residence permit
    // of a Hong Kong resident ('J'), and a card whose ID number does not match its birth date.
    test::TestIdCard card;
    card.name = QStringLiteral("张三");
    card.address = QStringLiteral("北京市朝阳区建国路1号");
    card.authority = QStringLiteral("北京市公安局朝阳分局");
    write(QStringLiteral("corpus/idcard/resident"), card.baseMessage());
    test::TestIdCard forLife = card;
    forLife.name = QStringLiteral("阿依古丽·买买提");
    forLife.validTo = QStringLiteral("长期");
    write(QStringLiteral("corpus/idcard/for-life"), forLife.baseMessage());
    test::TestIdCard permit = card;
    permit.reserved = QString(18, QLatin1Char(' '));
    permit.reserved[14] = QLatin1Char('J'); // byte 248 (baseMessage::CardTypeOffset)
    write(QStringLiteral("corpus/idcard/permit-hk"), permit.baseMessage());
    test::TestIdCard mismatch = card;
    mismatch.birth = QStringLiteral("19500101");
    write(QStringLiteral("corpus/idcard/birth-mismatch"), mismatch.baseMessage());

    // --- data files: a small region list, the built-in reference files, the vendor profiles.
    write(QStringLiteral("corpus/data_files/regions.json"),
        prefixed('\0',
            QByteArray(R"({"110000":"北京市","110100":"市辖区","110108":"海淀区","120000":"天津市"})")));
    QFile regions(QStringLiteral(":/certdesk/regions/regions.json"));
    if (regions.open(QIODevice::ReadOnly))
        write(QStringLiteral("corpus/data_files/regions-head.json"), prefixed('\0', regions.read(2048)));
    write(QStringLiteral("corpus/data_files/reference.json"),
        prefixed('\1', server::ReferenceData::builtinFile(QStringLiteral("reference.json"))));
    const QJsonArray banks
        = QJsonDocument::fromJson(server::ReferenceData::builtinFile(QStringLiteral("banks.json"))).array();
    QJsonArray someBanks;
    for (qsizetype i = 0; i < banks.size() && i < 20; ++i)
        someBanks.append(banks.at(i));
    write(QStringLiteral("corpus/data_files/banks.json"),
        prefixed('\2', QJsonDocument(someBanks).toJson(QJsonDocument::Compact)));
    write(QStringLiteral("corpus/data_files/sandbox.json"),
        prefixed('\3', server::ReferenceData::builtinFile(QStringLiteral("sandbox.json")).left(4096)));
    QFile profiles(QStringLiteral(":/certdesk/tokens/vendor-profiles.json"));
    if (profiles.open(QIODevice::ReadOnly))
        write(QStringLiteral("corpus/data_files/vendor-profiles.json"), prefixed('\4', profiles.readAll()));
    return 0;
}
