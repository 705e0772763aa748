#include "ReferenceData.h"

#include <QFile>
#include <QJsonDocument>

#include <stdexcept>

namespace certdesk::server {

namespace {

QJsonDocument parse(const QByteArray& bytes, const char* name)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        throw std::runtime_error(std::string("malformed resource ") + name);
    return doc;
}

} // namespace

QByteArray ReferenceData::builtinFile(const QString& name)
{
    QFile file(QStringLiteral(":/certdesk/server/data/") + name);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("missing resource " + name.toStdString());
    return file.readAll();
}

ReferenceData::ReferenceData()
    : ReferenceData(builtinFile(QStringLiteral("reference.json")), builtinFile(QStringLiteral("banks.json")),
        builtinFile(QStringLiteral("sandbox.json")))
{ }

ReferenceData::ReferenceData(
    const QByteArray& referenceJson, const QByteArray& banksJson, const QByteArray& sandboxJson)
{
    const QJsonObject reference = parse(referenceJson, "reference.json").object();
    m_fees = reference.value(QStringLiteral("fees")).toObject();
    m_contact = reference.value(QStringLiteral("contact")).toObject();
    m_transfer = reference.value(QStringLiteral("corporate_transfer")).toObject();
    const QJsonObject perYear = m_fees.value(QStringLiteral("per_year_fen")).toObject();
    for (auto it = perYear.constBegin(); it != perYear.constEnd(); ++it)
        m_feePerYear.insert(it.key(), it.value().toInteger());
    m_expressFen = m_fees.value(QStringLiteral("express_fen")).toInteger();
    m_maxYears = m_fees.value(QStringLiteral("max_years")).toInt(3);
    const QJsonObject window = reference.value(QStringLiteral("renewal_window")).toObject();
    m_daysBefore = window.value(QStringLiteral("days_before_expiry")).toInt(90);
    m_daysAfter = window.value(QStringLiteral("days_after_expiry")).toInt(365);
    m_maxPixels = reference.value(QStringLiteral("max_document_pixels")).toInteger(50000000);

    const QJsonArray banks = parse(banksJson, "banks.json").array();
    for (const QJsonValue& value : banks) {
        const QJsonObject bank = value.toObject();
        const Bank b {
            bank.value(QStringLiteral("code")).toString(), bank.value(QStringLiteral("name")).toString()};
        if (b.code.isEmpty() || b.name.isEmpty() || m_bankIndex.contains(b.code))
            throw std::runtime_error("malformed bank list");
        m_bankIndex.insert(b.code, int(m_banks.size()));
        m_banks.append(b);
    }
    m_sandbox = parse(sandboxJson, "sandbox.json").object();
}

Fen ReferenceData::feePerYearFen(CertificateCategory category) const
{
    return m_feePerYear.value(categoryToApi(category), 0);
}

QList<ReferenceData::Bank> ReferenceData::searchBanks(const QString& query, int limit) const
{
    const QStringList words = query.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<Bank> found;
    for (const Bank& bank : m_banks) {
        if (int(found.size()) >= limit)
            break;
        bool all = true;
        for (const QString& word : words) {
            if (!bank.name.contains(word, Qt::CaseInsensitive) && bank.code != word) {
                all = false;
                break;
            }
        }
        if (all)
            found.append(bank);
    }
    return found;
}

QString ReferenceData::bankName(const QString& code) const
{
    const auto it = m_bankIndex.constFind(code);
    return it == m_bankIndex.constEnd() ? QString() : m_banks[*it].name;
}

} // namespace certdesk::server
