#include "documents/SaneScanSource.h"

#include "documents/ScanFrames.h"

namespace certdesk::documents {

DocumentResult<QImage> SaneScanSource::scan(
    const ScanOptions& options, const std::atomic_bool* cancel, const ProgressCallback& progress)
{
    QList<ScanFrame> frames;
    QList<QByteArray> planes;
    SaneScanner::FrameSink sink;
    sink.frame = [&frames, &planes](const ScanFrame& frame) {
        frames.append(frame);
        planes.append(QByteArray());
        if (frame.lines > 0)
            planes.last().reserve(qsizetype(frame.lines) * frame.bytesPerLine);
    };
    sink.data = [&planes](const char* data, qsizetype size) { planes.last().append(data, size); };
    const DocumentResult<int> dotsPerMetre = m_scanner.scanFrames(options, cancel, progress, sink);
    if (!dotsPerMetre)
        return dotsPerMetre.error();
    DocumentResult<QImage> image = assembleScan(frames, planes, dotsPerMetre.value());
    if (image && progress)
        progress(100);
    return image;
}

} // namespace certdesk::documents
