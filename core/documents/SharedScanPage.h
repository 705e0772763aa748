#pragma once

#include <QByteArrayView>
#include <QString>

#include <memory>

namespace certdesk::documents {

// Memory shared by ProcessScanSource and its certdesk-scan-helper for the pixels of one page. The helper
// appends them as the driver reads them; the caller reads them in place once the page is complete, so a page
// is copied once on its way (as in-process scanning copies it) instead of through a pipe and the caller's
// buffers, with a wake-up of both processes for every pipe's worth.
//
// The caller creates one page per helper, before the helper starts, and passes it to the helper
// (ScanHelperLauncher: a descriptor sent to the fork server; a helper started on its own takes the
// descriptor's number on its command line); the helper opens it by that name. The page never grows or shrinks
// after creation (so a reader never faults on a page the other side cut short); unused capacity costs no
// memory.
//
// POSIX (Linux, FreeBSD): a sealed memfd (memfd_create(2), fcntl(2) F_ADD_SEALS), passed to the helper
// (SharedScanPagePosix.cpp). Where there is none, create() gives nullptr and the page crosses the pipe
// (ScanHelperProtocol.h); a Windows implementation would back the same interface by a file mapping.
class SharedScanPage
{
public:
    // Caller: a new page of `capacity` bytes, mapped read-only here; nullptr when the platform has none.
    [[nodiscard]] static std::unique_ptr<SharedScanPage> create(qint64 capacity);
    // Helper: the page `name` (as name() gave it to the caller) mapped for writing; nullptr when it is not a
    // page of `capacity` bytes.
    [[nodiscard]] static std::unique_ptr<SharedScanPage> open(const QString& name, qint64 capacity);

    ~SharedScanPage();
    SharedScanPage(const SharedScanPage&) = delete;
    SharedScanPage& operator=(const SharedScanPage&) = delete;

    // What the helper's command line names the page by.
    [[nodiscard]] QString name() const;
    // The descriptor (POSIX) the page is passed to the helper by (ScanHelperLauncher); -1 where there is
    // none.
    [[nodiscard]] int handle() const { return m_handle; }

    [[nodiscard]] qint64 capacity() const { return m_capacity; }
    // Caller: the whole capacity, read-only; what the helper reported written is valid.
    [[nodiscard]] QByteArrayView bytes() const;
    // Helper: appends after what was appended before; false (nothing written) when it does not fit.
    [[nodiscard]] bool append(const char* data, qsizetype size);
    [[nodiscard]] qint64 size() const { return m_size; }

private:
    SharedScanPage(int handle, void* mapping, qint64 capacity, bool writable)
        : m_handle(handle)
        , m_mapping(mapping)
        , m_capacity(capacity)
        , m_writable(writable)
    { }

    int m_handle;
    void* m_mapping;
    qint64 m_capacity;
    bool m_writable;
    qint64 m_size = 0;
};

} // namespace certdesk::documents
