#pragma once

#include <QByteArray>
#include <QString>

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace certdesk::server {

class Database;

// The service's Prometheus metrics (text exposition format 0.0.4,
// https://prometheus.io/docs/instrumenting/exposition_formats/), served on `--metrics-listen` only.
// Requests are counted and timed per route template ("/api/v1/applications/{}"), never per id, so the
// number of series stays fixed whatever the traffic. Counts of applications, issuances, payments and the
// queues are read from the database at scrape time: they are the same whichever instance is scraped.
class Metrics
{
public:
    // Upper bounds of the latency histogram, in seconds.
    static constexpr std::array<double, 14> kBuckets {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    // One answered request. `route` is the template of the matched route, or "unmatched".
    void observeRequest(const std::string& method, const std::string& route, int status, double seconds);
    // A statement failed (kind: "storage_full", "busy", "other", "unreachable").
    void databaseError(const char* kind);

    // The whole exposition: request series, database errors, and the gauges read from `database` now (when
    // the database cannot be read, certdesk_database_up is 0 and those gauges are left out).
    [[nodiscard]] QByteArray render(Database& database);

private:
    struct RouteSeries
    {
        std::map<int, std::uint64_t> statuses;
        std::array<std::uint64_t, kBuckets.size()> buckets {};
        std::uint64_t count = 0;
        double sum = 0;
    };
    std::mutex m_mutex;
    // Key: method and route template.
    std::map<std::pair<std::string, std::string>, RouteSeries> m_routes;
    std::map<std::string, std::uint64_t> m_databaseErrors;
};

} // namespace certdesk::server
