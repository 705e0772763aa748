// Api: documents, liveness, payments and invoices (the applicant's steps before review).
#include "Api.h"
#include "domain/CaContact.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>

namespace certdesk::server {

QString Api::methodDisplayName(const QString& method)
{
    if (method == QLatin1String("wechat"))
        return QCoreApplication::translate("certdesk::Server", "WeChat Pay");
    if (method == QLatin1String("alipay"))
        return QCoreApplication::translate("certdesk::Server", "Alipay");
    return QCoreApplication::translate("certdesk::Server", "corporate transfer");
}

// ---------------------------------------------------------------------------------------------------------------
// documents

void Api::authorizeUpload(const Context& ctx) const
{
    const ReadTransaction rt(m_db);
    [[maybe_unused]] const AppRow app = authorizeApplicant(ctx, rt.db());
}

void Api::putDocument(Context& ctx)
{
    const AppRow app = authorizeApplicant(ctx, m_db.connection());
    const auto kind = documentKindFromApi(ctx.param(1));
    if (!kind)
        errors::notFound(QCoreApplication::translate("certdesk::Server", "Unknown document kind."));
    // The proof of a holder's change is accepted from any application: the applicant knows before the
    // reviewer does that the name or number changed.
    if (!requiredDocuments(app.category).contains(*kind) && *kind != DocumentKind::HolderChangeProof)
        errors::validationFailed(QStringLiteral("kind"), QStringLiteral("not_applicable"),
            QCoreApplication::translate(
                "certdesk::Server", "This document is not needed for this kind of certificate."));
    if (!isEditable(app.status))
        errors::conflict(QCoreApplication::translate("certdesk::Server",
            "Documents can be uploaded only while the application is a draft or after it was rejected."));
    const QString declared = DocumentStore::acceptedType(ctx.header("Content-Type"));
    if (declared.isEmpty())
        errors::unsupportedMediaType(QCoreApplication::translate("certdesk::Server",
            "Upload a JPEG, PNG, GIF or BMP image or a PDF file, and send its type in Content-Type."));
    // The per-application cap counts the other kinds' documents; the one replaced here no longer counts.
    const qint64 others = scalar(m_db.connection(),
        QStringLiteral("SELECT COALESCE(SUM(size), 0) FROM documents WHERE application_id = ? AND kind <> ?"),
        {app.id, documentKindToApi(*kind)})
                              .toLongLong();
    const qint64 room = std::max<qint64>(0, m_options.maxApplicationBytes - others);
    const auto tooLargeFor = [&](qint64 size) {
        if (size > m_options.maxDocumentBytes)
            errors::payloadTooLarge(m_options.maxDocumentBytes);
        if (size > room)
            errors::applicationStorageFull(m_options.maxApplicationBytes);
    };
    const qint64 limit = std::min(m_options.maxDocumentBytes, room);
    // Refuse before reading when the declared length is too large; the dispatcher discards what was sent.
    if (ctx.request.has_header("Content-Length")) {
        bool ok = false;
        const qint64 length
            = QString::fromStdString(ctx.request.get_header_value("Content-Length")).toLongLong(&ok);
        if (!ok)
            errors::payloadTooLarge(limit);
        tooLargeFor(length);
    }
    const auto upload = m_documents.begin();
    if (!upload->isOpen())
        throw std::runtime_error("cannot create an upload file");
    bool tooLarge = false;
    bool writeFailed = false;
    qint64 received = 0;
    ctx.bodyConsumed = true;
    const bool complete = !requestHasBody(ctx.request) || (*ctx.reader)([&](const char* data, size_t size) {
        received += qint64(size);
        // Over the limit (a chunked body has no Content-Length to refuse on): stop storing, keep reading and
        // dropping so the client gets to read the 413; give up on absurd sizes.
        if (tooLarge || upload->size() + qint64(size) > limit) {
            tooLarge = true;
            return received <= kDiscardCap;
        }
        if (!upload->append(data, size)) {
            writeFailed = true;
            return false;
        }
        return true;
    });
    if (!complete)
        ctx.response.set_header("Connection", "close");
    if (tooLarge)
        tooLargeFor(received);
    // A write that fails here is the disk filling up (ENOSPC, EFBIG, EDQUOT): the temp file goes away with
    // `upload`, nothing is stored.
    if (writeFailed)
        errors::storageFull();
    if (!complete)
        errors::badRequest(QCoreApplication::translate(
            "certdesk::Server", "The upload was interrupted; send the file again."));
    if (!upload->finish())
        errors::storageFull();
    const auto actual = DocumentStore::sniff(upload->head());
    if (!actual || *actual != declared)
        errors::unsupportedMediaType(QCoreApplication::translate("certdesk::Server",
            "The file's content is not what its type says (%1). Upload a real JPEG, PNG, GIF, BMP or PDF "
            "file.")
                                         .arg(declared));
    switch (m_documents.check(upload->path(), declared, m_reference.maxPixels())) {
    case DocumentStore::Check::Ok:
        break;
    case DocumentStore::Check::TooManyPixels:
        errors::validationFailed(QStringLiteral("document"), QStringLiteral("too_many_pixels"),
            QCoreApplication::translate("certdesk::Server",
                "The image has more than %1 million pixels; scan at a lower resolution and upload again.")
                .arg(m_reference.maxPixels() / 1000000));
    case DocumentStore::Check::Undecodable:
        errors::validationFailed(QStringLiteral("document"), QStringLiteral("undecodable"),
            QCoreApplication::translate("certdesk::Server",
                "The file is damaged or incomplete and cannot be opened; upload it again."));
    }
    // The file and the row that refers to it are made under the file's lock, the lock under which a replaced
    // file is checked and deleted (below): on every instance, a concurrent upload of the same bytes cannot
    // lose its file. The transaction is run again after a conflict (the upload itself is on disk already).
    const QString kindText = documentKindToApi(*kind);
    QString at;
    QString replaced;
    {
        const NamedLock fileLock(m_db, QStringLiteral("document:") + upload->sha256());
        retryOnConflict([&] {
            WriteTransaction tx(m_db);
            const AppRow current = requireApp(tx.db(), app.id);
            if (!isEditable(current.status))
                errors::conflict(QCoreApplication::translate("certdesk::Server",
                    "Documents can be uploaded only while the application is a draft or after it was "
                    "rejected."));
            // Again under the write lock: two uploads of other kinds at once must not pass the cap together.
            if (scalar(tx.db(),
                    QStringLiteral("SELECT COALESCE(SUM(size), 0) FROM documents WHERE application_id = ? "
                                   "AND kind <> ?"),
                    {app.id, kindText})
                        .toLongLong()
                    + upload->size()
                > m_options.maxApplicationBytes)
                errors::applicationStorageFull(m_options.maxApplicationBytes);
            // Stored and referred to under the same lock under which a replaced file is deleted (below).
            if (!m_documents.store(*upload))
                errors::storageFull();
            at = now();
            replaced = scalar(tx.db(),
                QStringLiteral("SELECT sha256 FROM documents WHERE application_id = ? AND kind = ?"),
                {app.id, kindText})
                           .toString();
            run(tx.db(), QStringLiteral("DELETE FROM documents WHERE application_id = ? AND kind = ?"),
                {app.id, kindText});
            run(tx.db(),
                QStringLiteral(
                    "INSERT INTO documents (application_id, kind, sha256, size, content_type, uploaded_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)"),
                {app.id, kindText, upload->sha256(), upload->size(), declared, at});
            run(tx.db(), QStringLiteral("UPDATE applications SET updated_at = ? WHERE id = ?"), {at, app.id});
            // A replaced document's file goes once no application refers to it (files are shared by content
            // hash). The rejection snapshot keeps only the hash, to see whether a document changed.
            tx.commit();
        });
    }
    if (!replaced.isEmpty() && replaced != upload->sha256()) {
        // Checked and deleted under the file's lock (and on SQLite the write lock), under which uploads store
        // their file and its row.
        const NamedLock fileLock(m_db, QStringLiteral("document:") + replaced);
        WriteTransaction cleanup(m_db);
        if (!scalar(cleanup.db(), QStringLiteral("SELECT sha256 FROM documents WHERE sha256 = ?"), {replaced})
                 .isValid())
            m_documents.remove(replaced);
    }
    ctx.sendJson(201,
        QJsonObject {{QStringLiteral("kind"), kindText}, {QStringLiteral("sha256"), upload->sha256()},
            {QStringLiteral("size"), upload->size()}, {QStringLiteral("content_type"), declared},
            {QStringLiteral("uploaded_at"), at}});
}

void Api::listDocuments(Context& ctx)
{
    const ReadTransaction rt(m_db);
    const AppRow app = authorizeApplicant(ctx, rt.db());
    ctx.sendJson(200, documentsJson(rt.db(), app.id));
}

// ---------------------------------------------------------------------------------------------------------------
// liveness

void Api::startLiveness(Context& ctx)
{
    std::optional<ProviderLiveness> started;
    {
        WriteTransaction tx(m_db);
        const AppRow app = authorizeApplicant(ctx, tx.db());
        if (replay(ctx))
            return;
        if (!isEditable(app.status))
            errors::conflict(QCoreApplication::translate(
                "certdesk::Server", "The liveness check is done before payment, or after a rejection."));
        if (app.liveness == LivenessState::Passed)
            errors::conflict(
                QCoreApplication::translate("certdesk::Server", "The liveness check was already passed."));
        if (m_providers->livenessMode() == providers::Mode::Off)
            errors::conflict(QCoreApplication::translate("certdesk::Server",
                "This CA has no liveness check configured; ask the CA's counter for help or call the CA's "
                "hotline %1.")
                                 .arg(caHotline()));
        const QString id = secrets::randomHex(16);
        const QDateTime created = QDateTime::currentDateTimeUtc();
        const QDateTime expires = created.addSecs(qint64(m_options.livenessMinutes) * 60);
        run(tx.db(),
            QStringLiteral(
                "INSERT INTO liveness_sessions (id, application_id, status, created_at, expires_at) "
                "VALUES (?, ?, ?, ?, ?)"),
            {id, app.id, QStringLiteral("pending"), iso(created), iso(expires)});
        run(tx.db(),
            QStringLiteral(
                "UPDATE applications SET liveness = ?, liveness_reason = NULL, updated_at = ? WHERE id = ?"),
            {QStringLiteral("pending"), iso(created), app.id});
        if (m_providers->livenessMode() == providers::Mode::Real) {
            const Person& person = app.form.responsiblePerson();
            run(tx.db(), QStringLiteral("UPDATE liveness_sessions SET person_hash = ? WHERE id = ?"),
                {personHash(person.name, person.idNumber), id});
            tx.commit();
            started = ProviderLiveness {id, person.name, person.idNumber, expires};
        } else {
            commitAndSend(tx, ctx, 200,
                QJsonObject {{QStringLiteral("session_id"), id},
                    {QStringLiteral("qr_content"),
                        QString(baseUrl(ctx) + QStringLiteral("/sandbox/liveness/") + id)},
                    {QStringLiteral("expires_at"), iso(expires)},
                    {QStringLiteral("status"), QStringLiteral("pending")}});
            return;
        }
    }
    finishProviderLiveness(ctx, *started);
}

void Api::getLiveness(Context& ctx)
{
    refreshProviderLiveness(ctx);
    const ReadTransaction rt(m_db);
    const AppRow app = authorizeApplicant(ctx, rt.db());
    QSqlQuery q = run(rt.db(),
        QStringLiteral(
            "SELECT id, status, reason, expires_at FROM liveness_sessions WHERE application_id = ? "
            "ORDER BY created_at DESC, id LIMIT 1"),
        {app.id});
    QString status = livenessToApi(app.liveness);
    QJsonValue reason = app.livenessReason.isEmpty() ? QJsonValue() : QJsonValue(app.livenessReason);
    QJsonObject reply;
    if (q.next()) {
        reply.insert(QStringLiteral("session_id"), q.value(0).toString());
        reply.insert(QStringLiteral("expires_at"), q.value(3).toString());
        if (app.liveness == LivenessState::Pending && q.value(1).toString() == QLatin1String("pending")
            && parseTime(q.value(3).toString()) < QDateTime::currentDateTimeUtc()) {
            status = QStringLiteral("expired");
            reason = QCoreApplication::translate("certdesk::Server",
                "The liveness QR code expired; start the check again and scan the new code.");
        }
    }
    reply.insert(QStringLiteral("status"), status);
    reply.insert(QStringLiteral("reason"), reason);
    ctx.sendJson(200, reply);
}

// ---------------------------------------------------------------------------------------------------------------
// payments and invoice

std::optional<Api::PaymentRow> Api::loadPayment(const QSqlDatabase& db, const QString& id) const
{
    QSqlQuery q = run(db,
        QStringLiteral(
            "SELECT id, application_id, order_no, method, amount_fen, status, reference, created_at, "
            "expires_at, paid_at FROM payments WHERE id = ?"),
        {id});
    if (!q.next())
        return std::nullopt;
    PaymentRow p;
    p.id = q.value(0).toString();
    p.applicationId = q.value(1).toString();
    p.orderNo = q.value(2).toString();
    p.method = q.value(3).toString();
    p.amountFen = q.value(4).toLongLong();
    p.status = q.value(5).toString();
    p.reference = q.value(6).toString();
    p.createdAt = q.value(7).toString();
    p.expiresAt = q.value(8).toString();
    p.paidAt = q.value(9).toString();
    if (p.status == QLatin1String("pending") && parseTime(p.expiresAt) < QDateTime::currentDateTimeUtc())
        p.status = QStringLiteral("expired");
    return p;
}

QJsonObject Api::paymentJson(const PaymentRow& p) const
{
    return QJsonObject {{QStringLiteral("payment_id"), p.id}, {QStringLiteral("order_no"), p.orderNo},
        {QStringLiteral("method"), p.method}, {QStringLiteral("amount_fen"), p.amountFen},
        {QStringLiteral("status"), p.status}, {QStringLiteral("expires_at"), p.expiresAt},
        {QStringLiteral("paid_at"), p.paidAt.isEmpty() ? QJsonValue() : QJsonValue(p.paidAt)}};
}

void Api::createPayment(Context& ctx)
{
    const QJsonObject body = ctx.jsonObject();
    // A provider's order is made outside the write transaction (a slow provider must not hold every other
    // write): the payment row is committed first, the provider asked, then the reply stored.
    std::optional<ProviderOrder> order;
    {
        WriteTransaction tx(m_db);
        const AppRow app = authorizeApplicant(ctx, tx.db());
        if (replay(ctx))
            return;
        const QJsonValue methodValue = body.value(QStringLiteral("method"));
        const QString method = methodValue.toString();
        if (!methodValue.isString()
            || (method != QLatin1String("wechat") && method != QLatin1String("alipay")
                && method != QLatin1String("corporate_transfer")))
            errors::validationFailed(QStringLiteral("method"),
                methodValue.isUndefined() ? QStringLiteral("required") : QStringLiteral("invalid"),
                QCoreApplication::translate(
                    "certdesk::Server", "Choose WeChat Pay, Alipay or corporate transfer."));
        const bool transfer = method == QLatin1String("corporate_transfer");
        const providers::Mode mode = transfer ? providers::Mode::Real : m_providers->paymentMode(method);
        if (mode == providers::Mode::Off)
            errors::validationFailed(QStringLiteral("method"), QStringLiteral("not_offered"),
                QCoreApplication::translate(
                    "certdesk::Server", "This CA does not offer %1; choose another payment method.")
                    .arg(methodDisplayName(method)));
        if (transfer && !isInstitution(app.category))
            errors::validationFailed(QStringLiteral("method"), QStringLiteral("not_allowed"),
                QCoreApplication::translate("certdesk::Server",
                    "Corporate transfer is only for institutions; natural persons pay by WeChat Pay or "
                    "Alipay."));
        if (app.status != ApplicationStatus::Draft || app.paid)
            errors::conflict(
                QCoreApplication::translate("certdesk::Server", "This application is already paid."));
        const Checklist checklist = checklistOf(tx.db(), app);
        QStringList missing;
        for (auto it = checklist.documents.cbegin(); it != checklist.documents.cend(); ++it) {
            if (it.value() != DocumentState::Uploaded)
                missing.append(QStringLiteral("document:") + documentKindToApi(it.key()));
        }
        if (checklist.liveness != LivenessState::Passed)
            missing.append(QStringLiteral("liveness"));
        if (!missing.isEmpty())
            errors::conflict(QCoreApplication::translate("certdesk::Server",
                "Upload every required document and pass the liveness check before paying; missing: %1")
                                 .arg(missing.join(QStringLiteral(", "))));
        if (!transfer && mode == providers::Mode::Real) {
            order = beginProviderPayment(tx, app, method);
            tx.commit();
        } else {
            const QString id = secrets::randomHex(16);
            const QDateTime created = QDateTime::currentDateTimeUtc();
            const QDateTime expires
                = transfer ? created.addDays(7) : created.addSecs(qint64(m_options.paymentMinutes) * 60);
            run(tx.db(),
                QStringLiteral("INSERT INTO payments (id, application_id, order_no, method, amount_fen, "
                               "status, reference, "
                               "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                {id, app.id, app.orderNo, method, app.fees.totalFen, QStringLiteral("pending"), app.orderNo,
                    iso(created), iso(expires)});
            QJsonObject reply {{QStringLiteral("payment_id"), id}, {QStringLiteral("order_no"), app.orderNo},
                {QStringLiteral("method"), method}, {QStringLiteral("amount_fen"), app.fees.totalFen},
                {QStringLiteral("status"), QStringLiteral("pending")},
                {QStringLiteral("expires_at"), iso(expires)}};
            if (transfer) {
                const QJsonObject payee = m_reference.corporateTransfer();
                reply.insert(QStringLiteral("transfer"),
                    QJsonObject {{QStringLiteral("payee_name"), payee.value(QStringLiteral("payee_name"))},
                        {QStringLiteral("bank"), payee.value(QStringLiteral("bank"))},
                        {QStringLiteral("account_number"), payee.value(QStringLiteral("account_number"))},
                        {QStringLiteral("reference"), app.orderNo}});
            } else {
                reply.insert(QStringLiteral("qr_content"),
                    QString(baseUrl(ctx) + QStringLiteral("/sandbox/pay/") + id));
            }
            commitAndSend(tx, ctx, 201, reply);
            return;
        }
    }
    finishProviderPayment(ctx, *order);
}

void Api::getPayment(Context& ctx)
{
    std::optional<PaymentRow> payment;
    {
        const ReadTransaction rt(m_db);
        const AppRow app = authorizeApplicant(ctx, rt.db());
        payment = loadPayment(rt.db(), ctx.param(1));
        if (!payment || payment->applicationId != app.id)
            errors::notFound(QCoreApplication::translate("certdesk::Server", "No such payment."));
    }
    // A provider's notification may be late or lost: ask the provider about an order still pending here.
    if (refreshProviderPayment(*payment, baseUrl(ctx))) {
        const ReadTransaction again(m_db);
        payment = loadPayment(again.db(), ctx.param(1));
    }
    ctx.sendJson(200, paymentJson(*payment));
}

void Api::markPaid(
    const QSqlDatabase& db, const PaymentRow& payment, const QString& actor, const QString& base) const
{
    const QString at = now();
    const AppRow app = requireApp(db, payment.applicationId);
    if (app.status != ApplicationStatus::Draft || app.paid)
        errors::conflict(
            QCoreApplication::translate("certdesk::Server", "This application is already paid."));
    run(db, QStringLiteral("UPDATE payments SET status = ?, paid_at = ?, confirmed_by = ? WHERE id = ?"),
        {QStringLiteral("paid"), at, actor, payment.id});
    run(db,
        QStringLiteral("UPDATE payments SET status = ? WHERE application_id = ? AND status = ? AND id <> ?"),
        {QStringLiteral("expired"), app.id, QStringLiteral("pending"), payment.id});
    run(db, QStringLiteral("UPDATE applications SET payment = ?, updated_at = ? WHERE id = ?"),
        {QStringLiteral("paid"), at, app.id});
    changeStatus(db, app.id, ApplicationStatus::InReview,
        QCoreApplication::translate("certdesk::Server", "Paid by %1; waiting for the CA's review")
            .arg(methodDisplayName(payment.method)),
        actor);
    const Person& person = app.form.responsiblePerson();
    notify(db, app.id, QStringLiteral("sms"), person.mobile, {},
        QCoreApplication::translate("certdesk::Server",
            "CertDesk: order %1 is paid (%2 yuan) and now waits for the CA's review. We will text you the "
            "result.")
            .arg(app.orderNo, formatYuan(payment.amountFen)));
    if (app.form.invoice == InvoiceKind::Electronic) {
        const QString number = QStringLiteral("E")
            + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd"))
            + QString::number(secrets::randomBytes(4).toHex().toULongLong(nullptr, 16) % 10000000000ULL)
                  .rightJustified(10, QLatin1Char('0'));
        const QString code = secrets::randomHex(16);
        const QString url
            = base + QStringLiteral("/api/v1/invoices/") + number + QStringLiteral("?code=") + code;
        run(db,
            QStringLiteral(
                "INSERT INTO invoices (application_id, number, access_code, amount_fen, mobile, email, "
                "issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
            {app.id, number, code, payment.amountFen, person.mobile, person.email, at});
        const QString text = QCoreApplication::translate(
            "certdesk::Server", "CertDesk: the e-invoice %1 for order %2 (%3 yuan) is ready: %4")
                                 .arg(number, app.orderNo, formatYuan(payment.amountFen), url);
        notify(db, app.id, QStringLiteral("sms"), person.mobile, {}, text);
        notify(db, app.id, QStringLiteral("email"), person.email,
            QCoreApplication::translate("certdesk::Server", "Your e-invoice for order %1").arg(app.orderNo),
            text);
    }
}

void Api::getInvoice(Context& ctx)
{
    const ReadTransaction rt(m_db);
    const AppRow app = authorizeApplicant(ctx, rt.db());
    QSqlQuery q = run(rt.db(),
        QStringLiteral("SELECT number, access_code, mobile, email, issued_at, amount_fen FROM invoices WHERE "
                       "application_id = ?"),
        {app.id});
    if (!q.next()) {
        ctx.sendJson(200,
            QJsonObject {{QStringLiteral("status"), QStringLiteral("none")},
                {QStringLiteral("number"), QJsonValue()}, {QStringLiteral("url"), QJsonValue()},
                {QStringLiteral("sent_to"), QJsonValue()}});
        return;
    }
    const QString number = q.value(0).toString();
    ctx.sendJson(200,
        QJsonObject {{QStringLiteral("status"), QStringLiteral("issued")}, {QStringLiteral("number"), number},
            {QStringLiteral("url"),
                QString(baseUrl(ctx) + QStringLiteral("/api/v1/invoices/") + number + QStringLiteral("?code=")
                    + q.value(1).toString())},
            {QStringLiteral("sent_to"),
                QJsonObject {{QStringLiteral("mobile"), q.value(2).toString()},
                    {QStringLiteral("email"), q.value(3).toString()}}},
            {QStringLiteral("issued_at"), q.value(4).toString()},
            {QStringLiteral("amount_fen"), q.value(5).toLongLong()}});
}

void Api::invoicePage(Context& ctx)
{
    const ReadTransaction rt(m_db);
    QSqlQuery q = run(rt.db(),
        QStringLiteral("SELECT i.access_code, i.amount_fen, i.issued_at, a.order_no, a.id FROM invoices i "
                       "JOIN applications a ON a.id = i.application_id WHERE i.number = ?"),
        {ctx.param(0)});
    if (!q.next()
        || !secrets::constantTimeEquals(q.value(0).toString().toLatin1(), ctx.query("code").toLatin1()))
        errors::notFound();
    const auto app = loadApp(rt.db(), q.value(4).toString());
    const QString buyer = app && isInstitution(app->category) ? app->form.organization.name
                                                              : (app ? app->form.applicant.name : QString());
    ctx.sendHtml(200,
        renderTemplate(QStringLiteral("invoice.html"),
            {{QStringLiteral("number"), ctx.param(0)}, {QStringLiteral("order_no"), q.value(3).toString()},
                {QStringLiteral("amount"), formatYuan(q.value(1).toLongLong())},
                {QStringLiteral("issued_at"), q.value(2).toString()}, {QStringLiteral("buyer"), buyer},
                {QStringLiteral("years"), app ? QString::number(app->form.years) : QString()}}));
}

} // namespace certdesk::server
