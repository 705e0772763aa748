// WiaDevices on Windows: WIA 1.0 through COM (Microsoft, "Windows Image Acquisition (WIA)": IWiaDevMgr,
// IWiaItem, IWiaPropertyStorage, IWiaDataTransfer::idtGetData with TYMED_FILE and an IWiaDataCallback for
// progress and cancel). Each call runs on the calling thread in its own apartment (the scan job's thread).
#include "documents/WiaScanSource.h"

#include <QFile>

// clang-format off
#include <windows.h>
#include <objbase.h>
#include <initguid.h>
#include <wia.h>
#include <wiadef.h>
#include <sti.h>
// clang-format on

namespace certdesk::documents {

namespace {

template<typename T>
class ComPtr
{
public:
    ComPtr() = default;
    ~ComPtr() { reset(); }
    ComPtr(const ComPtr&) = delete;
    ComPtr& operator=(const ComPtr&) = delete;
    T** out()
    {
        reset();
        return &m_p;
    }
    T* get() const { return m_p; }
    T* operator->() const { return m_p; }
    explicit operator bool() const { return m_p != nullptr; }
    void reset()
    {
        if (m_p)
            m_p->Release();
        m_p = nullptr;
    }

private:
    T* m_p = nullptr;
};

// COM for this thread, for the duration of one call.
class Apartment
{
public:
    Apartment()
        : m_result(CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED))
    { }
    ~Apartment()
    {
        if (SUCCEEDED(m_result))
            CoUninitialize();
    }
    // RPC_E_CHANGED_MODE: the thread has COM already, in another model; that one is used.
    [[nodiscard]] bool ok() const { return SUCCEEDED(m_result) || m_result == RPC_E_CHANGED_MODE; }
    [[nodiscard]] HRESULT result() const { return m_result; }

private:
    HRESULT m_result;
};

class Bstr
{
public:
    explicit Bstr(const QString& text)
        : m_bstr(SysAllocStringLen(reinterpret_cast<const OLECHAR*>(text.utf16()), UINT(text.size())))
    { }
    ~Bstr() { SysFreeString(m_bstr); }
    Bstr(const Bstr&) = delete;
    Bstr& operator=(const Bstr&) = delete;
    BSTR get() const { return m_bstr; }

private:
    BSTR m_bstr;
};

bool fail(WiaDevices::Failure* failure, HRESULT hr, const char* where)
{
    failure->hresult = long(hr);
    failure->where = QString::fromLatin1(where);
    return false;
}

PROPSPEC propertySpec(PROPID id)
{
    PROPSPEC spec {};
    spec.ulKind = PRSPEC_PROPID;
    spec.propid = id;
    return spec;
}

// One property read as a PROPVARIANT, handed to `take` and cleared.
template<typename Take>
void readProperty(IWiaPropertyStorage* storage, PROPID id, Take take)
{
    const PROPSPEC spec = propertySpec(id);
    PROPVARIANT value;
    PropVariantInit(&value);
    if (SUCCEEDED(storage->ReadMultiple(1, &spec, &value)))
        take(value);
    PropVariantClear(&value);
}

QString stringProperty(IWiaPropertyStorage* storage, PROPID id)
{
    QString text;
    readProperty(storage, id, [&text](const PROPVARIANT& value) {
        if (value.vt == VT_BSTR && value.bstrVal)
            text = QString::fromWCharArray(value.bstrVal);
    });
    return text;
}

long longProperty(IWiaPropertyStorage* storage, PROPID id, long fallback)
{
    long result = fallback;
    readProperty(storage, id, [&result](const PROPVARIANT& value) {
        if (value.vt == VT_I4)
            result = value.lVal;
    });
    return result;
}

HRESULT writeProperty(IWiaPropertyStorage* storage, PROPID id, PROPVARIANT& value)
{
    const PROPSPEC spec = propertySpec(id);
    return storage->WriteMultiple(1, &spec, &value, WIA_IPA_FIRST);
}

HRESULT writeLong(IWiaPropertyStorage* storage, PROPID id, long number)
{
    PROPVARIANT value;
    PropVariantInit(&value);
    value.vt = VT_I4;
    value.lVal = number;
    return writeProperty(storage, id, value);
}

HRESULT writeGuid(IWiaPropertyStorage* storage, PROPID id, const GUID& guid)
{
    PROPVARIANT value;
    PropVariantInit(&value);
    GUID copy = guid;
    value.vt = VT_CLSID;
    value.puuid = &copy;
    return writeProperty(storage, id, value);
}

// Progress and cancel during idtGetData: S_FALSE from BandedDataCallback ends the transfer.
class Callback final : public IWiaDataCallback
{
public:
    explicit Callback(const WiaDevices::Progress& progress)
        : m_progress(progress)
    { }
    HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void** object) override
    {
        if (riid == IID_IUnknown || riid == IID_IWiaDataCallback) {
            *object = static_cast<IWiaDataCallback*>(this);
            AddRef();
            return S_OK;
        }
        *object = nullptr;
        return E_NOINTERFACE;
    }
    ULONG STDMETHODCALLTYPE AddRef() override { return ULONG(InterlockedIncrement(&m_references)); }
    ULONG STDMETHODCALLTYPE Release() override { return ULONG(InterlockedDecrement(&m_references)); }
    HRESULT STDMETHODCALLTYPE BandedDataCallback(
        LONG message, LONG, LONG percent, LONG, LONG, LONG, LONG, BYTE*) override
    {
        if (message == IT_MSG_STATUS || message == IT_MSG_DATA || message == IT_MSG_TERMINATION) {
            if (m_progress && !m_progress(int(percent))) {
                m_cancelled = true;
                return S_FALSE;
            }
        }
        return S_OK;
    }
    [[nodiscard]] bool cancelled() const { return m_cancelled; }

private:
    const WiaDevices::Progress& m_progress;
    LONG m_references = 1; // on the stack: never deleted through Release
    bool m_cancelled = false;
};

// The WIA device manager (a local COM server) in this thread's apartment.
bool openManager(const Apartment& apartment, ComPtr<IWiaDevMgr>& manager, WiaDevices::Failure* failure)
{
    if (!apartment.ok())
        return fail(failure, apartment.result(), "CoInitializeEx");
    const HRESULT hr = CoCreateInstance(CLSID_WiaDevMgr, nullptr, CLSCTX_LOCAL_SERVER, IID_IWiaDevMgr,
        reinterpret_cast<void**>(manager.out()));
    return SUCCEEDED(hr) || fail(failure, hr, "CoCreateInstance(WiaDevMgr)");
}

class SystemWiaDevices final : public WiaDevices
{
public:
    bool list(QList<WiaDeviceInfo>* devices, Failure* failure) override
    {
        const Apartment apartment;
        ComPtr<IWiaDevMgr> manager;
        if (!openManager(apartment, manager, failure))
            return false;
        HRESULT hr = S_OK;
        ComPtr<IEnumWIA_DEV_INFO> enumerator;
        hr = manager->EnumDeviceInfo(WIA_DEVINFO_ENUM_LOCAL, enumerator.out());
        if (FAILED(hr))
            return fail(failure, hr, "EnumDeviceInfo");
        devices->clear();
        for (;;) {
            ComPtr<IWiaPropertyStorage> storage;
            ULONG fetched = 0;
            hr = enumerator->Next(1, storage.out(), &fetched);
            if (hr != S_OK || fetched == 0)
                break;
            WiaDeviceInfo device;
            device.id = stringProperty(storage.get(), WIA_DIP_DEV_ID);
            device.name = stringProperty(storage.get(), WIA_DIP_DEV_NAME);
            device.vendor = stringProperty(storage.get(), WIA_DIP_VEND_DESC);
            device.scanner = GET_STIDEVICE_TYPE(longProperty(storage.get(), WIA_DIP_DEV_TYPE, 0))
                == StiDeviceTypeScanner;
            if (!device.id.isEmpty())
                devices->append(device);
        }
        return true;
    }

    bool acquire(
        const WiaPageRequest& request, const Progress& progress, QByteArray* page, Failure* failure) override
    {
        const Apartment apartment;
        ComPtr<IWiaDevMgr> manager;
        if (!openManager(apartment, manager, failure))
            return false;
        HRESULT hr = S_OK;
        const Bstr id(request.deviceId);
        ComPtr<IWiaItem> root;
        hr = manager->CreateDevice(id.get(), root.out());
        if (FAILED(hr))
            return fail(failure, hr, "CreateDevice");
        // The first image item below the root: the flatbed (or the feeder, as the driver orders them).
        ComPtr<IEnumWiaItem> children;
        hr = root->EnumChildItems(children.out());
        if (FAILED(hr))
            return fail(failure, hr, "EnumChildItems");
        ComPtr<IWiaItem> item;
        for (;;) {
            ComPtr<IWiaItem> child;
            ULONG fetched = 0;
            if (children->Next(1, child.out(), &fetched) != S_OK || fetched == 0)
                break;
            LONG type = 0;
            if (SUCCEEDED(child->GetItemType(&type)) && (type & WiaItemTypeImage)) {
                *item.out() = child.get();
                item->AddRef();
                break;
            }
        }
        if (!item)
            return fail(failure, HRESULT(wia::NoDeviceAvailable), "no image item on the device");

        ComPtr<IWiaPropertyStorage> properties;
        hr = item->QueryInterface(IID_IWiaPropertyStorage, reinterpret_cast<void**>(properties.out()));
        if (FAILED(hr))
            return fail(failure, hr, "IWiaPropertyStorage");
        // Resolution first: the extents are in pixels at that resolution. A property the driver refuses is
        // left at its default rather than failing the scan.
        writeLong(properties.get(), WIA_IPS_XRES, request.dpi);
        writeLong(properties.get(), WIA_IPS_YRES, request.dpi);
        writeLong(properties.get(), WIA_IPA_DATATYPE, request.dataType);
        writeLong(properties.get(), WIA_IPA_DEPTH,
            request.dataType == 3       ? 24
                : request.dataType == 2 ? 8
                                        : 1);
        if (request.widthPixels > 0)
            writeLong(properties.get(), WIA_IPS_XEXTENT, request.widthPixels);
        if (request.heightPixels > 0)
            writeLong(properties.get(), WIA_IPS_YEXTENT, request.heightPixels);
        hr = writeLong(properties.get(), WIA_IPA_TYMED, TYMED_FILE);
        if (FAILED(hr))
            return fail(failure, hr, "WIA_IPA_TYMED");
        hr = writeGuid(properties.get(), WIA_IPA_FORMAT, WiaImgFmt_BMP);
        if (FAILED(hr))
            return fail(failure, hr, "WIA_IPA_FORMAT");

        ComPtr<IWiaDataTransfer> transfer;
        hr = item->QueryInterface(IID_IWiaDataTransfer, reinterpret_cast<void**>(transfer.out()));
        if (FAILED(hr))
            return fail(failure, hr, "IWiaDataTransfer");
        STGMEDIUM medium {};
        medium.tymed = TYMED_FILE;
        medium.lpszFileName = nullptr; // WIA picks a temporary file
        Callback callback(progress);
        hr = transfer->idtGetData(&medium, &callback);
        QString file;
        if (medium.tymed == TYMED_FILE && medium.lpszFileName)
            file = QString::fromWCharArray(medium.lpszFileName);
        if (hr == S_OK && !file.isEmpty()) {
            QFile bmp(file);
            if (bmp.open(QIODevice::ReadOnly))
                *page = bmp.readAll();
        }
        if (!file.isEmpty())
            DeleteFileW(medium.lpszFileName);
        ReleaseStgMedium(&medium);
        if (callback.cancelled())
            return fail(failure, HRESULT(wia::Cancelled), "idtGetData");
        if (hr != S_OK)
            return fail(failure, hr == S_FALSE ? HRESULT(wia::Cancelled) : hr, "idtGetData");
        if (page->isEmpty())
            return fail(failure, HRESULT(wia::GeneralError), "reading the transferred page");
        return true;
    }
};

} // namespace

std::unique_ptr<WiaDevices> WiaDevices::createSystem()
{
    return std::make_unique<SystemWiaDevices>();
}

} // namespace certdesk::documents
