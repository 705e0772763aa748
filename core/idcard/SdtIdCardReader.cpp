#include "idcard/SdtIdCardReader.h"

#include "platform/ModuleLibrary.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <array>
#include <cstring>

#ifdef _WIN32
#define CERTDESK_SDT_CALL __stdcall
#else
#define CERTDESK_SDT_CALL
#endif

namespace certdesk::idcard {

namespace {

// Return codes of the SDT interface.
constexpr int SdtOk = 0x90;
constexpr int SdtCardFound = 0x9F;

using OpenPort = int(CERTDESK_SDT_CALL*)(int port);
using ClosePort = int(CERTDESK_SDT_CALL*)(int port);
using StartFind = int(CERTDESK_SDT_CALL*)(int port, unsigned char* manageInfo, int ifOpen);
using SelectCard = int(CERTDESK_SDT_CALL*)(int port, unsigned char* manageInfo, int ifOpen);
using ReadBaseMsg = int(CERTDESK_SDT_CALL*)(int port, unsigned char* text, unsigned int* textLength,
    unsigned char* photo, unsigned int* photoLength, int ifOpen);

// Buffers larger than the SDK documents (256 bytes of text, 1024 of photo, 4 or 8 of management data), so a
// library that writes a little more than it should does not overrun the stack.
constexpr std::size_t TextBufferSize = 1024;
constexpr std::size_t PhotoBufferSize = 4096;
constexpr std::size_t ManageBufferSize = 64;

} // namespace

struct SdtIdCardReader::Api
{
    OpenPort openPort = nullptr;
    ClosePort closePort = nullptr;
    StartFind startFind = nullptr;
    SelectCard selectCard = nullptr;
    ReadBaseMsg readBaseMsg = nullptr;
};

SdtIdCardReader::SdtIdCardReader(QString libraryPath)
    : m_libraryPath(std::move(libraryPath))
{ }

SdtIdCardReader::~SdtIdCardReader() = default;

QString SdtIdCardReader::defaultLibrary()
{
    const QString fromEnvironment = qEnvironmentVariable("CERTDESK_IDCARD_LIBRARY");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QStringList candidates = libraryCandidates(
        QCoreApplication::applicationDirPath(), platform::Registry::system(), platform::processEnvironment());
    for (const QString& path : candidates)
        if (QFileInfo(path).isFile())
            return path;
    return {};
}

QStringList SdtIdCardReader::libraryCandidates(const QString& applicationDirectory,
    const platform::Registry& registry, const platform::Environment& environment, platform::PathStyle style)
{
    if (style == platform::PathStyle::Windows) {
        platform::ModuleLocationRule rule;
        rule.fileName = QStringLiteral("sdtapi.dll");
        if (!applicationDirectory.isEmpty())
            rule.directories = {QString(applicationDirectory).replace(QLatin1Char('/'), QLatin1Char('\\'))};
        return platform::moduleCandidates(rule, registry, environment);
    }
    QStringList paths;
    for (const QString& directory :
        {applicationDirectory, QStringLiteral("/usr/local/lib"), QStringLiteral("/usr/lib/x86_64-linux-gnu"),
            QStringLiteral("/usr/lib64"), QStringLiteral("/usr/lib")})
        if (!directory.isEmpty())
            paths.append(QDir(directory).filePath(QStringLiteral("libsdtapi.so")));
    return paths;
}

QList<int> SdtIdCardReader::candidatePorts()
{
    QList<int> ports;
    for (int p = 1001; p <= 1016; ++p)
        ports.append(p);
    for (int p = 1; p <= 16; ++p)
        ports.append(p);
    return ports;
}

IdCardResult<SdtIdCardReader::Api*> SdtIdCardReader::api()
{
    if (m_api)
        return m_api.get();
    if (m_libraryPath.isEmpty())
        return IdCardError {IdCardStatus::NoReader, QStringLiteral("no reader library configured")};
    QString error;
    std::unique_ptr<platform::ModuleLibrary> library = platform::ModuleLibrary::load(m_libraryPath, &error);
    if (!library)
        return IdCardError {
            IdCardStatus::NoReader, QStringLiteral("reader library not loaded: %1").arg(error)};
    auto api = std::make_unique<Api>();
    api->openPort = reinterpret_cast<OpenPort>(library->resolve("SDT_OpenPort"));
    api->closePort = reinterpret_cast<ClosePort>(library->resolve("SDT_ClosePort"));
    api->startFind = reinterpret_cast<StartFind>(library->resolve("SDT_StartFindIDCard"));
    api->selectCard = reinterpret_cast<SelectCard>(library->resolve("SDT_SelectIDCard"));
    api->readBaseMsg = reinterpret_cast<ReadBaseMsg>(library->resolve("SDT_ReadBaseMsg"));
    if (!api->openPort || !api->closePort || !api->startFind || !api->selectCard || !api->readBaseMsg)
        return IdCardError {
            IdCardStatus::NoReader, QStringLiteral("%1 lacks one of the SDT_* functions").arg(m_libraryPath)};
    m_library = std::move(library);
    m_api = std::move(api);
    return m_api.get();
}

IdCardResult<IdCardInfo> SdtIdCardReader::read()
{
    std::lock_guard lock(m_mutex);
    const auto loaded = api();
    if (!loaded)
        return loaded.error();
    Api* sdt = *loaded;

    QList<int> ports = candidatePorts();
    if (m_lastPort != 0) {
        ports.removeAll(m_lastPort);
        ports.prepend(m_lastPort);
    }
    int port = 0;
    for (int p : std::as_const(ports)) {
        if (sdt->openPort(p) == SdtOk) {
            port = p;
            break;
        }
    }
    if (port == 0)
        return IdCardError {IdCardStatus::NoReader, QStringLiteral("no reader answers on any port")};
    m_lastPort = port;
    struct PortCloser
    {
        Api* sdt;
        int port;
        ~PortCloser() { sdt->closePort(port); }
    } closer {sdt, port};

    std::array<unsigned char, ManageBufferSize> manage {};
    const int found = sdt->startFind(port, manage.data(), 0);
    if (found != SdtCardFound)
        return IdCardError {
            IdCardStatus::NoCard, QStringLiteral("SDT_StartFindIDCard returned 0x%1").arg(found, 0, 16)};
    manage.fill(0);
    const int selected = sdt->selectCard(port, manage.data(), 0);
    if (selected != SdtOk)
        return IdCardError {
            IdCardStatus::ReadFailed, QStringLiteral("SDT_SelectIDCard returned 0x%1").arg(selected, 0, 16)};

    std::array<unsigned char, TextBufferSize> text {};
    std::array<unsigned char, PhotoBufferSize> photo {};
    unsigned int textLength = 0;
    unsigned int photoLength = 0;
    const int read = sdt->readBaseMsg(port, text.data(), &textLength, photo.data(), &photoLength, 0);
    // The photo (wlt) is never kept: not decoded, not stored, wiped here.
    volatile unsigned char* wipe = photo.data();
    for (std::size_t i = 0; i < photo.size(); ++i)
        wipe[i] = 0;
    if (read != SdtOk)
        return IdCardError {
            IdCardStatus::ReadFailed, QStringLiteral("SDT_ReadBaseMsg returned 0x%1").arg(read, 0, 16)};
    const auto length = qMin<std::size_t>(textLength, text.size());
    auto result = parseBaseMessage(QByteArray(reinterpret_cast<const char*>(text.data()), qsizetype(length)));
    volatile unsigned char* wipeText = text.data();
    for (std::size_t i = 0; i < text.size(); ++i)
        wipeText[i] = 0;
    return result;
}

} // namespace certdesk::idcard
