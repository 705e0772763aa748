// Issuances per second with the issuing CA key in an encrypted key file and in a PKCS#11 module (the
// project's SM2 test module standing in for an HSM), next to `openssl speed -seconds 3 sm2` signatures per
// second from the same run, so the cost of the C_Sign path can be told from a slow machine. One issuance is
// what the service signs for an application: the signing and the encryption certificate (two CA signatures).
//
// Usage: bench_pki_issue [seconds per figure, default 3]

#include "TestModuleControl.h"

#include "pki/CaSigner.h"
#include "pki/CertificateAuthority.h"
#include "pki/KeyFile.h"
#include "pki/Sm2.h"
#include "token/Pkcs11Sm2Signer.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>

using namespace certdesk;
using namespace certdesk::pki;

namespace {

[[noreturn]] void die(const QString& what)
{
    std::fprintf(stderr, "bench_pki_issue: %s\n", qPrintable(what));
    std::exit(1);
}

double issuancesPerSecond(const CertificateAuthority& ca, double seconds)
{
    const Sm2Key signing = *Sm2Key::generate();
    const Sm2Key encryption = *Sm2Key::generate();
    const QDateTime now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    EndEntityRequest request;
    request.subject = Subject::naturalPerson(QStringLiteral("Bench Person"));
    request.validity = {now, now.addYears(1)};
    QElapsedTimer timer;
    timer.start();
    qint64 count = 0;
    while (timer.elapsed() < qint64(seconds * 1000)) {
        request.profile = CertificateProfile::Signing;
        request.publicKey = signing;
        if (!ca.issueEndEntity(request))
            die(QStringLiteral("issuing failed"));
        request.profile = CertificateProfile::Encryption;
        request.publicKey = encryption;
        if (!ca.issueEndEntity(request))
            die(QStringLiteral("issuing failed"));
        ++count;
    }
    return double(count) * 1000.0 / double(timer.elapsed());
}

void report(const char* name, double rate, const char* unit)
{
    std::printf("%-52s %10.1f %s\n", name, rate, unit);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
    QTemporaryDir dir;
    if (!dir.isValid())
        die(QStringLiteral("no temporary directory"));

    const Validity validity {
        QDateTime::currentDateTimeUtc().addDays(-1), QDateTime::currentDateTimeUtc().addYears(5)};
    auto root = CertificateAuthority::createRoot(CaSettings::defaultRootSubject(), validity, sm2DefaultId());
    if (!root)
        die(root.detail());
    // Every CA object is signed with the default SM2 ID (GM/T 0009): CaSettings' defaults.
    const CaSettings settings;

    // 1. The issuing key in an encrypted PKCS#8 file, read back as the service reads it.
    {
        const Sm2Key key = *Sm2Key::generate();
        const SecureBytes passphrase(QByteArrayView("bench passphrase"));
        const QString path = dir.filePath(QStringLiteral("issuing-ca.key"));
        if (!writeKeyFile(path, key.evpPkey(), passphrase))
            die(QStringLiteral("writing the key file failed"));
        auto read = readKeyFile(path, passphrase);
        auto loaded = read ? Sm2Key::fromEvpPkey(std::move(*read)) : PkiResult<Sm2Key>(PkiError {});
        auto issuing = CertificateAuthority::certifyIssuing(
            *root, key.publicKey(), CaSettings::defaultIssuingSubject(), validity, sm2DefaultId());
        if (!loaded || !issuing)
            die(QStringLiteral("file CA setup failed"));
        auto ca = CertificateAuthority::fromSigner(
            root->certificateDer, *issuing, std::make_shared<SoftwareSm2Signer>(*loaded), settings);
        if (!ca)
            die(ca.detail());
        report("issuances (2 certificates), key in encrypted file", issuancesPerSecond(*ca, seconds), "/s");
    }

    // 2. The issuing key in the PKCS#11 module: C_Sign per certificate, checked in software, DER assembled.
    {
        const QString tokenDir = dir.filePath(QStringLiteral("token"));
        QDir().mkpath(tokenDir);
        test::Sm2TestModule control(tokenDir);
        control.activate();
        control.setSlotCount(1);
        if (!control.createToken(
                0, QStringLiteral("Bench HSM"), QStringLiteral("12345678"), QStringLiteral("87654321")))
            die(QStringLiteral("creating the test token failed"));
        auto signer
            = token::Pkcs11Sm2Signer::generate(test::Sm2TestModule::modulePath(), QStringLiteral("Bench HSM"),
                QByteArrayLiteral("\x01"), QStringLiteral("bench issuing CA"), QStringLiteral("12345678"));
        if (!signer)
            die(signer.detail());
        auto issuing = CertificateAuthority::certifyIssuing(
            *root, (*signer)->publicKey(), CaSettings::defaultIssuingSubject(), validity, sm2DefaultId());
        auto ca = issuing
            ? CertificateAuthority::fromSigner(root->certificateDer, *issuing, *signer, settings)
            : PkiResult<CertificateAuthority>(issuing.error());
        if (!ca)
            die(ca.detail());
        report(
            "issuances (2 certificates), key in PKCS#11 test module", issuancesPerSecond(*ca, seconds), "/s");
    }

    // 3. The yardstick: OpenSSL's own SM2 signing speed on this machine, now.
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
        {QStringLiteral("speed"), QStringLiteral("-seconds"), QString::number(qMax(1, int(seconds))),
            QStringLiteral("sm2")});
    if (!openssl.waitForFinished(120000) || openssl.exitCode() != 0)
        die(QStringLiteral("openssl speed sm2 failed"));
    const QString output = QString::fromUtf8(openssl.readAllStandardOutput());
    // " 256 bits SM2 (CurveSM2)   0.0006s   0.0007s   1671.7   1530.0"
    static const QRegularExpression line(
        QStringLiteral("SM2 \\(CurveSM2\\)\\s+\\S+\\s+\\S+\\s+([0-9.]+)\\s+([0-9.]+)"));
    const QRegularExpressionMatch match = line.match(output);
    if (!match.hasMatch())
        die(QStringLiteral("cannot read openssl speed's output"));
    report("openssl speed sm2: signatures", match.captured(1).toDouble(), "/s");
    report("openssl speed sm2: verifications", match.captured(2).toDouble(), "/s");
    std::printf(
        "(one issuance = 2 CA signatures; on the PKCS#11 path each token signature is also verified in "
        "software)\n");
    return 0;
}
