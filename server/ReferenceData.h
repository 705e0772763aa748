#pragma once

#include "domain/Category.h"
#include "domain/Fees.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace certdesk::server {

// Read-only reference data built into the service (resources under :/certdesk/server/data): fees and limits,
// the CA's contact channels, the payee for corporate transfers, the bank list, and the sandbox seed.
class ReferenceData
{
public:
    struct Bank
    {
        QString code;
        QString name;
    };

    // Loads the built-in files. Throws std::runtime_error when a resource is missing or malformed (a broken
    // build, never user input).
    ReferenceData();
    // The same from the bytes of reference.json, banks.json and sandbox.json (what the built-in files hold);
    // throws std::runtime_error when one is malformed.
    ReferenceData(
        const QByteArray& referenceJson, const QByteArray& banksJson, const QByteArray& sandboxJson);

    // The bytes of a built-in data file ("banks.json"); throws std::runtime_error when it is missing.
    [[nodiscard]] static QByteArray builtinFile(const QString& name);

    [[nodiscard]] Fen feePerYearFen(CertificateCategory category) const;
    [[nodiscard]] Fen expressFen() const { return m_expressFen; }
    [[nodiscard]] int maxYears() const { return m_maxYears; }
    [[nodiscard]] int daysBeforeExpiry() const { return m_daysBefore; }
    [[nodiscard]] int daysAfterExpiry() const { return m_daysAfter; }
    [[nodiscard]] qint64 maxPixels() const { return m_maxPixels; }
    [[nodiscard]] QJsonObject fees() const { return m_fees; }
    [[nodiscard]] QJsonObject contact() const { return m_contact; }
    [[nodiscard]] QJsonObject corporateTransfer() const { return m_transfer; }

    // Banks whose name contains every whitespace-separated keyword (case-insensitive), in list order.
    [[nodiscard]] QList<Bank> searchBanks(const QString& query, int limit) const;
    // The bank's name, or empty for an unknown code.
    [[nodiscard]] QString bankName(const QString& code) const;

    [[nodiscard]] QJsonObject sandboxSeed() const { return m_sandbox; }

private:
    QJsonObject m_fees;
    QJsonObject m_contact;
    QJsonObject m_transfer;
    QJsonObject m_sandbox;
    QHash<QString, Fen> m_feePerYear;
    Fen m_expressFen = 0;
    int m_maxYears = 3;
    int m_daysBefore = 90;
    int m_daysAfter = 365;
    qint64 m_maxPixels = 50000000;
    QList<Bank> m_banks;
    QHash<QString, int> m_bankIndex;
};

} // namespace certdesk::server
