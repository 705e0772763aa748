// The service's reading of a POST/PUT /applications body: JSON object (Context::jsonObject), the JSON type
// checks, the mapping onto Application and the shared validators, and the serial canonicalisation.
#include "FuzzSupport.h"

#include "server/Api.h"
#include "server/Http.h"

#include "domain/Application.h"
#include "domain/RegionModel.h"
#include "domain/Validators.h"

#include <QDate>

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    certdesk::fuzz::initQt();
    (void)certdesk::RegionModel::builtin();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace certdesk;
    httplib::Request request;
    httplib::Response response;
    server::Context ctx(request, response, nullptr);
    ctx.body = fuzz::bytes(data, size);
    QJsonObject body;
    try {
        body = ctx.jsonObject();
    } catch (const server::ApiError&) {
        return 0; // 400 bad_request: not a JSON object
    }
    (void)server::Api::typeErrors(body);
    const Application app = Application::fromApiJson(body);
    (void)server::Api::canonicalSerial(app.serial);
    (void)validators::validateApplication(app, RegionModel::builtin(), 0, QDate(2026, 6, 1));
    (void)validators::validateApplication(app, RegionModel::builtin(), 3, QDate(2026, 6, 1));
    (void)app.toApiBody();
    return 0;
}
