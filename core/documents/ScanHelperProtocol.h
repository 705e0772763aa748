#pragma once

#include "documents/DocumentError.h"
#include "documents/ScanSource.h"

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QString>

#include <optional>

namespace certdesk::documents {

// The pipe protocol between ProcessScanSource (the caller) and certdesk-scan-helper (the child that loads the
// scanner drivers). One helper process serves one request:
//
//   caller -> helper (stdin):  one JSON line, the request: {"request": "devices"} or
//                              {"request": "scan", "options": {...}}; later the line "cancel", or end of file
//                              (the caller is gone: the helper cancels and exits).
//   helper -> caller (stdout): JSON lines, each one message: {"progress": 0..100}, then exactly one final
//                              message: {"devices": [...]}, {"error": {"status", "detail"}} or
//                              {"image": {"width", "height", "format", "bytes_per_line", "dpm_x", "dpm_y",
//                              "color_table", "size"}} followed by `size` raw bytes of pixel rows.
//
// The helper keeps its stdout for the protocol only (driver chatter goes to stderr). Everything here is plain
// data, shared by both sides and unit-tested on its own, so that a truncated or garbled stream from a dying
// helper is an error value, never a crash.
namespace scanhelper {

inline constexpr QLatin1StringView cancelLine("cancel");

// A machine name for each status ("ScannerJammed"), and back; unknown names give std::nullopt.
[[nodiscard]] QString statusName(DocumentStatus status);
[[nodiscard]] std::optional<DocumentStatus> statusFromName(const QString& name);

// Requests.
[[nodiscard]] QByteArray devicesRequest();
[[nodiscard]] QByteArray scanRequest(const ScanOptions& options);

struct Request
{
    enum class Kind
    {
        Devices,
        Scan
    };
    Kind kind = Kind::Devices;
    ScanOptions options;
};
// Parses one request line; std::nullopt when it is not a request.
[[nodiscard]] std::optional<Request> parseRequest(const QByteArray& line);

// Messages from the helper. An image message is its header line followed by the pixel bytes.
[[nodiscard]] QByteArray progressMessage(int percent);
[[nodiscard]] QByteArray devicesMessage(const QList<ScanDevice>& devices);
[[nodiscard]] QByteArray errorMessage(const DocumentError& error);
[[nodiscard]] QByteArray imageMessage(const QImage& image);
// The header line of an image message alone: a helper writes it and then the pixel bytes straight from the
// image (imageMessage() would copy a whole page once more).
[[nodiscard]] QByteArray imageHeader(const QImage& image);

// Reads the helper's stdout incrementally: feed() whatever arrived, then take what it completed. Once a final
// message is complete (or the stream is malformed) further bytes are ignored.
class MessageReader
{
public:
    // The image's pixel data may not exceed this (a 600 dpi A4 colour page is ~100 MB).
    static constexpr qint64 maxImageBytes = 512LL * 1024 * 1024;

    void feed(const QByteArray& bytes);
    void feed(const char* data, qsizetype size);

    // Progress reports completed since the last call, oldest first.
    [[nodiscard]] QList<int> takeProgress();
    [[nodiscard]] bool hasFinal() const { return m_final.has_value(); }
    // Set when the stream broke the protocol; the reader then stops.
    [[nodiscard]] const QString& protocolError() const { return m_protocolError; }

    // The final message, once hasFinal(): devices, an image or an error.
    struct Final
    {
        std::optional<QList<ScanDevice>> devices;
        std::optional<QImage> image;
        std::optional<DocumentError> error;
    };
    [[nodiscard]] const Final& final() const { return *m_final; }

private:
    void parseLine(const QByteArray& line);
    void fail(const QString& why);

    QByteArray m_buffer;
    QList<int> m_progress;
    std::optional<Final> m_final;
    QString m_protocolError;
    // While the pixel bytes of an image are expected: the image they go into, its size and how much arrived.
    QImage m_image;
    qint64 m_imageBytes = -1;
    qint64 m_imageFilled = 0;
};

} // namespace scanhelper

} // namespace certdesk::documents
