#include "storage/DraftStore.h"
#include "storage/LocalStore.h"
#include "storage/SubmissionStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace certdesk;

namespace {

Application sample()
{
    Application a;
    a.serial = QStringLiteral("5F3A0C");
    a.category = CertificateCategory::InstitutionBusiness;
    a.years = 2;
    a.acknowledgements = {true, true, QDateTime(QDate(2026, 11, 1), QTime(8, 0), QTimeZone::utc())};
    a.organization = {QStringLiteral("深圳市示例科技有限公司"), QStringLiteral("91440300MA5FXXXX0X"),
        QStringLiteral("深圳市南山区科技园")};
    a.agent = {QStringLiteral("张三"), QStringLiteral("110101199003071234"), QStringLiteral("13800138000"),
        QStringLiteral("zs@example.com")};
    a.bank = {QStringLiteral("深圳市示例科技有限公司"), QStringLiteral("102584000000"),
        QStringLiteral("中国工商银行股份有限公司深圳南山支行"), QStringLiteral("4000023009200123456")};
    a.mailing = {QStringLiteral("440000"), QStringLiteral("440300"), QStringLiteral("440305"),
        QStringLiteral("科技园一路1号")};
    a.invoice = InvoiceKind::Electronic;
    OldCertificateInfo old;
    old.serial = a.serial;
    old.feePerYearFen = 36000;
    old.maxYears = 3;
    old.renewable = true;
    a.oldCertificate = old;
    return a;
}

} // namespace

class TestDraftStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        LocalStore store(dir.filePath(QStringLiteral("s.sqlite")));
        DraftStore drafts(store);
        const Application a = sample();
        const QString id = drafts.create(a, 3);
        QVERIFY(!id.isEmpty());
        const auto loaded = drafts.load(id);
        QVERIFY(loaded);
        QCOMPARE(loaded->application, a);
        QCOMPARE(loaded->step, 3);

        Application changed = a;
        changed.agent.mobile = QStringLiteral("13900139000");
        QVERIFY(drafts.save(id, changed, 4));
        QCOMPARE(drafts.load(id)->application.agent.mobile, QStringLiteral("13900139000"));
        QCOMPARE(drafts.load(id)->step, 4);
        QVERIFY(!drafts.save(QStringLiteral("no-such-draft"), changed, 1));
    }

    void survivesReopen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.sqlite"));
        QString id;
        {
            LocalStore store(path);
            DraftStore drafts(store);
            id = drafts.create(sample());
            QVERIFY(drafts.setIdempotencyKey(id, QStringLiteral("key-1")));
        }
        LocalStore store(path);
        DraftStore drafts(store);
        const auto d = drafts.load(id);
        QVERIFY(d);
        QCOMPARE(d->application, sample());
        QCOMPARE(d->idempotencyKey, QStringLiteral("key-1"));
    }

    void listAndRemove()
    {
        QTemporaryDir dir;
        LocalStore store(dir.filePath(QStringLiteral("s.sqlite")));
        DraftStore drafts(store);
        const QString first = drafts.create(sample());
        Application person;
        person.category = CertificateCategory::NaturalPerson;
        person.applicant.name = QStringLiteral("李四");
        const QString second = drafts.create(person);
        QVERIFY(drafts.save(second, person, 1)); // most recent
        const auto list = drafts.list();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).id, second);
        QCOMPARE(list.at(0).title, QStringLiteral("李四"));
        QCOMPARE(list.at(1).title, QStringLiteral("深圳市示例科技有限公司"));
        QVERIFY(drafts.remove(first));
        QVERIFY(!drafts.remove(first));
        QCOMPARE(drafts.list().size(), 1);
    }

    void removeAllLeavesNoPersonalDataOnDisk()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.sqlite"));
        {
            LocalStore store(path);
            DraftStore drafts(store);
            for (int i = 0; i < 5; ++i)
                QVERIFY(!drafts.create(sample()).isEmpty());
            QCOMPARE(drafts.removeAll(), 5);
            QVERIFY(drafts.list().isEmpty());
        }
        // secure_delete + WAL checkpoint: the ID number is in neither the database nor the WAL any more.
        for (const QString& file : QStringList {path, path + QStringLiteral("-wal")}) {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            QVERIFY2(!f.readAll().contains("110101199003071234"), qPrintable(file));
        }
    }

    void submissions()
    {
        QTemporaryDir dir;
        LocalStore store(dir.filePath(QStringLiteral("s.sqlite")));
        SubmissionStore subs(store);
        Submission s {QStringLiteral("app-1"), QStringLiteral("168020110386213"), QStringLiteral("tok"),
            CertificateCategory::NaturalPerson, QStringLiteral("http://127.0.0.1:1"), QStringLiteral("d"),
            {}};
        QVERIFY(subs.record(s));
        QCOMPARE(subs.find(QStringLiteral("app-1"))->accessToken, QStringLiteral("tok"));
        QCOMPARE(
            subs.findByOrderNo(QStringLiteral("168020110386213"))->applicationId, QStringLiteral("app-1"));
        s.accessToken = QStringLiteral("tok2");
        QVERIFY(subs.record(s)); // replaces
        QCOMPARE(subs.list().size(), 1);
        QCOMPARE(subs.list().at(0).accessToken, QStringLiteral("tok2"));
        QCOMPARE(subs.list().at(0).category, CertificateCategory::NaturalPerson);
        QVERIFY(!subs.find(QStringLiteral("nope")));
        QCOMPARE(subs.removeAll(), 1);
    }

    void submissionRule()
    {
        QTemporaryDir dir;
        LocalStore store(dir.filePath(QStringLiteral("r.sqlite")));
        SubmissionStore subs(store);
        const QDateTime first(QDate(2026, 3, 1), QTime(2, 0), QTimeZone::utc());
        Submission s {QStringLiteral("app-9"), QStringLiteral("CD20260301000009"),
            QStringLiteral("app-token"), CertificateCategory::Institution,
            QStringLiteral("http://127.0.0.1:1"), QStringLiteral("d9"), first};
        // Submitted in 个人中心 with the session's token: nothing stays on this PC.
        QCOMPARE(subs.recordSubmission(s, QStringLiteral("app-token")), SubmissionStore::Recorded::NotKept);
        QVERIFY(!subs.find(s.applicationId));
        // From the form on this PC (another session's token, or none): recorded.
        QCOMPARE(subs.recordSubmission(s, QStringLiteral("someone-else")), SubmissionStore::Recorded::Yes);
        QCOMPARE(subs.find(s.applicationId)->submittedAt, first);
        // Fixed after a rejection and sent again: still the first submission's time, the rest replaced.
        s.submittedAt = first.addDays(3);
        s.accessToken = QStringLiteral("app-token-2");
        QCOMPARE(subs.recordSubmission(s, {}), SubmissionStore::Recorded::Yes);
        QCOMPARE(subs.find(s.applicationId)->submittedAt, first);
        QCOMPARE(subs.find(s.applicationId)->accessToken, QStringLiteral("app-token-2"));
    }
};

QTEST_GUILESS_MAIN(TestDraftStore)
#include "tst_draftstore.moc"
