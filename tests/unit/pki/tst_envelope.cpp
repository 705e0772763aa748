#include "TestEnvironment.h"

#include "pki/Envelope.h"
#include "pki/Sm2.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk::pki;

class TestEnvelope : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTrip();
    void structureIsGmT0009();
    void tamperedPublicKeyIsKeyMismatch();
    void wrongTransportKeyIsDecryptFailed();
    void tamperedCiphertextIsDecryptFailed();
    void garbageIsBadInput_data();
    void garbageIsBadInput();
    void needsKeys();

private:
    Sm2Key m_wrapped;
    Sm2Key m_transport;
    QByteArray m_envelope;
};

void TestEnvelope::initTestCase()
{
    certdesk::test::fixEnvironment();
    auto wrapped = Sm2Key::generate();
    auto transport = Sm2Key::generate();
    QVERIFY(wrapped && transport);
    m_wrapped = *wrapped;
    m_transport = *transport;
    auto envelope = makeEnvelope(m_wrapped, m_transport.publicKey());
    QVERIFY2(envelope, qPrintable(envelope.detail()));
    m_envelope = *envelope;
}

void TestEnvelope::roundTrip()
{
    auto opened = openEnvelope(m_envelope, m_transport);
    QVERIFY2(opened, qPrintable(opened.detail()));
    QCOMPARE(opened->publicPoint, m_wrapped.publicPoint());
    QVERIFY(opened->privateScalar == *m_wrapped.privateScalar());
    auto key = Sm2Key::fromPrivateScalar(opened->privateScalar);
    QVERIFY(key && key->samePublicKey(m_wrapped));

    // Every envelope uses a fresh SM4 key and fresh SM2 randomness.
    auto second = makeEnvelope(m_wrapped, m_transport);
    QVERIFY(second);
    QVERIFY(*second != m_envelope);
    QVERIFY(openEnvelope(*second, m_transport));
}

void TestEnvelope::structureIsGmT0009()
{
    // Parsed by an independent decoder: OpenSSL's asn1parse.
    const QString openssl = QStringLiteral("openssl");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("envelope.der")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(m_envelope);
    file.close();
    QProcess process;
    process.start(openssl,
        {QStringLiteral("asn1parse"), QStringLiteral("-inform"), QStringLiteral("DER"), QStringLiteral("-in"),
            file.fileName()});
    if (!process.waitForFinished(30000) || process.exitCode() != 0)
        QSKIP("openssl asn1parse is not available");
    const QString dump = QString::fromUtf8(process.readAllStandardOutput());
    const QStringList lines = dump.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    // SEQUENCE { SEQUENCE { OID sm4-ecb }, SEQUENCE { INTEGER, INTEGER, OCTET STRING, OCTET STRING },
    //            BIT STRING (65), BIT STRING (32) }
    QVERIFY(lines.size() >= 10);
    QVERIFY(lines[0].contains(QLatin1String("d=0")) && lines[0].contains(QLatin1String("SEQUENCE")));
    QVERIFY(lines[1].contains(QLatin1String("d=1")) && lines[1].contains(QLatin1String("SEQUENCE")));
    QVERIFY(lines[2].contains(QLatin1String("OBJECT")) && lines[2].contains(QLatin1String("sm4-ecb")));
    QVERIFY(lines[3].contains(QLatin1String("d=1")) && lines[3].contains(QLatin1String("SEQUENCE")));
    QVERIFY(lines[4].contains(QLatin1String("INTEGER")) && lines[5].contains(QLatin1String("INTEGER")));
    QVERIFY(lines[6].contains(QLatin1String("OCTET STRING")) && lines[6].contains(QLatin1String("l=  32")));
    QVERIFY(lines[7].contains(QLatin1String("OCTET STRING")) && lines[7].contains(QLatin1String("l=  16")));
    QVERIFY(lines[8].contains(QLatin1String("BIT STRING")) && lines[8].contains(QLatin1String("l=  66")));
    QVERIFY(lines[9].contains(QLatin1String("BIT STRING")) && lines[9].contains(QLatin1String("l=  33")));
}

void TestEnvelope::tamperedPublicKeyIsKeyMismatch()
{
    // Replace the enclosed public key with another valid one: the DER stays well-formed, d·G no longer
    // matches.
    auto other = Sm2Key::generate();
    QVERIFY(other);
    QByteArray tampered = m_envelope;
    const qsizetype at = tampered.indexOf(m_wrapped.publicPoint());
    QVERIFY(at > 0);
    tampered.replace(at, 65, other->publicPoint());
    QCOMPARE(openEnvelope(tampered, m_transport).status(), PkiStatus::KeyMismatch);

    // And a single flipped bit in Y.
    tampered = m_envelope;
    tampered[at + 64] = static_cast<char>(tampered[at + 64] ^ 0x01);
    QCOMPARE(openEnvelope(tampered, m_transport).status(), PkiStatus::KeyMismatch);
}

void TestEnvelope::wrongTransportKeyIsDecryptFailed()
{
    auto other = Sm2Key::generate();
    QVERIFY(other);
    QCOMPARE(openEnvelope(m_envelope, *other).status(), PkiStatus::DecryptFailed);
}

void TestEnvelope::tamperedCiphertextIsDecryptFailed()
{
    // The last BIT STRING holds the SM4-encrypted scalar: flipping it gives another scalar → KeyMismatch.
    QByteArray tampered = m_envelope;
    tampered[tampered.size() - 1] = static_cast<char>(tampered.back() ^ 0x01);
    QCOMPARE(openEnvelope(tampered, m_transport).status(), PkiStatus::KeyMismatch);
    // The C3 hash of the SM2Cipher (offset: outer header 2 + AlgorithmIdentifier 12 + ...): flip a byte
    // inside the SM2Cipher's first OCTET STRING → the SM2 decryption check fails.
    tampered = m_envelope;
    const qsizetype hashAt = tampered.indexOf(QByteArray::fromHex("0420"), 14);
    QVERIFY(hashAt > 0);
    tampered[hashAt + 5] = static_cast<char>(tampered[hashAt + 5] ^ 0x01);
    QCOMPARE(openEnvelope(tampered, m_transport).status(), PkiStatus::DecryptFailed);
}

void TestEnvelope::garbageIsBadInput_data()
{
    QTest::addColumn<QByteArray>("der");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("text") << QByteArray("not DER at all");
    QTest::newRow("empty sequence") << QByteArray::fromHex("3000");
    QTest::newRow("truncated") << m_envelope.left(m_envelope.size() - 3);
    QTest::newRow("trailing byte") << QByteArray(m_envelope + '\0');
    QTest::newRow("three members") << QByteArray::fromHex("3009300506032a0304030100030100");
}

void TestEnvelope::garbageIsBadInput()
{
    QFETCH(QByteArray, der);
    QCOMPARE(openEnvelope(der, m_transport).status(), PkiStatus::BadInput);
}

void TestEnvelope::needsKeys()
{
    QCOMPARE(makeEnvelope(m_wrapped.publicKey(), m_transport).status(), PkiStatus::BadInput);
    QCOMPARE(makeEnvelope(m_wrapped, Sm2Key()).status(), PkiStatus::BadInput);
    QCOMPARE(openEnvelope(m_envelope, m_transport.publicKey()).status(), PkiStatus::BadInput);
}

QTEST_GUILESS_MAIN(TestEnvelope)
#include "tst_envelope.moc"
