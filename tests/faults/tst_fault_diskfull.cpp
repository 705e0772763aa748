// The disk fills up under the real certdesk-server: its data directory is on a small tmpfs of its own
// (mounted by the test, which runs as root in CI; skipped where mounting is not allowed), and a filler file
// takes the free space. An upload that no longer fits and database writes on a full disk get 507
// storage_full; nothing of them is stored (no temp file left, no row, the earlier document still listed);
// reads keep being served; once space is free again the same writes succeed without a restart.
#include "ServerHarness.h"
#include "TestEnvironment.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

using namespace certdesk::servertest;
using certdesk::test::fixEnvironment;

namespace {

// Writes zeros to `path` until the file system is full (ENOSPC), leaving `keepFree` bytes when it can.
// Returns the bytes written.
qint64 fill(const QString& path, qint64 keepFree)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return -1;
    const QByteArray chunk(4096, '\0');
    qint64 written = 0;
    const qint64 total = [&] {
        const QStorageInfo info(QFileInfo(path).absolutePath());
        return info.bytesAvailable();
    }();
    const qint64 target = total - keepFree;
    while (written < target) {
        const qint64 n = file.write(chunk.constData(), std::min<qint64>(chunk.size(), target - written));
        if (n <= 0 || !file.flush())
            break;
        written += n;
    }
    file.close();
    return written;
}

// "Fault Holder Bcd": a holder name the sandbox accepts (letters only), distinct for each n.
QString holderName(int n)
{
    QString letters;
    do {
        letters.prepend(QLatin1Char(char('a' + n % 26)));
        n /= 26;
    } while (n > 0);
    letters[0] = letters[0].toUpper();
    return QStringLiteral("Fault Holder ") + letters;
}

} // namespace

class TestFaultDiskFull : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void uploadOnFullDisk();
    void databaseWriteOnFullDisk();

private:
    [[nodiscard]] QString dataDir() const { return m_mount + QStringLiteral("/data"); }
    [[nodiscard]] QStringList uploadTemps() const
    {
        return QDir(dataDir() + QStringLiteral("/documents/tmp")).entryList(QDir::Files);
    }
    [[nodiscard]] QStringList documentKinds();

    QTemporaryDir m_dir;
    QString m_mount;
    bool m_mounted = false;
    ServerProcess m_server;
    std::unique_ptr<Http> m_http;
    QString m_id;
    QString m_token;
};

void TestFaultDiskFull::initTestCase()
{
    fixEnvironment();
    QVERIFY(m_dir.isValid());
    m_mount = m_dir.filePath(QStringLiteral("disk"));
    QVERIFY(QDir().mkpath(m_mount));
    // 16 MiB: the sandbox's seeded database and the CA material take about 1 MiB.
    if (::mount("tmpfs", m_mount.toLocal8Bit().constData(), "tmpfs", 0, "size=16m,mode=0700") != 0)
        QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs here (%1): needs root")
                             .arg(QString::fromLocal8Bit(std::strerror(errno)))));
    m_mounted = true;
    QVERIFY2(m_server.start(dataDir()), qPrintable(m_server.lastError()));
    m_http = std::make_unique<Http>(m_server.port());
    const Legacy person = firstRenewable(*m_http, QStringLiteral("natural_person"));
    const Reply created = m_http->post(QStringLiteral("applications"),
        naturalPersonBody(person.serial, QString::fromLatin1(kAgentName), QString::fromLatin1(kAgentId)));
    QCOMPARE(created.status, 201);
    m_id = created.json().value(QStringLiteral("id")).toString();
    m_token = created.json().value(QStringLiteral("access_token")).toString();
}

void TestFaultDiskFull::cleanupTestCase()
{
    m_server.kill();
    if (m_mounted)
        ::umount2(m_mount.toLocal8Bit().constData(), MNT_DETACH);
}

QStringList TestFaultDiskFull::documentKinds()
{
    const Reply list
        = m_http->get(QStringLiteral("applications/") + m_id + QStringLiteral("/documents"), m_token);
    if (list.status != 200)
        return {QStringLiteral("status %1").arg(list.status)};
    QStringList kinds;
    for (const QJsonValue& v : list.array())
        kinds.append(v.toObject().value(QStringLiteral("kind")).toString());
    kinds.sort();
    return kinds;
}

void TestFaultDiskFull::uploadOnFullDisk()
{
    const QString documents = QStringLiteral("applications/") + m_id + QStringLiteral("/documents/");
    const Reply first = m_http->putBytes(
        documents + QStringLiteral("id_card"), pngImage(16, 16), QStringLiteral("image/png"), m_token);
    QCOMPARE(first.status, 201);
    const QStringList before = documentKinds();
    QCOMPARE(before, QStringList {QStringLiteral("id_card")});

    // 256 KiB left; the upload is 2 MiB.
    const QString filler = m_mount + QStringLiteral("/filler");
    QVERIFY(fill(filler, 256 * 1024) > 0);
    const QByteArray big = jpegImage(1200, 1200) + QByteArray(2 * 1024 * 1024, '\0');
    const Reply full = m_http->putBytes(
        documents + QStringLiteral("e_seal_form"), big, QStringLiteral("image/jpeg"), m_token);
    QCOMPARE(full.status, 507);
    QCOMPARE(full.errorCode(), QStringLiteral("storage_full"));
    QVERIFY(!full.json()
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .isEmpty());
    // Nothing half-stored: no temp file, no new document, the old one intact; reads go on.
    QCOMPARE(uploadTemps(), QStringList());
    QCOMPARE(documentKinds(), before);
    QCOMPARE(m_http->get(QStringLiteral("applications/") + m_id, m_token).status, 200);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/health")).status, 200);

    // Space again: the same upload goes through, no restart.
    QVERIFY(QFile::remove(filler));
    const Reply again = m_http->putBytes(
        documents + QStringLiteral("e_seal_form"), big, QStringLiteral("image/jpeg"), m_token);
    QCOMPARE(again.status, 201);
    QCOMPARE(documentKinds(), (QStringList {QStringLiteral("e_seal_form"), QStringLiteral("id_card")}));
}

void TestFaultDiskFull::databaseWriteOnFullDisk()
{
    // Every byte taken: the database can still rewrite pages it has, so keep adding rows (each sandbox legacy
    // certificate is a new row of a few KiB) until a write needs space that is not there.
    const QString filler = m_mount + QStringLiteral("/filler");
    QVERIFY(fill(filler, 0) > 0);
    QStringList stored;
    Reply refused;
    for (int i = 0; i < 2000; ++i) {
        const QString holder = holderName(i);
        const Reply reply = m_http->post(QStringLiteral("sandbox/legacy-certificates"),
            QJsonObject {{QStringLiteral("category"), QStringLiteral("natural_person")},
                {QStringLiteral("holder"), holder},
                {QStringLiteral("credential_number"), QString::fromLatin1(kAgentId)},
                {QStringLiteral("not_after"),
                    QDateTime::currentDateTimeUtc().addDays(30).toString(Qt::ISODate)}});
        if (reply.status == 201 || reply.status == 200) {
            stored.append(reply.json().value(QStringLiteral("serial")).toString());
            continue;
        }
        refused = reply;
        break;
    }
    QVERIFY2(refused.status != 0, "every write fitted on a full disk");
    QVERIFY2(refused.status == 507,
        qPrintable(QStringLiteral("%1 after %2 rows: %3 | server: %4")
                       .arg(refused.status)
                       .arg(stored.size())
                       .arg(QString::fromUtf8(refused.body),
                           QString::fromUtf8(m_server.standardError().right(1500)))));
    QCOMPARE(refused.errorCode(), QStringLiteral("storage_full"));

    // Reads go on; every acknowledged row is there, the refused one is not.
    QCOMPARE(m_http->get(QStringLiteral("applications/") + m_id, m_token).status, 200);
    const QList<Legacy> all = legacyCertificates(*m_http);
    QStringList serials;
    QStringList holders;
    for (const Legacy& legacy : all) {
        serials.append(legacy.serial);
        holders.append(legacy.holder);
    }
    for (const QString& serial : stored)
        QVERIFY2(serials.contains(serial), qPrintable(serial));
    QVERIFY(!holders.contains(holderName(int(stored.size()))));

    // Space again: writes succeed without a restart.
    QVERIFY(QFile::remove(filler));
    const Reply after = m_http->post(QStringLiteral("sandbox/legacy-certificates"),
        QJsonObject {{QStringLiteral("category"), QStringLiteral("natural_person")},
            {QStringLiteral("holder"), QStringLiteral("After Full")},
            {QStringLiteral("credential_number"), QString::fromLatin1(kAgentId)},
            {QStringLiteral("not_after"),
                QDateTime::currentDateTimeUtc().addDays(30).toString(Qt::ISODate)}});
    QVERIFY2(after.status == 201 || after.status == 200, after.body.constData());
}

QTEST_GUILESS_MAIN(TestFaultDiskFull)
#include "tst_fault_diskfull.moc"
