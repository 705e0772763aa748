// Benchmark: saving a draft after one field change (what the wizard does on every keystroke).
// Target: p99 <= 5 ms on the 2-core reference machine. Yardstick printed alongside: a bare SQLite UPDATE of
// one integer column on the same connection, i.e. the floor that any save through Qt Sql pays.
#include "storage/DraftStore.h"
#include "storage/LocalStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace certdesk;

namespace {

struct Stats
{
    double p50, p99, max;
};

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const auto at = [&](double q) { return v[std::min(v.size() - 1, size_t(q * double(v.size())))]; };
    return {at(0.50), at(0.99), v.back()};
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::atoi(argv[1]) : 2000;
    QTemporaryDir dir;
    LocalStore store(dir.filePath(QStringLiteral("bench.sqlite")));
    if (!store.isOpen()) {
        std::fprintf(stderr, "cannot open store: %s\n", qPrintable(store.errorString()));
        return 1;
    }
    DraftStore drafts(store);
    Application a;
    a.category = CertificateCategory::Institution;
    a.organization.address = QStringLiteral("深圳市南山区科技园一路1号");
    a.agent.email = QStringLiteral("agent@example.com");
    const QString id = drafts.create(a);

    std::vector<double> save, floor;
    save.reserve(n);
    floor.reserve(n);
    QElapsedTimer t;
    const QString base = QStringLiteral("深圳市示例科技有限公司");
    for (int i = 0; i < n; ++i) {
        a.organization.name = base.left(1 + i % base.size()) + QString::number(i);
        t.start();
        if (!drafts.save(id, a, 4))
            return 1;
        save.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    QSqlQuery q(store.database());
    q.prepare(QStringLiteral("UPDATE drafts SET step = ? WHERE id = ?"));
    for (int i = 0; i < n; ++i) {
        t.start();
        q.addBindValue(i);
        q.addBindValue(id);
        if (!q.exec())
            return 1;
        floor.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    const Stats s = stats(save), f = stats(floor);
    std::printf("draft save after a field change (%d saves)\n", n);
    std::printf("  %-34s p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms   target p99 <= 5 ms: %s\n",
        "DraftStore::save", s.p50, s.p99, s.max, s.p99 <= 5.0 ? "met" : "NOT met");
    std::printf("  %-34s p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms\n", "yardstick: bare UPDATE of one column",
        f.p50, f.p99, f.max);
    return 0;
}
