// Benchmark: one scan as CertDesk does it — SANE in certdesk-scan-helper, a fresh helper process per scan
// (ProcessScanSource; forked by the application's scan fork server), start-up and the page's trip to this
// process included — next to the yardstick, the same scan with SaneScanSource in this process (how CertDesk
// scanned before the helper). SANE's virtual "test" scanner: a colour page of 200 x 200 mm at 200 dpi
// (1575 x 1575 pixels, 7.4 MB of RGB), and a small grey one (50 dpi) where fixed costs dominate. First the
// process's first scan (the fork server starts), then steady state (a source that has scanned before: its
// spare helper is waiting) and the first scan of a new source (its helper forked, or sane_init in process).
// Each figure is the median of n scans with the middle half of them (25th to 75th percentile) after it.
#include "documents/ProcessScanSource.h"
#include "documents/SaneScanSource.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>
#include <vector>

using namespace certdesk::documents;

namespace {

// "median (p25–p75)" of milliseconds; the median also on its own, for the difference.
struct Spread
{
    double median = 0;
    double low = 0;
    double high = 0;
};

Spread spread(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const auto at = [&v](double q) { return v[size_t(q * double(v.size() - 1) + 0.5)]; };
    return {at(0.5), at(0.25), at(0.75)};
}

void print(const char* label, const char* kind, const Spread& helper, const Spread& inProcess)
{
    std::printf("  %s, %-26s %6.1f (%5.1f–%5.1f)   %6.1f (%5.1f–%5.1f)   %+6.1f\n", label, kind,
        helper.median, helper.low, helper.high, inProcess.median, inProcess.low, inProcess.high,
        helper.median - inProcess.median);
}

ScanOptions page(int dpi, ScanColorMode mode)
{
    ScanOptions options;
    options.device = QStringLiteral("test:0");
    options.resolutionDpi = dpi;
    options.mode = mode;
    options.areaMm = QSizeF(200, 200);
    options.deviceOptions = {{QStringLiteral("test-picture"), QStringLiteral("Color pattern")}};
    return options;
}

// Milliseconds of `n` scans (after `warmUp` scans that are not counted), `pause` apart (not timed).
Spread time(ScanSource& source, const ScanOptions& options, int n, int warmUp = 1,
    std::chrono::milliseconds pause = std::chrono::milliseconds(0))
{
    std::vector<double> ms;
    for (int i = 0; i < n + warmUp; ++i) {
        if (pause.count() > 0)
            std::this_thread::sleep_for(pause);
        QElapsedTimer clock;
        clock.start();
        const DocumentResult<QImage> image = source.scan(options);
        const double elapsed = double(clock.nsecsElapsed()) / 1e6;
        if (!image) {
            std::fprintf(stderr, "scan failed: %s\n", qPrintable(image.error().detail));
            std::exit(1);
        }
        if (i >= warmUp)
            ms.push_back(elapsed);
    }
    return spread(ms);
}

} // namespace

// Milliseconds of the first scan of `n` new sources made by `make`, counted from before `make`; `ready`
// runs on each source first, `pause` before the scan (both not timed).
template<typename Make, typename Ready>
Spread timeFirst(Make make, Ready ready, std::chrono::milliseconds pause, const ScanOptions& options, int n)
{
    std::vector<double> ms;
    for (int i = 0; i < n; ++i) {
        QElapsedTimer clock;
        clock.start();
        auto source = make();
        if (pause.count() > 0) {
            ready(*source);
            std::this_thread::sleep_for(pause);
            clock.start();
        }
        const DocumentResult<QImage> image = source->scan(options);
        ms.push_back(double(clock.nsecsElapsed()) / 1e6);
        if (!image) {
            std::fprintf(stderr, "scan failed: %s\n", qPrintable(image.error().detail));
            std::exit(1);
        }
    }
    return spread(ms);
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv); // the helper's I/O thread runs an event loop
    const int n = argc > 1 ? std::max(1, std::atoi(argv[1])) : 9;
    QTemporaryDir config;
    QFile dll(config.filePath(QStringLiteral("dll.conf")));
    if (!dll.open(QIODevice::WriteOnly))
        return 1;
    dll.write("test\n");
    dll.close();
    qputenv("SANE_CONFIG_DIR", config.path().toLocal8Bit());

    const QString executable = QStringLiteral(CERTDESK_SCAN_HELPER_EXECUTABLE);
    // Once per application: its first scan starts the fork server (loading Qt Core, SANE and their
    // libraries), which every later helper is forked from. The application starts it when the centre opens
    // (prepare()); here the caller waits for it. In process: SANE's first sane_init and backend load.
    {
        const ScanOptions grey = page(50, ScanColorMode::Gray);
        QElapsedTimer clock;
        clock.start();
        ProcessScanSource cold(executable);
        const bool helperOk = cold.scan(grey).ok();
        const double helperMs = double(clock.nsecsElapsed()) / 1e6;
        clock.start();
        SaneScanSource sane;
        const bool saneOk = sane.scan(grey).ok();
        const double saneMs = double(clock.nsecsElapsed()) / 1e6;
        if (!helperOk || !saneOk) {
            std::fprintf(stderr, "first scan failed\n");
            return 1;
        }
        std::printf("first scan of the process, grey 50 dpi (fork server starts): helper %.1f ms, in-process "
                    "%.1f ms\n",
            helperMs, saneMs);
    }

    ProcessScanSource helper(executable);
    std::printf(
        "scan, ms: median (p25–p75) of %d             helper process          in-process (yardstick)   "
        "difference\n",
        n);
    constexpr std::chrono::milliseconds apart {300};
    for (const auto& [label, options] : {std::pair {"colour 200 dpi", page(200, ScanColorMode::Color)},
             std::pair {"grey 50 dpi   ", page(50, ScanColorMode::Gray)}}) {
        const Spread viaHelper = time(helper, options, n);
        Spread inProcess;
        {
            SaneScanSource sane;
            inProcess = time(sane, options, n);
        }
        print(label, "back to back", viaHelper, inProcess);
        // A person scans pages seconds apart: by then the spare helper is waiting. 300 ms apart, untimed.
        const Spread paced = time(helper, options, n, 1, apart);
        Spread pacedInProcess;
        {
            SaneScanSource sane;
            pacedInProcess = time(sane, options, n, 1, apart);
        }
        print(label, "300 ms apart", paced, pacedInProcess);
        // The first scan of a new source, at once: its helper is forked while the caller waits (the fork
        // server runs already: it is the application's), as SANE initialises in process. Then as the
        // application does it: the source is made (and prepared) when the page with the scan button opens,
        // and the person presses it later.
        auto makeHelper = [&executable] { return std::make_unique<ProcessScanSource>(executable); };
        auto makeSane = [] { return std::make_unique<SaneScanSource>(); };
        const Spread firstHelper = timeFirst(
            makeHelper, [](ProcessScanSource&) {}, {}, options, n);
        const Spread firstInProcess = timeFirst(
            makeSane, [](SaneScanSource&) {}, {}, options, n);
        print(label, "first scan, at once", firstHelper, firstInProcess);
        const Spread preparedHelper = timeFirst(
            makeHelper, [](ProcessScanSource& source) { source.prepare(); }, apart, options, n);
        const Spread preparedInProcess = timeFirst(
            makeSane, [](SaneScanSource&) {}, apart, options, n);
        print(label, "first scan, 300 ms later", preparedHelper, preparedInProcess);
    }
    return 0;
}
