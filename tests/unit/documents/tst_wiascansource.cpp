// WiaScanSource over a fake WiaDevices: which device, which WIA properties, the page decoded with its
// resolution, progress and cancel, and WIA's HRESULTs as the same messages SANE's statuses give. The COM part
// (WiaDevicesWin.cpp) needs a Windows machine with a WIA scanner (docs/windows.md).

#include "documents/WiaScanSource.h"

#include <QBuffer>
#include <QTest>

using namespace certdesk::documents;

namespace {

QByteArray bmpPage(int width, int height, int dotsPerMetre)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    for (int x = 0; x < width; ++x)
        image.setPixel(x, height / 2, qRgb(0, 0, 0));
    image.setDotsPerMeterX(dotsPerMetre);
    image.setDotsPerMeterY(dotsPerMetre);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "BMP");
    if (dotsPerMetre == 0) // QImage keeps 96 dpi for 0: clear biXPelsPerMeter and biYPelsPerMeter by hand
        bytes.replace(38, 8, QByteArray(8, '\0'));
    return bytes;
}

struct FakeState
{
    QList<WiaDeviceInfo> devices;
    long listFailure = 0;
    long acquireFailure = 0;
    QByteArray page;
    QList<int> progressSteps {10, 50, 100};
    QList<WiaPageRequest> requests;
    bool cancelledByCallback = false;
};

class FakeWiaDevices final : public WiaDevices
{
public:
    explicit FakeWiaDevices(FakeState* state)
        : m_state(state)
    { }
    bool list(QList<WiaDeviceInfo>* devices, Failure* failure) override
    {
        if (m_state->listFailure) {
            failure->hresult = m_state->listFailure;
            failure->where = QStringLiteral("EnumDeviceInfo");
            return false;
        }
        *devices = m_state->devices;
        return true;
    }
    bool acquire(
        const WiaPageRequest& request, const Progress& progress, QByteArray* page, Failure* failure) override
    {
        m_state->requests.append(request);
        for (const int step : std::as_const(m_state->progressSteps)) {
            if (!progress(step)) {
                m_state->cancelledByCallback = true;
                failure->hresult = wia::False;
                failure->where = QStringLiteral("idtGetData");
                return false;
            }
        }
        if (m_state->acquireFailure) {
            failure->hresult = m_state->acquireFailure;
            failure->where = QStringLiteral("idtGetData");
            return false;
        }
        *page = m_state->page;
        return true;
    }

private:
    FakeState* m_state;
};

const WiaDeviceInfo flatbed {QStringLiteral("{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0000"),
    QStringLiteral("Perfection V39"), QStringLiteral("EPSON"), true};
const WiaDeviceInfo feeder {QStringLiteral("{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001"),
    QStringLiteral("ADS-1200"), QStringLiteral("Brother"), true};
const WiaDeviceInfo camera {QStringLiteral("{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0002"),
    QStringLiteral("Webcam"), QStringLiteral("Generic"), false};

} // namespace

class TestWiaScanSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void devicesAreScannersOnly();
    void scanFirstDevice();
    void scanNamedDeviceGray();
    void unknownOrNoDevice();
    void resolutionFilledInWhenMissing();
    void cancelDuringTransfer();
    void cancelBeforeStart();
    void failures_data();
    void failures();
    void pageThatDoesNotDecode();
};

void TestWiaScanSource::devicesAreScannersOnly()
{
    FakeState state;
    state.devices = {flatbed, camera, feeder};
    WiaScanSource source(std::make_unique<FakeWiaDevices>(&state));
    const auto devices = source.devices();
    QVERIFY(devices.ok());
    QCOMPARE(devices->size(), 2);
    QCOMPARE(devices->at(0).name, flatbed.id);
    QCOMPARE(devices->at(0).displayName(), QStringLiteral("EPSON Perfection V39"));
    QCOMPARE(devices->at(1).name, feeder.id);
}

void TestWiaScanSource::scanFirstDevice()
{
    FakeState state;
    state.devices = {camera, flatbed, feeder};
    state.page = bmpPage(1654, 2339, 7874);
    WiaScanSource source(std::make_unique<FakeWiaDevices>(&state));
    QList<int> seen;
    const auto image = source.scan(ScanOptions {}, nullptr, [&seen](int percent) { seen.append(percent); });
    QVERIFY2(image.ok(), qPrintable(image.error().detail));
    QCOMPARE(image->size(), QSize(1654, 2339));
    QCOMPARE(image->dotsPerMeterX(), 7874);
    QCOMPARE(image->pixelColor(10, 2339 / 2), QColor(Qt::black));
    QCOMPARE(seen, (QList<int> {10, 50, 100}));
    QCOMPARE(state.requests.size(), 1);
    const WiaPageRequest& request = state.requests.constFirst();
    QCOMPARE(request.deviceId, flatbed.id); // the camera is not a scanner
    QCOMPARE(request.dpi, 200);
    QCOMPARE(request.dataType, 3); // WIA_DATA_COLOR
    // A4 at 200 dpi: 210 mm = 1654 px, 297 mm = 2339 px.
    QCOMPARE(request.widthPixels, 1654);
    QCOMPARE(request.heightPixels, 2339);
}

void TestWiaScanSource::scanNamedDeviceGray()
{
    FakeState state;
    state.devices = {flatbed, feeder};
    state.page = bmpPage(100, 100, 11811);
    WiaScanSource source(std::make_unique<FakeWiaDevices>(&state));
    ScanOptions options;
    options.device = feeder.id;
    options.mode = ScanColorMode::Gray;
    options.resolutionDpi = 300;
    options.areaMm = QSizeF(100.0, 50.0);
    QVERIFY(source.scan(options).ok());
    const WiaPageRequest& request = state.requests.constFirst();
    QCOMPARE(request.deviceId, feeder.id);
    QCOMPARE(request.dataType, 2); // WIA_DATA_GRAYSCALE
    QCOMPARE(request.dpi, 300);
    QCOMPARE(request.widthPixels, 1181);
    QCOMPARE(request.heightPixels, 591);
    options.mode = ScanColorMode::LineArt;
    QVERIFY(source.scan(options).ok());
    QCOMPARE(state.requests.constLast().dataType, 0); // WIA_DATA_THRESHOLD
}

void TestWiaScanSource::unknownOrNoDevice()
{
    FakeState state;
    state.devices = {flatbed};
    state.page = bmpPage(10, 10, 7874);
    WiaScanSource source(std::make_unique<FakeWiaDevices>(&state));
    ScanOptions options;
    options.device = QStringLiteral("{no-such-device}");
    QCOMPARE(source.scan(options).status(), DocumentStatus::NoScanner);
    state.devices = {camera};
    QCOMPARE(source.scan(ScanOptions {}).status(), DocumentStatus::NoScanner);
    QVERIFY(!source.scan(ScanOptions {}).message().isEmpty());
    QVERIFY(state.requests.isEmpty());
}

void TestWiaScanSource::resolutionFilledInWhenMissing()
{
    FakeState state;
    state.devices = {flatbed};
    state.page = bmpPage(20, 20, 0); // a driver that leaves biXPelsPerMeter at 0
    WiaScanSource source(std::make_unique<FakeWiaDevices>(&state));
    const auto image = source.scan(ScanOptions {});
    QVERIFY(image.ok());
    QCOMPARE(image->dotsPerMeterX(), 7874); // 200 dpi
    QCOMPARE(image->dotsPerMeterY(), 7874);
}

void TestWiaScanSource::cancelDuringTransfer()
{
    FakeState state;
    state.devices = {flatbed};
    state.page = bmpPage(20, 20, 7874);
    WiaScanSource source(std::make_unique<FakeWiaDevices>(&state));
    std::atomic_bool cancel {false};
    const auto image = source.scan(ScanOptions {}, &cancel, [&cancel](int percent) {
        if (percent >= 50)
            cancel = true;
    });
    QCOMPARE(image.status(), DocumentStatus::Cancelled);
    QVERIFY(state.cancelledByCallback);
}

void TestWiaScanSource::cancelBeforeStart()
{
    FakeState state;
    state.devices = {flatbed};
    WiaScanSource source(std::make_unique<FakeWiaDevices>(&state));
    const std::atomic_bool cancel {true};
    QCOMPARE(source.scan(ScanOptions {}, &cancel).status(), DocumentStatus::Cancelled);
    QVERIFY(state.requests.isEmpty());
}

void TestWiaScanSource::failures_data()
{
    QTest::addColumn<long>("hresult");
    QTest::addColumn<DocumentStatus>("status");
    QTest::newRow("jam") << wia::PaperJam << DocumentStatus::ScannerJammed;
    QTest::newRow("feeder empty") << wia::PaperEmpty << DocumentStatus::ScannerNoPaper;
    QTest::newRow("cover open") << wia::CoverOpen << DocumentStatus::ScannerCoverOpen;
    QTest::newRow("busy") << wia::Busy << DocumentStatus::ScannerBusy;
    QTest::newRow("warming up") << wia::WarmingUp << DocumentStatus::ScannerBusy;
    QTest::newRow("offline") << wia::Offline << DocumentStatus::NoScanner;
    QTest::newRow("gone") << wia::NoDeviceAvailable << DocumentStatus::NoScanner;
    QTest::newRow("communication") << wia::DeviceCommunication << DocumentStatus::ScannerNotResponding;
    QTest::newRow("driver exception") << wia::ExceptionInDriver << DocumentStatus::ScannerDriverCrashed;
    QTest::newRow("access denied") << wia::AccessDenied << DocumentStatus::ScannerAccessDenied;
    QTest::newRow("cancelled") << wia::Cancelled << DocumentStatus::Cancelled;
    QTest::newRow("general") << wia::GeneralError << DocumentStatus::ScanFailed;
    QTest::newRow("unknown") << long(0x80004005) << DocumentStatus::ScanFailed; // E_FAIL
}

void TestWiaScanSource::failures()
{
    QFETCH(long, hresult);
    QFETCH(DocumentStatus, status);
    QCOMPARE(wiaDocumentStatus(hresult), status);
    FakeState state;
    state.devices = {flatbed};
    state.acquireFailure = hresult;
    WiaScanSource source(std::make_unique<FakeWiaDevices>(&state));
    const auto image = source.scan(ScanOptions {});
    QCOMPARE(image.status(), status);
    QVERIFY(!image.message().isEmpty());
    // The detail names the call and the HRESULT, for the log.
    QVERIFY(image.error().detail.contains(QStringLiteral("idtGetData")));
    QVERIFY(image.error().detail.contains(QString::number(quint32(hresult), 16)));
    // Listing fails the same way.
    state.listFailure = hresult;
    QCOMPARE(source.devices().status(), status);
}

void TestWiaScanSource::pageThatDoesNotDecode()
{
    FakeState state;
    state.devices = {flatbed};
    state.page = QByteArray("BM this is not a bitmap");
    WiaScanSource source(std::make_unique<FakeWiaDevices>(&state));
    const auto image = source.scan(ScanOptions {});
    QCOMPARE(image.status(), DocumentStatus::ScanFailed);
    QVERIFY(image.error().detail.contains(QStringLiteral("BMP")));
}

QTEST_GUILESS_MAIN(TestWiaScanSource)
#include "tst_wiascansource.moc"
