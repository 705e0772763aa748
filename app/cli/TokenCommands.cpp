// certdesk-cli token list | show | program.
#include "Cli.h"
#include "SecretInput.h"

#include "api/ApiClient.h"
#include "issuance/ProgrammingJob.h"
#include "pki/CertificateInfo.h"
#include "pki/Pem.h"
#include "platform/Interrupts.h"
#include "token/ModuleLoader.h"
#include "token/TokenSession.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QTimeZone>
#include <QUrl>

#include <chrono>
#include <memory>

namespace certdesk::cli {

namespace {

QString yesNo(bool value)
{
    return value ? QCoreApplication::translate("certdesk::Cli", "yes")
                 : QCoreApplication::translate("certdesk::Cli", "no");
}

QString pinState(const token::PinInfo& pin)
{
    if (pin.locked)
        return QCoreApplication::translate("certdesk::Cli", "locked");
    if (pin.finalTry)
        return QCoreApplication::translate("certdesk::Cli", "one try left");
    if (pin.countLow)
        return QCoreApplication::translate("certdesk::Cli", "few tries left");
    if (!pin.initialized)
        return QCoreApplication::translate("certdesk::Cli", "not set");
    QString state = QCoreApplication::translate("certdesk::Cli", "ok");
    if (pin.toBeChanged)
        state += QStringLiteral(", ") + QCoreApplication::translate("certdesk::Cli", "must be changed");
    if (pin.protectedAuthenticationPath)
        state += QStringLiteral(", ") + QCoreApplication::translate("certdesk::Cli", "PIN pad");
    return state;
}

QString shanghai(const QDateTime& utc)
{
    return utc.toTimeZone(QTimeZone(QByteArrayLiteral("Asia/Shanghai")))
        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// Prints the module failure and returns ExitToken.
int tokenFailure(const QString& what, const token::TokenError& error)
{
    err() << what << QStringLiteral(": ") << token::tokenStatusMessage(error.status) << Qt::endl;
    return ExitToken;
}

QCommandLineOption moduleOption()
{
    return QCommandLineOption(QStringList {QStringLiteral("m"), QStringLiteral("module")},
        QCoreApplication::translate("certdesk::Cli", "PKCS#11 module (UKey driver) file."),
        QStringLiteral("module"));
}

QCommandLineOption tokenOption()
{
    return QCommandLineOption(QStringList {QStringLiteral("t"), QStringLiteral("token")},
        QCoreApplication::translate("certdesk::Cli", "Label of the UKey."), QStringLiteral("label"));
}

QCommandLineOption serialOption()
{
    return QCommandLineOption(QStringLiteral("serial"),
        QCoreApplication::translate(
            "certdesk::Cli", "Serial number of the UKey, when several UKeys carry the same label."),
        QStringLiteral("serial"));
}

} // namespace

int tokenList(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("certdesk::Cli",
        "Lists the UKeys in the slots of PKCS#11 modules. Without --module, the "
        "modules installed on this computer are used."));
    const QCommandLineOption module = moduleOption();
    parser.addOption(module);
    int exitCode = ExitSuccess;
    if (!parseCommand(parser, arguments, &exitCode))
        return exitCode;

    QStringList paths = parser.values(module);
    if (paths.isEmpty())
        paths = token::ModuleLoader::installedModulePaths();
    if (paths.isEmpty()) {
        err() << QCoreApplication::translate("certdesk::Cli",
            "No UKey driver (PKCS#11 module) is installed. Install the UKey vendor's driver or name one "
            "with --module.")
              << Qt::endl;
        return ExitToken;
    }
    int result = ExitSuccess;
    for (const QString& path : std::as_const(paths)) {
        token::TokenResult<token::Pkcs11Module> loaded = token::ModuleLoader::load(path);
        if (!loaded) {
            result = tokenFailure(path, loaded.error());
            continue;
        }
        token::TokenResult<QList<token::TokenInfo>> tokens = loaded->tokens();
        if (!tokens) {
            result = tokenFailure(path, tokens.error());
            continue;
        }
        out() << QCoreApplication::translate("certdesk::Cli", "Module %1 (%2)")
                     .arg(path, loaded->libraryDescription())
              << Qt::endl;
        if (tokens->isEmpty())
            out() << QStringLiteral("  ") << QCoreApplication::translate("certdesk::Cli", "no UKey inserted")
                  << Qt::endl;
        for (const token::TokenInfo& info : std::as_const(*tokens)) {
            const token::VendorProfile profile = loaded->declaredProfile(info);
            if (!info.initialized) {
                out() << QStringLiteral("  ")
                      << QCoreApplication::translate("certdesk::Cli", "(blank UKey, not initialized)")
                      << QStringLiteral("  ") << QStringLiteral("%1 %2").arg(info.manufacturer, info.model)
                      << Qt::endl;
                continue;
            }
            out() << QStringLiteral("  \"%1\"").arg(info.label) << QStringLiteral("  ")
                  << QCoreApplication::translate("certdesk::Cli", "serial %1").arg(info.serialNumber)
                  << QStringLiteral("  ") << QStringLiteral("%1 %2").arg(info.manufacturer, info.model)
                  << QStringLiteral("  ")
                  << QCoreApplication::translate("certdesk::Cli", "PIN: %1").arg(pinState(info.pin))
                  << QStringLiteral("  ")
                  << QCoreApplication::translate("certdesk::Cli", "profile: %1").arg(profile.name)
                  << Qt::endl;
        }
    }
    out() << Qt::flush;
    return result;
}

int tokenProbe(const QStringList& arguments)
{
    // Internal (not in the overview): ModuleLoader in the parent runs this in a child process before loading
    // a module in-process (core/token/ModuleProbe.h). If the module crashes or hangs, only this process goes.
    // The verdict on stdout is machine-read, so it stays English: "ok" or "failed <StatusName> <detail>".
    QCommandLineParser parser;
    // Internal and machine-driven, so deliberately untranslated (not a string for the catalogue).
    parser.setApplicationDescription(QStringLiteral(
        "Internal: tries a PKCS#11 module in this process (initialize, list slots) and prints \"ok\" or "
        "\"failed <status> <detail>\"."));
    const QCommandLineOption module = moduleOption();
    parser.addOption(module);
    int exitCode = ExitSuccess;
    if (!parseCommand(parser, arguments, &exitCode))
        return exitCode;
    bool ok = true;
    const QString path = requiredValue(parser, module, arguments.first(), &ok);
    if (!ok)
        return ExitUsage;
    // This process is the probe: probing again would recurse.
    token::ModuleLoader::setProbe(nullptr);
    const auto failed = [](const token::TokenError& error) {
        QString detail = error.detail;
        detail.replace(QLatin1Char('\n'), QLatin1Char(' '));
        out() << QStringLiteral("failed ") << token::tokenStatusName(error.status) << QLatin1Char(' ')
              << detail << Qt::endl;
        return ExitToken;
    };
    token::TokenResult<token::Pkcs11Module> loaded = token::ModuleLoader::load(path);
    if (!loaded)
        return failed(loaded.error());
    // tokens() is C_GetSlotList and C_GetTokenInfo: what every caller does right after loading.
    token::TokenResult<QList<token::TokenInfo>> tokens = loaded->tokens();
    if (!tokens)
        return failed(tokens.error());
    out() << QStringLiteral("ok") << Qt::endl;
    return ExitSuccess;
}

int tokenShow(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("certdesk::Cli",
        "Shows one UKey: its PIN state, the vendor profile CertDesk uses for it, "
        "and the certificates and public keys on it (no PIN is needed)."));
    const QCommandLineOption module = moduleOption();
    const QCommandLineOption tokenLabel = tokenOption();
    const QCommandLineOption serial = serialOption();
    parser.addOptions({module, tokenLabel, serial});
    int exitCode = ExitSuccess;
    if (!parseCommand(parser, arguments, &exitCode))
        return exitCode;
    bool ok = true;
    const QString path = requiredValue(parser, module, arguments.first(), &ok);
    const QString label = requiredValue(parser, tokenLabel, arguments.first(), &ok);
    if (!ok)
        return ExitUsage;

    token::TokenResult<token::Pkcs11Module> loaded = token::ModuleLoader::load(path);
    if (!loaded)
        return tokenFailure(path, loaded.error());
    token::TokenResult<token::TokenInfo> info = loaded->findToken(label, parser.value(serial));
    if (!info)
        return tokenFailure(label, info.error());
    token::TokenResult<token::TokenSession> session = loaded->openSession(*info);
    if (!session)
        return tokenFailure(label, session.error());
    const token::TokenInfo& t = session->token();
    const token::VendorProfile& profile = session->profile();
    QTextStream& o = out();
    o << QCoreApplication::translate("certdesk::Cli", "UKey: \"%1\"").arg(t.label) << Qt::endl;
    o << QCoreApplication::translate("certdesk::Cli", "Serial number: %1").arg(t.serialNumber) << Qt::endl;
    o << QCoreApplication::translate("certdesk::Cli", "Manufacturer: %1, model: %2")
             .arg(t.manufacturer, t.model)
      << Qt::endl;
    o << QCoreApplication::translate("certdesk::Cli", "Module: %1").arg(path) << Qt::endl;
    o << QCoreApplication::translate("certdesk::Cli", "PIN: %1").arg(pinState(t.pin));
    if (t.pin.minLength > 0)
        o << QStringLiteral(" (")
          << QCoreApplication::translate("certdesk::Cli", "%1 to %2 characters")
                 .arg(t.pin.minLength)
                 .arg(t.pin.maxLength)
          << QLatin1Char(')');
    o << Qt::endl;
    o << QCoreApplication::translate("certdesk::Cli",
        "Vendor profile: %1 (SM2 keys generated on the UKey: %2; SM2 signing on the UKey: %3)")
             .arg(profile.name, yesNo(profile.canGenerateOnToken()), yesNo(profile.canSignOnToken()))
      << Qt::endl;

    token::TokenResult<QList<token::TokenCertificate>> certificates = session->certificates();
    if (!certificates)
        return tokenFailure(label, certificates.error());
    o << QCoreApplication::translate("certdesk::Cli", "Certificates: %1").arg(certificates->size())
      << Qt::endl;
    for (const token::TokenCertificate& certificate : std::as_const(*certificates)) {
        // Serial, algorithm, validity and issuer only: the subject names a person or an organisation.
        const pki::PkiResult<pki::CertificateInfo> parsed = certificate.info();
        o << QStringLiteral("  \"%1\"  id %2")
                 .arg(certificate.label, QString::fromLatin1(certificate.id.toHex()));
        if (parsed)
            o << QStringLiteral("  ")
              << QCoreApplication::translate("certdesk::Cli", "serial %1").arg(parsed->serialHex)
              << QStringLiteral("  ") << parsed->keyAlgorithm << QStringLiteral("  ")
              << QCoreApplication::translate("certdesk::Cli", "valid %1 to %2")
                     .arg(shanghai(parsed->notBefore), shanghai(parsed->notAfter))
              << QStringLiteral("  ")
              << QCoreApplication::translate("certdesk::Cli", "issuer %1").arg(parsed->issuer.commonName);
        o << Qt::endl;
    }
    token::TokenResult<QList<token::TokenKey>> keys = session->keys();
    if (!keys)
        return tokenFailure(label, keys.error());
    o << QCoreApplication::translate("certdesk::Cli", "Public keys: %1").arg(keys->size()) << Qt::endl;
    for (const token::TokenKey& key : std::as_const(*keys)) {
        const QString algorithm = key.algorithm == token::KeyAlgorithm::Sm2 ? QStringLiteral("SM2")
            : key.algorithm == token::KeyAlgorithm::Rsa                     ? QStringLiteral("RSA")
            : key.algorithm == token::KeyAlgorithm::Ec                      ? QStringLiteral("EC")
                                                                            : QStringLiteral("?");
        o << QStringLiteral("  \"%1\"  id %2  %3")
                 .arg(key.label, QString::fromLatin1(key.id.toHex()), algorithm);
        if (key.canSign)
            o << QStringLiteral("  ") << QCoreApplication::translate("certdesk::Cli", "verify");
        if (key.canDecrypt)
            o << QStringLiteral("  ") << QCoreApplication::translate("certdesk::Cli", "encrypt");
        o << Qt::endl;
    }
    o << Qt::flush;
    return ExitSuccess;
}

int tokenProgram(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("certdesk::Cli",
            "Programs a blank UKey for an approved application: signs in as counter "
            "staff, has the CA issue the SM2 signing and encryption certificates, "
            "writes and verifies them, and confirms the issuance. On any failure "
            "nothing is left on the UKey and the application stays approved.")
        + QLatin1Char('\n')
        + QCoreApplication::translate("certdesk::Cli",
            "The staff user and password are asked for, or read from CERTDESK_STAFF_USER and "
            "CERTDESK_STAFF_PASSWORD; the UKey PIN is asked for, or read from CERTDESK_PIN (empty on a "
            "PIN-pad "
            "reader)."));
    const QCommandLineOption server(QStringLiteral("server"),
        QCoreApplication::translate(
            "certdesk::Cli", "Counter service base URL, e.g. https://counter.example.cn."),
        QStringLiteral("url"));
    const QCommandLineOption application(QStringLiteral("application"),
        QCoreApplication::translate("certdesk::Cli", "Application ID (approved)."), QStringLiteral("id"));
    const QCommandLineOption module = moduleOption();
    const QCommandLineOption tokenLabel = tokenOption();
    const QCommandLineOption serial = serialOption();
    const QCommandLineOption caFile(QStringLiteral("ca-file"),
        QCoreApplication::translate("certdesk::Cli",
            "PEM file with the CA root certificate(s) the issued chain must end in (default: the root the "
            "service sends)."),
        QStringLiteral("file"));
    const QCommandLineOption profileName(QStringLiteral("profile"),
        QCoreApplication::translate("certdesk::Cli", "Vendor profile to use instead of the matched one."),
        QStringLiteral("name"));
    const QCommandLineOption serverCa = serverCaOption();
    parser.addOptions({server, application, module, tokenLabel, serial, caFile, profileName, serverCa});
    int exitCode = ExitSuccess;
    if (!parseCommand(parser, arguments, &exitCode))
        return exitCode;
    const QString command = arguments.first();
    bool ok = true;
    const QString serverUrl = requiredValue(parser, server, command, &ok);
    const QString applicationId = requiredValue(parser, application, command, &ok);
    const QString modulePath = requiredValue(parser, module, command, &ok);
    const QString label = requiredValue(parser, tokenLabel, command, &ok);
    if (!ok)
        return ExitUsage;
    api::ApiClientOptions options;
    if (!serverOptions(parser, serverCa, serverUrl, command, &options, &exitCode))
        return exitCode;

    issuance::ProgrammingRequest request;
    request.applicationId = applicationId;
    request.modulePath = modulePath;
    request.tokenLabel = label;
    request.tokenSerial = parser.value(serial);
    request.profileName = parser.value(profileName);
    if (parser.isSet(caFile)) {
        QFile file(parser.value(caFile));
        if (!file.open(QIODevice::ReadOnly))
            return usageError(QCoreApplication::translate("certdesk::Cli", "The CA file cannot be read: %1")
                                  .arg(file.fileName()),
                command);
        request.trustedRoots = pki::certificatesFromPem(file.readAll());
        if (request.trustedRoots.isEmpty())
            return usageError(
                QCoreApplication::translate("certdesk::Cli", "The CA file holds no PEM certificate: %1")
                    .arg(file.fileName()),
                command);
    }

    // --- staff sign-in ---
    const std::optional<QString> user = secretFromEnvironmentOrPrompt(
        "CERTDESK_STAFF_USER", QCoreApplication::translate("certdesk::Cli", "Staff user: "), false);
    std::optional<QString> password = user
        ? secretFromEnvironmentOrPrompt(
            "CERTDESK_STAFF_PASSWORD", QCoreApplication::translate("certdesk::Cli", "Staff password: "), true)
        : std::nullopt;
    if (!user || !password || user->isEmpty())
        return usageError(
            QCoreApplication::translate("certdesk::Cli", "No staff user and password were given."), command);
    api::ApiClient client(options);
    {
        api::ApiReply<api::StaffSession>* reply = client.staffLogin(*user, *password);
        password->fill(QChar(u'\0'));
        password.reset();
        reply->waitForFinished(std::chrono::minutes(2));
        const api::ApiResult<api::StaffSession> session = reply->result();
        delete reply;
        if (!session.ok()) {
            err() << QCoreApplication::translate("certdesk::Cli", "Staff sign-in failed: %1")
                         .arg(session.error().userMessage())
                  << Qt::endl;
            return ExitService;
        }
        if (!session.value().roles.contains(QLatin1String("counter"))) {
            err() << QCoreApplication::translate(
                "certdesk::Cli", "This staff account may not issue certificates (it has no counter role).")
                  << Qt::endl;
            return ExitService;
        }
    }

    // --- the UKey PIN, then the job ---
    std::optional<QString> pin = secretFromEnvironmentOrPrompt("CERTDESK_PIN",
        QCoreApplication::translate("certdesk::Cli", "PIN of the UKey \"%1\" (empty on a PIN-pad reader): ")
            .arg(label),
        true);
    if (!pin)
        return usageError(QCoreApplication::translate("certdesk::Cli", "No UKey PIN was given."), command);

    issuance::ProgrammingJob job(&client, request);
    // Ctrl+C while programming cancels the job (which rolls back) instead of killing the process mid-write
    // (platform/Interrupts.h).
    platform::InterruptWatcher interrupts;
    QObject::connect(&interrupts, &platform::InterruptWatcher::interrupted, &job, [&job] {
        err() << QCoreApplication::translate("certdesk::Cli", "Cancelling: removing what was written ...")
              << Qt::endl;
        job.cancel();
    });
    QEventLoop loop;
    bool succeeded = false;
    QString message;
    token::TokenStatus status = token::TokenStatus::Ok;
    const int steps = int(issuance::ProgrammingJob::Step::Done) + 1;
    QObject::connect(
        &job, &issuance::ProgrammingJob::stepChanged, &loop, [steps](issuance::ProgrammingJob::Step step) {
            out() << QStringLiteral("[%1/%2] ").arg(int(step) + 1).arg(steps)
                  << issuance::ProgrammingJob::stepDescription(step) << Qt::endl;
        });
    QObject::connect(&job, &issuance::ProgrammingJob::finished, &loop,
        [&](bool ok, const QString& text, token::TokenStatus tokenStatus) {
            succeeded = ok;
            message = text;
            status = tokenStatus;
            loop.quit();
        });
    job.start(*pin);
    pin->fill(QChar(u'\0'));
    pin.reset();
    if (job.isRunning())
        loop.exec();

    if (succeeded) {
        out() << message << Qt::endl;
        return ExitSuccess;
    }
    err() << message << Qt::endl;
    switch (job.failure()) {
    case issuance::ProgrammingJob::Failure::Token:
        return ExitToken;
    case issuance::ProgrammingJob::Failure::Service:
    case issuance::ProgrammingJob::Failure::Certificates:
        return ExitService;
    case issuance::ProgrammingJob::Failure::None:
    case issuance::ProgrammingJob::Failure::Local:
    case issuance::ProgrammingJob::Failure::Cancelled:
        break;
    }
    return status != token::TokenStatus::Ok && status != token::TokenStatus::Cancelled ? ExitToken
                                                                                       : ExitFailure;
}

} // namespace certdesk::cli
