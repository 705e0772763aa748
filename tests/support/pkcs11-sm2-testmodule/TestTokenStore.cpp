#include "TestTokenStore.h"

#include <openssl/evp.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

namespace certdesk::testmodule {

namespace {

std::string path(const std::string& directory, const std::string& name)
{
    return directory + '/' + name;
}

std::string toHex(const Bytes& bytes)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const std::uint8_t b : bytes) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0x0f]);
    }
    return out;
}

std::string toHex(const std::string& text)
{
    return toHex(Bytes(text.begin(), text.end()));
}

int nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

Bytes fromHex(const std::string& hex)
{
    Bytes out;
    if (hex == "-")
        return out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        const int hi = nibble(hex[i]);
        const int lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0)
            return {};
        out.push_back(static_cast<std::uint8_t>((hi << 4) | lo));
    }
    return out;
}

std::string textFromHex(const std::string& hex)
{
    const Bytes bytes = fromHex(hex);
    return std::string(bytes.begin(), bytes.end());
}

bool writeAtomically(const std::string& file, const std::string& content)
{
    const std::string temporary = file + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out)
            return false;
        out << content;
        if (!out.flush())
            return false;
    }
#ifdef _WIN32
    // rename() on Windows refuses an existing target.
    return MoveFileExA(temporary.c_str(), file.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)
        != 0;
#else
    return std::rename(temporary.c_str(), file.c_str()) == 0;
#endif
}

} // namespace

#ifdef _WIN32

DirectoryLock::DirectoryLock(const std::string& directory)
{
    HANDLE file = CreateFileA(path(directory, ".lock").c_str(), GENERIC_READ | GENERIC_WRITE,
        FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE)
        return;
    OVERLAPPED whole {};
    (void)LockFileEx(file, LOCKFILE_EXCLUSIVE_LOCK, 0, MAXDWORD, MAXDWORD, &whole);
    m_handle = reinterpret_cast<std::intptr_t>(file);
}

DirectoryLock::~DirectoryLock()
{
    if (m_handle != -1) {
        HANDLE file = reinterpret_cast<HANDLE>(m_handle);
        OVERLAPPED whole {};
        (void)UnlockFileEx(file, 0, MAXDWORD, MAXDWORD, &whole);
        CloseHandle(file);
    }
}

#else

DirectoryLock::DirectoryLock(const std::string& directory)
{
    m_handle = ::open(path(directory, ".lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
    if (m_handle >= 0)
        (void)::flock(int(m_handle), LOCK_EX);
}

DirectoryLock::~DirectoryLock()
{
    if (m_handle >= 0) {
        (void)::flock(int(m_handle), LOCK_UN);
        ::close(int(m_handle));
    }
}

#endif

int slotCount(const std::string& directory)
{
    std::ifstream in(path(directory, "slots"));
    int count = 0;
    if (in >> count && count > 0 && count <= 16)
        return count;
    return 2;
}

void setSlotCount(const std::string& directory, int count)
{
    (void)writeAtomically(path(directory, "slots"), std::to_string(count) + '\n');
}

TokenState loadToken(const std::string& directory, int slot)
{
    TokenState token;
    std::ifstream in(path(directory, "slot-" + std::to_string(slot) + ".state"));
    if (!in)
        return token;
    token.initialized = true;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string key;
        fields >> key;
        std::string value;
        fields >> value;
        if (key == "present")
            token.present = value == "1";
        else if (key == "generation")
            token.generation = std::stoull(value);
        else if (key == "label")
            token.label = textFromHex(value);
        else if (key == "serial")
            token.serial = textFromHex(value);
        else if (key == "so_pin")
            token.soPinHash = fromHex(value);
        else if (key == "user_pin")
            token.userPinHash = fromHex(value);
        else if (key == "max_tries")
            token.maxTries = std::stoi(value);
        else if (key == "user_failures")
            token.userFailures = std::stoi(value);
        else if (key == "so_failures")
            token.soFailures = std::stoi(value);
        else if (key == "pin_pad")
            token.pinPad = value == "1";
        else if (key == "next_handle")
            token.nextHandle = std::stoull(value);
        else if (key == "uninitialized")
            token.initialized = false; // a pulled blank token: present 0 but no token data yet
        else if (key == "object") {
            StoredObject object;
            object.handle = std::stoull(value);
            std::string attributes;
            fields >> attributes;
            std::istringstream list(attributes);
            std::string item;
            while (std::getline(list, item, ',')) {
                const auto colon = item.find(':');
                if (colon == std::string::npos)
                    continue;
                object.attributes[std::stoull(item.substr(0, colon))] = fromHex(item.substr(colon + 1));
            }
            token.objects.push_back(std::move(object));
        }
    }
    return token;
}

bool saveToken(const std::string& directory, int slot, const TokenState& token)
{
    std::ostringstream out;
    out << "present " << (token.present ? 1 : 0) << '\n';
    if (!token.initialized)
        out << "uninitialized 1\n";
    out << "generation " << token.generation << '\n';
    out << "label " << toHex(token.label) << '\n';
    out << "serial " << toHex(token.serial) << '\n';
    out << "so_pin " << (token.soPinHash.empty() ? std::string("-") : toHex(token.soPinHash)) << '\n';
    out << "user_pin " << (token.userPinHash.empty() ? std::string("-") : toHex(token.userPinHash)) << '\n';
    out << "max_tries " << token.maxTries << '\n';
    out << "user_failures " << token.userFailures << '\n';
    out << "so_failures " << token.soFailures << '\n';
    out << "pin_pad " << (token.pinPad ? 1 : 0) << '\n';
    out << "next_handle " << token.nextHandle << '\n';
    for (const StoredObject& object : token.objects) {
        out << "object " << object.handle << ' ';
        bool first = true;
        for (const auto& [type, value] : object.attributes) {
            if (!first)
                out << ',';
            first = false;
            // An empty value is written as "-" so the field never disappears.
            out << type << ':' << (value.empty() ? std::string("-") : toHex(value));
        }
        out << '\n';
    }
    return writeAtomically(path(directory, "slot-" + std::to_string(slot) + ".state"), out.str());
}

std::vector<Fault> loadFaults(const std::string& directory)
{
    std::vector<Fault> faults;
    std::ifstream in(path(directory, "faults"));
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        Fault fault;
        std::string rv;
        int pull = 0;
        if (fields >> fault.function >> fault.countdown >> rv >> pull) {
            fault.rv = std::stoull(rv, nullptr, 0);
            fault.pull = pull != 0;
            faults.push_back(fault);
        }
    }
    return faults;
}

bool saveFaults(const std::string& directory, const std::vector<Fault>& faults)
{
    std::ostringstream out;
    for (const Fault& fault : faults)
        out << fault.function << ' ' << fault.countdown << " 0x" << std::hex << fault.rv << std::dec << ' '
            << (fault.pull ? 1 : 0) << '\n';
    return writeAtomically(path(directory, "faults"), out.str());
}

Bytes sha256(const std::uint8_t* data, std::size_t size)
{
    Bytes digest(32);
    unsigned int length = 0;
    if (EVP_Digest(data, size, digest.data(), &length, EVP_sha256(), nullptr) != 1 || length != 32)
        return {};
    return digest;
}

Bytes pinHash(const std::string& pin)
{
    return sha256(reinterpret_cast<const std::uint8_t*>(pin.data()), pin.size());
}

} // namespace certdesk::testmodule
