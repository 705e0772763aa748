#pragma once

// State of the CertDesk SM2 test token, kept in files so that several processes (a test, pkcs11-tool, the
// CLI) see the same token. Shared by the PKCS#11 module and the tests' control library; plain C++ (no Qt, no
// pkcs11.h) so both can use it.
//
// Directory layout ($CERTDESK_TESTMODULE_DIR):
//   slots           number of slots (default 2)
//   slot-<n>.state  the token in slot n; absent = a blank, uninitialized token is present
//   faults          armed faults, one per line: "<function> <countdown> <ckr> <pull 0|1>"
//   .lock           locked (flock(2); LockFileEx on Windows) to serialize every call of every process
//
// State file lines (hex for bytes, so any label or attribute value round-trips):
//   present 0|1, generation N, label HEX, serial HEX, so_pin HEX, user_pin HEX|-, max_tries N,
//   user_failures N, so_failures N, pin_pad 0|1, next_handle N, object HANDLE TYPE:HEX,TYPE:HEX,...

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace certdesk::testmodule {

using Bytes = std::vector<std::uint8_t>;

struct StoredObject
{
    std::uint64_t handle = 0;
    std::map<std::uint64_t, Bytes> attributes; // CKA_* -> value as the application gave it
};

struct TokenState
{
    bool initialized = false; // a state file exists
    bool present = true;
    std::uint64_t generation = 1; // bumped on every reinsertion: sessions of an older generation are gone
    std::string label;
    std::string serial;
    Bytes soPinHash; // SHA-256 of the PIN (test data, but no reason to keep PINs in clear)
    Bytes userPinHash; // empty: user PIN not initialized
    int maxTries = 5;
    int userFailures = 0;
    int soFailures = 0;
    bool pinPad = false; // report CKF_PROTECTED_AUTHENTICATION_PATH
    std::uint64_t nextHandle = 1;
    std::vector<StoredObject> objects;
};

struct Fault
{
    std::string function; // "C_CreateObject", "C_Sign", ...
    int countdown = 1; // fails on the countdown-th call from now
    std::uint64_t rv = 0; // CKR_* to return
    bool pull = false; // also remove the token at that moment
};

// Holds the directory lock for its lifetime (flock on <dir>/.lock). Not reentrant.
class DirectoryLock
{
public:
    explicit DirectoryLock(const std::string& directory);
    ~DirectoryLock();
    DirectoryLock(const DirectoryLock&) = delete;
    DirectoryLock& operator=(const DirectoryLock&) = delete;

private:
    std::intptr_t m_handle = -1; // a file descriptor, or on Windows a HANDLE
};

[[nodiscard]] int slotCount(const std::string& directory);
void setSlotCount(const std::string& directory, int count);
[[nodiscard]] TokenState loadToken(const std::string& directory, int slot);
// Atomic (write to a temporary file, rename).
[[nodiscard]] bool saveToken(const std::string& directory, int slot, const TokenState& token);
[[nodiscard]] std::vector<Fault> loadFaults(const std::string& directory);
[[nodiscard]] bool saveFaults(const std::string& directory, const std::vector<Fault>& faults);

[[nodiscard]] Bytes sha256(const std::uint8_t* data, std::size_t size);
[[nodiscard]] Bytes pinHash(const std::string& pin);

} // namespace certdesk::testmodule
