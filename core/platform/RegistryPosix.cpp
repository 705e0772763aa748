// Registry on systems without one: nothing is ever found.
#include "platform/Registry.h"

namespace certdesk::platform {

namespace {

class NoRegistry final : public Registry
{
public:
    std::optional<QString> stringValue(const QString&, const QString&) const override { return std::nullopt; }
};

} // namespace

const Registry& Registry::system()
{
    static const NoRegistry registry;
    return registry;
}

} // namespace certdesk::platform
