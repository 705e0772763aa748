// platform::FileAccess: owner-only files. POSIX: mode bits and owner, chmod, umask, fsync. Windows: files
// that exist pass (the inherited ACL applies, core/platform/FileAccess.h).

#include "platform/FileAccess.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk::platform;

class TestFileAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void missing();
    void fileAndDirectory();
    void restrict();
    void ownerOnlyByDefault();
    void symlinkNotFollowed();
    void durableWrite();
};

void TestFileAccess::missing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const FileAccess access = fileAccess(dir.filePath(QStringLiteral("absent")));
    QVERIFY(!access.exists);
    QVERIFY(!restrictToOwner(dir.filePath(QStringLiteral("absent"))));
}

void TestFileAccess::fileAndDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("secret.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("x");
    file.close();
    QVERIFY(file.setPermissions(
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    const FileAccess access = fileAccess(path);
    QVERIFY(access.exists);
    QVERIFY(!access.directory);
    QVERIFY(access.ownedByMe);
    const FileAccess directory = fileAccess(dir.path());
    QVERIFY(directory.exists);
    QVERIFY(directory.directory);
    QVERIFY(directoryUsable(dir.path()));
#ifdef Q_OS_WIN
    QVERIFY(!access.openToOthers);
#else
    QVERIFY(access.openToOthers);
    QCOMPARE(access.modeText(), QStringLiteral("0644"));
#endif
}

void TestFileAccess::restrict()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString sub = dir.filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkdir(sub));
    const QString path = dir.filePath(QStringLiteral("key.pem"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QVERIFY(restrictToOwner(path));
    QVERIFY(restrictToOwner(sub));
    QVERIFY(!fileAccess(path).openToOthers);
    QVERIFY(!fileAccess(sub).openToOthers);
#ifndef Q_OS_WIN
    QCOMPARE(fileAccess(path).modeText(), QStringLiteral("0600"));
    QCOMPARE(fileAccess(sub).modeText(), QStringLiteral("0700"));
#endif
}

void TestFileAccess::ownerOnlyByDefault()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    createOwnerOnlyFiles();
    const QString path = dir.filePath(QStringLiteral("new.db"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QVERIFY(QDir().mkdir(dir.filePath(QStringLiteral("newdir"))));
    QVERIFY(!fileAccess(path).openToOthers);
    QVERIFY(!fileAccess(dir.filePath(QStringLiteral("newdir"))).openToOthers);
}

void TestFileAccess::symlinkNotFollowed()
{
#ifdef Q_OS_WIN
    QSKIP("symbolic links need a privilege on Windows");
#else
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString target = dir.filePath(QStringLiteral("target"));
    QFile file(target);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const QString link = dir.filePath(QStringLiteral("link"));
    QVERIFY(QFile::link(target, link));
    QVERIFY(fileAccess(link, false).symlink);
    QVERIFY(!fileAccess(link, true).symlink);
#endif
}

void TestFileAccess::durableWrite()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("document")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write("page"), qint64(4));
    QVERIFY(syncToDisk(file));
    file.close();
    syncDirectory(dir.path());
    QCOMPARE(QFileInfo(file.fileName()).size(), qint64(4));
    // A closed file cannot be synced.
    QVERIFY(!syncToDisk(file));
}

QTEST_GUILESS_MAIN(TestFileAccess)
#include "tst_fileaccess.moc"
