#include "domain/Application.h"

#include <QJsonArray>

namespace certdesk {

namespace {

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

QDateTime time(const QJsonObject& o, const char* key)
{
    const QString s = str(o, key);
    if (s.isEmpty())
        return {};
    return QDateTime::fromString(s, Qt::ISODateWithMs).toUTC();
}

QString timeToJson(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QByteArray bytes(const QJsonObject& o, const char* key)
{
    return QByteArray::fromBase64(str(o, key).toLatin1());
}

QString b64(const QByteArray& data)
{
    return QString::fromLatin1(data.toBase64());
}

QJsonObject personToJson(const Person& p)
{
    return {{QStringLiteral("name"), p.name}, {QStringLiteral("id_number"), p.idNumber},
        {QStringLiteral("mobile"), p.mobile}, {QStringLiteral("email"), p.email}};
}

Person personFromJson(const QJsonObject& o)
{
    return {str(o, "name"), str(o, "id_number"), str(o, "mobile"), str(o, "email")};
}

QJsonObject organizationToJson(const Organization& org)
{
    return {{QStringLiteral("name"), org.name}, {QStringLiteral("credential_number"), org.credentialNumber},
        {QStringLiteral("address"), org.address}};
}

QJsonObject mailingToJson(const Mailing& m)
{
    return {{QStringLiteral("province_code"), m.provinceCode}, {QStringLiteral("city_code"), m.cityCode},
        {QStringLiteral("county_code"), m.countyCode}, {QStringLiteral("address"), m.address}};
}

QJsonObject feesToJson(const Fees& f)
{
    return {{QStringLiteral("certificate_fen"), f.certificateFen},
        {QStringLiteral("express_fen"), f.expressFen}, {QStringLiteral("total_fen"), f.totalFen}};
}

Fees feesFromJson(const QJsonObject& o)
{
    return {o.value(QStringLiteral("certificate_fen")).toInteger(),
        o.value(QStringLiteral("express_fen")).toInteger(), o.value(QStringLiteral("total_fen")).toInteger()};
}

// Fields of the API request body; shared by toApiBody() and toDraftJson().
void writeForm(const Application& a, QJsonObject& body, bool everything)
{
    body.insert(QStringLiteral("serial"), a.serial);
    body.insert(QStringLiteral("category"), categoryToApi(a.category));
    body.insert(QStringLiteral("years"), a.years);
    QJsonObject ack {{QStringLiteral("agreement"), a.acknowledgements.agreement},
        {QStringLiteral("old_certificate_revocation"), a.acknowledgements.oldCertificateRevocation}};
    if (!a.acknowledgements.agreementVersion.isEmpty())
        ack.insert(QStringLiteral("agreement_version"), a.acknowledgements.agreementVersion);
    body.insert(QStringLiteral("acknowledgements"), ack);
    const bool institution = isInstitution(a.category);
    if (institution || everything) {
        body.insert(QStringLiteral("organization"), organizationToJson(a.organization));
        body.insert(QStringLiteral("agent"), personToJson(a.agent));
        QJsonObject bank {{QStringLiteral("account_name"), a.bank.accountName},
            {QStringLiteral("bank_code"), a.bank.bankCode},
            {QStringLiteral("account_number"), a.bank.accountNumber}};
        if (everything)
            bank.insert(QStringLiteral("bank_name"), a.bank.bankName);
        body.insert(QStringLiteral("bank"), bank);
    }
    if (!institution || everything)
        body.insert(QStringLiteral("applicant"), personToJson(a.applicant));
    body.insert(QStringLiteral("mailing"), mailingToJson(a.mailing));
    body.insert(
        QStringLiteral("invoice"), QJsonObject {{QStringLiteral("kind"), invoiceKindToApi(a.invoice)}});
    if (a.proof) {
        body.insert(QStringLiteral("proof"),
            QJsonObject {{QStringLiteral("challenge"), b64(a.proof->challenge)},
                {QStringLiteral("certificate"), b64(a.proof->certificate)},
                {QStringLiteral("signature"), b64(a.proof->signature)}});
    }
}

void readForm(const QJsonObject& json, Application& a)
{
    a.serial = str(json, "serial");
    a.category = categoryFromApi(str(json, "category")).value_or(CertificateCategory::Institution);
    a.years = json.value(QStringLiteral("years")).toInt(0);
    const QJsonObject ack = json.value(QStringLiteral("acknowledgements")).toObject();
    a.acknowledgements.agreement = ack.value(QStringLiteral("agreement")).toBool(false);
    a.acknowledgements.oldCertificateRevocation
        = ack.value(QStringLiteral("old_certificate_revocation")).toBool(false);
    a.acknowledgements.agreementVersion = str(ack, "agreement_version");
    const QJsonObject org = json.value(QStringLiteral("organization")).toObject();
    a.organization = {str(org, "name"), str(org, "credential_number"), str(org, "address")};
    a.agent = personFromJson(json.value(QStringLiteral("agent")).toObject());
    a.applicant = personFromJson(json.value(QStringLiteral("applicant")).toObject());
    const QJsonObject bank = json.value(QStringLiteral("bank")).toObject();
    a.bank = {str(bank, "account_name"), str(bank, "bank_code"), str(bank, "bank_name"),
        str(bank, "account_number")};
    const QJsonObject mailing = json.value(QStringLiteral("mailing")).toObject();
    a.mailing = {str(mailing, "province_code"), str(mailing, "city_code"), str(mailing, "county_code"),
        str(mailing, "address")};
    a.invoice = invoiceKindFromApi(str(json.value(QStringLiteral("invoice")).toObject(), "kind"))
                    .value_or(InvoiceKind::None);
    if (json.value(QStringLiteral("proof")).isObject()) {
        const QJsonObject p = json.value(QStringLiteral("proof")).toObject();
        a.proof = PossessionProof {bytes(p, "challenge"), bytes(p, "certificate"), bytes(p, "signature")};
    }
}

} // namespace

OldCertificateInfo OldCertificateInfo::fromJson(const QJsonObject& json)
{
    OldCertificateInfo info;
    info.serial = str(json, "serial");
    info.category = categoryFromApi(str(json, "category")).value_or(CertificateCategory::Institution);
    info.holderMasked = str(json, "holder");
    info.algorithm = str(json, "algorithm");
    info.notAfter = time(json, "not_after");
    info.status = str(json, "status");
    info.renewable = json.value(QStringLiteral("renewable")).toBool(false);
    info.reason = str(json, "reason");
    info.feePerYearFen = json.value(QStringLiteral("fee_per_year_fen")).toInteger();
    info.expressFen = json.value(QStringLiteral("express_fen")).toInteger();
    info.maxYears = json.value(QStringLiteral("max_years")).toInt();
    info.newValidityStart = time(json, "new_validity_start");
    info.challenge = bytes(json, "challenge");
    info.challengeExpiresAt = time(json, "challenge_expires_at");
    return info;
}

QJsonObject OldCertificateInfo::toJson() const
{
    return {
        {QStringLiteral("serial"), serial},
        {QStringLiteral("category"), categoryToApi(category)},
        {QStringLiteral("holder"), holderMasked},
        {QStringLiteral("algorithm"), algorithm},
        {QStringLiteral("not_after"), timeToJson(notAfter)},
        {QStringLiteral("status"), status},
        {QStringLiteral("renewable"), renewable},
        {QStringLiteral("reason"), reason.isEmpty() ? QJsonValue() : QJsonValue(reason)},
        {QStringLiteral("fee_per_year_fen"), feePerYearFen},
        {QStringLiteral("express_fen"), expressFen},
        {QStringLiteral("max_years"), maxYears},
        {QStringLiteral("new_validity_start"), timeToJson(newValidityStart)},
        {QStringLiteral("challenge"), b64(challenge)},
        {QStringLiteral("challenge_expires_at"), timeToJson(challengeExpiresAt)},
    };
}

const Person& Application::responsiblePerson() const
{
    return isInstitution(category) ? agent : applicant;
}

Person& Application::responsiblePerson()
{
    return isInstitution(category) ? agent : applicant;
}

Fees Application::expectedFees() const
{
    if (!oldCertificate)
        return {};
    return computeFees(oldCertificate->feePerYearFen, years, oldCertificate->expressFen);
}

QJsonObject Application::toApiBody() const
{
    QJsonObject body;
    writeForm(*this, body, false);
    // The service answers the telecom real-name check only under a lookup of this certificate by this
    // client (docs/api.md, "Applications"): the lookup's challenge names it, wherever the application is
    // sent from.
    if (const QByteArray challenge = lookupChallenge(); !challenge.isEmpty())
        body.insert(QStringLiteral("lookup_challenge"), b64(challenge));
    return body;
}

QByteArray Application::lookupChallenge() const
{
    if (!oldCertificate || oldCertificate->challenge.isEmpty())
        return {};
    const QString looked = normalizeSerial(oldCertificate->serial);
    return !looked.isEmpty() && looked == normalizeSerial(serial) ? oldCertificate->challenge : QByteArray();
}

Application Application::fromApiJson(const QJsonObject& json)
{
    Application a;
    readForm(json, a);
    // When the service stored the acknowledgement (docs/api.md: added to the stored form).
    a.acknowledgements.acknowledgedAt
        = time(json.value(QStringLiteral("acknowledgements")).toObject(), "acknowledged_at");
    a.id = str(json, "id");
    a.orderNo = str(json, "order_no");
    a.status = statusFromApi(str(json, "status")).value_or(ApplicationStatus::Draft);
    a.fees = feesFromJson(json.value(QStringLiteral("fees")).toObject());
    a.holderVerified = json.value(QStringLiteral("holder_verified")).toBool(false);
    a.holderChanged = json.value(QStringLiteral("holder_changed")).toBool(false);
    a.checklist = Checklist::fromJson(json.value(QStringLiteral("checklist")).toObject());
    const QJsonObject rejection = json.value(QStringLiteral("rejection")).toObject();
    for (const QJsonValue& v : rejection.value(QStringLiteral("reasons")).toArray()) {
        const QJsonObject r = v.toObject();
        a.rejection.append({str(r, "target"), str(r, "message")});
    }
    if (json.value(QStringLiteral("shipment")).isObject()) {
        const QJsonObject s = json.value(QStringLiteral("shipment")).toObject();
        a.shipment = Shipment {str(s, "carrier"), str(s, "tracking_no")};
    }
    if (json.value(QStringLiteral("issuance")).isObject()) {
        const QJsonObject i = json.value(QStringLiteral("issuance")).toObject();
        const auto der = [&i](const char* key) { return QByteArray::fromBase64(str(i, key).toLatin1()); };
        a.issuance = ConfirmedIssuance {str(i, "signing_serial"), str(i, "encryption_serial"),
            der("signing_certificate"), der("encryption_certificate"), time(i, "not_before"),
            time(i, "not_after")};
    }
    for (const QJsonValue& v : json.value(QStringLiteral("timeline")).toArray()) {
        const QJsonObject t = v.toObject();
        TimelineEntry entry;
        entry.status = statusFromApi(str(t, "status")).value_or(ApplicationStatus::Draft);
        entry.at = time(t, "at");
        entry.note = str(t, "note");
        a.timeline.append(entry);
    }
    return a;
}

QJsonObject Application::toDraftJson() const
{
    QJsonObject json;
    writeForm(*this, json, true);
    json.insert(QStringLiteral("acknowledged_at"), timeToJson(acknowledgements.acknowledgedAt));
    if (oldCertificate)
        json.insert(QStringLiteral("old_certificate"), oldCertificate->toJson());
    json.insert(QStringLiteral("id"), id);
    json.insert(QStringLiteral("order_no"), orderNo);
    json.insert(QStringLiteral("status"), statusToApi(status));
    json.insert(QStringLiteral("fees"), feesToJson(fees));
    json.insert(QStringLiteral("holder_verified"), holderVerified);
    return json;
}

Application Application::fromDraftJson(const QJsonObject& json)
{
    Application a;
    readForm(json, a);
    a.acknowledgements.acknowledgedAt = time(json, "acknowledged_at");
    if (json.value(QStringLiteral("old_certificate")).isObject())
        a.oldCertificate
            = OldCertificateInfo::fromJson(json.value(QStringLiteral("old_certificate")).toObject());
    a.id = str(json, "id");
    a.orderNo = str(json, "order_no");
    a.status = statusFromApi(str(json, "status")).value_or(ApplicationStatus::Draft);
    a.fees = feesFromJson(json.value(QStringLiteral("fees")).toObject());
    a.holderVerified = json.value(QStringLiteral("holder_verified")).toBool(false);
    return a;
}

QString invoiceKindToApi(InvoiceKind kind)
{
    return kind == InvoiceKind::Electronic ? QStringLiteral("electronic") : QStringLiteral("none");
}

std::optional<InvoiceKind> invoiceKindFromApi(const QString& value)
{
    if (value == QLatin1String("none"))
        return InvoiceKind::None;
    if (value == QLatin1String("electronic"))
        return InvoiceKind::Electronic;
    return std::nullopt;
}

QString normalizeSerial(const QString& input)
{
    QString out;
    out.reserve(input.size());
    for (QChar c : input) {
        if (c == QLatin1Char(':') || c.isSpace())
            continue;
        const char16_t u = c.toLower().unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f')))
            return {};
        out.append(c.toUpper());
    }
    return out;
}

} // namespace certdesk
