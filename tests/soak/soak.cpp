// certdesk-soak: a bounded soak of the service and the counter client (scripts/soak; docs/reliability.md).
//
// The real certdesk-server on loopback (--sandbox, IssuanceFixture) and, in this process, what a counter PC
// runs: each cycle drives one application to `approved` through the API (applicant: lookup, proof, form,
// documents, liveness, payment; staff: review and approval), reads it back as applicant and staff, fetches
// the CRL, programs a SoftHSM2 UKey with the counter's ProgrammingJob (issuance, envelopes, key pairs and
// certificates written, chain checked, confirmation) and wipes the UKey for the next cycle. Every
// `--sample-seconds` the resident memory and the open file descriptors of the service and of this process
// are written as a CSV row. At the end the samples after the warm-up are compared: growth beyond the
// tolerance fails the run (exit 1).
//
// SoftHSM2 (2.6) keeps every object ever created on a token in memory until C_Finalize, and the client keeps
// modules loaded for the life of the process (ModuleLoader): every UKey programmed on SoftHSM leaves that
// much in this process, whatever the client does. So the soak measures it first on its own token, with raw
// Cryptoki and nothing of CertDesk in between, and the client's tolerance grows by exactly that for each
// object the cycles created (docs/reliability.md, "Soak").
//
// Usage: certdesk-soak [--minutes M | --seconds S] [--sample-seconds N] [--warmup-seconds W] [--csv FILE]
//                      [--softhsm-rounds N] [--no-growth-check]
// Linux only (/proc), like the SoftHSM2 it programs.

#include "IssuanceFixture.h"
#include "TestEnvironment.h"
#include "TokenTestSupport.h"

#include "issuance/ProgrammingJob.h"
#include "token/ModuleLoader.h"
#include "token/TokenSession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLibrary>
#include <QTemporaryDir>
#include <QTextStream>

#include <malloc.h>
#include <p11-kit/pkcs11.h>

#include <cstdio>
#include <cstring>
#include <iterator>
#include <optional>
#include <variant>

using namespace certdesk;

namespace {

const QString UserPin = QStringLiteral("12345678");
const QString SoPin = QStringLiteral("87654321");
const QString TokenLabel = QStringLiteral("SOAK");

struct Usage
{
    qint64 rssKb = -1;
    int fds = -1;
};

Usage usageOf(const QString& pid)
{
    Usage usage;
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                usage.rssKb = line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    if (fds.exists())
        usage.fds = int(fds.entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System).size());
    return usage;
}

// The certdesk-server started by this process (its child), from /proc.
QString serverPid()
{
    const QList<qint64> pids = test::descendantProcesses(QStringLiteral("certdesk-server"));
    return pids.isEmpty() ? QString() : QString::number(pids.first());
}

// Bytes of heap in use (every arena; mallinfo2 of glibc).
qint64 heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

// What SoftHSM2 itself keeps of each token object created and destroyed on the soak's token, in bytes of
// heap: `rounds` public data objects created and destroyed through raw Cryptoki on a session of its own (the
// module is the one the client loaded: same library, already initialized; it is never finalized here).
// Negative when it cannot be measured.
double softHsmBytesPerObject(int rounds)
{
    QLibrary library(test::SoftHsm::modulePath());
    if (!library.load())
        return -1;
    const auto getFunctionList = reinterpret_cast<CK_C_GetFunctionList>(library.resolve("C_GetFunctionList"));
    CK_FUNCTION_LIST_PTR p11 = nullptr;
    if (!getFunctionList || getFunctionList(&p11) != CKR_OK || !p11)
        return -1;
    const CK_RV initialized = p11->C_Initialize(nullptr);
    if (initialized != CKR_OK && initialized != CKR_CRYPTOKI_ALREADY_INITIALIZED)
        return -1;
    CK_SLOT_ID slotIds[16];
    CK_ULONG slotCount = 16;
    if (p11->C_GetSlotList(CK_TRUE, slotIds, &slotCount) != CKR_OK)
        return -1;
    std::optional<CK_SLOT_ID> slot;
    for (CK_ULONG i = 0; i < slotCount && !slot; ++i) {
        CK_TOKEN_INFO info {};
        if (p11->C_GetTokenInfo(slotIds[i], &info) == CKR_OK
            && QByteArray(reinterpret_cast<const char*>(info.label), sizeof info.label).trimmed()
                == TokenLabel.toUtf8())
            slot = slotIds[i];
    }
    CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
    if (!slot
        || p11->C_OpenSession(*slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &session)
            != CKR_OK)
        return -1;
    CK_OBJECT_CLASS dataClass = CKO_DATA;
    CK_BBOOL yes = CK_TRUE;
    CK_BBOOL no = CK_FALSE;
    char label[] = "soak";
    QByteArray value(1024, 'x');
    CK_ATTRIBUTE attributes[] = {{CKA_CLASS, &dataClass, sizeof dataClass}, {CKA_TOKEN, &yes, sizeof yes},
        {CKA_PRIVATE, &no, sizeof no}, {CKA_LABEL, label, CK_ULONG(std::strlen(label))},
        {CKA_VALUE, value.data(), CK_ULONG(value.size())}};
    qint64 before = 0;
    bool ok = true;
    // Round 0 is not counted: what SoftHSM makes once (its object store's first index) is there by then.
    for (int i = 0; i <= rounds && ok; ++i) {
        if (i == 1)
            before = heapInUse();
        CK_OBJECT_HANDLE object = CK_INVALID_HANDLE;
        ok = p11->C_CreateObject(session, attributes, CK_ULONG(std::size(attributes)), &object) == CKR_OK
            && p11->C_DestroyObject(session, object) == CKR_OK;
    }
    const qint64 after = heapInUse();
    p11->C_CloseSession(session);
    return ok ? double(after - before) / rounds : -1;
}

// Removes what a programming run wrote (keys and certificates, by CKA_ID), so that the next cycle finds a
// blank UKey. The number of objects removed, or why not.
std::variant<int, QString> wipe()
{
    auto module = token::ModuleLoader::load(test::SoftHsm::modulePath());
    if (!module)
        return QString(QStringLiteral("module: ") + module.error().detail);
    auto session = module->openSession(TokenLabel);
    if (!session)
        return QString(QStringLiteral("session: ") + session.error().detail);
    if (auto login = session->login(UserPin); !login)
        return QString(QStringLiteral("login: ") + login.error().detail);
    QList<QByteArray> ids;
    if (auto keys = session->keys()) {
        for (const token::TokenKey& key : keys.value())
            ids.append(key.id);
    }
    if (auto certificates = session->certificates()) {
        for (const token::TokenCertificate& certificate : certificates.value())
            ids.append(certificate.id);
    }
    const auto destroyed = session->destroyObjects(ids);
    if (!destroyed)
        return QString(QStringLiteral("destroy: ") + destroyed.error().detail);
    (void)session->logout();
    return *destroyed;
}

struct Sample
{
    double seconds = 0;
    int cycles = 0;
    int tokenObjects = 0; // objects the cycles created (and wiped) on the SoftHSM token so far
    Usage server;
    Usage client;
    qint64 clientHeapKb = 0; // heap in use (mallinfo2): finer than the resident memory
};

// Growth from the first sample after the warm-up to the last one, within a tolerance: 5 % of the memory
// plus 2 MiB (allocator noise) plus `keptKb` (what a third party is known to keep), and two descriptors.
// Empty when within it.
QString growth(const char* who, const Usage& first, const Usage& last, qint64 keptKb = 0)
{
    QStringList problems;
    const qint64 allowedKb = first.rssKb / 20 + 2048 + keptKb;
    if (last.rssKb - first.rssKb > allowedKb)
        problems << QStringLiteral("%1 memory grew from %2 to %3 KiB (allowed +%4)")
                        .arg(QLatin1String(who))
                        .arg(first.rssKb)
                        .arg(last.rssKb)
                        .arg(allowedKb);
    if (last.fds - first.fds > 2)
        problems << QStringLiteral("%1 file descriptors grew from %2 to %3")
                        .arg(QLatin1String(who))
                        .arg(first.fds)
                        .arg(last.fds);
    return problems.join(QStringLiteral("; "));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    test::fixEnvironment();
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption minutes(QStringLiteral("minutes"), QStringLiteral("How long (default 30)."),
        QStringLiteral("M"), QStringLiteral("30"));
    const QCommandLineOption seconds(QStringLiteral("seconds"),
        QStringLiteral("How long, in seconds (overrides --minutes)."), QStringLiteral("S"));
    const QCommandLineOption sampleSeconds(QStringLiteral("sample-seconds"),
        QStringLiteral("Seconds between samples (default 30)."), QStringLiteral("N"), QStringLiteral("30"));
    const QCommandLineOption warmupSeconds(QStringLiteral("warmup-seconds"),
        QStringLiteral("Samples before this are the warm-up (default: a sixth of the run, at most 300)."),
        QStringLiteral("W"));
    const QCommandLineOption csv(
        QStringLiteral("csv"), QStringLiteral("Write the samples here too."), QStringLiteral("FILE"));
    const QCommandLineOption noGrowthCheck(
        QStringLiteral("no-growth-check"), QStringLiteral("Only run the cycles (a smoke test)."));
    const QCommandLineOption calibrationRounds(QStringLiteral("softhsm-rounds"),
        QStringLiteral("Objects created and destroyed to measure what SoftHSM keeps of each (default 500)."),
        QStringLiteral("N"), QStringLiteral("500"));
    parser.addOptions(
        {minutes, seconds, sampleSeconds, warmupSeconds, csv, noGrowthCheck, calibrationRounds});
    parser.process(app);

    const double duration
        = parser.isSet(seconds) ? parser.value(seconds).toDouble() : parser.value(minutes).toDouble() * 60;
    const double every = std::max(1.0, parser.value(sampleSeconds).toDouble());
    const double warmup = parser.isSet(warmupSeconds) ? parser.value(warmupSeconds).toDouble()
                                                      : std::min(300.0, duration / 6);
    if (duration <= 0) {
        std::fprintf(stderr, "certdesk-soak: the duration must be positive\n");
        return 2;
    }
    if (!QFile::exists(test::SoftHsm::modulePath())) {
        std::fprintf(stderr, "certdesk-soak: SoftHSM2 is not installed\n");
        return 2;
    }

    QTemporaryDir dir;
    const test::SoftHsm softhsm(dir.filePath(QStringLiteral("softhsm")));
    if (!softhsm.initToken(TokenLabel, SoPin, UserPin)) {
        std::fprintf(stderr, "certdesk-soak: cannot create the SoftHSM2 token\n");
        return 1;
    }
    test::IssuanceFixture fixture;
    if (!fixture.start()) {
        std::fprintf(stderr, "certdesk-soak: %s\n", qPrintable(fixture.error()));
        return 1;
    }
    const QString server = serverPid();
    const QString self = QString::number(QCoreApplication::applicationPid());
    if (server.isEmpty()) {
        std::fprintf(stderr, "certdesk-soak: cannot find the service's process\n");
        return 1;
    }
    // The client loads the module first, as a counter PC does; the measurement then uses that instance.
    if (auto module = token::ModuleLoader::load(test::SoftHsm::modulePath()); !module) {
        std::fprintf(stderr, "certdesk-soak: module: %s\n", qPrintable(module.error().detail));
        return 1;
    }
    const double keptPerObject = softHsmBytesPerObject(std::max(1, parser.value(calibrationRounds).toInt()));
    if (keptPerObject < 0) {
        std::fprintf(stderr, "certdesk-soak: cannot measure what SoftHSM keeps of an object\n");
        return 1;
    }
    std::printf(
        "SoftHSM keeps %.0f bytes of heap for each token object created and destroyed\n", keptPerObject);

    std::optional<QFile> csvFile;
    if (parser.isSet(csv)) {
        csvFile.emplace(parser.value(csv));
        if (!csvFile->open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
            std::fprintf(stderr, "certdesk-soak: cannot write %s\n", qPrintable(parser.value(csv)));
            return 2;
        }
    }
    const QByteArray header = "seconds,cycles,softhsm_objects,server_rss_kib,server_fds,client_rss_kib,"
                              "client_fds,client_heap_kib\n";
    std::fputs(header.constData(), stdout);
    if (csvFile)
        csvFile->write(header);

    QList<Sample> samples;
    QElapsedTimer clock;
    clock.start();
    double nextSample = 0;
    int cycles = 0;
    int tokenObjects = 0;
    auto sample = [&] {
        Sample s {double(clock.elapsed()) / 1000, cycles, tokenObjects, usageOf(server), usageOf(self),
            heapInUse() / 1024};
        samples.append(s);
        const QByteArray row = QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8\n")
                                   .arg(s.seconds, 0, 'f', 1)
                                   .arg(s.cycles)
                                   .arg(s.tokenObjects)
                                   .arg(s.server.rssKb)
                                   .arg(s.server.fds)
                                   .arg(s.client.rssKb)
                                   .arg(s.client.fds)
                                   .arg(s.clientHeapKb)
                                   .toUtf8();
        std::fputs(row.constData(), stdout);
        std::fflush(stdout);
        if (csvFile) {
            csvFile->write(row);
            csvFile->flush();
        }
    };

    while (double(clock.elapsed()) / 1000 < duration) {
        if (double(clock.elapsed()) / 1000 >= nextSample) {
            sample();
            nextSample += every;
        }
        // Applicant and staff: one application to `approved`, then read back as both and the CRL fetched.
        const auto approved = fixture.approvedApplication();
        if (!approved) {
            std::fprintf(stderr, "certdesk-soak: cycle %d: %s\n", cycles + 1, qPrintable(fixture.error()));
            return 1;
        }
        for (int i = 0; i < 5; ++i) {
            if (!fixture.application(*approved) || !fixture.staffView(approved->id)) {
                std::fprintf(
                    stderr, "certdesk-soak: cycle %d: read: %s\n", cycles + 1, qPrintable(fixture.error()));
                return 1;
            }
        }
        if (!fixture.crlSerials()) {
            std::fprintf(
                stderr, "certdesk-soak: cycle %d: CRL: %s\n", cycles + 1, qPrintable(fixture.error()));
            return 1;
        }
        // The counter: the UKey programmed, then wiped for the next cycle.
        issuance::ProgrammingRequest request;
        request.applicationId = approved->id;
        request.modulePath = test::SoftHsm::modulePath();
        request.tokenLabel = TokenLabel;
        request.journalPath = dir.filePath(QStringLiteral("journal.json"));
        {
            issuance::ProgrammingJob job(&fixture.counter(), request);
            const test::JobOutcome outcome = test::runJob(job, UserPin);
            if (!outcome.ok) {
                std::fprintf(stderr, "certdesk-soak: cycle %d: programming: %s (%s)\n", cycles + 1,
                    qPrintable(outcome.message), qPrintable(job.detail()));
                return 1;
            }
        }
        const std::variant<int, QString> wiped = wipe();
        if (const QString* why = std::get_if<QString>(&wiped)) {
            std::fprintf(stderr, "certdesk-soak: cycle %d: wipe: %s\n", cycles + 1, qPrintable(*why));
            return 1;
        }
        tokenObjects += std::get<int>(wiped);
        ++cycles;
    }
    sample();

    std::printf("certdesk-soak: %d cycles in %.0f s\n", cycles, double(clock.elapsed()) / 1000);
    if (parser.isSet(noGrowthCheck))
        return cycles > 0 ? 0 : 1;
    const Sample* first = nullptr;
    for (const Sample& s : std::as_const(samples)) {
        if (s.seconds >= warmup) {
            first = &s;
            break;
        }
    }
    if (!first || first == &samples.last()) {
        std::fprintf(stderr, "certdesk-soak: no samples after the warm-up of %.0f s\n", warmup);
        return 1;
    }
    const Sample& last = samples.last();
    const int objectsAfterWarmup = last.tokenObjects - first->tokenObjects;
    const qint64 softHsmKeptKb = qint64(keptPerObject * objectsAfterWarmup / 1024 + 0.5);
    QStringList problems {growth("service", first->server, last.server),
        growth("client", first->client, last.client, softHsmKeptKb)};
    problems.removeAll(QString());
    const int cyclesAfterWarmup = std::max(1, last.cycles - first->cycles);
    std::printf(
        "after the warm-up (%.0f s, %d cycles): service %lld -> %lld KiB, %d -> %d fds; client %lld -> %lld "
        "KiB, %d -> %d fds\n",
        first->seconds, last.cycles - first->cycles, first->server.rssKb, last.server.rssKb,
        first->server.fds, last.server.fds, first->client.rssKb, last.client.rssKb, first->client.fds,
        last.client.fds);
    std::printf(
        "per cycle: service %+.2f KiB, client %+.2f KiB (heap in use %+.2f KiB), of which SoftHSM keeps "
        "%.2f KiB (%d objects created after the warm-up, %lld KiB)\n",
        double(last.server.rssKb - first->server.rssKb) / cyclesAfterWarmup,
        double(last.client.rssKb - first->client.rssKb) / cyclesAfterWarmup,
        double(last.clientHeapKb - first->clientHeapKb) / cyclesAfterWarmup,
        double(softHsmKeptKb) / cyclesAfterWarmup, objectsAfterWarmup, softHsmKeptKb);
    const QString verdict = problems.join(QStringLiteral("; "));
    if (!verdict.isEmpty()) {
        std::printf("GROWTH: %s\n", qPrintable(verdict));
        return 1;
    }
    std::printf("no growth beyond the warm-up\n");
    return 0;
}
