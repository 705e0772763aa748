// Api: applications (create, read, update, resubmit), their validation and their JSON.
#include "Api.h"
#include "Audit.h"

#include "CertificateServices.h"

#include "domain/RegionModel.h"
#include "domain/Validators.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <cmath>

namespace certdesk::server {

namespace {

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

bool hasField(const FieldErrors& errors, const QString& field)
{
    for (const FieldError& e : errors) {
        if (e.field == field)
            return true;
    }
    return false;
}

// Adds `more` except for fields that already have an error (the first problem of a field is the one to fix).
void merge(FieldErrors& errors, const FieldErrors& more)
{
    for (const FieldError& e : more) {
        if (!hasField(errors, e.field))
            errors.append(e);
    }
}

QJsonValue valueAt(const QJsonObject& root, const QString& path)
{
    const QStringList parts = path.split(QLatin1Char('.'));
    QJsonValue current = root;
    for (const QString& part : parts) {
        if (!current.isObject())
            return QJsonValue(QJsonValue::Undefined);
        current = current.toObject().value(part);
    }
    return current;
}

QDate todayInChina()
{
    // Birth dates and "today" on Chinese ID numbers are China Standard Time (UTC+8, no DST).
    return QDateTime::currentDateTimeUtc().toOffsetFromUtc(8 * 3600).date();
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------
// rows and JSON

namespace {

// The columns of an application row, in the order appRowFrom() reads them.
const QString kAppColumns
    = QStringLiteral("id, order_no, token_hash, serial, category, status, form, fee_per_year_fen, "
                     "certificate_fen, express_fen, total_fen, holder_verified, liveness, liveness_reason, "
                     "payment, rejection, shipment_carrier, shipment_tracking_no, new_validity_start, "
                     "acknowledged_at, created_at, updated_at");
constexpr int kAppColumnCount = 22;

} // namespace

template<typename Rows>
Api::AppRow Api::appRowFrom(const Rows& q)
{
    AppRow row;
    row.id = q.value(0).toString();
    row.orderNo = q.value(1).toString();
    row.tokenHash = q.value(2).toString();
    row.serial = q.value(3).toString();
    row.category = categoryFromApi(q.value(4).toString()).value_or(CertificateCategory::Institution);
    row.status = statusFromApi(q.value(5).toString()).value_or(ApplicationStatus::Draft);
    row.formJson = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
    row.form = Application::fromApiJson(row.formJson);
    row.feePerYear = q.value(7).toLongLong();
    row.fees = Fees {q.value(8).toLongLong(), q.value(9).toLongLong(), q.value(10).toLongLong()};
    row.holderVerified = q.value(11).toInt() != 0;
    row.liveness = livenessFromApi(q.value(12).toString()).value_or(LivenessState::Pending);
    row.livenessReason = q.value(13).toString();
    row.paid = q.value(14).toString() == QLatin1String("paid");
    if (!q.value(15).isNull())
        row.rejection = QJsonDocument::fromJson(q.value(15).toString().toUtf8()).object();
    if (!q.value(16).isNull() && !q.value(16).toString().isEmpty())
        row.shipment = Shipment {q.value(16).toString(), q.value(17).toString()};
    row.newValidityStart = q.value(18).toString();
    row.acknowledgedAt = q.value(19).toString();
    row.createdAt = q.value(20).toString();
    row.updatedAt = q.value(21).toString();
    return row;
}

std::optional<Api::AppRow> Api::loadApp(const QSqlDatabase& db, const QString& id) const
{
    StatementLease q = runCached(db,
        QStringLiteral("SELECT ") + kAppColumns + QStringLiteral(" FROM applications WHERE id = ?"), {id});
    if (!q.next())
        return std::nullopt;
    return appRowFrom(q);
}

std::optional<Api::AppView> Api::loadAppView(const QString& id) const
{
    // The aggregates differ by engine; both keep the timeline in `seq` order. The old certificate's holder
    // comes along for holder_changed.
    static const QString oldHolder = QStringLiteral(
        ", (SELECT holder FROM legacy_certificates WHERE serial = a.serial), (SELECT "
        "credential_number FROM legacy_certificates WHERE serial = a.serial) FROM applications a "
        "WHERE a.id = ?");
    static const QString sqlite = QStringLiteral("SELECT ") + kAppColumns
        + QStringLiteral(
            ", (SELECT group_concat(kind, ',') FROM documents WHERE application_id = a.id), "
            "(SELECT json_group_array(json_array(status, at, note)) FROM (SELECT status, at, note "
            "FROM timeline WHERE application_id = a.id ORDER BY seq))")
        + oldHolder;
    static const QString postgres = QStringLiteral("SELECT ") + kAppColumns
        + QStringLiteral(", (SELECT string_agg(kind, ',') FROM documents WHERE application_id = a.id), "
                         "(SELECT json_agg(json_build_array(status, at, note) ORDER BY seq) FROM timeline "
                         "WHERE application_id = a.id)::text")
        + oldHolder;
    std::optional<AppView> found;
    m_db.read(m_db.isPostgres() ? postgres : sqlite, {id}, [&found](NativeRows& q) {
        if (q.next())
            found = viewFrom(q);
    });
    return found;
}

Api::AppView Api::viewFrom(NativeRows& q)
{
    AppView view {appRowFrom(q), {}};
    const QString kinds = q.value(kAppColumnCount).toString();
    if (!kinds.isEmpty())
        view.extras.documentKinds = kinds.split(QLatin1Char(','));
    const QJsonArray entries
        = QJsonDocument::fromJson(q.value(kAppColumnCount + 1).toString().toUtf8()).array();
    for (const QJsonValue& entry : entries) {
        const QJsonArray e = entry.toArray();
        view.extras.timeline.append(QJsonObject {{QStringLiteral("status"), e.at(0).toString()},
            {QStringLiteral("at"), e.at(1).toString()}, {QStringLiteral("note"), e.at(2).toString()}});
    }
    if (!q.value(kAppColumnCount + 2).isNull())
        view.extras.oldHolder
            = std::pair(q.value(kAppColumnCount + 2).toString(), q.value(kAppColumnCount + 3).toString());
    return view;
}

Api::AppRow Api::authorizeApplicant(const Context& ctx, const QSqlDatabase& db) const
{
    const QString token = ctx.bearerToken();
    if (token.isEmpty())
        errors::unauthorized(QCoreApplication::translate("certdesk::Server",
            "Send the application's access token (Authorization: Bearer ...) with this request."));
    const auto app = loadApp(db, ctx.param(0));
    // Unknown id and wrong token look the same (404), so a token never confirms that another id exists.
    if (!app
        || (!secrets::constantTimeEquals(secrets::tokenHash(token).toLatin1(), app->tokenHash.toLatin1())
            && !belongsTo(*app, applicantMobile(db, token))))
        errors::notFound(QCoreApplication::translate("certdesk::Server", "No such application."));
    return *app;
}

Api::AppRow Api::requireApp(const QSqlDatabase& db, const QString& id) const
{
    const auto app = loadApp(db, id);
    if (!app)
        errors::notFound(QCoreApplication::translate("certdesk::Server", "No such application."));
    return *app;
}

Checklist Api::checklistOf(const QSqlDatabase& db, const AppRow& app) const
{
    QStringList kinds;
    StatementLease q
        = runCached(db, QStringLiteral("SELECT kind FROM documents WHERE application_id = ?"), {app.id});
    while (q.next())
        kinds.append(q.value(0).toString());
    return checklistFrom(app, kinds);
}

Checklist Api::checklistFrom(const AppRow& app, const QStringList& documentKinds)
{
    Checklist c;
    c.formComplete = true; // only valid forms are ever stored
    for (const DocumentKind kind : requiredDocuments(app.category))
        c.documents.insert(kind, DocumentState::Missing);
    for (const QString& name : documentKinds) {
        const auto kind = documentKindFromApi(name);
        if (kind && c.documents.contains(*kind))
            c.documents.insert(*kind, DocumentState::Uploaded);
    }
    c.liveness = app.liveness;
    c.payment = app.paid ? PaymentState::Paid : PaymentState::Unpaid;
    return c;
}

QJsonArray Api::documentsJson(const QSqlDatabase& db, const QString& appId) const
{
    QJsonArray list;
    QSqlQuery q = run(db,
        QStringLiteral(
            "SELECT kind, sha256, size, content_type, uploaded_at FROM documents WHERE application_id = ? "
            "ORDER BY kind"),
        {appId});
    while (q.next()) {
        list.append(QJsonObject {{QStringLiteral("kind"), q.value(0).toString()},
            {QStringLiteral("sha256"), q.value(1).toString()},
            {QStringLiteral("size"), q.value(2).toLongLong()},
            {QStringLiteral("content_type"), q.value(3).toString()},
            {QStringLiteral("uploaded_at"), q.value(4).toString()}});
    }
    return list;
}

QJsonObject Api::applicationJson(
    const QSqlDatabase& db, const AppRow& app, bool staffView, const AppExtras* extras) const
{
    QJsonObject o = app.formJson;
    // Staff and applicant screens show the branch by name (docs/api.md): the bank list's current name for the
    // code, else the name stored with the form when it was checked (the list may have changed since).
    if (o.contains(QStringLiteral("bank"))) {
        QJsonObject bank = o.value(QStringLiteral("bank")).toObject();
        const QString listed
            = m_reference.bankName(bank.value(QStringLiteral("bank_code")).toString().trimmed());
        if (!listed.isEmpty() || !bank.value(QStringLiteral("bank_name")).isString())
            bank.insert(QStringLiteral("bank_name"), listed);
        o.insert(QStringLiteral("bank"), bank);
    }
    QJsonObject ack = o.value(QStringLiteral("acknowledgements")).toObject();
    ack.insert(QStringLiteral("acknowledged_at"), app.acknowledgedAt);
    o.insert(QStringLiteral("acknowledgements"), ack);
    o.insert(QStringLiteral("id"), app.id);
    o.insert(QStringLiteral("order_no"), app.orderNo);
    o.insert(QStringLiteral("status"), statusToApi(app.status));
    o.insert(QStringLiteral("fees"),
        QJsonObject {{QStringLiteral("certificate_fen"), app.fees.certificateFen},
            {QStringLiteral("express_fen"), app.fees.expressFen},
            {QStringLiteral("total_fen"), app.fees.totalFen}});
    o.insert(QStringLiteral("fee_per_year_fen"), app.feePerYear);
    o.insert(QStringLiteral("holder_verified"), app.holderVerified);
    o.insert(QStringLiteral("checklist"),
        (extras ? checklistFrom(app, extras->documentKinds) : checklistOf(db, app)).toJson());
    if (app.status == ApplicationStatus::Rejected && !app.rejection.isEmpty()) {
        o.insert(QStringLiteral("rejection"),
            QJsonObject {{QStringLiteral("reasons"), app.rejection.value(QStringLiteral("reasons"))},
                {QStringLiteral("rejected_at"), app.rejection.value(QStringLiteral("rejected_at"))}});
    } else {
        o.insert(QStringLiteral("rejection"), QJsonValue());
    }
    o.insert(QStringLiteral("shipment"),
        app.shipment ? QJsonValue(QJsonObject {{QStringLiteral("carrier"), app.shipment->carrier},
            {QStringLiteral("tracking_no"), app.shipment->trackingNo}})
                     : QJsonValue());
    QJsonArray timeline;
    if (extras) {
        timeline = extras->timeline;
    } else {
        StatementLease q = runCached(db,
            QStringLiteral("SELECT status, at, note FROM timeline WHERE application_id = ? ORDER BY seq"),
            {app.id});
        while (q.next()) {
            timeline.append(QJsonObject {{QStringLiteral("status"), q.value(0).toString()},
                {QStringLiteral("at"), q.value(1).toString()},
                {QStringLiteral("note"), q.value(2).toString()}});
        }
    }
    o.insert(QStringLiteral("timeline"), timeline);
    // The certificates the counter confirmed on the UKey, so the applicant's CertDesk can check that the
    // UKey that arrived is the one made for this order (additive to API.md; null before issuance).
    if (app.status == ApplicationStatus::Issued || app.status == ApplicationStatus::Shipped
        || app.status == ApplicationStatus::Completed) {
        const QJsonObject issuance = confirmedIssuanceJson(db, app.id);
        o.insert(QStringLiteral("issuance"), issuance.isEmpty() ? QJsonValue() : QJsonValue(issuance));
    } else {
        o.insert(QStringLiteral("issuance"), QJsonValue());
    }
    o.insert(QStringLiteral("new_validity_start"), app.newValidityStart);
    o.insert(QStringLiteral("created_at"), app.createdAt);
    o.insert(QStringLiteral("updated_at"), app.updatedAt);
    if (staffView) {
        o.insert(QStringLiteral("documents"), documentsJson(db, app.id));
        QJsonArray payments;
        QSqlQuery p = run(db,
            QStringLiteral("SELECT id FROM payments WHERE application_id = ? ORDER BY created_at"), {app.id});
        QStringList ids;
        while (p.next())
            ids.append(p.value(0).toString());
        for (const QString& id : ids) {
            if (const auto payment = loadPayment(db, id))
                payments.append(paymentJson(*payment));
        }
        o.insert(QStringLiteral("payments"), payments);
        QJsonArray issuances;
        QSqlQuery i = run(db,
            QStringLiteral(
                "SELECT id, status, signing_serial, encryption_serial, not_before, not_after, created_at, "
                "confirmed_at, token_serial, token_label FROM issuances WHERE application_id = ? "
                "ORDER BY created_at"),
            {app.id});
        while (i.next()) {
            issuances.append(QJsonObject {{QStringLiteral("issuance_id"), i.value(0).toString()},
                {QStringLiteral("status"), i.value(1).toString()},
                {QStringLiteral("signing_serial"), i.value(2).toString()},
                {QStringLiteral("encryption_serial"), i.value(3).toString()},
                {QStringLiteral("not_before"), i.value(4).toString()},
                {QStringLiteral("not_after"), i.value(5).toString()},
                {QStringLiteral("created_at"), i.value(6).toString()},
                {QStringLiteral("confirmed_at"), i.value(7).toString()},
                {QStringLiteral("token_serial"), i.value(8).toString()},
                {QStringLiteral("token_label"), i.value(9).toString()}});
        }
        o.insert(QStringLiteral("issuances"), issuances);
        if (const auto legacy = findLegacy(db, app.serial)) {
            o.insert(QStringLiteral("old_certificate"),
                QJsonObject {{QStringLiteral("serial"), legacy->serial},
                    {QStringLiteral("holder"), legacy->holder},
                    {QStringLiteral("credential_number"), legacy->credentialNumber},
                    {QStringLiteral("not_after"), iso(legacy->notAfter)},
                    {QStringLiteral("revoked"), legacy->revoked}});
        }
    }
    // Addition: whether the holder on the form (name, credential number) differs from the old certificate's.
    // Then approving needs accept_holder_change and the document holder_change_proof: the reviewer's screen
    // shows both holders, the applicant's asks for the document.
    o.insert(QStringLiteral("holder_changed"),
        extras ? extras->oldHolder && holderDiffers(app, extras->oldHolder->first, extras->oldHolder->second)
               : holderChanged(db, app));
    return o;
}

bool Api::holderChanged(const QSqlDatabase& db, const AppRow& app) const
{
    const auto legacy = findLegacy(db, app.serial);
    return legacy && holderDiffers(app, legacy->holder, legacy->credentialNumber);
}

bool Api::holderDiffers(const AppRow& app, const QString& oldHolder, const QString& oldCredentialNumber)
{
    const bool institution = isInstitution(app.category);
    const QString name = institution ? app.form.organization.name : app.form.applicant.name;
    const QString credential
        = institution ? app.form.organization.credentialNumber : app.form.applicant.idNumber;
    // Credential numbers (USCC, citizen ID) compare without case: GB 11643 and GB 32100 check characters are
    // written in either case.
    return oldHolder.trimmed() != name.trimmed()
        || oldCredentialNumber.trimmed().compare(credential.trimmed(), Qt::CaseInsensitive) != 0;
}

QJsonObject Api::storedForm(const Application& app)
{
    QJsonObject form = app.toApiBody();
    form.remove(QStringLiteral("proof"));
    form.remove(QStringLiteral("lookup_challenge"));
    // The branch's name as the bank list gave it when the form was checked: staff still see the branch by
    // name if a later list no longer has the code (server/data/banks.SOURCE.md).
    if (form.contains(QStringLiteral("bank")) && !app.bank.bankName.isEmpty()) {
        QJsonObject bank = form.value(QStringLiteral("bank")).toObject();
        bank.insert(QStringLiteral("bank_name"), app.bank.bankName);
        form.insert(QStringLiteral("bank"), bank);
    }
    return form;
}

void Api::addTimeline(const QSqlDatabase& db, const QString& appId, ApplicationStatus status,
    const QString& note, const QString& actor) const
{
    const int seq = scalar(db,
        QStringLiteral("SELECT COALESCE(MAX(seq), 0) + 1 FROM timeline WHERE application_id = ?"), {appId})
                        .toInt();
    run(db,
        QStringLiteral(
            "INSERT INTO timeline (application_id, seq, status, at, note, actor) VALUES (?, ?, ?, ?, ?, ?)"),
        {appId, seq, statusToApi(status), now(), note, actor});
}

void Api::changeStatus(const QSqlDatabase& db, const QString& appId, ApplicationStatus to,
    const QString& note, const QString& actor) const
{
    run(db, QStringLiteral("UPDATE applications SET status = ?, updated_at = ? WHERE id = ?"),
        {statusToApi(to), now(), appId});
    addTimeline(db, appId, to, note, actor);
    audit::append(db, actor.isEmpty() ? QStringLiteral("system") : actor,
        QStringLiteral("status_") + statusToApi(to), appId);
}

void Api::notify(const QSqlDatabase& db, const QString& appId, const QString& channel, const QString& to,
    const QString& subject, const QString& body) const
{
    if (to.trimmed().isEmpty())
        return;
    const int seq = scalar(db, QStringLiteral("SELECT COALESCE(MAX(seq), 0) + 1 FROM outbox")).toInt();
    run(db,
        QStringLiteral(
            "INSERT INTO outbox (seq, application_id, channel, recipient, subject, body, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {seq, appId, channel, to, subject, body, now()});
    if (channel == QLatin1String("sms") && m_smsThread.joinable())
        m_smsWake.notify_one();
}

// ---------------------------------------------------------------------------------------------------------------
// validation

FieldErrors Api::typeErrors(const QJsonObject& body)
{
    FieldErrors errors;
    const auto wrongType = [&errors](const QString& path) {
        errors.append({path, QStringLiteral("type"),
            QCoreApplication::translate("certdesk::Server", "This value has the wrong type.")});
    };
    const auto absent = [](const QJsonValue& v) { return v.isUndefined() || v.isNull(); };
    const auto text = [&](const QJsonObject& o, const QString& prefix, const char* key, int maxLength) {
        const QJsonValue v = o.value(QLatin1String(key));
        const QString path = prefix + QLatin1String(key);
        if (absent(v))
            return;
        if (!v.isString())
            return wrongType(path);
        if (v.toString().size() > maxLength) {
            errors.append({path, QStringLiteral("length"),
                QCoreApplication::translate("certdesk::Server",
                    "This value is too long (at most %n characters).", nullptr, maxLength)});
        }
    };
    const auto object = [&](const char* key) -> QJsonObject {
        const QJsonValue v = body.value(QLatin1String(key));
        if (absent(v))
            return {};
        if (!v.isObject()) {
            wrongType(QString::fromLatin1(key));
            return {};
        }
        return v.toObject();
    };
    const auto flag = [&](const QJsonObject& o, const QString& prefix, const char* key) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!absent(v) && !v.isBool())
            wrongType(prefix + QLatin1String(key));
    };

    text(body, {}, "serial", 200);
    text(body, {}, "category", 64);
    const QJsonValue category = body.value(QStringLiteral("category"));
    if (category.isString() && !categoryFromApi(category.toString())) {
        errors.append({QStringLiteral("category"), QStringLiteral("invalid"),
            QCoreApplication::translate("certdesk::Server", "Choose one of the certificate kinds.")});
    } else if (absent(category)) {
        errors.append({QStringLiteral("category"), QStringLiteral("required"),
            QCoreApplication::translate("certdesk::Server", "Choose the certificate kind.")});
    }
    const QJsonValue years = body.value(QStringLiteral("years"));
    if (!absent(years)) {
        const double d = years.toDouble();
        if (!years.isDouble() || std::floor(d) != d || d < -1e6 || d > 1e6)
            wrongType(QStringLiteral("years"));
    }
    const QJsonObject ack = object("acknowledgements");
    flag(ack, QStringLiteral("acknowledgements."), "agreement");
    flag(ack, QStringLiteral("acknowledgements."), "old_certificate_revocation");
    text(ack, QStringLiteral("acknowledgements."), "agreement_version", 64);
    const QJsonObject org = object("organization");
    text(org, QStringLiteral("organization."), "name", 200);
    text(org, QStringLiteral("organization."), "credential_number", 64);
    text(org, QStringLiteral("organization."), "address", 500);
    for (const char* person : {"agent", "applicant"}) {
        const QJsonObject p = object(person);
        const QString prefix = QString::fromLatin1(person) + QLatin1Char('.');
        text(p, prefix, "name", 100);
        text(p, prefix, "id_number", 64);
        text(p, prefix, "mobile", 32);
        text(p, prefix, "email", 320);
    }
    const QJsonObject bank = object("bank");
    text(bank, QStringLiteral("bank."), "account_name", 200);
    text(bank, QStringLiteral("bank."), "bank_code", 64);
    text(bank, QStringLiteral("bank."), "bank_name", 200);
    text(bank, QStringLiteral("bank."), "account_number", 64);
    const QJsonObject mailing = object("mailing");
    text(mailing, QStringLiteral("mailing."), "province_code", 16);
    text(mailing, QStringLiteral("mailing."), "city_code", 16);
    text(mailing, QStringLiteral("mailing."), "county_code", 16);
    text(mailing, QStringLiteral("mailing."), "address", 500);
    const QJsonObject invoice = object("invoice");
    text(invoice, QStringLiteral("invoice."), "kind", 32);
    const QJsonValue kind = invoice.value(QStringLiteral("kind"));
    if (kind.isString() && !invoiceKindFromApi(kind.toString())) {
        errors.append({QStringLiteral("invoice.kind"), QStringLiteral("invalid"),
            QCoreApplication::translate("certdesk::Server", "Choose no invoice or an electronic invoice.")});
    }
    // Addition: the challenge of the lookup this application follows (realnameScope()).
    const QJsonValue lookupChallenge = body.value(QStringLiteral("lookup_challenge"));
    if (!absent(lookupChallenge) && (!lookupChallenge.isString() || lookupChallenge.toString().size() > 100))
        wrongType(QStringLiteral("lookup_challenge"));
    const QJsonValue proof = body.value(QStringLiteral("proof"));
    if (!absent(proof)) {
        const QJsonObject p = proof.toObject();
        bool ok = proof.isObject();
        for (const char* key : {"challenge", "certificate", "signature"}) {
            const QJsonValue v = p.value(QLatin1String(key));
            ok = ok && v.isString() && v.toString().size() <= 65536
                && QByteArray::fromBase64Encoding(v.toString().toLatin1()).decodingStatus
                    == QByteArray::Base64DecodingStatus::Ok;
        }
        if (!ok) {
            errors.append({QStringLiteral("proof"), QStringLiteral("invalid"),
                QCoreApplication::translate("certdesk::Server",
                    "The proof of possession is malformed: send challenge, certificate and signature in "
                    "base64.")});
        }
    }
    return errors;
}

bool Api::verifyProof(const QSqlDatabase& db, const Application& app, const LegacyRow& legacy) const
{
    const PossessionProof& p = *app.proof;
    if (p.challenge.size() != 32 || p.certificate.isEmpty() || p.signature.isEmpty())
        return false;
    QSqlQuery q
        = run(db, QStringLiteral("SELECT serial, expires_at, used_at FROM challenges WHERE challenge = ?"),
            {QString::fromLatin1(p.challenge.toBase64())});
    if (!q.next())
        return false;
    if (q.value(0).toString() != legacy.serial
        || parseTime(q.value(1).toString()) < QDateTime::currentDateTimeUtc()
        || !(q.value(2).isNull() || q.value(2).toString().isEmpty()))
        return false;
    // The certificate must be the old certificate itself, not merely one with the same serial.
    if (!legacy.certificate.isEmpty()
            ? p.certificate != legacy.certificate
            : canonicalSerial(CertificateServices::serialOf(p.certificate)) != legacy.serial)
        return false;
    return m_certificates->verifyPossession(p.certificate, p.challenge, p.signature);
}

QString Api::realnameScope(const QSqlDatabase& db, const QString& serial, const QJsonObject& body,
    const QString& clientAddress, const AppRow* application) const
{
    if (application)
        return QStringLiteral("application:") + application->id;
    QString challenge = body.value(QStringLiteral("lookup_challenge")).toString();
    if (challenge.isEmpty())
        challenge
            = body.value(QStringLiteral("proof")).toObject().value(QStringLiteral("challenge")).toString();
    if (!challenge.isEmpty()) {
        // Any lookup of this serial that has not been swept yet (a day after it expired): the form takes
        // longer to fill in than the challenge lives.
        if (scalar(db, QStringLiteral("SELECT challenge FROM challenges WHERE challenge = ? AND serial = ?"),
                {challenge, serial})
                .isValid())
            return QStringLiteral("lookup:") + challenge;
        return {};
    }
    // Each lookup of the serial from this address within the last day brings its own budget: take the one
    // with the most left (lookups themselves are rate-limited).
    QSqlQuery q = run(db,
        QStringLiteral(
            "SELECT c.challenge, (SELECT COUNT(*) FROM realname_checks r WHERE r.scope = 'lookup:' || "
            "c.challenge) AS used FROM challenges c WHERE c.serial = ? AND c.client_address = ? AND "
            "c.expires_at > ? ORDER BY used, c.expires_at DESC"),
        {serial, clientAddress, iso(QDateTime::currentDateTimeUtc().addDays(-1))});
    return q.next() ? QStringLiteral("lookup:") + q.value(0).toString() : QString();
}

bool Api::spendRealnameCheck(const QString& scope, const QString& mobile, const QString& idNumber) const
{
    // Hashed: the table says how many pairs were tried, never which.
    const QString pair = QString::fromLatin1(QCryptographicHash::hash(
        (mobile.trimmed() + QLatin1Char('\n') + idNumber.trimmed().toUpper()).toUtf8(),
        QCryptographicHash::Sha256)
                                                 .toHex());
    WriteTransaction tx(m_db);
    if (scalar(tx.db(),
            QStringLiteral("SELECT pair_hash FROM realname_checks WHERE scope = ? AND pair_hash = ?"),
            {scope, pair})
            .isValid())
        return true;
    if (scalar(tx.db(), QStringLiteral("SELECT COUNT(*) FROM realname_checks WHERE scope = ?"), {scope})
            .toInt()
        >= kRealnamePairs)
        return false;
    run(tx.db(),
        QStringLiteral("INSERT INTO realname_checks (scope, pair_hash, checked_at) VALUES (?, ?, ?)"),
        {scope, pair, now()});
    tx.commit();
    return true;
}

Api::Validated Api::validateBody(const QSqlDatabase& db, const QJsonObject& body,
    const QString& clientAddress, const AppRow* application) const
{
    FieldErrors errors = typeErrors(body);
    Validated v;
    v.app = Application::fromApiJson(body);
    const QString rawSerial = v.app.serial;
    int maxYears = m_reference.maxYears();

    const auto serialProblem = validators::certificateSerial(rawSerial);
    if (!serialProblem && !hasField(errors, QStringLiteral("serial"))) {
        const auto legacy = findLegacy(db, canonicalSerial(rawSerial));
        if (!legacy) {
            errors.append({QStringLiteral("serial"), QStringLiteral("unknown"),
                QCoreApplication::translate("certdesk::Server",
                    "No certificate has this serial number. Check the number on the old certificate.")});
        } else {
            v.legacy = *legacy;
            v.renewal = evaluate(*legacy, QDateTime::currentDateTimeUtc());
            if (!v.renewal.renewable)
                errors::notRenewable(v.renewal.reason);
            if (!hasField(errors, QStringLiteral("category")) && v.app.category != legacy->category) {
                errors.append({QStringLiteral("category"), QStringLiteral("mismatch"),
                    QCoreApplication::translate("certdesk::Server",
                        "The old certificate is of another kind; choose the kind shown by the lookup.")});
            }
        }
    }
    merge(errors, validators::validateApplication(v.app, RegionModel::builtin(), maxYears, todayInChina()));
    // The agreement accepted must be the one served now, or the one this application was accepted under
    // before the CA published a new version (a fix after a rejection need not accept again).
    const QString agreementVersion = v.app.acknowledgements.agreementVersion;
    if (!agreementVersion.isEmpty() && !hasField(errors, QStringLiteral("acknowledgements.agreement_version"))
        && agreementVersion != m_agreement.version
        && !(application && application->form.acknowledgements.agreementVersion == agreementVersion)) {
        errors.append({QStringLiteral("acknowledgements.agreement_version"), QStringLiteral("outdated"),
            QCoreApplication::translate("certdesk::Server",
                "The service agreement has a new version. Read it and accept it again.")});
    }
    v.app.serial = canonicalSerial(rawSerial);

    // Telecom real-name check: the mobile must be registered to the ID number of the same person.
    const bool institution = isInstitution(v.app.category);
    const QString prefix = institution ? QStringLiteral("agent.") : QStringLiteral("applicant.");
    const Person& person = v.app.responsiblePerson();
    const bool unchanged = application
        && application->form.responsiblePerson().mobile.trimmed() == person.mobile.trimmed()
        && application->form.responsiblePerson().idNumber.trimmed().compare(
               person.idNumber.trimmed(), Qt::CaseInsensitive)
            == 0;
    bool mayCheck = !hasField(errors, prefix + QStringLiteral("mobile"))
        && !hasField(errors, prefix + QStringLiteral("id_number")) && !v.legacy.serial.isEmpty();
    if (mayCheck && !unchanged) {
        const QString scope = realnameScope(db, v.legacy.serial, body, clientAddress, application);
        if (scope.isEmpty()) {
            mayCheck = false;
            errors.append({QStringLiteral("serial"), QStringLiteral("lookup_required"),
                QCoreApplication::translate("certdesk::Server",
                    "Look the certificate up first: the application is checked against the certificate this "
                    "device looked up.")});
        } else if (!spendRealnameCheck(scope, person.mobile, person.idNumber)) {
            mayCheck = false;
            errors.append({prefix + QStringLiteral("mobile"), QStringLiteral("realname_attempts"),
                QCoreApplication::translate("certdesk::Server",
                    "Too many different mobile and ID numbers were tried for this certificate. Look the "
                    "certificate up again, or ask the CA's counter for help.")});
        }
    }
    // The real provider when one is configured (docs/providers.md), else the sandbox's registry; either way
    // only under a lookup of the certificate (no free "whose mobile is this" answers).
    if (mayCheck && m_providers->realNameMode() == providers::Mode::Real) {
        switch (m_providers->checkRealName(
            person.name.trimmed(), person.idNumber.trimmed(), person.mobile.trimmed())) {
        case providers::RealNameResult::Match:
            break;
        case providers::RealNameResult::Mismatch:
            errors.append({prefix + QStringLiteral("mobile"), QStringLiteral("realname_mismatch"),
                QCoreApplication::translate("certdesk::Server",
                    "This mobile number is not registered to this ID number with the telecom operator. Check "
                    "the "
                    "real-name details in the operator's app, or use a number registered to this person.")});
            break;
        case providers::RealNameResult::Unavailable: {
            ApiError e;
            e.status = 503;
            e.code = QStringLiteral("provider_unavailable");
            e.message = QCoreApplication::translate("certdesk::Server",
                "The telecom real-name check cannot be reached at the moment; nothing was saved. Wait a "
                "minute "
                "and submit again.");
            e.headers.append(std::pair<std::string, std::string>("Retry-After", "60"));
            throw e;
        }
        }
    } else if (mayCheck) {
        const QVariant registered
            = scalar(db, QStringLiteral("SELECT id_number FROM telecom_registry WHERE mobile = ?"),
                {person.mobile.trimmed()});
        if (registered.isValid()
            && registered.toString().compare(person.idNumber.trimmed(), Qt::CaseInsensitive) != 0) {
            errors.append({prefix + QStringLiteral("mobile"), QStringLiteral("realname_mismatch"),
                QCoreApplication::translate("certdesk::Server",
                    "This mobile number is not registered to this ID number with the telecom operator. Check "
                    "the "
                    "real-name details in the operator's app, or use a number registered to this person.")});
        }
    }
    if (institution && !hasField(errors, QStringLiteral("bank.bank_code"))
        && m_reference.bankName(v.app.bank.bankCode.trimmed()).isEmpty()) {
        errors.append({QStringLiteral("bank.bank_code"), QStringLiteral("unknown"),
            QCoreApplication::translate("certdesk::Server",
                "Unknown bank branch: type a keyword such as the bank's name and pick the branch from the "
                "list.")});
    }
    if (v.app.proof && !hasField(errors, QStringLiteral("proof")) && !v.legacy.serial.isEmpty()) {
        v.proofGiven = true;
        if (verifyProof(db, v.app, v.legacy)) {
            v.holderVerified = true;
            v.proofChallenge = QString::fromLatin1(v.app.proof->challenge.toBase64());
        } else {
            errors.append({QStringLiteral("proof"), QStringLiteral("invalid"),
                QCoreApplication::translate("certdesk::Server",
                    "The old certificate's signature does not prove possession: look the certificate up "
                    "again and "
                    "sign the new challenge with the old UKey.")});
        }
    }
    if (!errors.isEmpty())
        errors::validationFailed(errors);
    if (institution)
        v.app.bank.bankName = m_reference.bankName(v.app.bank.bankCode.trimmed());
    return v;
}

// ---------------------------------------------------------------------------------------------------------------
// handlers

void Api::createApplication(Context& ctx)
{
    const QJsonObject body = ctx.jsonObject();
    if (replay(ctx))
        return;
    // Counted before validation: a refused body counts too, or the checks (the telecom real-name one above
    // all) would answer without limit.
    if (const int wait = m_applicationLimiter.acquireOnce(ctx.rateLimitWaits, ctx.clientAddress()))
        errors::rateLimited(wait);
    const Validated v = validateBody(m_db.connection(), body, ctx.clientAddress());
    const Application& app = v.app;
    const Fen feePerYear = m_reference.feePerYearFen(app.category);
    const Fees fees = computeFees(feePerYear, app.years, m_reference.expressFen());
    const QString id = secrets::randomHex(16);
    const QString token = secrets::newToken();
    const QString createdAt = now();
    const QString day = QDateTime::currentDateTimeUtc().toOffsetFromUtc(8 * 3600).date().toString(
        QStringLiteral("yyyyMMdd"));

    WriteTransaction tx(m_db);
    if (!v.proofChallenge.isEmpty()) {
        // One challenge proves possession once.
        run(tx.db(),
            QStringLiteral("UPDATE challenges SET used_at = ? WHERE challenge = ? AND used_at IS NULL"),
            {createdAt, v.proofChallenge});
        const QVariant usedAt = scalar(tx.db(),
            QStringLiteral("SELECT used_at FROM challenges WHERE challenge = ?"), {v.proofChallenge});
        if (usedAt.toString() != createdAt)
            errors::validationFailed(QStringLiteral("proof"), QStringLiteral("invalid"),
                QCoreApplication::translate(
                    "certdesk::Server", "This challenge was already used; look the certificate up again."));
    }
    // The day's order numbers come from a counter row updated in this transaction: the database serialises
    // instances that create applications at once (the row lock), and the UNIQUE order_no stands behind it.
    // A day's counter starts from the applications already numbered that day (a store from before the
    // counter).
    const QString counter = QStringLiteral("order:") + day;
    run(tx.db(),
        QStringLiteral(
            "INSERT INTO counters (name, value) SELECT CAST(? AS VARCHAR(100)), COUNT(*) FROM applications "
            "WHERE order_no LIKE ? ON CONFLICT (name) DO NOTHING"),
        {counter, QString(QStringLiteral("CD") + day + QLatin1Char('%'))});
    run(tx.db(), QStringLiteral("UPDATE counters SET value = value + 1 WHERE name = ?"), {counter});
    const int sequence
        = scalar(tx.db(), QStringLiteral("SELECT value FROM counters WHERE name = ?"), {counter}).toInt();
    const QString orderNo
        = QStringLiteral("CD") + day + QStringLiteral("%1").arg(sequence, 6, 10, QLatin1Char('0'));
    run(tx.db(),
        QStringLiteral(
            "INSERT INTO applications (id, order_no, token_hash, serial, category, status, form, "
            "fee_per_year_fen, certificate_fen, express_fen, total_fen, holder_verified, liveness, payment, "
            "new_validity_start, acknowledged_at, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {id, orderNo, secrets::tokenHash(token), app.serial, categoryToApi(app.category),
            statusToApi(ApplicationStatus::Draft), QString::fromUtf8(compactJson(storedForm(app))),
            feePerYear, fees.certificateFen, fees.expressFen, fees.totalFen, v.holderVerified ? 1 : 0,
            livenessToApi(LivenessState::Pending), QStringLiteral("unpaid"), iso(v.renewal.newValidityStart),
            createdAt, createdAt, createdAt});
    addTimeline(tx.db(), id, ApplicationStatus::Draft,
        QCoreApplication::translate("certdesk::Server", "Application created"), QStringLiteral("applicant"));
    AppRow row;
    row.id = id;
    row.category = app.category;
    const Checklist checklist = checklistOf(tx.db(), row);
    const QJsonObject reply {{QStringLiteral("id"), id}, {QStringLiteral("order_no"), orderNo},
        {QStringLiteral("access_token"), token},
        {QStringLiteral("status"), statusToApi(ApplicationStatus::Draft)},
        {QStringLiteral("fees"),
            QJsonObject {{QStringLiteral("certificate_fen"), fees.certificateFen},
                {QStringLiteral("express_fen"), fees.expressFen},
                {QStringLiteral("total_fen"), fees.totalFen}}},
        {QStringLiteral("holder_verified"), v.holderVerified},
        {QStringLiteral("checklist"), checklist.toJson()}};
    commitAndSend(tx, ctx, 201, reply);
}

void Api::getApplication(Context& ctx)
{
    // The common case in one statement: opened by its own access token, not yet issued (an issued
    // application adds its confirmed issuance, a centre session checks the mobile: both read more, in one
    // read transaction below).
    const QString token = ctx.bearerToken();
    std::optional<AppView> view;
    if (!token.isEmpty())
        view = loadAppView(ctx.param(0));
    if (view
        && secrets::constantTimeEquals(secrets::tokenHash(token).toLatin1(), view->row.tokenHash.toLatin1())
        && view->row.status != ApplicationStatus::Issued && view->row.status != ApplicationStatus::Shipped
        && view->row.status != ApplicationStatus::Completed) {
        // No database: with its extras, an application not yet issued is answered from the view alone.
        ctx.sendJson(200, applicationJson(QSqlDatabase(), view->row, false, &view->extras));
        return;
    }
    const ReadTransaction rt(m_db);
    const AppRow app = authorizeApplicant(ctx, rt.db());
    ctx.sendJson(200, applicationJson(rt.db(), app, false));
}

void Api::putApplication(Context& ctx)
{
    const QJsonObject body = ctx.jsonObject();
    // Counted before anything else, like POST: a refused change counts too, or the checks behind it (the
    // telecom real-name check above all) would answer without limit.
    if (const int wait = m_applicationUpdateLimiter.acquireOnce(ctx.rateLimitWaits, ctx.clientAddress()))
        errors::rateLimited(wait);
    const AppRow current = authorizeApplicant(ctx, m_db.connection());
    if (!isEditable(current.status))
        errors::conflict(QCoreApplication::translate("certdesk::Server",
            "The application can be changed only while it is a draft or after it was rejected."));
    Validated v;
    try {
        v = validateBody(m_db.connection(), body, ctx.clientAddress(), &current);
    } catch (ApiError& e) {
        // Add the fields that may not change to the same 422, so the client sees every problem at once.
        if (e.code == QLatin1String("validation_failed")) {
            if (canonicalSerial(str(body, "serial")) != current.serial
                && !hasField(e.fields, QStringLiteral("serial")))
                e.fields.append({QStringLiteral("serial"), QStringLiteral("immutable"),
                    QCoreApplication::translate("certdesk::Server",
                        "The old certificate of an application cannot change; start a new application "
                        "instead.")});
        }
        throw;
    }
    FieldErrors fixed;
    if (v.app.serial != current.serial) {
        fixed.append({QStringLiteral("serial"), QStringLiteral("immutable"),
            QCoreApplication::translate("certdesk::Server",
                "The old certificate of an application cannot change; start a new application instead.")});
    }
    if (current.paid && v.app.years != current.form.years) {
        fixed.append({QStringLiteral("years"), QStringLiteral("immutable"),
            QCoreApplication::translate(
                "certdesk::Server", "The years were paid for and cannot change any more.")});
    }
    if (!fixed.isEmpty())
        errors::validationFailed(fixed);

    WriteTransaction tx(m_db);
    const AppRow app = requireApp(tx.db(), current.id);
    if (!isEditable(app.status))
        errors::conflict(QCoreApplication::translate("certdesk::Server",
            "The application can be changed only while it is a draft or after it was rejected."));
    const Fen feePerYear = app.paid ? app.feePerYear : m_reference.feePerYearFen(v.app.category);
    const Fees fees = app.paid ? app.fees : computeFees(feePerYear, v.app.years, m_reference.expressFen());
    // Liveness proves a person: if the person changes, it must be done again.
    const Person& before = app.form.responsiblePerson();
    const Person& after = v.app.responsiblePerson();
    const bool personChanged = before.name.trimmed() != after.name.trimmed()
        || before.idNumber.trimmed().compare(after.idNumber.trimmed(), Qt::CaseInsensitive) != 0;
    const LivenessState liveness = personChanged ? LivenessState::Pending : app.liveness;
    const bool holderVerified = v.proofGiven ? v.holderVerified : app.holderVerified;
    if (!v.proofChallenge.isEmpty())
        run(tx.db(), QStringLiteral("UPDATE challenges SET used_at = ? WHERE challenge = ?"),
            {now(), v.proofChallenge});
    run(tx.db(),
        QStringLiteral(
            "UPDATE applications SET form = ?, fee_per_year_fen = ?, certificate_fen = ?, express_fen = ?, "
            "total_fen = ?, holder_verified = ?, liveness = ?, liveness_reason = ?, updated_at = ? WHERE id "
            "= ?"),
        {QString::fromUtf8(compactJson(storedForm(v.app))), feePerYear, fees.certificateFen, fees.expressFen,
            fees.totalFen, holderVerified ? 1 : 0, livenessToApi(liveness),
            personChanged ? QVariant(QMetaType(QMetaType::QString)) : QVariant(app.livenessReason), now(),
            app.id});
    const AppRow updated = requireApp(tx.db(), app.id);
    const QJsonObject reply = applicationJson(tx.db(), updated, false);
    tx.commit();
    ctx.sendJson(200, reply);
}

void Api::resubmit(Context& ctx)
{
    WriteTransaction tx(m_db);
    const AppRow app = authorizeApplicant(ctx, tx.db());
    if (app.status != ApplicationStatus::Rejected)
        errors::conflict(QCoreApplication::translate(
            "certdesk::Server", "Only a rejected application can be resubmitted."));
    const QJsonObject snapshot = app.rejection.value(QStringLiteral("snapshot")).toObject();
    const QJsonObject oldForm = snapshot.value(QStringLiteral("form")).toObject();
    const QJsonObject oldDocuments = snapshot.value(QStringLiteral("documents")).toObject();
    QHash<QString, QString> currentDocuments;
    {
        QSqlQuery q = run(
            tx.db(), QStringLiteral("SELECT kind, sha256 FROM documents WHERE application_id = ?"), {app.id});
        while (q.next())
            currentDocuments.insert(q.value(0).toString(), q.value(1).toString());
    }
    QStringList unchanged;
    for (const QJsonValue& value : app.rejection.value(QStringLiteral("reasons")).toArray()) {
        const QString target = value.toObject().value(QStringLiteral("target")).toString();
        if (target.startsWith(QLatin1String("field:"))) {
            const QString path = target.mid(6);
            if (valueAt(oldForm, path) == valueAt(app.formJson, path))
                unchanged.append(target);
        } else if (target.startsWith(QLatin1String("document:"))) {
            const QString kind = target.mid(9);
            if (oldDocuments.value(kind).toString() == currentDocuments.value(kind))
                unchanged.append(target);
        }
    }
    if (!unchanged.isEmpty())
        errors::conflict(QCoreApplication::translate(
            "certdesk::Server", "Fix what the reviewer pointed out before resubmitting; unchanged: %1")
                             .arg(unchanged.join(QStringLiteral(", "))));
    const Checklist checklist = checklistOf(tx.db(), app);
    if (!checklist.allDocumentsUploaded() || checklist.liveness != LivenessState::Passed)
        errors::conflict(QCoreApplication::translate("certdesk::Server",
            "Upload every required document and pass the liveness check before resubmitting."));
    changeStatus(tx.db(), app.id, ApplicationStatus::InReview,
        QCoreApplication::translate("certdesk::Server", "Resubmitted after correction"),
        QStringLiteral("applicant"));
    const AppRow updated = requireApp(tx.db(), app.id);
    const QJsonObject reply = applicationJson(tx.db(), updated, false);
    tx.commit();
    ctx.sendJson(200, reply);
}

} // namespace certdesk::server
