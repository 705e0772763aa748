// Api: sandbox-only pages and endpoints (registered only with --sandbox, so they are 404 otherwise).
#include "Api.h"

#include "CertificateServices.h"

#include "domain/Privacy.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSqlQuery>

namespace certdesk::server {

void Api::sandboxIndex(Context& ctx)
{
    QString rows;
    const ReadTransaction rt(m_db);
    QSqlQuery q = run(rt.db(),
        QStringLiteral("SELECT serial, category, holder, not_after, note FROM legacy_certificates ORDER BY "
                       "seeded DESC, created_at"));
    while (q.next()) {
        rows += QStringLiteral(
            "<tr><td><code>%1</code></td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>\n")
                    .arg(q.value(0).toString().toHtmlEscaped(), q.value(1).toString().toHtmlEscaped(),
                        q.value(2).toString().toHtmlEscaped(), q.value(3).toString().toHtmlEscaped(),
                        q.value(4).toString().toHtmlEscaped());
    }
    QString html = renderTemplate(QStringLiteral("index.html"), {{QStringLiteral("base"), baseUrl(ctx)}});
    html.replace(QStringLiteral("{{rows}}"), rows);
    ctx.sendHtml(200, html);
}

void Api::sandboxLivenessPage(Context& ctx)
{
    const ReadTransaction rt(m_db);
    QSqlQuery q = run(rt.db(),
        QStringLiteral("SELECT application_id, status, expires_at FROM liveness_sessions WHERE id = ?"),
        {ctx.param(0)});
    if (!q.next())
        errors::notFound();
    const auto app = loadApp(rt.db(), q.value(0).toString());
    if (!app)
        errors::notFound();
    const QString who = isInstitution(app->category) ? QStringLiteral("agent") : QStringLiteral("applicant");
    ctx.sendHtml(200,
        renderTemplate(QStringLiteral("liveness.html"),
            {{QStringLiteral("session_id"), ctx.param(0)}, {QStringLiteral("order_no"), app->orderNo},
                {QStringLiteral("who"), who},
                {QStringLiteral("name_hint"), maskName(app->form.responsiblePerson().name)},
                {QStringLiteral("status"), q.value(1).toString()},
                {QStringLiteral("expires_at"), q.value(2).toString()}}));
}

void Api::sandboxLivenessSubmit(Context& ctx)
{
    const bool form = ctx.isFormPost();
    QString name;
    QString idNumber;
    QString outcome;
    if (form) {
        name = ctx.formField(QStringLiteral("name"));
        idNumber = ctx.formField(QStringLiteral("id_number"));
        outcome = ctx.formField(QStringLiteral("outcome"));
    } else {
        const QJsonObject body = ctx.jsonObject();
        name = body.value(QStringLiteral("name")).toString();
        idNumber = body.value(QStringLiteral("id_number")).toString();
        outcome = body.value(QStringLiteral("outcome")).toString();
    }
    if (outcome != QLatin1String("pass") && outcome != QLatin1String("fail"))
        errors::validationFailed(QStringLiteral("outcome"), QStringLiteral("invalid"),
            QCoreApplication::translate("certdesk::Server", "The outcome is \"pass\" or \"fail\"."));
    WriteTransaction tx(m_db);
    QSqlQuery q = run(tx.db(),
        QStringLiteral("SELECT application_id, status, expires_at FROM liveness_sessions WHERE id = ?"),
        {ctx.param(0)});
    if (!q.next())
        errors::notFound();
    const QString appId = q.value(0).toString();
    if (q.value(1).toString() != QLatin1String("pending"))
        errors::conflict(
            QCoreApplication::translate("certdesk::Server", "This liveness session is already finished."));
    if (parseTime(q.value(2).toString()) < QDateTime::currentDateTimeUtc())
        errors::conflict(QCoreApplication::translate(
            "certdesk::Server", "This liveness session expired; start the check again in CertDesk."));
    const AppRow app = requireApp(tx.db(), appId);
    const Person& person = app.form.responsiblePerson();
    const bool match = name.trimmed() == person.name.trimmed()
        && idNumber.trimmed().compare(person.idNumber.trimmed(), Qt::CaseInsensitive) == 0;
    const bool passed = outcome == QLatin1String("pass") && match;
    QString reason;
    if (!match) {
        reason = isInstitution(app.category)
            ? QCoreApplication::translate("certdesk::Server",
                "The name or ID number does not match the agent on the application; the agent must do the "
                "check.")
            : QCoreApplication::translate("certdesk::Server",
                "The name or ID number does not match the applicant; the applicant must do the check.");
    } else if (!passed) {
        reason = QCoreApplication::translate("certdesk::Server",
            "The face check did not pass; start the check again in good light and follow the prompts.");
    }
    const QString status = passed ? QStringLiteral("passed") : QStringLiteral("failed");
    const QString at = now();
    run(tx.db(),
        QStringLiteral("UPDATE liveness_sessions SET status = ?, reason = ?, completed_at = ? WHERE id = ?"),
        {status, reason.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(reason), at,
            ctx.param(0)});
    // A late result for an application that moved on (or passed with another session) changes nothing there.
    if (isEditable(app.status) && app.liveness != LivenessState::Passed) {
        run(tx.db(),
            QStringLiteral(
                "UPDATE applications SET liveness = ?, liveness_reason = ?, updated_at = ? WHERE id = ?"),
            {status, reason.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(reason), at,
                app.id});
    }
    tx.commit();
    if (form) {
        ctx.sendHtml(200,
            renderTemplate(QStringLiteral("result.html"),
                {{QStringLiteral("title"),
                     passed ? QCoreApplication::translate("certdesk::Server", "Liveness check passed")
                            : QCoreApplication::translate("certdesk::Server", "Liveness check failed")},
                    {QStringLiteral("ok"), passed ? QStringLiteral("ok") : QStringLiteral("fail")},
                    {QStringLiteral("message"), reason}}));
        return;
    }
    ctx.sendJson(200,
        QJsonObject {{QStringLiteral("status"), status},
            {QStringLiteral("reason"), reason.isEmpty() ? QJsonValue() : QJsonValue(reason)}});
}

void Api::sandboxPayPage(Context& ctx)
{
    const ReadTransaction rt(m_db);
    const auto payment = loadPayment(rt.db(), ctx.param(0));
    if (!payment)
        errors::notFound();
    const auto app = loadApp(rt.db(), payment->applicationId);
    ctx.sendHtml(200,
        renderTemplate(QStringLiteral("pay.html"),
            {{QStringLiteral("payment_id"), payment->id}, {QStringLiteral("order_no"), payment->orderNo},
                {QStringLiteral("amount"), formatYuan(payment->amountFen)},
                {QStringLiteral("method"), payment->method}, {QStringLiteral("status"), payment->status},
                {QStringLiteral("years"), app ? QString::number(app->form.years) : QString()},
                {QStringLiteral("category"), app ? categoryToApi(app->category) : QString()}}));
}

void Api::sandboxPayComplete(Context& ctx)
{
    const bool form = ctx.isFormPost();
    WriteTransaction tx(m_db);
    const auto payment = loadPayment(tx.db(), ctx.param(0));
    if (!payment)
        errors::notFound(QCoreApplication::translate("certdesk::Server", "No such payment."));
    if (payment->status != QLatin1String("pending"))
        errors::conflict(payment->status == QLatin1String("paid")
                ? QCoreApplication::translate("certdesk::Server", "This payment is already paid.")
                : QCoreApplication::translate(
                    "certdesk::Server", "This payment expired; start the payment again in CertDesk."));
    markPaid(tx.db(), *payment, QStringLiteral("sandbox"), baseUrl(ctx));
    const auto updated = loadPayment(tx.db(), payment->id);
    tx.commit();
    if (form) {
        ctx.sendHtml(200,
            renderTemplate(QStringLiteral("result.html"),
                {{QStringLiteral("title"),
                     QCoreApplication::translate("certdesk::Server", "Payment complete")},
                    {QStringLiteral("ok"), QStringLiteral("ok")},
                    {QStringLiteral("message"),
                        QCoreApplication::translate("certdesk::Server", "Order %1: %2 yuan paid.")
                            .arg(payment->orderNo, formatYuan(payment->amountFen))}}));
        return;
    }
    ctx.sendJson(200, paymentJson(*updated));
}

void Api::sandboxOutbox(Context& ctx)
{
    const ReadTransaction rt(m_db);
    const QString application = ctx.query("application_id");
    const QString to = ctx.query("to");
    QSqlQuery q = run(rt.db(),
        QStringLiteral(
            "SELECT seq, application_id, channel, recipient, subject, body, created_at FROM outbox "
            "WHERE (? = '' OR application_id = ?) AND (? = '' OR recipient = ?) ORDER BY seq"),
        {application, application, to, to});
    QJsonArray list;
    while (q.next()) {
        list.append(QJsonObject {{QStringLiteral("id"), q.value(0).toInt()},
            {QStringLiteral("application_id"), q.value(1).toString()},
            {QStringLiteral("channel"), q.value(2).toString()}, {QStringLiteral("to"), q.value(3).toString()},
            {QStringLiteral("subject"), q.value(4).toString()},
            {QStringLiteral("body"), q.value(5).toString()},
            {QStringLiteral("sent_at"), q.value(6).toString()}});
    }
    ctx.sendJson(200, list);
}

void Api::sandboxMintLegacy(Context& ctx)
{
    const QJsonObject body = ctx.jsonObject();
    FieldErrors problems;
    const QJsonValue categoryValue = body.value(QStringLiteral("category"));
    const auto category = categoryFromApi(categoryValue.toString());
    if (!category)
        problems.append({QStringLiteral("category"), QStringLiteral("invalid"),
            QCoreApplication::translate("certdesk::Server", "Choose one of the certificate kinds.")});
    const auto text = [&](const char* key, int max) {
        const QJsonValue v = body.value(QLatin1String(key));
        const QString s = v.toString().trimmed();
        if (!v.isString() || s.isEmpty() || s.size() > max)
            problems.append({QString::fromLatin1(key), QStringLiteral("required"),
                QCoreApplication::translate(
                    "certdesk::Server", "Enter a value of at most %n characters.", nullptr, max)});
        return s;
    };
    const QString holder = text("holder", 200);
    const QString credential = text("credential_number", 64);
    const QDateTime notAfter = parseTime(body.value(QStringLiteral("not_after")).toString());
    if (!notAfter.isValid())
        problems.append({QStringLiteral("not_after"), QStringLiteral("format"),
            QCoreApplication::translate(
                "certdesk::Server", "Give the expiry as an RFC 3339 time, such as 2026-01-31T16:00:00Z.")});
    if (!problems.isEmpty())
        errors::validationFailed(problems);
    if (!m_certificates->canMintLegacy()) {
        ApiError e;
        e.status = 503;
        e.code = QStringLiteral("unavailable");
        e.message = QCoreApplication::translate(
            "certdesk::Server", "The legacy CA is not available in this build.");
        throw e;
    }
    const auto minted = m_certificates->mintLegacy(*category, holder, credential, notAfter);
    if (!minted)
        throw std::runtime_error("legacy minting failed");
    const QString serial = canonicalSerial(minted->serial);
    WriteTransaction tx(m_db);
    run(tx.db(),
        QStringLiteral(
            "INSERT INTO legacy_certificates (serial, category, holder, credential_number, algorithm, "
            "not_before, not_after, certificate, private_key, seeded, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)"),
        {serial, categoryToApi(*category), holder, credential, minted->algorithm, iso(minted->notBefore),
            iso(notAfter), QString::fromLatin1(minted->certificate.toBase64()),
            QString::fromLatin1(minted->privateKey.toBase64()), now()});
    tx.commit();
    ctx.sendJson(200,
        QJsonObject {{QStringLiteral("serial"), serial},
            {QStringLiteral("certificate"), QString::fromLatin1(minted->certificate.toBase64())},
            {QStringLiteral("private_key"), QString::fromLatin1(minted->privateKey.toBase64())},
            {QStringLiteral("category"), categoryToApi(*category)}, {QStringLiteral("holder"), holder},
            {QStringLiteral("not_before"), iso(minted->notBefore)},
            {QStringLiteral("not_after"), iso(notAfter)}});
}

void Api::sandboxListLegacy(Context& ctx)
{
    const ReadTransaction rt(m_db);
    QStringList serials;
    {
        QSqlQuery q = run(rt.db(),
            QStringLiteral(
                "SELECT serial FROM legacy_certificates ORDER BY seeded DESC, created_at, serial"));
        while (q.next())
            serials.append(q.value(0).toString());
    }
    QJsonArray list;
    const QDateTime at = QDateTime::currentDateTimeUtc();
    for (const QString& serial : serials) {
        QSqlQuery q = run(rt.db(),
            QStringLiteral("SELECT credential_number, private_key, seeded, note FROM legacy_certificates "
                           "WHERE serial = ?"),
            {serial});
        const auto legacy = findLegacy(rt.db(), serial);
        if (!legacy || !q.next())
            continue;
        const Renewal r = evaluate(*legacy, at);
        list.append(QJsonObject {{QStringLiteral("serial"), serial},
            {QStringLiteral("category"), categoryToApi(legacy->category)},
            {QStringLiteral("holder"), legacy->holder},
            {QStringLiteral("credential_number"), q.value(0).toString()},
            {QStringLiteral("not_after"), iso(legacy->notAfter)}, {QStringLiteral("status"), r.status},
            {QStringLiteral("renewable"), r.renewable},
            {QStringLiteral("reason"), r.renewable ? QJsonValue() : QJsonValue(r.reason)},
            {QStringLiteral("seeded"), q.value(2).toInt() != 0},
            {QStringLiteral("note"), q.value(3).toString()},
            {QStringLiteral("certificate"), QString::fromLatin1(legacy->certificate.toBase64())},
            {QStringLiteral("private_key"), q.value(1).toString()}});
    }
    ctx.sendJson(200, list);
}

} // namespace certdesk::server
