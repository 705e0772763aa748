#pragma once

#include "documents/ContentType.h"
#include "documents/DocumentError.h"

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

#include <atomic>
#include <functional>

namespace certdesk::documents {

struct NormalizerOptions
{
    // The service's max_document_bytes (GET /config); 5 MiB by default.
    qint64 maxBytes = 5 * 1024 * 1024;
    // The largest page kept: A4 at 200 dpi (210 x 297 mm -> 1654 x 2339 px), which keeps a stamped form
    // legible. Applied in the picture's own orientation: a landscape picture fits 2339 x 1654. Never
    // upscaled.
    QSize maxPixelSize {1654, 2339};
    // Pictures with more pixels are refused from their header, before any decoding (the service's 422 limit).
    qint64 maxSourcePixels = 50'000'000;
    // JPEG quality steps tried in turn until the result fits maxBytes (then the picture is scaled down
    // further).
    int startQuality = 90;
    int minQuality = 40;
    int qualityStep = 10;
    // Files larger than this are refused without reading them (no document scan is that big).
    qint64 maxInputBytes = 256 * 1024 * 1024;
};

// What goes to PUT /applications/{id}/documents/{kind}.
struct NormalizedDocument
{
    QByteArray bytes;
    ContentType type = ContentType::Unknown;
    QString contentType; // MIME type for the Content-Type header
    QByteArray sha256; // lower-case hex, as the service reports it
    qint64 size = 0;
    QSize pixelSize; // empty for a PDF
    int jpegQuality = -1; // the quality used; -1 for a PDF passed through
};

// Prepares a document for upload: decides the type from the bytes, applies the EXIF orientation, refuses what
// the service would refuse (undecodable, > 50 MP, PDF over the limit) with a clear message, scales a picture
// down to A4 at 200 dpi and JPEG-compresses it until it fits the limit. PDFs under the limit pass unchanged.
//
// Runs anywhere: no GUI thread needed (QImage, QImageReader and QImageWriter only). The GUI runs it in a job
// with a progress callback and a cancel flag, both optional. One instance may be used from one thread at a
// time.
class ImageNormalizer
{
public:
    using ProgressCallback = std::function<void(int percent)>;

    explicit ImageNormalizer(NormalizerOptions options = {});

    [[nodiscard]] const NormalizerOptions& options() const { return m_options; }
    // Called with 0..100 as the work advances (from the calling thread).
    void setProgressCallback(ProgressCallback callback) { m_progress = std::move(callback); }
    // When *flag becomes true the work stops at the next step with DocumentStatus::Cancelled. The flag must
    // outlive the calls.
    void setCancelFlag(const std::atomic_bool* flag) { m_cancel = flag; }

    // A file chosen or dropped by the person: its suffix must match its bytes (checkClaimedType).
    [[nodiscard]] DocumentResult<NormalizedDocument> normalizeFile(const QString& path) const;
    // Bytes from elsewhere; `claimedName` (may be empty) is checked against the bytes like a file name.
    [[nodiscard]] DocumentResult<NormalizedDocument> normalizeBytes(
        const QByteArray& bytes, const QString& claimedName = {}) const;
    // A picture already in memory (a scan): scaled and compressed like a decoded file.
    [[nodiscard]] DocumentResult<NormalizedDocument> normalizeImage(const QImage& image) const;

private:
    [[nodiscard]] DocumentResult<NormalizedDocument> normalizePdf(const QByteArray& bytes) const;
    [[nodiscard]] DocumentResult<NormalizedDocument> decodeAndEncode(
        const QByteArray& bytes, ContentType type) const;
    [[nodiscard]] DocumentResult<NormalizedDocument> encode(QImage image) const;
    [[nodiscard]] QSize targetSize(QSize displayed) const;
    [[nodiscard]] bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
    void progress(int percent) const;

    NormalizerOptions m_options;
    ProgressCallback m_progress;
    const std::atomic_bool* m_cancel = nullptr;
};

} // namespace certdesk::documents
