// Api: the SM2 CA (chain, CRL) and issuance of the new certificate pair.
#include "Api.h"
#include "Audit.h"

#include "CertificateServices.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QScopeGuard>
#include <QSqlQuery>

namespace certdesk::server {

namespace {

// RFC 5280 §5.3.1 CRLReason superseded: the old certificate (and an unconfirmed pair issued again) is
// replaced.
constexpr int kReasonSuperseded = 4;
// How long an issuance in progress keeps others of the same application out (a claim of an instance that died
// in the middle of one lapses then): far longer than the crypto takes, even on an HSM.
constexpr qint64 kIssuanceClaimSeconds = 120;

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

} // namespace

bool Api::holdsLegacyCaKey() const
{
    return m_certificates && m_certificates->holdsLegacyCaKey();
}

void Api::caCertificates(Context& ctx)
{
    ctx.sendBytes(200, m_certificates->chainPem(), "application/x-pem-file");
}

void Api::sendCrl(Context& ctx, const QString& source, CrlCache& cache,
    const std::function<std::optional<QByteArray>(const QList<CertificateServices::Revoked>&)>& make)
{
    QList<CertificateServices::Revoked> revoked;
    QString key;
    {
        const ReadTransaction rt(m_db);
        QSqlQuery q = run(rt.db(),
            QStringLiteral("SELECT serial, revoked_at, reason FROM revocations WHERE source = ? ORDER BY "
                           "revoked_at, serial"),
            {source});
        while (q.next()) {
            revoked.append({q.value(0).toString(), parseTime(q.value(1).toString()), q.value(2).toInt()});
            key += q.value(0).toString() + QLatin1Char(',');
        }
    }
    const std::lock_guard lock(cache.mutex);
    const QDateTime at = QDateTime::currentDateTimeUtc();
    if (cache.der.isEmpty() || key != cache.key || cache.madeAt.secsTo(at) > 3600) {
        // cRLNumber strictly increases per CA (RFC 5280 §5.2.3), also when several instances share the CA
        // directory: they take turns (a lock on the database) and each continues from the number in the
        // crlnumber file.
        const NamedLock turn(m_db, QStringLiteral("crl:") + source);
        if (!m_certificates->reloadCrlNumber(source == QLatin1String("legacy")
                    ? CertificateServices::OcspIssuer::Legacy
                    : CertificateServices::OcspIssuer::Sm2))
            throw std::runtime_error("the CRL number file is unreadable");
        const auto der = make(revoked);
        if (!der)
            throw std::runtime_error("CRL signing failed");
        cache.der = *der;
        cache.key = key;
        cache.madeAt = at;
    }
    ctx.sendBytes(200, cache.der, "application/pkix-crl");
}

// A CRL lists only its own issuer's certificates (RFC 5280 §5): the SM2 issuing CA's CRL carries the SM2
// pairs it revoked ("issued": an unconfirmed pair superseded by issuing again), the legacy RSA CA's the old
// certificates revoked at confirmation ("legacy").
void Api::caCrl(Context& ctx)
{
    sendCrl(ctx, QStringLiteral("issued"), m_crl,
        [this](const QList<CertificateServices::Revoked>& revoked) { return m_certificates->crl(revoked); });
}

void Api::caLegacyCrl(Context& ctx)
{
    if (!m_certificates->hasLegacyCa())
        errors::notFound(QCoreApplication::translate("certdesk::Server", "This service has no legacy CA."));
    // A legacy CA configured with its certificate only ([legacy_ca] key_source = none) cannot sign a CRL.
    if (!m_certificates->holdsLegacyCaKey())
        errors::notFound(QCoreApplication::translate("certdesk::Server",
            "This service does not hold the legacy CA's key and publishes no CRL for it."));
    sendCrl(ctx, QStringLiteral("legacy"), m_legacyCrl,
        [this](const QList<CertificateServices::Revoked>& revoked) {
            return m_certificates->legacyCrl(revoked);
        });
}

void Api::caLegacyCertificate(Context& ctx)
{
    if (!m_certificates->hasLegacyCa())
        errors::notFound(QCoreApplication::translate("certdesk::Server", "This service has no legacy CA."));
    ctx.sendBytes(200, m_certificates->legacyCertificatePem(), "application/x-pem-file");
}

void Api::issue(Context& ctx)
{
    const StaffPrincipal staff = requireStaff(ctx, QStringLiteral("counter"));
    const QJsonObject body = ctx.jsonObject();
    if (replay(ctx))
        return;
    const AppRow app = requireApp(m_db.connection(), ctx.param(0));
    if (app.status != ApplicationStatus::Approved)
        errors::conflict(QCoreApplication::translate("certdesk::Server",
            "Certificates are issued only for an approved application that has not been issued yet."));
    // Four eyes: who approved an application does not also issue its certificates, unless the config allows
    // a one-person counter.
    if (!m_options.onePersonCounterAllowed()
        && scalar(m_db.connection(),
               QStringLiteral(
                   "SELECT actor FROM timeline WHERE application_id = ? AND status = ? ORDER BY seq DESC "
                   "LIMIT 1"),
               {app.id, statusToApi(ApplicationStatus::Approved)})
                .toString()
            == staff.username)
        errors::forbidden(QCoreApplication::translate("certdesk::Server",
            "You approved this application; another staff member issues its certificates (the service does "
            "not allow a one-person counter)."));

    FieldErrors problems;
    const auto base64Field = [&](const char* key, bool required) -> std::optional<QByteArray> {
        const QJsonValue v = body.value(QLatin1String(key));
        if (v.isNull() || v.isUndefined()) {
            if (required)
                problems.append({QString::fromLatin1(key), QStringLiteral("required"),
                    QCoreApplication::translate("certdesk::Server", "This value is required.")});
            return std::nullopt;
        }
        const auto decoded = QByteArray::fromBase64Encoding(v.toString().toLatin1());
        if (!v.isString() || decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok
            || decoded.decoded.isEmpty() || v.toString().size() > 65536) {
            problems.append({QString::fromLatin1(key), QStringLiteral("invalid"),
                QCoreApplication::translate("certdesk::Server", "Send DER in standard base64.")});
            return std::nullopt;
        }
        return decoded.decoded;
    };
    const auto transport = base64Field("transport_public_key", true);
    const auto csr = base64Field("csr", false);
    if (!problems.isEmpty())
        errors::validationFailed(problems);

    // Validity: issued now, running to the renewal start (the old expiry when renewing early) plus the paid
    // years, so an early renewal loses no days and the new pair is usable at once (the old one is revoked on
    // confirmation, so a pair valid only from the old expiry would leave the holder without a certificate).
    const QDateTime notBefore = QDateTime::currentDateTimeUtc();
    QDateTime start = parseTime(app.newValidityStart);
    if (!start.isValid() || start < notBefore)
        start = notBefore;
    QDateTime notAfter = start.addYears(app.form.years);
    if (const QDateTime caEnd = m_certificates->issuingNotAfter(); caEnd.isValid() && notAfter > caEnd)
        notAfter = caEnd;

    const bool institution = isInstitution(app.category);
    CertificateServices::IssueRequest request;
    request.category = app.category;
    request.name = institution ? app.form.organization.name : app.form.applicant.name;
    request.credentialNumber
        = institution ? app.form.organization.credentialNumber : app.form.applicant.idNumber;
    request.transportPublicKey = *transport;
    request.csr = csr;
    request.notBefore = notBefore;
    request.notAfter = notAfter;
    // RFC 5280 §4.2.1.13 / §4.2.2.1: where relying parties find the issuing CA's CRL and its OCSP responder.
    // --public-url is required outside the sandbox; the sandbox falls back to the address the client used.
    const QString base = baseUrl(ctx);
    request.crlUrl = base + QStringLiteral("/api/v1/ca/crl");
    request.ocspUrl = base + QStringLiteral("/ocsp");
    // One issuance of an application at a time, on every instance: the claim is a conditional UPDATE of the
    // application's row, which the database serialises (the second of two at the same moment finds the claim
    // and gets 409). A claim left by an instance that died mid-issuance lapses after kIssuanceClaimSeconds.
    // Issuing again later, before confirmation, still revokes the unconfirmed pair (../shared/API.md).
    const QString claim = now();
    {
        // READ COMMITTED on PostgreSQL: the second UPDATE waits for the first's row lock and then evaluates
        // its WHERE against the committed claim, so it affects no row and the answer is 409 at once.
        WriteTransaction tx(m_db, WriteTransaction::Isolation::ReadCommitted);
        const QSqlQuery claimed = run(tx.db(),
            QStringLiteral("UPDATE applications SET issuing_since = ? WHERE id = ? AND status = ? AND "
                           "(issuing_since IS NULL OR issuing_since < ?)"),
            {claim, app.id, statusToApi(ApplicationStatus::Approved),
                iso(QDateTime::currentDateTimeUtc().addSecs(-kIssuanceClaimSeconds))});
        if (claimed.numRowsAffected() != 1)
            errors::conflict(QCoreApplication::translate("certdesk::Server",
                "These certificates are being issued at another counter right now; wait for that to "
                "finish."));
        tx.commit();
    }
    // Released whatever happens below (a refused CSR, a conflict, the reply); only this claim, not a later
    // one.
    const auto releaseClaim = qScopeGuard([this, &app, &claim] {
        try {
            retryOnConflict([&] {
                WriteTransaction tx(m_db);
                run(tx.db(),
                    QStringLiteral(
                        "UPDATE applications SET issuing_since = NULL WHERE id = ? AND issuing_since = ?"),
                    {app.id, claim});
                tx.commit();
            });
        } catch (const std::exception&) {
            // The claim lapses by itself.
        }
    });
    // The crypto runs outside any transaction: issuances of different applications run in parallel.
    const CertificateServices::IssueResult issued = m_certificates->issue(request);
    switch (issued.error) {
    case CertificateServices::IssueError::None:
        break;
    case CertificateServices::IssueError::BadTransportKey:
        errors::validationFailed(QStringLiteral("transport_public_key"), QStringLiteral("invalid"),
            QCoreApplication::translate(
                "certdesk::Server", "The transport key is not an SM2 SubjectPublicKeyInfo."));
    case CertificateServices::IssueError::BadCsrSignature:
        errors::validationFailed(QStringLiteral("csr"), QStringLiteral("bad_signature"),
            QCoreApplication::translate("certdesk::Server",
                "The CSR's SM2 signature does not verify with the default ID 1234567812345678."));
    case CertificateServices::IssueError::BadCsr:
        errors::validationFailed(QStringLiteral("csr"), QStringLiteral("invalid"),
            QCoreApplication::translate("certdesk::Server",
                "The CSR is not a PKCS#10 request for an SM2 key signed with SM2-with-SM3."));
    case CertificateServices::IssueError::Internal:
        throw std::runtime_error("issuance failed: " + issued.detail.toStdString());
    }

    const QString id = secrets::randomHex(16);
    const QString at = now();
    WriteTransaction tx(m_db);
    const AppRow current = requireApp(tx.db(), app.id);
    if (current.status != ApplicationStatus::Approved)
        errors::conflict(QCoreApplication::translate("certdesk::Server",
            "Certificates are issued only for an approved application that has not been issued yet."));
    // Issuing again before confirmation: the earlier pair never reached a confirmed token, revoke it.
    {
        QSqlQuery q = run(tx.db(),
            QStringLiteral("SELECT id, signing_serial, encryption_serial FROM issuances WHERE application_id "
                           "= ? AND status = ?"),
            {app.id, QStringLiteral("pending")});
        QList<QStringList> earlier;
        while (q.next())
            earlier.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString()});
        for (const QStringList& e : earlier) {
            run(tx.db(), QStringLiteral("UPDATE issuances SET status = ? WHERE id = ?"),
                {QStringLiteral("revoked"), e[0]});
            for (const QString& serial : {e[1], e[2]}) {
                run(tx.db(), QStringLiteral("DELETE FROM revocations WHERE serial = ?"), {serial});
                run(tx.db(),
                    QStringLiteral(
                        "INSERT INTO revocations (serial, revoked_at, reason, source) VALUES (?, ?, ?, ?)"),
                    {serial, at, kReasonSuperseded, QStringLiteral("issued")});
                audit::append(tx.db(), staff.username, QStringLiteral("revocation"), serial,
                    {{QStringLiteral("source"), QStringLiteral("issued")},
                        {QStringLiteral("reason"), QStringLiteral("superseded")}});
            }
        }
    }
    run(tx.db(),
        QStringLiteral(
            "INSERT INTO issuances (id, application_id, status, signing_serial, encryption_serial, "
            "signing_certificate, encryption_certificate, not_before, not_after, created_at, issued_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {id, app.id, QStringLiteral("pending"), issued.signingSerial, issued.encryptionSerial,
            b64(issued.signingCertificate), b64(issued.encryptionCertificate), iso(notBefore), iso(notAfter),
            at, staff.username});
    run(tx.db(), QStringLiteral("UPDATE applications SET updated_at = ? WHERE id = ?"), {at, app.id});
    audit::append(tx.db(), staff.username, QStringLiteral("issuance"), app.id,
        {{QStringLiteral("issuance_id"), id}, {QStringLiteral("signing_serial"), issued.signingSerial},
            {QStringLiteral("encryption_serial"), issued.encryptionSerial}});
    QJsonArray chain;
    for (const QByteArray& der : m_certificates->chainDer())
        chain.append(b64(der));
    const QJsonObject reply {{QStringLiteral("issuance_id"), id},
        {QStringLiteral("signing_certificate"), b64(issued.signingCertificate)},
        {QStringLiteral("encryption_certificate"), b64(issued.encryptionCertificate)},
        {QStringLiteral("signing_key_envelope"),
            issued.signingKeyEnvelope.isEmpty() ? QJsonValue() : QJsonValue(b64(issued.signingKeyEnvelope))},
        {QStringLiteral("encryption_key_envelope"), b64(issued.encryptionKeyEnvelope)},
        {QStringLiteral("ca_chain"), chain}, {QStringLiteral("not_before"), iso(notBefore)},
        {QStringLiteral("not_after"), iso(notAfter)},
        {QStringLiteral("signing_serial"), issued.signingSerial},
        {QStringLiteral("encryption_serial"), issued.encryptionSerial}};
    commitAndSend(tx, ctx, 201, reply);
}

void Api::confirmIssuance(Context& ctx)
{
    const StaffPrincipal staff = requireStaff(ctx, QStringLiteral("counter"));
    const QJsonObject body = ctx.jsonObjectOrEmpty();
    FieldErrors problems;
    const auto text = [&](const char* key) {
        const QJsonValue v = body.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isNull() && (!v.isString() || v.toString().size() > 128))
            problems.append({QString::fromLatin1(key), QStringLiteral("type"),
                QCoreApplication::translate("certdesk::Server", "Send text of at most 128 characters.")});
        return v.toString();
    };
    const QString tokenSerial = text("token_serial");
    const QString tokenLabel = text("token_label");
    if (!problems.isEmpty())
        errors::validationFailed(problems);
    WriteTransaction tx(m_db);
    const AppRow app = requireApp(tx.db(), ctx.param(0));
    QSqlQuery q
        = run(tx.db(), QStringLiteral("SELECT status FROM issuances WHERE id = ? AND application_id = ?"),
            {ctx.param(1), app.id});
    if (!q.next())
        errors::notFound(
            QCoreApplication::translate("certdesk::Server", "No such issuance for this application."));
    if (app.status != ApplicationStatus::Approved || q.value(0).toString() != QLatin1String("pending"))
        errors::conflict(QCoreApplication::translate("certdesk::Server",
            "Only the latest unconfirmed issuance of an approved application can be confirmed."));
    const QString at = now();
    run(tx.db(),
        QStringLiteral("UPDATE issuances SET status = ?, confirmed_at = ?, token_serial = ?, token_label = ? "
                       "WHERE id = ?"),
        {QStringLiteral("confirmed"), at, tokenSerial, tokenLabel, ctx.param(1)});
    // Only now is the old certificate revoked (DESIGN.md: after the new token is verified).
    run(tx.db(),
        QStringLiteral(
            "UPDATE legacy_certificates SET revoked_at = ? WHERE serial = ? AND revoked_at IS NULL"),
        {at, app.serial});
    run(tx.db(), QStringLiteral("DELETE FROM revocations WHERE serial = ?"), {app.serial});
    run(tx.db(),
        QStringLiteral("INSERT INTO revocations (serial, revoked_at, reason, source) VALUES (?, ?, ?, ?)"),
        {app.serial, at, kReasonSuperseded, QStringLiteral("legacy")});
    // Without the legacy CA's key the service cannot put it on a CRL: the CA's own system must, so it is
    // queued for export (`legacy revocations`) and the webhook.
    const bool queued = !m_certificates->holdsLegacyCaKey();
    if (queued) {
        run(tx.db(), QStringLiteral("DELETE FROM legacy_revocation_queue WHERE serial = ?"), {app.serial});
        run(tx.db(),
            QStringLiteral(
                "INSERT INTO legacy_revocation_queue (serial, reason, revoked_at, order_no, queued_at, "
                "webhook_status, attempts) VALUES (?, ?, ?, ?, ?, ?, 0)"),
            {app.serial, QStringLiteral("superseded"), at, app.orderNo, at, QStringLiteral("pending")});
    }
    audit::append(tx.db(), staff.username, QStringLiteral("revocation"), app.serial,
        {{QStringLiteral("source"), QStringLiteral("legacy")},
            {QStringLiteral("reason"), QStringLiteral("superseded")},
            {QStringLiteral("issuance_id"), ctx.param(1)},
            // Published on the service's own legacy CRL, or queued for the CA's system.
            {QStringLiteral("published"), queued ? QStringLiteral("queued") : QStringLiteral("crl")}});
    changeStatus(tx.db(), app.id, ApplicationStatus::Issued,
        QCoreApplication::translate(
            "certdesk::Server", "New SM2 certificates written to the UKey; the old certificate is revoked"),
        staff.username);
    notify(tx.db(), app.id, QStringLiteral("sms"), app.form.responsiblePerson().mobile, {},
        QCoreApplication::translate("certdesk::Server",
            "CertDesk: the new SM2 certificates for order %1 were issued and the old certificate is now "
            "revoked.")
            .arg(app.orderNo));
    const QJsonObject reply = applicationJson(tx.db(), requireApp(tx.db(), app.id), true);
    tx.commit();
    if (queued && m_revocationQueued)
        m_revocationQueued();
    ctx.sendJson(200, reply);
}

} // namespace certdesk::server
