// certdesk-server document uploads: byte-sniffed types (415), the size limit (413, refused without keeping
// the body: memory stays flat for 100 MiB), undecodable and oversized images (422), replacement, staff
// download.
#include "ServerHarness.h"
#include "TestEnvironment.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QImage>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk::servertest;
using certdesk::test::fixEnvironment;

class TestServerDocuments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void uploadAndReplace();
    void acceptedTypes_data();
    void acceptedTypes();
    void typeMismatch_data();
    void typeMismatch();
    void undecodable_data();
    void undecodable();
    void tooManyPixels();
    void oversizedUploadKeepsMemoryFlat();
    void kinds();
    void staffDownload();

private:
    [[nodiscard]] QString documentPath(const QString& kind) const
    {
        return QStringLiteral("applications/") + m_id + QStringLiteral("/documents/") + kind;
    }

    QTemporaryDir m_dir;
    ServerProcess m_server;
    std::unique_ptr<Http> m_http;
    QString m_id;
    QString m_token;
};

void TestServerDocuments::initTestCase()
{
    fixEnvironment();
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(m_dir.filePath(QStringLiteral("data"))), qPrintable(m_server.lastError()));
    m_http = std::make_unique<Http>(m_server.port());
    const Legacy person = firstRenewable(*m_http, QStringLiteral("natural_person"));
    const Reply created = m_http->post(QStringLiteral("applications"),
        naturalPersonBody(person.serial, QString::fromLatin1(kAgentName), QString::fromLatin1(kAgentId)));
    QCOMPARE(created.status, 201);
    m_id = created.json().value(QStringLiteral("id")).toString();
    m_token = created.json().value(QStringLiteral("access_token")).toString();
}

void TestServerDocuments::uploadAndReplace()
{
    const QByteArray png = pngImage(16, 16);
    const Reply first = m_http->putBytes(
        documentPath(QStringLiteral("id_card")), png, QStringLiteral("image/png"), m_token);
    QCOMPARE(first.status, 201);
    QCOMPARE(first.json().value(QStringLiteral("kind")).toString(), QStringLiteral("id_card"));
    QCOMPARE(first.json().value(QStringLiteral("sha256")).toString(),
        QString::fromLatin1(QCryptographicHash::hash(png, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(first.json().value(QStringLiteral("size")).toInteger(), png.size());
    QCOMPARE(first.json().value(QStringLiteral("content_type")).toString(), QStringLiteral("image/png"));

    const QByteArray jpeg = jpegImage(20, 10);
    const Reply second = m_http->putBytes(
        documentPath(QStringLiteral("id_card")), jpeg, QStringLiteral("image/jpeg"), m_token);
    QCOMPARE(second.status, 201);
    QVERIFY(second.json().value(QStringLiteral("sha256")) != first.json().value(QStringLiteral("sha256")));

    const Reply list
        = m_http->get(QStringLiteral("applications/") + m_id + QStringLiteral("/documents"), m_token);
    QCOMPARE(list.status, 200);
    int idCards = 0;
    for (const QJsonValue& v : list.array()) {
        if (v.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("id_card")) {
            ++idCards;
            QCOMPARE(
                v.toObject().value(QStringLiteral("content_type")).toString(), QStringLiteral("image/jpeg"));
        }
    }
    QCOMPARE(idCards, 1); // replaced, not added
    const QJsonObject checklist = m_http->get(QStringLiteral("applications/") + m_id, m_token)
                                      .json()
                                      .value(QStringLiteral("checklist"))
                                      .toObject();
    QCOMPARE(
        checklist.value(QStringLiteral("documents")).toObject().value(QStringLiteral("id_card")).toString(),
        QStringLiteral("uploaded"));
    QCOMPARE(checklist.value(QStringLiteral("documents"))
                 .toObject()
                 .value(QStringLiteral("e_seal_form"))
                 .toString(),
        QStringLiteral("missing"));
}

void TestServerDocuments::acceptedTypes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("type");
    // The smallest valid GIF: 1x1, one colour.
    const QByteArray gif = QByteArray::fromHex(
        "47494638396101000100800000ffffff00000021f90401000000002c00000000010001000002024401003b");
    QImage image(6, 4, QImage::Format_RGB32);
    image.fill(Qt::white);
    QByteArray bmp;
    QBuffer buffer(&bmp);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "BMP");
    QTest::newRow("gif") << gif << QStringLiteral("image/gif");
    QTest::newRow("bmp") << bmp << QStringLiteral("image/bmp");
    QTest::newRow("pdf") << QByteArray("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
                         << QStringLiteral("application/pdf");
    QTest::newRow("jpeg with parameters") << jpegImage() << QStringLiteral("image/jpeg; name=scan.jpg");
}

void TestServerDocuments::acceptedTypes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, type);
    const Reply r = m_http->putBytes(documentPath(QStringLiteral("application_form")), bytes, type, m_token);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json().value(QStringLiteral("content_type")).toString(), type.section(QLatin1Char(';'), 0, 0));
}

void TestServerDocuments::typeMismatch_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("type");
    QByteArray exe("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00", 16);
    exe.append(QByteArray(200, '\0'));
    QTest::newRow("renamed .exe as jpeg") << exe << QStringLiteral("image/jpeg");
    QTest::newRow("png declared as jpeg") << pngImage() << QStringLiteral("image/jpeg");
    QTest::newRow("jpeg declared as pdf") << jpegImage() << QStringLiteral("application/pdf");
    QTest::newRow("zip") << QByteArray("PK\x03\x04rest-of-zip", 15) << QStringLiteral("application/zip");
    QTest::newRow("octet-stream png") << pngImage() << QStringLiteral("application/octet-stream");
    QTest::newRow("svg") << QByteArray("<svg xmlns='http://www.w3.org/2000/svg'/>")
                         << QStringLiteral("image/svg+xml");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("image/png");
}

void TestServerDocuments::typeMismatch()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, type);
    const QJsonArray before
        = m_http->get(QStringLiteral("applications/") + m_id + QStringLiteral("/documents"), m_token).array();
    const Reply r = m_http->putBytes(documentPath(QStringLiteral("e_seal_form")), bytes, type, m_token);
    QCOMPARE(r.status, 415);
    QCOMPARE(r.errorCode(), QStringLiteral("unsupported_media_type"));
    QCOMPARE(
        m_http->get(QStringLiteral("applications/") + m_id + QStringLiteral("/documents"), m_token).array(),
        before);
}

void TestServerDocuments::undecodable_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("type");
    QByteArray png = pngImage(32, 32);
    png.truncate(40);
    QByteArray jpeg = jpegImage(64, 64);
    jpeg.truncate(30);
    QTest::newRow("truncated png") << png << QStringLiteral("image/png");
    QTest::newRow("png signature then garbage")
        << QByteArray("\x89PNG\r\n\x1A\nthis is not an image", 28) << QStringLiteral("image/png");
    QTest::newRow("truncated jpeg") << jpeg << QStringLiteral("image/jpeg");
    QTest::newRow("bmp magic only") << QByteArray("BMxxxxxxxxxxxxxxxxxxxxxxxx")
                                    << QStringLiteral("image/bmp");
    QTest::newRow("pdf without end") << QByteArray("%PDF-1.7\n1 0 obj <<>> endobj\n")
                                     << QStringLiteral("application/pdf");
}

void TestServerDocuments::undecodable()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, type);
    const Reply r = m_http->putBytes(documentPath(QStringLiteral("e_seal_form")), bytes, type, m_token);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QStringLiteral("validation_failed"));
    QCOMPARE(r.fieldCodes(), QStringList {QStringLiteral("document:undecodable")});
}

void TestServerDocuments::tooManyPixels()
{
    // The header claims 10000 x 6000 = 60 million pixels: refused from the header, nothing is decoded.
    const Reply big = m_http->putBytes(documentPath(QStringLiteral("e_seal_form")),
        pngHeaderOnly(10000, 6000), QStringLiteral("image/png"), m_token);
    QCOMPARE(big.status, 422);
    QCOMPARE(big.fieldCodes(), QStringList {QStringLiteral("document:too_many_pixels")});
    // 7000 x 7000 = 49 million passes the pixel check and then fails to decode (there is no image data).
    const Reply under = m_http->putBytes(documentPath(QStringLiteral("e_seal_form")),
        pngHeaderOnly(7000, 7000), QStringLiteral("image/png"), m_token);
    QCOMPARE(under.status, 422);
    QCOMPARE(under.fieldCodes(), QStringList {QStringLiteral("document:undecodable")});
}

void TestServerDocuments::oversizedUploadKeepsMemoryFlat()
{
    const qint64 before = m_server.rssKiB();
    QVERIFY(before > 0);
    const Reply r = m_http->putStream(documentPath(QStringLiteral("e_seal_form")), qint64(100) * 1024 * 1024,
        QStringLiteral("image/jpeg"), m_token);
    QCOMPARE(r.status, 413);
    QCOMPARE(r.errorCode(), QStringLiteral("payload_too_large"));
    const qint64 after = m_server.rssKiB();
    QVERIFY2(after - before < 30 * 1024,
        qPrintable(QStringLiteral("RSS grew from %1 KiB to %2 KiB").arg(before).arg(after)));
    // Just over the limit is refused too; the server is still fine afterwards.
    const Reply justOver = m_http->putStream(documentPath(QStringLiteral("e_seal_form")), 5 * 1024 * 1024 + 1,
        QStringLiteral("image/jpeg"), m_token);
    QCOMPARE(justOver.status, 413);
    QCOMPARE(m_http->get(QStringLiteral("health")).status, 200);
    bool eSeal = false;
    for (const QJsonValue& v :
        m_http->get(QStringLiteral("applications/") + m_id + QStringLiteral("/documents"), m_token).array())
        eSeal
            = eSeal || v.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("e_seal_form");
    QVERIFY(!eSeal); // nothing of a refused upload was stored
}

void TestServerDocuments::kinds()
{
    QCOMPARE(m_http
                 ->putBytes(documentPath(QStringLiteral("passport")), pngImage(), QStringLiteral("image/png"),
                     m_token)
                 .status,
        404);
    // A business licence belongs to institutions only.
    const Reply notApplicable = m_http->putBytes(
        documentPath(QStringLiteral("business_license")), pngImage(), QStringLiteral("image/png"), m_token);
    QCOMPARE(notApplicable.status, 422);
    QCOMPARE(
        m_http->putBytes(documentPath(QStringLiteral("id_card")), pngImage(), QStringLiteral("image/png"))
            .status,
        401);
}

void TestServerDocuments::staffDownload()
{
    const QByteArray png = pngImage(12, 7);
    QCOMPARE(
        m_http->putBytes(documentPath(QStringLiteral("id_card")), png, QStringLiteral("image/png"), m_token)
            .status,
        201);
    const QString staff = m_http
                              ->post(QStringLiteral("staff/sessions"),
                                  QJsonObject {{QStringLiteral("username"), QStringLiteral("reviewer")},
                                      {QStringLiteral("password"), QStringLiteral("sandbox-reviewer")}})
                              .json()
                              .value(QStringLiteral("token"))
                              .toString();
    const Reply r = m_http->get(
        QStringLiteral("staff/applications/") + m_id + QStringLiteral("/documents/id_card"), staff);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, png);
    QCOMPARE(r.header("Content-Type"), QStringLiteral("image/png"));
    QCOMPARE(
        m_http
            ->get(QStringLiteral("staff/applications/") + m_id + QStringLiteral("/documents/e_seal_form"),
                staff)
            .status,
        404);
    QCOMPARE(m_http->get(QStringLiteral("staff/applications/") + m_id + QStringLiteral("/documents/id_card"))
                 .status,
        401);
}

QTEST_GUILESS_MAIN(TestServerDocuments)
#include "tst_server_documents.moc"
