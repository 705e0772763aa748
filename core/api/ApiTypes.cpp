#include "api/ApiTypes.h"

#include <QJsonArray>
#include <QJsonParseError>
#include <QRegularExpression>

namespace certdesk::api {

namespace {

// Reads one JSON object and remembers the first field that is missing or has the wrong type, so that a parser
// reads every field it needs and checks once at the end. The field name (never its value) goes into the
// error.
class Reader
{
public:
    explicit Reader(const QJsonObject& json, QString prefix = {})
        : m_json(json)
        , m_prefix(std::move(prefix))
    { }

    QString string(const char* key, bool required = true)
    {
        const QJsonValue value = m_json.value(QLatin1String(key));
        if (value.isString())
            return value.toString();
        if (required || !(value.isUndefined() || value.isNull()))
            fail(key);
        return {};
    }

    qint64 integer(const char* key, bool required = true)
    {
        const QJsonValue value = m_json.value(QLatin1String(key));
        if (value.isDouble()) {
            const double d = value.toDouble();
            // JSON numbers are doubles: refuse fractions and values beyond 2^53 rather than round them.
            if (d == static_cast<double>(static_cast<qint64>(d)) && d >= -9007199254740992.0
                && d <= 9007199254740992.0)
                return static_cast<qint64>(d);
        }
        if (required || !(value.isUndefined() || value.isNull()))
            fail(key);
        return 0;
    }

    bool boolean(const char* key, bool required = true)
    {
        const QJsonValue value = m_json.value(QLatin1String(key));
        if (value.isBool())
            return value.toBool();
        if (required || !(value.isUndefined() || value.isNull()))
            fail(key);
        return false;
    }

    QDateTime time(const char* key, bool required = true)
    {
        const QString text = string(key, required);
        if (text.isEmpty())
            return {};
        const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!t.isValid()) {
            fail(key);
            return {};
        }
        return t.toUTC();
    }

    QByteArray base64(const char* key, bool required = true)
    {
        const QJsonValue value = m_json.value(QLatin1String(key));
        if (!value.isString()) {
            if (required || !(value.isUndefined() || value.isNull()))
                fail(key);
            return {};
        }
        return decode(value.toString(), key);
    }

    QByteArray decode(const QString& text, const char* key)
    {
        auto decoded
            = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || (decoded.decoded.isEmpty() && !text.isEmpty())) {
            fail(key);
            return {};
        }
        return std::move(decoded.decoded);
    }

    QJsonObject object(const char* key, bool required = true)
    {
        const QJsonValue value = m_json.value(QLatin1String(key));
        if (value.isObject())
            return value.toObject();
        if (required || !(value.isUndefined() || value.isNull()))
            fail(key);
        return {};
    }

    QJsonArray array(const char* key, bool required = true)
    {
        const QJsonValue value = m_json.value(QLatin1String(key));
        if (value.isArray())
            return value.toArray();
        if (required || !(value.isUndefined() || value.isNull()))
            fail(key);
        return {};
    }

    bool has(const char* key) const
    {
        const QJsonValue value = m_json.value(QLatin1String(key));
        return !value.isUndefined() && !value.isNull();
    }

    void fail(const char* key)
    {
        if (m_problem.isEmpty())
            m_problem = m_prefix + QLatin1String(key);
    }

    [[nodiscard]] bool ok() const { return m_problem.isEmpty(); }
    [[nodiscard]] ApiError error() const
    {
        return ApiError::make(
            ApiError::Kind::Parse, QStringLiteral("missing or invalid field: ") + m_problem);
    }

private:
    QJsonObject m_json;
    QString m_prefix;
    QString m_problem;
};

ApiError parseError(const QString& detail)
{
    return ApiError::make(ApiError::Kind::Parse, detail);
}

template<class T, class F>
ApiResult<QList<T>> parseList(
    const QByteArray& body, std::initializer_list<const char*> wrappers, F parseItem)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return parseError(
            QStringLiteral("JSON error at offset %1: %2").arg(error.offset).arg(error.errorString()));
    QJsonArray items;
    if (doc.isArray()) {
        items = doc.array();
    } else {
        bool found = false;
        for (const char* key : wrappers) {
            const QJsonValue value = doc.object().value(QLatin1String(key));
            if (value.isArray()) {
                items = value.toArray();
                found = true;
                break;
            }
        }
        if (!found)
            return parseError(QStringLiteral("expected a JSON array"));
    }
    QList<T> list;
    list.reserve(items.size());
    for (const QJsonValue& value : items) {
        if (!value.isObject())
            return parseError(QStringLiteral("list item is not an object"));
        ApiResult<T> item = parseItem(value.toObject());
        if (!item.ok())
            return item.error();
        list.append(std::move(item).value());
    }
    return list;
}

} // namespace

QString paymentMethodToApi(PaymentMethod method)
{
    switch (method) {
    case PaymentMethod::WeChat:
        return QStringLiteral("wechat");
    case PaymentMethod::Alipay:
        return QStringLiteral("alipay");
    case PaymentMethod::CorporateTransfer:
        return QStringLiteral("corporate_transfer");
    }
    return {};
}

std::optional<PaymentMethod> paymentMethodFromApi(const QString& value)
{
    for (auto method : {PaymentMethod::WeChat, PaymentMethod::Alipay, PaymentMethod::CorporateTransfer}) {
        if (paymentMethodToApi(method) == value)
            return method;
    }
    return std::nullopt;
}

std::optional<PaymentStatus> paymentStatusFromApi(const QString& value)
{
    if (value == QLatin1String("pending"))
        return PaymentStatus::Pending;
    if (value == QLatin1String("paid"))
        return PaymentStatus::Paid;
    if (value == QLatin1String("expired"))
        return PaymentStatus::Expired;
    return std::nullopt;
}

ApiResult<QJsonObject> parseObject(const QByteArray& body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return parseError(
            QStringLiteral("JSON error at offset %1: %2").arg(error.offset).arg(error.errorString()));
    if (!doc.isObject())
        return parseError(QStringLiteral("expected a JSON object"));
    return doc.object();
}

ApiResult<QJsonArray> parseArray(const QByteArray& body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return parseError(
            QStringLiteral("JSON error at offset %1: %2").arg(error.offset).arg(error.errorString()));
    if (!doc.isArray())
        return parseError(QStringLiteral("expected a JSON array"));
    return doc.array();
}

ApiResult<Health> parseHealth(const QJsonObject& json)
{
    Reader r(json);
    Health health;
    health.status = r.string("status");
    health.apiVersion = static_cast<int>(r.integer("api_version"));
    health.sandbox = r.boolean("sandbox", false);
    if (!r.ok())
        return r.error();
    return health;
}

ApiResult<OldCertificateInfo> parseOldCertificate(const QJsonObject& json)
{
    Reader r(json);
    r.string("serial");
    if (!categoryFromApi(r.string("category")))
        r.fail("category");
    r.boolean("renewable");
    r.string("reason", false);
    r.integer("fee_per_year_fen", false);
    r.integer("express_fen", false);
    r.integer("max_years", false);
    r.time("not_after", false);
    r.time("new_validity_start", false);
    r.time("challenge_expires_at", false);
    r.base64("challenge", false);
    if (!r.ok())
        return r.error();
    return OldCertificateInfo::fromJson(json);
}

ApiResult<CreatedApplication> parseCreatedApplication(const QJsonObject& json)
{
    Reader r(json);
    CreatedApplication created;
    created.id = r.string("id");
    created.orderNo = r.string("order_no", false);
    created.accessToken = r.string("access_token");
    const auto status = statusFromApi(r.string("status"));
    if (!status)
        r.fail("status");
    created.status = status.value_or(ApplicationStatus::Draft);
    Reader fees(r.object("fees", false), QStringLiteral("fees."));
    created.fees.certificateFen = fees.integer("certificate_fen", false);
    created.fees.expressFen = fees.integer("express_fen", false);
    created.fees.totalFen = fees.integer("total_fen", false);
    created.holderVerified = r.boolean("holder_verified", false);
    created.checklist = Checklist::fromJson(r.object("checklist", false));
    if (!r.ok())
        return r.error();
    if (!fees.ok())
        return fees.error();
    if (created.id.isEmpty() || created.accessToken.isEmpty())
        return parseError(QStringLiteral("empty id or access_token"));
    return created;
}

ApiResult<Application> parseApplication(const QJsonObject& json)
{
    Reader r(json);
    r.string("id");
    if (!statusFromApi(r.string("status")))
        r.fail("status");
    r.object("checklist", false);
    r.object("rejection", false);
    r.object("shipment", false);
    r.array("timeline", false);
    if (!r.ok())
        return r.error();
    return Application::fromApiJson(json);
}

ApiResult<QList<ApplicationSummary>> parseApplicationSummaries(const QByteArray& body)
{
    return parseList<ApplicationSummary>(
        body, {"applications", "items"}, [](const QJsonObject& json) -> ApiResult<ApplicationSummary> {
            Reader r(json);
            ApplicationSummary summary;
            summary.id = r.string("id");
            const auto status = statusFromApi(r.string("status"));
            if (!status)
                r.fail("status");
            summary.status = status.value_or(ApplicationStatus::Draft);
            const auto category = categoryFromApi(r.string("category", false));
            if (r.has("category") && !category)
                r.fail("category");
            summary.category = category.value_or(CertificateCategory::Institution);
            summary.orderNo = r.string("order_no", false);
            summary.holder = r.string("holder", false);
            summary.serial = r.string("serial", false);
            summary.years = static_cast<int>(r.integer("years", false));
            summary.totalFen = r.integer("total_fen", false);
            summary.createdAt = r.time("created_at", false);
            summary.updatedAt = r.time("updated_at", false);
            summary.mobile = r.string("mobile", false);
            if (!r.ok())
                return r.error();
            return summary;
        });
}

ApiResult<StaffApplicationView> parseStaffApplication(const QJsonObject& json)
{
    ApiResult<Application> application = parseApplication(json);
    if (!application.ok())
        return application.error();
    StaffApplicationView view;
    view.application = std::move(application).value();
    const QJsonObject old = json.value(QStringLiteral("old_certificate")).toObject();
    view.oldHolder = old.value(QStringLiteral("holder")).toString();
    view.oldCredentialNumber = old.value(QStringLiteral("credential_number")).toString();
    view.holderChanged = json.value(QStringLiteral("holder_changed")).toBool();
    Reader r(json);
    for (const QJsonValue& value : r.array("documents", false)) {
        ApiResult<StoredDocument> document = parseStoredDocument(value.toObject());
        if (!document.ok())
            return document.error();
        view.documents.append(document.value());
    }
    for (const QJsonValue& value : r.array("payments", false)) {
        Reader p(value.toObject(), QStringLiteral("payments[]."));
        PaymentRecord payment;
        payment.paymentId = p.string("payment_id");
        payment.orderNo = p.string("order_no", false);
        payment.method = paymentMethodFromApi(p.string("method", false));
        payment.amountFen = p.integer("amount_fen", false);
        const auto status = paymentStatusFromApi(p.string("status"));
        if (!status)
            p.fail("status");
        payment.status = status.value_or(PaymentStatus::Pending);
        payment.expiresAt = p.time("expires_at", false);
        payment.paidAt = p.time("paid_at", false);
        if (!p.ok())
            return p.error();
        view.payments.append(payment);
    }
    for (const QJsonValue& value : r.array("issuances", false)) {
        const QJsonObject item = value.toObject();
        Reader i(item, QStringLiteral("issuances[]."));
        IssuanceRecord issuance;
        issuance.issuanceId = i.string("issuance_id");
        issuance.status = i.string("status", false);
        issuance.signingSerial = i.string("signing_serial", false);
        issuance.encryptionSerial = i.string("encryption_serial", false);
        // Times not set yet come as "" from certdesk-server: read them leniently.
        const auto time = [&item](const char* key) {
            return QDateTime::fromString(item.value(QLatin1String(key)).toString(), Qt::ISODateWithMs)
                .toUTC();
        };
        issuance.notBefore = time("not_before");
        issuance.notAfter = time("not_after");
        issuance.confirmedAt = time("confirmed_at");
        issuance.tokenSerial = i.string("token_serial", false);
        issuance.tokenLabel = i.string("token_label", false);
        if (!i.ok())
            return i.error();
        view.issuances.append(issuance);
    }
    if (!r.ok())
        return r.error();
    return view;
}

ApiResult<StoredDocument> parseStoredDocument(const QJsonObject& json)
{
    Reader r(json);
    StoredDocument document;
    const auto kind = documentKindFromApi(r.string("kind"));
    if (!kind)
        r.fail("kind");
    document.kind = kind.value_or(DocumentKind::ApplicationForm);
    document.sha256 = r.string("sha256");
    document.size = r.integer("size");
    document.contentType = r.string("content_type");
    if (!r.ok())
        return r.error();
    return document;
}

ApiResult<QList<StoredDocument>> parseStoredDocumentList(const QByteArray& body)
{
    return parseList<StoredDocument>(body, {"documents", "items"}, parseStoredDocument);
}

ApiResult<LivenessSession> parseLivenessSession(const QJsonObject& json)
{
    Reader r(json);
    LivenessSession session;
    session.sessionId = r.string("session_id");
    session.qrContent = r.string("qr_content");
    session.expiresAt = r.time("expires_at", false);
    const auto status = livenessFromApi(r.string("status"));
    if (!status)
        r.fail("status");
    session.status = status.value_or(LivenessState::Pending);
    if (!r.ok())
        return r.error();
    return session;
}

ApiResult<LivenessResult> parseLivenessResult(const QJsonObject& json)
{
    Reader r(json);
    LivenessResult result;
    const auto status = livenessFromApi(r.string("status"));
    if (!status)
        r.fail("status");
    result.status = status.value_or(LivenessState::Pending);
    result.reason = r.string("reason", false);
    if (!r.ok())
        return r.error();
    return result;
}

ApiResult<Payment> parsePayment(const QJsonObject& json)
{
    Reader r(json);
    Payment payment;
    payment.paymentId = r.string("payment_id");
    payment.orderNo = r.string("order_no", false);
    payment.amountFen = r.integer("amount_fen");
    const auto status = paymentStatusFromApi(r.string("status"));
    if (!status)
        r.fail("status");
    payment.status = status.value_or(PaymentStatus::Pending);
    payment.expiresAt = r.time("expires_at", false);
    payment.qrContent = r.string("qr_content", false);
    if (r.has("transfer")) {
        Reader t(r.object("transfer"), QStringLiteral("transfer."));
        TransferInstructions transfer;
        transfer.payeeName = t.string("payee_name");
        transfer.bank = t.string("bank");
        transfer.accountNumber = t.string("account_number");
        transfer.reference = t.string("reference");
        if (!t.ok())
            return t.error();
        payment.transfer = transfer;
    }
    if (!r.ok())
        return r.error();
    if (payment.qrContent.isEmpty() && !payment.transfer)
        return parseError(QStringLiteral("payment has neither qr_content nor transfer"));
    return payment;
}

ApiResult<PaymentProgress> parsePaymentProgress(const QJsonObject& json)
{
    Reader r(json);
    PaymentProgress progress;
    const auto status = paymentStatusFromApi(r.string("status"));
    if (!status)
        r.fail("status");
    progress.status = status.value_or(PaymentStatus::Pending);
    progress.paidAt = r.time("paid_at", false);
    if (!r.ok())
        return r.error();
    return progress;
}

ApiResult<Invoice> parseInvoice(const QJsonObject& json)
{
    Reader r(json);
    Invoice invoice;
    const QString status = r.string("status");
    if (status == QLatin1String("issued"))
        invoice.issued = true;
    else if (status != QLatin1String("none"))
        r.fail("status");
    invoice.number = r.string("number", false);
    invoice.url = r.string("url", false);
    Reader sentTo(r.object("sent_to", false), QStringLiteral("sent_to."));
    invoice.sentToMobile = sentTo.string("mobile", false);
    invoice.sentToEmail = sentTo.string("email", false);
    if (!r.ok())
        return r.error();
    if (!sentTo.ok())
        return sentTo.error();
    return invoice;
}

ApiResult<ServiceConfig> parseServiceConfig(const QJsonObject& json)
{
    Reader r(json);
    ServiceConfig config;
    config.maxDocumentBytes = r.integer("max_document_bytes");
    for (const QJsonValue& value : r.array("accepted_types", false)) {
        if (!value.isString())
            r.fail("accepted_types");
        config.acceptedTypes.append(value.toString());
    }
    config.fees = r.object("fees", false);
    config.contact = r.object("contact", false);
    if (!r.ok())
        return r.error();
    if (config.maxDocumentBytes <= 0)
        return parseError(QStringLiteral("max_document_bytes is not positive"));
    return config;
}

ApiResult<AgreementText> parseAgreement(const QJsonObject& json)
{
    Reader r(json);
    AgreementText agreement;
    agreement.version = r.string("version");
    agreement.title = r.string("title", false);
    agreement.html = r.string("html");
    agreement.sha256 = r.string("sha256", false);
    agreement.sample = r.boolean("sample", false);
    if (!r.ok())
        return r.error();
    if (agreement.version.isEmpty() || agreement.html.trimmed().isEmpty())
        return parseError(QStringLiteral("agreement without a version or a text"));
    return agreement;
}

ApiResult<QList<Bank>> parseBanks(const QByteArray& body)
{
    return parseList<Bank>(body, {"banks", "items"}, [](const QJsonObject& json) -> ApiResult<Bank> {
        Reader r(json);
        Bank bank;
        bank.code = r.string("code");
        bank.name = r.string("name");
        if (!r.ok())
            return r.error();
        return bank;
    });
}

ApiResult<CaCertificates> parseCaCertificates(const QByteArray& pem)
{
    // RFC 7468 §2: the label and the base64 text between the encapsulation boundaries; whitespace is ignored.
    static const QRegularExpression block(
        QStringLiteral("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*)-----END CERTIFICATE-----"));
    CaCertificates result;
    result.pem = pem;
    const QString text = QString::fromLatin1(pem);
    auto it = block.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        QString base64 = match.captured(1);
        base64.remove(QRegularExpression(QStringLiteral("\\s")));
        auto decoded
            = QByteArray::fromBase64Encoding(base64.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        // A DER certificate is a SEQUENCE: anything else is not a certificate.
        if (!decoded || decoded.decoded.size() < 2 || static_cast<quint8>(decoded.decoded.at(0)) != 0x30)
            return parseError(QStringLiteral("PEM block %1 is not a DER certificate").arg(result.der.size()));
        result.der.append(decoded.decoded);
    }
    if (result.der.isEmpty())
        return parseError(QStringLiteral("no PEM certificate in the answer"));
    return result;
}

ApiResult<StaffSession> parseStaffSession(const QJsonObject& json)
{
    Reader r(json);
    StaffSession session;
    session.token = r.string("token");
    for (const QJsonValue& value : r.array("roles")) {
        if (!value.isString())
            r.fail("roles");
        session.roles.append(value.toString());
    }
    session.expiresAt = r.time("expires_at", false);
    if (!r.ok())
        return r.error();
    if (session.token.isEmpty())
        return parseError(QStringLiteral("empty token"));
    return session;
}

ApiResult<ApplicantCode> parseApplicantCode(const QJsonObject& json)
{
    Reader r(json);
    ApplicantCode code;
    code.expiresAt = r.time("expires_at");
    code.resendAfter = r.time("resend_after");
    if (!r.ok())
        return r.error();
    return code;
}

ApiResult<ReceiptChallenge> parseReceiptChallenge(const QJsonObject& json)
{
    Reader r(json);
    ReceiptChallenge challenge;
    challenge.challenge = r.base64("challenge");
    challenge.expiresAt = r.time("expires_at");
    if (!r.ok())
        return r.error();
    return challenge;
}

ApiResult<ApplicantSession> parseApplicantSession(const QJsonObject& json)
{
    Reader r(json);
    ApplicantSession session;
    session.token = r.string("token");
    session.expiresAt = r.time("expires_at", false);
    if (!r.ok())
        return r.error();
    if (session.token.isEmpty())
        return parseError(QStringLiteral("empty token"));
    return session;
}

ApiResult<Issuance> parseIssuance(const QJsonObject& json)
{
    Reader r(json);
    Issuance issuance;
    issuance.issuanceId = r.string("issuance_id");
    issuance.signingCertificate = r.base64("signing_certificate");
    issuance.encryptionCertificate = r.base64("encryption_certificate");
    if (r.has("signing_key_envelope"))
        issuance.signingKeyEnvelope = r.base64("signing_key_envelope");
    issuance.encryptionKeyEnvelope = r.base64("encryption_key_envelope");
    for (const QJsonValue& value : r.array("ca_chain")) {
        if (!value.isString()) {
            r.fail("ca_chain");
            break;
        }
        issuance.caChain.append(r.decode(value.toString(), "ca_chain"));
    }
    issuance.notBefore = r.time("not_before", false);
    issuance.notAfter = r.time("not_after", false);
    if (!r.ok())
        return r.error();
    if (issuance.signingCertificate.isEmpty() || issuance.encryptionCertificate.isEmpty()
        || issuance.encryptionKeyEnvelope.isEmpty())
        return parseError(QStringLiteral("empty certificate or envelope"));
    return issuance;
}

ApiResult<QList<OutboxMessage>> parseOutbox(const QByteArray& body)
{
    return parseList<OutboxMessage>(
        body, {"messages", "items", "outbox"}, [](const QJsonObject& json) -> ApiResult<OutboxMessage> {
            // The contract leaves the item shape open: take the first key present of each group of synonyms.
            const auto first = [&json](std::initializer_list<const char*> keys) {
                for (const char* key : keys) {
                    const QJsonValue value = json.value(QLatin1String(key));
                    if (value.isString())
                        return value.toString();
                }
                return QString();
            };
            OutboxMessage message;
            message.channel = first({"channel", "kind", "type"});
            message.to = first({"to", "recipient", "address"});
            message.subject = first({"subject", "title"});
            message.body = first({"body", "text", "message", "content"});
            message.sentAt
                = QDateTime::fromString(first({"sent_at", "at", "created_at"}), Qt::ISODateWithMs).toUTC();
            message.raw = json;
            return message;
        });
}

ApiResult<LegacyCertificate> parseLegacyCertificate(const QJsonObject& json)
{
    Reader r(json);
    LegacyCertificate legacy;
    legacy.serial = r.string("serial");
    legacy.certificate = r.base64("certificate");
    legacy.privateKey = r.base64("private_key");
    if (!r.ok())
        return r.error();
    // Descriptive fields of the listing: optional, never an error when absent.
    legacy.category = categoryFromApi(json.value(QStringLiteral("category")).toString());
    legacy.holder = json.value(QStringLiteral("holder")).toString();
    legacy.notAfter
        = QDateTime::fromString(json.value(QStringLiteral("not_after")).toString(), Qt::ISODateWithMs)
              .toUTC();
    legacy.renewable = json.value(QStringLiteral("renewable")).toBool(false);
    legacy.note = json.value(QStringLiteral("note")).toString();
    return legacy;
}

ApiResult<QList<LegacyCertificate>> parseLegacyCertificates(const QByteArray& body)
{
    return parseList<LegacyCertificate>(body, {"certificates", "items"}, parseLegacyCertificate);
}

} // namespace certdesk::api
