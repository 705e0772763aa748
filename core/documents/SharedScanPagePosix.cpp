// SharedScanPage on POSIX systems with memfd_create(2) (Linux 3.17+, FreeBSD 13+): an anonymous shared-memory
// file, sized once and sealed, passed to the helper as a descriptor.
#include "documents/SharedScanPage.h"

#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace certdesk::documents {

SharedScanPage::~SharedScanPage()
{
    ::munmap(m_mapping, size_t(m_capacity));
    ::close(m_handle);
}

std::unique_ptr<SharedScanPage> SharedScanPage::create(qint64 capacity)
{
#if defined(MFD_CLOEXEC) && defined(MFD_ALLOW_SEALING) && defined(F_ADD_SEALS)
    if (capacity <= 0)
        return nullptr;
    // Close-on-exec: only the helper it is made for gets it (sent to the fork server, ScanHelperLauncher),
    // never a sibling process that another thread of the application starts at the same moment.
    const int fd = ::memfd_create("certdesk-scan-page", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0)
        return nullptr;
    // A tmpfs file is sparse: the capacity costs nothing until the helper writes. The seals fix the size, so
    // neither side can be cut short while it reads (which would be SIGBUS, mmap(2)).
    if (::ftruncate(fd, off_t(capacity)) != 0
        || ::fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0) {
        ::close(fd);
        return nullptr;
    }
    void* mapping = ::mmap(nullptr, size_t(capacity), PROT_READ, MAP_SHARED, fd, 0);
    if (mapping == MAP_FAILED) {
        ::close(fd);
        return nullptr;
    }
    return std::unique_ptr<SharedScanPage>(new SharedScanPage(fd, mapping, capacity, false));
#else
    Q_UNUSED(capacity);
    return nullptr;
#endif
}

std::unique_ptr<SharedScanPage> SharedScanPage::open(const QString& name, qint64 capacity)
{
    bool ok = false;
    const int fd = name.toInt(&ok);
    struct stat status
    {
    };
    if (!ok || fd <= STDERR_FILENO || capacity <= 0 || ::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)
        || status.st_size != capacity)
        return nullptr;
    // Close-on-exec again: the drivers this process loads may start programs of their own.
    (void)::fcntl(fd, F_SETFD, FD_CLOEXEC);
    void* mapping = ::mmap(nullptr, size_t(capacity), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (mapping == MAP_FAILED)
        return nullptr;
    return std::unique_ptr<SharedScanPage>(new SharedScanPage(fd, mapping, capacity, true));
}

QString SharedScanPage::name() const
{
    return QString::number(m_handle);
}

QByteArrayView SharedScanPage::bytes() const
{
    return QByteArrayView(static_cast<const char*>(m_mapping), m_capacity);
}

bool SharedScanPage::append(const char* data, qsizetype size)
{
    if (!m_writable || size < 0 || size > m_capacity - m_size)
        return false;
    std::memcpy(static_cast<char*>(m_mapping) + m_size, data, size_t(size));
    m_size += size;
    return true;
}

} // namespace certdesk::documents
