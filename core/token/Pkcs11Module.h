#pragma once

#include "token/TokenStatus.h"
#include "token/TokenTypes.h"
#include "token/VendorProfile.h"

#include <QList>
#include <QString>

#include <memory>

namespace certdesk::token {

namespace detail {
struct ModuleState;
}

class TokenSession;

// A loaded PKCS#11 module (ModuleLoader::load). A cheap handle: copies share one loaded module, which stays
// loaded for the life of the process (unloading PKCS#11 modules is a known source of crashes at exit, and a
// second C_Initialize in the same process only returns CKR_CRYPTOKI_ALREADY_INITIALIZED).
//
// Division of labour (DESIGN.md "Token layer facts"): libp11 loads and initializes the module and checks that
// libp11-based software can read what CertDesk wrote (libp11Inventory). Raw Cryptoki on the same module does
// everything else: discovery, sessions, login, PIN change, objects and every signature. libp11 0.4.12 cannot
// store or generate EC keys, fails key enumeration on vendor key types, caches objects it did not create and
// keeps a copy of the PIN for re-login; its PKCS11_update_slots crashes with two or more slots, and releasing
// one of its slot lists closes every session of the process on those tokens (measured; see Pkcs11Module.cpp).
//
// Thread-safe: discovery may run on the GUI thread while a job uses a TokenSession on another thread.
class Pkcs11Module
{
public:
    Pkcs11Module() = default; // null

    [[nodiscard]] bool isNull() const { return !m_state; }
    // Same loaded module (ModuleLoader returns one module per file, whatever path named it).
    friend bool operator==(const Pkcs11Module& a, const Pkcs11Module& b) { return a.m_state == b.m_state; }
    [[nodiscard]] QString path() const;
    [[nodiscard]] QString libraryManufacturer() const;
    [[nodiscard]] QString libraryDescription() const;

    // Slots with a token present, read now (hot-plug safe: the slot list is refreshed on every call).
    [[nodiscard]] TokenResult<QList<TokenInfo>> tokens() const;
    // The token with this label (and serial, when given). NoSuchToken when absent.
    [[nodiscard]] TokenResult<TokenInfo> findToken(
        const QString& label, const QString& serialNumber = {}) const;

    // The vendor profile declared for a token (module file name / manufacturer match), not probed.
    [[nodiscard]] VendorProfile declaredProfile(
        const TokenInfo& token, const VendorProfiles& profiles = VendorProfiles::builtIn()) const;
    // CKM_* codes the token's slot lists.
    [[nodiscard]] TokenResult<QList<quint64>> mechanisms(quint64 slotId) const;

    // A read-write session on the token, its profile matched and probed against C_GetMechanismList.
    [[nodiscard]] TokenResult<TokenSession> openSession(
        const TokenInfo& token, const VendorProfiles& profiles = VendorProfiles::builtIn()) const;
    [[nodiscard]] TokenResult<TokenSession> openSession(const QString& label) const;

    // Enumerates the token through libp11 the way libp11-based software (OpenSSL's pkcs11 engine, platform
    // clients) would, and checks that every private key has a public-key object of the same CKA_ID: without
    // one, PKCS11_get_public_key (what the engine calls when it loads a key) crashes libp11 0.4.12. NotFound
    // when one is missing. PKCS11_get_public_key itself is not called: on EC keys it leaks (see the .cpp).
    // Needs a logged-in session on the token for the private keys to show. libp11 0.4.12 fails the key
    // enumeration (DeviceError here) on a token holding a key of a vendor type (CKK_SM2 0x80000004 and the
    // like).
    [[nodiscard]] TokenResult<Libp11Inventory> libp11Inventory(const TokenInfo& token) const;

private:
    friend class ModuleLoader;
    friend class TokenSession;
    explicit Pkcs11Module(std::shared_ptr<detail::ModuleState> state);

    std::shared_ptr<detail::ModuleState> m_state;
};

} // namespace certdesk::token
