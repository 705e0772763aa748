// NativeRows (server/Database.h): a statement run on the engine's own API answers exactly as the same
// statement through Qt Sql does — NULLs, integers, text with Chinese and quotes, one row or none — the
// statement is reused with new parameters, a finished read leaves no snapshot behind (the next write and read
// see each other), and SQL the engine refuses is an SqlError. On SQLite; again on PostgreSQL when
// CERTDESK_TEST_POSTGRES names a cluster (tst_native_rows_pg), where `?` becomes $n and a `?` inside quoted
// text stays.
#include "server/Database.h"
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

using certdesk::server::ConnectionLease;
using certdesk::server::Database;
using certdesk::server::DatabaseLocation;
using certdesk::server::NativeRows;
using certdesk::server::runCached;
using certdesk::server::runNative;
using certdesk::server::SqlError;
using certdesk::server::WriteTransaction;

class TestNativeRows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString env = qEnvironmentVariable("CERTDESK_TEST_POSTGRES");
        if (!env.isEmpty()) {
            // pg.env of tests/support/pg-cluster.sh: key=value lines. The cluster's own `postgres` database,
            // a table of this run's.
            QFile file(env);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(env));
            m_location.engine = DatabaseLocation::Engine::Postgres;
            m_location.name = QStringLiteral("postgres");
            for (const QByteArray& line : file.readAll().split('\n')) {
                const QString value = QString::fromUtf8(line.mid(line.indexOf('=') + 1)).trimmed();
                if (line.startsWith("host="))
                    m_location.host = value;
                else if (line.startsWith("port="))
                    m_location.port = value.toInt();
                else if (line.startsWith("user="))
                    m_location.user = value;
                else if (line.startsWith("password="))
                    m_location.password = value;
            }
        } else {
            m_location.sqlitePath = m_dir.filePath(QStringLiteral("native.db"));
        }
        m_table = QStringLiteral("native_") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        m_database = std::make_unique<Database>(m_location, 2);
        QCOMPARE(ConnectionLease(*m_database).db().driverName(),
            m_location.isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"));
        WriteTransaction tx(*m_database);
        QSqlQuery query(tx.db());
        QVERIFY2(query.exec(sql("CREATE TABLE things (id VARCHAR(16) PRIMARY KEY, n BIGINT, label TEXT, "
                                "note TEXT)")),
            qPrintable(query.lastError().text()));
        QVERIFY(query.exec(sql("INSERT INTO things VALUES ('a', 42, '张伟''s 证书 ?', NULL), "
                               "('b', -7, '', 'x'), ('c', NULL, NULL, NULL)")));
        tx.commit();
    }

    void answersAsQtSqlDoes()
    {
        const QString select
            = sql("SELECT id, n, label, note, 'x' FROM things WHERE id = ? OR id = ? ORDER BY id");
        ConnectionLease lease(*m_database);
        for (const QStringList& ids : {QStringList {QStringLiteral("a"), QStringLiteral("c")},
                 QStringList {QStringLiteral("b"), QStringLiteral("none")}}) {
            QList<QVariantList> expected;
            {
                auto q = runCached(lease.db(), select, {ids[0], ids[1]});
                while (q.next())
                    expected.append({q.value(0), q.value(1), q.value(2), q.value(3), q.value(4)});
            }
            QList<QVariantList> actual;
            {
                NativeRows rows = runNative(lease.db(), select, ids);
                QVERIFY(rows.native()); // libpq is required on Linux (server/CMakeLists.txt)
                while (rows.next())
                    actual.append(
                        {rows.value(0), rows.value(1), rows.value(2), rows.value(3), rows.value(4)});
            }
            QCOMPARE(actual.size(), expected.size());
            for (int row = 0; row < actual.size(); ++row) {
                for (int column = 0; column < 5; ++column) {
                    const QVariant& a = actual[row][column];
                    const QVariant& e = expected[row][column];
                    QCOMPARE(a.isNull(), e.isNull());
                    if (e.isNull())
                        continue; // Qt Sql's NULL may carry the column's type (toString() "0" for a number)
                    QCOMPARE(a.toString(), e.toString());
                    QCOMPARE(a.toLongLong(), e.toLongLong());
                }
            }
        }
        // A `?` in quoted text is no parameter.
        NativeRows rows
            = runNative(lease.db(), sql("SELECT id, n, label, note, '?' FROM things WHERE id = ? OR id = ?"),
                {QStringLiteral("a"), QStringLiteral("a")});
        QVERIFY(rows.next());
        QCOMPARE(rows.value(2).toString(), QStringLiteral("张伟's 证书 ?"));
        QCOMPARE(rows.value(1).toLongLong(), 42);
        QVERIFY(rows.value(3).isNull());
        QCOMPARE(rows.value(4).toString(), QStringLiteral("?"));
        QVERIFY(!rows.next());
    }

    void aFinishedReadHoldsNoSnapshot()
    {
        const QString read = sql("SELECT n FROM things WHERE id = ?");
        {
            // Another connection of the pool reads (and leaves its statement unfinished) ...
            ConnectionLease reader(*m_database);
            NativeRows rows = runNative(reader.db(), read, {QStringLiteral("b")});
            QVERIFY(rows.next());
            QCOMPARE(rows.value(0).toLongLong(), -7);
        }
        std::thread([this] {
            // ... a write on another thread commits ...
            WriteTransaction tx(*m_database);
            certdesk::server::run(
                tx.db(), sql("UPDATE things SET n = n + 1 WHERE id = ?"), {QStringLiteral("b")});
            tx.commit();
        }).join();
        // ... and the next read on either connection sees it.
        for (int i = 0; i < 2; ++i) {
            ConnectionLease lease(*m_database);
            NativeRows rows = runNative(lease.db(), read, {QStringLiteral("b")});
            QVERIFY(rows.next());
            QCOMPARE(rows.value(0).toLongLong(), -6);
        }
    }

    void refusedSqlIsAnSqlError()
    {
        ConnectionLease lease(*m_database);
        QVERIFY_THROWS_EXCEPTION(SqlError,
            (void)runNative(
                lease.db(), sql("SELECT nothing FROM nowhere WHERE id = ?"), {QStringLiteral("a")}));
        // The connection still answers.
        NativeRows rows
            = runNative(lease.db(), sql("SELECT id FROM things WHERE id = ?"), {QStringLiteral("c")});
        QVERIFY(rows.next());
        QCOMPARE(rows.value(0).toString(), QStringLiteral("c"));
    }

    void aLostStatementIsPreparedAgain()
    {
        if (!m_location.isPostgres())
            QSKIP("PostgreSQL only (CERTDESK_TEST_POSTGRES)");
        // A server that forgot the connection's prepared statements (DEALLOCATE ALL; a pooler between service
        // and database does the same): that read fails, the next prepares the statement again.
        const QString read = sql("SELECT n FROM things WHERE id = ?");
        ConnectionLease lease(*m_database);
        QVERIFY(runNative(lease.db(), read, {QStringLiteral("a")}).next());
        QSqlQuery deallocate(lease.db());
        QVERIFY2(
            deallocate.exec(QStringLiteral("DEALLOCATE ALL")), qPrintable(deallocate.lastError().text()));
        QVERIFY_THROWS_EXCEPTION(SqlError, (void)runNative(lease.db(), read, {QStringLiteral("a")}));
        {
            NativeRows rows = runNative(lease.db(), read, {QStringLiteral("a")});
            QVERIFY(rows.next());
            QCOMPARE(rows.value(0).toLongLong(), 42);
        }
        // An error of the execution keeps the statement: failing again and again does not prepare it anew
        // each time (which would leave one more prepared statement in the backend per error).
        const QString overflow = sql("SELECT abs(n * 0 - 9223372036854775807 - 1) FROM things WHERE id = ?");
        const auto prepared = [&lease] {
            return certdesk::server::scalar(lease.db(),
                QStringLiteral(
                    "SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'certdesk_native_%'"))
                .toInt();
        };
        QVERIFY_THROWS_EXCEPTION(SqlError, (void)runNative(lease.db(), overflow, {QStringLiteral("a")}));
        const int afterFirst = prepared();
        for (int i = 0; i < 3; ++i)
            QVERIFY_THROWS_EXCEPTION(SqlError, (void)runNative(lease.db(), overflow, {QStringLiteral("a")}));
        QCOMPARE(prepared(), afterFirst);
    }

    // Database::read(): the same rows as through a lease; on PostgreSQL down the pipelined connection.
    void readAnswersAsALeaseDoes()
    {
        const QString select
            = sql("SELECT id, n, label, note FROM things WHERE id = ? OR id = ? ORDER BY id");
        QList<QVariantList> expected;
        {
            ConnectionLease lease(*m_database);
            NativeRows rows = runNative(lease.db(), select, {QStringLiteral("a"), QStringLiteral("c")});
            while (rows.next())
                expected.append({rows.value(0), rows.value(1), rows.value(2), rows.value(3)});
        }
        QCOMPARE(expected.size(), 2);
        const QList<QVariantList> actual = readRows(select, {QStringLiteral("a"), QStringLiteral("c")}, 4);
        QCOMPARE(actual, expected);
        QCOMPARE(actual[0][2].toString(), QStringLiteral("张伟's 证书 ?"));
        QVERIFY(actual[1][1].isNull());
        QVERIFY(readRows(select, {QStringLiteral("none"), QStringLiteral("none")}, 4).isEmpty());
        if (m_location.isPostgres())
            QVERIFY(m_database->pipelineCounts().batches >= 2);
        else
            QCOMPARE(m_database->pipelineCounts().batches, 0u);
    }

    // Within a transaction this thread holds, read() sees the transaction's own writes (its connection).
    void readInsideATransactionSeesIt()
    {
        WriteTransaction tx(*m_database);
        certdesk::server::run(
            tx.db(), sql("INSERT INTO things (id, n) VALUES (?, 5)"), {QStringLiteral("t")});
        const QList<QVariantList> rows
            = readRows(sql("SELECT n FROM things WHERE id = ?"), {QStringLiteral("t")});
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0][0].toLongLong(), 5);
        // Not committed: gone with the rollback, and a read outside sees nothing.
    }

    void readRefusedSqlFailsAlone()
    {
        // Many threads read at once while some statements are refused: SQL that does not parse (its prepare
        // fails) and an integer overflow at execution. On PostgreSQL they share the pipeline's batches, where
        // the server aborts everything after a refused statement up to the sync: the others must still
        // answer.
        const QString good = sql("SELECT n FROM things WHERE id = ?");
        const QString unparsable = sql("SELECT nothing FROM nowhere WHERE id = ?");
        const QString failing = sql("SELECT abs(n * 0 - 9223372036854775807 - 1) FROM things WHERE id = ?");
        const auto before = m_database->pipelineCounts();
        constexpr int kThreads = 8;
        constexpr int kReads = 60;
        std::atomic<int> right {0};
        std::atomic<int> refused {0};
        std::atomic<int> wrong {0};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < kReads; ++i) {
                    const int kind = (t + i) % 6; // 0: unparsable, 1: failing, else good
                    try {
                        const QList<QVariantList> rows = readRows(kind == 0 ? unparsable
                                : kind == 1                                 ? failing
                                                                            : good,
                            {QStringLiteral("a")});
                        if (kind < 2 || rows.size() != 1 || rows[0][0].toLongLong() != 42)
                            ++wrong;
                        else
                            ++right;
                    } catch (const SqlError& e) {
                        (kind < 2 && e.kind() == SqlError::Kind::Other ? refused : wrong)++;
                    }
                }
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(wrong.load(), 0);
        QCOMPARE(right.load() + refused.load(), kThreads * kReads);
        QCOMPARE(refused.load(), kThreads * kReads / 3);
        if (m_location.isPostgres()) {
            const auto after = m_database->pipelineCounts();
            // Statements of several threads went in one batch (else this checked nothing of the pipeline),
            // and refused statements did not cost the connection.
            QVERIFY2(after.batches - before.batches < std::uint64_t(kThreads * kReads),
                qPrintable(QString::number(after.batches - before.batches)));
            QCOMPARE(after.connections, before.connections);
        }
    }

    void aBrokenPipelineConnectionIsReplaced()
    {
        if (!m_location.isPostgres())
            QSKIP("PostgreSQL only (CERTDESK_TEST_POSTGRES)");
        // The pipeline's backend, terminated from another connection (a server restart looks the same to the
        // client): the next read is sent again on a new connection and answers.
        const QList<QVariantList> backend
            = readRows(QStringLiteral("SELECT pg_backend_pid() WHERE ?::text = 'x'"), {QStringLiteral("x")});
        QCOMPARE(backend.size(), 1);
        const auto before = m_database->pipelineCounts();
        {
            ConnectionLease lease(*m_database);
            QVERIFY(certdesk::server::scalar(
                lease.db(), QStringLiteral("SELECT pg_terminate_backend(?::int)"), {backend[0][0].toString()})
                        .toBool());
        }
        const QList<QVariantList> rows
            = readRows(sql("SELECT n FROM things WHERE id = ?"), {QStringLiteral("a")});
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0][0].toLongLong(), 42);
        QCOMPARE(m_database->pipelineCounts().connections, before.connections + 1);
        const QList<QVariantList> replaced
            = readRows(QStringLiteral("SELECT pg_backend_pid() WHERE ?::text = 'x'"), {QStringLiteral("x")});
        QVERIFY(replaced[0][0] != backend[0][0]);
    }

    void cleanupTestCase()
    {
        {
            WriteTransaction tx(*m_database);
            QSqlQuery query(tx.db());
            QVERIFY(query.exec(sql("DROP TABLE things")));
            tx.commit();
        }
        m_database.reset();
    }

private:
    // Every row of `select` through Database::read(): its first `columns` columns as the engine gives them.
    [[nodiscard]] QList<QVariantList> readRows(
        const QString& select, const QStringList& binds, int columns = 1) const
    {
        QList<QVariantList> rows;
        m_database->read(select, binds, [&rows, columns](NativeRows& q) {
            while (q.next()) {
                QVariantList row;
                for (int column = 0; column < columns; ++column)
                    row.append(q.value(column));
                rows.append(row);
            }
        });
        return rows;
    }

    // `things` is this run's table (on PostgreSQL other runs may share the database).
    [[nodiscard]] QString sql(const char* text) const
    {
        return QString::fromUtf8(text).replace(QStringLiteral("things"), m_table);
    }

    QString m_table;
    QTemporaryDir m_dir;
    DatabaseLocation m_location;
    std::unique_ptr<Database> m_database;
};

QTEST_GUILESS_MAIN(TestNativeRows)
#include "tst_native_rows.moc"
