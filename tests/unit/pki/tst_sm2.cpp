#include "TestEnvironment.h"

#include "pki/Sm2.h"

#include <QTest>

#include <openssl/err.h>

using namespace certdesk::pki;

namespace {

SecureBytes secureFromHex(const char* hex)
{
    const QByteArray bytes = QByteArray::fromHex(hex);
    return SecureBytes(QByteArrayView(bytes));
}

// The order n of sm2p256v1 (GB/T 32918.5).
const QByteArray CurveOrder
    = QByteArray::fromHex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123");

} // namespace

class TestSm2 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void secureBytesCopiesAndWipes();
    void signVerifyWithDefaultId();
    void emptyIdSignatureDoesNotVerifyWithDefaultId();
    void tamperedDataOrSignatureFails();
    void rawDerConversion();
    void rawDerConversionRejects_data();
    void rawDerConversionRejects();
    void messageDigestIsWhatSignDigestNeeds();
    void encryptDecryptRoundTrip();
    void decryptWithWrongKeyFails();
    void sm3Vectors_data();
    void sm3Vectors();
    void sm4EcbVector();
    void sm4RejectsBadLengths();
    void keyImportExport();
    void privateScalarRange_data();
    void privateScalarRange();
    void publicPointMustBeOnCurve();
    void nonSm2KeysAreUnsupported();
    void errorQueueIsDrainedAndReasonKept();
};

void TestSm2::initTestCase()
{
    certdesk::test::fixEnvironment();
}

void TestSm2::secureBytesCopiesAndWipes()
{
    SecureBytes a(QByteArrayView("secret"));
    SecureBytes b = a;
    QVERIFY(a.constData() != b.constData()); // deep copy, never shared
    QVERIFY(a == b);
    b.data()[0] = 'S';
    QVERIFY(!(a == b));
    SecureBytes c = std::move(b);
    QCOMPARE(c.size(), 6);
    QVERIFY(b.isEmpty()); // NOLINT(bugprone-use-after-move): moved-from state is specified
    c = a;
    QVERIFY(c == a);
    c.clear();
    QVERIFY(c.isEmpty());
    QCOMPARE(a.toByteArray(), QByteArray("secret"));
}

void TestSm2::signVerifyWithDefaultId()
{
    auto key = Sm2Key::generate();
    QVERIFY2(key, qPrintable(key.detail()));
    QVERIFY(key->hasPrivateKey());
    const QByteArray data("CertDesk renewal");
    auto signature = sm2Sign(*key, data);
    QVERIFY2(signature, qPrintable(signature.detail()));
    QCOMPARE(static_cast<unsigned char>(signature->front()), 0x30); // DER SEQUENCE
    QVERIFY(sm2Verify(key->publicKey(), data, *signature));
    QVERIFY(sm2Verify(key->publicKey(), data, *signature, QByteArrayView("1234567812345678")));
}

void TestSm2::emptyIdSignatureDoesNotVerifyWithDefaultId()
{
    // Proves the ID really goes into Z: OpenSSL 3.0 silently uses an empty ID when none is set.
    auto key = Sm2Key::generate();
    QVERIFY(key);
    const QByteArray data("abc");
    auto emptyIdSignature = sm2Sign(*key, data, QByteArrayView(""));
    QVERIFY(emptyIdSignature);
    QVERIFY(sm2Verify(*key, data, *emptyIdSignature, QByteArrayView("")));
    const auto withDefault = sm2Verify(*key, data, *emptyIdSignature);
    QCOMPARE(withDefault.status(), PkiStatus::BadSignature);

    auto defaultSignature = sm2Sign(*key, data);
    QVERIFY(defaultSignature);
    QCOMPARE(sm2Verify(*key, data, *defaultSignature, QByteArrayView("")).status(), PkiStatus::BadSignature);
    QCOMPARE(sm2Verify(*key, data, *defaultSignature, QByteArrayView("ALICE123@YAHOO.COM")).status(),
        PkiStatus::BadSignature);
}

void TestSm2::tamperedDataOrSignatureFails()
{
    auto key = Sm2Key::generate();
    auto other = Sm2Key::generate();
    QVERIFY(key && other);
    auto signature = sm2Sign(*key, "data");
    QVERIFY(signature);
    QCOMPARE(sm2Verify(*key, "date", *signature).status(), PkiStatus::BadSignature);
    QCOMPARE(sm2Verify(*other, "data", *signature).status(), PkiStatus::BadSignature);
    QByteArray broken = *signature;
    broken[broken.size() - 1] = static_cast<char>(broken.back() ^ 0x01);
    QCOMPARE(sm2Verify(*key, "data", broken).status(), PkiStatus::BadSignature);
    QCOMPARE(sm2Verify(*key, "data", "garbage").status(), PkiStatus::BadSignature);
}

void TestSm2::rawDerConversion()
{
    auto key = Sm2Key::generate();
    QVERIFY(key);
    for (int i = 0; i < 20; ++i) { // r or s with a leading zero byte turn up within a few signatures
        auto der = sm2Sign(*key, QByteArray::number(i));
        QVERIFY(der);
        auto raw = sm2SignatureToRaw(*der);
        QVERIFY2(raw, qPrintable(raw.detail()));
        QCOMPARE(raw->size(), 64);
        auto back = sm2SignatureFromRaw(*raw);
        QVERIFY(back);
        QCOMPARE(*back, *der);
        QVERIFY(sm2Verify(*key, QByteArray::number(i), *back));
    }
    // A known value: r = 1, s = 0x80 (needs a 00 pad byte in DER).
    QByteArray raw(64, '\0');
    raw[31] = 1;
    raw[63] = static_cast<char>(0x80);
    auto der = sm2SignatureFromRaw(raw);
    QVERIFY(der);
    QCOMPARE(der->toHex(), QByteArray("300702010102020080"));
}

void TestSm2::rawDerConversionRejects_data()
{
    QTest::addColumn<QByteArray>("der");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not a sequence") << QByteArray::fromHex("020101");
    QTest::newRow("trailing bytes") << QByteArray::fromHex("300602010102010100");
    QTest::newRow("padded integer") << QByteArray::fromHex("300702020001020101");
    QTest::newRow("negative r") << QByteArray::fromHex("3006020181020101");
    QTest::newRow("r too long") << QByteArray::fromHex(
        QByteArray("3026022101") + QByteArray(64, 'f') + QByteArray("020101"));
}

void TestSm2::rawDerConversionRejects()
{
    QFETCH(QByteArray, der);
    QCOMPARE(sm2SignatureToRaw(der).status(), PkiStatus::BadInput);
}

void TestSm2::messageDigestIsWhatSignDigestNeeds()
{
    // A token that signs e gets sm2MessageDigest; the result must verify as an ordinary SM2-with-SM3
    // signature.
    auto key = Sm2Key::generate();
    QVERIFY(key);
    const QByteArray data("to be signed on a token");
    auto e = sm2MessageDigest(key->publicKey(), data);
    QVERIFY(e);
    QCOMPARE(e->size(), 32);
    auto signature = sm2SignDigest(*key, *e);
    QVERIFY2(signature, qPrintable(signature.detail()));
    QVERIFY(sm2Verify(*key, data, *signature));
    auto emptyIdDigest = sm2MessageDigest(*key, data, QByteArrayView(""));
    QVERIFY(emptyIdDigest && *emptyIdDigest != *e);
}

void TestSm2::encryptDecryptRoundTrip()
{
    auto key = Sm2Key::generate();
    QVERIFY(key);
    const QByteArray plaintext = QByteArray::fromHex("00112233445566778899aabbccddeeff");
    auto ciphertext = sm2Encrypt(key->publicKey(), plaintext);
    QVERIFY2(ciphertext, qPrintable(ciphertext.detail()));
    // SM2Cipher: SEQUENCE { INTEGER x, INTEGER y, OCTET STRING hash(32), OCTET STRING ciphertext }.
    QCOMPARE(static_cast<unsigned char>(ciphertext->front()), 0x30);
    QVERIFY(ciphertext->size() > 32 + 64 + 16);
    auto decrypted = sm2Decrypt(*key, *ciphertext);
    QVERIFY2(decrypted, qPrintable(decrypted.detail()));
    QCOMPARE(decrypted->toByteArray(), plaintext);
}

void TestSm2::decryptWithWrongKeyFails()
{
    auto key = Sm2Key::generate();
    auto other = Sm2Key::generate();
    QVERIFY(key && other);
    auto ciphertext = sm2Encrypt(*key, "0123456789abcdef");
    QVERIFY(ciphertext);
    QCOMPARE(sm2Decrypt(*other, *ciphertext).status(), PkiStatus::DecryptFailed);
    QByteArray tampered = *ciphertext;
    tampered[tampered.size() - 1] = static_cast<char>(tampered.back() ^ 0x40);
    QCOMPARE(sm2Decrypt(*key, tampered).status(), PkiStatus::DecryptFailed);
    QCOMPARE(sm2Decrypt(*key, "not a ciphertext").status(), PkiStatus::BadInput);
    QCOMPARE(sm2Decrypt(key->publicKey(), *ciphertext).status(), PkiStatus::BadInput);
}

void TestSm2::sm3Vectors_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("digest");
    // GB/T 32905-2016 Appendix A.
    QTest::newRow("A.1 abc") << QByteArray(
        "abc") << QByteArray("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    QTest::newRow("A.2 abcd x16") << QByteArray("abcd").repeated(
        16) << QByteArray("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
}

void TestSm2::sm3Vectors()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, digest);
    QCOMPARE(sm3(message).toHex(), digest);
}

void TestSm2::sm4EcbVector()
{
    // GB/T 32907-2016 Appendix A.1: key = plaintext = 0123456789abcdeffedcba9876543210.
    const SecureBytes key = secureFromHex("0123456789abcdeffedcba9876543210");
    const QByteArray plaintext = QByteArray::fromHex("0123456789abcdeffedcba9876543210");
    auto ciphertext = sm4EcbEncrypt(key, plaintext);
    QVERIFY2(ciphertext, qPrintable(ciphertext.detail()));
    QCOMPARE(ciphertext->toHex(), QByteArray("681edf34d206965e86b3e94f536e4246"));
    auto decrypted = sm4EcbDecrypt(key, *ciphertext);
    QVERIFY(decrypted);
    QCOMPARE(decrypted->toByteArray(), plaintext);

    // ECB: two equal blocks give two equal ciphertext blocks, no padding block is added.
    auto twoBlocks = sm4EcbEncrypt(key, plaintext.repeated(2));
    QVERIFY(twoBlocks);
    QCOMPARE(twoBlocks->toHex(), QByteArray("681edf34d206965e86b3e94f536e4246").repeated(2));
}

void TestSm2::sm4RejectsBadLengths()
{
    const SecureBytes key = secureFromHex("0123456789abcdeffedcba9876543210");
    QCOMPARE(sm4EcbEncrypt(key, QByteArray(15, 'a')).status(), PkiStatus::BadInput);
    QCOMPARE(sm4EcbEncrypt(key, QByteArray()).status(), PkiStatus::BadInput);
    QCOMPARE(sm4EcbDecrypt(key, QByteArray(17, 'a')).status(), PkiStatus::BadInput);
    QCOMPARE(sm4EcbEncrypt(secureFromHex("0011"), QByteArray(16, 'a')).status(), PkiStatus::BadInput);
}

void TestSm2::keyImportExport()
{
    auto key = Sm2Key::generate();
    QVERIFY(key);
    const QByteArray point = key->publicPoint();
    QCOMPARE(point.size(), 65);
    QCOMPARE(point.front(), '\x04');

    auto scalar = key->privateScalar();
    QVERIFY(scalar);
    QCOMPARE(scalar->size(), 32);
    auto fromScalar = Sm2Key::fromPrivateScalar(*scalar);
    QVERIFY2(fromScalar, qPrintable(fromScalar.detail()));
    QVERIFY(fromScalar->hasPrivateKey());
    QCOMPARE(fromScalar->publicPoint(), point); // d·G computed on import
    QVERIFY(fromScalar->samePublicKey(*key));
    auto signature = sm2Sign(*fromScalar, "x");
    QVERIFY(signature && sm2Verify(*key, "x", *signature));

    auto fromPoint = Sm2Key::fromPublicPoint(point);
    QVERIFY(fromPoint);
    QVERIFY(!fromPoint->hasPrivateKey());
    QVERIFY(fromPoint->samePublicKey(*key));
    QCOMPARE(fromPoint->privateScalar().status(), PkiStatus::BadInput);
    QCOMPARE(sm2Sign(*fromPoint, "x").status(), PkiStatus::BadInput);

    const QByteArray spki = key->subjectPublicKeyInfo();
    // id-ecPublicKey with the SM2 curve OID 1.2.156.10197.1.301 (06 08 2A 81 1C CF 55 01 82 2D).
    QVERIFY(spki.contains(QByteArray::fromHex("06082a811ccf5501822d")));
    auto fromSpki = Sm2Key::fromSubjectPublicKeyInfo(spki);
    QVERIFY(fromSpki);
    QCOMPARE(fromSpki->publicPoint(), point);
    QCOMPARE(Sm2Key::fromSubjectPublicKeyInfo(QByteArray(spki + "x")).status(), PkiStatus::BadInput);

    auto pkcs8 = key->pkcs8();
    QVERIFY(pkcs8);
    auto fromPkcs8 = Sm2Key::fromPkcs8(*pkcs8);
    QVERIFY2(fromPkcs8, qPrintable(fromPkcs8.detail()));
    QVERIFY(fromPkcs8->hasPrivateKey());
    QVERIFY(*fromPkcs8->privateScalar() == *scalar);
    QCOMPARE(Sm2Key::fromPkcs8(SecureBytes(QByteArrayView("junk"))).status(), PkiStatus::BadInput);

    QVERIFY(!key->publicKey().hasPrivateKey());
    QVERIFY(key->publicKey().samePublicKey(*key));
    QVERIFY(!Sm2Key().samePublicKey(*key));
}

void TestSm2::privateScalarRange_data()
{
    QTest::addColumn<QByteArray>("scalar");
    QTest::addColumn<bool>("valid");
    QByteArray one(32, '\0');
    one[31] = 1;
    QByteArray orderMinusOne = CurveOrder;
    orderMinusOne[31] = static_cast<char>(orderMinusOne[31] - 1);
    QByteArray orderMinusTwo = CurveOrder;
    orderMinusTwo[31] = static_cast<char>(orderMinusTwo[31] - 2);
    QTest::newRow("zero") << QByteArray(32, '\0') << false;
    QTest::newRow("one") << one << true;
    QTest::newRow("n-2") << orderMinusTwo << true;
    QTest::newRow("n-1") << orderMinusOne << false;
    QTest::newRow("n") << CurveOrder << false;
    QTest::newRow("31 bytes") << QByteArray(31, '\x01') << false;
}

void TestSm2::privateScalarRange()
{
    QFETCH(QByteArray, scalar);
    QFETCH(bool, valid);
    auto key = Sm2Key::fromPrivateScalar(SecureBytes(QByteArrayView(scalar)));
    QCOMPARE(key.hasValue(), valid);
    if (!valid)
        QCOMPARE(key.status(), PkiStatus::BadInput);
}

void TestSm2::publicPointMustBeOnCurve()
{
    auto key = Sm2Key::generate();
    QVERIFY(key);
    QByteArray point = key->publicPoint();
    point[64] = static_cast<char>(point[64] ^ 0x01);
    QCOMPARE(Sm2Key::fromPublicPoint(point).status(), PkiStatus::BadInput);
    QCOMPARE(Sm2Key::fromPublicPoint(key->publicPoint().left(33)).status(), PkiStatus::BadInput);
}

void TestSm2::nonSm2KeysAreUnsupported()
{
    // A P-256 SubjectPublicKeyInfo (RFC 5480 example key shape), made with OpenSSL here.
    EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    QVERIFY(raw != nullptr);
    EvpPkeyPtr ecKey(raw);
    unsigned char* der = nullptr;
    const int length = i2d_PUBKEY(ecKey.get(), &der);
    QVERIFY(length > 0);
    const OpenSslBuffer owner(der);
    const QByteArray spki(reinterpret_cast<const char*>(der), length);
    QCOMPARE(Sm2Key::fromSubjectPublicKeyInfo(spki).status(), PkiStatus::Unsupported);
    QCOMPARE(Sm2Key::fromEvpPkey(std::move(ecKey)).status(), PkiStatus::Unsupported);
}

void TestSm2::errorQueueIsDrainedAndReasonKept()
{
    ERR_clear_error();
    auto key = Sm2Key::generate();
    QVERIFY(key);
    auto failed = sm2Decrypt(*key, QByteArray::fromHex("3003020101"));
    QVERIFY(!failed);
    QCOMPARE(ERR_peek_error(), 0ul);
    QVERIFY(!failed.message().isEmpty());
    QVERIFY(!failed.detail().isEmpty());
    auto garbage = Sm2Key::fromSubjectPublicKeyInfo(QByteArray::fromHex("30030201ff"));
    QVERIFY(!garbage);
    QCOMPARE(ERR_peek_error(), 0ul);
}

QTEST_GUILESS_MAIN(TestSm2)
#include "tst_sm2.moc"
