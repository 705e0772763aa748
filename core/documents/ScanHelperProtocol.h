#pragma once

#include "documents/DocumentError.h"
#include "documents/ScanFrame.h"
#include "documents/ScanOptions.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace certdesk::documents {

// The pipe protocol between ProcessScanSource (the caller) and certdesk-scan-helper (the child that loads the
// scanner drivers). One helper process serves one request:
//
//   command line:              `certdesk-scan-helper [--page NAME]`: NAME is a SharedScanPage the caller
//                              made for this helper's page; without it the page crosses the pipe.
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
// helper is an error value, never a crash. This header is what the helper needs (Qt Core only); the caller's
// reader, which builds QImages, is in ScanHelperReader.h.
namespace scanhelper {

inline constexpr QLatin1StringView cancelLine("cancel");
// The helper's option that names its shared page.
inline constexpr QLatin1StringView pageOption("--page");

// A machine name for each status ("ScannerJammed"), and back; unknown names give std::nullopt.
[[nodiscard]] QString statusName(DocumentStatus status);
[[nodiscard]] std::optional<DocumentStatus> statusFromName(const QString& name);
// The protocol's name of a frame kind ("rgb") back to the kind; unknown names give std::nullopt.
[[nodiscard]] std::optional<ScanFrame::Kind> frameKindFromName(const QString& name);

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
[[nodiscard]] QByteArray progressMessage(int percent);
[[nodiscard]] QByteArray devicesMessage(const QList<ScanDevice>& devices);
[[nodiscard]] QByteArray errorMessage(const DocumentError& error);
[[nodiscard]] QByteArray frameMessage(const ScanFrame& frame);
// The line before `size` raw bytes of the current frame.
[[nodiscard]] QByteArray dataHeader(qsizetype size);
// The next `size` bytes of the current frame are in the shared page.
[[nodiscard]] QByteArray sharedMessage(qsizetype size);
[[nodiscard]] QByteArray endMessage(int dotsPerMetre);

} // namespace scanhelper

} // namespace certdesk::documents
