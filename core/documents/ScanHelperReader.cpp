#include "documents/ScanHelperReader.h"

#include "documents/ScanFrames.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <cstring>
#include <utility>

namespace certdesk::documents::scanhelper {

namespace {

// The largest piece of pixel data in one message: a helper sends what one driver read gave it.
constexpr qint64 maxDataBytes = 16 * 1024 * 1024;

} // namespace

QByteArray imageMessage(const QImage& image)
{
    ScanFrame frame;
    frame.pixelsPerLine = image.width();
    frame.bytesPerLine = int(image.bytesPerLine());
    frame.lines = image.height();
    switch (image.format()) {
    case QImage::Format_Mono:
        frame.depth = 1;
        break;
    case QImage::Format_Grayscale16:
        frame.depth = 16;
        break;
    case QImage::Format_RGB888:
        frame.kind = ScanFrame::Kind::Rgb;
        break;
    default:
        break;
    }
    const QByteArray pixels(reinterpret_cast<const char*>(image.constBits()), image.sizeInBytes());
    return frameMessage(frame) + dataHeader(pixels.size()) + pixels + endMessage(image.dotsPerMeterX());
}

void MessageReader::feed(const QByteArray& bytes)
{
    feed(bytes.constData(), bytes.size());
}

void MessageReader::feed(const char* data, qsizetype size)
{
    while (size > 0 && !m_final && m_protocolError.isEmpty()) {
        if (m_dataRemaining > 0) {
            // Pixel bytes go straight into the frame's plane.
            const qsizetype n = qsizetype(std::min<qint64>(size, m_dataRemaining));
            m_planes.last().append(data, n);
            m_dataRemaining -= n;
            data += n;
            size -= n;
            continue;
        }
        const char* newline = static_cast<const char*>(std::memchr(data, '\n', size_t(size)));
        if (!newline) {
            m_buffer.append(data, size);
            // A line is a small JSON object; a helper that writes megabytes without a newline is broken.
            if (m_buffer.size() > 1024 * 1024)
                fail(QStringLiteral("message line too long"));
            return;
        }
        const qsizetype length = newline - data;
        m_buffer.append(data, length);
        data += length + 1;
        size -= length + 1;
        parseLine(std::exchange(m_buffer, QByteArray()));
    }
}

QList<int> MessageReader::takeProgress()
{
    return std::exchange(m_progress, {});
}

void MessageReader::parseLine(const QByteArray& text)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        fail(QStringLiteral("not a protocol message"));
        return;
    }
    const QJsonObject o = document.object();
    if (o.contains(QStringLiteral("progress"))) {
        const QJsonValue p = o.value(QStringLiteral("progress"));
        if (!p.isDouble()) {
            fail(QStringLiteral("progress is not a number"));
            return;
        }
        m_progress.append(std::clamp(p.toInt(), 0, 100));
        return;
    }
    if (o.contains(QStringLiteral("devices"))) {
        QList<ScanDevice> devices;
        for (const QJsonValue& v : o.value(QStringLiteral("devices")).toArray()) {
            const QJsonObject d = v.toObject();
            ScanDevice device {d.value(QStringLiteral("name")).toString(),
                d.value(QStringLiteral("vendor")).toString(), d.value(QStringLiteral("model")).toString(),
                d.value(QStringLiteral("type")).toString()};
            if (!device.name.isEmpty())
                devices.append(device);
        }
        m_final.emplace();
        m_final->devices = std::move(devices);
        return;
    }
    if (o.contains(QStringLiteral("error"))) {
        const QJsonObject e = o.value(QStringLiteral("error")).toObject();
        const std::optional<DocumentStatus> status
            = statusFromName(e.value(QStringLiteral("status")).toString());
        m_final.emplace();
        m_final->error = DocumentError {
            status.value_or(DocumentStatus::ScanFailed), e.value(QStringLiteral("detail")).toString()};
        return;
    }
    if (o.contains(QStringLiteral("frame"))) {
        const QJsonObject f = o.value(QStringLiteral("frame")).toObject();
        ScanFrame frame;
        const std::optional<ScanFrame::Kind> kind
            = frameKindFromName(f.value(QStringLiteral("kind")).toString());
        frame.kind = kind.value_or(ScanFrame::Kind::Gray);
        frame.depth = f.value(QStringLiteral("depth")).toInt();
        frame.pixelsPerLine = f.value(QStringLiteral("pixels_per_line")).toInt();
        frame.bytesPerLine = f.value(QStringLiteral("bytes_per_line")).toInt();
        frame.lines = f.value(QStringLiteral("lines")).toInt(-2);
        frame.last = f.value(QStringLiteral("last")).toBool(true);
        // Checked before anything is reserved: a header may not make the caller allocate gigabytes.
        if (!kind || (frame.depth != 1 && frame.depth != 8 && frame.depth != 16) || frame.pixelsPerLine <= 0
            || frame.pixelsPerLine > 100000 || frame.bytesPerLine <= 0 || frame.bytesPerLine > 1000000
            || frame.lines < -1 || frame.lines > 100000 || m_frames.size() >= 3
            || (!m_frames.isEmpty() && m_frames.last().last)) {
            fail(QStringLiteral("bad frame header"));
            return;
        }
        const qint64 expected = frame.lines > 0 ? qint64(frame.lines) * frame.bytesPerLine : 0;
        if (m_received + expected > maxScanBytes) {
            fail(QStringLiteral("frame too large"));
            return;
        }
        m_frames.append(frame);
        m_planes.append(QByteArray());
        m_sharedSizes.append(0);
        return;
    }
    if (o.contains(QStringLiteral("data"))) {
        const qint64 size = o.value(QStringLiteral("data")).toInteger(-1);
        if (m_frames.isEmpty() || size <= 0 || size > maxDataBytes || m_received + size > maxScanBytes
            || m_sharedSizes.last() > 0) {
            fail(QStringLiteral("bad data header"));
            return;
        }
        const ScanFrame& frame = m_frames.last();
        QByteArray& plane = m_planes.last();
        // The frame's size is known from its header (checked against maxScanBytes there): one allocation.
        if (plane.capacity() == 0 && frame.lines > 0)
            plane.reserve(qsizetype(frame.lines) * frame.bytesPerLine);
        m_received += size;
        m_dataRemaining = size;
        return;
    }
    if (o.contains(QStringLiteral("shared"))) {
        // Bytes the helper wrote into the shared page, right after the ones it reported before. A frame's
        // bytes come all through the pipe or all through the page.
        const qint64 size = o.value(QStringLiteral("shared")).toInteger(-1);
        if (m_frames.isEmpty() || size <= 0 || size > m_sharedPage.size() - m_sharedEnd
            || m_received + size > maxScanBytes || !m_planes.last().isEmpty()) {
            fail(QStringLiteral("bad shared page header"));
            return;
        }
        m_received += size;
        m_sharedEnd += size;
        m_sharedSizes.last() += size;
        return;
    }
    if (o.contains(QStringLiteral("end"))) {
        if (m_frames.isEmpty() || !m_frames.last().last) {
            fail(QStringLiteral("page ended before its last frame"));
            return;
        }
        const int dotsPerMetre
            = o.value(QStringLiteral("end")).toObject().value(QStringLiteral("dpm")).toInt();
        // Frames in the shared page are read where they are: assembleScan copies them into the image.
        qint64 offset = 0;
        for (qsizetype i = 0; i < m_frames.size(); ++i) {
            if (const qint64 size = m_sharedSizes.at(i); size > 0) {
                m_planes[i] = QByteArray::fromRawData(m_sharedPage.data() + offset, qsizetype(size));
                offset += size;
            }
        }
        DocumentResult<QImage> image = assembleScan(m_frames, m_planes, std::clamp(dotsPerMetre, 0, 1000000));
        m_planes.clear();
        m_final.emplace();
        if (image)
            m_final->image = std::move(image.value());
        else
            m_final->error = image.error();
        return;
    }
    fail(QStringLiteral("unknown message"));
}

void MessageReader::fail(const QString& why)
{
    m_protocolError = why;
    m_buffer.clear();
    m_planes.clear();
    m_sharedSizes.clear();
}

} // namespace certdesk::documents::scanhelper
