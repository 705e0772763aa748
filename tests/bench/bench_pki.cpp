// Issuance throughput of the PKI library, as the server does it per issuance: two SM2 key pairs (signing and
// encryption, the "service generates both" path), two certificates, two envelopes to the client's transport
// key. Plus per-operation figures and an `openssl speed sm2`-style yardstick (SM2-with-SM3 signatures per
// second) from the same process, so a slow machine can be told from slow code.
//
// Usage: bench_pki [seconds per figure, default 2]

#include "pki/CertificateAuthority.h"
#include "pki/Csr.h"
#include "pki/Envelope.h"
#include "pki/Sm2.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>
#include <functional>

using namespace certdesk::pki;

namespace {

double perSecond(double seconds, const std::function<bool()>& operation)
{
    QElapsedTimer timer;
    timer.start();
    qint64 count = 0;
    const qint64 budget = static_cast<qint64>(seconds * 1000);
    while (timer.elapsed() < budget) {
        if (!operation()) {
            std::fprintf(stderr, "operation failed\n");
            std::exit(1);
        }
        ++count;
    }
    return static_cast<double>(count) * 1000.0 / static_cast<double>(timer.elapsed());
}

void report(const char* name, double rate)
{
    std::printf("%-44s %10.1f /s\n", name, rate);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;

    QTemporaryDir dir;
    auto ca = CertificateAuthority::loadOrCreate(dir.path());
    auto transport = Sm2Key::generate();
    auto fixedKey = Sm2Key::generate();
    if (!ca || !transport || !fixedKey) {
        std::fprintf(stderr, "setup failed\n");
        return 1;
    }
    const Sm2Key transportPublic = transport->publicKey();
    const QDateTime notBefore = QDateTime::currentDateTimeUtc();
    const QDateTime notAfter = notBefore.addYears(3);
    const QByteArray message(32, 'm');

    const auto issueOne = [&](CertificateProfile profile, const Sm2Key& key) {
        EndEntityRequest request;
        request.profile = profile;
        request.subject
            = Subject::institution(QStringLiteral("Bench Company Ltd"), QStringLiteral("91440300MA5FXXXX0X"));
        request.publicKey = key;
        request.validity = {notBefore, notAfter};
        return ca->issueEndEntity(request).hasValue();
    };

    std::printf("CertDesk PKI benchmark, %.1f s per figure, one thread\n", seconds);
    // Yardstick: what `openssl speed sm2` reports as "sign/s" (SM2-with-SM3 over a short message).
    report("yardstick: SM2-with-SM3 sign",
        perSecond(seconds, [&] { return sm2Sign(*fixedKey, message).hasValue(); }));
    const QByteArray signature = *sm2Sign(*fixedKey, message);
    report("yardstick: SM2-with-SM3 verify",
        perSecond(seconds, [&] { return sm2Verify(*fixedKey, message, signature).hasValue(); }));
    report("SM2 key pair generation", perSecond(seconds, [] { return Sm2Key::generate().hasValue(); }));
    report("certificate issuance",
        perSecond(seconds, [&] { return issueOne(CertificateProfile::Signing, *fixedKey); }));
    report("envelope (SM2 encrypt + SM4)",
        perSecond(seconds, [&] { return makeEnvelope(*fixedKey, transportPublic).hasValue(); }));
    const QByteArray csr
        = *makeCsr(*fixedKey, Subject::naturalPerson(QStringLiteral("Bench")), transportPublic);
    report("CSR verification", perSecond(seconds, [&] { return verifyCsr(csr).hasValue(); }));

    const double issuances = perSecond(seconds, [&] {
        auto signing = Sm2Key::generate();
        auto encryption = Sm2Key::generate();
        return signing && encryption && issueOne(CertificateProfile::Signing, *signing)
            && issueOne(CertificateProfile::Encryption, *encryption)
            && makeEnvelope(*signing, transportPublic) && makeEnvelope(*encryption, transportPublic);
    });
    report("ISSUANCES (2 keys + 2 certs + 2 envelopes)", issuances);
    std::printf("target: >= 150 issuances/s on one core: %s\n", issuances >= 150 ? "met" : "NOT met");
    return 0;
}
