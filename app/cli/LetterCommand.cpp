// certdesk-cli letter render: the authorization letter (授权委托书 / 申请书) of an application as PDF, the
// same form the GUI prints.
#include "Cli.h"

#include "api/ApiClient.h"
#include "print/PdfExport.h"

#include <QCoreApplication>
#include <QUrl>

#include <chrono>

namespace certdesk::cli {

int letterRender(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("certdesk::Cli",
        "Saves the authorization letter of an application as PDF, filled from the application on the "
        "service. "
        "The access token may also come from CERTDESK_ACCESS_TOKEN."));
    const QCommandLineOption server(QStringLiteral("server"),
        QCoreApplication::translate(
            "certdesk::Cli", "Counter service base URL, e.g. https://counter.example.cn."),
        QStringLiteral("url"));
    const QCommandLineOption application(QStringLiteral("application"),
        QCoreApplication::translate("certdesk::Cli", "Application ID."), QStringLiteral("id"));
    const QCommandLineOption accessToken(QStringLiteral("access-token"),
        QCoreApplication::translate("certdesk::Cli", "The application's access token."),
        QStringLiteral("token"));
    const QCommandLineOption output(QStringList {QStringLiteral("o"), QStringLiteral("output")},
        QCoreApplication::translate("certdesk::Cli", "PDF file to write."), QStringLiteral("file"));
    const QCommandLineOption serverCa = serverCaOption();
    parser.addOptions({server, application, accessToken, output, serverCa});
    int exitCode = ExitSuccess;
    if (!parseCommand(parser, arguments, &exitCode))
        return exitCode;
    const QString command = arguments.first();
    bool ok = true;
    const QString serverUrl = requiredValue(parser, server, command, &ok);
    const QString applicationId = requiredValue(parser, application, command, &ok);
    const QString path = requiredValue(parser, output, command, &ok);
    QString token = parser.value(accessToken);
    if (token.isEmpty())
        token = qEnvironmentVariable("CERTDESK_ACCESS_TOKEN");
    if (ok && token.isEmpty())
        (void)requiredValue(parser, accessToken, command, &ok);
    if (!ok)
        return ExitUsage;
    api::ApiClientOptions options;
    if (!serverOptions(parser, serverCa, serverUrl, command, &options, &exitCode))
        return exitCode;

    api::ApiClient client(options);
    api::ApiReply<Application>* reply = client.getApplication(applicationId, token);
    reply->waitForFinished(std::chrono::minutes(2));
    const api::ApiResult<Application> application_ = reply->result();
    delete reply;
    if (!application_.ok()) {
        err() << QCoreApplication::translate("certdesk::Cli", "The application could not be read: %1")
                     .arg(application_.error().userMessage())
              << Qt::endl;
        return ExitService;
    }
    const print::PrintResult printed = print::renderLetterPdf(application_.value(), path);
    if (!printed) {
        err() << printed.message() << Qt::endl;
        return ExitFailure;
    }
    out() << QCoreApplication::translate("certdesk::Cli", "Letter saved: %1").arg(path) << Qt::endl;
    return ExitSuccess;
}

} // namespace certdesk::cli
