#include "DocumentStore.h"

#include "Secrets.h"

#include "platform/FileAccess.h"

#include <QDir>
#include <QImage>
#include <QImageReader>
#include <QStringList>

namespace certdesk::server {

namespace {

// RAII for one of the decode slots.
class SlotGuard
{
public:
    explicit SlotGuard(std::counting_semaphore<2>& semaphore)
        : m_slots(semaphore)
    {
        m_slots.acquire();
    }
    ~SlotGuard() { m_slots.release(); }
    SlotGuard(const SlotGuard&) = delete;
    SlotGuard& operator=(const SlotGuard&) = delete;

private:
    std::counting_semaphore<2>& m_slots;
};

} // namespace

DocumentStore::DocumentStore(const QString& directory)
    : m_dir(directory)
{ }

bool DocumentStore::init(QString* error)
{
    QDir dir;
    const bool existed = dir.exists(m_dir);
    if (!dir.mkpath(m_dir) || !dir.mkpath(m_dir + QStringLiteral("/tmp"))) {
        if (error)
            *error = QStringLiteral("cannot create %1").arg(m_dir);
        return false;
    }
    // Documents are personal data: the directory is the service user's alone.
    if (!existed) {
        for (const QString& path : QStringList {m_dir, m_dir + QStringLiteral("/tmp")})
            QFile::setPermissions(
                path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    // Temp files of uploads interrupted by a crash are garbage.
    QDir tmp(m_dir + QStringLiteral("/tmp"));
    for (const QString& name : tmp.entryList(QDir::Files))
        tmp.remove(name);
    return true;
}

std::optional<QString> DocumentStore::sniff(const QByteArray& head)
{
    if (head.startsWith(QByteArray::fromRawData("\xFF\xD8\xFF", 3)))
        return QStringLiteral("image/jpeg");
    if (head.startsWith(QByteArray::fromRawData("\x89PNG\r\n\x1A\n", 8)))
        return QStringLiteral("image/png");
    if (head.startsWith("GIF87a") || head.startsWith("GIF89a"))
        return QStringLiteral("image/gif");
    if (head.startsWith("BM"))
        return QStringLiteral("image/bmp");
    if (head.startsWith("%PDF-"))
        return QStringLiteral("application/pdf");
    return std::nullopt;
}

QStringList DocumentStore::acceptedTypes()
{
    return {QStringLiteral("image/jpeg"), QStringLiteral("image/bmp"), QStringLiteral("image/gif"),
        QStringLiteral("image/png"), QStringLiteral("application/pdf")};
}

QString DocumentStore::acceptedType(const QString& contentTypeHeader)
{
    QString type = contentTypeHeader.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (type == QLatin1String("image/jpg") || type == QLatin1String("image/pjpeg"))
        type = QStringLiteral("image/jpeg");
    if (type == QLatin1String("image/x-ms-bmp") || type == QLatin1String("image/x-bmp"))
        type = QStringLiteral("image/bmp");
    return acceptedTypes().contains(type) ? type : QString();
}

DocumentStore::Check DocumentStore::check(const QString& path, const QString& contentType, qint64 maxPixels)
{
    if (contentType == QLatin1String("application/pdf")) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Check::Undecodable;
        // ISO 32000-1 §7.5.5: the last line is %%EOF; allow trailing whitespace or junk within the last 1 KiB
        // as readers do.
        const qint64 size = file.size();
        file.seek(qMax<qint64>(0, size - 1024));
        return file.readAll().contains("%%EOF") ? Check::Ok : Check::Undecodable;
    }
    const QByteArray format = contentType.section(QLatin1Char('/'), 1).toLatin1();
    QImageReader reader(path, format);
    reader.setDecideFormatFromContent(false);
    reader.setAutoTransform(false);
    const QSize size = reader.size(); // header only
    if (!size.isValid() || size.isEmpty())
        return Check::Undecodable;
    if (qint64(size.width()) * qint64(size.height()) > maxPixels)
        return Check::TooManyPixels;
    const SlotGuard slot(m_decodeSlots);
    const QImage image = reader.read();
    return image.isNull() ? Check::Undecodable : Check::Ok;
}

DocumentStore::Upload::Upload(const QString& tempPath)
    : m_file(tempPath)
{
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return;
}

DocumentStore::Upload::~Upload()
{
    if (m_file.isOpen())
        m_file.close();
    if (!m_stored)
        QFile::remove(m_file.fileName());
}

bool DocumentStore::Upload::append(const char* data, size_t size)
{
    if (m_head.size() < 64)
        m_head.append(data, qsizetype(qMin<size_t>(size, size_t(64 - m_head.size()))));
    m_hash.addData(QByteArrayView(data, qsizetype(size)));
    m_size += qint64(size);
    return m_file.write(data, qint64(size)) == qint64(size);
}

bool DocumentStore::Upload::finish()
{
    const bool ok = platform::syncToDisk(m_file);
    m_file.close();
    m_sha256 = QString::fromLatin1(m_hash.result().toHex());
    return ok;
}

std::unique_ptr<DocumentStore::Upload> DocumentStore::begin()
{
    return std::make_unique<Upload>(m_dir + QStringLiteral("/tmp/") + secrets::randomHex(16));
}

bool DocumentStore::store(Upload& upload)
{
    const QString target = pathOf(upload.sha256());
    if (QFile::exists(target)) {
        QFile::remove(upload.path());
    } else if (!QFile::rename(upload.path(), target)) {
        return false;
    }
    upload.m_stored = true;
    platform::syncDirectory(m_dir);
    return true;
}

void DocumentStore::remove(const QString& sha256)
{
    if (QFile::remove(pathOf(sha256)))
        platform::syncDirectory(m_dir);
}

QString DocumentStore::pathOf(const QString& sha256) const
{
    return m_dir + QLatin1Char('/') + sha256;
}

} // namespace certdesk::server
