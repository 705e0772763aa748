// SdtIdCardReader against the test reader library (tests/support/idcard-testreader): no library, no reader,
// no card, a card, a card removed again, a card with damaged data, and the call sequence of the SDK.
#include "idcard/ProcessIdCardReader.h"
#include "idcard/SdtIdCardReader.h"
#include "platform/Registry.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "TestIdCard.h"

using namespace certdesk;
using idcard::IdCardStatus;

class TestSdtIdCardReader : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_card;
    QString m_log;

    bool insert(const QByteArray& content)
    {
        QFile f(m_card);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
    }

private Q_SLOTS:
    void init()
    {
        m_card = m_dir.filePath(QStringLiteral("card.bin"));
        m_log = m_dir.filePath(QStringLiteral("calls.log"));
        QFile::remove(m_card);
        QFile::remove(m_log);
        qputenv("CERTDESK_TEST_IDCARD_FILE", m_card.toLocal8Bit());
        qputenv("CERTDESK_TEST_IDCARD_LOG", m_log.toLocal8Bit());
        qunsetenv("CERTDESK_TEST_IDCARD_PORT");
    }

    void noLibrary()
    {
        idcard::SdtIdCardReader reader(m_dir.filePath(QStringLiteral("libnothere.so")));
        const auto r = reader.read();
        QCOMPARE(r.status(), IdCardStatus::NoReader);
        QVERIFY(r.error().message().contains(QStringLiteral("No ID card reader")));
    }

    void libraryWithoutTheInterface()
    {
        // A library that exists but is no reader SDK (SoftHSM's PKCS#11 module).
        idcard::SdtIdCardReader reader(QStringLiteral("/usr/lib/softhsm/libsofthsm2.so"));
        const auto r = reader.read();
        QCOMPARE(r.status(), IdCardStatus::NoReader);
        QVERIFY2(r.error().detail.contains(QStringLiteral("SDT_")), qPrintable(r.error().detail));
    }

    void bareNamesAreNotLoaded()
    {
        // The system's search for a bare name (on Windows the current directory among others) is never used.
        idcard::SdtIdCardReader reader(QStringLiteral(CERTDESK_TEST_IDCARD_READER).section(u'/', -1));
        const auto r = reader.read();
        QCOMPARE(r.status(), IdCardStatus::NoReader);
        QVERIFY2(r.error().detail.contains(QStringLiteral("not loaded")), qPrintable(r.error().detail));
    }

    void whereTheLibraryIsLooked()
    {
        const auto environment = [](const QString& name) -> std::optional<QString> {
            if (name.compare(QStringLiteral("SystemRoot"), Qt::CaseInsensitive) == 0)
                return QStringLiteral("C:\\Windows");
            return std::nullopt;
        };
        // Windows: CertDesk's own directory, then System32; full paths only.
        QCOMPARE(idcard::SdtIdCardReader::libraryCandidates(QStringLiteral("C:/Program Files/CertDesk"),
                     platform::Registry::system(), environment, platform::PathStyle::Windows),
            (QStringList {QStringLiteral("C:\\Program Files\\CertDesk\\sdtapi.dll"),
                QStringLiteral("C:\\Windows\\System32\\sdtapi.dll")}));
        // Elsewhere: CertDesk's directory first, then the system's library directories.
        const QStringList posix
            = idcard::SdtIdCardReader::libraryCandidates(QStringLiteral("/opt/certdesk/bin"),
                platform::Registry::system(), environment, platform::PathStyle::Posix);
        QCOMPARE(posix.value(0), QStringLiteral("/opt/certdesk/bin/libsdtapi.so"));
        QVERIFY(posix.contains(QStringLiteral("/usr/lib/x86_64-linux-gnu/libsdtapi.so")));
        for (const QString& path : posix)
            QVERIFY2(path.startsWith(u'/'), qPrintable(path));
    }

    void noLibraryInstalled()
    {
        // Nothing configured and no reader library on this machine: no reader, said plainly.
        qunsetenv("CERTDESK_IDCARD_LIBRARY");
        const QString library = idcard::SdtIdCardReader::defaultLibrary();
        if (!library.isEmpty())
            QSKIP("this machine has a reader library installed");
        idcard::SdtIdCardReader reader(library);
        QCOMPARE(reader.read().status(), IdCardStatus::NoReader);
    }

    void noReaderConnected()
    {
        qunsetenv("CERTDESK_TEST_IDCARD_FILE");
        idcard::SdtIdCardReader reader(QStringLiteral(CERTDESK_TEST_IDCARD_READER));
        QCOMPARE(reader.read().status(), IdCardStatus::NoReader);
    }

    void noCardThenCardThenRemoved()
    {
        idcard::SdtIdCardReader reader(QStringLiteral(CERTDESK_TEST_IDCARD_READER));
        QCOMPARE(reader.read().status(), IdCardStatus::NoCard);

        test::TestIdCard card;
        card.name = QStringLiteral("张三");
        QVERIFY(insert(card.baseMessage() + QByteArray(1024, 'W')));
        const auto r = reader.read();
        QVERIFY2(r.hasValue(), qPrintable(r.error().detail));
        QCOMPARE(r->name, QStringLiteral("张三"));
        QCOMPARE(r->idNumber, QStringLiteral("11010519491231002X"));

        QVERIFY(QFile::remove(m_card));
        QCOMPARE(reader.read().status(), IdCardStatus::NoCard);

        // Every read opens a port, finds, selects, reads and closes it again.
        QFile log(m_log);
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QString calls = QString::fromLatin1(log.readAll());
        QVERIFY2(
            calls.contains(QStringLiteral(
                "SDT_OpenPort\nSDT_StartFindIDCard\nSDT_SelectIDCard\nSDT_ReadBaseMsg\nSDT_ClosePort\n")),
            qPrintable(calls));
        QCOMPARE(calls.count(QStringLiteral("SDT_OpenPort")), calls.count(QStringLiteral("SDT_ClosePort")));
    }

    void readerOnASerialPort()
    {
        qputenv("CERTDESK_TEST_IDCARD_PORT", "3");
        test::TestIdCard card;
        card.name = QStringLiteral("李四");
        QVERIFY(insert(card.baseMessage()));
        idcard::SdtIdCardReader reader(QStringLiteral(CERTDESK_TEST_IDCARD_READER));
        const auto r = reader.read();
        QVERIFY2(r.hasValue(), qPrintable(r.error().detail));
        QCOMPARE(r->name, QStringLiteral("李四"));
    }

    // The helper process: the same reads through a child, and the faults a vendor library can have.
    void helperProcess()
    {
        idcard::ProcessIdCardReader reader(
            QStringLiteral(CERTDESK_IDCARD_HELPER_EXECUTABLE), QStringLiteral(CERTDESK_TEST_IDCARD_READER));
        QCOMPARE(reader.read().status(), IdCardStatus::NoCard);
        test::TestIdCard card;
        card.name = QStringLiteral("王五");
        QVERIFY(insert(card.baseMessage() + QByteArray(1024, 'W')));
        const auto r = reader.read();
        QVERIFY2(r.hasValue(), qPrintable(r.error().detail));
        QCOMPARE(r->name, QStringLiteral("王五"));
        QCOMPARE(r->idNumber, QStringLiteral("11010519491231002X"));
        qunsetenv("CERTDESK_TEST_IDCARD_FILE");
        QCOMPARE(reader.read().status(), IdCardStatus::NoReader);
        idcard::ProcessIdCardReader noLibrary(QStringLiteral(CERTDESK_IDCARD_HELPER_EXECUTABLE),
            m_dir.filePath(QStringLiteral("libnothere.so")));
        QCOMPARE(noLibrary.read().status(), IdCardStatus::NoReader);
    }

    void helperSurvivesACrashingLibrary()
    {
        test::TestIdCard card;
        card.name = QStringLiteral("王五");
        QVERIFY(insert(card.baseMessage()));
        qputenv("CERTDESK_TEST_IDCARD_FAULT", "crash");
        idcard::ProcessIdCardReader reader(
            QStringLiteral(CERTDESK_IDCARD_HELPER_EXECUTABLE), QStringLiteral(CERTDESK_TEST_IDCARD_READER));
        const auto r = reader.read();
        qunsetenv("CERTDESK_TEST_IDCARD_FAULT");
        QCOMPARE(r.status(), IdCardStatus::DriverFailed);
        QVERIFY(r.error().message().contains(QStringLiteral("driver failed")));
    }

    void helperKilledWhenTheLibraryHangs()
    {
        test::TestIdCard card;
        card.name = QStringLiteral("王五");
        QVERIFY(insert(card.baseMessage()));
        qputenv("CERTDESK_TEST_IDCARD_FAULT", "hang");
        idcard::ProcessIdCardReader reader(QStringLiteral(CERTDESK_IDCARD_HELPER_EXECUTABLE),
            QStringLiteral(CERTDESK_TEST_IDCARD_READER), std::chrono::milliseconds(1500));
        QElapsedTimer timer;
        timer.start();
        const auto r = reader.read();
        qunsetenv("CERTDESK_TEST_IDCARD_FAULT");
        QCOMPARE(r.status(), IdCardStatus::NotResponding);
        QVERIFY(timer.elapsed() < 10000);
    }

    void damagedCard()
    {
        test::TestIdCard card;
        card.name = QStringLiteral("张三");
        QVERIFY(insert(card.baseMessage().left(200)));
        idcard::SdtIdCardReader reader(QStringLiteral(CERTDESK_TEST_IDCARD_READER));
        QCOMPARE(reader.read().status(), IdCardStatus::BadData);
    }
};

QTEST_GUILESS_MAIN(TestSdtIdCardReader)
#include "tst_sdtidcardreader.moc"
