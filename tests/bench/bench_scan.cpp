// Benchmark: one scan as CertDesk does it — SANE in certdesk-scan-helper, a fresh helper process per scan
// (ProcessScanSource), start-up and the image's trip through the pipe included — next to the yardstick, the
// same scan with SaneScanSource in this process (how CertDesk scanned before the helper). SANE's virtual
// "test" scanner: a colour page of 200 x 200 mm at 200 dpi (1575 x 1575 pixels, 7.4 MB of RGB), and a small
// grey one (50 dpi) where start-up dominates. Steady state (a source that has scanned before: its spare
// helper is waiting) and the first scan of a new source (helper start-up, or sane_init in process) apart.
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
#include <thread>
#include <vector>

using namespace certdesk::documents;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
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

// Median milliseconds of `n` scans (after `warmUp` scans that are not counted), `pause` apart (not timed).
double time(ScanSource& source, const ScanOptions& options, int n, int warmUp = 1,
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
    return median(ms);
}

} // namespace

// Median milliseconds of the first scan of `n` new sources made by `make`.
template<typename Make>
double timeFirst(Make make, const ScanOptions& options, int n)
{
    std::vector<double> ms;
    for (int i = 0; i < n; ++i) {
        QElapsedTimer clock;
        clock.start();
        auto source = make();
        const DocumentResult<QImage> image = source->scan(options);
        ms.push_back(double(clock.nsecsElapsed()) / 1e6);
        if (!image) {
            std::fprintf(stderr, "scan failed: %s\n", qPrintable(image.error().detail));
            std::exit(1);
        }
    }
    return median(ms);
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
    ProcessScanSource helper(executable);
    std::printf("scan (median of %d, ms)                     helper process   in-process (yardstick)\n", n);
    for (const auto& [label, options] :
        {std::pair {"colour 200 dpi, 200x200 mm", page(200, ScanColorMode::Color)},
            std::pair {"grey 50 dpi, 200x200 mm   ", page(50, ScanColorMode::Gray)}}) {
        const double viaHelper = time(helper, options, n);
        double inProcess = 0;
        {
            SaneScanSource sane;
            inProcess = time(sane, options, n);
        }
        std::printf("  %s, back to back %8.1f         %8.1f   (%+.1f ms)\n", label, viaHelper, inProcess,
            viaHelper - inProcess);
        // A person scans pages seconds apart: by then the spare helper has started (its start-up takes
        // tens of milliseconds, more than one scan of the virtual scanner). 300 ms apart, untimed.
        const double paced = time(helper, options, n, 1, std::chrono::milliseconds(300));
        double pacedInProcess = 0;
        {
            SaneScanSource sane;
            pacedInProcess = time(sane, options, n, 1, std::chrono::milliseconds(300));
        }
        std::printf("  %s, 300 ms apart %8.1f         %8.1f   (%+.1f ms)\n", label, paced, pacedInProcess,
            paced - pacedInProcess);
        const double firstHelper = timeFirst(
            [&executable] { return std::make_unique<ProcessScanSource>(executable); }, options, n);
        const double firstInProcess
            = timeFirst([] { return std::make_unique<SaneScanSource>(); }, options, n);
        std::printf("  %s, first scan   %8.1f         %8.1f   (%+.1f ms)\n", label, firstHelper,
            firstInProcess, firstHelper - firstInProcess);
    }
    return 0;
}
