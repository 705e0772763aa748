#include "idcard/ProcessIdCardReader.h"

#include "idcard/SdtIdCardReader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace certdesk::idcard {

namespace {

// Status names on the pipe (stable text, not the enum's numbers).
const std::pair<IdCardStatus, const char*> StatusNames[] = {
    {IdCardStatus::Ok, "ok"},
    {IdCardStatus::NoReader, "no_reader"},
    {IdCardStatus::NoCard, "no_card"},
    {IdCardStatus::ReadFailed, "read_failed"},
    {IdCardStatus::BadData, "bad_data"},
    {IdCardStatus::UnsupportedCard, "unsupported_card"},
    {IdCardStatus::NotResponding, "not_responding"},
    {IdCardStatus::DriverFailed, "driver_failed"},
    {IdCardStatus::InternalError, "internal_error"},
};

QString statusName(IdCardStatus status)
{
    for (const auto& [s, name] : StatusNames) {
        if (s == status)
            return QLatin1String(name);
    }
    return QStringLiteral("internal_error");
}

IdCardStatus statusFromName(const QString& name)
{
    for (const auto& [s, n] : StatusNames) {
        if (name == QLatin1String(n))
            return s;
    }
    return IdCardStatus::InternalError;
}

} // namespace

ProcessIdCardReader::ProcessIdCardReader(QString helper, QString library, std::chrono::milliseconds timeout)
    : m_helper(std::move(helper))
    , m_library(std::move(library))
    , m_timeout(timeout)
{ }

IdCardResult<IdCardInfo> ProcessIdCardReader::read()
{
    QProcess helper;
    helper.setProgram(m_helper);
    helper.setArguments({QStringLiteral("--library"), m_library});
    helper.setProcessChannelMode(QProcess::SeparateChannels);
    helper.start();
    if (!helper.waitForStarted(int(m_timeout.count())))
        return IdCardError {IdCardStatus::DriverFailed,
            QStringLiteral("the ID card helper did not start: %1").arg(helper.errorString())};
    if (!helper.waitForFinished(int(m_timeout.count()))) {
        helper.kill();
        helper.waitForFinished(2000);
        return IdCardError {
            IdCardStatus::NotResponding, QStringLiteral("the reader library hung; helper killed")};
    }
    const QByteArray out = helper.readAllStandardOutput();
    if (helper.exitStatus() == QProcess::CrashExit)
        return IdCardError {
            IdCardStatus::DriverFailed, QStringLiteral("the reader library crashed the helper")};
    const QJsonObject o = QJsonDocument::fromJson(out).object();
    if (o.isEmpty())
        return IdCardError {IdCardStatus::DriverFailed,
            QStringLiteral("the ID card helper ended (exit code %1) without an answer")
                .arg(helper.exitCode())};
    const IdCardStatus status = statusFromName(o.value(QLatin1String("status")).toString());
    if (status != IdCardStatus::Ok)
        return IdCardError {status, o.value(QLatin1String("detail")).toString()};
    IdCardInfo info;
    info.name = o.value(QLatin1String("name")).toString();
    info.idNumber = o.value(QLatin1String("id_number")).toString();
    // The helper parsed and checked the card; the two fields are still checked as any input from a child.
    if (info.name.isEmpty() || info.idNumber.size() != 18)
        return IdCardError {
            IdCardStatus::BadData, QStringLiteral("the ID card helper's answer is incomplete")};
    return info;
}

QString ProcessIdCardReader::locateHelper()
{
    const QString fromEnvironment = qEnvironmentVariable("CERTDESK_IDCARD_HELPER");
    if (!fromEnvironment.isEmpty())
        return QFileInfo::exists(fromEnvironment) ? fromEnvironment : QString();
    if (!QCoreApplication::instance())
        return {};
#if defined(Q_OS_WIN)
    const QString name = QStringLiteral("certdesk-idcard.exe");
#else
    const QString name = QStringLiteral("certdesk-idcard");
#endif
    const QString candidate = QDir(QCoreApplication::applicationDirPath()).filePath(name);
    return QFileInfo::exists(candidate) ? candidate : QString();
}

std::shared_ptr<IdCardReader> ProcessIdCardReader::createDefault()
{
    const QString helper = locateHelper();
    if (helper.isEmpty())
        return std::make_shared<SdtIdCardReader>(SdtIdCardReader::defaultLibrary());
    return std::make_shared<ProcessIdCardReader>(helper, SdtIdCardReader::defaultLibrary());
}

QByteArray readCardAsJson(const QString& library)
{
    SdtIdCardReader reader(library);
    const auto r = reader.read();
    QJsonObject o;
    o.insert(QLatin1String("status"), statusName(r.status()));
    if (r.hasValue()) {
        o.insert(QLatin1String("name"), r->name);
        o.insert(QLatin1String("id_number"), r->idNumber);
    } else {
        o.insert(QLatin1String("detail"), r.error().detail);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace certdesk::idcard
