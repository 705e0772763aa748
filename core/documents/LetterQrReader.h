#pragma once

#include "print/LetterPayload.h"

#include <QImage>
#include <QList>
#include <QString>

#include <optional>

namespace certdesk::documents {

// Reads the QR codes of a scanned or photographed document with ZXing (zxing-cpp), so that the stamped
// 申请表 / 电子印章采集表 that comes back can be matched to the application it was printed for (its QR code
// carries a print::LetterPayload).
//
// Runs anywhere (no GUI thread needed; QImage and ZXing only) and is reentrant. It tries the picture as it is
// (in grey, with ZXing's rotation and downscaling passes), then a copy scaled to at most ScaledSide pixels:
// a phone photo or a 600 dpi scan is far larger than the code needs, and ZXing's binariser finds the finder
// patterns more easily when the modules are a few pixels wide and JPEG noise is averaged away.
class LetterQrReader
{
public:
    // The longer edge of the scaled-down second attempt.
    static constexpr int ScaledSide = 1600;

    // The text of every QR code found (UTF-8 decoded), in ZXing's order; empty when there is none or the
    // image is null.
    [[nodiscard]] static QStringList readQrTexts(const QImage& image);
    // Every QR code that parses as a CertDesk LetterPayload (other QR codes on the page are ignored).
    [[nodiscard]] static QList<print::LetterPayload> readLetterPayloads(const QImage& image);
    // The first CertDesk payload, or nullopt when the picture has none that can be read.
    [[nodiscard]] static std::optional<print::LetterPayload> readLetterPayload(const QImage& image);
};

} // namespace certdesk::documents
