// The stamped form that comes back: the QR payload parser on text, and LetterQrReader on small decoded
// pictures (first byte 0: the rest is a payload text; otherwise the rest is a picture, at most 200 x 200).
#include "FuzzSupport.h"

#include "documents/LetterQrReader.h"
#include "print/LetterPayload.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    certdesk::fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray rest = certdesk::fuzz::bytes(data + 1, size - 1);
    if (data[0] == 0) {
        const auto payload = certdesk::print::LetterPayload::parse(QString::fromUtf8(rest));
        if (payload && certdesk::print::LetterPayload::parse(payload->toString()) != payload)
            __builtin_trap(); // what parse() accepts must survive toString() unchanged
        return 0;
    }
    QBuffer buffer;
    buffer.setData(rest);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    const QSize size2 = reader.size();
    if (!size2.isValid() || size2.width() > 200 || size2.height() > 200)
        return 0;
    const QImage image = reader.read();
    (void)certdesk::documents::LetterQrReader::readLetterPayloads(image);
    return 0;
}
