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

constexpr QLatin1StringView frameKindNames[] = {QLatin1StringView("gray"), QLatin1StringView("rgb"),
    QLatin1StringView("red"), QLatin1StringView("green"), QLatin1StringView("blue")};

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

std::optional<ScanFrame::Kind> frameKindFromName(const QString& name)
{
    const auto* known = std::find(std::begin(frameKindNames), std::end(frameKindNames), name);
    if (known == std::end(frameKindNames))
        return std::nullopt;
    return ScanFrame::Kind(known - std::begin(frameKindNames));
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

QByteArray frameMessage(const ScanFrame& frame)
{
    return line({{QStringLiteral("frame"),
        QJsonObject {{QStringLiteral("kind"), frameKindNames[int(frame.kind)]},
            {QStringLiteral("depth"), frame.depth}, {QStringLiteral("pixels_per_line"), frame.pixelsPerLine},
            {QStringLiteral("bytes_per_line"), frame.bytesPerLine}, {QStringLiteral("lines"), frame.lines},
            {QStringLiteral("last"), frame.last}}}});
}

QByteArray dataHeader(qsizetype size)
{
    return line({{QStringLiteral("data"), qint64(size)}});
}

QByteArray sharedMessage(qsizetype size)
{
    return line({{QStringLiteral("shared"), qint64(size)}});
}

QByteArray endMessage(int dotsPerMetre)
{
    return line({{QStringLiteral("end"), QJsonObject {{QStringLiteral("dpm"), dotsPerMetre}}}});
}

} // namespace certdesk::documents::scanhelper
