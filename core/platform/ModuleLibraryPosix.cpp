// ModuleLibrary on POSIX systems: dlopen(3).
#include "platform/ModuleLibrary.h"

#include <QFile>

#include <dlfcn.h>

namespace certdesk::platform {

std::unique_ptr<ModuleLibrary> ModuleLibrary::load(const QString& path, QString* error)
{
    const QString refusal = moduleLoadRefusal(path, PathStyle::Posix);
    if (!refusal.isEmpty()) {
        *error = refusal;
        return nullptr;
    }
    // RTLD_LOCAL: two modules exporting the same C_* names never resolve into each other.
    void* handle = ::dlopen(QFile::encodeName(path).constData(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* reason = ::dlerror();
        *error = reason ? QString::fromLocal8Bit(reason) : QStringLiteral("dlopen failed");
        return nullptr;
    }
    return std::unique_ptr<ModuleLibrary>(new ModuleLibrary(handle, path));
}

void* ModuleLibrary::resolve(const char* symbol) const
{
    return ::dlsym(m_handle, symbol);
}

} // namespace certdesk::platform
