#include "api/ApiClient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSslConfiguration>
#include <QUuid>

namespace certdesk::api {

namespace {

QString segment(const QString& value)
{
    // One path segment: '/' and everything else outside RFC 3986 unreserved is percent-encoded.
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QByteArray jsonBody(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

detail::RequestSpec request(const char* operation, const QByteArray& verb, const QString& path)
{
    detail::RequestSpec spec;
    spec.operation = operation;
    spec.verb = verb;
    spec.path = path;
    // RFC 9110 §9.2.2: GET and PUT are idempotent; POST only with an Idempotency-Key (set by the caller).
    spec.repeatable = verb == "GET" || verb == "PUT";
    return spec;
}

void setJson(detail::RequestSpec& spec, const QJsonObject& body)
{
    spec.body = jsonBody(body);
    spec.contentType = QByteArrayLiteral("application/json");
}

void setIdempotencyKey(detail::RequestSpec& spec, const QString& key)
{
    spec.idempotencyKey = key.isEmpty() ? ApiClient::newIdempotencyKey() : key;
    spec.repeatable = true;
}

QString applicationPath(const QString& id)
{
    return QStringLiteral("/applications/") + segment(id);
}

// The answer of a state change (approve, reject, resubmit, confirm, shipment, handover, PUT): the application
// as GET returns it. Only "status" is required, so that a service answering with a short status object is
// understood too.
ApiResult<Application> parseStateChange(const QJsonObject& json)
{
    if (!statusFromApi(json.value(QLatin1String("status")).toString()))
        return ApiError::make(ApiError::Kind::Parse, QStringLiteral("missing or invalid field: status"));
    return Application::fromApiJson(json);
}

} // namespace

ApiClient::ApiClient(ApiClientOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_manager(new QNetworkAccessManager(this))
{
    rebuildTransport();
}

ApiClient::~ApiClient()
{
    // Replies first: each aborts its QNetworkReply while the manager that owns it still exists.
    const auto replies = findChildren<ApiReplyBase*>(QString(), Qt::FindDirectChildrenOnly);
    qDeleteAll(replies);
}

void ApiClient::setOptions(ApiClientOptions options)
{
    m_options = std::move(options);
    rebuildTransport();
}

void ApiClient::rebuildTransport()
{
    auto transport = std::make_shared<detail::Transport>();
    transport->manager = m_manager;
    QUrl apiBase = m_options.baseUrl;
    QString path = apiBase.path(QUrl::FullyEncoded);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    apiBase.setPath(path + QStringLiteral("/api/v1"), QUrl::TolerantMode);
    transport->apiBase = apiBase;
    transport->transferTimeout = m_options.transferTimeout;
    if (!m_options.pinnedCaCertificates.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        // setCaCertificates() replaces the system store and turns off on-demand loading of system roots, so a
        // certificate from any other CA fails the handshake.
        ssl.setCaCertificates(m_options.pinnedCaCertificates);
        ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
        ssl.setProtocol(QSsl::TlsV1_2OrLater);
        transport->ssl = ssl;
    }
    transport->retry = m_options.retry;
    transport->scheduler
        = m_options.scheduler ? m_options.scheduler : std::make_shared<TimerRetryScheduler>();
    transport->clock = m_options.clock;
    const QByteArray version = QCoreApplication::applicationVersion().toLatin1();
    transport->userAgent = "CertDesk/" + (version.isEmpty() ? QByteArrayLiteral("dev") : version);
    m_transport = std::move(transport);
}

QString ApiClient::newIdempotencyKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QUrl ApiClient::serviceUrl(const QString& path) const
{
    QUrl url = m_options.baseUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

template<class T>
ApiReply<T>* ApiClient::send(detail::RequestSpec spec, typename ApiReply<T>::Parser parser)
{
    const bool staffCall
        = spec.path.startsWith(QLatin1String("/staff/")) && spec.path != QLatin1String("/staff/sessions");
    auto* reply = new ApiReply<T>(m_transport, std::move(spec), std::move(parser), this);
    if (staffCall) {
        connect(reply, &ApiReplyBase::finished, this, [this, reply] {
            if (reply->error() && reply->error()->isHttp(401))
                Q_EMIT staffSessionExpired();
        });
    }
    reply->start();
    return reply;
}

template<class T>
ApiReply<T>* ApiClient::sendJson(detail::RequestSpec spec, ApiResult<T> (*parse)(const QJsonObject&))
{
    return send<T>(std::move(spec), [parse](const detail::RawResponse& response) -> ApiResult<T> {
        ApiResult<QJsonObject> object = parseObject(response.body);
        if (!object.ok())
            return object.error();
        return parse(object.value());
    });
}

detail::RequestSpec ApiClient::staffRequest(
    const char* operation, const QByteArray& verb, const QString& path) const
{
    detail::RequestSpec spec = request(operation, verb, QStringLiteral("/staff") + path);
    spec.bearer = m_staffToken;
    return spec;
}

// --- health and reference data ---

ApiReply<Health>* ApiClient::health()
{
    return sendJson<Health>(request("health", "GET", QStringLiteral("/health")), parseHealth);
}

ApiReply<ServiceConfig>* ApiClient::config()
{
    return sendJson<ServiceConfig>(request("config", "GET", QStringLiteral("/config")), parseServiceConfig);
}

ApiReply<QList<Bank>>* ApiClient::banks(const QString& keyword, int limit)
{
    detail::RequestSpec spec = request("banks", "GET", QStringLiteral("/banks"));
    if (!keyword.isEmpty()) {
        // QUrlQuery encodes '&', '=' and '#' itself but leaves '+', which servers read as a space.
        QString value = keyword;
        value.replace(QLatin1Char('+'), QLatin1String("%2B"));
        spec.query.addQueryItem(QStringLiteral("q"), value);
    }
    if (limit > 0)
        spec.query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return send<QList<Bank>>(
        std::move(spec), [](const detail::RawResponse& r) { return parseBanks(r.body); });
}

ApiReply<AgreementText>* ApiClient::agreement()
{
    return sendJson<AgreementText>(request("agreement", "GET", QStringLiteral("/agreement")), parseAgreement);
}

ApiReply<CaCertificates>* ApiClient::caCertificates()
{
    detail::RequestSpec spec = request("caCertificates", "GET", QStringLiteral("/ca/certificates"));
    spec.accept = QByteArrayLiteral("application/x-pem-file, */*");
    return send<CaCertificates>(
        std::move(spec), [](const detail::RawResponse& r) { return parseCaCertificates(r.body); });
}

ApiReply<BinaryContent>* ApiClient::crl()
{
    return fetchCrl("crl", QStringLiteral("/ca/crl"));
}

ApiReply<BinaryContent>* ApiClient::legacyCrl()
{
    return fetchCrl("legacyCrl", QStringLiteral("/ca/legacy-crl"));
}

ApiReply<BinaryContent>* ApiClient::fetchCrl(const char* name, const QString& path)
{
    detail::RequestSpec spec = request(name, "GET", path);
    spec.accept = QByteArrayLiteral("application/pkix-crl, */*");
    return send<BinaryContent>(std::move(spec), [](const detail::RawResponse& r) -> ApiResult<BinaryContent> {
        // A DER CRL is a SEQUENCE (RFC 5280 §5.1).
        if (r.body.size() < 2 || static_cast<quint8>(r.body.at(0)) != 0x30)
            return ApiError::make(ApiError::Kind::Parse, QStringLiteral("CRL is not DER"));
        return BinaryContent {r.body, QString::fromLatin1(r.contentType)};
    });
}

ApiReply<BinaryContent>* ApiClient::legacyCaCertificate()
{
    detail::RequestSpec spec
        = request("legacyCaCertificate", "GET", QStringLiteral("/ca/legacy-certificate"));
    spec.accept = QByteArrayLiteral("application/x-pem-file, */*");
    return send<BinaryContent>(std::move(spec), [](const detail::RawResponse& r) -> ApiResult<BinaryContent> {
        auto chain = parseCaCertificates(r.body);
        if (!chain.ok())
            return chain.error();
        if (chain.value().der.size() != 1)
            return ApiError::make(
                ApiError::Kind::Parse, QStringLiteral("expected one legacy CA certificate"));
        return BinaryContent {chain.value().der.constFirst(), QString::fromLatin1(r.contentType)};
    });
}

ApiReply<BinaryContent>* ApiClient::ocsp(const QByteArray& requestDer)
{
    detail::RequestSpec spec = request("ocsp", "POST", QStringLiteral("/ocsp"));
    spec.serviceRoot = true;
    spec.body = requestDer;
    spec.contentType = QByteArrayLiteral("application/ocsp-request");
    spec.accept = QByteArrayLiteral("application/ocsp-response");
    // A status query changes nothing on the service: safe to send again.
    spec.repeatable = true;
    return send<BinaryContent>(std::move(spec), [](const detail::RawResponse& r) -> ApiResult<BinaryContent> {
        // An OCSPResponse is a SEQUENCE (RFC 6960 §4.2.1).
        if (r.body.size() < 2 || static_cast<quint8>(r.body.at(0)) != 0x30)
            return ApiError::make(ApiError::Kind::Parse, QStringLiteral("OCSP response is not DER"));
        return BinaryContent {r.body, QString::fromLatin1(r.contentType)};
    });
}

// --- the old certificate ---

ApiReply<OldCertificateInfo>* ApiClient::lookupCertificate(const QString& serial)
{
    detail::RequestSpec spec = request("lookupCertificate", "POST", QStringLiteral("/certificates/lookup"));
    setJson(spec, {{QStringLiteral("serial"), serial}});
    return sendJson<OldCertificateInfo>(std::move(spec), parseOldCertificate);
}

// --- applications ---

ApiReply<CreatedApplication>* ApiClient::createApplication(
    const Application& application, const QString& idempotencyKey)
{
    detail::RequestSpec spec = request("createApplication", "POST", QStringLiteral("/applications"));
    setJson(spec, application.toApiBody());
    setIdempotencyKey(spec, idempotencyKey);
    return sendJson<CreatedApplication>(std::move(spec), parseCreatedApplication);
}

ApiReply<Application>* ApiClient::getApplication(const QString& id, const QString& accessToken)
{
    detail::RequestSpec spec = request("getApplication", "GET", applicationPath(id));
    spec.bearer = accessToken;
    return sendJson<Application>(std::move(spec), parseApplication);
}

ApiReply<Application>* ApiClient::updateApplication(
    const QString& id, const QString& accessToken, const Application& application)
{
    detail::RequestSpec spec = request("updateApplication", "PUT", applicationPath(id));
    spec.bearer = accessToken;
    setJson(spec, application.toApiBody());
    return sendJson<Application>(std::move(spec), parseStateChange);
}

ApiReply<Application>* ApiClient::resubmit(const QString& id, const QString& accessToken)
{
    detail::RequestSpec spec = request("resubmit", "POST", applicationPath(id) + QStringLiteral("/resubmit"));
    spec.bearer = accessToken;
    setJson(spec, {});
    return sendJson<Application>(std::move(spec), parseStateChange);
}

// --- documents ---

ApiReply<StoredDocument>* ApiClient::uploadDocument(const QString& id, const QString& accessToken,
    DocumentKind kind, const QByteArray& bytes, const QString& contentType)
{
    detail::RequestSpec spec = request("uploadDocument", "PUT",
        applicationPath(id) + QStringLiteral("/documents/") + segment(documentKindToApi(kind)));
    spec.bearer = accessToken;
    spec.body = bytes;
    spec.contentType = contentType.toLatin1();
    return sendJson<StoredDocument>(std::move(spec), parseStoredDocument);
}

ApiReply<QList<StoredDocument>>* ApiClient::documents(const QString& id, const QString& accessToken)
{
    detail::RequestSpec spec
        = request("documents", "GET", applicationPath(id) + QStringLiteral("/documents"));
    spec.bearer = accessToken;
    return send<QList<StoredDocument>>(
        std::move(spec), [](const detail::RawResponse& r) { return parseStoredDocumentList(r.body); });
}

// --- liveness ---

ApiReply<LivenessSession>* ApiClient::startLiveness(
    const QString& id, const QString& accessToken, const QString& idempotencyKey)
{
    detail::RequestSpec spec
        = request("startLiveness", "POST", applicationPath(id) + QStringLiteral("/liveness"));
    spec.bearer = accessToken;
    setJson(spec, {});
    setIdempotencyKey(spec, idempotencyKey);
    return sendJson<LivenessSession>(std::move(spec), parseLivenessSession);
}

ApiReply<LivenessResult>* ApiClient::livenessStatus(const QString& id, const QString& accessToken)
{
    detail::RequestSpec spec
        = request("livenessStatus", "GET", applicationPath(id) + QStringLiteral("/liveness"));
    spec.bearer = accessToken;
    return sendJson<LivenessResult>(std::move(spec), parseLivenessResult);
}

// --- payment and invoice ---

ApiReply<Payment>* ApiClient::createPayment(
    const QString& id, const QString& accessToken, PaymentMethod method, const QString& idempotencyKey)
{
    detail::RequestSpec spec
        = request("createPayment", "POST", applicationPath(id) + QStringLiteral("/payments"));
    spec.bearer = accessToken;
    setJson(spec, {{QStringLiteral("method"), paymentMethodToApi(method)}});
    setIdempotencyKey(spec, idempotencyKey);
    return sendJson<Payment>(std::move(spec), parsePayment);
}

ApiReply<PaymentProgress>* ApiClient::paymentStatus(
    const QString& id, const QString& accessToken, const QString& paymentId)
{
    detail::RequestSpec spec = request(
        "paymentStatus", "GET", applicationPath(id) + QStringLiteral("/payments/") + segment(paymentId));
    spec.bearer = accessToken;
    return sendJson<PaymentProgress>(std::move(spec), parsePaymentProgress);
}

ApiReply<Invoice>* ApiClient::invoice(const QString& id, const QString& accessToken)
{
    detail::RequestSpec spec = request("invoice", "GET", applicationPath(id) + QStringLiteral("/invoice"));
    spec.bearer = accessToken;
    return sendJson<Invoice>(std::move(spec), parseInvoice);
}

// --- staff ---

ApiReply<ApplicantCode>* ApiClient::requestApplicantCode(const QString& mobile)
{
    // Not repeatable: every POST sends an SMS and counts against the hourly limits.
    detail::RequestSpec spec = request("requestApplicantCode", "POST", QStringLiteral("/applicant/otp"));
    setJson(spec, {{QStringLiteral("mobile"), mobile}});
    return sendJson<ApplicantCode>(std::move(spec), parseApplicantCode);
}

ApiReply<ApplicantSession>* ApiClient::applicantSignIn(const QString& mobile, const QString& code)
{
    detail::RequestSpec spec = request("applicantSignIn", "POST", QStringLiteral("/applicant/sessions"));
    setJson(spec, {{QStringLiteral("mobile"), mobile}, {QStringLiteral("code"), code}});
    return sendJson<ApplicantSession>(std::move(spec), parseApplicantSession);
}

ApiReply<QList<ApplicationSummary>>* ApiClient::applicantApplications(const QString& applicantToken)
{
    detail::RequestSpec spec
        = request("applicantApplications", "GET", QStringLiteral("/applicant/applications"));
    spec.bearer = applicantToken;
    return send<QList<ApplicationSummary>>(
        std::move(spec), [](const detail::RawResponse& r) { return parseApplicationSummaries(r.body); });
}

ApiReply<NoContent>* ApiClient::applicantSignOut(const QString& applicantToken)
{
    detail::RequestSpec spec = request("applicantSignOut", "DELETE", QStringLiteral("/applicant/sessions"));
    spec.bearer = applicantToken;
    // RFC 9110 §9.2.2: DELETE is idempotent; a repeat after a lost answer is 401, which still means "ended".
    spec.repeatable = true;
    return send<NoContent>(
        std::move(spec), [](const detail::RawResponse&) -> ApiResult<NoContent> { return NoContent {}; });
}

ApiReply<StaffSession>* ApiClient::staffLogin(const QString& username, const QString& password)
{
    detail::RequestSpec spec = request("staffLogin", "POST", QStringLiteral("/staff/sessions"));
    setJson(spec, {{QStringLiteral("username"), username}, {QStringLiteral("password"), password}});
    auto* reply = sendJson<StaffSession>(std::move(spec), parseStaffSession);
    // Connected before the caller's slots, so the token is in place when they run.
    connect(reply, &ApiReplyBase::finished, this, [this, reply] {
        const ApiResult<StaffSession> result = reply->result();
        if (result.ok())
            m_staffToken = result->token;
    });
    return reply;
}

ApiReply<QList<ApplicationSummary>>* ApiClient::staffApplications(std::optional<ApplicationStatus> status)
{
    detail::RequestSpec spec = staffRequest("staffApplications", "GET", QStringLiteral("/applications"));
    if (status)
        spec.query.addQueryItem(QStringLiteral("status"), statusToApi(*status));
    return send<QList<ApplicationSummary>>(
        std::move(spec), [](const detail::RawResponse& r) { return parseApplicationSummaries(r.body); });
}

ApiReply<QList<ApplicationSummary>>* ApiClient::staffSearchApplications(const QString& orderNoOrMobile)
{
    detail::RequestSpec spec
        = staffRequest("staffSearchApplications", "GET", QStringLiteral("/applications"));
    spec.query.addQueryItem(QStringLiteral("q"), orderNoOrMobile.trimmed());
    return send<QList<ApplicationSummary>>(
        std::move(spec), [](const detail::RawResponse& r) { return parseApplicationSummaries(r.body); });
}

ApiReply<StaffApplicationView>* ApiClient::staffApplication(const QString& id)
{
    return sendJson<StaffApplicationView>(
        staffRequest("staffApplication", "GET", applicationPath(id)), parseStaffApplication);
}

ApiReply<BinaryContent>* ApiClient::staffDocument(const QString& id, DocumentKind kind)
{
    detail::RequestSpec spec = staffRequest("staffDocument", "GET",
        applicationPath(id) + QStringLiteral("/documents/") + segment(documentKindToApi(kind)));
    spec.accept = QByteArrayLiteral("*/*");
    return send<BinaryContent>(std::move(spec), [](const detail::RawResponse& r) -> ApiResult<BinaryContent> {
        return BinaryContent {r.body, QString::fromLatin1(r.contentType)};
    });
}

ApiReply<Application>* ApiClient::approve(const QString& id, bool acceptHolderChange)
{
    detail::RequestSpec spec
        = staffRequest("approve", "POST", applicationPath(id) + QStringLiteral("/approve"));
    setJson(spec,
        acceptHolderChange ? QJsonObject {{QStringLiteral("accept_holder_change"), true}} : QJsonObject {});
    return sendJson<Application>(std::move(spec), parseStateChange);
}

ApiReply<Application>* ApiClient::reject(const QString& id, const QList<RejectionReason>& reasons)
{
    detail::RequestSpec spec
        = staffRequest("reject", "POST", applicationPath(id) + QStringLiteral("/reject"));
    QJsonArray array;
    for (const RejectionReason& reason : reasons)
        array.append(QJsonObject {
            {QStringLiteral("target"), reason.target}, {QStringLiteral("message"), reason.message}});
    setJson(spec, {{QStringLiteral("reasons"), array}});
    return sendJson<Application>(std::move(spec), parseStateChange);
}

ApiReply<PaymentProgress>* ApiClient::confirmPayment(const QString& paymentId)
{
    detail::RequestSpec spec = staffRequest("confirmPayment", "POST",
        QStringLiteral("/payments/") + segment(paymentId) + QStringLiteral("/confirm"));
    setJson(spec, {});
    return sendJson<PaymentProgress>(std::move(spec), parsePaymentProgress);
}

ApiReply<Issuance>* ApiClient::issue(const QString& id, const QByteArray& transportPublicKeyDer,
    const QByteArray& csrDer, const QString& idempotencyKey)
{
    detail::RequestSpec spec
        = staffRequest("issue", "POST", applicationPath(id) + QStringLiteral("/issuance"));
    setJson(spec,
        {{QStringLiteral("transport_public_key"), QString::fromLatin1(transportPublicKeyDer.toBase64())},
            {QStringLiteral("csr"),
                csrDer.isEmpty() ? QJsonValue(QJsonValue::Null)
                                 : QJsonValue(QString::fromLatin1(csrDer.toBase64()))}});
    // Retrying with the same key returns the same pair instead of issuing (and revoking) another one.
    setIdempotencyKey(spec, idempotencyKey);
    return sendJson<Issuance>(std::move(spec), parseIssuance);
}

ApiReply<Application>* ApiClient::confirmIssuance(
    const QString& id, const QString& issuanceId, const QString& tokenSerial, const QString& tokenLabel)
{
    detail::RequestSpec spec = staffRequest("confirmIssuance", "POST",
        applicationPath(id) + QStringLiteral("/issuance/") + segment(issuanceId)
            + QStringLiteral("/confirm"));
    setJson(
        spec, {{QStringLiteral("token_serial"), tokenSerial}, {QStringLiteral("token_label"), tokenLabel}});
    return sendJson<Application>(std::move(spec), parseStateChange);
}

ApiReply<Application>* ApiClient::recordShipment(
    const QString& id, const QString& carrier, const QString& trackingNo, const QString& initialPin)
{
    detail::RequestSpec spec
        = staffRequest("recordShipment", "POST", applicationPath(id) + QStringLiteral("/shipment"));
    QJsonObject body {{QStringLiteral("carrier"), carrier}, {QStringLiteral("tracking_no"), trackingNo}};
    if (!initialPin.isEmpty())
        body.insert(QStringLiteral("initial_pin"), initialPin);
    setJson(spec, body);
    return sendJson<Application>(std::move(spec), parseStateChange);
}

ApiReply<ReceiptChallenge>* ApiClient::receiptChallenge(const QString& id, const QString& bearer)
{
    detail::RequestSpec spec
        = request("receiptChallenge", "POST", applicationPath(id) + QStringLiteral("/receipt/challenge"));
    spec.bearer = bearer;
    setJson(spec, {});
    return sendJson<ReceiptChallenge>(std::move(spec), parseReceiptChallenge);
}

ApiReply<Application>* ApiClient::confirmReceipt(const QString& id, const QString& bearer,
    const QString& tokenSerial, const QByteArray& challenge, const QByteArray& signatureDer)
{
    detail::RequestSpec spec
        = request("confirmReceipt", "POST", applicationPath(id) + QStringLiteral("/receipt"));
    spec.bearer = bearer;
    setJson(spec,
        {{QStringLiteral("token_serial"), tokenSerial},
            {QStringLiteral("challenge"), QString::fromLatin1(challenge.toBase64())},
            {QStringLiteral("signature"),
                signatureDer.isEmpty() ? QJsonValue()
                                       : QJsonValue(QString::fromLatin1(signatureDer.toBase64()))}});
    return sendJson<Application>(std::move(spec), parseStateChange);
}

ApiReply<Application>* ApiClient::handover(const QString& id)
{
    detail::RequestSpec spec
        = staffRequest("handover", "POST", applicationPath(id) + QStringLiteral("/handover"));
    setJson(spec, {});
    return sendJson<Application>(std::move(spec), parseStateChange);
}

// --- sandbox ---

ApiReply<LivenessResult>* ApiClient::sandboxLiveness(
    const QString& sessionId, const QString& name, const QString& idNumber, bool pass)
{
    detail::RequestSpec spec
        = request("sandboxLiveness", "POST", QStringLiteral("/sandbox/liveness/") + segment(sessionId));
    setJson(spec,
        {{QStringLiteral("name"), name}, {QStringLiteral("id_number"), idNumber},
            {QStringLiteral("outcome"), pass ? QStringLiteral("pass") : QStringLiteral("fail")}});
    return sendJson<LivenessResult>(std::move(spec), parseLivenessResult);
}

ApiReply<PaymentProgress>* ApiClient::sandboxCompletePayment(const QString& paymentId)
{
    detail::RequestSpec spec = request("sandboxCompletePayment", "POST",
        QStringLiteral("/sandbox/payments/") + segment(paymentId) + QStringLiteral("/complete"));
    setJson(spec, {});
    return sendJson<PaymentProgress>(std::move(spec), parsePaymentProgress);
}

ApiReply<QList<OutboxMessage>>* ApiClient::sandboxOutbox()
{
    return send<QList<OutboxMessage>>(request("sandboxOutbox", "GET", QStringLiteral("/sandbox/outbox")),
        [](const detail::RawResponse& r) { return parseOutbox(r.body); });
}

ApiReply<QList<LegacyCertificate>>* ApiClient::sandboxLegacyCertificates()
{
    return send<QList<LegacyCertificate>>(
        request("sandboxLegacyCertificates", "GET", QStringLiteral("/sandbox/legacy-certificates")),
        [](const detail::RawResponse& r) { return parseLegacyCertificates(r.body); });
}

ApiReply<LegacyCertificate>* ApiClient::sandboxMintLegacy(CertificateCategory category, const QString& holder,
    const QString& credentialNumber, const QDateTime& notAfter)
{
    detail::RequestSpec spec
        = request("sandboxMintLegacy", "POST", QStringLiteral("/sandbox/legacy-certificates"));
    setJson(spec,
        {{QStringLiteral("category"), categoryToApi(category)}, {QStringLiteral("holder"), holder},
            {QStringLiteral("credential_number"), credentialNumber},
            {QStringLiteral("not_after"), notAfter.toUTC().toString(Qt::ISODate)}});
    return sendJson<LegacyCertificate>(std::move(spec), parseLegacyCertificate);
}

} // namespace certdesk::api
