#include "LegacyCommands.h"

#include "Api.h"
#include "Audit.h"
#include "Database.h"

#include "domain/Category.h"
#include "pki/CertificateInfo.h"
#include "pki/LegacyRsaCa.h"
#include "pki/Pem.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace certdesk::server {

namespace {

struct UsageError
{
    QString message;
};

// Times as the service stores them (Api's format): RFC 3339 UTC to the second.
QString iso(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

void print(FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

// One or more certificates: PEM (several blocks allowed) or one DER certificate.
QList<QByteArray> certificatesIn(const QByteArray& bytes)
{
    QList<QByteArray> certificates = pki::certificatesFromPem(bytes);
    if (certificates.isEmpty() && pki::CertificateInfo::parse(bytes))
        certificates.append(bytes);
    return certificates;
}

// --categories: `serial,category` per line (RFC 4180 CSV without quoting; the serial in hex, case and colons
// or spaces ignored; the category as the API names it). A header line `serial,category`, blank lines and
// lines starting with # are skipped. Any other malformed line is a usage error naming the line.
QHash<QString, CertificateCategory> readCategories(const QString& path)
{
    QHash<QString, CertificateCategory> categories;
    if (path.isEmpty())
        return categories;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw UsageError {QStringLiteral("cannot read the categories file %1").arg(path)};
    int number = 0;
    for (const QByteArray& raw : file.readAll().split('\n')) {
        ++number;
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))
            || line.compare(QLatin1String("serial,category"), Qt::CaseInsensitive) == 0)
            continue;
        const QStringList fields = line.split(QLatin1Char(','));
        const QString serial = fields.size() == 2 ? Api::canonicalSerial(fields.at(0).trimmed()) : QString();
        const auto category = fields.size() == 2 ? categoryFromApi(fields.at(1).trimmed()) : std::nullopt;
        if (serial.isEmpty() || !category)
            throw UsageError {
                QStringLiteral("%1:%2: expected `serial,category` with a hex serial and one of institution, "
                               "institution_business, institution_personal, natural_person")
                    .arg(path)
                    .arg(number)};
        if (categories.contains(serial) && categories.value(serial) != *category)
            throw UsageError {
                QStringLiteral("%1:%2: serial %3 is given two categories").arg(path).arg(number).arg(serial)};
        categories.insert(serial, *category);
    }
    return categories;
}

pki::LegacyRsaCa configuredLegacyCa(const ServiceOptions& options)
{
    if (options.legacyCertificate.isEmpty())
        throw UsageError {QStringLiteral(
            "no legacy CA is configured: name its certificate in [legacy_ca] certificate of the config "
            "(--config), see docs/server.conf.example")};
    QFile file(options.legacyCertificate);
    if (!file.open(QIODevice::ReadOnly))
        throw UsageError {QStringLiteral("cannot read the legacy CA certificate %1").arg(file.fileName())};
    const QList<QByteArray> certificates = certificatesIn(file.readAll());
    if (certificates.size() != 1)
        throw UsageError {
            QStringLiteral("%1 must hold one certificate (PEM or DER)").arg(options.legacyCertificate)};
    auto ca = pki::LegacyRsaCa::fromCertificate(certificates.front(), {});
    if (!ca)
        throw UsageError {QStringLiteral("legacy CA %1: %2").arg(options.legacyCertificate, ca.detail())};
    return std::move(ca).value();
}

struct Imported
{
    CertificateCategory category = CertificateCategory::Institution;
    QString holder;
    QString credentialNumber;
};

// What the lookup needs from a certificate, after the naming rules CertDesk (and its sandbox legacy CA)
// uses (core/pki/Subject.h): a natural person carries the ID number in extension 1.2.156.10260.4.1.1 (GM/T
// 0015), an institution O and serialNumber = its unified social credit code. The three institution kinds
// look the same in a certificate: without a --categories entry an institution's certificate is
// `institution`. A category from --categories wins. Returns the reason when it cannot be imported.
std::optional<Imported> describe(
    const pki::CertificateInfo& info, std::optional<CertificateCategory> mapped, QString* reason)
{
    Imported out;
    const pki::Subject& subject = info.subject;
    if (mapped) {
        out.category = *mapped;
    } else if (!info.personIdNumber.isEmpty()) {
        out.category = CertificateCategory::NaturalPerson;
    } else if (!subject.organization.isEmpty() && !subject.serialNumber.isEmpty()) {
        out.category = CertificateCategory::Institution;
    } else {
        *reason = QStringLiteral(
            "the category cannot be inferred (no ID number extension 1.2.156.10260.4.1.1, no O with "
            "serialNumber): give it in --categories");
        return std::nullopt;
    }
    if (out.category == CertificateCategory::NaturalPerson) {
        out.holder = subject.commonName;
        out.credentialNumber = info.personIdNumber.isEmpty() ? subject.serialNumber : info.personIdNumber;
    } else {
        out.holder = subject.organization.isEmpty() ? subject.commonName : subject.organization;
        out.credentialNumber = subject.serialNumber;
    }
    if (out.holder.isEmpty()) {
        *reason = QStringLiteral("the subject names no holder (no CN or O)");
        return std::nullopt;
    }
    if (out.credentialNumber.isEmpty()) {
        *reason = QStringLiteral("the certificate carries no credential number for a %1 certificate")
                      .arg(categoryToApi(out.category));
        return std::nullopt;
    }
    return out;
}

int importCertificates(
    const QStringList& files, const ServiceOptions& options, const LegacyCommandOptions& command)
{
    if (files.isEmpty())
        throw UsageError {
            QStringLiteral("legacy import FILE… [--categories FILE.csv]: name at least one file")};
    const pki::LegacyRsaCa ca = configuredLegacyCa(options);
    const QHash<QString, CertificateCategory> categories = readCategories(command.categoriesFile);
    if (!QDir().mkpath(command.dataDir))
        throw std::runtime_error("cannot create the data directory");
    Database database(command.database);
    QString message;
    if (!database.migrate(&message))
        throw std::runtime_error(message.toStdString());

    int added = 0;
    int present = 0;
    int refused = 0;
    const auto refuse = [&refused](const QString& where, const QString& reason) {
        ++refused;
        print(stdout, QStringLiteral("refused %1: %2").arg(where, reason));
    };
    for (const QString& path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            refuse(path, QStringLiteral("cannot read the file"));
            continue;
        }
        const QList<QByteArray> certificates = certificatesIn(file.readAll());
        if (certificates.isEmpty()) {
            refuse(path, QStringLiteral("no certificate in it (PEM or DER X.509)"));
            continue;
        }
        for (qsizetype i = 0; i < certificates.size(); ++i) {
            const QByteArray& der = certificates.at(i);
            const QString where
                = certificates.size() == 1 ? path : QStringLiteral("%1 #%2").arg(path).arg(i + 1);
            // Issued by the configured CA: the signature, not only the issuer's name.
            if (auto issued = ca.checkIssued(der); !issued) {
                refuse(where, QStringLiteral("not issued by the legacy CA: %1").arg(issued.detail()));
                continue;
            }
            const auto info = pki::CertificateInfo::parse(der);
            if (!info) {
                refuse(where, QStringLiteral("unreadable certificate: %1").arg(info.detail()));
                continue;
            }
            if (info->isCa) {
                refuse(where, QStringLiteral("a CA certificate, not a holder's"));
                continue;
            }
            const QString serial = Api::canonicalSerial(info->serialHex);
            WriteTransaction tx(database);
            const QVariant stored = scalar(tx.db(),
                QStringLiteral("SELECT certificate FROM legacy_certificates WHERE serial = ?"), {serial});
            if (stored.isValid()) {
                // The same certificate again changes nothing (its category neither); another certificate
                // under the serial of one already there is not silently replaced.
                if (QByteArray::fromBase64(stored.toString().toLatin1()) == der) {
                    ++present;
                    print(stdout, QStringLiteral("already present %1 (%2)").arg(serial, where));
                } else {
                    refuse(where,
                        QStringLiteral("serial %1 is registered with another certificate").arg(serial));
                }
                continue;
            }
            const auto mapped = categories.constFind(serial);
            QString reason;
            const auto imported = describe(
                *info, mapped == categories.cend() ? std::nullopt : std::optional(mapped.value()), &reason);
            if (!imported) {
                refuse(where, reason);
                continue;
            }
            const QString now = iso(QDateTime::currentDateTimeUtc());
            run(tx.db(),
                QStringLiteral("INSERT INTO legacy_certificates (serial, category, holder, "
                               "credential_number, algorithm, "
                               "not_before, not_after, certificate, seeded, note, created_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"),
                {serial, categoryToApi(imported->category), imported->holder, imported->credentialNumber,
                    info->keyAlgorithm, iso(info->notBefore), iso(info->notAfter),
                    QString::fromLatin1(der.toBase64()),
                    QStringLiteral("imported from %1").arg(QFileInfo(path).fileName()), now});
            audit::append(tx.db(), QStringLiteral("system"), QStringLiteral("legacy_import"), serial,
                {{QStringLiteral("category"), categoryToApi(imported->category)},
                    {QStringLiteral("file"), QFileInfo(path).fileName()}});
            tx.commit();
            ++added;
            // Serial and category only: the holder's name and number are personal data.
            print(stdout,
                QStringLiteral("added %1 %2 (%3)").arg(serial, categoryToApi(imported->category), where));
        }
    }
    print(stdout,
        QStringLiteral("added %1, already present %2, refused %3").arg(added).arg(present).arg(refused));
    return refused == 0 ? 0 : 1;
}

int exportRevocations(const QStringList& rest, const LegacyCommandOptions& command)
{
    if (!rest.isEmpty())
        throw UsageError {
            QStringLiteral("legacy revocations [--since RFC3339] [--format csv|jsonl] takes no files")};
    const bool jsonLines = command.format == QLatin1String("jsonl");
    if (!command.format.isEmpty() && !jsonLines && command.format != QLatin1String("csv"))
        throw UsageError {QStringLiteral("--format is csv or jsonl, not %1").arg(command.format)};
    QString since;
    if (!command.since.isEmpty()) {
        const QDateTime at = QDateTime::fromString(command.since, Qt::ISODateWithMs);
        if (!at.isValid() || at.timeSpec() == Qt::LocalTime)
            throw UsageError {QStringLiteral(
                "--since takes an RFC 3339 time with its offset, e.g. 2026-01-31T00:00:00Z, not %1")
                                  .arg(command.since)};
        since = iso(at);
    }
    if (!command.database.isPostgres() && !QFileInfo::exists(command.database.sqlitePath))
        throw UsageError {QStringLiteral("%1 holds no service database").arg(command.dataDir)};
    Database database(command.database);
    QString message;
    if (!database.migrate(&message))
        throw std::runtime_error(message.toStdString());
    const ReadTransaction rt(database);
    // A null QString binds as SQL NULL, which compares with nothing: no --since, no condition.
    QSqlQuery q = since.isEmpty()
        ? run(rt.db(),
            QStringLiteral("SELECT serial, reason, revoked_at, order_no, webhook_status, delivered_at FROM "
                           "legacy_revocation_queue ORDER BY revoked_at, serial"))
        : run(rt.db(),
            QStringLiteral("SELECT serial, reason, revoked_at, order_no, webhook_status, delivered_at FROM "
                           "legacy_revocation_queue WHERE revoked_at >= ? ORDER BY revoked_at, serial"),
            {since});
    if (!jsonLines)
        print(stdout, QStringLiteral("serial,reason,revoked_at,order_no,webhook,delivered_at"));
    while (q.next()) {
        const QString serial = q.value(0).toString();
        const QString reason = q.value(1).toString();
        const QString revokedAt = q.value(2).toString();
        const QString orderNo = q.value(3).toString();
        const QString webhook = q.value(4).toString();
        const QString deliveredAt = q.value(5).toString();
        if (jsonLines) {
            print(stdout,
                QString::fromUtf8(QJsonDocument(
                    QJsonObject {{QStringLiteral("serial"), serial}, {QStringLiteral("reason"), reason},
                        {QStringLiteral("revoked_at"), revokedAt}, {QStringLiteral("order_no"), orderNo},
                        {QStringLiteral("webhook"), webhook},
                        {QStringLiteral("delivered_at"),
                            deliveredAt.isEmpty() ? QJsonValue() : QJsonValue(deliveredAt)}})
                                      .toJson(QJsonDocument::Compact)));
        } else {
            // Every field is hex, a keyword, a time or an order number: nothing needs CSV quoting.
            print(stdout,
                QStringList {serial, reason, revokedAt, orderNo, webhook, deliveredAt}.join(
                    QLatin1Char(',')));
        }
    }
    return 0;
}

} // namespace

int runLegacyCommand(
    const QStringList& arguments, const ServiceOptions& options, const LegacyCommandOptions& command)
{
    try {
        const QString verb = arguments.value(0);
        if (verb == QLatin1String("import"))
            return importCertificates(arguments.mid(1), options, command);
        if (verb == QLatin1String("revocations"))
            return exportRevocations(arguments.mid(1), command);
        throw UsageError {QStringLiteral(
            "legacy import FILE… [--categories FILE.csv] | legacy revocations [--since RFC3339] [--format "
            "csv|jsonl]")};
    } catch (const UsageError& e) {
        print(stderr, QStringLiteral("certdesk-server: %1").arg(e.message));
        return 2;
    } catch (const std::exception& e) {
        print(stderr, QStringLiteral("certdesk-server: %1").arg(QString::fromUtf8(e.what())));
        return 1;
    }
}

} // namespace certdesk::server
