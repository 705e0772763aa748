#pragma once

// Internal to core/token (not part of the public API): the state behind a loaded PKCS#11 module, shared by
// Pkcs11Module copies and the TokenSessions opened on it. pkcs11.h and libp11.h stay out of headers, so the
// function list is held untyped and each .cpp views it through cryptoki<CK_FUNCTION_LIST>().

#include "token/TokenTypes.h"
#include "token/VendorProfile.h"

#include "platform/ModuleLibrary.h"

#include <QString>

#include <memory>
#include <mutex>

namespace certdesk::token::detail {

// libp11's context and slot list (defined in Pkcs11Module.cpp).
struct Libp11State;
struct Libp11StateDeleter
{
    void operator()(Libp11State* state) const;
};

struct ModuleState
{
    QString path; // as loaded (absolute when the file was found)
    QString libraryManufacturer; // CK_INFO.manufacturerID
    QString libraryDescription; // CK_INFO.libraryDescription
    std::unique_ptr<platform::ModuleLibrary>
        library; // our own handle on the module, for the raw function list
    void* functions = nullptr; // CK_FUNCTION_LIST*
    // Declared after `library`: destroyed first (libp11 finalizes and unloads its handle before ours goes).
    std::unique_ptr<Libp11State, Libp11StateDeleter> libp11;
    // Serializes libp11 calls (libp11Inventory from several threads). Raw Cryptoki calls need no lock: libp11
    // initialized the module with CKF_OS_LOCKING_OK.
    std::mutex libp11Mutex;
    // TokenSessions open on this module. Counted under libp11Mutex: the libp11 slot lists, whose release
    // closes every session on their slots, are released only when this is zero (releaseLibp11Lists).
    int openSessions = 0;

    template<typename FunctionList>
    [[nodiscard]] FunctionList* cryptoki() const
    {
        return static_cast<FunctionList*>(functions);
    }
};

} // namespace certdesk::token::detail

namespace certdesk::token::detail {

// PinInfo from CK_TOKEN_INFO's flags and PIN lengths (defined in Pkcs11Module.cpp).
[[nodiscard]] PinInfo pinInfoFromTokenInfo(quint64 flags, quint64 minPinLength, quint64 maxPinLength);

// Loads the module at `path` (see ModuleLoader::load for the statuses). Defined in Pkcs11Module.cpp, the one
// file that talks to libp11.
[[nodiscard]] TokenResult<std::shared_ptr<ModuleState>> loadModuleState(const QString& path);

// A TokenSession of `state` has closed: counts it, and when none is left releases the slot lists
// libp11Inventory kept (each holds libp11's copies of the token's objects: kept for ever they grow with every
// call).
void sessionClosed(ModuleState& state);

} // namespace certdesk::token::detail
