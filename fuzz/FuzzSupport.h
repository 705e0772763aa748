#pragma once
// Shared by the libFuzzer targets: a QCoreApplication (translations, plugins and resources expect one), the
// fixed keys that the seed corpora were made with, and reading small helper files of fuzz/data.

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QImageReader>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace certdesk::fuzz {

// Creates the application object once. Image decoders may allocate at most 64 MB per image (Qt 6's
// QImageReader::setAllocationLimit; the default is 128 MB): a fuzzed header can claim any size, and the
// product's own pixel limit is tested by the normal tests.
inline void initQt()
{
    static int argc = 1;
    static char name[] = "certdesk-fuzz";
    static char* argv[] = {name, nullptr};
    static QCoreApplication* app = nullptr;
    if (app == nullptr) {
        app = new QCoreApplication(argc, argv);
        QImageReader::setAllocationLimit(64);
    }
}

inline QByteArray bytes(const std::uint8_t* data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

// A file of fuzz/data (CERTDESK_FUZZ_DATA_DIR, compiled in); aborts when it is missing (a broken checkout).
inline QByteArray dataFile(const char* name)
{
    QFile file(QStringLiteral(CERTDESK_FUZZ_DATA_DIR "/") + QString::fromUtf8(name));
    if (!file.open(QIODevice::ReadOnly))
        std::abort();
    return file.readAll();
}

// The SM2 transport private key the envelope seeds are made for (fuzz/make-seeds): a fixed scalar so the
// seeds open with it and the fuzzer reaches past the SM2 decryption.
inline QByteArray transportScalar()
{
    return QByteArray::fromHex("3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8");
}

} // namespace certdesk::fuzz
