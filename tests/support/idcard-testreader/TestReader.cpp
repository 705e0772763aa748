// A test ID card reader: a shared library with the SDT-style reader SDK interface (the functions
// SdtIdCardReader loads), reading its "card" from a file, so that tests and demos put a card on the reader
// and take it off by writing and removing that file.
//
//   CERTDESK_TEST_IDCARD_FILE  unset: no reader (every port refuses to open).
//                              set, file missing: a reader without a card.
//                              set, file present: the card; the file holds the 256-byte base message, any
//                              further bytes are the photo (wlt) the reader returns with it.
//   CERTDESK_TEST_IDCARD_PORT  the port the reader answers on (default 1001, the first USB port).
//   CERTDESK_TEST_IDCARD_LOG   optional: a file each call appends its name to (tests check the sequence).
//   CERTDESK_TEST_IDCARD_FAULT "crash": SDT_ReadBaseMsg aborts the process; "hang": it never returns (what
//                              faulty vendor libraries do; the helper process must contain both).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#ifdef _WIN32
#define TEST_SDT_EXPORT extern "C" __declspec(dllexport)
#define TEST_SDT_CALL __stdcall
#else
#define TEST_SDT_EXPORT extern "C" __attribute__((visibility("default")))
#define TEST_SDT_CALL
#endif

namespace {

constexpr int SdtOk = 0x90;
constexpr int SdtCardFound = 0x9F;
constexpr int SdtNoCard = 0x80;
constexpr int SdtSelectFailed = 0x81;
constexpr int SdtPortFailed = 0x01;
constexpr unsigned TextSize = 256;
constexpr unsigned PhotoSize = 1024;

int openPort = 0;

void log(const char* call)
{
    const char* path = std::getenv("CERTDESK_TEST_IDCARD_LOG");
    if (!path || !*path)
        return;
    if (FILE* f = std::fopen(path, "a")) {
        std::fprintf(f, "%s\n", call);
        std::fclose(f);
    }
}

int readerPort()
{
    const char* port = std::getenv("CERTDESK_TEST_IDCARD_PORT");
    return port && *port ? std::atoi(port) : 1001;
}

bool cardFile(std::vector<unsigned char>* content)
{
    const char* path = std::getenv("CERTDESK_TEST_IDCARD_FILE");
    if (!path || !*path)
        return false;
    FILE* f = std::fopen(path, "rb");
    if (!f)
        return false;
    if (content) {
        content->clear();
        unsigned char buffer[4096];
        std::size_t n = 0;
        while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0)
            content->insert(content->end(), buffer, buffer + n);
    }
    std::fclose(f);
    return true;
}

bool hasReader()
{
    const char* path = std::getenv("CERTDESK_TEST_IDCARD_FILE");
    return path && *path;
}

} // namespace

TEST_SDT_EXPORT int TEST_SDT_CALL SDT_OpenPort(int port)
{
    log("SDT_OpenPort");
    if (!hasReader() || port != readerPort())
        return SdtPortFailed;
    openPort = port;
    return SdtOk;
}

TEST_SDT_EXPORT int TEST_SDT_CALL SDT_ClosePort(int port)
{
    log("SDT_ClosePort");
    if (port != openPort)
        return SdtPortFailed;
    openPort = 0;
    return SdtOk;
}

TEST_SDT_EXPORT int TEST_SDT_CALL SDT_StartFindIDCard(int port, unsigned char* manageInfo, int)
{
    log("SDT_StartFindIDCard");
    if (port != openPort)
        return SdtPortFailed;
    if (!cardFile(nullptr))
        return SdtNoCard;
    std::memset(manageInfo, 0, 4);
    return SdtCardFound;
}

TEST_SDT_EXPORT int TEST_SDT_CALL SDT_SelectIDCard(int port, unsigned char* manageInfo, int)
{
    log("SDT_SelectIDCard");
    if (port != openPort)
        return SdtPortFailed;
    if (!cardFile(nullptr))
        return SdtSelectFailed;
    std::memset(manageInfo, 0x5A, 8);
    return SdtOk;
}

TEST_SDT_EXPORT int TEST_SDT_CALL SDT_ReadBaseMsg(int port, unsigned char* text, unsigned int* textLength,
    unsigned char* photo, unsigned int* photoLength, int)
{
    log("SDT_ReadBaseMsg");
    if (port != openPort)
        return SdtPortFailed;
    if (const char* fault = std::getenv("CERTDESK_TEST_IDCARD_FAULT")) {
        if (std::strcmp(fault, "crash") == 0)
            std::abort();
        if (std::strcmp(fault, "hang") == 0) {
            for (;;)
                std::this_thread::sleep_for(std::chrono::seconds(1));
        }
    }
    std::vector<unsigned char> content;
    if (!cardFile(&content))
        return SdtSelectFailed;
    // Like a real reader, always TextSize bytes of text; a shorter file gives a short length (tests of
    // malformed data).
    const unsigned n = content.size() < TextSize ? unsigned(content.size()) : TextSize;
    std::memcpy(text, content.data(), n);
    *textLength = n;
    unsigned p = 0;
    if (content.size() > TextSize) {
        p = unsigned(content.size() - TextSize);
        if (p > PhotoSize)
            p = PhotoSize;
        std::memcpy(photo, content.data() + TextSize, p);
    }
    *photoLength = p;
    return SdtOk;
}
