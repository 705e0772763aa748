#include "documents/ContentType.h"

#include "TestEnvironment.h"

#include <QTest>

using namespace certdesk;
using namespace certdesk::documents;

Q_DECLARE_METATYPE(certdesk::documents::ContentType)
Q_DECLARE_METATYPE(certdesk::documents::DocumentStatus)

namespace {

const QByteArray kJpeg = QByteArrayLiteral("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01");
const QByteArray kPng = QByteArrayLiteral("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR");
const QByteArray kPdf = QByteArrayLiteral("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
const QByteArray kBmp = QByteArray("BM") + QByteArray(40, '\0');
const QByteArray kExe = QByteArrayLiteral("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00");

} // namespace

class TestContentType : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::fixEnvironment(); }
    void sniff_data();
    void sniff();
    void names();
    void claimedName_data();
    void claimedName();
    void claimedMime_data();
    void claimedMime();
    void everyStatusHasAMessage();
};

void TestContentType::sniff_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<ContentType>("expected");
    QTest::newRow("jpeg") << kJpeg << ContentType::Jpeg;
    QTest::newRow("jpeg, exif") << QByteArrayLiteral("\xFF\xD8\xFF\xE1\x12\x34") << ContentType::Jpeg;
    QTest::newRow("png") << kPng << ContentType::Png;
    QTest::newRow("gif87a") << QByteArrayLiteral("GIF87a\x01\x00") << ContentType::Gif;
    QTest::newRow("gif89a") << QByteArrayLiteral("GIF89a\x01\x00") << ContentType::Gif;
    QTest::newRow("bmp") << kBmp << ContentType::Bmp;
    QTest::newRow("pdf") << kPdf << ContentType::Pdf;
    QTest::newRow("exe") << kExe << ContentType::Unknown;
    QTest::newRow("empty") << QByteArray() << ContentType::Unknown;
    QTest::newRow("two bytes of jpeg") << QByteArrayLiteral("\xFF\xD8") << ContentType::Unknown;
    QTest::newRow("png without its line ends") << QByteArrayLiteral("\x89PNG\n") << ContentType::Unknown;
    QTest::newRow("gif90a") << QByteArrayLiteral("GIF90a") << ContentType::Unknown;
    QTest::newRow("text starting BM") << QByteArrayLiteral("BMW") << ContentType::Unknown;
    QTest::newRow("pdf without dash") << QByteArrayLiteral("%PDF") << ContentType::Unknown;
    QTest::newRow("zip (docx)") << QByteArrayLiteral("PK\x03\x04\x14\x00") << ContentType::Unknown;
    QTest::newRow("html") << QByteArrayLiteral("<!DOCTYPE html>") << ContentType::Unknown;
}

void TestContentType::sniff()
{
    QFETCH(QByteArray, bytes);
    QFETCH(ContentType, expected);
    QCOMPARE(sniffContentType(bytes), expected);
}

void TestContentType::names()
{
    QCOMPARE(mimeType(ContentType::Jpeg), QStringLiteral("image/jpeg"));
    QCOMPARE(mimeType(ContentType::Png), QStringLiteral("image/png"));
    QCOMPARE(mimeType(ContentType::Gif), QStringLiteral("image/gif"));
    QCOMPARE(mimeType(ContentType::Bmp), QStringLiteral("image/bmp"));
    QCOMPARE(mimeType(ContentType::Pdf), QStringLiteral("application/pdf"));
    QVERIFY(mimeType(ContentType::Unknown).isEmpty());
    for (ContentType t :
        {ContentType::Jpeg, ContentType::Png, ContentType::Gif, ContentType::Bmp, ContentType::Pdf})
        QCOMPARE(contentTypeFromMimeType(mimeType(t)), t);
    QCOMPARE(contentTypeFromMimeType(QStringLiteral("IMAGE/JPEG; charset=binary")), ContentType::Jpeg);
    QCOMPARE(contentTypeFromFileName(QStringLiteral("C:/Scans/Licence.JPEG")), ContentType::Jpeg);
    QCOMPARE(contentTypeFromFileName(QStringLiteral("form.final.pdf")), ContentType::Pdf);
    QCOMPARE(contentTypeFromFileName(QStringLiteral("setup.exe")), ContentType::Unknown);
    QCOMPARE(contentTypeFromFileName(QStringLiteral("README")), ContentType::Unknown);
    QVERIFY(isImage(ContentType::Gif));
    QVERIFY(!isImage(ContentType::Pdf));
    QVERIFY(!isImage(ContentType::Unknown));
}

void TestContentType::claimedName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<DocumentStatus>("expected");
    QTest::newRow("jpeg named .jpg") << QStringLiteral("licence.jpg") << kJpeg << DocumentStatus::Ok;
    QTest::newRow("pdf named .PDF") << QStringLiteral("form.PDF") << kPdf << DocumentStatus::Ok;
    QTest::newRow("png named .jpg (phone)") << QStringLiteral("IMG_0001.jpg") << kPng << DocumentStatus::Ok;
    QTest::newRow("no suffix") << QStringLiteral("scan") << kJpeg << DocumentStatus::Ok;
    QTest::newRow("no name") << QString() << kBmp << DocumentStatus::Ok;
    QTest::newRow("renamed exe") << QStringLiteral("licence.jpg") << kExe << DocumentStatus::UnsupportedType;
    QTest::newRow("exe as pdf") << QStringLiteral("form.pdf") << kExe << DocumentStatus::UnsupportedType;
    QTest::newRow("pdf named .jpg") << QStringLiteral("form.jpg") << kPdf << DocumentStatus::TypeMismatch;
    QTest::newRow("jpeg named .pdf") << QStringLiteral("form.pdf") << kJpeg << DocumentStatus::TypeMismatch;
    QTest::newRow("jpeg named .exe") << QStringLiteral("setup.exe") << kJpeg << DocumentStatus::TypeMismatch;
    QTest::newRow("jpeg named .docx") << QStringLiteral("form.docx") << kJpeg << DocumentStatus::TypeMismatch;
    QTest::newRow("empty") << QStringLiteral("form.jpg") << QByteArray() << DocumentStatus::Empty;
}

void TestContentType::claimedName()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(DocumentStatus, expected);
    QCOMPARE(checkClaimedType(name, bytes), expected);
}

void TestContentType::claimedMime_data()
{
    QTest::addColumn<QString>("mime");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<DocumentStatus>("expected");
    QTest::newRow("jpeg") << QStringLiteral("image/jpeg") << kJpeg << DocumentStatus::Ok;
    QTest::newRow("png as image/jpeg") << QStringLiteral("image/jpeg") << kPng << DocumentStatus::Ok;
    QTest::newRow("octet-stream") << QStringLiteral("application/octet-stream") << kPdf << DocumentStatus::Ok;
    QTest::newRow("pdf as image") << QStringLiteral("image/png") << kPdf << DocumentStatus::TypeMismatch;
    QTest::newRow("exe as jpeg") << QStringLiteral("image/jpeg") << kExe << DocumentStatus::UnsupportedType;
    QTest::newRow("jpeg as msword") << QStringLiteral("application/msword") << kJpeg
                                    << DocumentStatus::TypeMismatch;
}

void TestContentType::claimedMime()
{
    QFETCH(QString, mime);
    QFETCH(QByteArray, bytes);
    QFETCH(DocumentStatus, expected);
    QCOMPARE(checkClaimedMimeType(mime, bytes), expected);
}

void TestContentType::everyStatusHasAMessage()
{
    QVERIFY(documentStatusMessage(DocumentStatus::Ok).isEmpty());
    for (int s = int(DocumentStatus::Cancelled); s <= int(DocumentStatus::ScanFailed); ++s) {
        const QString message = documentStatusMessage(DocumentStatus(s), 5 * 1024 * 1024);
        QVERIFY2(!message.isEmpty(), qPrintable(QString::number(s)));
        QVERIFY2(!message.contains(QLatin1String("%1")), qPrintable(message));
    }
    QVERIFY(
        documentStatusMessage(DocumentStatus::PdfTooLarge, 5 * 1024 * 1024).contains(QLatin1String("5 MB")));
    QVERIFY(
        documentStatusMessage(DocumentStatus::CannotCompress, 1536 * 1024).contains(QLatin1String("1.5 MB")));
    const DocumentError error {DocumentStatus::UnsupportedType, QStringLiteral("detail")};
    QCOMPARE(error.message(), documentStatusMessage(DocumentStatus::UnsupportedType));
}

QTEST_GUILESS_MAIN(TestContentType)
#include "tst_contenttype.moc"
