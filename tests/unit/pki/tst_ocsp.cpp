// core/pki's OCSP: the responder's answers and the client's checks (RFC 6960 §3.2), SM2 with the default ID
// and RSA, against in-memory CAs.
#include "TestEnvironment.h"

#include "pki/CaSigner.h"
#include "pki/CertificateAuthority.h"
#include "pki/CertificateChain.h"
#include "pki/CertificateInfo.h"
#include "pki/LegacyRsaCa.h"
#include "pki/Ocsp.h"
#include "pki/Sm2.h"

#include <QTemporaryDir>
#include <QTest>

#include <openssl/ocsp.h>
#include <openssl/x509v3.h>

using namespace certdesk::pki;

namespace {

QDateTime nowUtc()
{
    return QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
}

std::shared_ptr<EVP_PKEY> shared(const Sm2Key& key)
{
    EVP_PKEY* raw = key.evpPkey();
    EVP_PKEY_up_ref(raw);
    return std::shared_ptr<EVP_PKEY>(raw, EVP_PKEY_free);
}

int responseStatus(const QByteArray& der)
{
    const auto* in = reinterpret_cast<const unsigned char*>(der.constData());
    OCSP_RESPONSE* response = d2i_OCSP_RESPONSE(nullptr, &in, der.size());
    if (response == nullptr)
        return -1;
    const int status = OCSP_response_status(response);
    OCSP_RESPONSE_free(response);
    return status;
}

} // namespace

class TestOcsp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sm2Statuses_data();
    void sm2Statuses();
    void signerChecks();
    void freshness();
    void emptyIdSignatureRejected();
    void rsaResponder();
    void responderErrors();
    void externalSignerAssemblesCertificates();

private:
    [[nodiscard]] EndEntityRequest eeRequest(CertificateProfile profile, const Sm2Key& key) const;

    std::optional<CertificateAuthority> m_ca;
    QByteArray m_leaf;
    OcspAuthority m_authority;
    Sm2Key m_signerKey;
};

EndEntityRequest TestOcsp::eeRequest(CertificateProfile profile, const Sm2Key& key) const
{
    EndEntityRequest r;
    r.profile = profile;
    r.subject = Subject::naturalPerson(QStringLiteral("Test Person"));
    r.publicKey = key.publicKey();
    r.validity = {nowUtc().addDays(-1), nowUtc().addDays(30)};
    return r;
}

void TestOcsp::initTestCase()
{
    certdesk::test::fixEnvironment();
    const Validity validity {nowUtc().addDays(-2), nowUtc().addYears(2)};
    auto root = CertificateAuthority::createRoot(CaSettings::defaultRootSubject(), validity);
    QVERIFY(root.hasValue());
    auto issuing = CertificateAuthority::createIssuing(*root, CaSettings::defaultIssuingSubject(), validity);
    QVERIFY(issuing.hasValue());
    auto ca = CertificateAuthority::fromCredentials(*root, *issuing);
    QVERIFY(ca.hasValue());
    m_ca = *ca;
    auto leafKey = Sm2Key::generate();
    auto leaf = m_ca->issueEndEntity(eeRequest(CertificateProfile::Signing, *leafKey));
    QVERIFY(leaf.hasValue());
    m_leaf = leaf->der;
    m_signerKey = *Sm2Key::generate();
    auto signer = m_ca->issueEndEntity(eeRequest(CertificateProfile::OcspSigning, m_signerKey));
    QVERIFY(signer.hasValue());
    // The delegated responder profile.
    const auto info = CertificateInfo::parse(signer->der);
    QVERIFY(info.hasValue());
    const auto* in = reinterpret_cast<const unsigned char*>(signer->der.constData());
    X509* x = d2i_X509(nullptr, &in, signer->der.size());
    QVERIFY(x != nullptr);
    QVERIFY((X509_get_extended_key_usage(x) & XKU_OCSP_SIGN) != 0);
    QVERIFY(X509_get_ext_by_NID(x, NID_id_pkix_OCSP_noCheck, -1) >= 0);
    X509_free(x);
    m_authority = {m_ca->issuingCertificate(), signer->der, shared(m_signerKey)};
}

void TestOcsp::sm2Statuses_data()
{
    QTest::addColumn<int>("hash");
    QTest::addColumn<int>("status");
    QTest::newRow("sha1 good") << int(OcspHash::Sha1) << int(OcspCertStatus::Good);
    QTest::newRow("sha256 revoked") << int(OcspHash::Sha256) << int(OcspCertStatus::Revoked);
    QTest::newRow("sm3 unknown") << int(OcspHash::Sm3) << int(OcspCertStatus::Unknown);
}

void TestOcsp::sm2Statuses()
{
    QFETCH(int, hash);
    QFETCH(int, status);
    const auto leaf = CertificateInfo::parse(m_leaf);
    const auto request = makeOcspRequest(m_leaf, m_ca->issuingCertificate(), OcspHash(hash));
    QVERIFY(request.hasValue());
    const QDateTime revokedAt = nowUtc().addSecs(-600);
    QString asked;
    const QByteArray response = answerOcspRequest(
        request->der, {m_authority},
        [&](int authority, const QString& serial) {
            asked = serial;
            OcspLookup found;
            found.status = OcspCertStatus(status);
            if (found.status == OcspCertStatus::Revoked) {
                found.revokedAt = revokedAt;
                found.reason = 1; // keyCompromise
            }
            return authority == 0 ? found : OcspLookup {};
        },
        nowUtc());
    QCOMPARE(asked, leaf->serialHex);
    const auto answer = verifyOcspResponse(response, m_leaf, m_ca->issuingCertificate(), request->nonce);
    QVERIFY2(answer.hasValue(), qPrintable(answer ? QString() : answer.detail()));
    QCOMPARE(int(answer->status), status);
    QCOMPARE(answer->signerCertificate, m_authority.signerCertificateDer);
    QCOMPARE(answer->thisUpdate.secsTo(answer->nextUpdate), 3600);
    if (answer->status == OcspCertStatus::Revoked) {
        QCOMPARE(answer->revokedAt, revokedAt);
        QCOMPARE(answer->reason, 1);
    }
    // Known by serial only (the client holds the issuer, not the certificate): the same request and answer.
    const auto bySerial
        = makeOcspRequestForSerial(leaf->serialHex.toLower(), m_ca->issuingCertificate(), OcspHash(hash));
    QVERIFY(bySerial.hasValue());
    const QByteArray serialResponse = answerOcspRequest(
        bySerial->der, {m_authority},
        [&](int, const QString& serial) {
            return serial == leaf->serialHex ? OcspLookup {OcspCertStatus::Good, {}, -1} : OcspLookup {};
        },
        nowUtc());
    const auto serialAnswer = verifyOcspResponseForSerial(
        serialResponse, leaf->serialHex, m_ca->issuingCertificate(), bySerial->nonce);
    QVERIFY2(serialAnswer.hasValue(), qPrintable(serialAnswer ? QString() : serialAnswer.detail()));
    QCOMPARE(serialAnswer->status, OcspCertStatus::Good);
    // Another serial's answer is not this one's.
    QVERIFY(!verifyOcspResponseForSerial(
        serialResponse, QStringLiteral("0A0B"), m_ca->issuingCertificate(), bySerial->nonce));
    // The nonce must match.
    const auto other = verifyOcspResponse(response, m_leaf, m_ca->issuingCertificate(), QByteArray(16, '\1'));
    QVERIFY(!other);
    QVERIFY(other.detail().contains(QStringLiteral("nonce")));
}

void TestOcsp::signerChecks()
{
    const auto request = makeOcspRequest(m_leaf, m_ca->issuingCertificate());
    QVERIFY(request.hasValue());
    const auto good = [](int, const QString&) { return OcspLookup {OcspCertStatus::Good, {}, -1}; };

    // A signer without id-kp-OCSPSigning (here: an ordinary signing certificate of the same CA).
    const Sm2Key plainKey = *Sm2Key::generate();
    const auto plain = m_ca->issueEndEntity(eeRequest(CertificateProfile::Signing, plainKey));
    QVERIFY(plain.hasValue());
    QByteArray response = answerOcspRequest(request->der,
        {OcspAuthority {m_ca->issuingCertificate(), plain->der, shared(plainKey)}}, good, nowUtc());
    auto answer = verifyOcspResponse(response, m_leaf, m_ca->issuingCertificate(), request->nonce);
    QVERIFY(!answer);
    QCOMPARE(answer.status(), PkiStatus::BadSignature);
    QVERIFY(answer.detail().contains(QStringLiteral("OCSPSigning")));

    // A responder certificate of another CA does not vouch for this one.
    const Validity validity {nowUtc().addDays(-2), nowUtc().addYears(1)};
    auto otherRoot = CertificateAuthority::createRoot(CaSettings::defaultRootSubject(), validity);
    auto otherIssuing
        = CertificateAuthority::createIssuing(*otherRoot, CaSettings::defaultIssuingSubject(), validity);
    auto otherCa = CertificateAuthority::fromCredentials(*otherRoot, *otherIssuing);
    QVERIFY(otherCa.hasValue());
    const Sm2Key foreignKey = *Sm2Key::generate();
    const auto foreign = otherCa->issueEndEntity(eeRequest(CertificateProfile::OcspSigning, foreignKey));
    QVERIFY(foreign.hasValue());
    response = answerOcspRequest(request->der,
        {OcspAuthority {m_ca->issuingCertificate(), foreign->der, shared(foreignKey)}}, good, nowUtc());
    answer = verifyOcspResponse(response, m_leaf, m_ca->issuingCertificate(), request->nonce);
    QVERIFY(!answer);
    QCOMPARE(answer.status(), PkiStatus::BadSignature);
}

void TestOcsp::freshness()
{
    const auto request = makeOcspRequest(m_leaf, m_ca->issuingCertificate());
    const auto good = [](int, const QString&) { return OcspLookup {OcspCertStatus::Good, {}, -1}; };
    // Made an hour in the future (thisUpdate ahead of the client's clock by more than the skew).
    QByteArray response = answerOcspRequest(request->der, {m_authority}, good, nowUtc().addSecs(3600));
    QVERIFY(!verifyOcspResponse(response, m_leaf, m_ca->issuingCertificate(), request->nonce));
    // Out of date: nextUpdate (thisUpdate + 1 h) passed two hours ago.
    response = answerOcspRequest(request->der, {m_authority}, good, nowUtc().addSecs(-3 * 3600));
    const auto stale = verifyOcspResponse(response, m_leaf, m_ca->issuingCertificate(), request->nonce);
    QVERIFY(!stale);
    QVERIFY(stale.detail().contains(QStringLiteral("nextUpdate")));
    // The same response checked at the time it was made is fine.
    QVERIFY(verifyOcspResponse(
        response, m_leaf, m_ca->issuingCertificate(), request->nonce, nowUtc().addSecs(-3 * 3600)));
}

void TestOcsp::emptyIdSignatureRejected()
{
    // A response signed with OpenSSL's plain OCSP_basic_sign: SM2 with the EMPTY ID. Standard verifiers (and
    // this client) check the default ID, so it must fail.
    const auto request = makeOcspRequest(m_leaf, m_ca->issuingCertificate());
    QVERIFY(request.hasValue());
    const auto* in = reinterpret_cast<const unsigned char*>(request->der.constData());
    OCSP_REQUEST* req = d2i_OCSP_REQUEST(nullptr, &in, request->der.size());
    QVERIFY(req != nullptr);
    OCSP_BASICRESP* basic = OCSP_BASICRESP_new();
    ASN1_TIME* now = ASN1_GENERALIZEDTIME_set(nullptr, time(nullptr));
    QVERIFY(OCSP_basic_add1_status(basic, OCSP_onereq_get0_id(OCSP_request_onereq_get0(req, 0)),
                V_OCSP_CERTSTATUS_GOOD, 0, nullptr, now, nullptr)
        != nullptr);
    QCOMPARE(OCSP_copy_nonce(basic, req), 1);
    const auto* signerIn
        = reinterpret_cast<const unsigned char*>(m_authority.signerCertificateDer.constData());
    X509* signer = d2i_X509(nullptr, &signerIn, m_authority.signerCertificateDer.size());
    QCOMPARE(OCSP_basic_sign(basic, signer, m_signerKey.evpPkey(), EVP_sm3(), nullptr, OCSP_RESPID_KEY), 1);
    OCSP_RESPONSE* response = OCSP_response_create(OCSP_RESPONSE_STATUS_SUCCESSFUL, basic);
    unsigned char* out = nullptr;
    const int length = i2d_OCSP_RESPONSE(response, &out);
    const QByteArray der(reinterpret_cast<const char*>(out), length);
    OPENSSL_free(out);
    OCSP_RESPONSE_free(response);
    X509_free(signer);
    ASN1_TIME_free(now);
    OCSP_BASICRESP_free(basic);
    OCSP_REQUEST_free(req);
    const auto answer = verifyOcspResponse(der, m_leaf, m_ca->issuingCertificate(), request->nonce);
    QVERIFY(!answer);
    QCOMPARE(answer.status(), PkiStatus::BadSignature);
}

void TestOcsp::rsaResponder()
{
    QTemporaryDir dir;
    auto legacy = LegacyRsaCa::loadOrCreate(dir.path());
    QVERIFY(legacy.hasValue());
    auto old = legacy->mint(certdesk::CertificateCategory::NaturalPerson, QStringLiteral("Wang Fang"),
        QStringLiteral("310115197806150038"), nowUtc().addDays(60));
    QVERIFY(old.hasValue());
    auto signer = legacy->issueOcspSigner(nowUtc().addDays(30));
    QVERIFY(signer.hasValue());
    QVERIFY(
        ocspSignerUsable(signer->certificateDer, legacy->certificate(), signer->key.get(), nowUtc(), 3600));
    QVERIFY(!ocspSignerUsable(
        signer->certificateDer, legacy->certificate(), signer->key.get(), nowUtc(), 60 * 86400));
    const auto request = makeOcspRequest(old->certificateDer, legacy->certificate(), OcspHash::Sha1);
    QVERIFY(request.hasValue());
    // Two authorities: the CertID picks the legacy one (index 1).
    const QByteArray response = answerOcspRequest(
        request->der,
        {m_authority, OcspAuthority {legacy->certificate(), signer->certificateDer, signer->key}},
        [](int authority, const QString&) {
            return authority == 1 ? OcspLookup {OcspCertStatus::Revoked, nowUtc().addSecs(-60), 4}
                                  : OcspLookup {};
        },
        nowUtc());
    const auto answer
        = verifyOcspResponse(response, old->certificateDer, legacy->certificate(), request->nonce);
    QVERIFY2(answer.hasValue(), qPrintable(answer ? QString() : answer.detail()));
    QCOMPARE(answer->status, OcspCertStatus::Revoked);
    QCOMPARE(answer->reason, 4);
}

void TestOcsp::responderErrors()
{
    const auto good = [](int, const QString&) { return OcspLookup {OcspCertStatus::Good, {}, -1}; };
    QCOMPARE(responseStatus(answerOcspRequest("junk", {m_authority}, good, nowUtc())),
        OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
    // A request about a CA the responder does not serve.
    QTemporaryDir dir;
    auto legacy = LegacyRsaCa::loadOrCreate(dir.path());
    auto old = legacy->mint(certdesk::CertificateCategory::NaturalPerson, QStringLiteral("Wang Fang"),
        QStringLiteral("310115197806150038"), nowUtc().addDays(60));
    const auto request = makeOcspRequest(old->certificateDer, legacy->certificate());
    QCOMPARE(responseStatus(answerOcspRequest(request->der, {m_authority}, good, nowUtc())),
        OCSP_RESPONSE_STATUS_UNAUTHORIZED);
    const auto error = verifyOcspResponse(ocspErrorResponse(OCSP_RESPONSE_STATUS_TRYLATER),
        old->certificateDer, legacy->certificate(), request->nonce);
    QVERIFY(!error);
    QVERIFY(error.detail().contains(QStringLiteral("trylater")));
}

void TestOcsp::externalSignerAssemblesCertificates()
{
    // A signer that is not a software key (as an HSM): the certificate and CRL DER are assembled from its
    // signature over the re-encoded to-be-signed bytes, and verify like the software-signed ones.
    class Remote final : public Sm2Signer
    {
    public:
        explicit Remote(Sm2Key key)
            : m_key(std::move(key))
        { }
        Sm2Key publicKey() const override { return m_key.publicKey(); }
        PkiResult<QByteArray> sign(QByteArrayView data, QByteArrayView id) const override
        {
            ++calls;
            return sm2Sign(m_key, data, id);
        }
        mutable int calls = 0;

    private:
        Sm2Key m_key;
    };
    const Validity validity {nowUtc().addDays(-2), nowUtc().addYears(2)};
    auto root = CertificateAuthority::createRoot(CaSettings::defaultRootSubject(), validity);
    auto issuing = CertificateAuthority::createIssuing(*root, CaSettings::defaultIssuingSubject(), validity);
    QVERIFY(issuing.hasValue());
    auto remote = std::make_shared<Remote>(issuing->key);
    auto ca = CertificateAuthority::fromSigner(root->certificateDer, issuing->certificateDer, remote);
    QVERIFY2(ca.hasValue(), qPrintable(ca ? QString() : ca.detail()));
    const Sm2Key key = *Sm2Key::generate();
    const auto leaf = ca->issueEndEntity(eeRequest(CertificateProfile::Signing, key));
    QVERIFY2(leaf.hasValue(), qPrintable(leaf ? QString() : leaf.detail()));
    QCOMPARE(remote->calls, 1);
    QVERIFY(ca->verifyChain(leaf->der).hasValue());
    const auto crl = ca->makeCrl(
        {{CertificateInfo::parse(leaf->der)->serialHex, nowUtc(), 4}}, nowUtc(), nowUtc().addDays(1));
    QVERIFY2(crl.hasValue(), qPrintable(crl ? QString() : crl.detail()));
    QCOMPARE(remote->calls, 2);
    QVERIFY(verifyCrl(*crl, issuing->certificateDer).hasValue());
    // Another key than the certificate's is refused at once.
    const auto mismatch = CertificateAuthority::fromSigner(
        root->certificateDer, issuing->certificateDer, std::make_shared<Remote>(*Sm2Key::generate()));
    QVERIFY(!mismatch);
    QCOMPARE(mismatch.status(), PkiStatus::KeyMismatch);
}

QTEST_GUILESS_MAIN(TestOcsp)
#include "tst_ocsp.moc"
