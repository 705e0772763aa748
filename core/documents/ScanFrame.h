#pragma once

#include <QtGlobal>

namespace certdesk::documents {

// One frame of a scanned page as scanner drivers deliver it (SANE standard, section 4.3.8): a grey or RGB
// frame holding the whole page, or one colour of a three-pass scanner. Free of SANE's headers, so that the
// caller of the scan helper (which loads no driver) builds the page exactly as SaneScanSource does.
struct ScanFrame
{
    enum class Kind
    {
        Gray,
        Rgb,
        Red,
        Green,
        Blue
    };
    Kind kind = Kind::Gray;
    int depth = 8; // bits per sample: 1 (grey only), 8 or 16
    int pixelsPerLine = 0;
    int bytesPerLine = 0;
    int lines = -1; // -1: not known before the end (hand scanners)
    bool last = true;
};

// The largest page accepted from a scanner or a helper (a 600 dpi A4 colour page is ~100 MB).
inline constexpr qint64 maxScanBytes = 512LL * 1024 * 1024;

} // namespace certdesk::documents
