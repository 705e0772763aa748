#pragma once

#include "documents/DocumentError.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace certdesk::documents {

// The file types the service accepts (API.md, Documents). Decided from the bytes, never from a name.
enum class ContentType
{
    Unknown,
    Jpeg,
    Png,
    Gif,
    Bmp,
    Pdf
};

// Magic numbers: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, GIF "GIF87a"/"GIF89a", BMP "BM", PDF "%PDF-".
// Reads at most the first 8 bytes. Unknown for anything else (a Windows program starts with "MZ").
[[nodiscard]] ContentType sniffContentType(QByteArrayView bytes);

[[nodiscard]] bool isImage(ContentType type);
// "image/jpeg", "image/png", "image/gif", "image/bmp", "application/pdf"; empty for Unknown.
[[nodiscard]] QString mimeType(ContentType type);
[[nodiscard]] ContentType contentTypeFromMimeType(const QString& mime);
// From the file name's suffix (case-insensitive: jpg, jpeg, jpe, png, gif, bmp, dib, pdf); Unknown for no or
// another suffix.
[[nodiscard]] ContentType contentTypeFromFileName(const QString& fileName);

// Whether bytes claimed to be `claimedName` (a file name, or empty when there is none) may be used:
//  - Empty for no bytes; UnsupportedType when the bytes are no accepted type (a renamed .exe);
//  - TypeMismatch when the name has a suffix of another kind than the bytes: a PDF named .jpg, a JPEG named
//    .pdf or .docx. A picture named with another picture's suffix (a PNG saved as .jpg, common with phones
//    and chat apps) is accepted: the normaliser re-encodes every picture, so the declared type never reaches
//    the service;
//  - Ok otherwise, including a name without a suffix.
[[nodiscard]] DocumentStatus checkClaimedType(const QString& claimedName, QByteArrayView bytes);
// The same for a declared MIME type (drag and drop, an upload API): any image type for image bytes, PDF for
// PDF.
[[nodiscard]] DocumentStatus checkClaimedMimeType(const QString& mime, QByteArrayView bytes);

} // namespace certdesk::documents
