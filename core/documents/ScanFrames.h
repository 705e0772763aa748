#pragma once

#include "documents/DocumentError.h"
#include "documents/ScanFrame.h"

#include <QByteArray>
#include <QImage>
#include <QList>

namespace certdesk::documents {

// The page from its frames and their bytes (`planes`, one per frame, in order). Grey frames give
// Format_Mono (depth 1, set bit = black), Format_Grayscale8 or Format_Grayscale16; RGB and three-pass
// frames give Format_RGB888 (16-bit samples are cut to 8). The image gets `dotsPerMetre` both ways.
[[nodiscard]] DocumentResult<QImage> assembleScan(
    const QList<ScanFrame>& frames, const QList<QByteArray>& planes, int dotsPerMetre);

} // namespace certdesk::documents
