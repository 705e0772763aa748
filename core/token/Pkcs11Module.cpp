// libp11.h declares RSA_METHOD and EC_KEY_METHOD, which OpenSSL 3.0 hides under OPENSSL_NO_DEPRECATED (set
// for the whole project). Lift it for this file only, before any OpenSSL header is read; nothing here calls a
// deprecated OpenSSL function.
#undef OPENSSL_NO_DEPRECATED
#include <libp11.h>

#include "token/Pkcs11Module.h"

#include "token/ModuleState.h"
#include "token/TokenSession.h"

#include "platform/ModuleLibrary.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <openssl/err.h>
#include <p11-kit/pkcs11.h>

#include <mutex>
#include <vector>

namespace certdesk::token {

namespace detail {

// libp11 0.4.12 traps that shape this file (measured on Debian 12):
// - PKCS11_update_slots() crashes (SIGSEGV) when the previous list has two or more slots: it indexes the slot
//   array as an array of pointers. So discovery and hot-plug polling use raw C_GetSlotList / C_GetTokenInfo.
// - Releasing a libp11 slot list (PKCS11_release_all_slots, or the old list inside PKCS11_enumerate_slots)
//   calls C_CloseAllSessions on every slot in it: every session of this process on those tokens is closed and
//   logged out, ours included. So the lists libp11 made are released only while no TokenSession is open on
//   the module (sessionClosed): then C_CloseAllSessions closes nothing of ours.
struct Libp11State
{
    PKCS11_CTX* context = nullptr;
    struct SlotList
    {
        PKCS11_SLOT* slotArray = nullptr;
        unsigned int count = 0;
    };
    // One fresh list per libp11Inventory() call (fresh lists have no stale object cache); freed when the
    // last TokenSession closes, or at unload.
    std::vector<SlotList> lists;
};

void sessionClosed(ModuleState& state)
{
    const std::lock_guard<std::mutex> lock(state.libp11Mutex);
    if (--state.openSessions > 0 || !state.libp11 || !state.libp11->context)
        return;
    for (const Libp11State::SlotList& list : state.libp11->lists)
        PKCS11_release_all_slots(state.libp11->context, list.slotArray, list.count);
    state.libp11->lists.clear();
    ERR_clear_error();
}

void Libp11StateDeleter::operator()(Libp11State* state) const
{
    if (!state)
        return;
    if (state->context) {
        for (const Libp11State::SlotList& list : state->lists)
            PKCS11_release_all_slots(state->context, list.slotArray, list.count);
        PKCS11_CTX_unload(state->context);
        PKCS11_CTX_free(state->context);
    }
    delete state;
    ERR_clear_error();
}

PinInfo pinInfoFromTokenInfo(quint64 flags, quint64 minPinLength, quint64 maxPinLength)
{
    PinInfo pin;
    pin.initialized = flags & CKF_USER_PIN_INITIALIZED;
    pin.countLow = flags & CKF_USER_PIN_COUNT_LOW;
    pin.finalTry = flags & CKF_USER_PIN_FINAL_TRY;
    pin.locked = flags & CKF_USER_PIN_LOCKED;
    pin.toBeChanged = flags & CKF_USER_PIN_TO_BE_CHANGED;
    pin.protectedAuthenticationPath = flags & CKF_PROTECTED_AUTHENTICATION_PATH;
    // CK_EFFECTIVELY_INFINITE / CK_UNAVAILABLE_INFORMATION are not lengths.
    if (minPinLength > 0 && minPinLength < 1024)
        pin.minLength = static_cast<int>(minPinLength);
    if (maxPinLength > 0 && maxPinLength < 1024)
        pin.maxLength = static_cast<int>(maxPinLength);
    return pin;
}

namespace {

QString fromPadded(const unsigned char* field, std::size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char*>(field), static_cast<qsizetype>(size)).trimmed();
}

// The first reason on OpenSSL's error queue (libp11 reports there), and an empty queue afterwards.
QString drainOpenSslErrors()
{
    const unsigned long code = ERR_peek_error();
    QString reason;
    if (code != 0) {
        char buffer[256] = {};
        ERR_error_string_n(code, buffer, sizeof buffer);
        reason = QString::fromLatin1(buffer);
    }
    ERR_clear_error();
    return reason;
}

} // namespace

TokenResult<std::shared_ptr<ModuleState>> loadModuleState(const QString& path)
{
    if (path.isEmpty())
        return tokenError(TokenStatus::ModuleMissing, QStringLiteral("no module path"));
    // Full paths only: a bare name would be looked for along the system's search path, where a planted
    // library could stand in for the vendor's (platform/ModuleLibrary.h). Vendor DLL names become full paths
    // through ModuleLoader::defaultModulePaths().
    const bool bareName = !path.contains(QLatin1Char('/')) && !path.contains(QLatin1Char('\\'));
    if (bareName)
        return tokenError(TokenStatus::ModuleMissing,
            path + QStringLiteral(" is a bare file name; PKCS#11 modules are loaded from full paths only"));
    const QFileInfo file(path);
    if (!file.exists())
        return tokenError(TokenStatus::ModuleMissing, QStringLiteral("no module file at ") + path);
    const QString target = file.absoluteFilePath();

    // First our own handle: tells "not a library" and "no C_GetFunctionList" apart, which libp11 does not.
    QString loadError;
    std::unique_ptr<platform::ModuleLibrary> library = platform::ModuleLibrary::load(target, &loadError);
    if (!library)
        return tokenError(TokenStatus::ModuleLoadFailed,
            QStringLiteral("cannot load ") + path + QStringLiteral(": ") + loadError);
    const auto getFunctionList
        = reinterpret_cast<CK_C_GetFunctionList>(library->resolve("C_GetFunctionList"));
    if (!getFunctionList)
        return tokenError(TokenStatus::ModuleLoadFailed, path + QStringLiteral(" has no C_GetFunctionList"));
    // libp11 loads the same file by the same full path, so that both share one initialized module instance.
    const QString loadedFile = library->fileName();

    std::unique_ptr<Libp11State, Libp11StateDeleter> libp11(new Libp11State);
    libp11->context = PKCS11_CTX_new();
    if (!libp11->context)
        return tokenError(TokenStatus::InternalError, QStringLiteral("PKCS11_CTX_new failed"));
    if (PKCS11_CTX_load(libp11->context, QFile::encodeName(loadedFile).constData()) != 0) {
        const QString reason = drainOpenSslErrors();
        PKCS11_CTX_free(libp11->context);
        libp11->context = nullptr;
        return tokenError(TokenStatus::ModuleFailed,
            QStringLiteral("C_Initialize of ") + path + QStringLiteral(" failed: ")
                + (reason.isEmpty() ? QStringLiteral("no reason given") : reason));
    }
    // SoftHSM's C_Initialize leaves rdrand-engine errors on this thread's queue (sm2-notes.md).
    ERR_clear_error();

    CK_FUNCTION_LIST* functions = nullptr;
    CK_RV rv = getFunctionList(&functions);
    if (rv != CKR_OK || !functions)
        return tokenError(TokenStatus::ModuleFailed, QStringLiteral("C_GetFunctionList failed"), rv);
    // libp11 initialized the module already: a second C_Initialize answers CKR_CRYPTOKI_ALREADY_INITIALIZED,
    // which is fine. Never C_Finalize it behind libp11's back.
    CK_C_INITIALIZE_ARGS args = {};
    args.flags = CKF_OS_LOCKING_OK;
    rv = functions->C_Initialize(&args);
    if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED)
        return tokenError(TokenStatus::ModuleFailed, QStringLiteral("C_Initialize failed"), rv);

    auto state = std::make_shared<ModuleState>();
    state->path = target;
    CK_INFO info = {};
    rv = functions->C_GetInfo(&info);
    if (rv != CKR_OK)
        return tokenError(TokenStatus::ModuleFailed, QStringLiteral("C_GetInfo failed"), rv);
    state->libraryManufacturer = fromPadded(info.manufacturerID, sizeof info.manufacturerID);
    state->libraryDescription = fromPadded(info.libraryDescription, sizeof info.libraryDescription);
    state->library = std::move(library);
    state->functions = functions;
    state->libp11 = std::move(libp11);
    return state;
}

} // namespace detail

using detail::fromPadded;

Pkcs11Module::Pkcs11Module(std::shared_ptr<detail::ModuleState> state)
    : m_state(std::move(state))
{ }

QString Pkcs11Module::path() const
{
    return m_state ? m_state->path : QString();
}

QString Pkcs11Module::libraryManufacturer() const
{
    return m_state ? m_state->libraryManufacturer : QString();
}

QString Pkcs11Module::libraryDescription() const
{
    return m_state ? m_state->libraryDescription : QString();
}

TokenResult<QList<TokenInfo>> Pkcs11Module::tokens() const
{
    if (!m_state)
        return tokenError(TokenStatus::ModuleMissing, QStringLiteral("null module"));
    CK_FUNCTION_LIST* f = m_state->cryptoki<CK_FUNCTION_LIST>();
    // Raw Cryptoki, not libp11: see the libp11 0.4.12 traps above. No session is opened or closed here, so
    // polling never disturbs a session in use.
    std::vector<CK_SLOT_ID> slotIds;
    CK_RV rv = CKR_OK;
    for (int attempt = 0; attempt < 3; ++attempt) { // a reader plugged in between the two calls
        CK_ULONG count = 0;
        rv = f->C_GetSlotList(CK_TRUE, nullptr, &count);
        if (rv != CKR_OK)
            break;
        slotIds.resize(count);
        rv = f->C_GetSlotList(CK_TRUE, slotIds.data(), &count);
        if (rv == CKR_OK) {
            slotIds.resize(count);
            break;
        }
    }
    if (rv != CKR_OK)
        return tokenError(tokenStatusFromCkr(rv) == TokenStatus::DeviceError ? TokenStatus::ModuleFailed
                                                                             : tokenStatusFromCkr(rv),
            QStringLiteral("C_GetSlotList"), rv);
    QList<TokenInfo> tokens;
    for (const CK_SLOT_ID slot : slotIds) {
        CK_SLOT_INFO slotInfo = {};
        CK_TOKEN_INFO tokenInfo = {};
        // A token pulled between C_GetSlotList and here is simply not listed; the next poll agrees.
        if (f->C_GetSlotInfo(slot, &slotInfo) != CKR_OK || !(slotInfo.flags & CKF_TOKEN_PRESENT))
            continue;
        if (f->C_GetTokenInfo(slot, &tokenInfo) != CKR_OK)
            continue;
        TokenInfo info;
        info.modulePath = m_state->path;
        info.slotId = slot;
        info.slotDescription = fromPadded(slotInfo.slotDescription, sizeof slotInfo.slotDescription);
        info.removable = slotInfo.flags & CKF_REMOVABLE_DEVICE;
        info.label = fromPadded(tokenInfo.label, sizeof tokenInfo.label);
        info.serialNumber = fromPadded(tokenInfo.serialNumber, sizeof tokenInfo.serialNumber);
        info.manufacturer = fromPadded(tokenInfo.manufacturerID, sizeof tokenInfo.manufacturerID);
        info.model = fromPadded(tokenInfo.model, sizeof tokenInfo.model);
        info.initialized = tokenInfo.flags & CKF_TOKEN_INITIALIZED;
        info.loginRequired = tokenInfo.flags & CKF_LOGIN_REQUIRED;
        info.readOnly = tokenInfo.flags & CKF_WRITE_PROTECTED;
        info.pin
            = detail::pinInfoFromTokenInfo(tokenInfo.flags, tokenInfo.ulMinPinLen, tokenInfo.ulMaxPinLen);
        tokens.append(info);
    }
    return tokens;
}

TokenResult<TokenInfo> Pkcs11Module::findToken(const QString& label, const QString& serialNumber) const
{
    TokenResult<QList<TokenInfo>> all = tokens();
    if (!all)
        return all.error();
    for (const TokenInfo& token : *all)
        if (token.label == label && (serialNumber.isEmpty() || token.serialNumber == serialNumber))
            return token;
    return tokenError(TokenStatus::NoSuchToken, QStringLiteral("no token with the requested label"));
}

VendorProfile Pkcs11Module::declaredProfile(const TokenInfo& token, const VendorProfiles& profiles) const
{
    return profiles.match(path(), token.manufacturer, libraryManufacturer());
}

TokenResult<QList<quint64>> Pkcs11Module::mechanisms(quint64 slotId) const
{
    if (!m_state)
        return tokenError(TokenStatus::ModuleMissing, QStringLiteral("null module"));
    CK_FUNCTION_LIST* f = m_state->cryptoki<CK_FUNCTION_LIST>();
    CK_ULONG count = 0;
    CK_RV rv = f->C_GetMechanismList(slotId, nullptr, &count);
    if (rv != CKR_OK)
        return tokenError(tokenStatusFromCkr(rv), QStringLiteral("C_GetMechanismList"), rv);
    std::vector<CK_MECHANISM_TYPE> list(count);
    rv = f->C_GetMechanismList(slotId, list.data(), &count);
    if (rv != CKR_OK)
        return tokenError(tokenStatusFromCkr(rv), QStringLiteral("C_GetMechanismList"), rv);
    QList<quint64> result;
    for (CK_ULONG i = 0; i < count; ++i)
        result.append(list[i]);
    return result;
}

TokenResult<TokenSession> Pkcs11Module::openSession(
    const TokenInfo& token, const VendorProfiles& profiles) const
{
    if (!m_state)
        return tokenError(TokenStatus::ModuleMissing, QStringLiteral("null module"));
    CK_FUNCTION_LIST* f = m_state->cryptoki<CK_FUNCTION_LIST>();
    CK_SESSION_HANDLE handle = 0;
    {
        // Opened and counted under the lock sessionClosed() releases libp11's lists under: a release never
        // closes a session that is being opened.
        const std::lock_guard<std::mutex> lock(m_state->libp11Mutex);
        CK_RV rv
            = f->C_OpenSession(token.slotId, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &handle);
        if (rv == CKR_TOKEN_WRITE_PROTECTED) // an old UKey may be read-only: reading and signing still work
            rv = f->C_OpenSession(token.slotId, CKF_SERIAL_SESSION, nullptr, nullptr, &handle);
        if (rv != CKR_OK) {
            const TokenStatus status
                = rv == CKR_SLOT_ID_INVALID ? TokenStatus::NoSuchToken : tokenStatusFromCkr(rv);
            return tokenError(status, QStringLiteral("C_OpenSession"), rv);
        }
        ++m_state->openSessions;
    }
    TokenSession session(m_state, token, handle);
    session.setProfile(declaredProfile(token, profiles));
    return session;
}

TokenResult<TokenSession> Pkcs11Module::openSession(const QString& label) const
{
    TokenResult<TokenInfo> token = findToken(label);
    if (!token)
        return token.error();
    return openSession(*token);
}

TokenResult<Libp11Inventory> Pkcs11Module::libp11Inventory(const TokenInfo& token) const
{
    if (!m_state)
        return tokenError(TokenStatus::ModuleMissing, QStringLiteral("null module"));
    std::lock_guard<std::mutex> lock(m_state->libp11Mutex);
    detail::Libp11State& p11 = *m_state->libp11;
    // A fresh list (no object cache from earlier calls), kept until the module's last TokenSession closes:
    // see the traps at the top.
    detail::Libp11State::SlotList list;
    if (PKCS11_enumerate_slots(p11.context, &list.slotArray, &list.count) != 0)
        return tokenError(TokenStatus::DeviceError,
            QStringLiteral("PKCS11_enumerate_slots failed: ") + detail::drainOpenSslErrors());
    p11.lists.push_back(list);
    PKCS11_TOKEN* found = nullptr;
    for (unsigned int i = 0; i < list.count; ++i)
        if (list.slotArray[i].token && PKCS11_get_slotid_from_slot(&list.slotArray[i]) == token.slotId)
            found = list.slotArray[i].token;
    if (!found)
        return tokenError(TokenStatus::NoSuchToken, QStringLiteral("libp11 does not see the token"));

    Libp11Inventory inventory;
    PKCS11_KEY* keys = nullptr;
    unsigned int count = 0;
    if (PKCS11_enumerate_keys(found, &keys, &count) != 0)
        return tokenError(TokenStatus::DeviceError,
            QStringLiteral("PKCS11_enumerate_keys failed: ") + detail::drainOpenSslErrors());
    inventory.privateKeys = static_cast<int>(count);
    QList<QByteArray> privateIds;
    for (unsigned int i = 0; i < count; ++i)
        privateIds.append(QByteArray(reinterpret_cast<const char*>(keys[i].id), qsizetype(keys[i].id_len)));
    if (PKCS11_enumerate_public_keys(found, &keys, &count) != 0)
        return tokenError(TokenStatus::DeviceError,
            QStringLiteral("PKCS11_enumerate_public_keys failed: ") + detail::drainOpenSslErrors());
    inventory.publicKeys = static_cast<int>(count);
    // When OpenSSL's pkcs11 engine loads a private key it calls PKCS11_get_public_key, which looks up the
    // public-key object of the same CKA_ID: libp11 0.4.12 crashes when there is none. That condition is
    // checked here on libp11's own enumeration, without the call: on an EC key libp11 0.4.12 never frees the
    // public-key object it looks up (no EC_KEY finish method for public keys), nor that object's reference on
    // the slot, so releasing the list leaves the slot's session pool and its open session in the module
    // behind: about 1.2 KiB for the two keys of a programming run (docs/reliability.md, "Soak").
    QSet<QByteArray> publicIds;
    for (unsigned int i = 0; i < count; ++i)
        publicIds.insert(QByteArray(reinterpret_cast<const char*>(keys[i].id), qsizetype(keys[i].id_len)));
    for (const QByteArray& id : std::as_const(privateIds)) {
        if (!publicIds.contains(id))
            return tokenError(TokenStatus::NotFound,
                QStringLiteral("private key %1 has no public-key object of the same CKA_ID: libp11 0.4.12 "
                               "crashes loading it")
                    .arg(QString::fromLatin1(id.toHex())));
    }
    PKCS11_CERT* certificates = nullptr;
    if (PKCS11_enumerate_certs(found, &certificates, &count) != 0)
        return tokenError(TokenStatus::DeviceError,
            QStringLiteral("PKCS11_enumerate_certs failed: ") + detail::drainOpenSslErrors());
    inventory.certificates = static_cast<int>(count);
    ERR_clear_error();
    return inventory;
}

} // namespace certdesk::token
