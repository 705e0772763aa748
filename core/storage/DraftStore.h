#pragma once

#include "domain/Application.h"

#include <QDateTime>
#include <QList>
#include <QSqlQuery>
#include <QString>
#include <optional>

namespace certdesk {

class LocalStore;

struct Draft
{
    QString id;
    Application application;
    int step = 0; // wizard page the person was on
    QString idempotencyKey; // of the create call, reused on retry
    QDateTime createdAt;
    QDateTime updatedAt;
};

// What the home page lists: no personal data beyond the organisation/person name the user typed.
struct DraftSummary
{
    QString id;
    CertificateCategory category = CertificateCategory::Institution;
    QString title; // organisation or applicant name, or the serial
    int step = 0;
    QDateTime updatedAt;
};

// Drafts of applications, saved on every change (the wizard calls save() after each edit), so a killed client
// loses nothing that was typed. Each save is one small transaction on a prepared statement.
class DraftStore
{
public:
    explicit DraftStore(LocalStore& store);

    // A new draft id (UUID) with the application saved under it; empty on failure.
    [[nodiscard]] QString create(const Application& application, int step = 0);
    [[nodiscard]] bool save(const QString& id, const Application& application, int step);
    [[nodiscard]] bool setIdempotencyKey(const QString& id, const QString& key);
    [[nodiscard]] std::optional<Draft> load(const QString& id) const;
    // Most recently changed first.
    [[nodiscard]] QList<DraftSummary> list() const;
    [[nodiscard]] bool remove(const QString& id);
    // Deletes every draft (kiosk session end). Returns the number removed, -1 on failure.
    [[nodiscard]] int removeAll();

private:
    LocalStore& m_store;
    mutable std::optional<QSqlQuery> m_saveQuery;
};

} // namespace certdesk
