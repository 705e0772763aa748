#include "TestEnvironment.h"

#include "pki/Csr.h"
#include "pki/Sm2.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk::pki;

class TestCsr : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void buildAndVerify();
    void transportKeyAttributeRoundTrips();
    void noTransportKey();
    void emptyIdSignatureFailsVerification();
    void tamperedCsrFails();
    void externalSignerPath();
    void externalSignerWithRawTokenSignature();
    void externalSignerWithWrongKeyIsRejected();
    void openSslCliAgrees();
    void garbageIsBadInput();

private:
    Sm2Key m_key;
    Sm2Key m_transport;
    Subject m_subject;
};

void TestCsr::initTestCase()
{
    certdesk::test::fixEnvironment();
    auto key = Sm2Key::generate();
    auto transport = Sm2Key::generate();
    QVERIFY(key && transport);
    m_key = *key;
    m_transport = *transport;
    m_subject = Subject::institution(
        QStringLiteral("深圳市测试科技有限公司"), QStringLiteral("91440300MA5FXXXX0X"));
}

void TestCsr::buildAndVerify()
{
    auto csr = makeCsr(m_key, m_subject, m_transport.publicKey());
    QVERIFY2(csr, qPrintable(csr.detail()));
    auto contents = verifyCsr(*csr);
    QVERIFY2(contents, qPrintable(contents.detail()));
    QCOMPARE(contents->subject, m_subject);
    QVERIFY(contents->publicKey.samePublicKey(m_key));
    QVERIFY(!contents->publicKey.hasPrivateKey());
    // SM2-with-SM3, 1.2.156.10197.1.501 (06 08 2A 81 1C CF 55 01 83 75).
    QVERIFY(csr->contains(QByteArray::fromHex("06082a811ccf55018375")));
}

void TestCsr::transportKeyAttributeRoundTrips()
{
    auto csr = makeCsr(m_key, m_subject, m_transport);
    QVERIFY(csr);
    // The attribute: SEQUENCE { OID 1.2.840.113549.1.9.63, SET { OCTET STRING (SPKI) } }.
    QVERIFY(csr->contains(QByteArray::fromHex("06092a864886f70d01093f")));
    QVERIFY(csr->contains(m_transport.subjectPublicKeyInfo()));
    auto contents = verifyCsr(*csr);
    QVERIFY(contents);
    QVERIFY(!contents->transportPublicKey.isNull());
    QVERIFY(contents->transportPublicKey.samePublicKey(m_transport));
    QVERIFY(!contents->transportPublicKey.samePublicKey(m_key));
}

void TestCsr::noTransportKey()
{
    auto csr = makeCsr(m_key, Subject::naturalPerson(QStringLiteral("张三")));
    QVERIFY(csr);
    auto contents = verifyCsr(*csr);
    QVERIFY(contents);
    QVERIFY(contents->transportPublicKey.isNull());
    QCOMPARE(contents->subject.commonName, QStringLiteral("张三"));
}

void TestCsr::emptyIdSignatureFailsVerification()
{
    // What OpenSSL 3.0 produces when nobody sets the ID: must be rejected (the API's 422 case).
    auto csr = makeCsr(m_key, m_subject, m_transport, QByteArrayView(""));
    QVERIFY(csr);
    QCOMPARE(verifyCsr(*csr).status(), PkiStatus::BadSignature);
    QVERIFY(verifyCsr(*csr, QByteArrayView("")));
}

void TestCsr::tamperedCsrFails()
{
    auto csr = makeCsr(m_key, m_subject, m_transport);
    QVERIFY(csr);
    QByteArray tampered = *csr;
    const qsizetype at = tampered.indexOf(QByteArray("91440300"));
    QVERIFY(at > 0);
    tampered[at] = '8';
    QCOMPARE(verifyCsr(tampered).status(), PkiStatus::BadSignature);
}

void TestCsr::externalSignerPath()
{
    QByteArray seenInfo;
    auto csr = makeCsrWithSigner(m_key.publicKey(), m_subject, m_transport,
        [this, &seenInfo](const QByteArray& info) -> PkiResult<QByteArray> {
            seenInfo = info;
            return sm2Sign(m_key, info);
        });
    QVERIFY2(csr, qPrintable(csr.detail()));
    QCOMPARE(static_cast<unsigned char>(seenInfo.front()), 0x30);
    QVERIFY(csr->startsWith(QByteArray("\x30\x82", 2)));
    QVERIFY(csr->contains(seenInfo)); // the signed bytes are the request's CertificationRequestInfo
    auto contents = verifyCsr(*csr);
    QVERIFY(contents);
    QVERIFY(contents->publicKey.samePublicKey(m_key));
    QVERIFY(contents->transportPublicKey.samePublicKey(m_transport));
    QCOMPARE(contents->subject, m_subject);
}

void TestCsr::externalSignerWithRawTokenSignature()
{
    // A token computing e itself and returning raw r‖s.
    auto csr = makeCsrWithSigner(
        m_key.publicKey(), m_subject, {}, [this](const QByteArray& info) -> PkiResult<QByteArray> {
            auto e = sm2MessageDigest(m_key, info);
            if (!e)
                return e.error();
            auto der = sm2SignDigest(m_key, *e);
            if (!der)
                return der.error();
            auto raw = sm2SignatureToRaw(*der);
            if (!raw)
                return raw.error();
            return sm2SignatureFromRaw(*raw);
        });
    QVERIFY2(csr, qPrintable(csr.detail()));
    QVERIFY(verifyCsr(*csr));
}

void TestCsr::externalSignerWithWrongKeyIsRejected()
{
    auto other = Sm2Key::generate();
    QVERIFY(other);
    auto csr = makeCsrWithSigner(m_key.publicKey(), m_subject, m_transport,
        [&other](const QByteArray& info) { return sm2Sign(*other, info); });
    QCOMPARE(csr.status(), PkiStatus::BadSignature);
    auto emptyId = makeCsrWithSigner(m_key.publicKey(), m_subject, m_transport,
        [this](const QByteArray& info) { return sm2Sign(m_key, info, QByteArrayView("")); });
    QCOMPARE(emptyId.status(), PkiStatus::BadSignature);
    auto failing = makeCsrWithSigner(
        m_key.publicKey(), m_subject, m_transport, [](const QByteArray&) -> PkiResult<QByteArray> {
            return PkiError {PkiStatus::Unsupported, QStringLiteral("token")};
        });
    QCOMPARE(failing.status(), PkiStatus::Unsupported);
}

void TestCsr::openSslCliAgrees()
{
    auto csr = makeCsr(m_key, m_subject, m_transport);
    QVERIFY(csr);
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("request.der")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(*csr);
    file.close();
    // `openssl req -verify` exits 0 either way (3.0.19); its verdict is the "verify OK"/"verify failure"
    // line.
    const auto verdict = [&file](const QStringList& extra) {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("openssl"),
            QStringList {QStringLiteral("req"), QStringLiteral("-inform"), QStringLiteral("DER"),
                QStringLiteral("-in"), file.fileName(), QStringLiteral("-verify"), QStringLiteral("-noout")}
                + extra);
        process.waitForFinished(30000);
        return QString::fromUtf8(process.readAll());
    };
    const QString withId = verdict({QStringLiteral("-vfyopt"), QStringLiteral("distid:1234567812345678")});
    QVERIFY2(withId.contains(QLatin1String("verify OK")), qPrintable(withId));
    // With OpenSSL's default (empty) ID it must not verify: proof that the ID went into the signature.
    const QString withoutId = verdict({});
    QVERIFY2(withoutId.contains(QLatin1String("verify failure")), qPrintable(withoutId));
}

void TestCsr::garbageIsBadInput()
{
    QCOMPARE(verifyCsr(QByteArray("junk")).status(), PkiStatus::BadInput);
    QCOMPARE(verifyCsr(QByteArray()).status(), PkiStatus::BadInput);
    QCOMPARE(makeCsr(m_key.publicKey(), m_subject).status(), PkiStatus::BadInput);
    Subject badCountry = m_subject;
    badCountry.country = QStringLiteral("中国");
    QCOMPARE(makeCsr(m_key, badCountry).status(), PkiStatus::BadInput);
}

QTEST_GUILESS_MAIN(TestCsr)
#include "tst_csr.moc"
