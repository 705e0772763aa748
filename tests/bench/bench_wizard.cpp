// Benchmark: a wizard page switch (Next or Back between two filled form pages, including loading the page
// from the Application, re-validating and repainting the window). Target: <= 16 ms (one frame at 60 Hz).
// Yardstick printed alongside: switching a QStackedWidget between two plain pages and repainting.
#include "domain/RegionModel.h"
#include "wizard/ApplicationWizard.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QStackedWidget>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace certdesk;

namespace {

Application filled()
{
    Application a;
    a.category = CertificateCategory::Institution;
    a.serial = QStringLiteral("5F3A0C");
    a.acknowledgements.agreement = a.acknowledgements.oldCertificateRevocation = true;
    OldCertificateInfo old;
    old.serial = a.serial;
    old.renewable = true;
    old.maxYears = 3;
    old.feePerYearFen = 36000;
    a.oldCertificate = old;
    a.organization = {QStringLiteral("深圳市示例科技有限公司"), QStringLiteral("91440300708461136T"),
        QStringLiteral("深圳市南山区科技园一路1号")};
    a.agent = {QStringLiteral("张三"), QStringLiteral("11010519491231002X"), QStringLiteral("13800138000"),
        QStringLiteral("zs@example.com")};
    a.bank = {QStringLiteral("深圳市示例科技有限公司"), QStringLiteral("102584000022"),
        QStringLiteral("中国工商银行股份有限公司深圳南山支行"), QStringLiteral("4000023009200123456")};
    a.mailing = {QStringLiteral("440000"), QStringLiteral("440300"), QStringLiteral("440305"),
        QStringLiteral("科技园一路1号")};
    return a;
}

void report(const char* what, std::vector<double> v, bool target)
{
    std::sort(v.begin(), v.end());
    const auto at = [&](double q) { return v[std::min(v.size() - 1, size_t(q * double(v.size())))]; };
    std::printf("  %-44s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms", what, at(0.5), at(0.99), v.back());
    if (target)
        std::printf("   target p99 <= 16 ms: %s", at(0.99) <= 16.0 ? "met" : "NOT met");
    std::printf("\n");
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const int n = argc > 1 ? std::atoi(argv[1]) : 200;
    ui::ApplicationWizard w(nullptr, RegionModel::builtin(), nullptr);
    w.resize(1366, 768);
    w.show();
    w.resumeDraft({}, filled(), ui::ApplicationWizard::OrganizationPage);
    QApplication::processEvents();

    std::vector<double> switches;
    QElapsedTimer t;
    for (int i = 0; i < n; ++i) {
        t.start();
        w.next(); // organisation -> bank, or bank -> mailing
        w.repaint();
        switches.push_back(double(t.nsecsElapsed()) / 1e6);
        t.start();
        w.back();
        w.repaint();
        switches.push_back(double(t.nsecsElapsed()) / 1e6);
        if (i % 2)
            w.next(); // alternate between the two pairs of pages
        else if (w.currentId() != ui::ApplicationWizard::OrganizationPage)
            w.back();
    }

    QStackedWidget stack;
    stack.addWidget(new QLabel(QStringLiteral("A")));
    stack.addWidget(new QLabel(QStringLiteral("B")));
    stack.resize(1366, 768);
    stack.show();
    QApplication::processEvents();
    std::vector<double> plain;
    for (int i = 0; i < 2 * n; ++i) {
        t.start();
        stack.setCurrentIndex(i % 2);
        stack.repaint();
        plain.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::printf("wizard page switch (%d switches, 1366x768, offscreen)\n", 2 * n);
    report("Next/Back between filled form pages", switches, true);
    report("yardstick: QStackedWidget switch + repaint", plain, false);
    return 0;
}
