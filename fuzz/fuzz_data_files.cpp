// The data files the product loads: the region list (RegionModel::fromJson), the service's reference data
// (banks.json, reference.json, sandbox.json) and the UKey vendor profiles. First byte picks the file; the
// rest is its content (the other reference files are the built-in ones).
#include "FuzzSupport.h"

#include "domain/RegionModel.h"
#include "server/ReferenceData.h"
#include "token/VendorProfile.h"

#include <stdexcept>

namespace {
QByteArray g_reference;
QByteArray g_banks;
QByteArray g_sandbox;
} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    certdesk::fuzz::initQt();
    using certdesk::server::ReferenceData;
    g_reference = ReferenceData::builtinFile(QStringLiteral("reference.json"));
    g_banks = ReferenceData::builtinFile(QStringLiteral("banks.json"));
    g_sandbox = ReferenceData::builtinFile(QStringLiteral("sandbox.json"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace certdesk;
    if (size < 1)
        return 0;
    const QByteArray file = fuzz::bytes(data + 1, size - 1);
    switch (data[0] % 5) {
    case 0: {
        QString error;
        const std::optional<RegionModel> regions = RegionModel::fromJson(file, &error);
        if (regions) {
            for (const Region& province : regions->provinces()) {
                for (const Region& city : regions->children(province.code)) {
                    (void)regions->fullName(city.code);
                    for (const Region& county : regions->children(city.code))
                        (void)regions->nests(province.code, city.code, county.code);
                }
            }
        }
        break;
    }
    case 1:
    case 2:
    case 3:
        try {
            const server::ReferenceData reference(data[0] % 5 == 1 ? file : g_reference,
                data[0] % 5 == 2 ? file : g_banks, data[0] % 5 == 3 ? file : g_sandbox);
            (void)reference.searchBanks(QStringLiteral("银行 中国"), 20);
            (void)reference.bankName(QStringLiteral("102"));
            (void)reference.feePerYearFen(CertificateCategory::Institution);
        } catch (const std::runtime_error&) {
            // a malformed file is refused: the documented behaviour
        }
        break;
    case 4: {
        const auto profiles = token::VendorProfiles::fromJson(file);
        if (profiles) {
            (void)profiles->byName(QStringLiteral("generic"));
        }
        break;
    }
    }
    return 0;
}
