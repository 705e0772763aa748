// Api: staff sessions, the review queue, payments received by transfer, shipment and handover.
#include "Api.h"
#include "Audit.h"

#include "domain/PinRules.h"
#include "domain/Validators.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>

namespace certdesk::server {

namespace {

QJsonValue valueAtPath(const QJsonObject& root, const QString& path)
{
    QJsonValue current = root;
    for (const QString& part : path.split(QLatin1Char('.'))) {
        if (!current.isObject())
            return QJsonValue(QJsonValue::Undefined);
        current = current.toObject().value(part);
    }
    return current;
}

} // namespace

Api::StaffPrincipal Api::requireStaff(const Context& ctx, const QString& role) const
{
    const QString token = ctx.bearerToken();
    if (token.isEmpty())
        errors::unauthorized(QCoreApplication::translate("certdesk::Server", "Staff sign-in required."));
    const ConnectionLease lease = m_db.connection();
    StatementLease q = runCached(lease,
        QStringLiteral("SELECT username, roles, expires_at FROM staff_sessions WHERE token_hash = ?"),
        {secrets::tokenHash(token)});
    if (!q.next() || parseTime(q.value(2).toString()) < QDateTime::currentDateTimeUtc())
        errors::unauthorized(QCoreApplication::translate(
            "certdesk::Server", "The staff session is not valid or has expired; sign in again."));
    StaffPrincipal principal {
        q.value(0).toString(), q.value(1).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)};
    if (!role.isEmpty() && !principal.roles.contains(role))
        errors::forbidden(
            QCoreApplication::translate("certdesk::Server", "This action needs the %1 role.").arg(role));
    return principal;
}

namespace {

constexpr int kFreeFailures = 2; // failures in a row before any delay
constexpr int kLockoutFailures = 10;
constexpr qint64 kLockoutSeconds = 15 * 60;
constexpr qint64 kMaxDelaySeconds = 5 * 60;

// The wait after `failures` failures in a row (0 = none).
qint64 throttleSeconds(int failures, int baseDelaySeconds)
{
    if (failures >= kLockoutFailures)
        return kLockoutSeconds;
    if (failures <= kFreeFailures || baseDelaySeconds <= 0)
        return 0;
    return std::min(kMaxDelaySeconds, qint64(baseDelaySeconds) << std::min(failures - kFreeFailures - 1, 16));
}

} // namespace

void Api::staffLogin(Context& ctx)
{
    const QJsonObject body = ctx.jsonObject();
    const QString username = body.value(QStringLiteral("username")).toString();
    const QString password = body.value(QStringLiteral("password")).toString();
    const QString address = ctx.clientAddress();
    // Throttling per user name and per client address (../shared/API.md, "Operations"): kept in the database
    // so that every instance on it sees the same counts. While either is delayed or locked, every attempt —
    // the right password included — is 429 with Retry-After and counts for nothing, so waiting out the delay
    // is the only way on and a guesser learns nothing from the answer.
    const QStringList scopes {QStringLiteral("user:") + username, QStringLiteral("address:") + address};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    {
        qint64 wait = 0;
        {
            const ReadTransaction rt(m_db);
            for (const QString& scope : scopes) {
                const QVariant until = scalar(rt.db(),
                    QStringLiteral("SELECT blocked_until FROM login_throttle WHERE scope = ?"), {scope});
                if (until.isNull() || !until.isValid())
                    continue;
                // Whole seconds, rounded up (Retry-After); a time already past is no wait.
                const qint64 ms = now.msecsTo(parseTime(until.toString()));
                if (ms > 0)
                    wait = std::max(wait, (ms + 999) / 1000);
            }
        }
        if (wait > 0) {
            WriteTransaction tx(m_db);
            audit::append(tx.db(), QStringLiteral("client ") + address,
                QStringLiteral("staff_login_throttled"), username, {{QStringLiteral("retry_after"), wait}});
            tx.commit();
            errors::rateLimited(int(std::min<qint64>(wait, kLockoutSeconds)));
        }
    }
    secrets::PasswordHash stored;
    QString roles;
    bool known = false;
    {
        // Read and let go before the slow password hash: the connection goes back to the pool meanwhile, and
        // an unfinished SELECT would keep a read snapshot open through it (a write committed meanwhile by
        // another thread would then fail the writes below with SQLITE_BUSY_SNAPSHOT, "database is locked").
        const ConnectionLease lease = m_db.connection();
        QSqlQuery q = run(lease,
            QStringLiteral(
                "SELECT password_hash, salt, iterations, roles FROM staff_users WHERE username = ? "
                "AND disabled = 0"),
            {username});
        known = q.next();
        if (known) {
            stored = {q.value(0).toString(), q.value(1).toString(), q.value(2).toInt()};
            roles = q.value(3).toString();
        }
    }
    if (!known) {
        // Same work for unknown names, so timing does not tell which user names exist.
        stored = {QString(64, QLatin1Char('0')), QString(32, QLatin1Char('0')), secrets::kPasswordIterations};
    }
    const bool ok = secrets::verifyPassword(password, stored) && known;
    if (!ok) {
        WriteTransaction tx(m_db);
        int most = 0;
        for (const QString& scope : scopes) {
            const int failures
                = scalar(
                      tx.db(), QStringLiteral("SELECT failures FROM login_throttle WHERE scope = ?"), {scope})
                      .toInt()
                + 1;
            const qint64 wait = throttleSeconds(failures, m_options.loginDelaySeconds);
            // Stored in whole seconds: rounded up, so the delay is never shorter than `wait`.
            const QVariant until = wait > 0 ? QVariant(iso(now.addMSecs(wait * 1000 + 999)))
                                            : QVariant(QMetaType(QMetaType::QString));
            run(tx.db(), QStringLiteral("DELETE FROM login_throttle WHERE scope = ?"), {scope});
            run(tx.db(),
                QStringLiteral(
                    "INSERT INTO login_throttle (scope, failures, blocked_until, updated_at) VALUES "
                    "(?, ?, ?, ?)"),
                {scope, failures, until, iso(now)});
            most = std::max(most, failures);
        }
        audit::append(tx.db(), QStringLiteral("client ") + address,
            most >= kLockoutFailures ? QStringLiteral("staff_login_locked")
                                     : QStringLiteral("staff_login_failed"),
            username, {{QStringLiteral("failures"), most}});
        tx.commit();
        errors::unauthorized(QCoreApplication::translate("certdesk::Server", "Wrong user name or password."));
    }
    const QString token = secrets::newToken();
    const QDateTime created = QDateTime::currentDateTimeUtc();
    const QDateTime expires = created.addSecs(qint64(m_options.staffSessionMinutes) * 60);
    WriteTransaction tx(m_db);
    // A successful sign-in clears both counts.
    for (const QString& scope : scopes)
        run(tx.db(), QStringLiteral("DELETE FROM login_throttle WHERE scope = ?"), {scope});
    audit::append(tx.db(), username, QStringLiteral("staff_login"), username, {});
    run(tx.db(), QStringLiteral("DELETE FROM staff_sessions WHERE expires_at < ?"), {iso(created)});
    run(tx.db(),
        QStringLiteral("INSERT INTO staff_sessions (token_hash, username, roles, created_at, expires_at) "
                       "VALUES (?, ?, ?, ?, ?)"),
        {secrets::tokenHash(token), username, roles, iso(created), iso(expires)});
    tx.commit();
    ctx.sendJson(200,
        QJsonObject {{QStringLiteral("token"), token},
            {QStringLiteral("roles"),
                QJsonArray::fromStringList(roles.split(QLatin1Char(','), Qt::SkipEmptyParts))},
            {QStringLiteral("expires_at"), iso(expires)}, {QStringLiteral("username"), username}});
}

void Api::staffList(Context& ctx)
{
    [[maybe_unused]] const StaffPrincipal staff = requireStaff(ctx);
    const QString status = ctx.query("status");
    if (!status.isEmpty() && !statusFromApi(status))
        errors::badRequest(QCoreApplication::translate("certdesk::Server", "Unknown status: %1").arg(status));
    const ReadTransaction rt(m_db);
    QStringList ids;
    // Addition: ?q= finds a walk-in's applications by order number or by the agent's (applicant's) mobile.
    const QString search = ctx.query("q").trimmed();
    if (!search.isEmpty()) {
        ids = !validators::mobile(search) ? applicationIdsOfMobile(rt.db(), search) : QStringList();
        const QVariant byOrder = scalar(
            rt.db(), QStringLiteral("SELECT id FROM applications WHERE order_no = ?"), {search.toUpper()});
        if (byOrder.isValid() && !ids.contains(byOrder.toString()))
            ids.prepend(byOrder.toString());
    } else {
        QSqlQuery q = status.isEmpty()
            ? run(rt.db(), QStringLiteral("SELECT id FROM applications ORDER BY updated_at, id LIMIT 500"))
            : run(rt.db(),
                QStringLiteral(
                    "SELECT id FROM applications WHERE status = ? ORDER BY updated_at, id LIMIT 500"),
                {status});
        while (q.next())
            ids.append(q.value(0).toString());
    }
    QJsonArray list;
    for (const QString& id : ids) {
        const auto app = loadApp(rt.db(), id);
        if (!app)
            continue;
        const QString holder
            = isInstitution(app->category) ? app->form.organization.name : app->form.applicant.name;
        list.append(QJsonObject {{QStringLiteral("id"), app->id}, {QStringLiteral("order_no"), app->orderNo},
            {QStringLiteral("status"), statusToApi(app->status)},
            {QStringLiteral("category"), categoryToApi(app->category)}, {QStringLiteral("holder"), holder},
            {QStringLiteral("serial"), app->serial}, {QStringLiteral("years"), app->form.years},
            {QStringLiteral("total_fen"), app->fees.totalFen}, {QStringLiteral("created_at"), app->createdAt},
            {QStringLiteral("updated_at"), app->updatedAt},
            // Addition: where the counter has the applicant's SMS code sent (walk-ins, 个人中心).
            {QStringLiteral("mobile"),
                (app->category == CertificateCategory::NaturalPerson ? app->form.applicant : app->form.agent)
                    .mobile}});
    }
    ctx.sendJson(200, list);
}

void Api::staffGet(Context& ctx)
{
    [[maybe_unused]] const StaffPrincipal staff = requireStaff(ctx);
    const ReadTransaction rt(m_db);
    const AppRow app = requireApp(rt.db(), ctx.param(0));
    ctx.sendJson(200, applicationJson(rt.db(), app, true));
}

void Api::staffDocument(Context& ctx)
{
    [[maybe_unused]] const StaffPrincipal staff = requireStaff(ctx);
    const ReadTransaction rt(m_db);
    const AppRow app = requireApp(rt.db(), ctx.param(0));
    QSqlQuery q = run(rt.db(),
        QStringLiteral("SELECT sha256, content_type FROM documents WHERE application_id = ? AND kind = ?"),
        {app.id, ctx.param(1)});
    if (!q.next())
        errors::notFound(QCoreApplication::translate("certdesk::Server", "This document was not uploaded."));
    QFile file(m_documents.pathOf(q.value(0).toString()));
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("stored document missing");
    ctx.sendBytes(200, file.readAll(), q.value(1).toString().toLatin1().constData());
}

void Api::approve(Context& ctx)
{
    const StaffPrincipal staff = requireStaff(ctx, QStringLiteral("reviewer"));
    WriteTransaction tx(m_db);
    const AppRow app = requireApp(tx.db(), ctx.param(0));
    if (app.status != ApplicationStatus::InReview)
        errors::conflict(QCoreApplication::translate(
            "certdesk::Server", "Only an application in review can be approved."));
    // Renewal keeps the old certificate's holder: another name or credential number is approved only when
    // the reviewer says so explicitly, having checked the document that proves the change (uploaded by the
    // applicant as holder_change_proof; without it there is nothing to check, so the change cannot be
    // accepted).
    if (holderChanged(tx.db(), app)) {
        if (!ctx.jsonObjectOrEmpty().value(QStringLiteral("accept_holder_change")).toBool())
            errors::conflict(QCoreApplication::translate("certdesk::Server",
                "The holder's name or credential number differs from the old certificate's. Approve with "
                "accept_holder_change only after checking the document that proves the change."));
        if (!scalar(tx.db(),
                QStringLiteral("SELECT kind FROM documents WHERE application_id = ? AND kind = ?"),
                {app.id, documentKindToApi(DocumentKind::HolderChangeProof)})
                 .isValid())
            errors::conflict(QCoreApplication::translate("certdesk::Server",
                "The holder differs from the old certificate's but no proof of the change was uploaded: "
                "reject the application asking for the document \"holder_change_proof\"."));
        audit::append(tx.db(), staff.username, QStringLiteral("holder_change_accepted"), app.id, {});
    }
    changeStatus(tx.db(), app.id, ApplicationStatus::Approved,
        QCoreApplication::translate("certdesk::Server", "Approved by the CA"), staff.username);
    notify(tx.db(), app.id, QStringLiteral("sms"), app.form.responsiblePerson().mobile, {},
        QCoreApplication::translate("certdesk::Server",
            "CertDesk: order %1 was approved. The new certificate UKey will be issued and sent to you.")
            .arg(app.orderNo));
    const QJsonObject reply = applicationJson(tx.db(), requireApp(tx.db(), app.id), true);
    tx.commit();
    ctx.sendJson(200, reply);
}

void Api::reject(Context& ctx)
{
    const StaffPrincipal staff = requireStaff(ctx, QStringLiteral("reviewer"));
    const QJsonObject body = ctx.jsonObject();
    WriteTransaction tx(m_db);
    const AppRow app = requireApp(tx.db(), ctx.param(0));
    if (app.status != ApplicationStatus::InReview)
        errors::conflict(QCoreApplication::translate(
            "certdesk::Server", "Only an application in review can be rejected."));
    FieldErrors problems;
    const QJsonValue reasonsValue = body.value(QStringLiteral("reasons"));
    const QJsonArray reasons = reasonsValue.toArray();
    if (!reasonsValue.isArray() || reasons.isEmpty() || reasons.size() > 50) {
        problems.append({QStringLiteral("reasons"), QStringLiteral("required"),
            QCoreApplication::translate(
                "certdesk::Server", "Give at least one reason, each pointing at a field or a document.")});
    }
    QJsonArray clean;
    for (qsizetype i = 0; i < reasons.size() && problems.isEmpty(); ++i) {
        const QJsonObject r = reasons.at(i).toObject();
        const QString prefix = QStringLiteral("reasons[%1].").arg(i);
        const QString target = r.value(QStringLiteral("target")).toString();
        const QString message = r.value(QStringLiteral("message")).toString().trimmed();
        bool targetOk = false;
        if (target.startsWith(QLatin1String("field:"))) {
            const QJsonValue v = valueAtPath(app.formJson, target.mid(6));
            targetOk = !v.isUndefined() && !v.isObject() && !v.isArray();
        } else if (target.startsWith(QLatin1String("document:"))) {
            const auto kind = documentKindFromApi(target.mid(9));
            targetOk = kind
                && (requiredDocuments(app.category).contains(*kind)
                    || (*kind == DocumentKind::HolderChangeProof && holderChanged(tx.db(), app)));
        }
        if (!targetOk) {
            problems.append({prefix + QStringLiteral("target"), QStringLiteral("invalid"),
                QCoreApplication::translate("certdesk::Server",
                    "A target is \"field:<field of the form>\" or \"document:<document kind>\" of this "
                    "application.")});
        }
        if (message.isEmpty() || message.size() > 1000) {
            problems.append({prefix + QStringLiteral("message"), QStringLiteral("required"),
                QCoreApplication::translate(
                    "certdesk::Server", "Say what is wrong and how to fix it (at most 1000 characters).")});
        }
        clean.append(QJsonObject {{QStringLiteral("target"), target}, {QStringLiteral("message"), message}});
    }
    if (!problems.isEmpty())
        errors::validationFailed(problems);
    QJsonObject documents;
    {
        QSqlQuery q = run(
            tx.db(), QStringLiteral("SELECT kind, sha256 FROM documents WHERE application_id = ?"), {app.id});
        while (q.next())
            documents.insert(q.value(0).toString(), q.value(1).toString());
    }
    const QString at = now();
    const QJsonObject rejection {{QStringLiteral("reasons"), clean}, {QStringLiteral("rejected_at"), at},
        {QStringLiteral("rejected_by"), staff.username},
        {QStringLiteral("snapshot"),
            QJsonObject {{QStringLiteral("form"), app.formJson}, {QStringLiteral("documents"), documents}}}};
    run(tx.db(), QStringLiteral("UPDATE applications SET rejection = ? WHERE id = ?"),
        {QString::fromUtf8(compactJson(rejection)), app.id});
    QStringList messages;
    for (const QJsonValue& r : clean)
        messages.append(r.toObject().value(QStringLiteral("message")).toString());
    changeStatus(
        tx.db(), app.id, ApplicationStatus::Rejected, messages.join(QStringLiteral("; ")), staff.username);
    notify(tx.db(), app.id, QStringLiteral("sms"), app.form.responsiblePerson().mobile, {},
        QCoreApplication::translate("certdesk::Server",
            "CertDesk: order %1 was returned for correction: %2. Open CertDesk, fix it and resubmit; no "
            "second "
            "payment is needed.")
            .arg(app.orderNo, messages.join(QStringLiteral("; "))));
    const QJsonObject reply = applicationJson(tx.db(), requireApp(tx.db(), app.id), true);
    tx.commit();
    ctx.sendJson(200, reply);
}

void Api::confirmPayment(Context& ctx)
{
    const StaffPrincipal staff = requireStaff(ctx, QStringLiteral("counter"));
    WriteTransaction tx(m_db);
    const auto payment = loadPayment(tx.db(), ctx.param(0));
    if (!payment)
        errors::notFound(QCoreApplication::translate("certdesk::Server", "No such payment."));
    if (payment->method != QLatin1String("corporate_transfer"))
        errors::conflict(QCoreApplication::translate("certdesk::Server",
            "Only corporate transfers are confirmed by staff; QR payments confirm themselves."));
    // A transfer may arrive after the suggested deadline; staff confirm what the bank shows.
    QSqlQuery q = run(tx.db(), QStringLiteral("SELECT status FROM payments WHERE id = ?"), {payment->id});
    if (!q.next() || q.value(0).toString() != QLatin1String("pending"))
        errors::conflict(
            QCoreApplication::translate("certdesk::Server", "This payment is not waiting for confirmation."));
    markPaid(tx.db(), *payment, staff.username, baseUrl(ctx));
    const auto updated = loadPayment(tx.db(), payment->id);
    const QJsonObject reply = paymentJson(*updated);
    tx.commit();
    ctx.sendJson(200, reply);
}

void Api::ship(Context& ctx)
{
    const StaffPrincipal staff = requireStaff(ctx, QStringLiteral("counter"));
    const QJsonObject body = ctx.jsonObject();
    WriteTransaction tx(m_db);
    const AppRow app = requireApp(tx.db(), ctx.param(0));
    if (app.status != ApplicationStatus::Issued)
        errors::conflict(
            QCoreApplication::translate("certdesk::Server", "Only an issued certificate can be shipped."));
    FieldErrors problems;
    const auto need = [&](const char* key) {
        const QJsonValue v = body.value(QLatin1String(key));
        const QString text = v.toString().trimmed();
        if (!v.isString() || text.isEmpty() || text.size() > 100)
            problems.append({QString::fromLatin1(key),
                v.isString() || v.isUndefined() ? QStringLiteral("required") : QStringLiteral("type"),
                QCoreApplication::translate(
                    "certdesk::Server", "Enter the carrier and the tracking number.")});
        return text;
    };
    const QString carrier = need("carrier");
    const QString tracking = need("tracking_no");
    // API.md: the mailed UKey's initial user PIN, 6–16 digits, that the service sends by SMS. It is checked
    // with the same rule the applicant's new PIN meets (no repeated digit, no run), held in this request only
    // and never written to the database or a log (only the sandbox outbox holds the SMS).
    const QJsonValue pinValue = body.value(QStringLiteral("initial_pin"));
    QString initialPin;
    if (!pinValue.isUndefined() && !pinValue.isNull()) {
        initialPin = pinValue.toString();
        if (!pinValue.isString() || !pins::isDigitPin(initialPin) || pins::checkNewPin(initialPin))
            problems.append({QStringLiteral("initial_pin"), QStringLiteral("invalid"),
                QCoreApplication::translate("certdesk::Server",
                    "The initial PIN must be 6 to 16 digits, not one digit repeated and not a run such as "
                    "123456.")});
    }
    if (!problems.isEmpty()) {
        initialPin.fill(QLatin1Char('\0'));
        errors::validationFailed(problems);
    }
    run(tx.db(),
        QStringLiteral("UPDATE applications SET shipment_carrier = ?, shipment_tracking_no = ? WHERE id = ?"),
        {carrier, tracking, app.id});
    changeStatus(tx.db(), app.id, ApplicationStatus::Shipped,
        QCoreApplication::translate("certdesk::Server", "Sent by %1, tracking number %2")
            .arg(carrier, tracking),
        staff.username);
    notify(tx.db(), app.id, QStringLiteral("sms"), app.form.responsiblePerson().mobile, {},
        QCoreApplication::translate(
            "certdesk::Server", "CertDesk: the new UKey for order %1 was sent by %2, tracking number %3.")
            .arg(app.orderNo, carrier, tracking));
    if (!initialPin.isEmpty()) {
        // Apart from the parcel and from the shipment notice: whoever holds one of them alone cannot use the
        // UKey.
        sendSecretSms(tx.db(), app.id, app.form.responsiblePerson().mobile,
            QCoreApplication::translate("certdesk::Server",
                "CertDesk: the initial PIN of the new UKey for order %1 is %2. When the UKey arrives, "
                "CertDesk asks for it once and then for a PIN of your own. Never tell it to anyone.")
                .arg(app.orderNo, initialPin));
        initialPin.fill(QLatin1Char('\0'));
    }
    const QJsonObject reply = applicationJson(tx.db(), requireApp(tx.db(), app.id), true);
    tx.commit();
    ctx.sendJson(200, reply);
}

void Api::handover(Context& ctx)
{
    const StaffPrincipal staff = requireStaff(ctx, QStringLiteral("counter"));
    WriteTransaction tx(m_db);
    const AppRow app = requireApp(tx.db(), ctx.param(0));
    if (app.status != ApplicationStatus::Issued && app.status != ApplicationStatus::Shipped)
        errors::conflict(QCoreApplication::translate(
            "certdesk::Server", "Only an issued or shipped certificate can be handed over."));
    changeStatus(tx.db(), app.id, ApplicationStatus::Completed,
        app.status == ApplicationStatus::Shipped
            ? QCoreApplication::translate("certdesk::Server", "UKey delivered")
            : QCoreApplication::translate("certdesk::Server", "UKey handed over at the counter"),
        staff.username);
    const QJsonObject reply = applicationJson(tx.db(), requireApp(tx.db(), app.id), true);
    tx.commit();
    ctx.sendJson(200, reply);
}

} // namespace certdesk::server
