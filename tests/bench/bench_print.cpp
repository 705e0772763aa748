// Benchmark: the authorization letter to PDF (what "save as PDF" and the upload page's template download do).
// Target: <= 50 ms per letter on the 2-core reference machine. Yardstick printed alongside: QPdfWriter
// writing one empty A4 page at the same resolution, i.e. the floor of any PDF this way.
#include "domain/Translations.h"
#include "print/LetterLayout.h"
#include "print/PdfExport.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace certdesk;
using namespace certdesk::print;

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

std::vector<double> run(int n, const std::function<bool()>& work)
{
    std::vector<double> times;
    times.reserve(size_t(n));
    QElapsedTimer t;
    for (int i = 0; i < n; ++i) {
        t.start();
        if (!work())
            return {};
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    return times;
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM",
        qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QGuiApplication app(argc, argv);
    const int n = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;

    // Chinese, as printed by default (the built-in catalogue).
    installTranslations(app, QStringLiteral("zh_CN"));

    QFile data(QStringLiteral(CERTDESK_SOURCE_DIR "/tests/unit/print/data/forms.json"));
    if (!data.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(data.fileName()));
        return 1;
    }
    const QJsonObject forms = QJsonDocument::fromJson(data.readAll()).object();
    const Application institution
        = Application::fromDraftJson(forms.value(QStringLiteral("institution")).toObject());
    const Application person
        = Application::fromDraftJson(forms.value(QStringLiteral("natural_person")).toObject());
    FormOptions options;
    options.date = QDate(2025, 7, 10);

    auto letter = [&options](const Application& a) {
        return [&options, &a] {
            QBuffer buffer;
            return renderLetterPdf(a, &buffer, options).ok() && buffer.size() > 0;
        };
    };
    auto eseal = [&options, &institution] {
        QBuffer buffer;
        return renderESealFormPdf(institution, &buffer, options).ok() && buffer.size() > 0;
    };
    auto emptyPage = [] {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setResolution(300);
        writer.setPageSize(QPageSize(QPageSize::A4));
        QPainter painter(&writer);
        return painter.end() && buffer.size() > 0;
    };

    // The first letter of a process loads the CJK font and maps its radicals: reported on its own.
    const std::vector<double> cold = run(1, letter(institution));
    const std::vector<double> a = run(n, letter(institution));
    const std::vector<double> b = run(n, letter(person));
    const std::vector<double> c = run(n, eseal);
    const std::vector<double> floor = run(n, emptyPage);
    if (cold.empty() || a.empty() || b.empty() || c.empty() || floor.empty()) {
        std::fprintf(stderr, "rendering failed\n");
        return 1;
    }
    const Stats sa = stats(a), sb = stats(b), sc = stats(c), sf = stats(floor);
    std::printf("letter to PDF (A4, 300 dpi, fonts embedded; %d runs each)\n", n);
    std::printf("  %-44s %8.2f ms\n", "first letter of the process (font loading)", cold.front());
    std::printf("  %-44s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms   target <= 50 ms: %s\n",
        "institution letter", sa.p50, sa.p99, sa.max, sa.p50 <= 50.0 ? "met" : "NOT met");
    std::printf("  %-44s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms   target <= 50 ms: %s\n",
        "natural-person letter", sb.p50, sb.p99, sb.max, sb.p50 <= 50.0 ? "met" : "NOT met");
    std::printf("  %-44s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n", "e-seal collection form", sc.p50,
        sc.p99, sc.max);
    std::printf("  %-44s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n",
        "yardstick: empty A4 page with QPdfWriter", sf.p50, sf.p99, sf.max);
    return 0;
}
