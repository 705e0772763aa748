#pragma once

// A shared library loaded from a full path: PKCS#11 modules (core/token) and vendor DLLs. Only full paths are
// loaded, never a bare name the system loader would search for: on Windows the default DLL search order
// starts in the application's and the current directory, where a planted DLL would be loaded in place of the
// vendor's (Microsoft, "Dynamic-Link Library Security"). docs/windows.md.
//
// POSIX: dlopen(3) with RTLD_NOW | RTLD_LOCAL. Windows: LoadLibraryExW with
// LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR | LOAD_LIBRARY_SEARCH_SYSTEM32, so that the module's own dependencies are
// looked for beside it and in System32 only.

#include <QString>

#include <memory>

namespace certdesk::platform {

enum class PathStyle
{
    Posix,
    Windows,
};

// The style of this build's platform.
[[nodiscard]] constexpr PathStyle nativePathStyle()
{
#ifdef _WIN32
    return PathStyle::Windows;
#else
    return PathStyle::Posix;
#endif
}

// Why `path` may not be loaded as a module, or an empty string when it may: it must be a full local path
// ("C:\dir\x.dll" on Windows, "/dir/x.so" on POSIX). Refused: bare names, relative paths (also "C:x.dll"),
// network paths ("\\server\share\x.dll", "//server/share"), device paths ("\\?\", "\\.\") and ".." segments.
[[nodiscard]] QString moduleLoadRefusal(const QString& path, PathStyle style = nativePathStyle());

// The library stays loaded for the rest of the process, as QLibrary leaves it: a PKCS#11 module may keep
// threads or exit handlers that must not outlive its code, so the handle is never closed.
class ModuleLibrary
{
public:
    ~ModuleLibrary() = default;
    ModuleLibrary(const ModuleLibrary&) = delete;
    ModuleLibrary& operator=(const ModuleLibrary&) = delete;

    // Loads the library at the full path `path` (moduleLoadRefusal() must accept it). nullptr with *error set
    // (the refusal or the system loader's message) when it cannot.
    [[nodiscard]] static std::unique_ptr<ModuleLibrary> load(const QString& path, QString* error);

    // The address of an exported symbol, or nullptr.
    [[nodiscard]] void* resolve(const char* symbol) const;
    // The path it was loaded from (absolute, native separators on Windows).
    [[nodiscard]] const QString& fileName() const { return m_fileName; }

private:
    ModuleLibrary(void* handle, QString fileName);

    void* m_handle = nullptr;
    QString m_fileName;
};

} // namespace certdesk::platform
