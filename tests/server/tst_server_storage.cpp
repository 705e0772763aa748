// The data directory and the documents in it (docs/server.conf.example, docs/api.md "Slow and abusive
// clients"): created 0700/0600, a directory open to others refused outside the sandbox, documents stored once
// per content and a replaced document's file deleted once no application refers to it, and the cap on one
// application's documents together.

#include "ServerHarness.h"
#include "TestEnvironment.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace certdesk;
using namespace certdesk::servertest;

namespace {

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

int modeOf(const QString& path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

// A PDF the service accepts (header, end-of-file marker) of exactly `size` bytes.
QByteArray pdfOfSize(qsizetype size, char filler = 'x')
{
    const QByteArray head = "%PDF-1.4\n%";
    const QByteArray tail = "\n%%EOF\n";
    return head + QByteArray(size - head.size() - tail.size(), filler) + tail;
}

struct App
{
    QString path;
    QString token;
};

App create(Http& http, const QString& name)
{
    const QString idNumber = QStringLiteral("310115197806150038");
    const Legacy old = mintLegacy(
        http, QStringLiteral("natural_person"), name, idNumber, QDateTime::currentDateTimeUtc().addDays(30));
    const Reply created
        = http.post(QStringLiteral("applications"), naturalPersonBody(old.serial, name, idNumber));
    return {QStringLiteral("applications/") + created.json().value(QStringLiteral("id")).toString(),
        created.json().value(QStringLiteral("access_token")).toString()};
}

} // namespace

class TestServerStorage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createdForTheServiceAlone();
    void replacedDocumentDeletedWhenUnreferenced();
    void applicationStorageCap();
    void openDataDirectoryRefusedOutsideSandbox();

private:
    QTemporaryDir m_dir;
};

void TestServerStorage::initTestCase()
{
    test::fixEnvironment();
    QVERIFY(m_dir.isValid());
}

void TestServerStorage::createdForTheServiceAlone()
{
    const QString data = m_dir.filePath(QStringLiteral("private"));
    ServerProcess server;
    QVERIFY2(server.start(data), qPrintable(server.lastError()));
    Http http(server.port());
    const App app = create(http, QStringLiteral("Qian Yu"));
    QVERIFY(!app.token.isEmpty());
    const Reply stored = http.putBytes(app.path + QStringLiteral("/documents/id_card"), jpegImage(40, 30),
        QStringLiteral("image/jpeg"), app.token);
    QCOMPARE(stored.status, 201);
    QCOMPARE(modeOf(data), 0700);
    QCOMPARE(modeOf(data + QStringLiteral("/documents")), 0700);
    QCOMPARE(modeOf(data + QStringLiteral("/certdesk.db")), 0600);
    QCOMPARE(modeOf(data + QStringLiteral("/documents/")
                 + stored.json().value(QStringLiteral("sha256")).toString()),
        0600);
    QCOMPARE(server.terminate(), 0);
}

void TestServerStorage::replacedDocumentDeletedWhenUnreferenced()
{
    const QString data = m_dir.filePath(QStringLiteral("replace"));
    ServerProcess server;
    QVERIFY2(server.start(data), qPrintable(server.lastError()));
    Http http(server.port());
    const App a = create(http, QStringLiteral("Zhou Jie"));
    const App b = create(http, QStringLiteral("Wu Ting"));
    const auto upload = [&http](const App& app, const QByteArray& bytes) {
        const Reply r = http.putBytes(app.path + QStringLiteral("/documents/id_card"), bytes,
            QStringLiteral("application/pdf"), app.token);
        return r.status == 201 ? r.json().value(QStringLiteral("sha256")).toString() : QString();
    };
    const auto exists = [&data](const QString& sha256) {
        return QFile::exists(data + QStringLiteral("/documents/") + sha256);
    };
    // The same scan for both: one file.
    const QString shared = upload(a, pdfOfSize(2000, 'a'));
    QVERIFY(!shared.isEmpty());
    QCOMPARE(upload(b, pdfOfSize(2000, 'a')), shared);
    // a replaces it: b still refers to the file.
    const QString replacement = upload(a, pdfOfSize(2000, 'b'));
    QVERIFY(!replacement.isEmpty());
    QVERIFY(exists(shared));
    QVERIFY(exists(replacement));
    // b replaces it too: nobody refers to it any more.
    QVERIFY(!upload(b, pdfOfSize(2000, 'c')).isEmpty());
    QVERIFY(!exists(shared));
    QVERIFY(exists(replacement));
    // Uploading the same bytes again keeps the file.
    QCOMPARE(upload(a, pdfOfSize(2000, 'b')), replacement);
    QVERIFY(exists(replacement));
    QCOMPARE(server.terminate(), 0);
}

void TestServerStorage::applicationStorageCap()
{
    const QString config = m_dir.filePath(QStringLiteral("cap.conf"));
    QVERIFY(writeFile(config, "[server]\nmax_application_bytes = 1048576\n"));
    ServerProcess server;
    QVERIFY2(server.start(m_dir.filePath(QStringLiteral("cap")), {QStringLiteral("--config"), config}),
        qPrintable(server.lastError()));
    Http http(server.port());
    const App app = create(http, QStringLiteral("Zheng Hao"));
    const auto put = [&](const char* kind, qsizetype size) {
        return http.putBytes(app.path + QStringLiteral("/documents/") + QLatin1String(kind), pdfOfSize(size),
            QStringLiteral("application/pdf"), app.token);
    };
    QCOMPARE(put("application_form", 600 * 1024).status, 201);
    const Reply over = put("id_card", 600 * 1024);
    QCOMPARE(over.status, 413);
    QCOMPARE(over.errorCode(), QStringLiteral("payload_too_large"));
    // A replaced document no longer counts: a bigger one in its place fits.
    QCOMPARE(put("application_form", 700 * 1024).status, 201);
    QCOMPARE(put("id_card", 300 * 1024).status, 201);
    QCOMPARE(put("e_seal_form", 100 * 1024).status, 413);
    QCOMPARE(server.terminate(), 0);
}

void TestServerStorage::openDataDirectoryRefusedOutsideSandbox()
{
    const QString data = m_dir.filePath(QStringLiteral("service"));
    QProcess init;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CERTDESK_ROOT_KEY_PASSPHRASE"), QStringLiteral("root secret"));
    env.insert(QStringLiteral("CERTDESK_CA_KEY_PASSPHRASE"), QStringLiteral("issuing secret"));
    init.setProcessEnvironment(env);
    init.setProcessChannelMode(QProcess::MergedChannels);
    init.start(QStringLiteral(CERTDESK_SERVER_BINARY),
        {QStringLiteral("ca"), QStringLiteral("init"), QStringLiteral("--data-dir"), data,
            QStringLiteral("--root-key"), m_dir.filePath(QStringLiteral("root.key"))});
    QVERIFY(init.waitForFinished(60000));
    QVERIFY2(init.exitCode() == 0, init.readAll().constData());
    qputenv("CERTDESK_CA_KEY_PASSPHRASE", "issuing secret");
    const QStringList args {QStringLiteral("--public-url"), QStringLiteral("http://127.0.0.1:8080")};
    {
        ServerProcess server;
        QVERIFY2(server.start(data, args, false), qPrintable(server.lastError()));
        QCOMPARE(server.terminate(), 0);
    }
    QVERIFY(QFile::setPermissions(data,
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup
            | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther));
    ServerProcess open;
    QVERIFY(!open.start(data, args, false));
    QVERIFY2(open.lastError().contains(QStringLiteral("chmod -R go-rwx")), qPrintable(open.lastError()));
    // A file in it that others may read is refused the same way.
    QVERIFY(QFile::setPermissions(
        data, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    QVERIFY(QFile::setPermissions(data + QStringLiteral("/certdesk.db"),
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    ServerProcess file;
    QVERIFY(!file.start(data, args, false));
    QVERIFY2(file.lastError().contains(QStringLiteral("certdesk.db")), qPrintable(file.lastError()));
    QVERIFY(QFile::setPermissions(
        data + QStringLiteral("/certdesk.db"), QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    ServerProcess fixed;
    QVERIFY2(fixed.start(data, args, false), qPrintable(fixed.lastError()));
    QCOMPARE(fixed.terminate(), 0);
}

QTEST_GUILESS_MAIN(TestServerStorage)
#include "tst_server_storage.moc"
