#pragma once

#include "documents/DocumentError.h"
#include "documents/ScanFrames.h"
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
//   command line:              `certdesk-scan-helper [--page NAME]`: NAME is a SharedScanPage the caller
//                              made for this helper's page; without it the page crosses the pipe.
//   helper -> caller (stdout): {"ready": true} once the helper is set to serve (SANE initialised), before it
//                              reads the request: a helper started ahead of time says it can take one.
//   caller -> helper (stdin):  one JSON line, the request: {"request": "devices"} or
//                              {"request": "scan", "options": {...}}; later the line "cancel", or end of file
//                              (the caller is gone: the helper cancels and exits).
//   helper -> caller (stdout): JSON lines, each one message: {"progress": 0..100}; then either one final
//                              message, {"devices": [...]} or {"error": {"status", "detail"}}, or the page
//                              as the driver reads it: for each frame (ScanFrames.h) {"frame": {"kind",
//                              "depth", "pixels_per_line", "bytes_per_line", "lines", "last"}} and its bytes
//                              in pieces, each either {"data": n} followed by n raw bytes, or (with a shared
//                              page) {"shared": n}: the next n bytes of the frame are in the shared page,
//                              right after those reported before; then {"end": {"dpm"}}, the final message,
//                              after which the caller builds the image (assembleScan). The page streams while
//                              the scanner reads it: the helper keeps no copy of its own.
//
// The helper keeps its stdout for the protocol only (driver chatter goes to stderr). Everything here is plain
// data, shared by both sides and unit-tested on its own, so that a truncated or garbled stream from a dying
// helper is an error value, never a crash.
namespace scanhelper {

inline constexpr QLatin1StringView cancelLine("cancel");
// The helper's option that names its shared page.
inline constexpr QLatin1StringView pageOption("--page");

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

// Messages from the helper.
[[nodiscard]] QByteArray readyMessage();
[[nodiscard]] QByteArray progressMessage(int percent);
[[nodiscard]] QByteArray devicesMessage(const QList<ScanDevice>& devices);
[[nodiscard]] QByteArray errorMessage(const DocumentError& error);
[[nodiscard]] QByteArray frameMessage(const ScanFrame& frame);
// The line before `size` raw bytes of the current frame.
[[nodiscard]] QByteArray dataHeader(qsizetype size);
// The next `size` bytes of the current frame are in the shared page.
[[nodiscard]] QByteArray sharedMessage(qsizetype size);
[[nodiscard]] QByteArray endMessage(int dotsPerMetre);
// A whole page as one frame, with its data and end: Format_Mono (bit 1 black), Grayscale8, Grayscale16 or
// RGB888. For a sender that has the page at hand.
[[nodiscard]] QByteArray imageMessage(const QImage& image);

// Reads the helper's stdout incrementally: feed() whatever arrived, then take what it completed. Once a final
// message is complete (or the stream is malformed) further bytes are ignored.
class MessageReader
{
public:
    // The shared page's bytes (SharedScanPage::bytes()), for {"shared"} messages; they must stay valid while
    // this reader is fed. Without a page such messages break the protocol.
    void setSharedPage(QByteArrayView page) { m_sharedPage = page; }

    void feed(const QByteArray& bytes);
    void feed(const char* data, qsizetype size);

    // Progress reports completed since the last call, oldest first.
    [[nodiscard]] QList<int> takeProgress();
    [[nodiscard]] bool hasFinal() const { return m_final.has_value(); }
    // Set when the stream broke the protocol; the reader then stops.
    [[nodiscard]] const QString& protocolError() const { return m_protocolError; }

    // The final message, once hasFinal(): devices, an image or an error (also for a page whose frames do not
    // make an image).
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
    // The page so far: its frames, their bytes from the pipe and their bytes in the shared page, all bytes
    // announced, and the bytes still due of a piece from the pipe.
    QList<ScanFrame> m_frames;
    QList<QByteArray> m_planes;
    QList<qint64> m_sharedSizes;
    qint64 m_received = 0;
    qint64 m_dataRemaining = 0;
    QByteArrayView m_sharedPage;
    qint64 m_sharedEnd = 0;
};

} // namespace scanhelper

} // namespace certdesk::documents
