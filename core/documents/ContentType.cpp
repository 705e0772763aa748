#include "documents/ContentType.h"

#include <QFileInfo>

namespace certdesk::documents {

ContentType sniffContentType(QByteArrayView bytes)
{
    auto startsWith = [&](QByteArrayView magic) {
        return bytes.size() >= magic.size() && bytes.first(magic.size()) == magic;
    };
    if (startsWith("\xFF\xD8\xFF"))
        return ContentType::Jpeg;
    if (startsWith("\x89PNG\r\n\x1A\n"))
        return ContentType::Png;
    if (startsWith("GIF87a") || startsWith("GIF89a"))
        return ContentType::Gif;
    // "BM" alone would also match text starting with "BM"; a real BITMAPFILEHEADER is 14 bytes plus a DIB
    // header, so require at least that much.
    if (startsWith("BM") && bytes.size() >= 26)
        return ContentType::Bmp;
    if (startsWith("%PDF-"))
        return ContentType::Pdf;
    return ContentType::Unknown;
}

bool isImage(ContentType type)
{
    return type == ContentType::Jpeg || type == ContentType::Png || type == ContentType::Gif
        || type == ContentType::Bmp;
}

QString mimeType(ContentType type)
{
    switch (type) {
    case ContentType::Jpeg:
        return QStringLiteral("image/jpeg");
    case ContentType::Png:
        return QStringLiteral("image/png");
    case ContentType::Gif:
        return QStringLiteral("image/gif");
    case ContentType::Bmp:
        return QStringLiteral("image/bmp");
    case ContentType::Pdf:
        return QStringLiteral("application/pdf");
    case ContentType::Unknown:
        break;
    }
    return {};
}

ContentType contentTypeFromMimeType(const QString& mime)
{
    const QString m = mime.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (m == QLatin1String("image/jpeg") || m == QLatin1String("image/jpg")
        || m == QLatin1String("image/pjpeg"))
        return ContentType::Jpeg;
    if (m == QLatin1String("image/png"))
        return ContentType::Png;
    if (m == QLatin1String("image/gif"))
        return ContentType::Gif;
    if (m == QLatin1String("image/bmp") || m == QLatin1String("image/x-bmp")
        || m == QLatin1String("image/x-ms-bmp"))
        return ContentType::Bmp;
    if (m == QLatin1String("application/pdf"))
        return ContentType::Pdf;
    return ContentType::Unknown;
}

ContentType contentTypeFromFileName(const QString& fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg") || suffix == QLatin1String("jpe"))
        return ContentType::Jpeg;
    if (suffix == QLatin1String("png"))
        return ContentType::Png;
    if (suffix == QLatin1String("gif"))
        return ContentType::Gif;
    if (suffix == QLatin1String("bmp") || suffix == QLatin1String("dib"))
        return ContentType::Bmp;
    if (suffix == QLatin1String("pdf"))
        return ContentType::Pdf;
    return ContentType::Unknown;
}

namespace {

DocumentStatus compare(ContentType claimed, bool claimedSomething, QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return DocumentStatus::Empty;
    const ContentType actual = sniffContentType(bytes);
    if (actual == ContentType::Unknown)
        return DocumentStatus::UnsupportedType;
    if (!claimedSomething)
        return DocumentStatus::Ok;
    if (claimed == actual || (isImage(claimed) && isImage(actual)))
        return DocumentStatus::Ok;
    return DocumentStatus::TypeMismatch;
}

} // namespace

DocumentStatus checkClaimedType(const QString& claimedName, QByteArrayView bytes)
{
    const bool hasSuffix = !QFileInfo(claimedName).suffix().isEmpty();
    return compare(contentTypeFromFileName(claimedName), hasSuffix, bytes);
}

DocumentStatus checkClaimedMimeType(const QString& mime, QByteArrayView bytes)
{
    const QString m = mime.trimmed();
    // application/octet-stream says nothing about the type; the bytes decide.
    const bool says
        = !m.isEmpty() && !m.startsWith(QLatin1String("application/octet-stream"), Qt::CaseInsensitive);
    return compare(contentTypeFromMimeType(m), says, bytes);
}

} // namespace certdesk::documents
