#include "AgreementDocument.h"

#include "ReferenceData.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QStringDecoder>

namespace certdesk::server {

namespace {

constexpr qsizetype kMaxVersionLength = 64; // the API's limit for acknowledgements.agreement_version
constexpr qint64 kMaxBytes = 1024 * 1024;

} // namespace

AgreementDocument AgreementDocument::load(const ServiceOptions& options)
{
    AgreementDocument doc;
    if (options.agreementFile.isEmpty()) {
        if (!options.agreementVersion.isEmpty())
            throw ConfigurationError("[agreement] version is set without a file");
        doc.version = QStringLiteral("sample-2026-1");
        doc.title = QCoreApplication::translate(
            "certdesk::Server", "Electronic certification service agreement (sample)");
        doc.html = QString::fromUtf8(ReferenceData::builtinFile(QStringLiteral("agreement-sample.html")));
        doc.sample = true;
        return doc;
    }
    const QString version = options.agreementVersion.trimmed();
    if (version.isEmpty() || version.size() > kMaxVersionLength)
        throw ConfigurationError(
            "[agreement] version: give the agreement's version label (1 to 64 characters)");
    QFile file(options.agreementFile);
    if (!file.open(QIODevice::ReadOnly))
        throw ConfigurationError(QStringLiteral("[agreement] file %1: %2")
                                     .arg(options.agreementFile, file.errorString())
                                     .toStdString());
    const QByteArray bytes = file.read(kMaxBytes + 1);
    if (bytes.trimmed().isEmpty() || bytes.size() > kMaxBytes)
        throw ConfigurationError(QStringLiteral("[agreement] file %1: empty or larger than 1 MiB")
                                     .arg(options.agreementFile)
                                     .toStdString());
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString html = utf8(bytes);
    if (utf8.hasError())
        throw ConfigurationError(
            QStringLiteral("[agreement] file %1: not UTF-8").arg(options.agreementFile).toStdString());
    doc.version = version;
    doc.title = options.agreementTitle.trimmed().isEmpty()
        ? QCoreApplication::translate("certdesk::Server", "Electronic certification service agreement")
        : options.agreementTitle.trimmed();
    doc.html = html;
    return doc;
}

QJsonObject AgreementDocument::toJson() const
{
    return QJsonObject {{QStringLiteral("version"), version}, {QStringLiteral("title"), title},
        {QStringLiteral("html"), html},
        {QStringLiteral("sha256"),
            QString::fromLatin1(QCryptographicHash::hash(html.toUtf8(), QCryptographicHash::Sha256).toHex())},
        {QStringLiteral("sample"), sample}};
}

} // namespace certdesk::server
