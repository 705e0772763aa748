// Registry on Windows: RegOpenKeyExW on the 64-bit view (KEY_WOW64_64KEY), then RegGetValueW for strings
// only; REG_EXPAND_SZ values come back expanded (Microsoft, "RegGetValueW").
#include "platform/Registry.h"

#include <QList>

#include <windows.h>

namespace certdesk::platform {

namespace {

class WindowsRegistry final : public Registry
{
public:
    std::optional<QString> stringValue(const QString& key, const QString& name) const override
    {
        const qsizetype slash = key.indexOf(QLatin1Char('\\'));
        if (slash <= 0)
            return std::nullopt;
        const QString rootName = key.left(slash).toUpper();
        HKEY root = nullptr;
        if (rootName == QLatin1String("HKLM") || rootName == QLatin1String("HKEY_LOCAL_MACHINE"))
            root = HKEY_LOCAL_MACHINE;
        else if (rootName == QLatin1String("HKCU") || rootName == QLatin1String("HKEY_CURRENT_USER"))
            root = HKEY_CURRENT_USER;
        else
            return std::nullopt;
        const QString subKey = key.mid(slash + 1);
        HKEY opened = nullptr;
        if (RegOpenKeyExW(root, reinterpret_cast<LPCWSTR>(subKey.utf16()), 0,
                KEY_QUERY_VALUE | KEY_WOW64_64KEY, &opened)
            != ERROR_SUCCESS)
            return std::nullopt;
        // RRF_RT_REG_SZ also takes REG_EXPAND_SZ, expanded by the call (no RRF_NOEXPAND).
        const auto* nameText = reinterpret_cast<LPCWSTR>(name.utf16());
        DWORD bytes = 0;
        LSTATUS status = RegGetValueW(opened, nullptr, nameText, RRF_RT_REG_SZ, nullptr, nullptr, &bytes);
        QList<wchar_t> buffer;
        if (status == ERROR_SUCCESS && bytes > 0) {
            buffer.fill(L'\0', qsizetype(bytes / sizeof(wchar_t)) + 1);
            status = RegGetValueW(opened, nullptr, nameText, RRF_RT_REG_SZ, nullptr, buffer.data(), &bytes);
        }
        RegCloseKey(opened);
        if (status != ERROR_SUCCESS || buffer.isEmpty())
            return std::nullopt;
        return QString::fromWCharArray(buffer.constData());
    }
};

} // namespace

const Registry& Registry::system()
{
    static const WindowsRegistry registry;
    return registry;
}

} // namespace certdesk::platform
