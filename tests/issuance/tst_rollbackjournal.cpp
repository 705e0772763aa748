// RollbackJournal: the write-ahead list of objects a programming run may leave on a pulled token.

#include "TestEnvironment.h"

#include "issuance/RollbackJournal.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk;
using namespace certdesk::issuance;
using token::ObjectClass;
using token::ObjectRef;

class TestRollbackJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::fixEnvironment(); }

    void addRemoveAndClearPerToken()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/journal.json")); // the folder is made on demand
        RollbackJournal journal(path);
        QCOMPARE(journal.path(), path);
        const QString a = QStringLiteral("libsofthsm2.so|0001|NEW A");
        const QString b = QStringLiteral("libsofthsm2.so|0002|NEW B");
        QVERIFY(journal.pending(a).isEmpty());

        const QByteArray id1 = QByteArray::fromHex("0102030405");
        const QByteArray id2 = QByteArray::fromHex("a0a1a2");
        const QList<ObjectRef> keys {{ObjectClass::PrivateKey, id1}, {ObjectClass::PublicKey, id1}};
        QVERIFY(journal.add(a, keys));
        QVERIFY(journal.add(a, {{ObjectClass::Certificate, id1}, {ObjectClass::PrivateKey, id1}})); // one dup
        QVERIFY(journal.add(b, {{ObjectClass::Certificate, id2}}));
        // An empty CKA_ID would match every object without one: never recorded.
        QVERIFY(journal.add(b, {{ObjectClass::PrivateKey, QByteArray()}}));

        // Read back from the file by another instance (a new run after a crash).
        const RollbackJournal reopened(path);
        const QList<ObjectRef> expectedA {
            {ObjectClass::PrivateKey, id1}, {ObjectClass::PublicKey, id1}, {ObjectClass::Certificate, id1}};
        QCOMPARE(reopened.pending(a), expectedA);
        QCOMPARE(reopened.pending(b), (QList<ObjectRef> {{ObjectClass::Certificate, id2}}));

        QVERIFY(journal.remove(a, keys));
        QCOMPARE(journal.pending(a), (QList<ObjectRef> {{ObjectClass::Certificate, id1}}));
        QVERIFY(journal.remove(a, {{ObjectClass::Certificate, id1}}));
        QVERIFY(journal.pending(a).isEmpty());
        QCOMPARE(journal.pending(b).size(), 1); // other tokens are untouched
        QVERIFY(journal.clear(b));
        QVERIFY(journal.pending(b).isEmpty());
        QVERIFY(journal.remove(QStringLiteral("unknown"), keys));
        QVERIFY(journal.clear(QStringLiteral("unknown")));
    }

    void aDamagedFileReadsAsEmptyAndIsRewritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
        file.close();
        RollbackJournal journal(path);
        const QString key = QStringLiteral("m|s|l");
        QVERIFY(journal.pending(key).isEmpty());
        QVERIFY(journal.add(key, {{ObjectClass::Certificate, QByteArrayLiteral("x")}}));
        QCOMPARE(journal.pending(key).size(), 1);
    }

    void anUnwritableFileIsReported()
    {
        QTemporaryDir dir;
        // A directory where the file should be: the journal cannot be written, and says so.
        const QString path = dir.filePath(QStringLiteral("journal.json"));
        QVERIFY(QDir().mkpath(path));
        RollbackJournal journal(path);
        QVERIFY(!journal.add(QStringLiteral("m|s|l"), {{ObjectClass::Certificate, QByteArrayLiteral("x")}}));
    }

    void tokenKeyUsesModuleFileSerialAndLabel()
    {
        token::TokenInfo info;
        info.modulePath = QStringLiteral("/usr/lib/softhsm/libsofthsm2.so");
        info.serialNumber = QStringLiteral("9f1c");
        info.label = QStringLiteral("NEW UKEY");
        info.slotId = 7;
        QCOMPARE(RollbackJournal::tokenKey(info), QStringLiteral("libsofthsm2.so|9f1c|NEW UKEY"));
        info.slotId = 8; // slot numbers change between plug-ins: not part of the key
        QCOMPARE(RollbackJournal::tokenKey(info), QStringLiteral("libsofthsm2.so|9f1c|NEW UKEY"));
        QVERIFY(RollbackJournal::defaultPath().endsWith(QLatin1String("/CertDesk/token-journal.json")));
    }
};

QTEST_GUILESS_MAIN(TestRollbackJournal)
#include "tst_rollbackjournal.moc"
