// Api: the applicant's own centre (个人中心) — SMS one-time code sign-in by mobile number, the applications
// of that number, and applicant sessions that open them like their access tokens (../shared/API.md, "The
// applicant's own centre"). Codes, rate-limit counters and sessions live in the database, so every worker
// thread and every restart sees the same state; codes and tokens are stored only hashed.
#include "Api.h"

#include "domain/Validators.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSqlQuery>

#include <limits>

namespace certdesk::server {

namespace {

// A code is 6 digits, valid for 5 minutes, resendable after 60 s, burnt after 5 wrong tries.
constexpr int kCodeDigits = 6;
constexpr qint64 kCodeLifetimeSeconds = 5 * 60;
constexpr qint64 kResendSeconds = 60;
constexpr int kMaxWrongCodes = 5;
// Codes sent per mobile number and per client address within one hour. Ten numbers an hour from one address
// covers a counter PC or kiosk serving walk-ins; more looks like SMS pumping (someone making the service send
// paid messages to numbers of their choosing).
constexpr qint64 kRateWindowSeconds = 60 * 60;
constexpr int kCodesPerMobile = 5;
constexpr int kCodesPerAddress = 10;
// A session lasts as long as a visit to the counter or a sitting at the PC; the kiosk wipes sooner.
constexpr qint64 kSessionSeconds = 2 * 60 * 60;
// PBKDF2 rounds for the code hash: a stolen row still costs work per guess, and one hash per sign-in is
// cheap.
constexpr int kCodeHashIterations = 20000;

QString sixDigits()
{
    // Rejection sampling over 32-bit values keeps the digits uniform (no modulo bias).
    constexpr quint32 range = 1000000;
    constexpr quint32 limit
        = std::numeric_limits<quint32>::max() - std::numeric_limits<quint32>::max() % range;
    for (;;) {
        const QByteArray bytes = secrets::randomBytes(4);
        quint32 value = 0;
        for (const char b : bytes)
            value = (value << 8) | quint8(b);
        if (value < limit)
            return QStringLiteral("%1").arg(value % range, kCodeDigits, 10, QLatin1Char('0'));
    }
}

// Rate-limit keys: the mobile number and the address are hashed, so the counter table holds no phone numbers.
QString rateKey(const char* kind, const QString& value)
{
    return QLatin1String(kind) + QLatin1Char(':') + secrets::sha256Hex(value.toUtf8());
}

QString mobileOf(const QJsonObject& body)
{
    const QJsonValue v = body.value(QStringLiteral("mobile"));
    const QString mobile = v.isString() ? v.toString().trimmed() : QString();
    if (const auto error = validators::mobile(mobile))
        errors::validationFailed(QStringLiteral("mobile"),
            mobile.isEmpty() ? QStringLiteral("required") : error->code, error->message);
    return mobile;
}

} // namespace

void Api::applicantOtp(Context& ctx)
{
    const QString mobile = mobileOf(ctx.jsonObject());
    const QDateTime at = QDateTime::currentDateTimeUtc();
    const QString mobileKey = rateKey("mobile", mobile);
    const QString addressKey = rateKey("address", ctx.clientAddress());
    const QString code = sixDigits();
    const secrets::PasswordHash hash = secrets::hashPassword(code, kCodeHashIterations);
    const QDateTime expires = at.addSecs(kCodeLifetimeSeconds);
    const QDateTime resendAfter = at.addSecs(kResendSeconds);

    WriteTransaction tx(m_db);
    const QSqlDatabase& db = tx.db();
    run(db, QStringLiteral("DELETE FROM applicant_code_requests WHERE requested_at < ?"),
        {iso(at.addSecs(-kRateWindowSeconds))});
    run(db, QStringLiteral("DELETE FROM applicant_codes WHERE expires_at < ?"),
        {iso(at.addSecs(-kRateWindowSeconds))});
    // The resend interval first: its Retry-After is the honest, short wait.
    const QVariant previousResend
        = scalar(db, QStringLiteral("SELECT resend_after FROM applicant_codes WHERE mobile = ?"), {mobile});
    if (previousResend.isValid()) {
        const qint64 wait = at.secsTo(parseTime(previousResend.toString()));
        if (wait > 0)
            errors::rateLimited(int(wait));
    }
    // Then the hourly budgets: Retry-After is when the oldest request in the window leaves it.
    const auto budget = [&](const QString& key, int limit) {
        QSqlQuery q = run(db,
            QStringLiteral(
                "SELECT COUNT(*), MIN(requested_at) FROM applicant_code_requests WHERE rate_key = ?"),
            {key});
        if (q.next() && q.value(0).toInt() >= limit) {
            const QDateTime free = parseTime(q.value(1).toString()).addSecs(kRateWindowSeconds);
            errors::rateLimited(int(qMax<qint64>(1, at.secsTo(free))));
        }
    };
    budget(mobileKey, kCodesPerMobile);
    budget(addressKey, kCodesPerAddress);

    for (const QString& key : {mobileKey, addressKey})
        run(db, QStringLiteral("INSERT INTO applicant_code_requests (rate_key, requested_at) VALUES (?, ?)"),
            {key, iso(at)});
    // A new code replaces the previous one (and its wrong-try count): only the latest SMS works.
    run(db, QStringLiteral("DELETE FROM applicant_codes WHERE mobile = ?"), {mobile});
    run(db,
        QStringLiteral(
            "INSERT INTO applicant_codes (mobile, code_hash, salt, iterations, failures, expires_at, "
            "resend_after, created_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)"),
        {mobile, hash.hashHex, hash.saltHex, hash.iterations, iso(expires), iso(resendAfter), iso(at)});
    // The SMS goes whether or not the number has applications: the answer must not tell which numbers do.
    notify(db, QString(), QStringLiteral("sms"), mobile,
        QCoreApplication::translate("certdesk::Server", "Sign-in code"),
        QCoreApplication::translate("certdesk::Server",
            "Your CertDesk sign-in code is %1. It is valid for %2 minutes. Do not tell it to anyone, "
            "including "
            "staff who call you.")
            .arg(code)
            .arg(kCodeLifetimeSeconds / 60));
    tx.commit();
    ctx.sendJson(202,
        QJsonObject {{QStringLiteral("expires_at"), iso(expires)},
            {QStringLiteral("resend_after"), iso(resendAfter)}});
}

void Api::applicantSignIn(Context& ctx)
{
    const QJsonObject body = ctx.jsonObject();
    const QString mobile = mobileOf(body);
    const QJsonValue codeValue = body.value(QStringLiteral("code"));
    const QString code = codeValue.isString() ? codeValue.toString().trimmed() : QString();
    const QDateTime at = QDateTime::currentDateTimeUtc();
    const auto wrong = [] {
        errors::unauthorized(QCoreApplication::translate("certdesk::Server",
            "The code is wrong or no longer valid. Check the latest SMS or ask for a new code."));
    };

    WriteTransaction tx(m_db);
    const QSqlDatabase& db = tx.db();
    QSqlQuery q = run(db,
        QStringLiteral("SELECT code_hash, salt, iterations, failures, expires_at FROM applicant_codes WHERE "
                       "mobile = ?"),
        {mobile});
    if (!q.next())
        wrong();
    const secrets::PasswordHash stored {q.value(0).toString(), q.value(1).toString(), q.value(2).toInt()};
    const int failures = q.value(3).toInt();
    const QDateTime expires = parseTime(q.value(4).toString());
    q.finish();
    if (failures >= kMaxWrongCodes || expires < at)
        wrong();
    if (code.size() != kCodeDigits || !secrets::verifyPassword(code, stored)) {
        // The failure is counted (and committed) before the 401, so parallel guesses cannot share one try.
        run(db, QStringLiteral("UPDATE applicant_codes SET failures = failures + 1 WHERE mobile = ?"),
            {mobile});
        tx.commit();
        wrong();
    }
    // A code signs in once.
    run(db, QStringLiteral("UPDATE applicant_codes SET failures = ? WHERE mobile = ?"),
        {kMaxWrongCodes, mobile});
    run(db, QStringLiteral("DELETE FROM applicant_sessions WHERE expires_at < ?"), {iso(at)});
    const QString token = secrets::newToken();
    const QDateTime sessionExpires = at.addSecs(kSessionSeconds);
    run(db,
        QStringLiteral("INSERT INTO applicant_sessions (token_hash, mobile, created_at, expires_at) VALUES "
                       "(?, ?, ?, ?)"),
        {secrets::tokenHash(token), mobile, iso(at), iso(sessionExpires)});
    tx.commit();
    ctx.sendJson(201,
        QJsonObject {{QStringLiteral("token"), token}, {QStringLiteral("expires_at"), iso(sessionExpires)}});
}

QString Api::applicantMobile(const QSqlDatabase& db, const QString& token) const
{
    if (token.isEmpty())
        return {};
    StatementLease q = runCached(db,
        QStringLiteral("SELECT mobile, expires_at FROM applicant_sessions WHERE token_hash = ?"),
        {secrets::tokenHash(token)});
    if (!q.next() || parseTime(q.value(1).toString()) < QDateTime::currentDateTimeUtc())
        return {};
    return q.value(0).toString();
}

bool Api::belongsTo(const AppRow& app, const QString& mobile)
{
    if (mobile.isEmpty())
        return false;
    const Person& person
        = app.category == CertificateCategory::NaturalPerson ? app.form.applicant : app.form.agent;
    return person.mobile.trimmed() == mobile;
}

QStringList Api::applicationIdsOfMobile(const QSqlDatabase& db, const QString& mobile) const
{
    // The mobile sits in the stored form JSON; the LIKE narrows the scan and belongsTo() decides (a number
    // that appears elsewhere in a form, e.g. in an address, does not count).
    QStringList ids;
    QSqlQuery q = run(db,
        QStringLiteral("SELECT id FROM applications WHERE form LIKE ? ORDER BY updated_at DESC, id"),
        {QString(QStringLiteral("%\"") + mobile + QStringLiteral("\"%"))});
    while (q.next())
        ids.append(q.value(0).toString());
    q.finish();
    QStringList mine;
    for (const QString& id : std::as_const(ids)) {
        const auto app = loadApp(db, id);
        if (app && belongsTo(*app, mobile))
            mine.append(id);
    }
    return mine;
}

void Api::applicantApplications(Context& ctx)
{
    const ReadTransaction rt(m_db);
    const QString mobile = applicantMobile(rt.db(), ctx.bearerToken());
    if (mobile.isEmpty())
        errors::unauthorized(QCoreApplication::translate("certdesk::Server",
            "The sign-in is not valid or has expired; sign in again with a new SMS code."));
    QJsonArray list;
    for (const QString& id : applicationIdsOfMobile(rt.db(), mobile)) {
        const auto app = loadApp(rt.db(), id);
        if (!app)
            continue;
        const QString holder = app->category == CertificateCategory::NaturalPerson
            ? app->form.applicant.name
            : app->form.organization.name;
        list.append(QJsonObject {{QStringLiteral("id"), app->id}, {QStringLiteral("order_no"), app->orderNo},
            {QStringLiteral("status"), statusToApi(app->status)},
            {QStringLiteral("category"), categoryToApi(app->category)}, {QStringLiteral("holder"), holder},
            {QStringLiteral("updated_at"), app->updatedAt}});
    }
    ctx.sendJson(200, list);
}

void Api::applicantSignOut(Context& ctx)
{
    const QString token = ctx.bearerToken();
    WriteTransaction tx(m_db);
    if (applicantMobile(tx.db(), token).isEmpty())
        errors::unauthorized(QCoreApplication::translate("certdesk::Server",
            "The sign-in is not valid or has expired; sign in again with a new SMS code."));
    run(tx.db(), QStringLiteral("DELETE FROM applicant_sessions WHERE token_hash = ?"),
        {secrets::tokenHash(token)});
    tx.commit();
    ctx.sendBytes(204, {}, "text/plain");
}

} // namespace certdesk::server
