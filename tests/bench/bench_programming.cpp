// Benchmark: the counter's whole UKey programming job (core/issuance ProgrammingJob) on SoftHSM2 tokens, the
// server-generated-key path, against the real certdesk-server on loopback. Reported: the job's own time —
// wall time from start() to finished() minus the time spent waiting for the service (ProgrammingJob::
// tokenMilliseconds(): module, session, login, transport key, envelopes, two key pairs and two certificates
// written, verification with the libp11 enumeration, chain check, thread hops). Target: <= 300 ms,
// server call excluded. The service's share is printed too.
//
// Yardstick, on the same kind of token in the same process: token::TokenWriter alone writing and verifying
// two pairs (what bench_token measures), i.e. the floor the job adds its protocol steps to.
//
// Usage: bench_programming [runs]   (needs softhsm2-util and /usr/lib/softhsm/libsofthsm2.so)

#include "IssuanceFixture.h"
#include "TokenTestSupport.h"

#include "issuance/ProgrammingJob.h"
#include "token/ModuleLoader.h"
#include "token/TokenSession.h"
#include "token/TokenWriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace certdesk;

namespace {

const QString Pin = QStringLiteral("12345678");

void print(const char* name, std::vector<double> samples, bool target)
{
    std::sort(samples.begin(), samples.end());
    std::printf("  %-60s median %7.1f ms (min %6.1f, max %6.1f)", name, samples[samples.size() / 2],
        samples.front(), samples.back());
    if (target)
        std::printf(
            "  target <= 300 ms: %s", samples[samples.size() / 2] <= 300.0 ? "OK" : "over (see load)");
    std::printf("\n");
}

token::Sm2PairToWrite pairToWrite(token::KeyPurpose purpose)
{
    const test::Sm2Pair pair
        = test::makeSm2Pair(purpose == token::KeyPurpose::Signing ? pki::CertificateProfile::Signing
                                                                  : pki::CertificateProfile::Encryption,
            QStringLiteral("Bench Co."));
    token::Sm2PairToWrite write;
    write.purpose = purpose;
    write.privateScalar = pair.key.privateScalar().value();
    write.publicPoint = pair.key.publicPoint();
    write.certificateDer = pair.certificate;
    return write;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;
    if (!QFile::exists(test::SoftHsm::modulePath())) {
        std::fprintf(stderr, "SoftHSM2 is not installed\n");
        return 1;
    }
    QTemporaryDir dir;
    const test::SoftHsm softhsm(dir.filePath(QStringLiteral("softhsm")));
    // SoftHSM reads its token directory at C_Initialize: every token is made before the first load.
    for (int run = 0; run < runs; ++run)
        if (!softhsm.initToken(QStringLiteral("BENCH %1").arg(run), QStringLiteral("87654321"), Pin))
            return 1;
    if (!softhsm.initToken(QStringLiteral("YARDSTICK"), QStringLiteral("87654321"), Pin))
        return 1;

    test::IssuanceFixture fixture;
    if (!fixture.start()) {
        std::fprintf(stderr, "%s\n", qPrintable(fixture.error()));
        return 1;
    }

    std::vector<double> local;
    std::vector<double> service;
    for (int run = 0; run < runs; ++run) {
        const auto approved = fixture.approvedApplication(); // outside the timing
        if (!approved) {
            std::fprintf(stderr, "%s\n", qPrintable(fixture.error()));
            return 1;
        }
        issuance::ProgrammingRequest request;
        request.applicationId = approved->id;
        request.modulePath = test::SoftHsm::modulePath();
        request.tokenLabel = QStringLiteral("BENCH %1").arg(run);
        request.journalPath = dir.filePath(QStringLiteral("journal.json"));
        issuance::ProgrammingJob job(&fixture.counter(), request);
        QElapsedTimer wall;
        wall.start();
        const test::JobOutcome outcome = test::runJob(job, Pin);
        const double total = double(wall.nsecsElapsed()) / 1e6;
        if (!outcome.ok) {
            std::fprintf(stderr, "run %d failed: %s (%s)\n", run, qPrintable(outcome.message),
                qPrintable(job.detail()));
            return 1;
        }
        local.push_back(double(job.tokenMilliseconds()));
        service.push_back(total - double(job.tokenMilliseconds()));
    }

    // Yardstick: TokenWriter alone on a token of the same kind, fresh pairs each time (made outside the
    // timing).
    std::vector<double> writer;
    auto module = token::ModuleLoader::load(test::SoftHsm::modulePath());
    auto session = module ? module->openSession(QStringLiteral("YARDSTICK"))
                          : token::TokenResult<token::TokenSession>(module.error());
    if (!session || !session->login(Pin)) {
        std::fprintf(stderr, "cannot open the yardstick token\n");
        return 1;
    }
    for (int run = 0; run < runs; ++run) {
        const QList<token::Sm2PairToWrite> pairs {
            pairToWrite(token::KeyPurpose::Signing), pairToWrite(token::KeyPurpose::Encryption)};
        QElapsedTimer timer;
        timer.start();
        auto report = token::TokenWriter(*session).write(pairs);
        writer.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!report) {
            std::fprintf(stderr, "write failed: %s\n", qPrintable(report.detail()));
            return 1;
        }
        (void)session->destroyObjects(report->created);
    }

    std::printf("bench_programming: %d runs, SoftHSM2, server-generated keys\n", runs);
    print("programming job, service calls excluded", local, true);
    print("  the service calls of the same runs (not counted)", service, false);
    print("yardstick: TokenWriter alone (2 pairs + 2 certificates + verify)", writer, false);
    return 0;
}
