#pragma once

#include "token/TokenTypes.h"

#include <QList>
#include <QString>

namespace certdesk::issuance {

// A write-ahead list of the objects a programming run is about to create on a token, kept in a small JSON
// file so that it survives the token being pulled, the client being killed, or the PC losing power mid-write.
// The job records each object (class + CKA_ID: what survives a re-plug) BEFORE creating it and forgets it
// once the run is confirmed or rolled back; the next run on the same token logs in and removes whatever is
// still listed before it writes anything. Destroying an object needs the user PIN (private keys), which only
// a new run has — so the cleanup of a pulled token happens at the start of the next run.
//
// Holds no secrets and no personal data: token identities (module file, serial, label) and CKA_IDs only.
// Use from one thread (the job's). Writes are atomic (QSaveFile).
class RollbackJournal
{
public:
    // `path` empty: defaultPath().
    explicit RollbackJournal(QString path = {});

    // <GenericDataLocation>/CertDesk/token-journal.json, shared by the GUI and certdesk-cli.
    [[nodiscard]] static QString defaultPath();
    // The key of a token in the journal: module file name, serial and label (slot numbers change).
    [[nodiscard]] static QString tokenKey(const token::TokenInfo& token);

    [[nodiscard]] const QString& path() const { return m_path; }

    // Objects recorded for this token and not yet resolved.
    [[nodiscard]] QList<token::ObjectRef> pending(const QString& tokenKey) const;
    // Adds objects (duplicates are kept once). False when the file cannot be written: the caller must not go
    // on writing to the token then, or a pulled token could keep objects nobody knows about.
    [[nodiscard]] bool add(const QString& tokenKey, const QList<token::ObjectRef>& objects);
    // Forgets these objects (resolved: confirmed, or destroyed).
    [[nodiscard]] bool remove(const QString& tokenKey, const QList<token::ObjectRef>& objects);
    // Forgets everything recorded for the token.
    [[nodiscard]] bool clear(const QString& tokenKey);

private:
    QString m_path;
};

} // namespace certdesk::issuance
