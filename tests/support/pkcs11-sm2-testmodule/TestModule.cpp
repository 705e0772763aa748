// CertDesk SM2 test token: a small PKCS#11 v2.40 module for tests only, implementing the Sansec / swpkcs11
// style SM2 profile that no open-source token offers (sm2-notes.md "Vendor PKCS#11 SM2 codes"):
//   CKK_SM2 0x80000004, key pair generation 0x80008001,
//   SM3+SM2 with Z and the default ID 1234567812345678: raw r||s 0x80008102, DER 0x80008103,
//   SM2 on a caller-computed e (32 bytes): raw r||s 0x80008104.
// Plus what an application needs around that: slots and tokens, login with a real retry counter (the
// CKF_USER_PIN_COUNT_LOW / FINAL_TRY / LOCKED flags), PIN change, token init, find / create / destroy / get
// attribute for keys, certificates and data objects, session and token objects.
//
// State lives in files under $CERTDESK_TESTMODULE_DIR (TestTokenStore.h) so that a test, pkcs11-tool and the
// CLI in other processes see one token; every call holds a directory lock, reloads and saves. Sessions and
// the login state are per process, as PKCS#11 says. Fault injection: the "faults" file makes the n-th call of
// a function fail with a chosen CKR (optionally pulling the token), and a token can be pulled and reinserted.
//
// Not a security product: PINs are compared as SHA-256 hashes only to keep them out of the state file.

#include "TestTokenStore.h"

#include <p11-kit/pkcs11.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace certdesk::testmodule;

#define TESTMODULE_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

constexpr CK_KEY_TYPE CkkSm2 = 0x80000004UL;
constexpr CK_MECHANISM_TYPE CkmSm2KeyPairGen = 0x80008001UL;
constexpr CK_MECHANISM_TYPE CkmSm3Sm2WithZ = 0x80008102UL; // raw r||s
constexpr CK_MECHANISM_TYPE CkmSm3Sm2WithZDer = 0x80008103UL; // DER SEQUENCE{r,s}
constexpr CK_MECHANISM_TYPE CkmSm2SignE = 0x80008104UL; // raw r||s over a 32-byte e

constexpr const char* Manufacturer = "CertDesk Test (Sansec profile)";
constexpr const char* LibraryDescription = "CertDesk SM2 test PKCS#11 module";
constexpr const char* Model = "SM2 UKey (test)";
constexpr std::uint8_t DefaultId[]
    = {'1', '2', '3', '4', '5', '6', '7', '8', '1', '2', '3', '4', '5', '6', '7', '8'};
// DER of the SM2 curve OID 1.2.156.10197.1.301 (CKA_EC_PARAMS of CKK_EC keys that hold SM2).
constexpr std::uint8_t Sm2CurveOid[] = {0x06, 0x08, 0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x01, 0x82, 0x2D};
constexpr CK_OBJECT_HANDLE SessionObjectBase = 0x40000000UL;
constexpr CK_ULONG MinPinLength = 4;
constexpr CK_ULONG MaxPinLength = 16;

struct SignOperation
{
    CK_MECHANISM_TYPE mechanism = 0;
    Bytes scalar;
    Bytes id;
};

struct Session
{
    CK_SLOT_ID slot = 0;
    std::uint64_t generation = 0;
    CK_FLAGS flags = 0;
    bool findActive = false;
    std::vector<CK_OBJECT_HANDLE> found;
    std::size_t findPosition = 0;
    std::optional<SignOperation> sign;
};

struct Login
{
    CK_USER_TYPE user = CKU_USER;
    std::uint64_t generation = 0;
};

struct SessionObject
{
    CK_SLOT_ID slot = 0;
    CK_SESSION_HANDLE session = 0;
    StoredObject object;
};

std::mutex g_mutex;
bool g_initialized = false;
std::string g_directory;
std::map<CK_SESSION_HANDLE, Session> g_sessions;
CK_SESSION_HANDLE g_nextSession = 1;
std::map<CK_SLOT_ID, Login> g_logins;
std::map<CK_OBJECT_HANDLE, SessionObject> g_sessionObjects;
CK_OBJECT_HANDLE g_nextSessionObject = SessionObjectBase;

// --- OpenSSL helpers
// ------------------------------------------------------------------------------------------

struct OpenSslFree
{
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
    void operator()(BIGNUM* p) const { BN_clear_free(p); }
    void operator()(EC_GROUP* p) const { EC_GROUP_free(p); }
    void operator()(EC_POINT* p) const { EC_POINT_free(p); }
    void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
    void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
    void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
    void operator()(BN_CTX* p) const { BN_CTX_free(p); }
};
template<typename T>
using Owned = std::unique_ptr<T, OpenSslFree>;

Owned<EC_GROUP> sm2Group()
{
    return Owned<EC_GROUP>(EC_GROUP_new_by_curve_name(NID_sm2));
}

// 1 <= d <= n-2 (GB/T 32918.1 §6.1).
bool validScalar(const Bytes& scalar)
{
    if (scalar.size() != 32)
        return false;
    const Owned<EC_GROUP> group = sm2Group();
    const Owned<BIGNUM> d(BN_bin2bn(scalar.data(), 32, nullptr));
    Owned<BIGNUM> limit(BN_dup(EC_GROUP_get0_order(group.get())));
    if (!group || !d || !limit || !BN_sub_word(limit.get(), 2))
        return false;
    return !BN_is_zero(d.get()) && BN_cmp(d.get(), limit.get()) <= 0;
}

// 04||X||Y of d·G.
Bytes publicPointOf(const Bytes& scalar)
{
    const Owned<EC_GROUP> group = sm2Group();
    const Owned<BIGNUM> d(BN_bin2bn(scalar.data(), static_cast<int>(scalar.size()), nullptr));
    const Owned<EC_POINT> point(EC_POINT_new(group.get()));
    const Owned<BN_CTX> ctx(BN_CTX_new());
    if (!group || !d || !point || !ctx
        || EC_POINT_mul(group.get(), point.get(), d.get(), nullptr, nullptr, ctx.get()) != 1)
        return {};
    Bytes out(65);
    if (EC_POINT_point2oct(
            group.get(), point.get(), POINT_CONVERSION_UNCOMPRESSED, out.data(), out.size(), ctx.get())
        != 65)
        return {};
    return out;
}

bool pointOnCurve(const Bytes& point)
{
    if (point.size() != 65 || point[0] != 0x04)
        return false;
    const Owned<EC_GROUP> group = sm2Group();
    const Owned<EC_POINT> p(EC_POINT_new(group.get()));
    const Owned<BN_CTX> ctx(BN_CTX_new());
    return group && p && ctx
        && EC_POINT_oct2point(group.get(), p.get(), point.data(), point.size(), ctx.get()) == 1
        && EC_POINT_is_on_curve(group.get(), p.get(), ctx.get()) == 1;
}

// CKA_EC_POINT is a DER OCTET STRING (PKCS#11 v2.40 §2.3.3); some applications pass the bare point.
Bytes pointFromEcPoint(const Bytes& value)
{
    if (value.size() == 67 && value[0] == 0x04 && value[1] == 65)
        return Bytes(value.begin() + 2, value.end());
    if (value.size() == 65)
        return value;
    return {};
}

Bytes ecPointAttribute(const Bytes& point)
{
    Bytes out {0x04, static_cast<std::uint8_t>(point.size())};
    out.insert(out.end(), point.begin(), point.end());
    return out;
}

Owned<EVP_PKEY> sm2PrivateKey(const Bytes& scalar)
{
    const Bytes point = publicPointOf(scalar);
    const Owned<BIGNUM> d(BN_secure_new());
    if (point.empty() || !d || !BN_bin2bn(scalar.data(), static_cast<int>(scalar.size()), d.get()))
        return nullptr;
    const Owned<OSSL_PARAM_BLD> builder(OSSL_PARAM_BLD_new());
    if (!builder || !OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0)
        || !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, d.get())
        || !OSSL_PARAM_BLD_push_octet_string(
            builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()))
        return nullptr;
    const Owned<OSSL_PARAM> params(OSSL_PARAM_BLD_to_param(builder.get()));
    const Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
    EVP_PKEY* key = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1
        || EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_KEYPAIR, params.get()) != 1)
        return nullptr;
    return Owned<EVP_PKEY>(key);
}

bool derToRaw(const Bytes& der, Bytes& raw)
{
    const unsigned char* in = der.data();
    const Owned<ECDSA_SIG> sig(d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size())));
    if (!sig)
        return false;
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    raw.assign(64, 0);
    return BN_bn2binpad(r, raw.data(), 32) == 32 && BN_bn2binpad(s, raw.data() + 32, 32) == 32;
}

// The token's signature: e = SM3(Z||M) with Z from `id` (GB/T 32918.2 §6.1), or e given directly.
bool sm2Sign(const SignOperation& op, const Bytes& data, Bytes& signature)
{
    const Owned<EVP_PKEY> key = sm2PrivateKey(op.scalar);
    if (!key)
        return false;
    Bytes der(80);
    std::size_t length = der.size();
    if (op.mechanism == CkmSm2SignE) {
        const Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
        if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1
            || EVP_PKEY_sign(ctx.get(), der.data(), &length, data.data(), data.size()) != 1)
            return false;
    } else {
        const Owned<EVP_MD_CTX> md(EVP_MD_CTX_new());
        const Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
        if (!md || !ctx || EVP_PKEY_CTX_set1_id(ctx.get(), op.id.data(), static_cast<int>(op.id.size())) != 1)
            return false;
        EVP_MD_CTX_set_pkey_ctx(md.get(), ctx.get());
        if (EVP_DigestSignInit(md.get(), nullptr, EVP_sm3(), nullptr, key.get()) != 1
            || EVP_DigestSign(md.get(), der.data(), &length, data.data(), data.size()) != 1)
            return false;
    }
    der.resize(length);
    if (op.mechanism == CkmSm3Sm2WithZDer) {
        signature = der;
        return true;
    }
    return derToRaw(der, signature);
}

bool generateScalar(Bytes& scalar)
{
    for (int attempt = 0; attempt < 8; ++attempt) {
        scalar.assign(32, 0);
        if (RAND_priv_bytes(scalar.data(), 32) != 1)
            return false;
        if (validScalar(scalar))
            return true;
    }
    return false;
}

// --- attribute helpers
// ----------------------------------------------------------------------------------------

Bytes ulongBytes(CK_ULONG value)
{
    Bytes out(sizeof value);
    std::memcpy(out.data(), &value, sizeof value);
    return out;
}

Bytes boolBytes(bool value)
{
    return Bytes {static_cast<std::uint8_t>(value ? CK_TRUE : CK_FALSE)};
}

const Bytes* attribute(const StoredObject& object, CK_ATTRIBUTE_TYPE type)
{
    const auto it = object.attributes.find(type);
    return it == object.attributes.end() ? nullptr : &it->second;
}

bool boolAttribute(const StoredObject& object, CK_ATTRIBUTE_TYPE type, bool fallback)
{
    const Bytes* value = attribute(object, type);
    return value && value->size() == 1 ? (*value)[0] != CK_FALSE : fallback;
}

CK_ULONG ulongAttribute(const StoredObject& object, CK_ATTRIBUTE_TYPE type, CK_ULONG fallback)
{
    const Bytes* value = attribute(object, type);
    if (!value || value->size() != sizeof(CK_ULONG))
        return fallback;
    CK_ULONG result = 0;
    std::memcpy(&result, value->data(), sizeof result);
    return result;
}

void setDefault(StoredObject& object, CK_ATTRIBUTE_TYPE type, Bytes value)
{
    object.attributes.emplace(type, std::move(value));
}

void wipe(Bytes& bytes)
{
    if (!bytes.empty())
        OPENSSL_cleanse(bytes.data(), bytes.size());
    bytes.clear();
}

bool isSm2Key(const StoredObject& object)
{
    const CK_ULONG type = ulongAttribute(object, CKA_KEY_TYPE, CK_UNAVAILABLE_INFORMATION);
    if (type == CkkSm2)
        return true;
    const Bytes* params = attribute(object, CKA_EC_PARAMS);
    return type == CKK_EC && params && *params == Bytes(std::begin(Sm2CurveOid), std::end(Sm2CurveOid));
}

void padded(unsigned char* field, std::size_t size, const std::string& text)
{
    std::memset(field, ' ', size);
    std::memcpy(field, text.data(), std::min(size, text.size()));
}

std::string trimmed(const unsigned char* field, std::size_t size)
{
    std::string text(reinterpret_cast<const char*>(field), size);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\0'))
        text.pop_back();
    return text;
}

// --- one call: locks, loads and saves the state
// --------------------------------------------------------------

class Call
{
public:
    Call()
        : m_lock(g_mutex)
        , m_directoryLock(g_directory)
    { }
    ~Call()
    {
        for (const int slot : m_dirty)
            (void)saveToken(g_directory, slot, m_tokens[slot]);
    }
    Call(const Call&) = delete;
    Call& operator=(const Call&) = delete;

    [[nodiscard]] bool validSlot(CK_SLOT_ID slot) const
    {
        return slot < static_cast<CK_SLOT_ID>(slotCount(g_directory));
    }

    TokenState& token(CK_SLOT_ID slot)
    {
        const int index = static_cast<int>(slot);
        auto it = m_tokens.find(index);
        if (it == m_tokens.end())
            it = m_tokens.emplace(index, loadToken(g_directory, index)).first;
        return it->second;
    }
    void changed(CK_SLOT_ID slot) { m_dirty.insert(static_cast<int>(slot)); }

    // The armed fault for `function`, counted across processes; CKR_OK when none fires now.
    CK_RV fault(const char* function, CK_SLOT_ID slot)
    {
        std::vector<Fault> faults = loadFaults(g_directory);
        for (auto it = faults.begin(); it != faults.end(); ++it) {
            if (it->function != function)
                continue;
            if (--it->countdown > 0) {
                (void)saveFaults(g_directory, faults);
                return CKR_OK;
            }
            const Fault fired = *it;
            faults.erase(it);
            (void)saveFaults(g_directory, faults);
            if (fired.pull) {
                token(slot).present = false;
                changed(slot);
                forgetSlot(slot);
            }
            return fired.rv;
        }
        return CKR_OK;
    }

    // A token was pulled or re-initialized: its sessions, logins and session objects are gone.
    static void forgetSlot(CK_SLOT_ID slot)
    {
        std::erase_if(g_sessions, [slot](const auto& entry) { return entry.second.slot == slot; });
        std::erase_if(g_sessionObjects, [slot](const auto& entry) { return entry.second.slot == slot; });
        g_logins.erase(slot);
    }

    // The session, checked against the token's presence and generation.
    CK_RV session(CK_SESSION_HANDLE handle, Session*& session, TokenState*& token)
    {
        const auto it = g_sessions.find(handle);
        if (it == g_sessions.end())
            return CKR_SESSION_HANDLE_INVALID;
        const CK_SLOT_ID slot = it->second.slot;
        TokenState& state = this->token(slot);
        if (!state.present) {
            forgetSlot(slot);
            return CKR_DEVICE_REMOVED;
        }
        if (state.generation != it->second.generation) {
            forgetSlot(slot);
            return CKR_SESSION_HANDLE_INVALID;
        }
        session = &it->second;
        token = &state;
        return CKR_OK;
    }

    [[nodiscard]] static bool loggedIn(const Session& session, CK_USER_TYPE user = CKU_USER)
    {
        const auto it = g_logins.find(session.slot);
        return it != g_logins.end() && it->second.generation == session.generation && it->second.user == user;
    }

    // Every object the session may see (private objects only after a user login).
    std::vector<StoredObject*> visibleObjects(const Session& session, TokenState& token)
    {
        std::vector<StoredObject*> objects;
        const bool user = loggedIn(session);
        for (StoredObject& object : token.objects)
            if (user || !boolAttribute(object, CKA_PRIVATE, false))
                objects.push_back(&object);
        for (auto& [handle, entry] : g_sessionObjects)
            if (entry.slot == session.slot && (user || !boolAttribute(entry.object, CKA_PRIVATE, false)))
                objects.push_back(&entry.object);
        return objects;
    }

    StoredObject* object(const Session& session, TokenState& token, CK_OBJECT_HANDLE handle)
    {
        for (StoredObject* object : visibleObjects(session, token))
            if (object->handle == handle)
                return object;
        return nullptr;
    }

private:
    std::lock_guard<std::mutex> m_lock;
    DirectoryLock m_directoryLock;
    std::map<int, TokenState> m_tokens;
    std::set<int> m_dirty;
};

#define REQUIRE_INITIALIZED()                                                                                \
    do {                                                                                                     \
        if (!g_initialized)                                                                                  \
            return CKR_CRYPTOKI_NOT_INITIALIZED;                                                             \
    } while (false)

#define CHECK(expression)                                                                                    \
    do {                                                                                                     \
        const CK_RV check_rv = (expression);                                                                 \
        if (check_rv != CKR_OK)                                                                              \
            return check_rv;                                                                                 \
    } while (false)

std::size_t sessionCount(CK_SLOT_ID slot, bool rwOnly)
{
    return static_cast<std::size_t>(
        std::count_if(g_sessions.begin(), g_sessions.end(), [&](const auto& entry) {
            return entry.second.slot == slot && (!rwOnly || (entry.second.flags & CKF_RW_SESSION));
        }));
}

// Checks a PIN against the token's counter. CKR_PIN_INCORRECT counts a failure; at maxTries the PIN is
// locked.
CK_RV checkPin(TokenState& token, bool so, const unsigned char* pin, CK_ULONG length)
{
    int& failures = so ? token.soFailures : token.userFailures;
    const Bytes& expected = so ? token.soPinHash : token.userPinHash;
    if (!so && expected.empty())
        return CKR_USER_PIN_NOT_INITIALIZED;
    if (failures >= token.maxTries)
        return CKR_PIN_LOCKED;
    const Bytes given = sha256(pin, pin ? length : 0);
    if (given != expected) {
        ++failures;
        return CKR_PIN_INCORRECT;
    }
    failures = 0;
    return CKR_OK;
}

// A PIN-pad reader (CKF_PROTECTED_AUTHENTICATION_PATH): the application passes no PIN and the "reader"
// supplies it; the tests put what the person would type into <dir>/pinpad.
std::string pinPadEntry()
{
    std::ifstream in(g_directory + "/pinpad");
    std::string pin;
    std::getline(in, pin);
    return pin;
}

CK_RV validateNewObject(StoredObject& object, bool generated)
{
    const CK_ULONG objectClass = ulongAttribute(object, CKA_CLASS, CK_UNAVAILABLE_INFORMATION);
    if (objectClass == CK_UNAVAILABLE_INFORMATION)
        return CKR_TEMPLATE_INCOMPLETE;
    setDefault(object, CKA_TOKEN, boolBytes(false));
    setDefault(object, CKA_PRIVATE, boolBytes(objectClass == CKO_PRIVATE_KEY));
    setDefault(object, CKA_MODIFIABLE, boolBytes(true));
    setDefault(object, CKA_LABEL, {});
    switch (objectClass) {
    case CKO_PRIVATE_KEY: {
        if (!attribute(object, CKA_KEY_TYPE))
            return CKR_TEMPLATE_INCOMPLETE;
        if (isSm2Key(object)) {
            const Bytes* value = attribute(object, CKA_VALUE);
            if (!value)
                return CKR_TEMPLATE_INCOMPLETE;
            if (!validScalar(*value))
                return CKR_ATTRIBUTE_VALUE_INVALID;
        }
        setDefault(object, CKA_ID, {});
        setDefault(object, CKA_SENSITIVE, boolBytes(true));
        setDefault(object, CKA_EXTRACTABLE, boolBytes(false));
        setDefault(object, CKA_SIGN, boolBytes(true));
        setDefault(object, CKA_DECRYPT, boolBytes(false));
        setDefault(object, CKA_DERIVE, boolBytes(false));
        setDefault(object, CKA_LOCAL, boolBytes(generated));
        setDefault(object, CKA_ALWAYS_AUTHENTICATE, boolBytes(false));
        break;
    }
    case CKO_PUBLIC_KEY: {
        if (!attribute(object, CKA_KEY_TYPE))
            return CKR_TEMPLATE_INCOMPLETE;
        if (isSm2Key(object)) {
            const Bytes* value = attribute(object, CKA_EC_POINT);
            if (!value)
                return CKR_TEMPLATE_INCOMPLETE;
            if (!pointOnCurve(pointFromEcPoint(*value)))
                return CKR_ATTRIBUTE_VALUE_INVALID;
        }
        setDefault(object, CKA_ID, {});
        setDefault(object, CKA_VERIFY, boolBytes(true));
        setDefault(object, CKA_ENCRYPT, boolBytes(false));
        setDefault(object, CKA_LOCAL, boolBytes(generated));
        break;
    }
    case CKO_CERTIFICATE:
        if (!attribute(object, CKA_VALUE))
            return CKR_TEMPLATE_INCOMPLETE;
        setDefault(object, CKA_CERTIFICATE_TYPE, ulongBytes(CKC_X_509));
        setDefault(object, CKA_ID, {});
        setDefault(object, CKA_SUBJECT, {});
        setDefault(object, CKA_TRUSTED, boolBytes(false));
        break;
    default:
        break;
    }
    return CKR_OK;
}

// Stores a validated object as a token object (CKA_TOKEN true) or a session object.
CK_OBJECT_HANDLE storeObject(
    Call& call, Session& session, CK_SESSION_HANDLE sessionHandle, TokenState& token, StoredObject object)
{
    if (boolAttribute(object, CKA_TOKEN, false)) {
        object.handle = token.nextHandle++;
        const CK_OBJECT_HANDLE handle = object.handle;
        token.objects.push_back(std::move(object));
        call.changed(session.slot);
        return handle;
    }
    object.handle = g_nextSessionObject++;
    const CK_OBJECT_HANDLE handle = object.handle;
    g_sessionObjects[handle] = SessionObject {session.slot, sessionHandle, std::move(object)};
    return handle;
}

CK_RV objectFromTemplate(CK_ATTRIBUTE_PTR templ, CK_ULONG count, StoredObject& object)
{
    if (count > 0 && !templ)
        return CKR_ARGUMENTS_BAD;
    for (CK_ULONG i = 0; i < count; ++i) {
        const auto* value = static_cast<const std::uint8_t*>(templ[i].pValue);
        if (!value && templ[i].ulValueLen > 0)
            return CKR_ARGUMENTS_BAD;
        object.attributes[templ[i].type] = value ? Bytes(value, value + templ[i].ulValueLen) : Bytes();
    }
    return CKR_OK;
}

// Entry points the test token does not implement: CKR_FUNCTION_NOT_SUPPORTED with the right signature (a null
// entry in the function list would crash a caller).
template<typename Function>
struct Unsupported;
template<typename... Args>
struct Unsupported<CK_RV (*)(Args...)>
{
    static CK_RV call(Args...)
    {
        return g_initialized ? CKR_FUNCTION_NOT_SUPPORTED : CKR_CRYPTOKI_NOT_INITIALIZED;
    }
};
#define UNSUPPORTED(name) Unsupported<CK_##name>::call

} // namespace

// --- PKCS#11 entry points
// -------------------------------------------------------------------------------------

extern "C" {

static CK_RV tm_Initialize(void* initArgs)
{
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_initialized)
        return CKR_CRYPTOKI_ALREADY_INITIALIZED;
    if (initArgs) {
        const auto* args = static_cast<const CK_C_INITIALIZE_ARGS*>(initArgs);
        if (args->pReserved)
            return CKR_ARGUMENTS_BAD;
    }
    const char* directory = std::getenv("CERTDESK_TESTMODULE_DIR");
    // Without a state directory there is no token to show: fail like a module whose device service is down.
    if (!directory || !*directory)
        return CKR_GENERAL_ERROR;
    g_directory = directory;
    g_initialized = true;
    return CKR_OK;
}

static CK_RV tm_Finalize(void* reserved)
{
    if (reserved)
        return CKR_ARGUMENTS_BAD;
    std::lock_guard<std::mutex> lock(g_mutex);
    if (!g_initialized)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    g_sessions.clear();
    g_logins.clear();
    g_sessionObjects.clear();
    g_initialized = false;
    return CKR_OK;
}

static CK_RV tm_GetInfo(CK_INFO_PTR info)
{
    REQUIRE_INITIALIZED();
    if (!info)
        return CKR_ARGUMENTS_BAD;
    std::memset(info, 0, sizeof *info);
    info->cryptokiVersion = {2, 40};
    padded(info->manufacturerID, sizeof info->manufacturerID, Manufacturer);
    padded(info->libraryDescription, sizeof info->libraryDescription, LibraryDescription);
    info->libraryVersion = {1, 0};
    return CKR_OK;
}

static CK_RV tm_GetSlotList(CK_BBOOL tokenPresent, CK_SLOT_ID_PTR list, CK_ULONG_PTR count)
{
    REQUIRE_INITIALIZED();
    if (!count)
        return CKR_ARGUMENTS_BAD;
    Call call;
    std::vector<CK_SLOT_ID> slots;
    const int total = slotCount(g_directory);
    for (int slot = 0; slot < total; ++slot)
        if (!tokenPresent || call.token(static_cast<CK_SLOT_ID>(slot)).present)
            slots.push_back(static_cast<CK_SLOT_ID>(slot));
    if (!list) {
        *count = slots.size();
        return CKR_OK;
    }
    if (*count < slots.size()) {
        *count = slots.size();
        return CKR_BUFFER_TOO_SMALL;
    }
    std::copy(slots.begin(), slots.end(), list);
    *count = slots.size();
    return CKR_OK;
}

static CK_RV tm_GetSlotInfo(CK_SLOT_ID slot, CK_SLOT_INFO_PTR info)
{
    REQUIRE_INITIALIZED();
    if (!info)
        return CKR_ARGUMENTS_BAD;
    Call call;
    if (!call.validSlot(slot))
        return CKR_SLOT_ID_INVALID;
    std::memset(info, 0, sizeof *info);
    padded(info->slotDescription, sizeof info->slotDescription,
        "CertDesk SM2 test reader " + std::to_string(slot));
    padded(info->manufacturerID, sizeof info->manufacturerID, Manufacturer);
    info->flags = CKF_REMOVABLE_DEVICE | CKF_HW_SLOT | (call.token(slot).present ? CKF_TOKEN_PRESENT : 0);
    info->hardwareVersion = {1, 0};
    info->firmwareVersion = {1, 0};
    return CKR_OK;
}

static CK_RV tm_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info)
{
    REQUIRE_INITIALIZED();
    if (!info)
        return CKR_ARGUMENTS_BAD;
    Call call;
    if (!call.validSlot(slot))
        return CKR_SLOT_ID_INVALID;
    const TokenState& token = call.token(slot);
    if (!token.present)
        return CKR_TOKEN_NOT_PRESENT;
    std::memset(info, 0, sizeof *info);
    padded(info->label, sizeof info->label, token.label);
    padded(info->manufacturerID, sizeof info->manufacturerID, Manufacturer);
    padded(info->model, sizeof info->model, Model);
    padded(info->serialNumber, sizeof info->serialNumber, token.serial);
    CK_FLAGS flags = CKF_RNG | CKF_LOGIN_REQUIRED;
    if (token.initialized)
        flags |= CKF_TOKEN_INITIALIZED;
    if (!token.userPinHash.empty())
        flags |= CKF_USER_PIN_INITIALIZED;
    if (token.pinPad)
        flags |= CKF_PROTECTED_AUTHENTICATION_PATH;
    // PKCS#11 v2.40 §5.5: COUNT_LOW once a wrong PIN was entered since the last success; FINAL_TRY when one
    // more wrong PIN locks it; LOCKED when it is locked.
    const int userLeft = token.maxTries - token.userFailures;
    if (userLeft <= 0)
        flags |= CKF_USER_PIN_LOCKED;
    else if (userLeft == 1)
        flags |= CKF_USER_PIN_FINAL_TRY;
    if (token.userFailures > 0 && userLeft > 0)
        flags |= CKF_USER_PIN_COUNT_LOW;
    const int soLeft = token.maxTries - token.soFailures;
    if (soLeft <= 0)
        flags |= CKF_SO_PIN_LOCKED;
    else if (soLeft == 1)
        flags |= CKF_SO_PIN_FINAL_TRY;
    if (token.soFailures > 0 && soLeft > 0)
        flags |= CKF_SO_PIN_COUNT_LOW;
    info->flags = flags;
    info->ulMaxSessionCount = CK_EFFECTIVELY_INFINITE;
    info->ulSessionCount = sessionCount(slot, false);
    info->ulMaxRwSessionCount = CK_EFFECTIVELY_INFINITE;
    info->ulRwSessionCount = sessionCount(slot, true);
    info->ulMaxPinLen = MaxPinLength;
    info->ulMinPinLen = MinPinLength;
    info->ulTotalPublicMemory = CK_UNAVAILABLE_INFORMATION;
    info->ulFreePublicMemory = CK_UNAVAILABLE_INFORMATION;
    info->ulTotalPrivateMemory = CK_UNAVAILABLE_INFORMATION;
    info->ulFreePrivateMemory = CK_UNAVAILABLE_INFORMATION;
    info->hardwareVersion = {1, 0};
    info->firmwareVersion = {1, 0};
    std::memset(info->utcTime, ' ', sizeof info->utcTime);
    return CKR_OK;
}

static CK_RV tm_WaitForSlotEvent(CK_FLAGS, CK_SLOT_ID_PTR, void*)
{
    REQUIRE_INITIALIZED();
    return CKR_FUNCTION_NOT_SUPPORTED;
}

static constexpr CK_MECHANISM_TYPE Mechanisms[]
    = {CkmSm2KeyPairGen, CkmSm3Sm2WithZ, CkmSm3Sm2WithZDer, CkmSm2SignE};

static CK_RV tm_GetMechanismList(CK_SLOT_ID slot, CK_MECHANISM_TYPE_PTR list, CK_ULONG_PTR count)
{
    REQUIRE_INITIALIZED();
    if (!count)
        return CKR_ARGUMENTS_BAD;
    Call call;
    if (!call.validSlot(slot))
        return CKR_SLOT_ID_INVALID;
    if (!call.token(slot).present)
        return CKR_TOKEN_NOT_PRESENT;
    const CK_ULONG total = std::size(Mechanisms);
    if (!list) {
        *count = total;
        return CKR_OK;
    }
    if (*count < total) {
        *count = total;
        return CKR_BUFFER_TOO_SMALL;
    }
    std::copy(std::begin(Mechanisms), std::end(Mechanisms), list);
    *count = total;
    return CKR_OK;
}

static CK_RV tm_GetMechanismInfo(CK_SLOT_ID slot, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO_PTR info)
{
    REQUIRE_INITIALIZED();
    if (!info)
        return CKR_ARGUMENTS_BAD;
    Call call;
    if (!call.validSlot(slot))
        return CKR_SLOT_ID_INVALID;
    if (std::find(std::begin(Mechanisms), std::end(Mechanisms), type) == std::end(Mechanisms))
        return CKR_MECHANISM_INVALID;
    info->ulMinKeySize = 256;
    info->ulMaxKeySize = 256;
    info->flags = CKF_HW | (type == CkmSm2KeyPairGen ? CKF_GENERATE_KEY_PAIR : CKF_SIGN);
    return CKR_OK;
}

static CK_RV tm_InitToken(CK_SLOT_ID slot, CK_UTF8CHAR_PTR soPin, CK_ULONG soPinLength, CK_UTF8CHAR_PTR label)
{
    REQUIRE_INITIALIZED();
    if (!soPin || !label)
        return CKR_ARGUMENTS_BAD;
    Call call;
    if (!call.validSlot(slot))
        return CKR_SLOT_ID_INVALID;
    TokenState& token = call.token(slot);
    if (!token.present)
        return CKR_TOKEN_NOT_PRESENT;
    if (sessionCount(slot, false) > 0)
        return CKR_SESSION_EXISTS;
    if (token.initialized) {
        const CK_RV rv = checkPin(token, true, soPin, soPinLength);
        call.changed(slot);
        if (rv != CKR_OK)
            return rv;
    }
    if (soPinLength < MinPinLength || soPinLength > MaxPinLength)
        return CKR_PIN_LEN_RANGE;
    const std::uint64_t generation = token.generation;
    const int maxTries = token.maxTries;
    token = TokenState();
    token.initialized = true;
    token.generation = generation;
    token.maxTries = maxTries;
    token.label = trimmed(label, 32);
    token.serial = "CDT" + std::to_string(slot) + std::to_string(generation * 7919 % 100000);
    token.soPinHash = sha256(soPin, soPinLength);
    call.changed(slot);
    Call::forgetSlot(slot);
    return CKR_OK;
}

static CK_RV tm_InitPIN(CK_SESSION_HANDLE handle, CK_UTF8CHAR_PTR pin, CK_ULONG length)
{
    REQUIRE_INITIALIZED();
    Call call;
    Session* session = nullptr;
    TokenState* token = nullptr;
    CHECK(call.session(handle, session, token));
    if (!Call::loggedIn(*session, CKU_SO))
        return CKR_USER_NOT_LOGGED_IN;
    if (!pin || length < MinPinLength || length > MaxPinLength)
        return CKR_PIN_LEN_RANGE;
    token->userPinHash = sha256(pin, length);
    token->userFailures = 0;
    call.changed(session->slot);
    return CKR_OK;
}

static CK_RV tm_SetPIN(CK_SESSION_HANDLE handle, CK_UTF8CHAR_PTR oldPin, CK_ULONG oldLength,
    CK_UTF8CHAR_PTR newPin, CK_ULONG newLength)
{
    REQUIRE_INITIALIZED();
    Call call;
    Session* session = nullptr;
    TokenState* token = nullptr;
    CHECK(call.session(handle, session, token));
    if (!(session->flags & CKF_RW_SESSION))
        return CKR_SESSION_READ_ONLY;
    const bool so = Call::loggedIn(*session, CKU_SO);
    const CK_RV rv = checkPin(*token, so, oldPin, oldLength);
    call.changed(session->slot);
    if (rv != CKR_OK)
        return rv;
    if (!newPin || newLength < MinPinLength || newLength > MaxPinLength)
        return CKR_PIN_LEN_RANGE;
    (so ? token->soPinHash : token->userPinHash) = sha256(newPin, newLength);
    return CKR_OK;
}

static CK_RV tm_OpenSession(CK_SLOT_ID slot, CK_FLAGS flags, void*, CK_NOTIFY, CK_SESSION_HANDLE_PTR handle)
{
    REQUIRE_INITIALIZED();
    if (!handle)
        return CKR_ARGUMENTS_BAD;
    if (!(flags & CKF_SERIAL_SESSION))
        return CKR_SESSION_PARALLEL_NOT_SUPPORTED;
    Call call;
    if (!call.validSlot(slot))
        return CKR_SLOT_ID_INVALID;
    CHECK(call.fault("C_OpenSession", slot));
    const TokenState& token = call.token(slot);
    if (!token.present)
        return CKR_TOKEN_NOT_PRESENT;
    if (!token.initialized)
        return CKR_TOKEN_NOT_RECOGNIZED;
    Session session;
    session.slot = slot;
    session.generation = token.generation;
    session.flags = flags;
    *handle = g_nextSession++;
    g_sessions[*handle] = session;
    return CKR_OK;
}

static CK_RV tm_CloseSession(CK_SESSION_HANDLE handle)
{
    REQUIRE_INITIALIZED();
    Call call;
    const auto it = g_sessions.find(handle);
    if (it == g_sessions.end())
        return CKR_SESSION_HANDLE_INVALID;
    const CK_SLOT_ID slot = it->second.slot;
    g_sessions.erase(it);
    std::erase_if(g_sessionObjects, [handle](const auto& entry) { return entry.second.session == handle; });
    // PKCS#11 v2.40 §5.6: closing the application's last session with a token logs it out.
    if (sessionCount(slot, false) == 0)
        g_logins.erase(slot);
    return CKR_OK;
}

static CK_RV tm_CloseAllSessions(CK_SLOT_ID slot)
{
    REQUIRE_INITIALIZED();
    Call call;
    if (!call.validSlot(slot))
        return CKR_SLOT_ID_INVALID;
    Call::forgetSlot(slot);
    return CKR_OK;
}

static CK_RV tm_GetSessionInfo(CK_SESSION_HANDLE handle, CK_SESSION_INFO_PTR info)
{
    REQUIRE_INITIALIZED();
    if (!info)
        return CKR_ARGUMENTS_BAD;
    Call call;
    Session* session = nullptr;
    TokenState* token = nullptr;
    CHECK(call.session(handle, session, token));
    const bool rw = session->flags & CKF_RW_SESSION;
    info->slotID = session->slot;
    info->flags = session->flags;
    info->ulDeviceError = 0;
    if (Call::loggedIn(*session, CKU_SO))
        info->state = CKS_RW_SO_FUNCTIONS;
    else if (Call::loggedIn(*session))
        info->state = rw ? CKS_RW_USER_FUNCTIONS : CKS_RO_USER_FUNCTIONS;
    else
        info->state = rw ? CKS_RW_PUBLIC_SESSION : CKS_RO_PUBLIC_SESSION;
    return CKR_OK;
}

static CK_RV tm_Login(CK_SESSION_HANDLE handle, CK_USER_TYPE user, CK_UTF8CHAR_PTR pin, CK_ULONG length)
{
    REQUIRE_INITIALIZED();
    Call call;
    Session* session = nullptr;
    TokenState* token = nullptr;
    CHECK(call.session(handle, session, token));
    if (user != CKU_USER && user != CKU_SO)
        return CKR_USER_TYPE_INVALID;
    const auto existing = g_logins.find(session->slot);
    if (existing != g_logins.end() && existing->second.generation == session->generation)
        return existing->second.user == user ? CKR_USER_ALREADY_LOGGED_IN
                                             : CKR_USER_ANOTHER_ALREADY_LOGGED_IN;
    CHECK(call.fault("C_Login", session->slot));
    std::string entered;
    if (!pin && token->pinPad) {
        entered = pinPadEntry();
        pin = reinterpret_cast<CK_UTF8CHAR_PTR>(entered.data());
        length = entered.size();
    }
    const CK_RV rv = checkPin(*token, user == CKU_SO, pin, length);
    call.changed(session->slot);
    if (rv != CKR_OK)
        return rv;
    g_logins[session->slot] = Login {user, session->generation};
    return CKR_OK;
}

static CK_RV tm_Logout(CK_SESSION_HANDLE handle)
{
    REQUIRE_INITIALIZED();
    Call call;
    Session* session = nullptr;
    TokenState* token = nullptr;
    CHECK(call.session(handle, session, token));
    if (!Call::loggedIn(*session) && !Call::loggedIn(*session, CKU_SO))
        return CKR_USER_NOT_LOGGED_IN;
    g_logins.erase(session->slot);
    return CKR_OK;
}

static CK_RV tm_CreateObject(
    CK_SESSION_HANDLE handle, CK_ATTRIBUTE_PTR templ, CK_ULONG count, CK_OBJECT_HANDLE_PTR out)
{
    REQUIRE_INITIALIZED();
    if (!out)
        return CKR_ARGUMENTS_BAD;
    Call call;
    Session* session = nullptr;
    TokenState* token = nullptr;
    CHECK(call.session(handle, session, token));
    const CK_SLOT_ID slot = session->slot;
    CHECK(call.fault("C_CreateObject", slot));
    StoredObject object;
    CHECK(objectFromTemplate(templ, count, object));
    CHECK(validateNewObject(object, false));
    if (boolAttribute(object, CKA_TOKEN, false) && !(session->flags & CKF_RW_SESSION))
        return CKR_SESSION_READ_ONLY;
    if (boolAttribute(object, CKA_PRIVATE, false) && !Call::loggedIn(*session))
        return CKR_USER_NOT_LOGGED_IN;
    *out = storeObject(call, *session, handle, *token, std::move(object));
    return CKR_OK;
}

static CK_RV tm_DestroyObject(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE objectHandle)
{
    REQUIRE_INITIALIZED();
    Call call;
    Session* session = nullptr;
    TokenState* token = nullptr;
    CHECK(call.session(handle, session, token));
    CHECK(call.fault("C_DestroyObject", session->slot));
    StoredObject* object = call.object(*session, *token, objectHandle);
    if (!object)
        return CKR_OBJECT_HANDLE_INVALID;
    if (objectHandle >= SessionObjectBase) {
        g_sessionObjects.erase(objectHandle);
        return CKR_OK;
    }
    if (!(session->flags & CKF_RW_SESSION))
        return CKR_SESSION_READ_ONLY;
    std::erase_if(token->objects, [objectHandle](const StoredObject& o) { return o.handle == objectHandle; });
    call.changed(session->slot);
    return CKR_OK;
}

static CK_RV tm_GetObjectSize(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE objectHandle, CK_ULONG_PTR size)
{
    REQUIRE_INITIALIZED();
    if (!size)
        return CKR_ARGUMENTS_BAD;
    Call call;
    Session* session = nullptr;
    TokenState* token = nullptr;
    CHECK(call.session(handle, session, token));
    const StoredObject* object = call.object(*session, *token, objectHandle);
    if (!object)
        return CKR_OBJECT_HANDLE_INVALID;
    CK_ULONG total = 0;
    for (const auto& [type, value] : object->attributes)
        total += value.size();
    *size = total;
    return CKR_OK;
}

static CK_RV tm_GetAttributeValue(
    CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE objectHandle, CK_ATTRIBUTE_PTR templ, CK_ULONG count)
{
    REQUIRE_INITIALIZED();
    if (count > 0 && !templ)
        return CKR_ARGUMENTS_BAD;
    Call call;
    Session* session = nullptr;
    TokenState* token = nullptr;
    CHECK(call.session(handle, session, token));
    const StoredObject* object = call.object(*session, *token, objectHandle);
    if (!object)
        return CKR_OBJECT_HANDLE_INVALID;
    const bool secretKey = ulongAttribute(*object, CKA_CLASS, 0) == CKO_PRIVATE_KEY
        && (boolAttribute(*object, CKA_SENSITIVE, true) || !boolAttribute(*object, CKA_EXTRACTABLE, false));
    // PKCS#11 v2.40 §5.7 C_GetAttributeValue: process every attribute, then report the "worst" condition.
    CK_RV rv = CKR_OK;
    for (CK_ULONG i = 0; i < count; ++i) {
        CK_ATTRIBUTE& attr = templ[i];
        const Bytes* value = attribute(*object, attr.type);
        if (secretKey && attr.type == CKA_VALUE) {
            attr.ulValueLen = CK_UNAVAILABLE_INFORMATION;
            rv = CKR_ATTRIBUTE_SENSITIVE;
        } else if (!value) {
            attr.ulValueLen = CK_UNAVAILABLE_INFORMATION;
            if (rv == CKR_OK)
                rv = CKR_ATTRIBUTE_TYPE_INVALID;
        } else if (!attr.pValue) {
            attr.ulValueLen = value->size();
        } else if (attr.ulValueLen < value->size()) {
            attr.ulValueLen = CK_UNAVAILABLE_INFORMATION;
            if (rv == CKR_OK)
                rv = CKR_BUFFER_TOO_SMALL;
        } else {
            if (!value->empty())
                std::memcpy(attr.pValue, value->data(), value->size());
            attr.ulValueLen = value->size();
        }
    }
    return rv;
}

static CK_RV tm_SetAttributeValue(CK_SESSION_HANDLE, CK_OBJECT_HANDLE, CK_ATTRIBUTE_PTR, CK_ULONG)
{
    REQUIRE_INITIALIZED();
    return CKR_FUNCTION_NOT_SUPPORTED;
}

static CK_RV tm_FindObjectsInit(CK_SESSION_HANDLE handle, CK_ATTRIBUTE_PTR templ, CK_ULONG count)
{
    REQUIRE_INITIALIZED();
    if (count > 0 && !templ)
        return CKR_ARGUMENTS_BAD;
    Call call;
    Session* session = nullptr;
    TokenState* token = nullptr;
    CHECK(call.session(handle, session, token));
    if (session->findActive)
        return CKR_OPERATION_ACTIVE;
    StoredObject wanted;
    CHECK(objectFromTemplate(templ, count, wanted));
    session->found.clear();
    for (const StoredObject* object : call.visibleObjects(*session, *token)) {
        const bool matches
            = std::all_of(wanted.attributes.begin(), wanted.attributes.end(), [&](const auto& entry) {
                  const Bytes* value = attribute(*object, entry.first);
                  return value && *value == entry.second;
              });
        if (matches)
            session->found.push_back(object->handle);
    }
    session->findPosition = 0;
    session->findActive = true;
    return CKR_OK;
}

static CK_RV tm_FindObjects(
    CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE_PTR objects, CK_ULONG max, CK_ULONG_PTR count)
{
    REQUIRE_INITIALIZED();
    if (!objects || !count)
        return CKR_ARGUMENTS_BAD;
    Call call;
    Session* session = nullptr;
    TokenState* token = nullptr;
    CHECK(call.session(handle, session, token));
    if (!session->findActive)
        return CKR_OPERATION_NOT_INITIALIZED;
    CK_ULONG n = 0;
    while (n < max && session->findPosition < session->found.size())
        objects[n++] = session->found[session->findPosition++];
    *count = n;
    return CKR_OK;
}

static CK_RV tm_FindObjectsFinal(CK_SESSION_HANDLE handle)
{
    REQUIRE_INITIALIZED();
    Call call;
    Session* session = nullptr;
    TokenState* token = nullptr;
    CHECK(call.session(handle, session, token));
    if (!session->findActive)
        return CKR_OPERATION_NOT_INITIALIZED;
    session->findActive = false;
    session->found.clear();
    return CKR_OK;
}

static CK_RV tm_SignInit(CK_SESSION_HANDLE handle, CK_MECHANISM_PTR mechanism, CK_OBJECT_HANDLE keyHandle)
{
    REQUIRE_INITIALIZED();
    if (!mechanism)
        return CKR_ARGUMENTS_BAD;
    Call call;
    Session* session = nullptr;
    TokenState* token = nullptr;
    CHECK(call.session(handle, session, token));
    if (session->sign)
        return CKR_OPERATION_ACTIVE;
    if (mechanism->mechanism != CkmSm3Sm2WithZ && mechanism->mechanism != CkmSm3Sm2WithZDer
        && mechanism->mechanism != CkmSm2SignE)
        return CKR_MECHANISM_INVALID;
    const StoredObject* key = call.object(*session, *token, keyHandle);
    if (!key)
        return Call::loggedIn(*session) ? CKR_KEY_HANDLE_INVALID : CKR_USER_NOT_LOGGED_IN;
    if (ulongAttribute(*key, CKA_CLASS, 0) != CKO_PRIVATE_KEY
        || ulongAttribute(*key, CKA_KEY_TYPE, CK_UNAVAILABLE_INFORMATION) != CkkSm2)
        return CKR_KEY_TYPE_INCONSISTENT;
    if (!boolAttribute(*key, CKA_SIGN, true))
        return CKR_KEY_FUNCTION_NOT_PERMITTED;
    const Bytes* scalar = attribute(*key, CKA_VALUE);
    if (!scalar)
        return CKR_KEY_HANDLE_INVALID;
    SignOperation op;
    op.mechanism = mechanism->mechanism;
    op.scalar = *scalar;
    // Like swpkcs11, a mechanism parameter (if any) is the signer's ID; none means the default ID.
    if (mechanism->pParameter && mechanism->ulParameterLen > 0) {
        const auto* id = static_cast<const std::uint8_t*>(mechanism->pParameter);
        op.id.assign(id, id + mechanism->ulParameterLen);
    } else {
        op.id.assign(std::begin(DefaultId), std::end(DefaultId));
    }
    session->sign = std::move(op);
    return CKR_OK;
}

static CK_RV tm_Sign(CK_SESSION_HANDLE handle, CK_BYTE_PTR data, CK_ULONG length, CK_BYTE_PTR signature,
    CK_ULONG_PTR signatureLength)
{
    REQUIRE_INITIALIZED();
    if (!signatureLength || (!data && length > 0))
        return CKR_ARGUMENTS_BAD;
    Call call;
    Session* session = nullptr;
    TokenState* token = nullptr;
    CHECK(call.session(handle, session, token));
    if (!session->sign)
        return CKR_OPERATION_NOT_INITIALIZED;
    const bool der = session->sign->mechanism == CkmSm3Sm2WithZDer;
    if (!signature) {
        *signatureLength = der ? 72 : 64;
        return CKR_OK;
    }
    const CK_RV fault = call.fault("C_Sign", session->slot);
    if (fault != CKR_OK) {
        if (g_sessions.count(handle))
            session->sign.reset();
        return fault;
    }
    SignOperation op = std::move(*session->sign);
    session->sign.reset();
    if (op.mechanism == CkmSm2SignE && length != 32) {
        wipe(op.scalar);
        return CKR_DATA_LEN_RANGE;
    }
    Bytes result;
    const bool ok = sm2Sign(op, Bytes(data, data + length), result);
    wipe(op.scalar);
    if (!ok)
        return CKR_FUNCTION_FAILED;
    if (*signatureLength < result.size()) {
        *signatureLength = result.size();
        return CKR_BUFFER_TOO_SMALL;
    }
    std::memcpy(signature, result.data(), result.size());
    *signatureLength = result.size();
    return CKR_OK;
}

static CK_RV tm_GenerateKeyPair(CK_SESSION_HANDLE handle, CK_MECHANISM_PTR mechanism,
    CK_ATTRIBUTE_PTR publicTemplate, CK_ULONG publicCount, CK_ATTRIBUTE_PTR privateTemplate,
    CK_ULONG privateCount, CK_OBJECT_HANDLE_PTR publicKey, CK_OBJECT_HANDLE_PTR privateKey)
{
    REQUIRE_INITIALIZED();
    if (!mechanism || !publicKey || !privateKey)
        return CKR_ARGUMENTS_BAD;
    Call call;
    Session* session = nullptr;
    TokenState* token = nullptr;
    CHECK(call.session(handle, session, token));
    if (mechanism->mechanism != CkmSm2KeyPairGen)
        return CKR_MECHANISM_INVALID;
    CHECK(call.fault("C_GenerateKeyPair", session->slot));
    StoredObject pub;
    StoredObject priv;
    CHECK(objectFromTemplate(publicTemplate, publicCount, pub));
    CHECK(objectFromTemplate(privateTemplate, privateCount, priv));
    Bytes scalar;
    if (!generateScalar(scalar))
        return CKR_FUNCTION_FAILED;
    const Bytes point = publicPointOf(scalar);
    pub.attributes[CKA_CLASS] = ulongBytes(CKO_PUBLIC_KEY);
    pub.attributes[CKA_KEY_TYPE] = ulongBytes(CkkSm2);
    pub.attributes[CKA_EC_POINT] = ecPointAttribute(point);
    priv.attributes[CKA_CLASS] = ulongBytes(CKO_PRIVATE_KEY);
    priv.attributes[CKA_KEY_TYPE] = ulongBytes(CkkSm2);
    priv.attributes[CKA_VALUE] = scalar;
    wipe(scalar);
    CHECK(validateNewObject(pub, true));
    CHECK(validateNewObject(priv, true));
    const bool anyTokenObject = boolAttribute(pub, CKA_TOKEN, false) || boolAttribute(priv, CKA_TOKEN, false);
    if (anyTokenObject && !(session->flags & CKF_RW_SESSION))
        return CKR_SESSION_READ_ONLY;
    if (!Call::loggedIn(*session))
        return CKR_USER_NOT_LOGGED_IN;
    *publicKey = storeObject(call, *session, handle, *token, std::move(pub));
    *privateKey = storeObject(call, *session, handle, *token, std::move(priv));
    return CKR_OK;
}

static CK_RV tm_GenerateRandom(CK_SESSION_HANDLE handle, CK_BYTE_PTR data, CK_ULONG length)
{
    REQUIRE_INITIALIZED();
    if (!data && length > 0)
        return CKR_ARGUMENTS_BAD;
    Call call;
    Session* session = nullptr;
    TokenState* token = nullptr;
    CHECK(call.session(handle, session, token));
    return RAND_bytes(data, static_cast<int>(length)) == 1 ? CKR_OK : CKR_FUNCTION_FAILED;
}

static CK_RV tm_SeedRandom(CK_SESSION_HANDLE, CK_BYTE_PTR, CK_ULONG)
{
    REQUIRE_INITIALIZED();
    return CKR_RANDOM_SEED_NOT_SUPPORTED;
}

static CK_RV tm_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list);

static CK_FUNCTION_LIST g_functionList = {
    {2, 40},
    tm_Initialize,
    tm_Finalize,
    tm_GetInfo,
    tm_GetFunctionList,
    tm_GetSlotList,
    tm_GetSlotInfo,
    tm_GetTokenInfo,
    tm_GetMechanismList,
    tm_GetMechanismInfo,
    tm_InitToken,
    tm_InitPIN,
    tm_SetPIN,
    tm_OpenSession,
    tm_CloseSession,
    tm_CloseAllSessions,
    tm_GetSessionInfo,
    UNSUPPORTED(C_GetOperationState),
    UNSUPPORTED(C_SetOperationState),
    tm_Login,
    tm_Logout,
    tm_CreateObject,
    UNSUPPORTED(C_CopyObject),
    tm_DestroyObject,
    tm_GetObjectSize,
    tm_GetAttributeValue,
    tm_SetAttributeValue,
    tm_FindObjectsInit,
    tm_FindObjects,
    tm_FindObjectsFinal,
    UNSUPPORTED(C_EncryptInit),
    UNSUPPORTED(C_Encrypt),
    UNSUPPORTED(C_EncryptUpdate),
    UNSUPPORTED(C_EncryptFinal),
    UNSUPPORTED(C_DecryptInit),
    UNSUPPORTED(C_Decrypt),
    UNSUPPORTED(C_DecryptUpdate),
    UNSUPPORTED(C_DecryptFinal),
    UNSUPPORTED(C_DigestInit),
    UNSUPPORTED(C_Digest),
    UNSUPPORTED(C_DigestUpdate),
    UNSUPPORTED(C_DigestKey),
    UNSUPPORTED(C_DigestFinal),
    tm_SignInit,
    tm_Sign,
    UNSUPPORTED(C_SignUpdate),
    UNSUPPORTED(C_SignFinal),
    UNSUPPORTED(C_SignRecoverInit),
    UNSUPPORTED(C_SignRecover),
    UNSUPPORTED(C_VerifyInit),
    UNSUPPORTED(C_Verify),
    UNSUPPORTED(C_VerifyUpdate),
    UNSUPPORTED(C_VerifyFinal),
    UNSUPPORTED(C_VerifyRecoverInit),
    UNSUPPORTED(C_VerifyRecover),
    UNSUPPORTED(C_DigestEncryptUpdate),
    UNSUPPORTED(C_DecryptDigestUpdate),
    UNSUPPORTED(C_SignEncryptUpdate),
    UNSUPPORTED(C_DecryptVerifyUpdate),
    UNSUPPORTED(C_GenerateKey),
    tm_GenerateKeyPair,
    UNSUPPORTED(C_WrapKey),
    UNSUPPORTED(C_UnwrapKey),
    UNSUPPORTED(C_DeriveKey),
    tm_SeedRandom,
    tm_GenerateRandom,
    UNSUPPORTED(C_GetFunctionStatus),
    UNSUPPORTED(C_CancelFunction),
    tm_WaitForSlotEvent,
};

static CK_RV tm_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list)
{
    if (!list)
        return CKR_ARGUMENTS_BAD;
    *list = &g_functionList;
    return CKR_OK;
}

} // extern "C"

// The one exported symbol: loaders find everything else through the function list.
TESTMODULE_EXPORT CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list)
{
    return tm_GetFunctionList(list);
}
