#include "documents/ScanHelperProtocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <cstring>
#include <utility>

namespace certdesk::documents::scanhelper {

namespace {

struct StatusNameEntry
{
    DocumentStatus status;
    QLatin1StringView name;
};

// Every status a scan can end with; the names are the protocol's, never shown to anyone.
constexpr StatusNameEntry statusNames[] = {
    {DocumentStatus::Cancelled, QLatin1StringView("Cancelled")},
    {DocumentStatus::NoScanner, QLatin1StringView("NoScanner")},
    {DocumentStatus::ScannerBusy, QLatin1StringView("ScannerBusy")},
    {DocumentStatus::ScannerJammed, QLatin1StringView("ScannerJammed")},
    {DocumentStatus::ScannerNoPaper, QLatin1StringView("ScannerNoPaper")},
    {DocumentStatus::ScannerCoverOpen, QLatin1StringView("ScannerCoverOpen")},
    {DocumentStatus::ScannerAccessDenied, QLatin1StringView("ScannerAccessDenied")},
    {DocumentStatus::ScannerNotResponding, QLatin1StringView("ScannerNotResponding")},
    {DocumentStatus::ScannerDriverCrashed, QLatin1StringView("ScannerDriverCrashed")},
    {DocumentStatus::ScanFailed, QLatin1StringView("ScanFailed")},
};

// The pixel formats SaneScanSource produces: nothing else is accepted from a helper.
// The QImage::Format of a header's number; Format_Invalid for numbers outside the enumeration (converting
// those to the enum would be undefined behaviour, C++20 [expr.static.cast]/10).
QImage::Format formatFromNumber(int number)
{
    return number > QImage::Format_Invalid && number < QImage::NImageFormats ? QImage::Format(number)
                                                                             : QImage::Format_Invalid;
}

bool acceptedFormat(QImage::Format format)
{
    return format == QImage::Format_Mono || format == QImage::Format_Grayscale8
        || format == QImage::Format_Grayscale16 || format == QImage::Format_RGB888;
}

QString modeName(ScanColorMode mode)
{
    switch (mode) {
    case ScanColorMode::Color:
        return QStringLiteral("color");
    case ScanColorMode::Gray:
        return QStringLiteral("gray");
    case ScanColorMode::LineArt:
        return QStringLiteral("lineart");
    }
    return QStringLiteral("color");
}

QByteArray line(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace

QString statusName(DocumentStatus status)
{
    for (const StatusNameEntry& entry : statusNames)
        if (entry.status == status)
            return entry.name;
    return QStringLiteral("ScanFailed");
}

std::optional<DocumentStatus> statusFromName(const QString& name)
{
    for (const StatusNameEntry& entry : statusNames)
        if (entry.name == name)
            return entry.status;
    return std::nullopt;
}

QByteArray devicesRequest()
{
    return line({{QStringLiteral("request"), QStringLiteral("devices")}});
}

QByteArray scanRequest(const ScanOptions& options)
{
    QJsonArray deviceOptions;
    for (const auto& [name, value] : options.deviceOptions)
        deviceOptions.append(QJsonArray {name, value});
    const QJsonObject o {
        {QStringLiteral("device"), options.device},
        {QStringLiteral("resolution_dpi"), options.resolutionDpi},
        {QStringLiteral("mode"), modeName(options.mode)},
        {QStringLiteral("width_mm"), options.areaMm.width()},
        {QStringLiteral("height_mm"), options.areaMm.height()},
        {QStringLiteral("device_options"), deviceOptions},
    };
    return line({{QStringLiteral("request"), QStringLiteral("scan")}, {QStringLiteral("options"), o}});
}

std::optional<Request> parseRequest(const QByteArray& text)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(text.trimmed(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject o = document.object();
    const QString kind = o.value(QStringLiteral("request")).toString();
    Request request;
    if (kind == QLatin1String("devices")) {
        request.kind = Request::Kind::Devices;
        return request;
    }
    if (kind != QLatin1String("scan"))
        return std::nullopt;
    request.kind = Request::Kind::Scan;
    const QJsonObject options = o.value(QStringLiteral("options")).toObject();
    ScanOptions& s = request.options;
    s.device = options.value(QStringLiteral("device")).toString();
    s.resolutionDpi = options.value(QStringLiteral("resolution_dpi")).toInt(s.resolutionDpi);
    if (s.resolutionDpi < 1 || s.resolutionDpi > 4800)
        return std::nullopt;
    const QString mode = options.value(QStringLiteral("mode")).toString();
    s.mode = mode == QLatin1String("gray") ? ScanColorMode::Gray
        : mode == QLatin1String("lineart") ? ScanColorMode::LineArt
                                           : ScanColorMode::Color;
    s.areaMm = QSizeF(options.value(QStringLiteral("width_mm")).toDouble(s.areaMm.width()),
        options.value(QStringLiteral("height_mm")).toDouble(s.areaMm.height()));
    for (const QJsonValue& pair : options.value(QStringLiteral("device_options")).toArray()) {
        const QJsonArray a = pair.toArray();
        if (a.size() == 2 && a.at(0).isString() && a.at(1).isString())
            s.deviceOptions.append({a.at(0).toString(), a.at(1).toString()});
    }
    return request;
}

QByteArray progressMessage(int percent)
{
    return line({{QStringLiteral("progress"), percent}});
}

QByteArray devicesMessage(const QList<ScanDevice>& devices)
{
    QJsonArray list;
    for (const ScanDevice& d : devices) {
        list.append(QJsonObject {{QStringLiteral("name"), d.name}, {QStringLiteral("vendor"), d.vendor},
            {QStringLiteral("model"), d.model}, {QStringLiteral("type"), d.type}});
    }
    return line({{QStringLiteral("devices"), list}});
}

QByteArray errorMessage(const DocumentError& error)
{
    return line({{QStringLiteral("error"),
        QJsonObject {{QStringLiteral("status"), statusName(error.status)},
            {QStringLiteral("detail"), error.detail}}}});
}

QByteArray imageHeader(const QImage& image)
{
    QJsonArray colours;
    for (const QRgb c : image.colorTable())
        colours.append(qint64(c));
    const QJsonObject header {
        {QStringLiteral("width"), image.width()},
        {QStringLiteral("height"), image.height()},
        {QStringLiteral("format"), int(image.format())},
        {QStringLiteral("bytes_per_line"), qint64(image.bytesPerLine())},
        {QStringLiteral("dpm_x"), image.dotsPerMeterX()},
        {QStringLiteral("dpm_y"), image.dotsPerMeterY()},
        {QStringLiteral("color_table"), colours},
        {QStringLiteral("size"), qint64(image.sizeInBytes())},
    };
    return line({{QStringLiteral("image"), header}});
}

QByteArray imageMessage(const QImage& image)
{
    QByteArray out = imageHeader(image);
    out.append(reinterpret_cast<const char*>(image.constBits()), image.sizeInBytes());
    return out;
}

void MessageReader::feed(const QByteArray& bytes)
{
    feed(bytes.constData(), bytes.size());
}

void MessageReader::feed(const char* data, qsizetype size)
{
    while (size > 0 && !m_final && m_protocolError.isEmpty()) {
        if (m_imageBytes >= 0) {
            // Pixel bytes go straight into the image: a page is megabytes, copied once on this side.
            const qsizetype n = qsizetype(std::min<qint64>(size, m_imageBytes - m_imageFilled));
            std::memcpy(m_image.bits() + m_imageFilled, data, size_t(n));
            m_imageFilled += n;
            data += n;
            size -= n;
            if (m_imageFilled == m_imageBytes) {
                m_final.emplace();
                m_final->image = std::exchange(m_image, QImage());
                m_buffer.clear();
            }
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
    if (o.contains(QStringLiteral("image"))) {
        const QJsonObject h = o.value(QStringLiteral("image")).toObject();
        const int width = h.value(QStringLiteral("width")).toInt();
        const int height = h.value(QStringLiteral("height")).toInt();
        const qint64 size = h.value(QStringLiteral("size")).toInteger(-1);
        const auto format = formatFromNumber(h.value(QStringLiteral("format")).toInt(-1));
        // Checked before anything is allocated: a header may not make the caller reserve gigabytes.
        if (width <= 0 || height <= 0 || width > 100000 || height > 100000 || !acceptedFormat(format)
            || size <= 0 || size > maxImageBytes) {
            fail(QStringLiteral("bad image header"));
            return;
        }
        QImage image(width, height, format);
        if (image.isNull() || image.sizeInBytes() != size) {
            fail(QStringLiteral("image size does not match its header"));
            return;
        }
        if (format == QImage::Format_Mono) {
            QList<QRgb> colours;
            for (const QJsonValue& c : h.value(QStringLiteral("color_table")).toArray())
                colours.append(QRgb(c.toInteger()));
            if (colours.size() != 2) {
                fail(QStringLiteral("a one-bit image needs two colours"));
                return;
            }
            image.setColorTable(colours);
        }
        image.setDotsPerMeterX(h.value(QStringLiteral("dpm_x")).toInt());
        image.setDotsPerMeterY(h.value(QStringLiteral("dpm_y")).toInt());
        m_image = std::move(image);
        m_imageBytes = size;
        m_imageFilled = 0;
        return;
    }
    fail(QStringLiteral("unknown message"));
}

void MessageReader::fail(const QString& why)
{
    m_protocolError = why;
    m_buffer.clear();
    m_image = QImage();
}

} // namespace certdesk::documents::scanhelper
