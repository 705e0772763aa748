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
// Usage: certdesk-soak [--minutes M | --seconds S] [--sample-seconds N] [--warmup-seconds W] [--csv FILE]
//                      [--no-growth-check]
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
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>
#include <optional>

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
    const QList<qint64> pids = test::childProcesses(QStringLiteral("certdesk-server"));
    return pids.isEmpty() ? QString() : QString::number(pids.first());
}

// Removes what a programming run wrote (keys and certificates, by CKA_ID), so that the next cycle finds a
// blank UKey. Empty when done, else why not.
QString wipe()
{
    auto module = token::ModuleLoader::load(test::SoftHsm::modulePath());
    if (!module)
        return QStringLiteral("module: ") + module.error().detail;
    auto session = module->openSession(TokenLabel);
    if (!session)
        return QStringLiteral("session: ") + session.error().detail;
    if (auto login = session->login(UserPin); !login)
        return QStringLiteral("login: ") + login.error().detail;
    QList<QByteArray> ids;
    if (auto keys = session->keys()) {
        for (const token::TokenKey& key : keys.value())
            ids.append(key.id);
    }
    if (auto certificates = session->certificates()) {
        for (const token::TokenCertificate& certificate : certificates.value())
            ids.append(certificate.id);
    }
    if (auto destroyed = session->destroyObjects(ids); !destroyed)
        return QStringLiteral("destroy: ") + destroyed.error().detail;
    (void)session->logout();
    return {};
}

struct Sample
{
    double seconds = 0;
    int cycles = 0;
    Usage server;
    Usage client;
};

// Growth from the first sample after the warm-up to the last one, within a tolerance: 5 % of the memory
// plus 2 MiB (allocator noise), and two descriptors. Empty when within it.
QString growth(const char* who, const Usage& first, const Usage& last)
{
    QStringList problems;
    const qint64 allowedKb = first.rssKb / 20 + 2048;
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
    parser.addOptions({minutes, seconds, sampleSeconds, warmupSeconds, csv, noGrowthCheck});
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

    std::optional<QFile> csvFile;
    if (parser.isSet(csv)) {
        csvFile.emplace(parser.value(csv));
        if (!csvFile->open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
            std::fprintf(stderr, "certdesk-soak: cannot write %s\n", qPrintable(parser.value(csv)));
            return 2;
        }
    }
    const QByteArray header = "seconds,cycles,server_rss_kib,server_fds,client_rss_kib,client_fds\n";
    std::fputs(header.constData(), stdout);
    if (csvFile)
        csvFile->write(header);

    QList<Sample> samples;
    QElapsedTimer clock;
    clock.start();
    double nextSample = 0;
    int cycles = 0;
    auto sample = [&] {
        Sample s {double(clock.elapsed()) / 1000, cycles, usageOf(server), usageOf(self)};
        samples.append(s);
        const QByteArray row = QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                                   .arg(s.seconds, 0, 'f', 1)
                                   .arg(s.cycles)
                                   .arg(s.server.rssKb)
                                   .arg(s.server.fds)
                                   .arg(s.client.rssKb)
                                   .arg(s.client.fds)
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
        if (const QString wiped = wipe(); !wiped.isEmpty()) {
            std::fprintf(stderr, "certdesk-soak: cycle %d: wipe: %s\n", cycles + 1, qPrintable(wiped));
            return 1;
        }
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
    QStringList problems {growth("service", first->server, samples.last().server),
        growth("client", first->client, samples.last().client)};
    problems.removeAll(QString());
    std::printf(
        "after the warm-up (%.0f s): service %lld -> %lld KiB, %d -> %d fds; client %lld -> %lld KiB, "
        "%d -> %d fds\n",
        first->seconds, first->server.rssKb, samples.last().server.rssKb, first->server.fds,
        samples.last().server.fds, first->client.rssKb, samples.last().client.rssKb, first->client.fds,
        samples.last().client.fds);
    const QString verdict = problems.join(QStringLiteral("; "));
    if (!verdict.isEmpty()) {
        std::printf("GROWTH: %s\n", qPrintable(verdict));
        return 1;
    }
    std::printf("no growth beyond the warm-up\n");
    return 0;
}
