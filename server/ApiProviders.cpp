// Api: the provider-backed steps outside the sandbox (docs/providers.md): QR payments at WeChat Pay and
// Alipay with their notifications, late-notification queries and closing of replaced orders; liveness at a
// face-verification provider with its signed callback; the SMS sender. A provider is never called inside a
// write transaction: the rows are committed first, the provider asked, then the result stored.
#include "Api.h"

#include "Audit.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUrl>

#include <cstdio>

namespace certdesk::server {

namespace {

// How long an SMS leased for sending stays with the instance sending it (the provider answers within its
// timeout, seconds; an instance that dies meanwhile leaves it to the others after this).
constexpr qint64 kSmsLeaseSeconds = 300;

QString auditActor(const QString& provider)
{
    return QStringLiteral("provider ") + provider;
}

// 503 with Retry-After: the provider did not answer; nothing was ordered or charged twice (the same order
// id is used on the next try).
[[noreturn]] void providerUnavailable(const QString& message)
{
    ApiError e;
    e.status = 503;
    e.code = QStringLiteral("provider_unavailable");
    e.message = message;
    e.headers.append(std::pair<std::string, std::string>("Retry-After", "60"));
    throw e;
}

// 502: the provider answered with a refusal or an answer that failed its checks.
[[noreturn]] void providerRefused(const QString& message)
{
    ApiError e;
    e.status = 502;
    e.code = QStringLiteral("provider_error");
    e.message = message;
    throw e;
}

providers::IncomingNotification incoming(const Context& ctx)
{
    providers::IncomingNotification n;
    for (const auto& [name, value] : ctx.request.headers)
        n.headers.append({QByteArray::fromStdString(name), QByteArray::fromStdString(value)});
    n.body = ctx.body;
    n.contentType = QByteArray::fromStdString(ctx.request.get_header_value("Content-Type"));
    return n;
}

QVariant nullText(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

} // namespace

QString Api::personHash(const QString& name, const QString& idNumber)
{
    return secrets::sha256Hex((name.trimmed() + QLatin1Char('\n') + idNumber.trimmed().toUpper()).toUtf8());
}

// ---------------------------------------------------------------------------------------------------------------
// payments

Api::ProviderOrder Api::beginProviderPayment(
    WriteTransaction& tx, const AppRow& app, const QString& method) const
{
    ProviderOrder order;
    order.applicationId = app.id;
    order.method = method;
    order.amountFen = app.fees.totalFen;
    order.orderNo = app.orderNo;
    QSqlQuery q = run(tx.db(),
        QStringLiteral(
            "SELECT id, method, qr_content, expires_at, amount_fen FROM payments WHERE application_id = ? "
            "AND status = ? AND method <> ?"),
        {app.id, QStringLiteral("pending"), QStringLiteral("corporate_transfer")});
    const QDateTime nowUtc = QDateTime::currentDateTimeUtc();
    while (q.next()) {
        const QDateTime expires = parseTime(q.value(3).toString());
        // The same method's order, still valid, for the same amount: show its QR again rather than make a
        // second order the applicant could pay as well.
        if (order.paymentId.isEmpty() && q.value(1).toString() == method && !q.value(2).toString().isEmpty()
            && expires > nowUtc.addSecs(60) && q.value(4).toLongLong() == app.fees.totalFen) {
            order.paymentId = q.value(0).toString();
            order.expiresAt = expires;
            order.reused = true;
            continue;
        }
        order.toClose.append(q.value(0).toString());
    }
    if (order.reused)
        return order;
    order.paymentId = secrets::randomHex(16);
    const QDateTime created = nowUtc;
    order.expiresAt = created.addSecs(qint64(m_options.paymentMinutes) * 60);
    run(tx.db(),
        QStringLiteral(
            "INSERT INTO payments (id, application_id, order_no, method, amount_fen, status, reference, "
            "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {order.paymentId, app.id, app.orderNo, method, app.fees.totalFen, QStringLiteral("pending"),
            app.orderNo, iso(created), iso(order.expiresAt)});
    return order;
}

void Api::finishProviderPayment(Context& ctx, const ProviderOrder& order)
{
    const providers::PaymentProvider* provider = m_providers->payment(order.method);
    const QString base = baseUrl(ctx);
    // Orders made earlier for this application (another method, or a changed amount) are closed so that
    // they can no longer be paid; one that was paid meanwhile counts, and nothing new is ordered.
    for (const QString& oldId : order.toClose) {
        std::optional<PaymentRow> old;
        {
            const ReadTransaction rt(m_db);
            old = loadPayment(rt.db(), oldId);
        }
        const providers::PaymentProvider* oldProvider = old ? m_providers->payment(old->method) : nullptr;
        if (!oldProvider)
            continue;
        const providers::TradeState state = oldProvider->query(oldId);
        if (state.state == providers::TradeState::State::Paid) {
            WriteTransaction tx(m_db);
            QString reason;
            applyProviderPayment(tx.db(), *oldProvider, oldId, state.amountFen, state.transactionId,
                QStringLiteral("query"), base, &reason);
            tx.commit();
            errors::conflict(
                QCoreApplication::translate("certdesk::Server", "This application is already paid."));
        }
        if (oldProvider->close(oldId) || state.state == providers::TradeState::State::Closed) {
            WriteTransaction tx(m_db);
            run(tx.db(), QStringLiteral("UPDATE payments SET status = ? WHERE id = ? AND status = ?"),
                {QStringLiteral("expired"), oldId, QStringLiteral("pending")});
            tx.commit();
        }
    }
    QString qr;
    if (order.reused) {
        const ReadTransaction rt(m_db);
        qr = scalar(
            rt.db(), QStringLiteral("SELECT qr_content FROM payments WHERE id = ?"), {order.paymentId})
                 .toString();
    } else {
        providers::PaymentOrder request;
        request.outTradeNo = order.paymentId;
        request.amountFen = order.amountFen;
        request.description = QCoreApplication::translate("certdesk::Server", "Certificate renewal, order %1")
                                  .arg(order.orderNo);
        request.expiresAt = order.expiresAt;
        request.notifyUrl = m_providers->notifyUrl(provider->name());
        const providers::CreatedOrder created = provider->create(request);
        if (created.outcome != providers::CallOutcome::Ok) {
            // The row stays for the record but can never be paid here; the next attempt makes a new order.
            {
                WriteTransaction tx(m_db);
                run(tx.db(), QStringLiteral("UPDATE payments SET status = ? WHERE id = ?"),
                    {QStringLiteral("expired"), order.paymentId});
                audit::append(tx.db(), auditActor(provider->name()), QStringLiteral("payment.order_failed"),
                    order.paymentId,
                    QJsonObject {{QStringLiteral("outcome"),
                                     created.outcome == providers::CallOutcome::Unavailable
                                         ? QStringLiteral("unavailable")
                                         : QStringLiteral("refused")},
                        {QStringLiteral("detail"), created.detail.left(200)}});
                tx.commit();
            }
            if (created.outcome == providers::CallOutcome::Unavailable)
                providerUnavailable(QCoreApplication::translate("certdesk::Server",
                    "%1 cannot be reached at the moment. Nothing was charged. Wait a minute and press Pay "
                    "again, or choose another payment method.")
                                        .arg(methodDisplayName(order.method)));
            providerRefused(QCoreApplication::translate("certdesk::Server",
                "%1 refused the order. Nothing was charged. Choose another payment method, or call the CA "
                "for help.")
                                .arg(methodDisplayName(order.method)));
        }
        qr = created.qrContent;
    }
    WriteTransaction tx(m_db);
    run(tx.db(), QStringLiteral("UPDATE payments SET qr_content = ? WHERE id = ?"), {qr, order.paymentId});
    commitAndSend(tx, ctx, 201,
        QJsonObject {{QStringLiteral("payment_id"), order.paymentId},
            {QStringLiteral("order_no"), order.orderNo}, {QStringLiteral("method"), order.method},
            {QStringLiteral("amount_fen"), order.amountFen},
            {QStringLiteral("status"), QStringLiteral("pending")},
            {QStringLiteral("expires_at"), iso(order.expiresAt)}, {QStringLiteral("qr_content"), qr}});
}

bool Api::applyProviderPayment(const QSqlDatabase& db, const providers::PaymentProvider& provider,
    const QString& outTradeNo, Fen amountFen, const QString& transactionId, const QString& source,
    const QString& base, QString* reason)
{
    const QString expectedMethod
        = provider.name() == QLatin1String("wechatpay") ? QStringLiteral("wechat") : QStringLiteral("alipay");
    const auto payment = loadPayment(db, outTradeNo);
    const QJsonObject detail {{QStringLiteral("source"), source},
        {QStringLiteral("transaction_id"), transactionId}, {QStringLiteral("amount_fen"), amountFen}};
    const auto refuse = [&](const QString& why) {
        *reason = why;
        QJsonObject d = detail;
        d.insert(QStringLiteral("reason"), why);
        if (payment)
            d.insert(QStringLiteral("expected_fen"), payment->amountFen);
        audit::append(db, auditActor(provider.name()), QStringLiteral("payment.result_rejected"),
            outTradeNo.left(64), d);
        return false;
    };
    if (!payment || payment->method != expectedMethod)
        return refuse(QStringLiteral("unknown_order"));
    if (amountFen != payment->amountFen)
        return refuse(QStringLiteral("wrong_amount"));
    QSqlQuery raw = run(db, QStringLiteral("SELECT status FROM payments WHERE id = ?"), {payment->id});
    const QString stored = raw.next() ? raw.value(0).toString() : QString();
    raw.finish();
    if (stored == QLatin1String("paid"))
        return true; // already counted: a duplicate changes nothing
    const AppRow app = requireApp(db, payment->applicationId);
    run(db, QStringLiteral("UPDATE payments SET provider_txn = ? WHERE id = ?"),
        {transactionId.left(64), payment->id});
    if (app.status != ApplicationStatus::Draft || app.paid) {
        // Paid twice (an order paid after another one was): the money is real, the application is paid once;
        // the row says so and the audit trail tells the CA to refund it.
        run(db, QStringLiteral("UPDATE payments SET status = ?, paid_at = ?, confirmed_by = ? WHERE id = ?"),
            {QStringLiteral("paid"), now(), auditActor(provider.name()), payment->id});
        audit::append(db, auditActor(provider.name()), QStringLiteral("payment.paid_twice"), payment->id,
            QJsonObject {{QStringLiteral("application"), app.id},
                {QStringLiteral("transaction_id"), transactionId}, {QStringLiteral("amount_fen"), amountFen},
                {QStringLiteral("action"), QStringLiteral("refund")}});
        return true;
    }
    PaymentRow current = *payment;
    current.status = QStringLiteral("pending");
    markPaid(db, current, auditActor(provider.name()), base);
    audit::append(db, auditActor(provider.name()), QStringLiteral("payment.paid"), payment->id, detail);
    return true;
}

void Api::paymentNotification(Context& ctx)
{
    const providers::PaymentProvider* provider = m_providers->paymentByName(ctx.param(0));
    if (!provider)
        errors::notFound();
    const QDateTime at = QDateTime::currentDateTimeUtc();
    const providers::VerifiedNotification v = provider->verify(incoming(ctx), at);
    const auto answer = [&ctx, provider](bool accepted) {
        const providers::NotificationReply r = provider->reply(accepted);
        ctx.response.status = r.status;
        if (!r.body.isEmpty())
            ctx.response.set_content(r.body.toStdString(), r.contentType.toStdString());
    };
    WriteTransaction tx(m_db);
    if (v.verdict == providers::VerifiedNotification::Verdict::Rejected) {
        audit::append(tx.db(), auditActor(provider->name()), QStringLiteral("payment.notification_rejected"),
            v.outTradeNo.isEmpty() ? QStringLiteral("-") : v.outTradeNo.left(64),
            QJsonObject {{QStringLiteral("reason"), v.reason},
                {QStringLiteral("notification_id"), v.notificationId.left(128)},
                {QStringLiteral("client"), ctx.clientAddress()}});
        tx.commit();
        answer(false);
        return;
    }
    // A notification already handled (WeChat Pay and Alipay repeat them until answered) changes nothing.
    if (scalar(tx.db(),
            QStringLiteral(
                "SELECT outcome FROM provider_notifications WHERE provider = ? AND notification_id = ?"),
            {provider->name(), v.notificationId})
            .isValid()) {
        answer(true);
        return;
    }
    QString reason;
    bool accepted = true;
    if (v.verdict == providers::VerifiedNotification::Verdict::Paid)
        accepted = applyProviderPayment(tx.db(), *provider, v.outTradeNo, v.amountFen, v.transactionId,
            QStringLiteral("notification"), baseUrl(ctx), &reason);
    if (accepted)
        run(tx.db(),
            QStringLiteral(
                "INSERT INTO provider_notifications (provider, notification_id, received_at, outcome) "
                "VALUES (?, ?, ?, ?)"),
            {provider->name(), v.notificationId, iso(at),
                v.verdict == providers::VerifiedNotification::Verdict::Paid ? QStringLiteral("paid")
                                                                            : QStringLiteral("not_paid")});
    tx.commit();
    answer(accepted);
}

bool Api::refreshProviderPayment(const PaymentRow& payment, const QString& base)
{
    const providers::PaymentProvider* provider = m_providers->payment(payment.method);
    if (!provider)
        return false;
    const QDateTime nowUtc = QDateTime::currentDateTimeUtc();
    const bool expired = payment.status == QLatin1String("expired");
    {
        // Asked at most once per interval, however often the applicant's client polls: the write
        // transaction decides which poll asks.
        WriteTransaction tx(m_db);
        QSqlQuery q = run(tx.db(),
            QStringLiteral("SELECT status, created_at, queried_at FROM payments WHERE id = ?"), {payment.id});
        if (!q.next() || q.value(0).toString() != QLatin1String("pending"))
            return false;
        const QDateTime created = parseTime(q.value(1).toString());
        const QDateTime queried = parseTime(q.value(2).toString());
        q.finish();
        const int every = m_providers->queryAfterSeconds();
        if (!expired
            && (created.secsTo(nowUtc) < every
                || (queried.isValid() && queried.secsTo(nowUtc) < qMax(every, 1))))
            return false;
        run(tx.db(), QStringLiteral("UPDATE payments SET queried_at = ? WHERE id = ?"),
            {iso(nowUtc), payment.id});
        tx.commit();
    }
    const providers::TradeState state = provider->query(payment.id);
    if (state.state == providers::TradeState::State::Paid) {
        WriteTransaction tx(m_db);
        QString reason;
        applyProviderPayment(tx.db(), *provider, payment.id, state.amountFen, state.transactionId,
            QStringLiteral("query"), base, &reason);
        tx.commit();
        return true;
    }
    // An expired order is closed at the provider before it is given up here, so that it cannot be paid later.
    if (expired && (state.state == providers::TradeState::State::Closed || provider->close(payment.id))) {
        WriteTransaction tx(m_db);
        run(tx.db(), QStringLiteral("UPDATE payments SET status = ? WHERE id = ? AND status = ?"),
            {QStringLiteral("expired"), payment.id, QStringLiteral("pending")});
        audit::append(tx.db(), auditActor(provider->name()), QStringLiteral("payment.closed"), payment.id);
        tx.commit();
        return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------------------------
// liveness

void Api::finishProviderLiveness(Context& ctx, const ProviderLiveness& started)
{
    const providers::LivenessStart start
        = m_providers->startLiveness(started.sessionId, started.name, started.idNumber, started.expiresAt);
    if (start.outcome != providers::CallOutcome::Ok) {
        {
            WriteTransaction tx(m_db);
            run(tx.db(),
                QStringLiteral("UPDATE liveness_sessions SET status = ?, completed_at = ? WHERE id = ?"),
                {QStringLiteral("expired"), now(), started.sessionId});
            audit::append(tx.db(), auditActor(QStringLiteral("liveness")),
                QStringLiteral("liveness.start_failed"), started.sessionId,
                QJsonObject {{QStringLiteral("detail"), start.detail.left(200)}});
            tx.commit();
        }
        if (start.outcome == providers::CallOutcome::Unavailable)
            providerUnavailable(QCoreApplication::translate("certdesk::Server",
                "The face verification service cannot be reached at the moment. Wait a minute and start the "
                "liveness check again."));
        providerRefused(QCoreApplication::translate("certdesk::Server",
            "The face verification service refused to start the check. Check the name and ID number on the "
            "form, or call the CA for help."));
    }
    WriteTransaction tx(m_db);
    run(tx.db(), QStringLiteral("UPDATE liveness_sessions SET qr_content = ? WHERE id = ?"),
        {start.url, started.sessionId});
    commitAndSend(tx, ctx, 200,
        QJsonObject {{QStringLiteral("session_id"), started.sessionId},
            {QStringLiteral("qr_content"), start.url}, {QStringLiteral("expires_at"), iso(started.expiresAt)},
            {QStringLiteral("status"), QStringLiteral("pending")}});
}

void Api::applyLivenessResult(const QSqlDatabase& db, const QString& sessionId, const QString& result,
    const QString& providerReason, const QString& actor)
{
    QSqlQuery q = run(db,
        QStringLiteral("SELECT application_id, status, person_hash FROM liveness_sessions WHERE id = ?"),
        {sessionId});
    if (!q.next() || q.value(1).toString() != QLatin1String("pending"))
        return; // unknown or finished: a late or repeated result changes nothing
    const QString appId = q.value(0).toString();
    const QString startedFor = q.value(2).toString();
    q.finish();
    const AppRow app = requireApp(db, appId);
    const Person& person = app.form.responsiblePerson();
    bool passed = result == QLatin1String("passed");
    QString reason;
    // The provider compared the face with the person the session was started for; the form may have been
    // edited since, and then the result is not about the person on the form.
    if (passed && startedFor != personHash(person.name, person.idNumber)) {
        passed = false;
        reason = QCoreApplication::translate("certdesk::Server",
            "The name or ID number on the form changed after the check was started; start the check again.");
    } else if (!passed) {
        reason = QCoreApplication::translate("certdesk::Server",
            "The face check did not pass; start the check again in good light and follow the prompts.");
    }
    const QString status = passed ? QStringLiteral("passed") : QStringLiteral("failed");
    const QString at = now();
    run(db,
        QStringLiteral("UPDATE liveness_sessions SET status = ?, reason = ?, completed_at = ? WHERE id = ?"),
        {status, nullText(reason), at, sessionId});
    if (isEditable(app.status) && app.liveness != LivenessState::Passed)
        run(db,
            QStringLiteral(
                "UPDATE applications SET liveness = ?, liveness_reason = ?, updated_at = ? WHERE id = ?"),
            {status, nullText(reason), at, app.id});
    audit::append(db, actor, passed ? QStringLiteral("liveness.passed") : QStringLiteral("liveness.failed"),
        sessionId,
        QJsonObject {{QStringLiteral("application"), app.id},
            {QStringLiteral("provider_reason"), providerReason.left(200)}});
}

void Api::livenessNotification(Context& ctx)
{
    const providers::SignedHttp* liveness = m_providers->liveness();
    if (!liveness)
        errors::notFound();
    const QByteArray path = QUrl(m_providers->livenessCallbackUrl()).path().toUtf8();
    const providers::SignedHeaders headers {
        QByteArray::fromStdString(ctx.request.get_header_value("X-CertDesk-Client")),
        QByteArray::fromStdString(ctx.request.get_header_value("X-CertDesk-Timestamp")),
        QByteArray::fromStdString(ctx.request.get_header_value("X-CertDesk-Nonce")),
        QByteArray::fromStdString(ctx.request.get_header_value("X-CertDesk-Signature"))};
    const QDateTime at = QDateTime::currentDateTimeUtc();
    QString problem = liveness->check("POST", path, headers, ctx.body, at);
    const QJsonObject body = QJsonDocument::fromJson(ctx.body).object();
    const QString sessionId = body.value(QStringLiteral("session_id")).toString();
    const QString result = body.value(QStringLiteral("result")).toString();
    const QString actor = auditActor(QStringLiteral("liveness"));
    WriteTransaction tx(m_db);
    if (problem.isEmpty()) {
        // Nonces are remembered for twice the window; older ones are refused as stale anyway.
        run(tx.db(), QStringLiteral("DELETE FROM provider_nonces WHERE seen_at < ?"),
            {iso(at.addSecs(-2 * qint64(liveness->windowSeconds())))});
        if (scalar(tx.db(),
                QStringLiteral("SELECT seen_at FROM provider_nonces WHERE provider = ? AND nonce = ?"),
                {QStringLiteral("liveness"), QString::fromLatin1(headers.nonce)})
                .isValid())
            problem = QStringLiteral("replayed");
    }
    if (problem.isEmpty()
        && (sessionId.isEmpty() || (result != QLatin1String("passed") && result != QLatin1String("failed"))))
        problem = QStringLiteral("malformed");
    if (problem.isEmpty()
        && !scalar(tx.db(), QStringLiteral("SELECT id FROM liveness_sessions WHERE id = ?"), {sessionId})
                .isValid())
        problem = QStringLiteral("unknown_session");
    if (!problem.isEmpty()) {
        audit::append(tx.db(), actor, QStringLiteral("liveness.callback_rejected"),
            sessionId.isEmpty() ? QStringLiteral("-") : sessionId.left(64),
            QJsonObject {
                {QStringLiteral("reason"), problem}, {QStringLiteral("client"), ctx.clientAddress()}});
        tx.commit();
        ApiError e;
        e.status = problem == QLatin1String("unknown_session") ? 404 : 401;
        e.code = e.status == 404 ? QStringLiteral("not_found") : QStringLiteral("unauthorized");
        e.message = QStringLiteral("callback refused: %1").arg(problem);
        throw e;
    }
    run(tx.db(), QStringLiteral("INSERT INTO provider_nonces (provider, nonce, seen_at) VALUES (?, ?, ?)"),
        {QStringLiteral("liveness"), QString::fromLatin1(headers.nonce), iso(at)});
    applyLivenessResult(tx.db(), sessionId, result, body.value(QStringLiteral("reason")).toString(), actor);
    tx.commit();
    ctx.sendJson(200, QJsonObject {{QStringLiteral("received"), true}});
}

void Api::refreshProviderLiveness(const Context& ctx)
{
    if (m_providers->livenessMode() != providers::Mode::Real)
        return;
    QString sessionId;
    {
        const ReadTransaction rt(m_db);
        const AppRow app = authorizeApplicant(ctx, rt.db());
        QSqlQuery q = run(rt.db(),
            QStringLiteral(
                "SELECT id, status, created_at, queried_at FROM liveness_sessions WHERE application_id = ? "
                "ORDER BY created_at DESC, id LIMIT 1"),
            {app.id});
        if (!q.next() || q.value(1).toString() != QLatin1String("pending"))
            return;
        const QDateTime nowUtc = QDateTime::currentDateTimeUtc();
        const int every = m_providers->queryAfterSeconds();
        const QDateTime queried = parseTime(q.value(3).toString());
        if (parseTime(q.value(2).toString()).secsTo(nowUtc) < every
            || (queried.isValid() && queried.secsTo(nowUtc) < qMax(every, 1)))
            return;
        sessionId = q.value(0).toString();
    }
    {
        WriteTransaction tx(m_db);
        run(tx.db(), QStringLiteral("UPDATE liveness_sessions SET queried_at = ? WHERE id = ?"),
            {now(), sessionId});
        tx.commit();
    }
    const providers::LivenessResult result = m_providers->queryLiveness(sessionId);
    if (result.result != QLatin1String("passed") && result.result != QLatin1String("failed"))
        return;
    WriteTransaction tx(m_db);
    applyLivenessResult(
        tx.db(), sessionId, result.result, result.reason, auditActor(QStringLiteral("liveness query")));
    tx.commit();
}

// ---------------------------------------------------------------------------------------------------------------
// SMS

void Api::providerLoop()
{
    std::unique_lock lock(m_smsMutex);
    auto lastSweep = std::chrono::steady_clock::now() - std::chrono::hours(1);
    // Expired orders are looked for at the poll interval (at least every 2 s, at most every minute).
    const auto sweepEvery = std::chrono::seconds(qBound(2, m_providers->queryAfterSeconds(), 60));
    while (!m_stopping) {
        m_smsWake.wait_for(lock, std::chrono::seconds(2));
        if (m_stopping)
            break;
        lock.unlock();
        try {
            if (m_providers->smsMode() == providers::Mode::Real)
                sendQueuedSms();
            if (std::chrono::steady_clock::now() - lastSweep >= sweepEvery) {
                lastSweep = std::chrono::steady_clock::now();
                closeExpiredOrders();
            }
        } catch (const std::exception& e) {
            // The database was busy or closing, or a reply was an error: the next round tries again.
            const QString line
                = QStringLiteral("provider background work: %1").arg(QString::fromUtf8(e.what()));
            if (m_options.logSink)
                m_options.logSink(line);
            else
                std::fprintf(stderr, "%s\n", line.toUtf8().constData());
        }
        lock.lock();
    }
}

void Api::closeExpiredOrders()
{
    QList<PaymentRow> expired;
    {
        const ReadTransaction rt(m_db);
        QSqlQuery q = run(rt.db(),
            QStringLiteral("SELECT id FROM payments WHERE status = ? AND expires_at < ? AND method IN (?, ?) "
                           "ORDER BY expires_at LIMIT 20"),
            {QStringLiteral("pending"), now(), QStringLiteral("wechat"), QStringLiteral("alipay")});
        QStringList ids;
        while (q.next())
            ids.append(q.value(0).toString());
        q.finish();
        for (const QString& id : ids) {
            if (auto p = loadPayment(rt.db(), id); p && m_providers->payment(p->method))
                expired.append(*p);
        }
    }
    // Each is asked about once more (a late payment counts) and then closed at its provider.
    for (const PaymentRow& payment : expired) {
        if (m_stopping)
            break;
        (void)refreshProviderPayment(payment, m_options.publicBaseUrl);
    }
}

void Api::sendQueuedSms()
{
    struct Message
    {
        qint64 seq;
        QString to;
        QString text;
        int attempts;
    };
    QList<Message> due;
    {
        const ReadTransaction rt(m_db);
        QSqlQuery q = run(rt.db(),
            QStringLiteral(
                "SELECT seq, recipient, body, attempts FROM outbox WHERE channel = ? AND sent_at IS "
                "NULL AND attempts < 8 AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
                "ORDER BY seq LIMIT 20"),
            {QStringLiteral("sms"), now()});
        while (q.next())
            due.append(
                {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toInt()});
    }
    for (const Message& m : due) {
        // Leased to this instance before it is sent: every instance on the database runs this loop, and an
        // SMS must go once. The lease is a conditional UPDATE the database serialises; the loser leaves it.
        {
            const QString at = now();
            WriteTransaction lease(m_db, WriteTransaction::Isolation::ReadCommitted);
            const QSqlQuery leased = run(lease.db(),
                QStringLiteral("UPDATE outbox SET next_attempt_at = ? WHERE seq = ? AND sent_at IS NULL AND "
                               "(next_attempt_at IS NULL OR next_attempt_at <= ?)"),
                {iso(QDateTime::currentDateTimeUtc().addSecs(kSmsLeaseSeconds)), m.seq, at});
            if (leased.numRowsAffected() != 1)
                continue;
            lease.commit();
        }
        QString detail;
        const bool sent = m_providers->sendSms(QStringLiteral("outbox-%1").arg(m.seq), m.to, m.text, &detail);
        WriteTransaction tx(m_db);
        if (sent) {
            // Outside the sandbox the text (codes, links) is not kept once the provider has it.
            run(tx.db(),
                QStringLiteral("UPDATE outbox SET sent_at = ?, attempts = ?, body = ? WHERE seq = ?"),
                {now(), m.attempts + 1, QString(QLatin1String("")), m.seq});
        } else {
            // 30 s, 1, 2, 4 ... minutes: a provider that is down is not hammered.
            const qint64 wait = 30LL << qMin(m.attempts, 10);
            run(tx.db(), QStringLiteral("UPDATE outbox SET attempts = ?, next_attempt_at = ? WHERE seq = ?"),
                {m.attempts + 1, iso(QDateTime::currentDateTimeUtc().addSecs(wait)), m.seq});
            if (m.attempts + 1 >= 8)
                audit::append(tx.db(), auditActor(QStringLiteral("sms")), QStringLiteral("sms.gave_up"),
                    QString::number(m.seq), QJsonObject {{QStringLiteral("detail"), detail.left(200)}});
        }
        tx.commit();
    }
}

} // namespace certdesk::server
