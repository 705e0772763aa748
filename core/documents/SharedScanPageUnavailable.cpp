// SharedScanPage where there is no implementation yet (Windows: a file mapping would do; the scan helper is
// not built there today): no shared page, so ProcessScanSource sends the page through the helper's pipe.
#include "documents/SharedScanPage.h"

namespace certdesk::documents {

SharedScanPage::~SharedScanPage() = default;

std::unique_ptr<SharedScanPage> SharedScanPage::create(qint64)
{
    return nullptr;
}

std::unique_ptr<SharedScanPage> SharedScanPage::open(const QString&, qint64)
{
    return nullptr;
}

// No page is ever made here, so what follows never runs.

QString SharedScanPage::name() const
{
    return QString::number(m_handle);
}

QByteArrayView SharedScanPage::bytes() const
{
    return QByteArrayView(static_cast<const char*>(m_mapping), m_capacity);
}

bool SharedScanPage::append(const char*, qsizetype)
{
    (void)m_writable;
    return false;
}

} // namespace certdesk::documents
