// Benchmark: programming a SoftHSM token the way the counter does on the server-generated-key path — import
// two SM2 key pairs (private + public key objects), write two certificates, verify (read back both public
// keys, check private keys and certificates, libp11 enumeration). Target: <= 300 ms, server call
// excluded.
//
// Yardsticks printed alongside, on the same token and session:
//   - "6 data objects": six bare C_CreateObject of token data objects the size of a certificate;
//   - "same 6 objects, bare": the very objects the write creates (2 EC private keys, 2 EC public keys, 2
//     certificates) with minimal templates and no checks — the floor any implementation pays SoftHSM.
// Wall time depends heavily on machine load (SoftHSM writes one file per object); CPU time (this process,
// SoftHSM included, it runs in-process) is printed too.
//
// Usage: bench_token [runs]   (needs softhsm2-util and /usr/lib/softhsm/libsofthsm2.so)

#include "TokenTestSupport.h"

#include "token/ModuleLoader.h"
#include "token/TokenSession.h"
#include "token/TokenWriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLibrary>
#include <QTemporaryDir>

#include <p11-kit/pkcs11.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <vector>

using namespace certdesk;
using namespace certdesk::token;

namespace {

struct Sample
{
    double wallMs = 0;
    double cpuMs = 0;
};

struct Series
{
    const char* name;
    std::vector<Sample> samples;

    void print(bool withTarget = false) const
    {
        std::vector<double> wall;
        std::vector<double> cpu;
        for (const Sample& s : samples) {
            wall.push_back(s.wallMs);
            cpu.push_back(s.cpuMs);
        }
        std::sort(wall.begin(), wall.end());
        std::sort(cpu.begin(), cpu.end());
        std::printf("  %-58s wall median %7.1f ms (min %6.1f, max %6.1f)  cpu median %6.1f ms", name,
            wall[wall.size() / 2], wall.front(), wall.back(), cpu[cpu.size() / 2]);
        if (withTarget)
            std::printf("  target <= 300 ms: %s", wall[wall.size() / 2] <= 300.0 ? "OK" : "over (see load)");
        std::printf("\n");
    }
};

// Wall and process CPU time of one call; false from the call stops the benchmark.
bool measure(Series& series, const std::function<bool()>& call)
{
    QElapsedTimer wall;
    const std::clock_t cpuStart = std::clock();
    wall.start();
    const bool ok = call();
    series.samples.push_back(
        {double(wall.nsecsElapsed()) / 1e6, double(std::clock() - cpuStart) * 1000.0 / CLOCKS_PER_SEC});
    return ok;
}

QByteArray subjectOf(const QByteArray& der)
{
    const auto* in = reinterpret_cast<const unsigned char*>(der.constData());
    const pki::X509Ptr certificate(d2i_X509(nullptr, &in, der.size()));
    unsigned char* out = nullptr;
    const int length = certificate ? i2d_X509_NAME(X509_get_subject_name(certificate.get()), &out) : 0;
    QByteArray subject(reinterpret_cast<const char*>(out), std::max(length, 0));
    OPENSSL_free(out);
    return subject;
}

Sm2PairToWrite pairToWrite(KeyPurpose purpose)
{
    const test::Sm2Pair pair
        = test::makeSm2Pair(purpose == KeyPurpose::Signing ? pki::CertificateProfile::Signing
                                                           : pki::CertificateProfile::Encryption,
            QStringLiteral("深圳市基准测试科技有限公司"));
    Sm2PairToWrite write;
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
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
    if (!QFile::exists(test::SoftHsm::modulePath())) {
        std::fprintf(stderr, "SoftHSM2 is not installed\n");
        return 1;
    }
    QTemporaryDir dir;
    const test::SoftHsm softhsm(dir.path());
    const QString label = QStringLiteral("BENCH");
    const QString pin = QStringLiteral("12345678");
    if (!softhsm.initToken(label, QStringLiteral("87654321"), pin))
        return 1;
    auto module = ModuleLoader::load(test::SoftHsm::modulePath());
    if (!module) {
        std::fprintf(stderr, "load: %s\n", qPrintable(module.detail()));
        return 1;
    }
    auto session = module->openSession(label);
    if (!session || !session->login(pin)) {
        std::fprintf(stderr, "cannot open and log in to the token\n");
        return 1;
    }

    // Raw Cryptoki on the same module for the yardsticks (C_Initialize answers ALREADY_INITIALIZED; the login
    // belongs to the application, so this session is logged in too).
    QLibrary library(test::SoftHsm::modulePath());
    const auto getFunctionList = reinterpret_cast<CK_C_GetFunctionList>(library.resolve("C_GetFunctionList"));
    CK_FUNCTION_LIST* f = nullptr;
    if (!getFunctionList || getFunctionList(&f) != CKR_OK)
        return 1;
    (void)f->C_Initialize(nullptr);
    CK_SESSION_HANDLE raw = 0;
    if (f->C_OpenSession(session->token().slotId, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &raw)
        != CKR_OK)
        return 1;

    Series program {"program: 2 SM2 pairs + 2 certificates + verify", {}};
    Series programNoLibp11 {"  the same without the libp11 enumeration check", {}};
    Series dataObjects {"yardstick: 6 bare data objects (certificate-sized)", {}};
    Series sameObjects {"yardstick: the same 6 objects, bare (SoftHSM floor)", {}};
    for (int run = 0; run < runs; ++run) {
        // Fresh keys and certificates for each write (made outside the timing, as the server makes them).
        for (Series* series : {&program, &programNoLibp11}) {
            const QList<Sm2PairToWrite> pairs {
                pairToWrite(KeyPurpose::Signing), pairToWrite(KeyPurpose::Encryption)};
            WriteOptions options;
            options.libp11Check = series == &program;
            QList<ObjectRef> created;
            const bool ok = measure(*series, [&] {
                auto report = TokenWriter(*session, options).write(pairs);
                if (!report) {
                    std::fprintf(stderr, "write failed: %s\n", qPrintable(report.detail()));
                    return false;
                }
                created = report->created;
                return true;
            });
            if (!ok)
                return 1;
            (void)session->destroyObjects(created);
        }

        const QList<Sm2PairToWrite> pairs {
            pairToWrite(KeyPurpose::Signing), pairToWrite(KeyPurpose::Encryption)};
        std::vector<CK_OBJECT_HANDLE> objects;
        const auto create = [&](std::vector<CK_ATTRIBUTE> templ) {
            CK_OBJECT_HANDLE object = 0;
            const CK_RV rv
                = f->C_CreateObject(raw, templ.data(), static_cast<CK_ULONG>(templ.size()), &object);
            if (rv != CKR_OK) {
                std::fprintf(stderr, "C_CreateObject: 0x%lx\n", rv);
                return false;
            }
            objects.push_back(object);
            return true;
        };
        CK_OBJECT_CLASS dataClass = CKO_DATA;
        CK_OBJECT_CLASS privateClass = CKO_PRIVATE_KEY;
        CK_OBJECT_CLASS publicClass = CKO_PUBLIC_KEY;
        CK_OBJECT_CLASS certificateClass = CKO_CERTIFICATE;
        CK_CERTIFICATE_TYPE x509 = CKC_X_509;
        CK_KEY_TYPE ec = CKK_EC;
        CK_BBOOL yes = CK_TRUE;
        CK_BBOOL no = CK_FALSE;
        QByteArray curve = QByteArray::fromHex("06082A811CCF5501822D");
        QByteArray certificate = pairs.first().certificateDer;
        const bool dataOk = measure(dataObjects, [&] {
            for (int i = 0; i < 6; ++i)
                if (!create({{CKA_CLASS, &dataClass, sizeof dataClass}, {CKA_TOKEN, &yes, sizeof yes},
                        {CKA_PRIVATE, &no, sizeof no},
                        {CKA_VALUE, certificate.data(), static_cast<CK_ULONG>(certificate.size())}}))
                    return false;
            return true;
        });
        for (const CK_OBJECT_HANDLE object : objects)
            (void)f->C_DestroyObject(raw, object);
        objects.clear();
        const bool sameOk = measure(sameObjects, [&] {
            for (const Sm2PairToWrite& pair : pairs) {
                QByteArray scalar = pair.privateScalar.toByteArray();
                QByteArray point = QByteArray("\x04\x41", 2) + pair.publicPoint;
                QByteArray der = pair.certificateDer;
                QByteArray id = TokenWriter::objectId(pair.publicPoint);
                QByteArray subject = subjectOf(der); // SoftHSM requires CKA_SUBJECT on certificates
                const bool ok
                    = create({{CKA_CLASS, &privateClass, sizeof privateClass}, {CKA_KEY_TYPE, &ec, sizeof ec},
                          {CKA_TOKEN, &yes, sizeof yes}, {CKA_PRIVATE, &yes, sizeof yes},
                          {CKA_EC_PARAMS, curve.data(), static_cast<CK_ULONG>(curve.size())},
                          {CKA_VALUE, scalar.data(), static_cast<CK_ULONG>(scalar.size())},
                          {CKA_ID, id.data(), static_cast<CK_ULONG>(id.size())}})
                    && create({{CKA_CLASS, &publicClass, sizeof publicClass}, {CKA_KEY_TYPE, &ec, sizeof ec},
                        {CKA_TOKEN, &yes, sizeof yes},
                        {CKA_EC_PARAMS, curve.data(), static_cast<CK_ULONG>(curve.size())},
                        {CKA_EC_POINT, point.data(), static_cast<CK_ULONG>(point.size())},
                        {CKA_ID, id.data(), static_cast<CK_ULONG>(id.size())}})
                    && create({{CKA_CLASS, &certificateClass, sizeof certificateClass},
                        {CKA_CERTIFICATE_TYPE, &x509, sizeof x509}, {CKA_TOKEN, &yes, sizeof yes},
                        {CKA_SUBJECT, subject.data(), static_cast<CK_ULONG>(subject.size())},
                        {CKA_VALUE, der.data(), static_cast<CK_ULONG>(der.size())},
                        {CKA_ID, id.data(), static_cast<CK_ULONG>(id.size())}});
                OPENSSL_cleanse(scalar.data(), static_cast<std::size_t>(scalar.size()));
                if (!ok)
                    return false;
            }
            return true;
        });
        for (const CK_OBJECT_HANDLE object : objects)
            (void)f->C_DestroyObject(raw, object);
        if (!dataOk || !sameOk) {
            std::fprintf(stderr, "yardstick C_CreateObject failed\n");
            return 1;
        }
    }
    (void)f->C_CloseSession(raw);

    std::printf("bench_token: SoftHSM2 token in a temporary directory, %d runs\n", runs);
    program.print(true);
    programNoLibp11.print();
    dataObjects.print();
    sameObjects.print();
    return 0;
}
