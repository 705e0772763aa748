// Api: routing table, shared helpers, reference data, lookup and sandbox seeding.
#include "Api.h"

#include "CertificateServices.h"

#include "domain/Privacy.h"
#include "domain/Validators.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <cstdio>

namespace certdesk::server {

Api::Api(Database& database, DocumentStore& documents, const ReferenceData& reference,
    const ServiceOptions& options, const QString& dataDir, bool tls)
    : m_db(database)
    , m_documents(documents)
    , m_reference(reference)
    , m_options(options)
    , m_dataDir(dataDir)
    , m_tls(tls)
    , m_lookupLimiter(database, QStringLiteral("lookup"), options.lookupRateLimit, std::chrono::seconds(60))
    , m_applicationLimiter(
          database, QStringLiteral("applications"), options.applicationsPerHour(), std::chrono::seconds(3600))
    , m_applicationUpdateLimiter(database, QStringLiteral("application-updates"),
          options.applicationUpdatesPerHour(), std::chrono::seconds(3600))
{ }

Api::~Api()
{
    {
        const std::lock_guard lock(m_smsMutex);
        m_stopping = true;
    }
    m_smsWake.notify_all();
    if (m_smsThread.joinable())
        m_smsThread.join();
}

void Api::prepare()
{
    // The providers first: a mistake in their configuration stops the start (exit 2) before anything else.
    m_providers = std::make_unique<providers::Providers>(
        m_options.providers, m_options.sandbox, m_options.publicBaseUrl);
    m_agreement = AgreementDocument::load(m_options);
    if (m_agreement.sample && !m_options.sandbox) {
        const QString notice = QStringLiteral(
            "agreement: serving the built-in SAMPLE service agreement; set [agreement] file and version");
        if (m_options.logSink)
            m_options.logSink(notice);
        else
            std::fprintf(stderr, "%s\n", notice.toUtf8().constData());
    }
    m_sealingKey = secrets::SealingKey::loadOrCreate(m_dataDir + QStringLiteral("/idempotency.key"));
    m_certificates = std::make_unique<CertificateServices>(m_dataDir + QStringLiteral("/ca"));
    QString error;
    QStringList notices;
    if (!m_certificates->init(m_options, m_dataDir, &error, &notices))
        throw std::runtime_error("CA: " + error.toStdString());
    for (const QString& notice : std::as_const(notices)) {
        if (m_options.logSink)
            m_options.logSink(notice);
        else
            std::fprintf(stderr, "%s\n", notice.toUtf8().constData());
    }
    if (m_options.sandbox)
        seedSandbox();
    if (m_providers->smsMode() == providers::Mode::Real || m_providers->payment(QStringLiteral("wechat"))
        || m_providers->payment(QStringLiteral("alipay")))
        m_smsThread = std::thread([this] { providerLoop(); });
}

void Api::registerRoutes(Router& r)
{
    using B = Router::Body;
    const auto bind = [this](void (Api::*handler)(Context&)) {
        return [this, handler](Context& ctx) { (this->*handler)(ctx); };
    };
    r.add("GET", "/api/v1/health", B::None, bind(&Api::health));
    r.add("GET", "/api/v1/health/ready", B::None, bind(&Api::ready));
    r.add("GET", "/api/v1/config", B::None, bind(&Api::config));
    r.add("GET", "/api/v1/banks", B::None, bind(&Api::banks));
    r.add("GET", "/api/v1/agreement", B::None, bind(&Api::agreement));
    r.add("GET", "/api/v1/ca/certificates", B::None, bind(&Api::caCertificates));
    r.add("GET", "/api/v1/ca/crl", B::None, bind(&Api::caCrl));
    r.add("GET", "/api/v1/ca/legacy-crl", B::None, bind(&Api::caLegacyCrl));
    r.add("GET", "/api/v1/ca/legacy-certificate", B::None, bind(&Api::caLegacyCertificate));
    // RFC 6960 Appendix A: outside /api/v1, answers are OCSP responses (never the JSON error).
    r.add("POST", "/ocsp", B::Stream, bind(&Api::ocsp));
    r.add("GET", "/ocsp/{*}", B::None, bind(&Api::ocsp));
    r.add("POST", "/api/v1/certificates/lookup", B::Json, bind(&Api::lookup));
    r.add("POST", "/api/v1/applications", B::Json, bind(&Api::createApplication));
    r.add("GET", "/api/v1/applications/{}", B::None, bind(&Api::getApplication));
    r.add("PUT", "/api/v1/applications/{}", B::Json, bind(&Api::putApplication));
    r.add("POST", "/api/v1/applications/{}/resubmit", B::Json, bind(&Api::resubmit));
    r.add("PUT", "/api/v1/applications/{}/documents/{}", B::Stream, bind(&Api::putDocument));
    r.add("GET", "/api/v1/applications/{}/documents", B::None, bind(&Api::listDocuments));
    r.add("POST", "/api/v1/applications/{}/liveness", B::Json, bind(&Api::startLiveness));
    r.add("GET", "/api/v1/applications/{}/liveness", B::None, bind(&Api::getLiveness));
    r.add("POST", "/api/v1/applications/{}/payments", B::Json, bind(&Api::createPayment));
    r.add("GET", "/api/v1/applications/{}/payments/{}", B::None, bind(&Api::getPayment));
    r.add("GET", "/api/v1/applications/{}/invoice", B::None, bind(&Api::getInvoice));
    r.add("GET", "/api/v1/invoices/{}", B::None, bind(&Api::invoicePage));
    r.add("POST", "/api/v1/applicant/otp", B::Json, bind(&Api::applicantOtp));
    r.add("POST", "/api/v1/applicant/sessions", B::Json, bind(&Api::applicantSignIn));
    r.add("DELETE", "/api/v1/applicant/sessions", B::None, bind(&Api::applicantSignOut));
    r.add("GET", "/api/v1/applicant/applications", B::None, bind(&Api::applicantApplications));
    r.add("POST", "/api/v1/applications/{}/receipt/challenge", B::Json, bind(&Api::receiptChallenge));
    r.add("POST", "/api/v1/applications/{}/receipt", B::Json, bind(&Api::receipt));
    r.add("POST", "/api/v1/staff/sessions", B::Json, bind(&Api::staffLogin));
    r.add("GET", "/api/v1/staff/applications", B::None, bind(&Api::staffList));
    r.add("GET", "/api/v1/staff/applications/{}", B::None, bind(&Api::staffGet));
    r.add("GET", "/api/v1/staff/applications/{}/documents/{}", B::None, bind(&Api::staffDocument));
    r.add("POST", "/api/v1/staff/applications/{}/approve", B::Json, bind(&Api::approve));
    r.add("POST", "/api/v1/staff/applications/{}/reject", B::Json, bind(&Api::reject));
    r.add("POST", "/api/v1/staff/payments/{}/confirm", B::Json, bind(&Api::confirmPayment));
    r.add("POST", "/api/v1/staff/applications/{}/issuance", B::Json, bind(&Api::issue));
    r.add("POST", "/api/v1/staff/applications/{}/issuance/{}/confirm", B::Json, bind(&Api::confirmIssuance));
    r.add("POST", "/api/v1/staff/applications/{}/shipment", B::Json, bind(&Api::ship));
    r.add("POST", "/api/v1/staff/applications/{}/handover", B::Json, bind(&Api::handover));
    // Provider notifications (docs/providers.md): signed by the provider, no bearer token.
    r.add("POST", "/api/v1/notify/liveness", B::Json, bind(&Api::livenessNotification));
    r.add("POST", "/api/v1/notify/{}", B::Json, bind(&Api::paymentNotification));
    if (m_options.sandbox) {
        r.add("GET", "/sandbox", B::None, bind(&Api::sandboxIndex));
        r.add("GET", "/sandbox/liveness/{}", B::None, bind(&Api::sandboxLivenessPage));
        r.add("POST", "/api/v1/sandbox/liveness/{}", B::Json, bind(&Api::sandboxLivenessSubmit));
        r.add("GET", "/sandbox/pay/{}", B::None, bind(&Api::sandboxPayPage));
        r.add("POST", "/api/v1/sandbox/payments/{}/complete", B::Json, bind(&Api::sandboxPayComplete));
        r.add("GET", "/api/v1/sandbox/outbox", B::None, bind(&Api::sandboxOutbox));
        r.add("POST", "/api/v1/sandbox/legacy-certificates", B::Json, bind(&Api::sandboxMintLegacy));
        r.add("GET", "/api/v1/sandbox/legacy-certificates", B::None, bind(&Api::sandboxListLegacy));
    }
}

qint64 Api::bodyLimit(const std::string& method, const std::string& path) const
{
    if (method == "PUT" && path.find("/documents/") != std::string::npos)
        return m_options.maxDocumentBytes;
    if (path == "/ocsp")
        return kMaxOcspRequestBytes;
    return kMaxJsonBytes;
}

// ---------------------------------------------------------------------------------------------------------------
// helpers

QString Api::iso(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODate);
}

QString Api::now()
{
    return iso(QDateTime::currentDateTimeUtc());
}

QDateTime Api::parseTime(const QString& text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    return t.toUTC();
}

QString Api::canonicalSerial(const QString& input)
{
    QString serial = normalizeSerial(input);
    // "00:8A:01" and "8A01" are the same INTEGER (DER adds a zero octet before a set high bit): keep whole
    // octets without leading zero octets, as core/pki's CertificateInfo::serialHex writes them ("0A1B").
    while (serial.size() > 1 && serial.startsWith(QLatin1Char('0')))
        serial.remove(0, 1);
    if (serial.size() % 2 != 0)
        serial.prepend(QLatin1Char('0'));
    return serial;
}

QString Api::baseUrl(const Context& ctx) const
{
    if (!m_options.publicBaseUrl.isEmpty()) {
        QString base = m_options.publicBaseUrl;
        while (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        return base;
    }
    return ctx.baseUrl(m_tls);
}

QString Api::renderTemplate(const QString& name, const QHash<QString, QString>& values) const
{
    QFile file(QStringLiteral(":/certdesk/server/templates/") + name);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("missing template");
    QString html = QString::fromUtf8(file.readAll());
    for (auto it = values.constBegin(); it != values.constEnd(); ++it)
        html.replace(QStringLiteral("{{") + it.key() + QStringLiteral("}}"), it.value().toHtmlEscaped());
    return html;
}

std::optional<Api::LegacyRow> Api::findLegacy(const QSqlDatabase& db, const QString& serial) const
{
    QSqlQuery q = run(db,
        QStringLiteral(
            "SELECT serial, category, holder, credential_number, algorithm, not_before, not_after, "
            "revoked_at, certificate FROM legacy_certificates WHERE serial = ?"),
        {serial});
    if (!q.next())
        return std::nullopt;
    LegacyRow row;
    row.serial = q.value(0).toString();
    row.category = categoryFromApi(q.value(1).toString()).value_or(CertificateCategory::Institution);
    row.holder = q.value(2).toString();
    row.credentialNumber = q.value(3).toString();
    row.algorithm = q.value(4).toString();
    row.notBefore = parseTime(q.value(5).toString());
    row.notAfter = parseTime(q.value(6).toString());
    row.revoked = !q.value(7).isNull() && !q.value(7).toString().isEmpty();
    row.certificate = QByteArray::fromBase64(q.value(8).toString().toLatin1());
    return row;
}

Api::Renewal Api::evaluate(const LegacyRow& legacy, const QDateTime& at) const
{
    Renewal r;
    r.status = legacy.revoked  ? QStringLiteral("revoked")
        : at > legacy.notAfter ? QStringLiteral("expired")
                               : QStringLiteral("valid");
    const QDateTime opens = legacy.notAfter.addDays(-m_reference.daysBeforeExpiry());
    const QDateTime closes = legacy.notAfter.addDays(m_reference.daysAfterExpiry());
    if (legacy.revoked) {
        r.reason = QCoreApplication::translate("certdesk::Server",
            "This certificate has been revoked and cannot be renewed; apply for a new certificate instead.");
    } else if (at < opens) {
        r.reason = QCoreApplication::translate("certdesk::Server",
            "Renewal opens on %1 (%2 days before the certificate expires); come back then.")
                       .arg(opens.toOffsetFromUtc(8 * 3600).date().toString(Qt::ISODate))
                       .arg(m_reference.daysBeforeExpiry());
    } else if (at > closes) {
        r.reason = QCoreApplication::translate("certdesk::Server",
            "The certificate expired more than %1 days ago and can no longer be renewed; apply for a new "
            "certificate instead.")
                       .arg(m_reference.daysAfterExpiry());
    } else {
        r.renewable = true;
    }
    // Early renewal continues from the old expiry; a late one starts at issuance (shown as now).
    r.newValidityStart = at < legacy.notAfter ? legacy.notAfter : at;
    return r;
}

namespace {

// "深圳市星河数字科技有限公司" -> "深圳市**科技有限公司": the place and the company form stay, the
// distinctive middle is hidden, as on the CA's own lookup page.
QString maskOrganization(const QString& name)
{
    const QList<uint> chars = name.trimmed().toUcs4();
    const auto text = [&chars](qsizetype from, qsizetype count) {
        return QString::fromUcs4(reinterpret_cast<const char32_t*>(chars.constData()) + from, count);
    };
    const qsizetype n = chars.size();
    if (n >= 10)
        return text(0, 3) + QStringLiteral("**") + text(n - 6, 6);
    if (n >= 5)
        return text(0, 2) + QStringLiteral("**") + text(n - 2, 2);
    if (n >= 2)
        return text(0, 1) + QStringLiteral("**");
    return QStringLiteral("**");
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------
// reference data

void Api::health(Context& ctx)
{
    ctx.sendJson(200,
        QJsonObject {{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("api_version"), 1},
            {QStringLiteral("sandbox"), m_options.sandbox}});
}

void Api::ready(Context& ctx)
{
    // Readiness for a load balancer or an orchestrator: this instance can serve only while its database
    // answers (liveness, GET /health, says only that the process runs).
    if (!m_db.ping()) {
        ApiError e;
        e.status = 503;
        e.code = QStringLiteral("not_ready");
        e.message = QCoreApplication::translate("certdesk::Server",
            "The service cannot reach its database; try again later or use another counter service.");
        e.headers.append({std::string("Retry-After"), std::string("5")});
        throw e;
    }
    ctx.sendJson(200,
        QJsonObject {{QStringLiteral("status"), QStringLiteral("ready")},
            {QStringLiteral("database"), QStringLiteral("ok")}});
}

void Api::config(Context& ctx)
{
    QJsonObject fees = m_reference.fees();
    ctx.sendJson(200,
        QJsonObject {{QStringLiteral("max_document_bytes"), m_options.maxDocumentBytes},
            {QStringLiteral("accepted_types"), QJsonArray::fromStringList(DocumentStore::acceptedTypes())},
            {QStringLiteral("fees"), fees}, {QStringLiteral("contact"), m_reference.contact()},
            {QStringLiteral("max_document_pixels"), m_reference.maxPixels()},
            {QStringLiteral("renewal_window"),
                QJsonObject {{QStringLiteral("days_before_expiry"), m_reference.daysBeforeExpiry()},
                    {QStringLiteral("days_after_expiry"), m_reference.daysAfterExpiry()}}},
            {QStringLiteral("sandbox"), m_options.sandbox}});
}

void Api::banks(Context& ctx)
{
    bool ok = true;
    int limit = 20;
    if (ctx.hasQuery("limit")) {
        limit = ctx.query("limit").toInt(&ok);
        if (!ok || limit < 1)
            errors::badRequest(
                QCoreApplication::translate("certdesk::Server", "limit must be a positive integer."));
        limit = qMin(limit, 200);
    }
    QJsonArray list;
    for (const ReferenceData::Bank& bank : m_reference.searchBanks(ctx.query("q"), limit))
        list.append(QJsonObject {{QStringLiteral("code"), bank.code}, {QStringLiteral("name"), bank.name}});
    ctx.sendJson(200, list);
}

void Api::agreement(Context& ctx)
{
    ctx.sendJson(200, m_agreement.toJson());
}

// ---------------------------------------------------------------------------------------------------------------
// lookup

void Api::lookup(Context& ctx)
{
    if (const int wait = m_lookupLimiter.acquireOnce(ctx.rateLimitWaits, ctx.clientAddress()))
        errors::rateLimited(wait);
    const QJsonObject body = ctx.jsonObject();
    const QJsonValue value = body.value(QStringLiteral("serial"));
    if (!value.isString() || value.toString().trimmed().isEmpty())
        errors::validationFailed(QStringLiteral("serial"),
            value.isUndefined() || value.isNull() || value.isString() ? QStringLiteral("required")
                                                                      : QStringLiteral("type"),
            QCoreApplication::translate("certdesk::Server", "Enter the certificate serial number."));
    // Text that cannot be a serial is, like a well-formed one nobody issued, an unknown serial: 404.
    const QString serial
        = validators::certificateSerial(value.toString()) ? QString() : canonicalSerial(value.toString());
    const QDateTime at = QDateTime::currentDateTimeUtc();
    const QByteArray challenge = secrets::randomBytes(32);
    const QDateTime challengeExpires = at.addSecs(10 * 60);
    LegacyRow legacy;
    {
        WriteTransaction tx(m_db);
        const auto found = findLegacy(tx.db(), serial);
        if (!found)
            errors::notFound(QCoreApplication::translate("certdesk::Server",
                "No certificate has this serial number. Check the number on the old certificate and try "
                "again."));
        legacy = *found;
        run(tx.db(), QStringLiteral("DELETE FROM challenges WHERE expires_at < ?"), {iso(at.addDays(-1))});
        run(tx.db(), QStringLiteral("DELETE FROM realname_checks WHERE checked_at < ?"),
            {iso(at.addDays(-30))});
        run(tx.db(),
            QStringLiteral(
                "INSERT INTO challenges (challenge, serial, expires_at, client_address) VALUES (?, ?, ?, ?)"),
            {QString::fromLatin1(challenge.toBase64()), serial, iso(challengeExpires), ctx.clientAddress()});
        tx.commit();
    }
    const Renewal renewal = evaluate(legacy, at);
    const QString holder = legacy.category == CertificateCategory::NaturalPerson
        ? maskName(legacy.holder)
        : maskOrganization(legacy.holder);
    ctx.sendJson(200,
        QJsonObject {{QStringLiteral("serial"), legacy.serial},
            {QStringLiteral("category"), categoryToApi(legacy.category)}, {QStringLiteral("holder"), holder},
            {QStringLiteral("algorithm"), legacy.algorithm},
            {QStringLiteral("not_after"), iso(legacy.notAfter)}, {QStringLiteral("status"), renewal.status},
            {QStringLiteral("renewable"), renewal.renewable},
            {QStringLiteral("reason"), renewal.renewable ? QJsonValue() : QJsonValue(renewal.reason)},
            {QStringLiteral("fee_per_year_fen"), m_reference.feePerYearFen(legacy.category)},
            {QStringLiteral("express_fen"), m_reference.expressFen()},
            {QStringLiteral("max_years"), m_reference.maxYears()},
            {QStringLiteral("new_validity_start"), iso(renewal.newValidityStart)},
            {QStringLiteral("challenge"), QString::fromLatin1(challenge.toBase64())},
            {QStringLiteral("challenge_expires_at"), iso(challengeExpires)}});
}

// ---------------------------------------------------------------------------------------------------------------
// idempotency

bool Api::replay(Context& ctx)
{
    const QString key = ctx.header("Idempotency-Key").trimmed();
    if (key.isEmpty())
        return false;
    if (key.size() > 200)
        errors::badRequest(QCoreApplication::translate(
            "certdesk::Server", "The Idempotency-Key is longer than 200 characters."));
    ctx.idempotencyKey = key;
    ctx.idempotencyScope = QString::fromStdString(ctx.request.method + ' ' + ctx.request.path);
    ctx.requestHash = canonicalBodyHash(ctx.body);
    const ConnectionLease lease = m_db.connection();
    QSqlQuery q = run(lease,
        QStringLiteral(
            "SELECT request_hash, status, response FROM idempotency_keys WHERE scope = ? AND idem_key = ?"),
        {ctx.idempotencyScope, key});
    if (!q.next())
        return false;
    if (q.value(0).toString() != ctx.requestHash)
        errors::conflict(QCoreApplication::translate("certdesk::Server",
            "This Idempotency-Key was already used with a different request body; use a new key for a new "
            "request."));
    const int status = q.value(1).toInt();
    const auto plain = m_sealingKey.open(QByteArray::fromBase64(q.value(2).toString().toLatin1()));
    if (!plain)
        throw std::runtime_error("stored idempotent reply does not open");
    ctx.response.set_header("Idempotent-Replayed", "true");
    ctx.sendBytes(status, *plain, "application/json; charset=utf-8");
    ctx.replayed = true;
    return true;
}

void Api::commitAndSend(WriteTransaction& tx, Context& ctx, int status, const QJsonObject& body)
{
    const QByteArray bytes = compactJson(body);
    // Replies are kept for 24 hours (as payment APIs do); a retry comes within minutes.
    const qint64 nowSecs = QDateTime::currentSecsSinceEpoch();
    qint64 last = m_lastIdempotencySweep.load();
    if (nowSecs - last > 3600 && m_lastIdempotencySweep.compare_exchange_strong(last, nowSecs)) {
        run(tx.db(), QStringLiteral("DELETE FROM idempotency_keys WHERE created_at < ?"),
            {iso(QDateTime::currentDateTimeUtc().addDays(-1))});
    }
    if (!ctx.idempotencyKey.isEmpty()) {
        const QVariant existing = scalar(tx.db(),
            QStringLiteral("SELECT status FROM idempotency_keys WHERE scope = ? AND idem_key = ?"),
            {ctx.idempotencyScope, ctx.idempotencyKey});
        if (existing.isValid())
            throw ReplayNeeded {};
        run(tx.db(),
            QStringLiteral(
                "INSERT INTO idempotency_keys (scope, idem_key, request_hash, status, response, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)"),
            {ctx.idempotencyScope, ctx.idempotencyKey, ctx.requestHash, status,
                QString::fromLatin1(m_sealingKey.seal(bytes).toBase64()), now()});
    }
    tx.commit();
    ctx.sendBytes(status, bytes, "application/json; charset=utf-8");
}

// ---------------------------------------------------------------------------------------------------------------
// sandbox seed

void Api::seedSandbox()
{
    const QJsonObject seed = m_reference.sandboxSeed();
    const ConnectionLease db = m_db.connection();
    for (const QJsonValue& v : seed.value(QStringLiteral("staff")).toArray()) {
        const QJsonObject staff = v.toObject();
        const QString username = staff.value(QStringLiteral("username")).toString();
        if (scalar(db, QStringLiteral("SELECT username FROM staff_users WHERE username = ?"), {username})
                .isValid())
            continue;
        const secrets::PasswordHash hash
            = secrets::hashPassword(staff.value(QStringLiteral("password")).toString());
        QStringList roles;
        for (const QJsonValue& role : staff.value(QStringLiteral("roles")).toArray())
            roles.append(role.toString());
        WriteTransaction tx(m_db);
        run(tx.db(),
            QStringLiteral(
                "INSERT INTO staff_users (username, password_hash, salt, iterations, roles, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)"),
            {username, hash.hashHex, hash.saltHex, hash.iterations, roles.join(QLatin1Char(',')), now()});
        tx.commit();
    }
    {
        WriteTransaction tx(m_db);
        for (const QJsonValue& v : seed.value(QStringLiteral("telecom_registry")).toArray()) {
            const QJsonObject entry = v.toObject();
            const QString mobile = entry.value(QStringLiteral("mobile")).toString();
            run(tx.db(), QStringLiteral("DELETE FROM telecom_registry WHERE mobile = ?"), {mobile});
            run(tx.db(), QStringLiteral("INSERT INTO telecom_registry (mobile, id_number) VALUES (?, ?)"),
                {mobile, entry.value(QStringLiteral("id_number")).toString()});
        }
        tx.commit();
    }
    // Legacy certificates: minted once, on the first sandbox start of a data dir; their dates are relative to
    // that day.
    if (!m_certificates->canMintLegacy()
        || scalar(db, QStringLiteral("SELECT COUNT(*) FROM legacy_certificates WHERE seeded = 1")).toInt()
            > 0)
        return;
    const QDateTime at = QDateTime::currentDateTimeUtc();
    for (const QJsonValue& v : seed.value(QStringLiteral("legacy_certificates")).toArray()) {
        const QJsonObject entry = v.toObject();
        const auto category = categoryFromApi(entry.value(QStringLiteral("category")).toString());
        if (!category)
            throw std::runtime_error("bad sandbox seed");
        const QDateTime notAfter = at.addDays(entry.value(QStringLiteral("not_after_days")).toInt());
        const auto minted
            = m_certificates->mintLegacy(*category, entry.value(QStringLiteral("holder")).toString(),
                entry.value(QStringLiteral("credential_number")).toString(), notAfter);
        if (!minted)
            throw std::runtime_error("cannot mint the sandbox legacy certificates");
        WriteTransaction tx(m_db);
        run(tx.db(),
            QStringLiteral(
                "INSERT INTO legacy_certificates (serial, category, holder, credential_number, algorithm, "
                "not_before, not_after, certificate, private_key, seeded, note, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)"),
            {canonicalSerial(minted->serial), categoryToApi(*category),
                entry.value(QStringLiteral("holder")).toString(),
                entry.value(QStringLiteral("credential_number")).toString(), minted->algorithm,
                iso(minted->notBefore), iso(notAfter), QString::fromLatin1(minted->certificate.toBase64()),
                QString::fromLatin1(minted->privateKey.toBase64()),
                entry.value(QStringLiteral("note")).toString(), now()});
        tx.commit();
    }
}

} // namespace certdesk::server
