// The service's database connection pool (server/Database.h): threads that wait for a connection are served
// first come, first served, and a thread that gives its connection back and asks again at once queues behind
// them; a place freed by a connection that could not be opened goes to the next waiter.
#include "server/Database.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <mutex>
#include <thread>
#include <vector>

using certdesk::server::ConnectionLease;
using certdesk::server::Database;

class TestConnectionPool : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void waitersAreServedInArrivalOrder()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Database database(dir.filePath(QStringLiteral("pool.db")), 1);
        std::mutex mutex;
        std::vector<int> order;
        const auto served = [&](int who) {
            const std::lock_guard lock(mutex);
            order.push_back(who);
        };

        std::vector<std::thread> threads;
        {
            ConnectionLease held(database);
            // Thread 1 uses the connection, gives it back and asks for it again at once.
            threads.emplace_back([&] {
                {
                    ConnectionLease lease(database);
                    served(1);
                }
                ConnectionLease again(database);
                served(1);
            });
            QTRY_COMPARE(database.waitingForConnection(), 1);
            for (int who = 2; who <= 3; ++who) {
                threads.emplace_back([&, who] {
                    ConnectionLease lease(database);
                    QSqlQuery query(lease.db());
                    if (query.exec(QStringLiteral("SELECT 1")))
                        served(who);
                });
                QTRY_COMPARE(database.waitingForConnection(), who);
            }
        }
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(order, (std::vector<int> {1, 2, 3, 1}));
        QCOMPARE(database.waitingForConnection(), 0);
    }

    void nestedLeasesDoNotQueue()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Database database(dir.filePath(QStringLiteral("pool.db")), 1);
        ConnectionLease outer(database);
        ConnectionLease inner(database); // the same connection: no wait, or this thread would wait on itself
        QCOMPARE(&outer.pooled(), &inner.pooled());
        QCOMPARE(database.waitingForConnection(), 0);
    }
};

QTEST_GUILESS_MAIN(TestConnectionPool)
#include "tst_connection_pool.moc"
