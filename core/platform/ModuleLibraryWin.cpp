// ModuleLibrary on Windows: LoadLibraryExW with a safe search path (Microsoft, "Dynamic-Link Library Search
// Order" and "LoadLibraryExW"): LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR finds the module's own dependencies beside
// it, LOAD_LIBRARY_SEARCH_SYSTEM32 the system's; the application's directory, the current directory and PATH
// are not searched.
#include "platform/ModuleLibrary.h"

#include <QDir>

#include <windows.h>

namespace certdesk::platform {

std::unique_ptr<ModuleLibrary> ModuleLibrary::load(const QString& path, QString* error)
{
    const QString refusal = moduleLoadRefusal(path, PathStyle::Windows);
    if (!refusal.isEmpty()) {
        *error = refusal;
        return nullptr;
    }
    const QString native = QDir::toNativeSeparators(path);
    // No error dialog from the loader for a broken DLL: the caller reports it.
    const UINT previous = SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX);
    HMODULE handle = LoadLibraryExW(reinterpret_cast<LPCWSTR>(native.utf16()), nullptr,
        LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR | LOAD_LIBRARY_SEARCH_SYSTEM32);
    const DWORD code = handle ? 0 : GetLastError();
    SetErrorMode(previous);
    if (!handle) {
        wchar_t* text = nullptr;
        FormatMessageW(
            FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
            nullptr, code, 0, reinterpret_cast<LPWSTR>(&text), 0, nullptr);
        *error = QStringLiteral("LoadLibraryExW error %1").arg(code);
        if (text) {
            *error += QStringLiteral(": ") + QString::fromWCharArray(text).trimmed();
            LocalFree(text);
        }
        return nullptr;
    }
    return std::unique_ptr<ModuleLibrary>(new ModuleLibrary(handle, native));
}

void* ModuleLibrary::resolve(const char* symbol) const
{
    return reinterpret_cast<void*>(GetProcAddress(static_cast<HMODULE>(m_handle), symbol));
}

} // namespace certdesk::platform
