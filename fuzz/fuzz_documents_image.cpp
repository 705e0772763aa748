// An applicant's document: type sniffing, the claimed-type checks, then decoding and normalisation as the
// upload does it (ImageNormalizer::normalizeBytes). Small limits keep one run fast; the allocation limit is
// set in initQt().
#include "FuzzSupport.h"

#include "documents/ContentType.h"
#include "documents/ImageNormalizer.h"

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    certdesk::fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace certdesk::documents;
    const QByteArray bytes = certdesk::fuzz::bytes(data, size);
    const ContentType type = sniffContentType(bytes);
    (void)checkClaimedType(QStringLiteral("scan.jpg"), bytes);
    (void)checkClaimedType(QStringLiteral("scan.pdf"), bytes);
    (void)checkClaimedMimeType(QStringLiteral("image/png"), bytes);
    NormalizerOptions options;
    options.maxPixelSize = QSize(256, 256);
    options.maxSourcePixels = 4'000'000;
    options.maxBytes = 64 * 1024;
    options.startQuality = 60;
    options.minQuality = 40;
    options.qualityStep = 20;
    const ImageNormalizer normalizer(options);
    (void)normalizer.normalizeBytes(bytes, type == ContentType::Pdf ? QStringLiteral("scan.pdf") : QString());
    return 0;
}
