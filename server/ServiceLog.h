#pragma once

#include <QString>

#include <functional>

namespace certdesk::server {

// Where and how the service writes its log: one line per event, as text for a person at a terminal or as
// JSON lines (one object per line: time, level, category, message and, for requests, method, route, status
// and duration in milliseconds) for a log collector. Request lines name the route template, never the path:
// ids, invoice numbers and OCSP requests stay out of the log, like bodies, headers, tokens and personal data
// (docs/deployment.md, "Logs").
class ServiceLog
{
public:
    enum class Format
    {
        Text,
        Json
    };

    // `sink` empty: standard error.
    ServiceLog(Format format, std::function<void(const QString& line)> sink);

    // level: "info", "warning" or "error"; category: "service", "http", "database", "providers", "webhook".
    void write(const char* level, const char* category, const QString& message) const;
    // One answered request. `path` appears only in text lines (as it always has); JSON lines carry `route`.
    void request(const QString& method, const QString& path, const QString& route, int status,
        double milliseconds) const;

private:
    void deliver(const QString& line) const;

    Format m_format;
    std::function<void(const QString& line)> m_sink;
};

} // namespace certdesk::server
