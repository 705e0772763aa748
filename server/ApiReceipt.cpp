// Api: the mailed UKey in the applicant's hands (../shared/API.md, "The applicant's own centre"). The initial
// PIN goes by SMS at shipment and is kept nowhere but the sandbox outbox; the applicant's CertDesk proves
// receipt with a challenge signed by the new signing key (tokens that can sign SM2), or with the applicant
// session (SMS sign-in) plus the serial of the token the counter confirmed, and the application is then
// `completed`.
#include "Api.h"

#include "domain/PinRules.h"
#include "pki/CertificateInfo.h"
#include "pki/Sm2.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace certdesk::server {

namespace {

// A challenge is signed at once by the applicant's CertDesk; five minutes leave room for a slow PIN pad.
constexpr qint64 kChallengeSeconds = 5 * 60;
// Challenges per application and hour: a person needs a handful; more looks like guessing token serials.
constexpr int kChallengesPerHour = 10;

QByteArray decodeBase64(const QJsonValue& value, bool* ok)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    *ok = value.isString() && bool(decoded) && !decoded.decoded.isEmpty();
    return decoded.decoded;
}

} // namespace

void Api::sendSecretSms(const QSqlDatabase& db, const QString& appId, const QString& to, QString body) const
{
    if (!m_options.sandbox) {
        // Storing the text in the outbox table (where notices wait for a provider) would keep the PIN in the
        // database: it goes to the SMS provider from memory, now, inside the shipment's transaction, so that
        // a PIN the provider did not take leaves no shipment behind (the clerk tries again with a new PIN).
        if (m_providers->smsMode() != providers::Mode::Real) {
            body.fill(QLatin1Char('\0'));
            errors::conflict(QCoreApplication::translate("certdesk::Server",
                "This service has no SMS provider for the initial PIN. Record the shipment without "
                "initial_pin and give the applicant the PIN another way."));
        }
        QString detail;
        const bool sent = m_providers->sendSms(
            QStringLiteral("pin-%1-%2").arg(appId, secrets::randomHex(8)), to, body, &detail);
        body.fill(QLatin1Char('\0'));
        if (!sent) {
            // The provider's detail never holds the text it was sent; it names what went wrong.
            ApiError e;
            e.status = 503;
            e.code = QStringLiteral("provider_unavailable");
            e.message = QCoreApplication::translate("certdesk::Server",
                "The SMS provider did not take the initial PIN, so the shipment was not recorded. Try again "
                "in a minute.");
            e.headers.append(std::pair<std::string, std::string>("Retry-After", "60"));
            throw e;
        }
        return;
    }
    notify(db, appId, QStringLiteral("sms"), to, {}, body);
    body.fill(QLatin1Char('\0'));
}

QJsonObject Api::confirmedIssuanceJson(const QSqlDatabase& db, const QString& appId) const
{
    QSqlQuery q = run(db,
        QStringLiteral(
            "SELECT id, signing_serial, encryption_serial, not_before, not_after, signing_certificate, "
            "encryption_certificate FROM issuances WHERE application_id = ? AND status = ? ORDER BY "
            "confirmed_at DESC"),
        {appId, QStringLiteral("confirmed")});
    if (!q.next())
        return {};
    return QJsonObject {{QStringLiteral("issuance_id"), q.value(0).toString()},
        {QStringLiteral("signing_serial"), q.value(1).toString()},
        {QStringLiteral("encryption_serial"), q.value(2).toString()},
        {QStringLiteral("not_before"), q.value(3).toString()},
        {QStringLiteral("not_after"), q.value(4).toString()},
        {QStringLiteral("signing_certificate"), q.value(5).toString()},
        {QStringLiteral("encryption_certificate"), q.value(6).toString()}};
}

void Api::receiptChallenge(Context& ctx)
{
    WriteTransaction tx(m_db);
    const AppRow app = authorizeApplicant(ctx, tx.db());
    if (app.status != ApplicationStatus::Shipped)
        errors::conflict(QCoreApplication::translate(
            "certdesk::Server", "Receipt is confirmed only for a UKey that was sent and not yet received."));
    const QDateTime at = QDateTime::currentDateTimeUtc();
    run(tx.db(), QStringLiteral("DELETE FROM receipt_challenges WHERE created_at < ?"),
        {iso(at.addSecs(-3600))});
    const int recent = scalar(
        tx.db(), QStringLiteral("SELECT COUNT(*) FROM receipt_challenges WHERE application_id = ?"), {app.id})
                           .toInt();
    if (recent >= kChallengesPerHour)
        errors::rateLimited(15 * 60);
    const QByteArray challenge = secrets::randomBytes(32);
    const QDateTime expires = at.addSecs(kChallengeSeconds);
    run(tx.db(),
        QStringLiteral(
            "INSERT INTO receipt_challenges (challenge_hash, application_id, created_at, expires_at, "
            "used) VALUES (?, ?, ?, ?, 0)"),
        {secrets::sha256Hex(challenge), app.id, iso(at), iso(expires)});
    tx.commit();
    ctx.sendJson(200,
        QJsonObject {{QStringLiteral("challenge"), QString::fromLatin1(challenge.toBase64())},
            {QStringLiteral("expires_at"), iso(expires)}});
}

void Api::receipt(Context& ctx)
{
    const QJsonObject body = ctx.jsonObject();
    WriteTransaction tx(m_db);
    const QSqlDatabase& db = tx.db();
    const AppRow app = authorizeApplicant(ctx, db);
    if (app.status != ApplicationStatus::Shipped)
        errors::conflict(QCoreApplication::translate(
            "certdesk::Server", "Receipt is confirmed only for a UKey that was sent and not yet received."));
    const QJsonValue signatureValue = body.value(QStringLiteral("signature"));
    const bool signed_ = !signatureValue.isUndefined() && !signatureValue.isNull();
    // Without the new key's signature, only the SMS sign-in shows that the person holding the token is the
    // applicant: the access token may sit on any PC that ever opened the application.
    if (!signed_ && !belongsTo(app, applicantMobile(db, ctx.bearerToken())))
        errors::forbidden(QCoreApplication::translate("certdesk::Server",
            "Without a signature by the new UKey, sign in to the applicant centre with the SMS code to "
            "confirm receipt."));

    const QJsonObject issuance = confirmedIssuanceJson(db, app.id);
    if (issuance.isEmpty())
        throw std::runtime_error("shipped application without a confirmed issuance");
    QSqlQuery serialQuery = run(db, QStringLiteral("SELECT token_serial FROM issuances WHERE id = ?"),
        {issuance.value(QStringLiteral("issuance_id")).toString()});
    const QString confirmedSerial
        = serialQuery.next() ? serialQuery.value(0).toString().trimmed() : QString();
    serialQuery.finish();

    FieldErrors problems;
    const QJsonValue serialValue = body.value(QStringLiteral("token_serial"));
    const QString tokenSerial = serialValue.toString().trimmed();
    if (!serialValue.isString() || tokenSerial.isEmpty())
        problems.append({QStringLiteral("token_serial"), QStringLiteral("required"),
            QCoreApplication::translate("certdesk::Server", "Send the serial number of the received UKey.")});
    else if (confirmedSerial.isEmpty() || tokenSerial != confirmedSerial)
        problems.append({QStringLiteral("token_serial"), QStringLiteral("mismatch"),
            QCoreApplication::translate(
                "certdesk::Server", "This is not the UKey the counter programmed for this application.")});

    bool challengeOk = false;
    const QByteArray challenge = decodeBase64(body.value(QStringLiteral("challenge")), &challengeOk);
    QString challengeHash;
    if (challengeOk) {
        challengeHash = secrets::sha256Hex(challenge);
        QSqlQuery q = run(db,
            QStringLiteral("SELECT expires_at, used FROM receipt_challenges WHERE challenge_hash = ? AND "
                           "application_id = ?"),
            {challengeHash, app.id});
        challengeOk = q.next() && q.value(1).toInt() == 0
            && parseTime(q.value(0).toString()) >= QDateTime::currentDateTimeUtc();
    }
    if (!challengeOk)
        problems.append({QStringLiteral("challenge"), QStringLiteral("invalid"),
            QCoreApplication::translate("certdesk::Server",
                "The receipt challenge is unknown, used or expired; ask for a new one.")});

    if (signed_) {
        bool signatureOk = false;
        QByteArray signature = decodeBase64(signatureValue, &signatureOk);
        // API.md: DER SEQUENCE{r,s} or raw r‖s (64 bytes, what many tokens return).
        if (signatureOk && signature.size() == 64) {
            const auto der = pki::sm2SignatureFromRaw(signature);
            signatureOk = der.hasValue();
            if (signatureOk)
                signature = *der;
        }
        if (signatureOk && challengeOk) {
            const auto certificate = pki::CertificateInfo::parse(QByteArray::fromBase64(
                issuance.value(QStringLiteral("signing_certificate")).toString().toLatin1()));
            const auto key = certificate ? pki::Sm2Key::fromPublicPoint(certificate->publicKeyBits)
                                         : pki::PkiResult<pki::Sm2Key>(certificate.error());
            signatureOk = key.hasValue() && pki::sm2Verify(*key, challenge, signature).hasValue();
        }
        if (!signatureOk)
            problems.append({QStringLiteral("signature"), QStringLiteral("bad_signature"),
                QCoreApplication::translate("certdesk::Server",
                    "The signature is not an SM2 signature (ID 1234567812345678) of the challenge by the new "
                    "signing key.")});
    }

    // A challenge serves one attempt, right or wrong: guessing serials costs a challenge each.
    if (!challengeHash.isEmpty())
        run(db, QStringLiteral("UPDATE receipt_challenges SET used = 1 WHERE challenge_hash = ?"),
            {challengeHash});
    if (!problems.isEmpty()) {
        tx.commit();
        errors::validationFailed(problems);
    }
    changeStatus(db, app.id, ApplicationStatus::Completed,
        signed_ ? QCoreApplication::translate(
            "certdesk::Server", "UKey received; the applicant's new signing key signed the receipt")
                : QCoreApplication::translate(
                    "certdesk::Server", "UKey received; confirmed by the applicant signed in by SMS code"),
        QStringLiteral("applicant"));
    const QJsonObject reply = applicationJson(db, requireApp(db, app.id), false);
    tx.commit();
    ctx.sendJson(200, reply);
}

} // namespace certdesk::server
